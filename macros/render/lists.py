"""Pages that list every record of a kind: causes, body areas, the root table, comparisons,
figures, FAQs, the glossary and the references. Long lists open with a jump list and keep each
entry collapsed; tables become one card per row on a phone."""

from __future__ import annotations

import html
from itertools import groupby

from macros.kb import models as m
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.labels import (
    BODY_PART_LABEL,
    CATEGORY_LABEL,
    KIND_LABEL,
    TOPIC_LABEL,
    reflex_text,
    seriousness_badge,
)
from macros.render.markdown import bullets, cards_table, esc, html_link, link, page_href, words_date


def faq_section(faqs: list[m.Faq], here: str, citer: Citer, heading: str = "## Questions people ask\n") -> str:
    """FAQs shown on another page, each linking to its place on the FAQ page."""
    if not faqs:
        return ""
    out = [heading]
    for f in faqs:
        out.append(f"**{link(here, 'faqs', f.id, f.question)}**\n")
        out.append(f"{esc(f.answer)}{citer.cite(f)}\n")
    return "\n".join(out)


def faqs_page(v: Views, here: str, citer: Citer) -> str:
    """Every FAQ by topic: the questions first as a jump list, then each answer collapsed under
    its question. The question is a heading (allowed inside <summary>): the page's outline lists
    it, and the search index gives it an entry of its own, so a search lands on the question."""
    order = list(TOPIC_LABEL)
    faqs = sorted(v.kb.faqs, key=lambda f: order.index(f.topic))
    jump = [f"[{esc(f.question)}](#faq-{f.id})" for f in faqs]
    # The jump list repeats every question: kept out of the search index, where each question is
    # its own entry (the heading inside its summary).
    out = [
        '<nav class="ta-jump" aria-label="Questions on this page" data-search-exclude markdown>\n'
        + bullets(jump)
        + "</nav>\n"
    ]
    for topic, group in groupby(faqs, key=lambda f: f.topic):
        out.append(f"## {TOPIC_LABEL[topic]}\n")
        for f in group:
            related = [link(here, "causes", c, v.causes[c].name) for c in f.causes if c in v.causes]
            related += [link(here, "regions", r, v.regions[r].name) for r in f.regions if r in v.regions]
            related += [link(here, "roots", r, v.roots[r].label) for r in f.roots if r in v.roots]
            more = f"\n\nRelated: {', '.join(related)}." if related else ""
            out.append(
                f'<details class="ta-entry" markdown>\n<summary><h3 id="faq-{f.id}">{html.escape(f.question)}</h3>'
                f"</summary>\n\n{esc(f.answer)}{citer.cite(f)}{more}\n\n</details>\n"
            )
    return "\n".join(out)


def terms_line(term_ids: list[str], v: Views, here: str) -> str:
    """'Words used here' line linking to glossary entries."""
    links = [link(here, "glossary", t, v.terms[t].term) for t in term_ids if t in v.terms]
    return f"**Words used here:** {', '.join(links)}.\n" if links else ""


def _initial(text: str) -> str:
    first = text.strip()[:1].upper()
    return first if first.isalpha() else "#"


def _letters(initials: list[str], kind: str) -> str:
    """An A-Z jump list of the letters that have entries."""
    links = " ".join(f'<a href="#{kind}-{letter.lower()}">{letter}</a>' for letter in dict.fromkeys(initials))
    return f'<nav class="ta-jump ta-jump--letters" aria-label="Jump to a letter" data-search-exclude>{links}</nav>\n'


def glossary_page(v: Views, here: str, citer: Citer) -> str:
    """Every glossary term, A to Z, each definition collapsed under its word."""
    terms = sorted(v.kb.glossary, key=lambda t: t.term.lower())
    out = [_letters([_initial(t.term) for t in terms], "letter")]
    for letter, group in groupby(terms, key=lambda t: _initial(t.term)):
        out.append(f"## {letter} {{#letter-{letter.lower()}}}\n")
        for t in group:
            also = f"\n\n*Also: {esc(', '.join(t.aliases))}.*" if t.aliases else ""
            see = [link(here, "glossary", s, v.terms[s].term) for s in t.see_also if s in v.terms]
            more = f"\n\nSee also: {', '.join(see)}." if see else ""
            out.append(
                f'<details class="ta-entry" id="term-{t.id}" markdown>\n<summary>{html.escape(t.term)}</summary>\n\n'
                f"{esc(t.definition)}{citer.cite(t)}{also}{more}\n\n</details>\n"
            )
    return "\n".join(out)


