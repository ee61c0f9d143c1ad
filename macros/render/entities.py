"""Pages of one cause, one body area and one nerve root, in the order a worried reader asks:
the answer first, then likely causes, the warning signs that matter here, what helps, and the
details (anatomy, muscles, nerve roots) last and collapsed."""

from __future__ import annotations

from macros.kb import models as m
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.labels import PLACE_ALONE, frequency_tag, reflex_text, seriousness_badge
from macros.render.lists import faq_section, terms_line
from macros.render.markdown import bullets, details, esc, link, page_href, region_title
from macros.render.signs import WARNING_PAGE, sign_boxes
from macros.render.summary import in_short

ROOTS_INDEX = "roots/index.md"


def _doctor_section(signs: list[m.WarningSign], v: Views, here: str, citer: Citer) -> str:
    """The "When to see a doctor" section of a cause, area or root page: its signs, then all of them."""
    boxes = sign_boxes(signs, v, here, citer) if signs else ""
    every = f"See [all warning signs]({page_href(here, WARNING_PAGE)}), and check them against how you feel.\n"
    return "\n".join(part for part in ("## When to see a doctor\n", boxes, every) if part)


def cause_page(v: Views, cause_id: str, here: str, citer: Citer) -> str:
    """The page of one cause."""
    c = v.causes[cause_id]
    out = [f"# {esc(c.name)}\n"]
    if c.in_short:
        out.append(in_short(c.in_short, c, here, citer, c.seriousness))
    else:
        out.append(f"{seriousness_badge(c.seriousness)}\n")
    out.append(f"## What it is\n\n{esc(c.summary)}{citer.cite(c)}\n")
    if c.synonyms:
        out.append(f"*Also called: {esc(', '.join(c.synonyms))}.*\n")
    out.append(f"{esc(c.mechanism)} {esc(c.pattern)}{citer.cite(c)}\n")
    signs = v.signs_for_cause(c.id) or (v.general_signs if c.seriousness == "benign" else [])
    out.append(_doctor_section(signs, v, here, citer))
    out.append("## What helps\n" + bullets([esc(h) for h in c.helps]).rstrip() + citer.cite(c) + "\n")
    out.append(faq_section(v.faqs_about("causes", c.id), here, citer))
    more = []
    regions = [link(here, "regions", r, v.regions[r].name) for r in c.regions if r in v.regions]
    if regions:
        more.append("Body areas: " + ", ".join(regions) + ".")
    roots = [link(here, "roots", r, v.roots[r].label) for r in c.roots if r in v.roots]
    if roots:
        more.append("Nerve roots involved: " + ", ".join(roots) + ".")
    words = terms_line(c.terms, v, here)
    if words:
        more.append(words.strip())
    if more:
        out.append(details("Body areas, nerve roots and words used here", "\n\n".join(more), css="ta-more"))
    return "\n".join(part for part in out if part)


def region_page(v: Views, region_id: str, here: str, citer: Citer) -> str:
    """The page of one body area: its causes and signs derive from the cause and sign records."""
    r = v.regions[region_id]
    out = [f"# {esc(region_title(r.name))}\n"]
    if r.in_short:
        out.append(in_short(r.in_short, r, here, citer))
    causes = v.causes_for_region(r.id)
    if causes:
        items = []
        for c in causes:
            what = esc(c.in_short.what) if c.in_short else esc(c.summary)
            tags = " ".join(t for t in (frequency_tag(c.frequency), seriousness_badge(c.seriousness)) if t)
            items.append(f"{link(here, 'causes', c.id, c.name)} {tags}: {what}")
        # "Common" only where a cause is tagged so: the tongue's causes are all rare.
        heading = "Common causes" if any(c.frequency == "common" for c in causes) else "Possible causes"
        out.append(f"## {heading}\n" + bullets(items).rstrip() + citer.cite(*causes) + "\n")
    out.append(_doctor_section(v.signs_for_region(r.id), v, here, citer))
    out.append(faq_section(v.faqs_about("regions", r.id), here, citer))
    out.append(
        details(
            f"About the {esc(r.name.lower())}: muscles and nerve roots",
            _region_details(r, v, here, citer),
            css="ta-more",
        )
    )
    return "\n".join(part for part in out if part)


