"""Typed models of the knowledge base: one pydantic model per kind of record.

Rules about a single record (types, closed vocabularies, required fields) live here; rules
across records live in ``macros.rules``. A field that holds ids of another kind of record says
so once, with ``RefTo``: the reference rules, the JSON Schemas and the benchmark's data
generator all read it from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PrivateAttr,
    StringConstraints,
    field_validator,
)

from macros.kb.vocab import (  # noqa: F401  (the closed vocabularies, re-exported as models.X)
    AUTHORITATIVE_KINDS,
    URGENCY_ORDER,
    BodyPart,
    CauseCategory,
    Degree,
    FaqTopic,
    Reflex,
    RootLabel,
    Seriousness,
    SourceKind,
    Urgency,
)

# --- Building blocks -------------------------------------------------------------------

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]


@dataclass(frozen=True)
class RefTo:
    """Marks a field as holding ids of records of another section (its key, e.g. "regions")."""

    target: str


class Value(BaseModel):
    """Base for every model: strict about unknown keys, immutable once loaded. A part of a record
    (a citation, an alternative) is a Value: it is located through its record."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Model(Value):
    """Base for records and the files' top-level parts: a Value that knows where it was read."""

    #: Where the loader read it: a macros.kb.origin.Origin (file, line, the lines of its fields),
    #: or None for records built in code. Typed loosely so that the models import nothing of ours.
    _origin: Any = PrivateAttr(default=None)


class SourceRef(Value):
    """A citation of one source, optionally pointing at a part of it."""

    id: Id = Field(description="Id of a source in data/sources.yaml.")
    locator: ShortText | None = Field(default=None, description="Where in the source: section heading, table or page.")


def _coerce_source_refs(value: Any) -> Any:
    """Let editors write a bare source id instead of ``{id: ...}``."""
    if isinstance(value, list):
        return [{"id": item} if isinstance(item, str) else item for item in value]
    return value


class Record(Model):
    """A fact-bearing record: stable id, sources and review date."""

    id: Id = Field(description="Stable kebab-case id, unique within its kind; URLs derive from it.")
    sources: list[SourceRef] = Field(
        min_length=1,
        description="Sources for this record's facts: source ids, or {id, locator} mappings.",
    )
    reviewed: dt.date = Field(description="Date (YYYY-MM-DD) of the last editorial review.")

    _coerce_sources = field_validator("sources", mode="before")(_coerce_source_refs)


class Alternative(Value):
    """A value that other good sources give for a field, recorded beside our convention."""

    field: ShortText = Field(description="Name of the field this is an alternative for.")
    values: list[ShortText] = Field(min_length=1, description="The alternative values.")
    note: Text = Field(description="Who says so and why we chose our convention.")
    sources: list[SourceRef] = Field(min_length=1, description="Sources stating the alternative.")

    _coerce_sources = field_validator("sources", mode="before")(_coerce_source_refs)


# --- Sources -----------------------------------------------------------------------------


class Source(Model):
    """A published source: the only place a citation is written in full."""

    id: Id = Field(description="Stable kebab-case id used in every record's sources list.")
    kind: SourceKind = Field(description="What sort of source it is; decides if it is authoritative.")
    title: ShortText
    publisher: ShortText
    year: int | None = Field(default=None, ge=1900, le=2100, description="Year published; null if undated.")
    url: HttpUrl = Field(description="The publisher's canonical http(s) address, never a mirror.")
    accessed: dt.date = Field(description="Date (YYYY-MM-DD) the address was last checked.")
    note: Text | None = Field(default=None, description="Caveats: how it was read, what to verify.")

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: HttpUrl) -> HttpUrl:
        """Only http(s) addresses may be linked."""
        if value.scheme not in ("http", "https"):
            raise ValueError("source URLs must start with http:// or https://")
        return value


# --- Anatomy -----------------------------------------------------------------------------


class Region(Record):
    """A body area a reader may notice twitching in (calf, eyelid...)."""

    name: ShortText = Field(description="Plain-language name shown as the page title, e.g. 'Calf'.")
    body_part: BodyPart
    synonyms: list[ShortText] = Field(
        default_factory=list,
        description="Other names readers and clinicians use: plain and anatomical.",
    )
    description: Text = Field(description="One or two plain sentences locating the area.")


