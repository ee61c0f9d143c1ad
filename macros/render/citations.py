"""Per-page citation state: which sources a page cites, in order, and its oldest review date.

A page shows at most one citation marker per paragraph or list: ``cite`` takes every record
whose facts the paragraph shows and gives one marker with all their source numbers, linking to
the page's source list, which is collapsed at the end of the page (``source_list``).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from macros.kb import models as m


@dataclass
class Citer:
    """Collects the citations of one page as its macros render facts."""

    sources: dict[str, m.Source]
    order: list[str] = field(default_factory=list)  # source ids, in order of first citation
    locators: dict[str, list[str]] = field(default_factory=dict)
    oldest: dt.date | None = None
    numbers: dict[str, int] = field(default_factory=dict)  # source id -> its number on the page

    def note(self, *records: m.Record) -> list[int]:
        """Note that the facts of ``records`` are shown (their sources join the page's list and
        their review dates its own); return the numbers of their sources."""
        found: list[int] = []
        for record in records:
            if self.oldest is None or record.reviewed < self.oldest:
                self.oldest = record.reviewed
            for ref in record.sources:
                if ref.id not in self.sources:
                    continue  # an unknown source: the check reports it
                if ref.id not in self.numbers:
                    self.order.append(ref.id)
                    self.numbers[ref.id] = len(self.order)
                if ref.locator and ref.locator not in self.locators.setdefault(ref.id, []):
                    self.locators[ref.id].append(ref.locator)
                found.append(self.numbers[ref.id])
        return found

    def cite(self, *records: m.Record) -> str:
        """One citation marker for the facts of ``records`` shown together (a paragraph, a list)."""
        numbers = sorted(set(self.note(*records)))
        if not numbers:
            return ""
        label = compact_numbers(numbers)
        first = self.order[numbers[0] - 1]
        return (
            f'<sup class="ta-cite" data-search-exclude><a href="#{anchor(first)}" '
            f'aria-label="Sources {label}">{label}</a></sup>'
        )

    def cited_sources(self) -> list[m.Source]:
        """Sources cited on the page, in order of first citation."""
        return [self.sources[i] for i in self.order]


def anchor(source_id: str) -> str:
    """The id of a source's entry in a page's source list."""
    return f"src-{source_id}"


def compact_numbers(numbers: list[int]) -> str:
    """'1-3, 7' for [1, 2, 3, 7] (en dash between the ends of a run)."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}\u2013{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def source_list(citer: Citer, references_href: str) -> str:
    """The page's numbered source list, collapsed ("Sources (12)"), each title linked to the
    source and to its full reference; empty when the page cites nothing."""
    cited = citer.cited_sources()
    if not cited:
        return ""
    items = []
    for source in cited:
        where = "; ".join(citer.locators.get(source.id, []))
        title = html.escape(source.title)
        linked = f'<a href="{html.escape(source.link, quote=True)}">{title}</a>' if source.link else title
        items.append(
            f'<li id="{anchor(source.id)}">{html.escape(source.publisher)}: {linked}'
            f"{f' ({html.escape(where)})' if where else ''}. "
            f'<a class="ta-sources__full" href="{references_href}#{source.id}">Full reference</a></li>'
        )
    return (
        '<details class="ta-sources" id="sources" data-search-exclude>\n'
        f"<summary>Sources ({len(cited)})</summary>\n<ol>\n" + "\n".join(items) + "\n</ol>\n</details>\n"
    )
