"""Claim extraction: what each sentence of prose asserts or denies, keeping its file and line.

A sentence yields claims only through words of the lexicon (data/lexicon.yaml) and the names and
synonyms stored on the records themselves. A claim binds mentions within one clause; a claim a
sentence denies ("S1 does not reach the calf") is kept as denied, and the rules judge it too.
Questions make no claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from macros.kb import models as m
from macros.rules.prose.mentions import Mention, Reading, group_roots
from macros.rules.prose.numbers import has_share, shares
from macros.rules.prose.scope import Polarity, Scope, clause_of, clauses
from macros.rules.prose.sentences import Sentence
from macros.rules.prose.vocabulary import Vocabulary

ClaimKind = Literal[
    "root-region",
    "root-sensory",
    "root-reflex",
    "root-deficit",
    "nerve-supply",
    "figure",
    "sign-urgency",
    "sign-symptom",
    "cause-seriousness",
]


class Place(NamedTuple):
    """A place a claim names: a region or a muscle, by id."""

    kind: Literal["region", "muscle"]
    id: str


@dataclass(frozen=True)
class Claim:
    """One thing a sentence asserts or denies about ``subject``: roots, a nerve, a figure, a sign or a cause."""

    kind: ClaimKind
    subject: tuple[str, ...]  # ids; several when a sentence lists roots together ("L4, L5 or S1")
    phrase: str  # the words of the sentence that made the claim
    sentence: Sentence
    places: tuple[Place, ...] = ()  # root-region, root-sensory, nerve-supply: where
    either: bool = False  # root-region: the sentence speaks of movement and feeling alike
    value: str = ""  # the reflex, deficit, urgency tier ("care": some doctor) or seriousness claimed
    low: float = 0.0  # figure: the percentage stated (low == high for a single number)
    high: float = 0.0
    bound: bool = False  # figure: a bound ("fewer than half"), not a value
    denied: bool = False  # the sentence firmly denies it ("S1 does not reach the calf")


def claims(sentence: Sentence, vocab: Vocabulary) -> list[Claim]:
    """Every claim a sentence asserts or firmly denies (none for questions)."""
    text = sentence.text
    if text.rstrip().endswith("?"):
        return []
    reading = Reading(text, vocab)
    if not may_claim(reading):
        return []
    scope = Scope(reading, reading.mentions())
    by_kind: dict[str, list[Mention]] = {}
    for mention in scope.kept():
        by_kind.setdefault(mention.kind, []).append(mention)
    out: list[Claim] = []
    out += _root_claims(sentence, by_kind, scope)
    out += _nerve_claims(sentence, by_kind, scope)
    out += _figure_claims(sentence, by_kind, scope, vocab)
    out += _sign_claims(sentence, by_kind, scope)
    out += _cause_claims(sentence, by_kind, scope)
    return out


def may_claim(reading: Reading) -> bool:
    """False only for a sentence that cannot make a claim of any kind (most sentences): each test
    is one that the claims of a kind need, on the words that could start a phrase."""
    kinds = reading.kinds
    if "root" in kinds or reading.numbered:  # a root named, or a range such as L4-S1
        return True
    names = reading.names  # a phrase that may start is looked up only when another kind needs it
    if "cause" in kinds and "seriousness" in kinds and names("cause") and names("seriousness"):
        return True
    if ("figure" in kinds or reading.numbered or "%" in reading.text) and has_share(reading.text):
        return True
    if "nerve" in kinds and names("nerve") and (names("muscle") or names("region")):
        return True
    return "sign" in kinds and names("sign") and (names("tier") or names("care") or names("cause"))


def _kept(polarity: Polarity) -> bool:
    """Claims a rule can judge: asserted, or firmly denied."""
    return polarity in ("asserted", "denied")


def _cued(scope: Scope, cue: str, at: Mention) -> bool:
    """A cue word of ``cue`` in the clause of ``at``, or anywhere in a sentence whose clause has
    no cue word of any kind ("S1: the calf" after "Where twitching shows")."""
    cues = scope.cues(cue)
    if scope.cue_in_clause(cues, at):
        return True
    return bool(cues) and not any(scope.cue_in_clause(scope.cues(c), at) for c in ("motor", "sensory", "supply"))


_PARENTHESIS_AFTER = re.compile(r"\s*\(\s*$")
LOCATION_BETWEEN = re.compile(
    r"^\s*(?:nerve\s+)?(?:roots?\s+)?(?:in|at|from|of|near|inside)\s+(?:the\s+)?(?:your\s+)?$", re.I
)


def _root_for(target: Mention, groups: list[Mention], scope: Scope) -> Mention | None:
    """The root group a mention belongs to, within its clause: a root in brackets just after it
    ('quadriceps (L3)'), else the nearest one before it, else the first after it."""
    text = scope.reading.base
    inside = [g for g in groups if scope.same_clause(g, target)]
    after = [g for g in inside if g.start >= target.end]
    if after and _PARENTHESIS_AFTER.fullmatch(text[target.end : after[0].start]):
        return after[0]
    before = [g for g in inside if g.end <= target.start]
    return before[-1] if before else (after[0] if after else None)


def _root_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], scope: Scope) -> list[Claim]:
    groups = group_roots(by_kind.get("root", []), scope.reading.base)
    if not groups:
        return []
    text = scope.reading.base
    out: list[Claim] = []
    for mention in by_kind.get("region", []) + by_kind.get("muscle", []):
        group = _root_for(mention, groups, scope)
        if group is None:
            continue
        if group.end <= mention.start and LOCATION_BETWEEN.fullmatch(text[group.end : mention.start]):
            continue  # "the S1 root in the lower back": where the root is, not where it acts
        polarity = scope.polarity(group, mention)
        if not _kept(polarity):
            continue
        motor, sensory = _cued(scope, "motor", mention), _cued(scope, "sensory", mention)
        roots, places = tuple(sorted(group.ids)), _places(mention)
        denied = polarity == "denied"
        if motor and not sensory:
            out.append(Claim("root-region", roots, mention.phrase, sentence, places, denied=denied))
        elif sensory and not motor:
            out.append(Claim("root-sensory", roots, mention.phrase, sentence, places, denied=denied))
        elif motor and sensory and not denied:
            # Ambiguous sentence: it is only wrong if the root neither moves nor feels there.
            out.append(Claim("root-region", roots, mention.phrase, sentence, places, either=True))
    for kind, claim_kind in (("reflex", "root-reflex"), ("deficit", "root-deficit")):
        for mention in by_kind.get(kind, []):
            group = _root_for(mention, groups, scope)
            polarity = scope.polarity(group, mention) if group is not None else "unclear"
            if group is not None and _kept(polarity):
                for value in sorted(mention.ids):
                    denied = polarity == "denied"
                    claim = Claim(
                        claim_kind, tuple(sorted(group.ids)), mention.phrase, sentence, value=value, denied=denied
                    )  # type: ignore[arg-type]
                    out.append(claim)
    return out


def _nearest_in_clause(candidates: list[Mention], mention: Mention, scope: Scope) -> Mention | None:
    """The candidate in ``mention``'s clause written closest to it, or None."""
    inside = [c for c in candidates if scope.same_clause(c, mention)]
    return min(inside, key=lambda c: min(abs(c.start - mention.end), abs(mention.start - c.end)), default=None)


