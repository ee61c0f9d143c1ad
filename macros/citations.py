"""Per-page citation state: which sources a page cites, in order, and its oldest review date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from macros import models as m


@dataclass
class Citer:
    """Collects the citations of one page as its macros render facts."""

    sources: dict[str, m.Source]
    order: list[str] = field(default_factory=list)
    locators: dict[str, list[str]] = field(default_factory=dict)
    oldest: dt.date | None = None
    records: list[m.Record] = field(default_factory=list)

    def cite(self, record: m.Record) -> str:
        """Note that ``record``'s facts are shown; return its footnote markers."""
        self.records.append(record)
        if self.oldest is None or record.reviewed < self.oldest:
            self.oldest = record.reviewed
        markers = []
        for ref in record.sources:
            if ref.id not in self.order:
                self.order.append(ref.id)
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
