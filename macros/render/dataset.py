"""The knowledge base as open data: every record of every kind with its sources resolved into
full citations, the root-to-muscle table and the warning signs with their tiers, as JSON and CSV.

Pure: from validated models to plain values and text, built only from models that passed every
check, never from YAML text. The site stage (macros.site.opendata) stamps the version and writes
the files; nothing here reads a file, a clock or git.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

from macros.kb import models as m
from macros.kb.base import Value
from macros.kb.sections import records_of
from macros.kb.views import Views
from macros.render.dataset_shape import (
    CSV_SEPARATOR,
    JSON_FILE,
    KINDS,
    LICENCE,
    PRIVATE,
    ROOTS_CSV,
    SCHEMA_FILE,
    SIGNS_CSV,
    TITLE,
    Citation,
    Dataset,
    RootRow,
    SignRow,
    Tables,
    Tier,
    Version,
    dataset_schema,
)
from macros.render.labels import URGENCY_TITLE

# --- From models to data ----------------------------------------------------------------------


def citation_text(s: m.Source) -> str:
    """A source's full citation on one line, with its identifiers."""
    parts = [s.authors or "", s.title, s.publisher, str(s.year) if s.year else "n.d."]
    parts += [f"{s.edition} edition" if s.edition else "", f"Chapter {s.chapter}" if s.chapter else ""]
    parts += [f"DOI {s.doi}" if s.doi else "", f"PMID {s.pmid}" if s.pmid else "", f"ISBN {s.isbn}" if s.isbn else ""]
    text = " ".join(p if p.endswith((".", "?", "!")) else f"{p}." for p in parts if p)
    return f"{text} {s.url}" if s.url else text  # no full stop after an address: it would read as part of it


def identifier(s: m.Source) -> str:
    """The identifier a reader finds the source by: DOI, PubMed id, ISBN, else its own address."""
    if s.doi:
        return f"doi:{s.doi}"
    if s.pmid:
        return f"pmid:{s.pmid}"
    if s.isbn:
        return f"isbn:{s.isbn}"
    return str(s.url)


Cite = Callable[[m.SourceRef], Citation]


def citer(sources: dict[str, m.Source]) -> Cite:
    """A function that resolves a citation into its full form (sources resolved once each)."""
    full = {i: (citation_text(s), identifier(s), s.link) for i, s in sources.items()}

    def cite(ref: m.SourceRef) -> Citation:
        text, ident, link = full[ref.id]  # the checks guarantee every cited id exists
        return Citation(id=ref.id, locator=ref.locator, tier=ref.tier, citation=text, identifier=ident, link=link)

    return cite


def export(record: m.Model, cite: Cite) -> dict[str, Any]:
    """One record as published: its fields (none private), each citation resolved."""
    data = record.model_dump(mode="json", exclude=PRIVATE.get(type(record)))
    return _resolve(record, data, cite)


def _resolve(model: Value, data: dict[str, Any], cite: Cite) -> dict[str, Any]:
    """Replace every ``sources`` list, in the record and in its parts (alternatives), by citations."""
    for name in data:
        value = getattr(model, name)
        if name == "sources" and isinstance(model, m.Record | m.Alternative):
            data[name] = [cite(ref).model_dump(mode="json") for ref in value]
        elif isinstance(value, Value):
            data[name] = _resolve(value, data[name], cite)
        elif isinstance(value, list) and value and isinstance(value[0], Value):
            data[name] = [_resolve(v, d, cite) for v, d in zip(value, data[name], strict=True)]
    return data


def root_rows(v: Views, cite: Cite) -> list[RootRow]:
    """The root-to-muscle table, in the order of the roots (L2 to S2)."""
    return [
        RootRow(
            root=r.label,
            id=r.id,
            name=r.name,
            movements=r.movements,
            key_muscles=[v.muscles[x].name for x in r.key_muscles],
            skin_area=r.sensory_area,
            reflexes=r.reflexes,
            shows_in=[v.regions[x].name for x in r.twitch_regions],
            nerves=[v.nerves[x].name for x in r.nerves],
            sources=[cite(ref) for ref in r.sources],
            reviewed=r.reviewed,
        )
        for r in v.kb.roots
    ]


def sign_rows(v: Views, cite: Cite) -> list[SignRow]:
    """Every warning sign with its tier, most urgent first (then by id)."""
    signs = sorted(v.kb.signs, key=lambda s: (m.URGENCY_ORDER.index(s.urgency), s.id))
    return [
        SignRow(
            id=s.id,
            sign=s.name,
            tier=s.urgency,
            tier_meaning=URGENCY_TITLE[s.urgency],
            description=s.description,
            action=s.action,
            tier_note=s.tier_note,
            sources=[cite(ref) for ref in s.sources],
            reviewed=s.reviewed,
        )
        for s in signs
    ]


def dataset(v: Views, version: Version) -> Dataset:
    """The whole published dataset."""
    cite = citer(v.sources)
    records = {key: [export(r, cite) for r in sorted(records_of(v.kb, key), key=lambda r: r.id)] for key in KINDS}
    return Dataset(
        title=TITLE,
        licence=LICENCE,
        version=version,
        counts={key: len(items) for key, items in records.items()},
        records=records,
        tiers=[Tier(tier=t, rank=i, meaning=URGENCY_TITLE[t]) for i, t in enumerate(m.URGENCY_ORDER, 1)],
        tables=Tables(root_to_muscle=root_rows(v, cite), warning_signs=sign_rows(v, cite)),
    )


# --- Text of the files ------------------------------------------------------------------------


def json_text(value: Any) -> str:
    """Stable JSON: fields in the models' order (id first), two-space indent, UTF-8 characters kept.
    Records are sorted by id, so the file changes only when the facts do (and the version)."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def csv_text(model: type[Value], rows: list[Any]) -> str:
    """RFC 4180 CSV: a header row of the model's field names, then one line per row; lists are
    joined with '; ', citations written as their source ids (with the tier a source gives)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = list(model.model_fields)
    writer.writerow(names)
    for row in rows:
        writer.writerow([csv_cell(getattr(row, name)) for name in names])
    return out.getvalue()


def csv_cell(value: Any) -> str:
    """One CSV cell: a list joined with '; ', a citation as its source id, a date in ISO form."""
    if value is None:
        return ""
    if isinstance(value, list):
        return CSV_SEPARATOR.join(csv_cell(item) for item in value)
    if isinstance(value, Citation):
        return f"{value.id} ({value.tier})" if value.tier else value.id
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def files(v: Views, version: Version) -> dict[str, str]:
    """Every published file: its path in the site -> its text."""
    data = dataset(v, version)
    return {
        JSON_FILE: json_text(data.model_dump(mode="json")),
        SCHEMA_FILE: json_text(dataset_schema()),
        ROOTS_CSV: csv_text(RootRow, data.tables.root_to_muscle),
        SIGNS_CSV: csv_text(SignRow, data.tables.warning_signs),
    }
