"""The shape of the published dataset: the models its JSON follows (whose field descriptions the
Reuse page lists), where its files go, its licence, and its JSON Schema.

The schema is generated like the data files' schemas (macros.kb.schema), from the same record
models: a record's citations are resolved (``Citation``) and private fields are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from pydantic import Field

from macros.kb import models as m
from macros.kb.base import Id, ShortText, Text, Value
from macros.kb.schema import model_schema
from macros.kb.sections import SECTIONS

#: The files the build publishes, relative to the site's root (MkDocs file names).
JSON_FILE = "data/twitch-atlas.json"
SCHEMA_FILE = "data/twitch-atlas.schema.json"
ROOTS_CSV = "data/root-to-muscle.csv"
SIGNS_CSV = "data/warning-signs.csv"
FILES = (JSON_FILE, SCHEMA_FILE, ROOTS_CSV, SIGNS_CSV)
#: Every kind of record is published. The lexicon and hosts tables are the checker's tools
#: (words it reads prose with, hosts a source may come from), not facts, and stay out.
KINDS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
#: Fields never published: a source's provenance is editorial (how it was read, what to verify).
PRIVATE: dict[type[m.Model], set[str]] = {m.Source: {"provenance"}}
#: Between the items of a list in one CSV cell.
CSV_SEPARATOR = "; "
TITLE = "Twitch Atlas knowledge base"


class Licence(Value):
    """The terms under which the data may be reused."""

    name: ShortText = Field(description="Short name of the licence of the text and data: CC BY 4.0.")
    title: ShortText = Field(description="Full name of the licence.")
    url: ShortText = Field(description="Address of the licence's text.")
    attribution: ShortText = Field(description="Whom to credit when you reuse the data.")
    code: ShortText = Field(description="The licence of the site's program code (not of this data): MIT.")


LICENCE = Licence(
    name="CC BY 4.0",
    title="Creative Commons Attribution 4.0 International",
    url="https://creativecommons.org/licenses/by/4.0/",
    attribution="Twitch Atlas contributors",
    code="MIT",
)


class Version(Value):
    """Which state of the knowledge base the file holds."""

    commit: str | None = Field(
        description="The git commit the site was built from; null when it was built outside a git repository."
    )
    built: dt.date = Field(description="Date (YYYY-MM-DD) the file was built.")


class Citation(m.SourceRef):
    """A source a record cites, resolved: where in the source to look and the full citation."""

    id: Id = Field(description="Id of the source; its full record is in records.sources.")
    citation: Text = Field(
        description="The full citation in one line: authors, title, publisher, year, edition, chapter and identifiers."
    )
    identifier: ShortText = Field(
        description="How to find the source: 'doi:...', 'pmid:...', 'isbn:...' or the address of its page."
    )
    link: ShortText | None = Field(
        description="Address a reader follows: the source's own page, else its DOI or PubMed record."
    )


class Tier(Value):
    """One level of the urgency scale of warning signs, most urgent first."""

    tier: m.Urgency = Field(description="The level's name.")
    rank: int = Field(description="1 for the most urgent level, 4 for the least.")
    meaning: ShortText = Field(description="What the site tells readers to do at this level.")


class RootRow(Value):
    """One row of the root-to-muscle table: a nerve root, what it moves, where trouble shows."""

    root: m.RootLabel = Field(description="The nerve root, L2 to S2.")
    id: Id = Field(description="Id of the root's record in records.roots.")
    name: ShortText = Field(description="The root's plain name.")
    movements: list[ShortText] = Field(description="Key movements it powers.")
    key_muscles: list[ShortText] = Field(description="Names of the muscles it supplies.")
    skin_area: Text = Field(description="The skin area it supplies (dermatome), in plain words.")
    reflexes: list[m.Reflex] = Field(description="Reflexes it is tested by (none for some roots).")
    shows_in: list[ShortText] = Field(
        description="Body areas where weakness or twitching from this root typically shows."
    )
    nerves: list[ShortText] = Field(description="Names of the nerves that carry its fibres.")
    sources: list[Citation] = Field(description="The sources of this row's facts.")
    reviewed: dt.date = Field(description="Date (YYYY-MM-DD) of the last editorial review of the root's record.")


class SignRow(Value):
    """A warning sign with its tier: how soon to get care, as its sources give it."""

    id: Id = Field(description="Id of the sign's record in records.signs.")
    sign: ShortText = Field(description="The symptom, in plain words.")
    tier: m.Urgency = Field(description="How soon to get care: emergency, urgent, soon or self-care.")
    tier_meaning: ShortText = Field(description="What the site tells readers to do at this tier.")
    description: Text = Field(description="What to look out for, in plain words.")
    action: Text = Field(description="What to do, in plain words.")
    tier_note: Text | None = Field(description="Where the sources give different tiers: which one is used, and why.")
    sources: list[Citation] = Field(description="The sources of the sign, each with the tier it gives, if any.")
    reviewed: dt.date = Field(description="Date (YYYY-MM-DD) of the last editorial review of the sign's record.")


class Tables(Value):
    """The two tables people most often reuse, ready to read: also published as CSV files."""

    root_to_muscle: list[RootRow] = Field(description="The root-to-muscle table, L2 to S2.")
    warning_signs: list[SignRow] = Field(description="Every warning sign with its tier, most urgent first.")


class Dataset(Value):
    """The Twitch Atlas knowledge base: every sourced fact the site shows."""

    title: ShortText = Field(description="The name of the dataset.")
    licence: Licence = Field(description="The terms of reuse.")
    version: Version = Field(description="Which state of the knowledge base this is.")
    counts: dict[str, int] = Field(description="How many records of each kind the file holds.")
    records: dict[str, list[dict[str, Any]]] = Field(
        description="Every record of every kind, by kind, sorted by id; each with its sources and review date."
    )
    tiers: list[Tier] = Field(description="The urgency scale of warning signs, most urgent first.")
    tables: Tables = Field(description="The root-to-muscle table and the warning signs with their tiers.")


# --- The schema -------------------------------------------------------------------------------


@functools.cache  # a function of the models alone; callers only read it
def dataset_schema() -> dict[str, Any]:
    """The JSON Schema of the published JSON, from the same record models as the data files' schemas."""
    defs: dict[str, Any] = {}
    schema = model_schema(Dataset, defs, mode="serialization")
    kinds = {s.key: model_schema(s.model, defs, mode="serialization") for s in SECTIONS}
    for section in SECTIONS:
        defs[section.model.__name__] = kinds[section.key]
    for model, names in PRIVATE.items():
        for name in names:
            del defs[model.__name__]["properties"][name]
    del defs["SourceRef"]
    _retarget(defs, "#/$defs/SourceRef", "#/$defs/Citation")
    for part in [schema, *defs.values()]:
        if "properties" in part:  # every field is written, null or empty when it has no value
            part["required"] = list(part["properties"])
    for model in (*(s.model for s in SECTIONS), m.Alternative):  # said for editors: "ids, or {id, locator}"
        if "sources" in defs[model.__name__]["properties"]:
            defs[model.__name__]["properties"]["sources"]["description"] = (
                "The sources of these facts, each resolved into a full citation."
            )
    schema["properties"]["records"] = {
        "type": "object",
        "description": schema["properties"]["records"]["description"],
        "additionalProperties": False,
        "required": list(KINDS),
        "properties": {
            s.key: {
                "type": "array",
                "description": f"Every {s.label} record, sorted by id.",
                "items": {"$ref": f"#/$defs/{s.model.__name__}"},
            }
            for s in SECTIONS
        },
    }
    schema["properties"]["counts"]["propertyNames"] = {"enum": list(KINDS)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{TITLE} (JSON Schema)",
        **{k: v for k, v in schema.items() if k != "title"},
        "$defs": dict(sorted(defs.items())),
    }


def _retarget(node: Any, old: str, new: str) -> None:
    """Point every ``$ref`` to ``old`` at ``new`` instead, anywhere in a schema."""
    if isinstance(node, dict):
        if node.get("$ref") == old:
            node["$ref"] = new
        for value in node.values():
            _retarget(value, old, new)
    elif isinstance(node, list):
        for value in node:
            _retarget(value, old, new)