class Muscle(Record):
    """A muscle or muscle group named in the root table."""

    name: ShortText
    synonyms: list[ShortText] = Field(default_factory=list)
    region: Annotated[Id, RefTo("regions")] = Field(description="Id of the region the muscle lies in.")
    nerves: Annotated[list[Id], RefTo("nerves")] = Field(
        default_factory=list, description="Ids of nerves supplying it."
    )
    action: ShortText = Field(description="What the muscle does, in plain words.")


class Nerve(Record):
    """A peripheral nerve that carries root fibres to muscles or skin."""

    name: ShortText
    synonyms: list[ShortText] = Field(default_factory=list)
    root_values: ShortText = Field(description="Roots that form it, e.g. 'L2-L4'.")
    supplies: Text = Field(description="Muscles and skin it supplies, in plain words.")


class Deficit(Record):
    """A sign of nerve or muscle trouble (foot drop, weak ankle reflex...)."""

    name: ShortText
    synonyms: list[ShortText] = Field(default_factory=list)
    description: Text


class Anatomy(Model):
    """Contents of data/anatomy.yaml."""

    regions: list[Region] = Field(default_factory=list)
    muscles: list[Muscle] = Field(default_factory=list)
    nerves: list[Nerve] = Field(default_factory=list)
    deficits: list[Deficit] = Field(default_factory=list)


# --- Roots -------------------------------------------------------------------------------


class Root(Record):
    """One lumbosacral nerve root: a row of the root-to-muscle table."""

    label: RootLabel
    name: ShortText = Field(description="Plain name, e.g. 'Fifth lumbar nerve root'.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other ways to write it.")
    movements: list[ShortText] = Field(min_length=1, description="Key movements it powers.")
    key_muscles: Annotated[list[Id], RefTo("muscles")] = Field(min_length=1, description="Ids of muscles it supplies.")
    isncsci_key_muscle: ShortText | None = Field(
        default=None, description="The ISNCSCI key muscle group for this root, if any."
    )
    sensory_area: Text = Field(description="Skin area (dermatome), in plain words.")
    sensory_regions: Annotated[list[Id], RefTo("regions")] = Field(
        min_length=1, description="Region ids of the dermatome."
    )
    reflexes: list[Reflex] = Field(default_factory=list, description="Reflexes it is tested by.")
    reflex_note: Text | None = None
    twitch_regions: Annotated[list[Id], RefTo("regions")] = Field(
        min_length=1, description="Region ids where trouble at this root typically shows."
    )
    weakness: Text = Field(description="How weakness shows in daily life.")
    deficits: Annotated[list[Id], RefTo("deficits")] = Field(
        default_factory=list, description="Deficit ids it can cause."
    )
    nerves: Annotated[list[Id], RefTo("nerves")] = Field(min_length=1, description="Ids of nerves carrying its fibres.")
    symptoms: list[ShortText] = Field(default_factory=list, description="Accompanying symptoms.")
    alternatives: list[Alternative] = Field(default_factory=list)
    terms: Annotated[list[Id], RefTo("glossary")] = Field(
        default_factory=list, description="Related glossary term ids."
    )


# --- Causes and warning signs ------------------------------------------------------------


class Cause(Record):
    """A cause of, or condition linked with, muscle twitching."""

    name: ShortText
    synonyms: list[ShortText] = Field(default_factory=list)
    category: CauseCategory
    seriousness: Seriousness
    summary: Text = Field(description="What it is, in one or two plain sentences.")
    mechanism: Text = Field(description="How it causes twitching, or that nobody knows.")
    pattern: Text = Field(description="Where and how the twitching typically shows.")
    helps: list[Text] = Field(min_length=1, description="What helps, one point each.")
    regions: Annotated[list[Id], RefTo("regions")] = Field(
        default_factory=list, description="Region ids it typically affects."
    )
    roots: Annotated[list[Id], RefTo("roots")] = Field(default_factory=list, description="Root ids involved, if any.")
    terms: Annotated[list[Id], RefTo("glossary")] = Field(
        default_factory=list, description="Related glossary term ids."
    )


