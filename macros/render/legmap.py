"""The interactive leg map: SVG front and back views generated from the root and region data.

Choosing a root highlights where its trouble shows (twitching or weakness) and its skin area;
choosing a region lists its roots and causes. The map's data is inert JSON read by
content/assets/legmap.js; a data table below it is the text alternative.
"""

from __future__ import annotations

import html
import json
import posixpath

from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.markdown import esc, link

#: Drawing of each region: (view, SVG polygon points). Presentation only: which root or cause
#: belongs to a region comes from the data. Regions without a shape (eyelid, tongue, arm)
#: are still listed as buttons and in the table.
SHAPES: dict[str, list[tuple[str, str]]] = {
    "hip": [("front", "50,22 150,22 150,60 50,60")],
    "inner-thigh": [("front", "50,60 76,60 72,200 60,200")],
    "front-thigh": [("front", "76,60 150,60 140,200 72,200")],
    "knee": [("front", "60,200 140,200 136,236 64,236"), ("back", "260,200 340,200 336,236 264,236")],
    "inner-lower-leg": [("front", "64,236 86,236 86,380 70,380")],
    "shin": [("front", "86,236 114,236 114,380 86,380")],
    "outer-lower-leg": [("front", "114,236 136,236 130,380 114,380")],
    "top-of-foot": [("front", "66,380 134,380 160,418 58,418")],
    "lower-back": [("back", "246,0 354,0 354,22 246,22")],
    "buttock": [("back", "256,22 354,22 352,84 258,84")],
    "saddle-area": [("back", "240,30 256,22 258,84 244,92")],
    "back-thigh": [("back", "250,84 352,84 340,200 260,200")],
    "calf": [("back", "264,236 336,236 328,356 272,356")],
    "heel": [("back", "274,356 326,356 324,392 276,392")],
    "sole": [("back", "270,392 330,392 338,428 262,428")],
}
VIEW_LABEL = {"front": "Front of the leg", "back": "Back of the leg"}


def map_data(v: Views, here: str) -> dict[str, object]:
    """What the script needs: for each root its regions, for each region its roots and causes."""
    regions = {}
    for r in v.kb.anatomy.regions:
        regions[r.id] = {
            "name": r.name,
            "href": _page_url(here, f"body-areas/{r.id}.md"),
            "roots": [x.id for x in v.roots_for_region(r.id)],
            "sensing": [x.id for x in v.roots_sensing_region(r.id)],
            "causes": [
                {"name": c.name, "href": _page_url(here, f"causes/{c.id}.md")} for c in v.causes_for_region(r.id)
            ],
        }
    roots = {
        r.id: {
            "label": r.label,
            "name": r.name,
            "href": _page_url(here, f"roots/{r.id}.md"),
            "motor": list(r.twitch_regions),
            "sensory": list(r.sensory_regions),
        }
        for r in v.kb.roots
    }
    return {"roots": roots, "regions": regions}


def _page_url(here: str, target: str) -> str:
    """The built URL of a page relative to the built URL of ``here`` (directory URLs)."""

    def url(src: str) -> str:
        return "" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"

    base = url(here)
    rel = posixpath.relpath(url(target) or ".", base or ".")
    return "./" if rel == "." else rel + "/"


def leg_map(v: Views, here: str) -> str:
    """The leg map: root buttons, two SVG views, region buttons, info panel, inert data."""
    data = map_data(v, here)
    roots = "".join(
        f'<button type="button" class="ta-legmap__root" data-root="{r.id}" aria-pressed="false">{esc(r.label)}</button>'
        for r in v.kb.roots
    )
    views = "".join(_svg(view) for view in VIEW_LABEL)
    regions = "".join(
        f'<button type="button" class="ta-legmap__region-button" data-region="{r.id}" aria-pressed="false">{esc(r.name)}</button>'
        for r in v.kb.anatomy.regions
    )
    payload = html.escape(json.dumps(data, ensure_ascii=False), quote=False)
    return (
        '<div class="ta-legmap" data-legmap>\n'
        '<p class="ta-legmap__hint">Choose a nerve root to see where it acts, or a body area to see its roots and causes.</p>\n'
        f'<div class="ta-legmap__roots" role="group" aria-label="Nerve roots">{roots}</div>\n'
        f'<div class="ta-legmap__views">{views}</div>\n'
        '<p class="ta-legmap__legend"><span class="ta-legmap__key ta-legmap__key--motor"></span> twitching or weakness '
        '<span class="ta-legmap__key ta-legmap__key--sensory"></span> skin area (feeling)</p>\n'
        '<div class="ta-legmap__info" aria-live="polite"><p>Nothing chosen yet.</p></div>\n'
        f'<div class="ta-legmap__regions" role="group" aria-label="Body areas">{regions}</div>\n'
        f'<script type="application/json" class="ta-legmap__data">{payload}</script>\n'
        "</div>\n"
    )


def _svg(view: str) -> str:
    shapes = "".join(
        f'<polygon class="ta-legmap__shape" data-region="{rid}" points="{points}"><title>{rid.replace("-", " ")}</title></polygon>'
        for rid, drawings in SHAPES.items()
        for shape_view, points in drawings
        if shape_view == view
    )
    box = "30 0 150 432" if view == "front" else "230 0 150 432"
    return (
        f'<figure class="ta-legmap__view"><svg viewBox="{box}" aria-hidden="true" focusable="false">{shapes}</svg>'
        f"<figcaption>{VIEW_LABEL[view]}</figcaption></figure>"
    )


def leg_map_table(v: Views, here: str, citer: Citer) -> str:
    """The map's text alternative: every region with its roots and causes."""
    rows = [
        "| Body area | Roots whose trouble shows here | Roots that carry feeling from here | Causes |",
        "|---|---|---|---|",
    ]
    for r in v.kb.anatomy.regions:
        motor = (
            ", ".join(f"{link(here, 'roots', x.id, x.label)}{citer.cite(x)}" for x in v.roots_for_region(r.id))
            or "none"
        )
        sensing = ", ".join(link(here, "roots", x.id, x.label) for x in v.roots_sensing_region(r.id)) or "none"
        causes = ", ".join(link(here, "causes", c.id, c.name) for c in v.causes_for_region(r.id)) or "none"
        rows.append(f"| {link(here, 'regions', r.id, r.name)} | {motor} | {sensing} | {causes} |")
    return '<div class="ta-table" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"
