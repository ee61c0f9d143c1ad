"""The leg map on /body-areas/: a lower-body drawing whose areas are buttons, answered from the data.

A reader chooses where the twitch is; the answer (the area's summary, its causes with their
seriousness, its warning signs with their tier) is prepared here as inert JSON and laid out by
content/assets/legmap.js. Nerve roots are an advanced view. What is drawn (outlines, shapes, label
rows, leader lines) is presentation and lives here; which root, cause or sign belongs to an area
always comes from the data. A table below the map is its text alternative.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from macros.kb import models as m
from macros.kb.views import Views
from macros.render import markdown as md
from macros.render.citations import Citer
from macros.render.labels import PLACE_ALONE, SERIOUSNESS_LABEL, URGENCY_TITLE, seriousness_badge, urgency_badge
from macros.render.legmap_drawing import AREAS, MAP_PARTS, VIEWS, button, view_html

# --- The words of the answers ------------------------------------------------------------------

TEXT = {
    "start": "Choose an area on the drawing to see what twitching there can mean.",
    "causes": "Possible causes",
    "order": "most likely first",
    "noCauses": "No cause on this site belongs to this area alone. Twitches here can have the same causes "
    "as twitches anywhere else.",
    "allCauses": "See all causes",
    "signs": "Warning signs: get help if you also have",
    "noSigns": "What matters more than the place is whether a warning sign comes with the twitching.",
    "allSigns": "See the warning signs",
    "roots": "Nerve roots whose trouble can show here",
    "shows": "Where its trouble shows (hatched on the drawing)",
    "skin": "Its skin area (dashed outline)",
}


def map_regions(v: Views) -> list[m.Region]:
    """The areas drawn on the map: lower-body areas of the data with a shape, in data order."""
    return [r for r in v.kb.anatomy.regions if r.body_part in MAP_PARTS and r.id in AREAS]


def unmapped_regions(v: Views) -> list[m.Region]:
    """Lower-body areas of the data not drawn yet: still buttons (below the drawing), never dropped."""
    drawn = {r.id for r in map_regions(v)}
    return [r for r in v.kb.anatomy.regions if r.body_part in MAP_PARTS and r.id not in drawn]


def sign_lines(v: Views, region_id: str) -> list[tuple[m.WarningSign, str]]:
    """A region's warning signs, most urgent first, as (first sign, text): signs of one sign group
    become one line with the group's title."""
    signs = v.signs_for_region(region_id)
    lines: list[tuple[m.WarningSign, str]] = []
    for s in signs:
        grouped = s.group in v.sign_groups and sum(x.group == s.group for x in signs) > 1
        if not grouped:
            lines.append((s, s.name))
        elif s.group not in {x.group for x, _ in lines}:
            lines.append((s, v.sign_groups[str(s.group)].title))
    return lines


def _area_answer(v: Views, r: m.Region, here: str) -> dict[str, object]:
    """What the answer for one area shows, every word and tier taken from the data."""
    signs_url = md.url(here, "warning-signs.md")
    tiers: list[dict] = []
    for sign, text in sign_lines(v, r.id):
        if not tiers or tiers[-1]["tier"] != sign.urgency:
            title, _, action = URGENCY_TITLE[sign.urgency].partition(": ")
            tiers.append({"tier": sign.urgency, "title": title, "action": action, "items": []})
        tiers[-1]["items"].append({"name": text, "href": f"{signs_url}#sign-{sign.id}"})
    short = r.in_short
    title = md.region_title(r.name)
    return {
        "name": r.name,
        "href": md.url(here, f"body-areas/{r.id}.md"),
        "more": f"More about {title[0].lower()}{title[1:]}",
        "summary": [{"text": short.outlook}, {"text": short.doctor, "href": f"{signs_url}#{short.tier}"}]
        if short
        else [],
        "place": PLACE_ALONE,
        "causes": [
            {
                "name": c.name,
                "href": md.url(here, f"causes/{c.id}.md"),
                "seriousness": c.seriousness,
                "tag": SERIOUSNESS_LABEL[c.seriousness],
                "frequency": c.frequency or "",
            }
            for c in v.causes_for_region(r.id)
        ],
        "causesHref": md.url(here, "causes/index.md"),
        "signs": tiers,
        "signsHref": signs_url,
        "roots": [{"label": x.label, "href": md.url(here, f"roots/{x.id}.md")} for x in v.roots_for_region(r.id)],
    }


def map_data(v: Views, here: str) -> dict[str, object]:
    """What the script needs: each area's answer, and each root's areas, skin area and answer."""
    areas = [*map_regions(v), *unmapped_regions(v)]
    ids = {r.id for r in areas}
    roots = {
        x.id: {
            "label": x.label,
            "name": x.name,
            "href": md.url(here, f"roots/{x.id}.md"),
            "more": f"More about {x.label}",
            "motor": [i for i in x.twitch_regions if i in ids],
            "sensory": [i for i in x.sensory_regions if i in ids],
            "shows": [
                {"name": v.regions[i].name, "href": md.url(here, f"body-areas/{i}.md")} for i in x.twitch_regions
            ],
            "skin": x.sensory_area,
            "place": PLACE_ALONE,
        }
        for x in v.kb.roots
    }
    return {"text": TEXT, "areas": {r.id: _area_answer(v, r, here) for r in areas}, "roots": roots}


