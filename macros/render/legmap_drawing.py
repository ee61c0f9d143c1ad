"""How the leg map is drawn: one leg in a front and a back view, each area a polygon with a label button.

Presentation only: which root, cause or sign belongs to an area comes from the data (legmap.py).
"""

from __future__ import annotations

import html
from typing import NamedTuple

from macros.kb import models as m

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

#: The hatching of "trouble shows here" in the root view (legmap.css colours it), defined once.
HATCH = (
    '<pattern id="ta-legmap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect class="ta-legmap__hatch-bg" width="6" height="6"/><line class="ta-legmap__hatch" x1="1" y1="0" x2="1" y2="6"/>'
    "</pattern>"
)


def button(r: m.Region, text: str, row: int | None = None, echo: bool = False) -> str:
    """An area button; an echo (an area's second label) is for pointers only, hidden from screen readers."""
    cls = f" ta-legmap__row-{row}" if row else ""
    hidden = ' aria-hidden="true" tabindex="-1"' if echo else ""
    return (
        f'<button type="button" class="ta-legmap__area{cls}" data-region="{r.id}" aria-pressed="false"{hidden}>'
        f"{html.escape(text)}</button>"
    )


def view_html(view: str, regions: list[m.Region]) -> str:
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
                buttons.append(button(r, AREAS[r.id].label, spot.row, echo=i > 0))
    clip, outline = f"ta-legmap-clip-{view}", OUTLINE[view]
    return (
        f'<figure class="ta-legmap__view ta-legmap__view--{view}">'
        f'<figcaption class="ta-legmap__caption">{VIEWS[view]}</figcaption>'
        f'<svg class="ta-legmap__svg" viewBox="0 0 {VIEW_W} {VIEW_H}" aria-hidden="true" focusable="false">'
        f'<defs><clipPath id="{clip}"><path d="{outline}"/></clipPath>{HATCH if view == "front" else ""}</defs>'
        f'<path class="ta-legmap__body" d="{outline}"/><g clip-path="url(#{clip})">{shapes}</g>'
        f'<path class="ta-legmap__outline" d="{outline}"/>{"".join(leaders)}</svg>{"".join(buttons)}</figure>'
    )
