"""Page bodies: pure functions (views, current page, citer) -> Markdown, one per page kind."""

from __future__ import annotations

from itertools import groupby

from macros.kb import models as m
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.markdown import (
    BODY_PART_LABEL,
    CATEGORY_LABEL,
    TOPIC_LABEL,
    URGENCY_SHORT,
    URGENCY_TITLE,
    bullets,
    cell,
    cited,
    esc,
    link,
    page_href,
    region_title,
    seriousness_badge,
    urgency_badge,
    urgency_card,
)

ROOTS_INDEX = "roots/index.md"


# --- Warning signs -------------------------------------------------------------------------------


def signs_by_level(v: Views) -> list[tuple[str, list[m.WarningSign]]]:
    """(urgency, signs) for every tier that has signs, emergency first."""
    levels = [(level, [s for s in v.kb.signs if s.urgency == level]) for level in m.URGENCY_ORDER]
    return [(level, signs) for level, signs in levels if signs]


def urgency_overview(v: Views, here: str, citer: Citer) -> str:
    """Home-page summary: each urgency tier, emergency first, with its signs as links."""
    parts = []
    for level, signs in signs_by_level(v):
        items = [f"{link(here, 'signs', s.id, s.name)}{citer.cite(s)}" for s in signs]
        parts.append(urgency_card(level, bullets(items)))
    return "\n".join(parts)


def sign_card(sign: m.WarningSign, v: Views, here: str, citer: Citer, title: str | None = None) -> str:
    """One warning sign as its tier's care card, with what to do and related causes."""
    body = [cited(sign.description, sign, citer)]
    body += ["", f"**What to do:** {esc(sign.action)}"]
    causes = [link(here, "causes", c, v.causes[c].name) for c in sign.causes if c in v.causes]
    if causes:
        body += ["", f"Can be linked with: {', '.join(causes)}."]
    return urgency_card(sign.urgency, "\n".join(body), title=title)


def signs_page(v: Views, here: str, citer: Citer) -> str:
    """Every warning sign grouped by urgency, emergency first."""
    out = []
    for level, signs in signs_by_level(v):
        out.append(f"## {URGENCY_TITLE[level]} {{#{level}}}\n")
        for sign in signs:
            out.append(f"### {esc(sign.name)} {{#sign-{sign.id}}}\n")
            out.append(sign_card(sign, v, here, citer, title=URGENCY_SHORT[sign.urgency]))
    related = [f for f in v.kb.faqs if f.signs]
    out.append(faq_section(related, here, citer))
    return "\n".join(out)


def signs_list(signs: list[m.WarningSign], here: str, citer: Citer) -> str:
    """A compact list of warning signs with their urgency label (for entity pages)."""
    if not signs:
        return ""
    items = [
        f"{urgency_badge(s.urgency)} {link(here, 'signs', s.id, s.name)}: {esc(s.action)}{citer.cite(s)}" for s in signs
    ]
    return bullets(items)


# --- Comparisons ---------------------------------------------------------------------------------


def comparison_table(v: Views, here: str, citer: Citer) -> str:
    """The twitch vs look-alikes table."""
    head = "| Movement | What it is | How it differs from a twitch | Painful? | Moves the limb? | Rhythmic? | Usually harmless? |"
    rows = [head, "|---|---|---|---|---|---|---|"]
    for c in v.kb.comparisons:
        name = link(here, "glossary", c.term, c.name) if c.term in v.terms else esc(c.name)
        rows.append(
            f"| {name} | {cell(c.what_it_is)}{citer.cite(c)} | {cell(c.how_it_differs)} | "
            f"{c.painful} | {c.moves_the_limb} | {c.rhythmic} | {c.usually_harmless} |"
        )
    return '<div class="ta-table" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


# --- Causes --------------------------------------------------------------------------------------