def _json(data: object) -> str:
    """JSON that cannot end its <script> block or be read as markup (<, > and & as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def leg_map(v: Views, here: str) -> str:
    """The leg map: two views with area buttons, the answer beside or below, roots as an advanced view.
    Out of the search index: its text is button labels, which ran together there. Each part is
    marked, not the whole: Material's indexer ends an exclusion at the first nested element with
    the excluded element's tag (a <div> inside the excluded <div>)."""
    views = "".join(view_html(view, map_regions(v)) for view in VIEWS)
    others = "".join(button(r, r.name) for r in unmapped_regions(v))
    roots = "".join(
        f'<button type="button" class="ta-legmap__root" data-root="{x.id}" aria-pressed="false">{x.label}</button>'
        for x in v.kb.roots
    )
    return (
        '<div class="ta-legmap" data-legmap>\n'
        '<p class="ta-legmap__hint" data-search-exclude>The map shows one leg: it stands for either. '
        "Nerve roots are in an advanced view below it.</p>\n"
        f'<div class="ta-legmap__layout"><div class="ta-legmap__views" data-search-exclude>{views}</div>'
        + (
            f'<div class="ta-legmap__others" role="group" aria-label="Other areas" data-search-exclude>{others}</div>'
            if others
            else ""
        )
        + f'<div class="ta-legmap__answer" aria-live="polite" data-search-exclude><p>{TEXT["start"]}</p></div>'
        '<button type="button" class="ta-legmap__back" hidden data-search-exclude>Back to the map</button>'
        '<details class="ta-legmap__advanced" data-search-exclude><summary>Show by nerve root (advanced)</summary>'
        "<p>Choose a nerve root to see where its trouble shows (hatched) and its skin area (dashed outline).</p>"
        f'<div class="ta-legmap__roots" role="group" aria-label="Nerve roots">{roots}</div>'
        '<p class="ta-legmap__legend"><span class="ta-legmap__key ta-legmap__key--motor"></span> Twitching or weakness'
        ' <span class="ta-legmap__key ta-legmap__key--sensory"></span> Skin area</p></details></div>\n'
        f'<script type="application/json" class="ta-legmap__data">{_json(map_data(v, here))}</script>\n'
        "</div>\n"
    )


TABLE_HEADS = ("Body area", "Possible causes", "Warning signs", "Nerve roots")


def leg_map_table(v: Views, here: str, citer: Citer) -> str:
    """The map's text alternative: every area with its causes, warning signs and nerve roots. Each
    cell carries its column's name, so that legmap.css can stack the rows on a phone. Out of the
    search index: it repeats the area pages, which a search should find instead."""
    rows = []
    for r in v.kb.anatomy.regions:
        causes, lines = v.causes_for_region(r.id), sign_lines(v, r.id)
        motor, skin = v.roots_for_region(r.id), v.roots_sensing_region(r.id)
        _note_reviewed(citer, [r, *causes, *(s for s, _ in lines), *motor, *skin])
        roots = [
            f"{words}: " + ", ".join(md.link(here, "roots", x.id, x.label) for x in found)
            for words, found in (("Trouble shows", motor), ("Skin", skin))
            if found
        ]
        cells = [
            _bullets(f"{md.link(here, 'causes', c.id, c.name)} {seriousness_badge(c.seriousness)}" for c in causes)
            or f"No cause listed for this area alone: see [all causes]({md.page_href(here, 'causes/index.md')}).",
            _bullets(
                f"{urgency_badge(s.urgency)} [{md.esc(text)}]({md.href(here, 'signs', s.id)})" for s, text in lines
            )
            or f"See the [warning signs]({md.page_href(here, 'warning-signs.md')}).",
            "; ".join(roots) or "No nerve root listed",
        ]
        tds = "".join(
            f'<td data-label="{head}" markdown="block">\n\n{cell}\n\n</td>\n'
            for head, cell in zip(TABLE_HEADS[1:], cells, strict=True)
        )
        area = md.link(here, "regions", r.id, r.name)
        rows.append(f'<tr markdown="block">\n<th scope="row" markdown="span">{area}</th>\n{tds}</tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in TABLE_HEADS)
    return (
        f'<div class="ta-legmap-table" data-search-exclude markdown>\n<table markdown="block">\n<thead><tr>{head}</tr></thead>\n'
        '<tbody markdown="block">\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    )


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _note_reviewed(citer: Citer, records: list[m.Record]) -> None:
    """Count the records the table shows in the page's review date, without citation markers: the
    pages each row links to cite them, and a marker per root and cause buried the table."""
    for record in records:
        if citer.oldest is None or record.reviewed < citer.oldest:
            citer.oldest = record.reviewed
