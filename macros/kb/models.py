"""Typed models of the knowledge base: one pydantic model per kind of record.

Rules about a single record (types, closed vocabularies, required fields) live here; rules
across records live in ``macros.rules``. A field that holds ids of another kind of record says
so once, with ``RefTo``: the reference rules, the JSON Schemas and the benchmark's data
generator all read it from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field, field_validator

# The building blocks, the closed vocabularies and the tables, re-exported as models.X.
from macros.kb.base import Id, Model, RefTo, ShortText, Text, Value
from macros.kb.source import Source
from macros.kb.tables import HostRule, Hosts, Lexicon  # noqa: F401
from macros.kb.vocab import (  # noqa: F401
    AUTHORITATIVE_KINDS,
    URGENCY_ORDER,
    BodyPart,
    CauseCategory,
    Degree,
    FaqTopic,
    Frequency,
    Reflex,
    RootLabel,
    Seriousness,
    SourceForm,
    SourceKind,
    Urgency,
)


class SourceRef(Value):
    """A citation of one source, optionally pointing at a part of it."""

    id: Id = Field(description="Id of a source in data/sources.yaml.")
    locator: ShortText | None = Field(default=None, description="Where in the source: section heading, table or page.")
    tier: Urgency | None = Field(
        default=None,
        description="For a warning sign: the urgency this source gives the sign (emergency, urgent, soon, self-care).",
    )


class InShort(Value):
    """The answer a worried reader needs first, shown at the top of a page: four short lines."""

    what: ShortText = Field(description="What it is, in one plain line.")
    outlook: ShortText = Field(description="Whether it is usually harmless: the record's real seriousness.")
    helps: ShortText = Field(description="What helps, in one line.")
    doctor: ShortText = Field(description="When to see a doctor, in one line.")
    tier: Urgency = Field(description="The tier of the warning-signs page the doctor line links to.")


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


# --- Anatomy -----------------------------------------------------------------------------


class Region(Record):
    """A body area a reader may notice twitching in (calf, eyelid...)."""

    name: ShortText = Field(description="Plain-language name shown as the page title, e.g. 'Calf'.")
    body_part: BodyPart = Field(description="Where on the body it is: leg, foot, trunk, head or arm.")
    synonyms: list[ShortText] = Field(
        default_factory=list,
        description="Other names readers and clinicians use: plain and anatomical.",
    )
    description: Text = Field(description="One or two plain sentences locating the area.")
    in_short: InShort | None = Field(default=None, description="The first-screen answer for this area's page.")


class Muscle(Record):
    """A muscle or muscle group named in the root table."""

    name: ShortText = Field(
        description="The muscle's name, with its everyday name in brackets, e.g. 'Iliopsoas (hip flexor)'."
    )
    synonyms: list[ShortText] = Field(default_factory=list, description="Other names readers and clinicians use.")
    region: Annotated[Id, RefTo("regions")] = Field(description="Id of the region the muscle lies in.")
    nerves: Annotated[list[Id], RefTo("nerves")] = Field(
        default_factory=list, description="Ids of nerves supplying it."
    )
    action: ShortText = Field(description="What the muscle does, in plain words.")


class Nerve(Record):
    """A peripheral nerve that carries root fibres to muscles or skin."""

    name: ShortText = Field(description="The nerve's name, e.g. 'Sciatic nerve'.")
    synonyms: list[ShortText] = Field(default_factory=list, description="Other names readers and clinicians use.")
    root_values: ShortText = Field(description="Roots that form it, e.g. 'L2-L4'.")
    supplies: Text = Field(description="Muscles and skin it supplies, in plain words.")
    branches: Annotated[list[Id], RefTo("nerves")] = Field(
        default_factory=list,
        description="Ids of the nerves it divides into: it supplies what they supply (sciatic: tibial, common peroneal).",
    )


class Deficit(Record):
    """A sign of nerve or muscle trouble (foot drop, weak ankle reflex...)."""

    name: ShortText = Field(description="The sign's name in plain words, e.g. 'Foot drop'.")
    synonyms: list[ShortText] = Field(default_factory=list, description="Other names readers and clinicians use.")
    description: Text = Field(description="What it is and how it shows, in plain words.")


class Anatomy(Model):
    """Contents of data/anatomy.yaml."""

    regions: list[Region] = Field(default_factory=list)
    muscles: list[Muscle] = Field(default_factory=list)
    nerves: list[Nerve] = Field(default_factory=list)
    deficits: list[Deficit] = Field(default_factory=list)


# --- Roots -------------------------------------------------------------------------------


class Root(Record):
    """One lumbosacral nerve root: a row of the root-to-muscle table."""

    label: RootLabel = Field(description="The root's short label, L2 to S2.")
    name: ShortText = Field(description="Plain name, e.g. 'Fifth lumbar nerve root'.")
    in_short: InShort | None = Field(default=None, description="The first-screen answer for this root's page.")
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
    reflex_note: Text | None = Field(default=None, description="A note on testing its reflexes, if any.")
    twitch_regions: Annotated[list[Id], RefTo("regions")] = Field(
        min_length=1, description="Region ids where trouble at this root typically shows."
    )
    weakness: Text = Field(description="How weakness shows in daily life.")
    deficits: Annotated[list[Id], RefTo("deficits")] = Field(
        default_factory=list, description="Deficit ids it can cause."
    )
    nerves: Annotated[list[Id], RefTo("nerves")] = Field(min_length=1, description="Ids of nerves carrying its fibres.")
    symptoms: list[ShortText] = Field(default_factory=list, description="Accompanying symptoms.")
    alternatives: list[Alternative] = Field(
        default_factory=list, description="Values other good sources give for a field, beside the one used here."
    )
    terms: Annotated[list[Id], RefTo("glossary")] = Field(
        default_factory=list, description="Related glossary term ids."
    )


# --- Causes and warning signs ------------------------------------------------------------


class Cause(Record):
    """A cause of, or condition linked with, muscle twitching."""

    name: ShortText = Field(description="Plain-language name shown as the page title.")
    synonyms: list[ShortText] = Field(default_factory=list, description="Other names readers and clinicians use.")
    category: CauseCategory = Field(description="The group it is listed under on the causes page.")
    seriousness: Seriousness = Field(
        description="How worrying it is: benign (usually harmless), needs-evaluation (see a doctor) or serious."
    )
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
    frequency: Frequency | None = Field(
        default=None, description="common, uncommon or rare, where sources say how often it is the cause."
    )
    in_short: InShort | None = Field(default=None, description="The first-screen answer for this cause's page.")


class SignGroup(Record):
    """Warning signs shown together in one box: "back or leg pain with any of these"."""

    title: ShortText = Field(description="The box's title, in plain words.")
    description: Text = Field(description="What the signs have in common and what to do.")


class WarningSign(Record):
    """A symptom that means a reader should seek care, with how urgently."""

    name: ShortText = Field(description="The symptom, in plain words: the title of its box and its checklist label.")
    description: Text = Field(description="What to look out for, in plain words.")
    urgency: Urgency = Field(description="emergency, urgent, soon or self-care: the tier its sources give.")
    tier_note: Text | None = Field(
        default=None, description="Where the cited sources give different tiers: which, and why this one was chosen."
    )
    action: Text = Field(description="What to do, in plain words.")
    general: bool = Field(
        default=False,
        description="True for a sign that matters wherever a twitch is (weakness, wasting): shown on every "
        "body-area page and on the pages of harmless causes.",
    )
    group: Annotated[Id | None, RefTo("sign_groups")] = Field(
        default=None, description="Id of the sign group whose box shows this sign, if any."
    )
    causes: Annotated[list[Id], RefTo("causes")] = Field(
        default_factory=list, description="Ids of causes it can point to."
    )
    regions: Annotated[list[Id], RefTo("regions")] = Field(default_factory=list, description="Region ids it concerns.")
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="Other ways writers name this sign (used by the contradiction checker), e.g. 'loss of bowel control'.",
    )


class PageSummary(Record):
    """The first-screen answer of a hand-written page (the home page, what a twitch is)."""

    in_short: InShort = Field(description="The first-screen answer for the page.")


# --- FAQs, glossary, comparisons, figures ------------------------------------------------


class Faq(Record):
    """A question readers ask, answered in plain language."""

    question: ShortText = Field(description="The question as a reader would ask it.")
    answer: Text = Field(description="The answer, in plain words.")
    topic: FaqTopic = Field(description="The group it is listed under on the questions page.")
    causes: Annotated[list[Id], RefTo("causes")] = Field(default_factory=list, description="Ids of causes it is about.")
    regions: Annotated[list[Id], RefTo("regions")] = Field(
        default_factory=list, description="Ids of body areas it is about."
    )
    roots: Annotated[list[Id], RefTo("roots")] = Field(
        default_factory=list, description="Ids of nerve roots it is about."
    )
    signs: Annotated[list[Id], RefTo("signs")] = Field(
        default_factory=list, description="Ids of warning signs it is about."
    )


class Term(Record):
    """A glossary entry for a technical word used on the site."""

    term: ShortText = Field(description="The word as it is usually written.")
    aliases: list[ShortText] = Field(default_factory=list, description="Other forms and plurals.")
    definition: Text = Field(description="Plain-language definition.")
    see_also: Annotated[list[Id], RefTo("glossary")] = Field(default_factory=list, description="Related term ids.")


class Comparison(Record):
    """A movement that can be mistaken for a twitch: one row of the comparison table."""

    name: ShortText = Field(description="The movement's name, e.g. 'Cramp'.")
    term: Annotated[Id | None, RefTo("glossary")] = Field(
        default=None, description="Glossary term id for this movement."
    )
    what_it_is: Text = Field(description="What the movement is, in plain words.")
    how_it_differs: Text = Field(description="How it differs from a fasciculation.")
    painful: Degree = Field(description="Whether it hurts: yes, no, sometimes, usually or rarely.")
    moves_the_limb: Degree = Field(
        description="Whether it moves a joint or limb: yes, no, sometimes, usually or rarely."
    )
    rhythmic: Degree = Field(description="Whether it comes in a regular rhythm: yes, no, sometimes, usually or rarely.")
    usually_harmless: Degree = Field(
        description="Whether it is usually harmless: yes, no, sometimes, usually or rarely."
    )


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


# --- The whole knowledge base ------------------------------------------------------------


class KnowledgeBase(Model):
    """Every record, validated one by one; cross-record rules are in macros.rules."""

    sources: list[Source] = Field(default_factory=list)
    anatomy: Anatomy = Field(default_factory=Anatomy)
    roots: list[Root] = Field(default_factory=list)
    causes: list[Cause] = Field(default_factory=list)
    signs: list[WarningSign] = Field(default_factory=list)
    sign_groups: list[SignGroup] = Field(default_factory=list)
    summaries: list[PageSummary] = Field(default_factory=list)
    faqs: list[Faq] = Field(default_factory=list)
    glossary: list[Term] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    lexicon: Lexicon | None = None
    hosts: Hosts | None = None