def _nerve_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], scope: Scope) -> list[Claim]:
    nerves = by_kind.get("nerve", [])
    out: list[Claim] = []
    for mention in by_kind.get("muscle", []) + by_kind.get("region", []):
        if not _cued(scope, "supply", mention) or _cued(scope, "sensory", mention):
            continue
        nerve = _nearest_in_clause(nerves, mention, scope)
        if nerve is None:
            continue
        polarity = scope.polarity(nerve, mention)
        if _kept(polarity):
            denied = polarity == "denied"
            out.append(
                Claim(
                    "nerve-supply", tuple(sorted(nerve.ids)), mention.phrase, sentence, _places(mention), denied=denied
                )
            )
    return out


def _figure_claims(
    sentence: Sentence, by_kind: dict[str, list[Mention]], scope: Scope, vocab: Vocabulary
) -> list[Claim]:
    figures = by_kind.get("figure", [])
    if len(figures) > 1 or not has_share(sentence.text):
        return []  # several quantities in one sentence: the numbers cannot be told apart
    said = shares(sentence.text)
    if not figures:  # no stored phrase: the quantity may still be named in other words
        one_value = len({(s.low, s.high) for s in said}) == 1  # "7 in 10 (70%)" is one value
        fid = vocab.figure_by_words(sentence.text) if one_value else None
        if fid is None:
            return []
        figures = [Mention("figure", frozenset({fid}), said[0].position, said[0].position, "")]
    mention = figures[0]
    lo, hi = clause_of(mention.start, clauses(sentence.text, fine=True))
    found = [s for s in said if lo <= s.position <= hi]
    if not found or scope.negations:
        return []
    share = min(found, key=lambda s: abs(s.position - mention.start))
    return [
        Claim(
            "figure",
            tuple(sorted(mention.ids)),
            mention.phrase,
            sentence,
            low=share.low,
            high=share.high,
            bound=share.bound,
        )
    ]


