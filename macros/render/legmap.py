"""The leg map on /body-areas/: a lower-body drawing whose areas are buttons, answered from the data.

A reader chooses where the twitch is; the answer (the area's summary, its causes with their
seriousness, its warning signs with their tier) is prepared here as inert JSON and laid out by
content/assets/legmap.js. Nerve roots are an advanced view. What is drawn (outlines, shapes, label
rows, leader lines) is presentation and lives here; which root, cause or sign belongs to an area
always comes from the data. A table below the map is its text alternative.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterable
from typing import NamedTuple

from macros.kb import models as m
from macros.kb.views import Views
from macros.render import markdown as md
from macros.render.citations import Citer

# --- The drawing -----------------------------------------------------------------------------
# One leg in two views of 110 x 540 units: the front (outer side left, midline right) and the back
# (midline left). Each view has a label column beside it with nine rows, one per 60 units, so a
# label sits level with its row (legmap.css sizes the rows from the drawing's height).

VIEW_W, VIEW_H, ROWS = 110, 540, 9
VIEWS = {"front": "Front", "back": "Back"}
#: Body parts drawn on the map (eyelid, tongue, arm and hand stay in the list of all areas).
MAP_PARTS = frozenset({"leg", "foot", "trunk"})

# fmt: off
OUTLINE = {
    "front": "M22 6L110 6L110 118C104 120 100 126 99 134C97 190 94 250 90 292C88 306 89 322 91 334C96 370 92 410 82 446"
             "C79 460 78 472 78 482C82 498 90 516 92 530C92 536 88 538 84 538L44 538C38 538 36 534 38 528C42 512 48 496 "
             "52 482C50 460 44 440 38 416C32 392 30 364 34 340C36 326 38 314 36 300C30 260 16 200 12 150C8 110 10 60 22 6Z",
    "back": "M0 6L88 6C100 60 102 110 98 150C94 200 80 260 74 300C72 314 74 326 76 340C80 364 78 392 72 416C66 440 60 460 "
            "58 482C62 496 66 512 64 526C62 536 56 540 50 540L40 540C34 540 28 536 28 526C28 512 32 496 32 482C32 472 31 "
            "460 28 446C18 410 14 370 19 334C21 322 22 306 20 292C16 250 13 190 11 134C10 126 6 120 0 118Z"
            # The sole, beside the heel as a footprint, toes up.
            "M88 452C98 450 104 462 104 476C104 494 99 506 99 520C99 532 94 538 88 538C81 538 76 532 76 522C76 508 80 "
            "496 78 482C77 466 78 454 88 452ZM80 446a4 4 0 1 0 .1 0ZM88 441a3 3 0 1 0 .1 0ZM95 442a3 3 0 1 0 .1 0Z"
            "M101 446a2.5 2.5 0 1 0 .1 0Z",
}
# fmt: on


class Label(NamedTuple):
    """Where an area's label sits: its view, its row (1-9) and the point its leader line ends at."""

    view: str
    row: int
    x: int
    y: int


class Area(NamedTuple):
    """How an area is drawn: its short map label, its shapes (view, polygon) and its labels."""

    label: str
    shapes: list[tuple[str, str]]
    labels: list[Label]


#: Every area drawn, with a short label (the answer gives the area's own name). Shapes are clipped
#: by the outline, so they may overshoot it. An area drawn in both views is labelled in both: its
#: first label is its button, the other a pointer-only echo.
# fmt: off
AREAS: dict[str, Area] = {
    "hip": Area("Hip and groin", [("front", "-10,50 120,50 120,124 99,130 -10,160")], [Label("front", 2, 40, 95)]),
    "inner-thigh": Area("Inner thigh", [("front", "70,137 120,124 120,292 82,292")], [Label("front", 3, 88, 190)]),
    "front-thigh": Area("Front of thigh", [("front", "-10,160 70,137 82,292 -10,292")], [Label("front", 4, 40, 215)]),
    "knee": Area("Knee", [("front", "-10,292 120,292 120,340 -10,340"), ("back", "-10,292 120,292 120,340 -10,340")],
                 [Label("front", 5, 62, 316), Label("back", 6, 46, 316)]),
    "outer-lower-leg": Area("Outer shin", [("front", "-10,340 52,340 60,482 -10,482")], [Label("front", 6, 42, 390)]),
    "shin": Area("Shin", [("front", "52,340 74,340 70,482 60,482")], [Label("front", 7, 63, 410)]),
    "inner-lower-leg": Area("Inner shin", [("front", "74,340 120,340 120,482 70,482")], [Label("front", 8, 80, 425)]),
    "top-of-foot": Area("Top of foot", [("front", "-10,482 120,482 120,545 -10,545")], [Label("front", 9, 65, 512)]),
    "lower-back": Area("Lower back", [("back", "-10,0 120,0 120,56 -10,56")], [Label("back", 1, 40, 30)]),
    "buttock": Area("Buttock", [("back", "-10,56 120,56 120,162 40,162 28,110 -10,98")], [Label("back", 2, 65, 100)]),
    "saddle-area": Area("Saddle area", [("back", "-10,98 28,110 40,162 34,196 -10,196")], [Label("back", 3, 14, 150)]),
    "back-thigh": Area("Back of thigh", [("back", "40,162 120,162 120,292 -10,292 -10,196 34,196")],
                       [Label("back", 4, 50, 230)]),
    "calf": Area("Calf", [("back", "-10,340 120,340 120,430 72,430 72,478 -10,478")], [Label("back", 7, 46, 395)]),
    "sole": Area("Sole", [("back", "72,430 96,430 96,512 72,512")], [Label("back", 8, 86, 478)]),
    "heel": Area("Heel", [("back", "-10,478 70,478 70,545 -10,545"), ("back", "96,430 120,430 120,545 70,545 70,512 96,512")],
                 [Label("back", 9, 100, 526)]),
}
# fmt: on
#: Each drawn area's shapes (what the browser tests compare highlights with).
SHAPES = {rid: area.shapes for rid, area in AREAS.items()}