def causes_index(v: Views, here: str, citer: Citer) -> str:
    """Causes grouped by category, each with its seriousness."""
    out = []
    order = list(CATEGORY_LABEL)
    causes = sorted(v.kb.causes, key=lambda c: order.index(c.category))
    for category, group in groupby(causes, key=lambda c: c.category):
        out.append(f"## {CATEGORY_LABEL[category]}\n")
        rows = ["| Cause | How worrying | What it is |", "|---|---|---|"]
        for c in group:
            rows.append(
                f"| {link(here, 'causes', c.id, c.name)} | {seriousness_badge(c.seriousness)} | "
                f"{cell(c.summary)}{citer.cite(c)} |"
            )
        out.append("\n".join(rows) + "\n")
    return "\n".join(out)


def cause_page(v: Views, cause_id: str, here: str, citer: Citer) -> str:
    """The page of one cause."""
    c = v.causes[cause_id]
    out = [f"# {esc(c.name)}\n", f"{seriousness_badge(c.seriousness)}\n"]
    if c.synonyms:
        out.append(f"*Also called: {esc(', '.join(c.synonyms))}.*\n")
    out.append(f"{cited(c.summary, c, citer)}\n")
    out.append(f"## How it causes twitching\n\n{cited(c.mechanism, c, citer)}\n")
    out.append(f"## Typical pattern\n\n{cited(c.pattern, c, citer)}\n")
    out.append("## What helps\n" + bullets([cited(h, c, citer) for h in c.helps]))
    signs = v.signs_for_cause(c.id)
    out.append("## Warning signs\n")
    out.append(
        signs_list(signs, here, citer)
        if signs
        else f"See the [warning signs]({page_href(here, 'warning-signs.md')}) that apply to every kind of twitching.\n"
    )
    regions = [link(here, "regions", r, v.regions[r].name) for r in c.regions if r in v.regions]
    if regions:
        out.append("## Body areas\n\n" + ", ".join(regions) + ".\n")
    roots = [link(here, "roots", r, v.roots[r].label) for r in c.roots if r in v.roots]
    if roots:
        out.append("## Nerve roots involved\n\n" + ", ".join(roots) + ".\n")
    out.append(faq_section(v.faqs_about("causes", c.id), here, citer))
    out.append(terms_line(c.terms, v, here))
    return "\n".join(part for part in out if part)


# --- Roots ---------------------------------------------------------------------------------------


def _region_links(ids: list[str], v: Views, here: str) -> str:
    return ", ".join(link(here, "regions", r, v.regions[r].name) for r in ids if r in v.regions)


def _reflex_text(root: m.Root) -> str:
    names = {"knee-jerk": "Knee jerk", "ankle-jerk": "Ankle jerk"}
    return " and ".join(names[r] for r in root.reflexes) or "No reliable routine reflex"