def _sign_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], scope: Scope) -> list[Claim]:
    signs = by_kind.get("sign", [])
    if not signs:
        return []
    tiers = by_kind.get("tier", []) + by_kind.get("care", [])
    out: list[Claim] = []
    for mention in signs:
        tier = _nearest_in_clause(tiers, mention, scope)
        if tier is not None:
            polarity = scope.polarity(mention, tier)
            if _kept(polarity):
                level = "care" if tier.kind == "care" else min(tier.ids, key=m.URGENCY_ORDER.index)
                denied = polarity == "denied"
                out.append(
                    Claim("sign-urgency", tuple(sorted(mention.ids)), tier.phrase, sentence, value=level, denied=denied)
                )
            continue
        causes = [c for c in by_kind.get("cause", []) if scope.same_clause(c, mention)]
        if causes and _cued(scope, "symptom", mention) and scope.polarity(causes[0], mention) == "asserted":
            # "Symptoms of sciatica include loss of bowel control": a red flag listed as a routine symptom.
            out.append(Claim("sign-symptom", tuple(sorted(mention.ids)), mention.phrase, sentence))
    return out


#: Between a cause and a word of seriousness: what makes it a statement about the cause. Up to a
#: modifier ("coffee-induced twitching"), then a verb of being, then anything but another subject.
_CAUSE_TO_WORD = re.compile(
    r"^\s*(?:[-\s]*(?:induced|related|caused|linked|associated)\s+(?:muscle\s+)?(?:twitch\w*|fasciculations?|cramps?)\s*)?"
    r"(?:\([^)]*\)\s*)?,?\s*(?:(?:is|are|was|were|'s|can be|may be|might be|could be|will be|becomes?|seems?|sounds?"
    r"|looks?|tends? to be|remains?)\b|:\s*(?:[\w ]{1,30}:\s*)?)(?P<rest>[^;:]*)$",
    re.I,
)
#: Words after the verb that make the word of seriousness about something else ("can make it seem serious").
_ABOUT_ELSE = re.compile(r"\b(?:make|makes|made|feel|feels|think|thinks|worry|worried|fear|afraid|than|like)\b", re.I)


def _cause_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], scope: Scope) -> list[Claim]:
    causes = by_kind.get("cause", [])
    text = scope.reading.base
    out: list[Claim] = []
    for mention in by_kind.get("seriousness", []):
        before = [c for c in causes if c.end <= mention.start and scope.same_clause(c, mention)]
        if not before:
            continue
        cause = before[-1]
        between = _CAUSE_TO_WORD.fullmatch(text[cause.end : mention.start])
        if between is None or _ABOUT_ELSE.search(between.group("rest")):
            continue
        others = [
            f for f in scope.found if cause.end <= f.start and f.end <= mention.start and f.kind in ("sign", "cause")
        ]
        polarity = scope.polarity(cause, mention)
        if others or not _kept(polarity):
            continue
        for level in sorted(mention.ids):
            denied = polarity == "denied"
            out.append(
                Claim(
                    "cause-seriousness", tuple(sorted(cause.ids)), mention.phrase, sentence, value=level, denied=denied
                )
            )
    return out


def _places(mention: Mention) -> tuple[Place, ...]:
    """The regions or muscles a mention names."""
    return tuple(Place(mention.kind, i) for i in sorted(mention.ids))  # type: ignore[arg-type]