#: The hatching of "trouble shows here" in the root view (legmap.css colours it), defined once.
HATCH = (
    '<pattern id="ta-legmap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect class="ta-legmap__hatch-bg" width="6" height="6"/><line class="ta-legmap__hatch" x1="1" y1="0" x2="1" y2="6"/>'
    "</pattern>"
)

# --- The words of the answers ------------------------------------------------------------------

PLACE_ALONE = "Where a twitch is does not, on its own, tell you its cause."
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
FREQUENCY_ORDER = {"common": 0, "uncommon": 1, "rare": 2, None: 3}
SERIOUSNESS_ORDER = {"benign": 0, "needs-evaluation": 1, "serious": 2}


def map_regions(v: Views) -> list[m.Region]:
    """The areas drawn on the map: lower-body areas of the data with a shape, in data order."""
    return [r for r in v.kb.anatomy.regions if r.body_part in MAP_PARTS and r.id in AREAS]


def unmapped_regions(v: Views) -> list[m.Region]:
    """Lower-body areas of the data not drawn yet: still buttons (below the drawing), never dropped."""
    drawn = {r.id for r in map_regions(v)}
    return [r for r in v.kb.anatomy.regions if r.body_part in MAP_PARTS and r.id not in drawn]


def likely_causes(v: Views, region_id: str) -> list[m.Cause]:
    """A region's causes, most likely first: by frequency, then the least serious first."""
    return sorted(
        v.causes_for_region(region_id), key=lambda c: (FREQUENCY_ORDER[c.frequency], SERIOUSNESS_ORDER[c.seriousness])
    )


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


def _url(here: str, target: str) -> str:
    """The built URL of page ``target`` relative to the built URL of ``here`` (directory URLs)."""

    def built(src: str) -> str:
        return "" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"

    rel = posixpath.relpath(built(target) or ".", built(here) or ".")
    return "./" if rel == "." else rel + "/"


def _area_answer(v: Views, r: m.Region, here: str) -> dict[str, object]:
    """What the answer for one area shows, every word and tier taken from the data."""
    signs_url = _url(here, "warning-signs.md")
    tiers: list[dict] = []
    for sign, text in sign_lines(v, r.id):
        if not tiers or tiers[-1]["tier"] != sign.urgency:
            title, _, action = md.URGENCY_TITLE[sign.urgency].partition(": ")
            tiers.append({"tier": sign.urgency, "title": title, "action": action, "items": []})
        tiers[-1]["items"].append({"name": text, "href": f"{signs_url}#sign-{sign.id}"})
    short = r.in_short
    title = md.region_title(r.name)
    return {
        "name": r.name,
        "href": _url(here, f"body-areas/{r.id}.md"),
        "more": f"More about {title[0].lower()}{title[1:]}",
        "summary": [{"text": short.outlook}, {"text": short.doctor, "href": f"{signs_url}#{short.tier}"}]
        if short
        else [],
        "place": PLACE_ALONE,
        "causes": [
            {
                "name": c.name,
                "href": _url(here, f"causes/{c.id}.md"),
                "seriousness": c.seriousness,
                "tag": md.SERIOUSNESS_LABEL[c.seriousness],
                "frequency": c.frequency or "",
            }
            for c in likely_causes(v, r.id)
        ],
        "causesHref": _url(here, "causes/index.md"),
        "signs": tiers,
        "signsHref": signs_url,
        "roots": [{"label": x.label, "href": _url(here, f"roots/{x.id}.md")} for x in v.roots_for_region(r.id)],
    }


