"""What the contradiction rules compare with: every claim of the prose, and what the knowledge
base allows for each root. A claim is wrong only when the stored fact, including the
alternatives it records with their sources, leaves no room for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from macros.kb import models as m
from macros.kb.origin import Origin, origin
from macros.kb.sections import records_of
from macros.kb.views import Views
from macros.rules.prose.claims import Claim, Place, claims
from macros.rules.prose.sentences import Sentence, SentenceLines, markdown_sentences, record_sentences
from macros.rules.prose.vocabulary import Vocabulary
from macros.rules.registry import Context, PageFinding, shared

#: Allowed distance, in percentage points, between a stated and a stored percentage.
PERCENT_TOLERANCE = 2.0


class SaidShare(Protocol):
    """A share as written: a claim of a sentence or a share of a figure's value."""

    low: float
    high: float
    bound: bool


def share_agrees(said: SaidShare, stored: list[float]) -> bool:
    """True when a written share agrees with a stored one (within the tolerance)."""
    lo, hi = min(stored), max(stored)
    if said.bound:  # "fewer than half": the stored value must fall inside the bound
        return said.low - PERCENT_TOLERANCE <= lo and hi <= said.high + PERCENT_TOLERANCE
    if said.low == said.high:
        return lo - PERCENT_TOLERANCE <= said.low <= hi + PERCENT_TOLERANCE
    return abs(said.low - lo) <= PERCENT_TOLERANCE and abs(said.high - hi) <= PERCENT_TOLERANCE


#: Sections whose records hold free text (the PROSE_FIELDS of macros.rules.prose.sentences).
PROSE_SECTIONS = (
    "causes",
    "signs",
    "faqs",
    "glossary",
    "comparisons",
    "regions",
    "muscles",
    "nerves",
    "deficits",
    "roots",
    "figures",
)


class Facts:
    """What the knowledge base allows, per root (its lookups come from the Views)."""

    def __init__(self, kb: m.KnowledgeBase) -> None:
        views = Views(kb)
        self.roots = views.roots
        self.muscles = views.muscles
        self.regions = views.regions
        self.nerves = views.nerves

    def alternatives(self, root: m.Root, field: str, main_only: bool = False) -> set[str]:
        """Values a root's recorded alternatives allow for a field (none when ``main_only``)."""
        return set() if main_only else {v for a in root.alternatives if a.field == field for v in a.values}

    def motor(self, root: m.Root, main_only: bool = False) -> tuple[set[str], set[str]]:
        """(regions, muscles) where trouble at the root can show as twitching or weakness."""
        muscles = set(root.key_muscles) | self.alternatives(root, "key_muscles", main_only)
        regions = set(root.twitch_regions) | self.alternatives(root, "twitch_regions", main_only)
        regions |= {self.muscles[x].region for x in muscles if x in self.muscles}
        return regions, muscles

    def sensory(self, root: m.Root, main_only: bool = False) -> set[str]:
        """Regions in the root's skin area."""
        return set(root.sensory_regions) | self.alternatives(root, "sensory_regions", main_only)

    def branches(self, nerve_id: str) -> set[str]:
        """A nerve and every nerve it divides into, however far down."""
        found, todo = set(), [nerve_id]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += self.nerves[current].branches if current in self.nerves else []
        return found

    def covers(self, claim: Claim, main_only: bool = False) -> bool:
        """True when any root of the claim allows the regions or muscles it names (by the site's
        own convention alone when ``main_only``: alternatives allow a claim, not its denial)."""
        for rid in claim.subject:
            root = self.roots.get(rid)
            if root is None:
                return not main_only  # a root we hold no data for (L1, S3...): nothing to compare with
            regions, muscles = self.motor(root, main_only)
            sensory = self.sensory(root, main_only)
            for place in claim.places:
                in_motor = place.id in (muscles if place.kind == "muscle" else regions)
                in_sensory = place.kind == "region" and place.id in sensory
                if in_motor and (claim.kind == "root-region" or claim.either):
                    return True
                if in_sensory and (claim.kind == "root-sensory" or claim.either):
                    return True
        return False

    def owners(self, places: tuple[Place, ...]) -> str:
        """Labels of the roots whose motor territory includes one of ``places``."""
        owners = []
        for root in self.roots.values():
            regions, muscles = self.motor(root)
            if any(p.id in (muscles if p.kind == "muscle" else regions) for p in places):
                owners.append(root.label)
        return ", ".join(owners)


@shared
def facts_of(ctx: Context) -> Facts:
    """The run's Facts, built once and shared by every rule."""
    return Facts(ctx.kb)


@shared
def vocabulary_of(ctx: Context) -> Vocabulary:
    """The run's phrase indexes, built once and shared by every rule."""
    return Vocabulary(ctx.kb)


@shared
def prose_units(ctx: Context) -> list[tuple[str, list[Sentence], Callable[[Sentence], int]]]:
    """(file, its sentences, the line of one of them) for every file with prose: pages, then data
    files (split once per run, shared by the rules)."""
    units = [(path, list(markdown_sentences(path, text)), _own_line) for path, text in ctx.pages.items()]
    by_file: dict[str, list[tuple[m.Model, Origin]]] = {}
    for record in (r for key in PROSE_SECTIONS for r in records_of(ctx.kb, key)):
        place = origin(record)
        if place is not None:
            by_file.setdefault(place.path, []).append((record, place))
    for path, located in by_file.items():
        sentences = [s for record, place in located for s in record_sentences(record, path, place.line_of)]
        units.append((path, sentences, SentenceLines(located[0][1].doc.text)))
    return units


def _own_line(sentence: Sentence) -> int:
    return sentence.line  # a page's sentences are read line by line: each knows its line


@shared
def all_claims(ctx: Context) -> list[Claim]:
    """Every claim of every sentence, each at its own line (found once per run, shared by the rules)."""
    found: list[Claim] = []
    if ctx.kb.lexicon is not None and ctx.readable("lexicon"):
        vocab = vocabulary_of(ctx)
        for _, sentences, line_of in prose_units(ctx):
            for sentence in sentences:
                made = claims(sentence, vocab)
                if made:
                    located = sentence._replace(line=line_of(sentence))
                    found += [replace(c, sentence=located) for c in made]
    return found


def finding(claim: Claim, message: str) -> PageFinding:
    """A finding at the claim's sentence, quoting it."""
    text = claim.sentence.text
    quoted = f"'{text if len(text) <= 90 else text[:87] + '...'}'"
    return PageFinding(claim.sentence.path, claim.sentence.line, f"{quoted} {message}")


def names(ids: list[str] | set[str], table: dict[str, m.Region]) -> str:
    """The lowercase names of regions, in id order, or 'none'."""
    return ", ".join(table[i].name.lower() for i in sorted(ids) if i in table) or "none"
