"""Warning signs on the page: one box per sign (its symptom as the title, its tier as a tag),
grouped signs in one box, the "When to see a doctor" page with its jump list and checklist."""

from __future__ import annotations

import html

from macros.kb import models as m
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.labels import URGENCY_ACTION, URGENCY_SHORT, URGENCY_TITLE, urgency_badge, urgency_card
from macros.render.markdown import bullets, details, esc, link, page_href

WARNING_PAGE = "warning-signs.md"


def tier_href(here: str, level: str) -> str:
    """Link target of one tier's section of the warning-signs page."""
    return f"{page_href(here, WARNING_PAGE)}#{level}" if here != WARNING_PAGE else f"#{level}"


def sign_box(sign: m.WarningSign, v: Views, here: str, citer: Citer) -> str:
    """One warning sign: its symptom as the box's title, its tier as a tag, what to do. Only the
    warning-signs page puts it in the search index: a sign is found once, at its own place."""
    body = [
        f"{urgency_badge(sign.urgency)} {esc(sign.description)}{citer.cite(sign)}",
        "",
        f"**What to do:** {esc(sign.action)}",
    ]
    causes = [link(here, "causes", c, v.causes[c].name) for c in sign.causes if c in v.causes]
    if causes:
        body += ["", f"Can be linked with: {', '.join(causes)}."]
    box = urgency_card(sign.urgency, "\n".join(body), sign.name, f"sign-{sign.id}", indexed=here == WARNING_PAGE)
    return f'<div class="ta-sign" markdown>\n\n{box}\n</div>\n'


def group_box(group: m.SignGroup, signs: list[m.WarningSign], here: str, citer: Citer) -> str:
    """Signs shown together: the group's title, what they share, then each sign under a small
    heading of its own (so a search for "bladder" lands on that sign), and what to do."""
    level = min((s.urgency for s in signs), key=m.URGENCY_ORDER.index)
    indexed = here == WARNING_PAGE
    excluded = "" if indexed else " data-search-exclude"
    items = [f'<h4 id="sign-{s.id}"{excluded}>{html.escape(s.name)}</h4>\n\n{esc(s.description)}' for s in signs]
    more = bullets([f"**{esc(s.name)}**: {esc(s.action)}" for s in signs]).rstrip()
    body = [
        f"{urgency_badge(level)} {esc(group.description)}{citer.cite(group)}",
        "",
        "\n\n".join(items) + citer.cite(*signs),
        "",
        f"**What to do:** {esc(URGENCY_ACTION[level])}",
        "",
        details("What happens next, sign by sign", more, css="ta-more"),
    ]
    box = urgency_card(level, "\n".join(body), group.title, f"group-{group.id}", indexed=indexed)
    return f'<div class="ta-sign" markdown>\n\n{box}\n</div>\n'


def sign_boxes(signs: list[m.WarningSign], v: Views, here: str, citer: Citer) -> str:
    """Boxes for ``signs`` (most urgent first), the signs of one group folded into its box."""
    out, shown = [], set()
    for sign in sorted(signs, key=lambda s: m.URGENCY_ORDER.index(s.urgency)):
        if sign.group and sign.group in v.sign_groups:
            if sign.group not in shown:
                shown.add(sign.group)
                members = [s for s in signs if s.group == sign.group]
                out.append(group_box(v.sign_groups[sign.group], members, here, citer))
        else:
            out.append(sign_box(sign, v, here, citer))
    return "\n".join(out)


def by_tier(v: Views) -> list[tuple[str, list[m.WarningSign]]]:
    """(tier, its signs) for every tier that has signs, emergency first."""
    levels = [(level, [s for s in v.kb.signs if s.urgency == level]) for level in m.URGENCY_ORDER]
    return [(level, signs) for level, signs in levels if signs]


def checklist(v: Views) -> str:
    """ "Should I see a doctor?": a checkbox per sign; a script says the most urgent tier ticked.
    Hidden until the script runs, so a reader without it sees the signs by tier below. Its labels
    repeat the signs' names, so only its heading and opening line are in the search index."""
    messages = "".join(
        f' data-say-{level}="{html.escape(f"{URGENCY_SHORT[level]}: {URGENCY_ACTION[level]}", quote=True)}"'
        for level in m.URGENCY_ORDER
    )
    items = [
        f'<li><input type="checkbox" id="check-{s.id}" data-tier="{s.urgency}">'
        f'<label for="check-{s.id}">{html.escape(s.name)}</label></li>'
        for s in sorted(v.kb.signs, key=lambda s: (s.group or "", s.name))
    ]
    return (
        f'<form class="ta-checklist" data-checklist hidden aria-labelledby="checklist-title"{messages}>\n'
        '<h2 id="checklist-title">Should I see a doctor?</h2>\n'
        "<p>Tick anything that is happening to you now. The answer says how soon to get help. "
        "It cannot tell you what is wrong: only a doctor can. Nothing you tick leaves this page.</p>\n"
        '<ul class="ta-checklist__items" data-search-exclude>\n' + "\n".join(items) + "\n</ul>\n"
        '<p class="ta-checklist__result" role="status" aria-live="polite" data-checklist-result data-search-exclude>'
        "Nothing ticked yet.</p>\n"
        '<button type="reset" class="md-button" data-search-exclude>Clear</button>\n'
        "</form>\n"
    )


def signs_page(v: Views, here: str, citer: Citer) -> str:
    """Every warning sign by tier, emergency first, after a jump list and the checklist."""
    tiers = by_tier(v)
    jump = [f"[{URGENCY_TITLE[level]}](#{level}) ({len(signs)})" for level, signs in tiers]
    out = [
        checklist(v),
        '<nav class="ta-jump" aria-label="Tiers on this page" data-search-exclude markdown>\n'
        + bullets(jump)
        + "</nav>\n",
    ]
    for level, signs in tiers:
        out.append(f"## {URGENCY_TITLE[level]} {{#{level}}}\n")
        out.append(sign_boxes(signs, v, here, citer))
    return "\n".join(out)


def signs_overview(v: Views, here: str, citer: Citer) -> str:
    """The signs that matter for any twitch, and each sign group, by tier, each a link to its
    box on the warning-signs page (for the home page)."""
    rows: list[tuple[str, str]] = [(s.urgency, link(here, "signs", s.id, s.name)) for s in v.general_signs]
    for group in v.kb.sign_groups:
        members = [s for s in v.kb.signs if s.group == group.id]
        if members:
            level = min((s.urgency for s in members), key=m.URGENCY_ORDER.index)
            rows.append((level, f"[{esc(group.title)}]({page_href(here, WARNING_PAGE)}#group-{group.id})"))
            citer.note(group, *members)
    rows.sort(key=lambda row: m.URGENCY_ORDER.index(row[0]))
    return (
        bullets([f"{urgency_badge(level)} {text}" for level, text in rows]).rstrip()
        + citer.cite(*v.general_signs)
        + "\n"
    )