class WarningSign(Record):
    """A symptom that means a reader should seek care, with how urgently."""

    name: ShortText = Field(description="Short plain title of the sign.")
    description: Text = Field(description="What to look out for, in plain words.")
    urgency: Urgency = Field(description="emergency, urgent, soon or self-care.")
    action: Text = Field(description="What to do, in plain words.")
    causes: Annotated[list[Id], RefTo("causes")] = Field(
        default_factory=list, description="Ids of causes it can point to."
    )
    regions: Annotated[list[Id], RefTo("regions")] = Field(default_factory=list, description="Region ids it concerns.")
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="Other ways writers name this sign (used by the contradiction checker), e.g. 'loss of bowel control'.",
    )


# --- FAQs, glossary, comparisons, figures ------------------------------------------------


class Faq(Record):
    """A question readers ask, answered in plain language."""

    question: ShortText
    answer: Text
    topic: FaqTopic
    causes: Annotated[list[Id], RefTo("causes")] = Field(default_factory=list)
    regions: Annotated[list[Id], RefTo("regions")] = Field(default_factory=list)
    roots: Annotated[list[Id], RefTo("roots")] = Field(default_factory=list)
    signs: Annotated[list[Id], RefTo("signs")] = Field(default_factory=list)


class Term(Record):
    """A glossary entry for a technical word used on the site."""

    term: ShortText = Field(description="The word as it is usually written.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other forms and plurals.")
    definition: Text = Field(description="Plain-language definition.")
    see_also: Annotated[list[Id], RefTo("glossary")] = Field(default_factory=list, description="Related term ids.")


class Comparison(Record):
    """A movement that can be mistaken for a twitch: one row of the comparison table."""

    name: ShortText
    term: Annotated[Id | None, RefTo("glossary")] = Field(
        default=None, description="Glossary term id for this movement."
    )
    what_it_is: Text
    how_it_differs: Text = Field(description="How it differs from a fasciculation.")
    painful: Degree
    moves_the_limb: Degree
    rhythmic: Degree
    usually_harmless: Degree


class Figure(Record):
    """A number the site states, kept once so every page quotes the same value."""

    quantity: ShortText = Field(description="What is counted, e.g. 'healthy people who notice twitching'.")
    value: ShortText = Field(description="The value as published, e.g. 'about 70%'.")
    context: Text = Field(description="Who was studied, when, and caveats.")
    phrases: list[ShortText] = Field(
        default_factory=list,
        description="Words that name this quantity in prose (for the contradiction checker), e.g. 'people who notice twitching'.",
    )
    percent: list[float] = Field(
        default_factory=list,
        max_length=2,
        description="The percentage, or [low, high] range, prose may state for this quantity.",
    )


# --- Lexicon -----------------------------------------------------------------------------


class Lexicon(Model):
    """Words the contradiction checker reads prose with (data/lexicon.yaml). Not medical facts."""

    negations: list[ShortText] = Field(description="Words that turn a sentence around ('not', 'never').")
    motor_cues: list[ShortText] = Field(description="Words that make a sentence about twitching or weakness.")
    sensory_cues: list[ShortText] = Field(description="Words that make a sentence about feeling or numbness.")
    supply_cues: list[ShortText] = Field(description="Words that say a nerve supplies a muscle or area.")
    symptom_cues: list[ShortText] = Field(description="Words that present something as an ordinary symptom.")
    reflexes: dict[Reflex, list[ShortText]] = Field(description="How writers name each reflex.")
    urgency: dict[Urgency, list[ShortText]] = Field(description="Phrases that put a sign in an urgency tier.")
    seriousness: dict[Seriousness, list[ShortText]] = Field(
        description="Phrases that call a cause harmless or serious."
    )


# --- The whole knowledge base ------------------------------------------------------------


class KnowledgeBase(Model):
    """Every record, validated one by one; cross-record rules are in macros.rules."""

    sources: list[Source] = Field(default_factory=list)
    anatomy: Anatomy = Field(default_factory=Anatomy)
    roots: list[Root] = Field(default_factory=list)
    causes: list[Cause] = Field(default_factory=list)
    signs: list[WarningSign] = Field(default_factory=list)
    faqs: list[Faq] = Field(default_factory=list)
    glossary: list[Term] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    lexicon: Lexicon | None = None