def roots_table(v: Views, here: str, citer: Citer) -> str:
    """The root-to-muscle table, L2 to S2."""
    head = "| Root | Key muscles and movements | Skin area (dermatome) | Reflex | Where twitching or weakness shows | Nerves |"
    rows = [head, "|---|---|---|---|---|---|"]
    for r in v.kb.roots:
        muscles = ", ".join(esc(v.muscles[x].name) for x in r.key_muscles if x in v.muscles)
        nerves = ", ".join(esc(v.nerves[x].name) for x in r.nerves if x in v.nerves)
        rows.append(
            f"| {link(here, 'roots', r.id, r.label)} | {cell('; '.join(r.movements))} ({muscles}) | "
            f"{cell(r.sensory_area)} | {_reflex_text(r)} | {_region_links(r.twitch_regions, v, here)}"
            f"{citer.cite(r)} | {nerves} |"
        )
    return '<div class="ta-table" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def root_page(v: Views, root_id: str, here: str, citer: Citer) -> str:
    """The page of one nerve root."""
    r = v.roots[root_id]
    out = [f"# {r.label}: {esc(r.name)}\n"]
    if r.aliases:
        out.append(f"*Also written: {esc(', '.join(r.aliases))}.*\n")
    out.append("## Movements it powers\n" + bullets([cited(x, r, citer) for x in r.movements]))
    muscles = [
        f"{esc(v.muscles[x].name)}: {esc(v.muscles[x].action)}{citer.cite(v.muscles[x])}"
        for x in r.key_muscles
        if x in v.muscles
    ]
    out.append("## Key muscles\n" + bullets(muscles))
    if r.isncsci_key_muscle:
        out.append(f"Standard test muscle group (ISNCSCI): {esc(r.isncsci_key_muscle)}.{citer.cite(r)}\n")
    out.append(f"## Skin area (dermatome)\n\n{cited(r.sensory_area, r, citer)}\n")
    out.append(f"Body areas: {_region_links(r.sensory_regions, v, here)}.\n")
    reflex = _reflex_text(r)
    note = f" {esc(r.reflex_note)}" if r.reflex_note else ""
    out.append(f"## Reflex\n\n{reflex}.{note}{citer.cite(r)}\n")
    out.append(f"## Where twitching or weakness shows\n\n{_region_links(r.twitch_regions, v, here)}.{citer.cite(r)}\n")
    out.append(f"{cited(r.weakness, r, citer)}\n")
    deficits = [v.deficits[d] for d in r.deficits if d in v.deficits]
    if deficits:
        out.append("## Signs a doctor may find\n")
        for d in deficits:  # one heading each, so a search for "foot drop" lands here
            out.append(f"### {esc(d.name)}\n\n{cited(d.description, d, citer)}\n")
    nerves = [
        f"{esc(v.nerves[n].name)} ({esc(v.nerves[n].root_values)}): {esc(v.nerves[n].supplies)}{citer.cite(v.nerves[n])}"
        for n in r.nerves
        if n in v.nerves
    ]
    out.append("## Nerves that carry it\n" + bullets(nerves))
    if r.symptoms:
        out.append("## Other symptoms that can come with it\n" + bullets([cited(s, r, citer) for s in r.symptoms]))
    if r.alternatives:
        notes = [f"{esc(a.note)}{citer.cite(_alt_record(a, r))}" for a in r.alternatives]
        out.append("## Where sources differ\n" + bullets(notes))
    causes = [link(here, "causes", c.id, c.name) for c in v.causes_for_root(r.id)]
    if causes:
        out.append("## Causes that can involve this root\n\n" + ", ".join(causes) + ".\n")
    out.append(faq_section(v.faqs_about("roots", r.id), here, citer))
    out.append(terms_line(r.terms, v, here))
    out.append(f"[All nerve roots in one table]({page_href(here, ROOTS_INDEX)})\n")
    return "\n".join(part for part in out if part)


def _alt_record(alt: m.Alternative, root: m.Root) -> m.Record:
    """A citable stand-in for an alternative: its own sources, the root's review date."""
    return m.Record(id=root.id, sources=list(alt.sources), reviewed=root.reviewed)


# --- Regions -------------------------------------------------------------------------------------


def regions_index(v: Views, here: str, citer: Citer) -> str:
    """Body areas grouped by part of the body."""
    out = []
    order = list(BODY_PART_LABEL)
    regions = sorted(v.kb.anatomy.regions, key=lambda r: order.index(r.body_part))
    for part, group in groupby(regions, key=lambda r: r.body_part):
        out.append(f"## {BODY_PART_LABEL[part]}\n")
        items = []
        for r in group:
            also = f" (also: {esc(', '.join(r.synonyms[:3]))})" if r.synonyms else ""
            items.append(f"{link(here, 'regions', r.id, r.name)}{also}")
        out.append(bullets(items))
    return "\n".join(out)