def _region_details(r: m.Region, v: Views, here: str, citer: Citer) -> str:
    parts = [f"{esc(r.description)}{citer.cite(r)}"]
    if r.synonyms:
        parts.append(f"*Also called: {esc(', '.join(r.synonyms))}.*")
    muscles = v.muscles_in_region(r.id)
    if muscles:
        items = [f"{esc(x.name)}: {esc(x.action)}" for x in muscles]
        parts.append("**Muscles here**\n" + bullets(items).rstrip() + citer.cite(*muscles))
    roots = v.roots_for_region(r.id)
    if roots:
        items = [f"{link(here, 'roots', x.id, x.label)}: {esc(x.name)}" for x in roots]
        parts.append("**Nerve roots whose trouble can show here**\n" + bullets(items).rstrip() + citer.cite(*roots))
    sensing = v.roots_sensing_region(r.id)
    if sensing:
        parts.append(
            "Nerve roots that carry feeling from this skin: "
            + ", ".join(link(here, "roots", x.id, x.label) for x in sensing)
            + "."
        )
    parts.append(PLACE_ALONE)
    return "\n\n".join(parts)


def root_page(v: Views, root_id: str, here: str, citer: Citer) -> str:
    """The page of one nerve root: the answer and the warning signs first, then the reference
    details (movements, muscles, skin area, reflex, nerves)."""
    r = v.roots[root_id]
    out = [f"# {r.label}: {esc(r.name)}\n"]
    if r.in_short:
        out.append(in_short(r.in_short, r, here, citer))
    out.append(_doctor_section(v.signs_for_root(r.id) or v.general_signs, v, here, citer))
    if r.aliases:
        out.append(f"*Also written: {esc(', '.join(r.aliases))}.*\n")
    out.append("## Movements it powers\n" + bullets([esc(x) for x in r.movements]).rstrip() + citer.cite(r) + "\n")
    muscles = [v.muscles[x] for x in r.key_muscles if x in v.muscles]
    items = [f"{esc(x.name)}: {esc(x.action)}" for x in muscles]
    out.append("## Key muscles\n" + bullets(items).rstrip() + citer.cite(*muscles) + "\n")
    if r.isncsci_key_muscle:
        out.append(f"Standard test muscle group (ISNCSCI): {esc(r.isncsci_key_muscle)}.{citer.cite(r)}\n")
    areas = ", ".join(link(here, "regions", x, v.regions[x].name) for x in r.sensory_regions if x in v.regions)
    out.append(f"## Skin area (dermatome)\n\n{esc(r.sensory_area)} Body areas: {areas}.{citer.cite(r)}\n")
    note = f" {esc(r.reflex_note)}" if r.reflex_note else ""
    out.append(f"## Reflex\n\n{reflex_text(r.reflexes)}.{note}{citer.cite(r)}\n")
    shows = ", ".join(link(here, "regions", x, v.regions[x].name) for x in r.twitch_regions if x in v.regions)
    out.append(f"## Where weakness or twitching can show\n\n{shows}. {esc(r.weakness)}{citer.cite(r)}\n")
    deficits = [v.deficits[d] for d in r.deficits if d in v.deficits]
    if deficits:
        out.append("## Signs a doctor may find\n")
        for d in deficits:  # one heading each, so a search for "foot drop" lands here
            out.append(f"### {esc(d.name)}\n\n{esc(d.description)}{citer.cite(d)}\n")
    nerves = [v.nerves[n] for n in r.nerves if n in v.nerves]
    items = [f"{esc(n.name)} ({esc(n.root_values)}): {esc(n.supplies)}" for n in nerves]
    out.append("## Nerves that carry it\n" + bullets(items).rstrip() + citer.cite(*nerves) + "\n")
    if r.symptoms:
        out.append(
            "## Other symptoms that can come with it\n"
            + bullets([esc(s) for s in r.symptoms]).rstrip()
            + citer.cite(r)
            + "\n"
        )
    if r.alternatives:
        notes = [esc(a.note) for a in r.alternatives]
        out.append(
            "## Where sources differ\n"
            + bullets(notes).rstrip()
            + citer.cite(*(_alt_record(a, r) for a in r.alternatives))
            + "\n"
        )
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