def causes_index(v: Views, here: str, citer: Citer) -> str:
    """Causes grouped by category, each with how worrying it is."""
    out = []
    order = list(CATEGORY_LABEL)
    causes = sorted(v.kb.causes, key=lambda c: order.index(c.category))
    for category, group in groupby(causes, key=lambda c: c.category):
        members = list(group)
        rows = [
            [html_link(here, "causes", c.id, c.name), seriousness_badge(c.seriousness), html.escape(c.summary)]
            for c in members
        ]
        out.append(f"## {CATEGORY_LABEL[category]}\n")
        out.append(cards_table(["Cause", "How worrying", "What it is"], rows) + citer.cite(*members) + "\n")
    return "\n".join(out)


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


def roots_table(v: Views, here: str, citer: Citer) -> str:
    """The root-to-muscle table, L2 to S2."""
    rows = []
    for r in v.kb.roots:
        muscles = ", ".join(html.escape(v.muscles[x].name) for x in r.key_muscles if x in v.muscles)
        nerves = ", ".join(html.escape(v.nerves[x].name) for x in r.nerves if x in v.nerves)
        shows = ", ".join(html_link(here, "regions", x, v.regions[x].name) for x in r.twitch_regions if x in v.regions)
        rows.append(
            [
                html_link(here, "roots", r.id, r.label),
                f"{html.escape('; '.join(r.movements))} ({muscles})",
                html.escape(r.sensory_area),
                reflex_text(r.reflexes),
                shows,
                nerves,
            ]
        )
    headers = [
        "Root",
        "Key muscles and movements",
        "Skin area",
        "Reflex",
        "Where weakness or twitching shows",
        "Nerves",
    ]
    return cards_table(headers, rows) + citer.cite(*v.kb.roots) + "\n"


def comparison_table(v: Views, here: str, citer: Citer) -> str:
    """The twitch vs look-alikes table."""
    rows = []
    for c in v.kb.comparisons:
        name = html_link(here, "glossary", c.term, c.name) if c.term in v.terms else html.escape(c.name)
        rows.append(
            [
                f'<span id="compare-{c.id}">{name}</span>',
                html.escape(c.what_it_is),
                html.escape(c.how_it_differs),
                c.painful,
                c.moves_the_limb,
                c.rhythmic,
                c.usually_harmless,
            ]
        )
    headers = [
        "Movement",
        "What it is",
        "How it differs from a twitch",
        "Painful?",
        "Moves the limb?",
        "Rhythmic?",
        "Usually harmless?",
    ]
    return cards_table(headers, rows) + citer.cite(*v.kb.comparisons) + "\n"


def figures_table(v: Views, here: str, citer: Citer) -> str:
    """Every stored figure: what was counted, the value, and its context."""
    rows = [
        [html.escape(f.quantity), f"<strong>{html.escape(f.value)}</strong>", html.escape(f.context)]
        for f in v.kb.figures
    ]
    return cards_table(["What was counted", "Figure", "Context"], rows) + citer.cite(*v.kb.figures) + "\n"


def figure_text(v: Views, figure_id: str, citer: Citer) -> str:
    """A stored figure's value with its citation, for use inside prose."""
    f = v.figures[figure_id]
    return f"{esc(f.value)}{citer.cite(f)}"


def references_page(v: Views, here: str, pages: dict[str, list[tuple[str, str]]]) -> str:
    """Every source in full, A to Z by title, with the pages that cite it."""
    sources = sorted(v.kb.sources, key=lambda s: s.title.lower())
    out = [_letters([_initial(s.title) for s in sources], "ref")]
    for letter, group in groupby(sources, key=lambda s: _initial(s.title)):
        out.append(f"## {letter} {{#ref-{letter.lower()}}}\n")
        for s in group:
            out.append(_reference(s, here, pages.get(s.id, [])))
    return "\n".join(out)


def _reference(s: m.Source, here: str, cited_on: list[tuple[str, str]]) -> str:
    """One source in full: who, what, when, how to find it, and where the site cites it."""
    title = f"[{esc(s.title)}]({s.link})" if s.link else esc(s.title)
    parts = [p for p in (esc(s.authors) if s.authors else "", esc(s.publisher), str(s.year or "n.d.")) if p]
    found = [f"DOI [{s.doi}](https://doi.org/{s.doi})" if s.doi else "", f"PMID {s.pmid}" if s.pmid else ""]
    found += [f"ISBN {s.isbn}" if s.isbn else "", f"{esc(s.edition)} edition" if s.edition else ""]
    found += [f"chapter {esc(s.chapter)}" if s.chapter else ""]
    lines = [f"### {title} {{#{s.id}}}\n", f"{'. '.join(parts)}.  "]
    identifiers = ", ".join(p for p in found if p)
    lines.append(
        f"{KIND_LABEL[s.kind]}{f'; {identifiers}' if identifiers else ''}. Checked {words_date(s.accessed)}.\n"
    )
    if s.note:
        lines.append(f"*{esc(s.note)}*\n")
    if cited_on:
        pages = ", ".join(f"[{esc(title)}]({page_href(here, page)})" for page, title in cited_on)
        lines.append(f"Cited on: {pages}.\n")
    return "\n".join(lines)