def region_page(v: Views, region_id: str, here: str, citer: Citer) -> str:
    """The page of one body area: derived from root and cause data, never stored twice."""
    r = v.regions[region_id]
    out = [f"# {esc(region_title(r.name))}\n"]
    if r.synonyms:
        out.append(f"*Also called: {esc(', '.join(r.synonyms))}.*\n")
    out.append(f"{cited(r.description, r, citer)}\n")
    muscles = v.muscles_in_region(r.id)
    if muscles:
        items = [f"{esc(x.name)}: {esc(x.action)}{citer.cite(x)}" for x in muscles]
        out.append("## Muscles here\n" + bullets(items))
    roots = v.roots_for_region(r.id)
    if roots:
        items = [f"{link(here, 'roots', x.id, x.label)}: {esc(x.name)}{citer.cite(x)}" for x in roots]
        out.append("## Nerve roots whose trouble can show here\n" + bullets(items))
    sensing = v.roots_sensing_region(r.id)
    if sensing:
        items = [link(here, "roots", x.id, x.label) for x in sensing]
        out.append("## Nerve roots that carry feeling from this skin\n\n" + ", ".join(items) + ".\n")
    causes = v.causes_for_region(r.id)
    if causes:
        items = [f"{link(here, 'causes', c.id, c.name)}: {seriousness_badge(c.seriousness)}" for c in causes]
        out.append("## Causes of twitching here\n" + bullets(items))
    signs = v.signs_for_region(r.id)
    if signs:
        out.append("## Warning signs\n" + signs_list(signs, here, citer))
    else:
        out.append(
            "## Warning signs\n\nSee the "
            f"[warning signs]({page_href(here, 'warning-signs.md')}) that apply to every kind of twitching.\n"
        )
    out.append(faq_section(v.faqs_about("regions", r.id), here, citer))
    return "\n".join(part for part in out if part)


# --- FAQs, glossary, references ------------------------------------------------------------------


def faq_section(faqs: list[m.Faq], here: str, citer: Citer, heading: str = "## Questions people ask\n") -> str:
    """FAQs shown on an entity page, each linking to its place on the FAQ page."""
    if not faqs:
        return ""
    out = [heading]
    for f in faqs:
        out.append(f"**{link(here, 'faqs', f.id, f.question)}**\n")
        out.append(f"{cited(f.answer, f, citer)}\n")
    return "\n".join(out)


def faqs_page(v: Views, here: str, citer: Citer) -> str:
    """Every FAQ, grouped by topic."""
    out = []
    order = list(TOPIC_LABEL)
    for topic, group in groupby(sorted(v.kb.faqs, key=lambda f: order.index(f.topic)), key=lambda f: f.topic):
        out.append(f"## {TOPIC_LABEL[topic]}\n")
        for f in group:
            out.append(f"### {esc(f.question)} {{#faq-{f.id}}}\n")
            out.append(f"{cited(f.answer, f, citer)}\n")
            related = [link(here, "causes", c, v.causes[c].name) for c in f.causes if c in v.causes]
            related += [link(here, "regions", r, v.regions[r].name) for r in f.regions if r in v.regions]
            related += [link(here, "roots", r, v.roots[r].label) for r in f.roots if r in v.roots]
            if related:
                out.append(f"Related: {', '.join(related)}.\n")
    return "\n".join(out)


def terms_line(term_ids: list[str], v: Views, here: str) -> str:
    """'Words used here' line linking to glossary entries."""
    links = [link(here, "glossary", t, v.terms[t].term) for t in term_ids if t in v.terms]
    return f"**Words used here:** {', '.join(links)}.\n" if links else ""


def glossary_page(v: Views, here: str, citer: Citer) -> str:
    """Every glossary term, alphabetically."""
    out = []
    for t in sorted(v.kb.glossary, key=lambda t: t.term.lower()):
        out.append(f"### {esc(t.term)} {{#term-{t.id}}}\n")
        out.append(f"{cited(t.definition, t, citer)}\n")
        if t.aliases:
            out.append(f"*Also: {esc(', '.join(t.aliases))}.*\n")
        see = [link(here, "glossary", s, v.terms[s].term) for s in t.see_also if s in v.terms]
        if see:
            out.append(f"See also: {', '.join(see)}.\n")
    return "\n".join(out)


