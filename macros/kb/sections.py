"""The table of sections: which kind of record lives in which data file, and which fields refer
to other records. A newcomer looks here to find "where is X kept?"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from macros.kb import models as m

DATA_DIR = "data"


@dataclass(frozen=True)
class Section:
    """One list of records in one data file."""

    file: str
    key: str
    model: type[m.Model]
    label: str  # how an editor names one record of this kind


SECTIONS: tuple[Section, ...] = (
    Section("sources.yaml", "sources", m.Source, "source"),
    Section("anatomy.yaml", "regions", m.Region, "region"),
    Section("anatomy.yaml", "muscles", m.Muscle, "muscle"),
    Section("anatomy.yaml", "nerves", m.Nerve, "nerve"),
    Section("anatomy.yaml", "deficits", m.Deficit, "deficit"),
    Section("roots.yaml", "roots", m.Root, "root"),
    Section("causes.yaml", "causes", m.Cause, "cause"),
    Section("signs.yaml", "signs", m.WarningSign, "warning sign"),
    Section("signs.yaml", "sign_groups", m.SignGroup, "sign group"),
    Section("summaries.yaml", "summaries", m.PageSummary, "page summary"),
    Section("faqs.yaml", "faqs", m.Faq, "FAQ"),
    Section("glossary.yaml", "glossary", m.Term, "glossary term"),
    Section("comparisons.yaml", "comparisons", m.Comparison, "comparison"),
    Section("figures.yaml", "figures", m.Figure, "figure"),
)
#: Tables the checks read with (one mapping each, not a list of records).
TABLES: tuple[Section, ...] = (
    Section("lexicon.yaml", "lexicon", m.Lexicon, "lexicon"),  # type: ignore[arg-type]
    Section("hosts.yaml", "hosts", m.Hosts, "hosts table"),  # type: ignore[arg-type]
)
#: Every data file, in the order the loader reads them.
DATA_FILES: tuple[str, ...] = (*dict.fromkeys(s.file for s in SECTIONS), *(t.file for t in TABLES))
#: The sections kept inside data/anatomy.yaml's part of the knowledge base.
ANATOMY_KEYS = ("regions", "muscles", "nerves", "deficits")
BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}


def _references() -> tuple[tuple[str, str, str], ...]:
    """(section key, field name, target section key) for every field marked with ``RefTo``."""
    found = []
    for section in SECTIONS:
        for name, info in section.model.model_fields.items():
            for marker in info.metadata:
                if isinstance(marker, m.RefTo):
                    found.append((section.key, name, marker.target))
    return tuple(found)


#: Reference fields, read from the models: (section key, field name, target section key).
REFERENCES: tuple[tuple[str, str, str], ...] = _references()


def records_of(kb: m.KnowledgeBase, key: str) -> list[Any]:
    """The records of one section, by its key in the data files."""
    return list(getattr(kb.anatomy if key in ANATOMY_KEYS else kb, key))


def all_records(kb: m.KnowledgeBase) -> Iterator[m.Model]:
    """Every record of every kind, sources included."""
    for section in SECTIONS:
        yield from records_of(kb, section.key)


def fact_records(kb: m.KnowledgeBase) -> Iterator[m.Record]:
    """Every record that states facts (everything but the sources themselves)."""
    for record in all_records(kb):
        if isinstance(record, m.Record):
            yield record


_LABELS = {s.model: s.label for s in SECTIONS}


def label(record: m.Model) -> str:
    """How an editor names the record, e.g. "cause 'caffeine-and-stimulants'"."""
    return f"{_LABELS.get(type(record), type(record).__name__)} '{getattr(record, 'id', '?')}'"


def citations_of(record: m.Model) -> Iterator[tuple[tuple[str | int, ...], m.SourceRef]]:
    """Every source a record cites, with the field path of the citation."""
    for i, ref in enumerate(getattr(record, "sources", ())):
        yield ("sources", i, "id"), ref
    for a, alt in enumerate(getattr(record, "alternatives", ())):
        for i, ref in enumerate(alt.sources):
            yield ("alternatives", a, "sources", i, "id"), ref
