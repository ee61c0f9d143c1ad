"""The "In short" block a page opens with: what it is, whether it is usually harmless, what
helps, and when to see a doctor, linking to that tier of the warning-signs page. It holds no
citation marker (its record's sources are on the page's list); it must fit a phone's first screen.
Its "In short" label stays out of the search index, so that a result's snippet opens with the answer."""

from __future__ import annotations

from macros.kb import models as m
from macros.render.citations import Citer
from macros.render.labels import seriousness_badge, urgency_badge
from macros.render.markdown import esc
from macros.render.signs import tier_href


def in_short(
    block: m.InShort, record: m.Record, here: str, citer: Citer, seriousness: m.Seriousness | None = None
) -> str:
    """The block for ``record``'s page; ``seriousness``: the cause's own rating, shown as a tag."""
    citer.note(record)
    tag = f"{seriousness_badge(seriousness)} " if seriousness else ""
    doctor = f"[{esc(block.doctor)}]({tier_href(here, block.tier)})"
    lines = [
        f"- **What it is:** {esc(block.what)}",
        f"- **Is it serious?** {tag}{esc(block.outlook)}",
        f"- **What helps:** {esc(block.helps)}",
        f"- **When to see a doctor:** {doctor} {urgency_badge(block.tier)}",
    ]
    return (
        '<div class="ta-in-short" markdown>\n\n<p class="ta-in-short__title" data-search-exclude>In short</p>\n\n'
        + "\n".join(lines)
        + "\n\n</div>\n"
    )