def figures_table(v: Views, here: str, citer: Citer) -> str:
    """Every stored figure: what was counted, the value, and its context."""
    rows = ["| What was counted | Figure | Context |", "|---|---|---|"]
    for f in v.kb.figures:
        rows.append(f"| {cell(f.quantity)} | **{cell(f.value)}**{citer.cite(f)} | {cell(f.context)} |")
    return '<div class="ta-table" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def figure_text(v: Views, figure_id: str, citer: Citer) -> str:
    """A stored figure's value with its citation, for use inside prose."""
    f = v.figures[figure_id]
    return cited(f.value, f, citer)


def page_bodies(v: Views) -> dict[str, tuple[str, object]]:
    """Every page that shows facts from the data: source path -> (title, body function)."""
    bodies: dict[str, tuple[str, object]] = {
        "twitching.md": ("What a twitch is", lambda here, c: comparison_table(v, here, c)),
        "warning-signs.md": ("When to see a doctor", lambda here, c: signs_page(v, here, c)),
        "causes/index.md": ("Causes", lambda here, c: causes_index(v, here, c)),
        "roots/index.md": ("Nerve roots", lambda here, c: roots_table(v, here, c)),
        "faqs.md": ("Questions people ask", lambda here, c: faqs_page(v, here, c)),
        "numbers.md": ("Twitching in numbers", lambda here, c: figures_table(v, here, c)),
        "glossary.md": ("Glossary", lambda here, c: glossary_page(v, here, c)),
    }
    for c in v.kb.causes:
        bodies[f"causes/{c.id}.md"] = (c.name, lambda here, ct, i=c.id: cause_page(v, i, here, ct))
    for r in v.kb.roots:
        bodies[f"roots/{r.id}.md"] = (f"{r.label} nerve root", lambda here, ct, i=r.id: root_page(v, i, here, ct))
    for r in v.kb.anatomy.regions:
        bodies[f"body-areas/{r.id}.md"] = (r.name, lambda here, ct, i=r.id: region_page(v, i, here, ct))
    return bodies


def citing_pages(v: Views, keep: dict[str, tuple[str, Citer]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """For each source id, the (page, title) pairs that cite it, found by rendering each page;
    each page's body and citer go into ``keep``, for the build to use instead of rendering again."""
    found: dict[str, dict[str, str]] = {}
    for page, (title, body) in page_bodies(v).items():
        citer = Citer(v.sources)
        text = body(page, citer)  # type: ignore[operator]
        if keep is not None:
            keep[page] = (text, citer)
        for source_id in citer.order:
            found.setdefault(source_id, {})[page] = title
    return {k: sorted(pages.items()) for k, pages in found.items()}


def references_page(v: Views, here: str, pages: dict[str, list[tuple[str, str]]]) -> str:
    """Every source in full, with links back to the pages that cite it."""
    out = []
    for s in sorted(v.kb.sources, key=lambda s: s.title.lower()):
        year = s.year or "n.d."
        out.append(f"### {esc(s.title)} {{#{s.id}}}\n")
        out.append(
            f"{esc(s.publisher)} ({year}). [{s.url}]({s.url}){{: .ta-url }}  \n"
            f"Kind: {s.kind.replace('-', ' ')}. Accessed {s.accessed}.\n"
        )
        if s.note:
            out.append(f"*Note: {esc(s.note)}*\n")
        cited_on = [f"[{esc(title)}]({page_href(here, page)})" for page, title in pages.get(s.id, [])]
        if cited_on:
            out.append(f"Cited on: {', '.join(cited_on)}.\n")
    return "\n".join(out)
