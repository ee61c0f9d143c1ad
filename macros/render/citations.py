"""Per-page citation state: which sources a page cites, in order, and its oldest review date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros.kb import models as m


@dataclass
class Citer:
    """Collects the citations of one page as its macros render facts."""

    sources: dict[str, m.Source]
    order: list[str] = field(default_factory=list)
    locators: dict[str, list[str]] = field(default_factory=dict)
    oldest: dt.date | None = None
    seen: set[tuple[str, str, tuple[str, ...]]] = field(default_factory=set)
    numbers: dict[str, int] = field(default_factory=dict)  # source id -> its footnote number

    def cite(self, record: m.Record) -> str:
        """Note that ``record``'s facts are shown; return its citation markers.

        The first citation of a record on a page is one footnote marker per source; later
        ones are a single compact marker with the same numbers ("1-3, 7"), linking to the
        page's source list, so long pages are not buried in superscripts.
        """
        if self.oldest is None or record.reviewed < self.oldest:
            self.oldest = record.reviewed
        key = (type(record).__name__, record.id, tuple([ref.id for ref in record.sources]))
        if key in self.seen:
            numbers = compact_numbers([self.numbers[ref.id] for ref in record.sources])
            return (
                f'<sup class="ta-cite"><a href="#sources-for-this-page" title="Sources {numbers}">{numbers}</a></sup>'
            )
        self.seen.add(key)
        markers = []
        for ref in record.sources:
            if ref.id not in self.numbers:  # a dictionary: a page may cite thousands of sources
                self.order.append(ref.id)
                self.numbers[ref.id] = len(self.order)
            if ref.locator and ref.locator not in self.locators.setdefault(ref.id, []):
                self.locators[ref.id].append(ref.locator)
            markers.append(f"[^{footnote_id(ref.id)}]")
        return "".join(markers)

    def cited_sources(self) -> list[m.Source]:
        """Sources cited on the page, in order of first citation."""
        return [self.sources[i] for i in self.order]


def footnote_id(source_id: str) -> str:
    """The footnote label used for a source on every page."""
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