def map_data(v: Views, here: str) -> dict[str, object]:
    """What the script needs: each area's answer, and each root's areas, skin area and answer."""
    areas = [*map_regions(v), *unmapped_regions(v)]
    ids = {r.id for r in areas}
    roots = {
        x.id: {
            "label": x.label,
            "name": x.name,
            "href": _url(here, f"roots/{x.id}.md"),
            "more": f"More about {x.label}",
            "motor": [i for i in x.twitch_regions if i in ids],
            "sensory": [i for i in x.sensory_regions if i in ids],
            "shows": [{"name": v.regions[i].name, "href": _url(here, f"body-areas/{i}.md")} for i in x.twitch_regions],
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


def _button(r: m.Region, text: str, row: int | None = None, echo: bool = False) -> str:
    """An area button; an echo (an area's second label) is for pointers only, hidden from screen readers."""
    cls = f" ta-legmap__row-{row}" if row else ""
    hidden = ' aria-hidden="true" tabindex="-1"' if echo else ""
    return (
        f'<button type="button" class="ta-legmap__area{cls}" data-region="{r.id}" aria-pressed="false"{hidden}>'
        f"{html.escape(text)}</button>"
    )


def _view(view: str, regions: list[m.Region]) -> str:
    """One view: the drawing (hidden from screen readers) and its area buttons in label rows."""
    shapes = "".join(
        f'<polygon class="ta-legmap__shape" data-region="{r.id}" points="{pts}"/>'
        for r in regions
        for shape_view, pts in AREAS[r.id].shapes
        if shape_view == view
    )
    edge = 0 if view == "front" else VIEW_W
    leaders, buttons = [], []
    for r in regions:
        for i, spot in enumerate(AREAS[r.id].labels):
            if spot.view == view:
                y = (spot.row - 0.5) * VIEW_H / ROWS
                leaders.append(
                    f'<line class="ta-legmap__leader" x1="{edge}" y1="{y:g}" x2="{spot.x}" y2="{spot.y}"/>'
                    f'<circle class="ta-legmap__dot" cx="{spot.x}" cy="{spot.y}" r="3"/>'
                )
                buttons.append(_button(r, AREAS[r.id].label, spot.row, echo=i > 0))
    clip, outline = f"ta-legmap-clip-{view}", OUTLINE[view]
    return (
        f'<figure class="ta-legmap__view ta-legmap__view--{view}">'
        f'<figcaption class="ta-legmap__caption">{VIEWS[view]}</figcaption>'
        f'<svg class="ta-legmap__svg" viewBox="0 0 {VIEW_W} {VIEW_H}" aria-hidden="true" focusable="false">'
        f'<defs><clipPath id="{clip}"><path d="{outline}"/></clipPath>{HATCH if view == "front" else ""}</defs>'
        f'<path class="ta-legmap__body" d="{outline}"/><g clip-path="url(#{clip})">{shapes}</g>'
        f'<path class="ta-legmap__outline" d="{outline}"/>{"".join(leaders)}</svg>{"".join(buttons)}</figure>'
    )


def leg_map(v: Views, here: str) -> str:
    """The leg map: two views with area buttons, the answer beside or below, roots as an advanced view."""
    views = "".join(_view(view, map_regions(v)) for view in VIEWS)
    others = "".join(_button(r, r.name) for r in unmapped_regions(v))
    roots = "".join(
        f'<button type="button" class="ta-legmap__root" data-root="{x.id}" aria-pressed="false">{x.label}</button>'
        for x in v.kb.roots
    )
    return (
        '<div class="ta-legmap" data-legmap>\n'
        '<p class="ta-legmap__hint">The map shows one leg: it stands for either. '
        "Nerve roots are in an advanced view below it.</p>\n"
        f'<div class="ta-legmap__layout"><div class="ta-legmap__views">{views}</div>'
        + (f'<div class="ta-legmap__others" role="group" aria-label="Other areas">{others}</div>' if others else "")
        + f'<div class="ta-legmap__answer" aria-live="polite"><p>{TEXT["start"]}</p></div>'
        '<button type="button" class="ta-legmap__back" hidden>Back to the map</button>'
        '<details class="ta-legmap__advanced"><summary>Show by nerve root (advanced)</summary>'
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
    cell carries its column's name, so that legmap.css can stack the rows on a phone."""
    rows = []
    for r in v.kb.anatomy.regions:
        causes, lines = likely_causes(v, r.id), sign_lines(v, r.id)
        motor, skin = v.roots_for_region(r.id), v.roots_sensing_region(r.id)
        _note_reviewed(citer, [r, *causes, *(s for s, _ in lines), *motor, *skin])
        roots = [
            f"{words}: " + ", ".join(md.link(here, "roots", x.id, x.label) for x in found)
            for words, found in (("Trouble shows", motor), ("Skin", skin))
            if found
        ]
        cells = [
            _bullets(f"{md.link(here, 'causes', c.id, c.name)} {md.seriousness_badge(c.seriousness)}" for c in causes)
            or f"No cause listed for this area alone: see [all causes]({md.page_href(here, 'causes/index.md')}).",
            _bullets(
                f"{md.urgency_badge(s.urgency)} [{md.esc(text)}]({md.href(here, 'signs', s.id)})" for s, text in lines
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
        f'<div class="ta-legmap-table" markdown>\n<table markdown="block">\n<thead><tr>{head}</tr></thead>\n'
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
