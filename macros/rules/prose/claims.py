"""Claim extraction: what each sentence of prose asserts, keeping its file and line.

A sentence yields claims only through words of the lexicon (data/lexicon.yaml) and the names and
synonyms stored on the records themselves; a sentence with a negation or a question mark yields none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from macros.kb import models as m
from macros.rules.prose.mentions import (
    LOCATION_BETWEEN,
    Mention,
    Reading,
    clause_of,
    clauses,
    group_roots,
    mentions,
    nearest,
    nearest_any,
)
from macros.rules.prose.sentences import Sentence, may_contain
from macros.rules.prose.vocabulary import Vocabulary, has

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
    """One thing a sentence asserts about ``subject``: roots, a nerve, a figure, a sign or a cause."""

    kind: ClaimKind
    subject: tuple[str, ...]  # ids; several when a sentence lists roots together ("L4, L5 or S1")
    phrase: str  # the words of the sentence that made the claim
    sentence: Sentence
    places: tuple[Place, ...] = ()  # root-region, root-sensory, nerve-supply: where
    either: bool = False  # root-region: the sentence speaks of movement and feeling alike
    value: str = ""  # the reflex, deficit, urgency tier or seriousness level claimed
    low: float = 0.0  # figure: the percentage stated (low == high for a single number)
    high: float = 0.0


_PERCENT = re.compile(
    r"(?P<a>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)?\s*(?:-|–|to)\s*(?P<b>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)"
    r"|(?P<c>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)"
    r"|(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out of)\s+(?P<d>10|ten|100)\b",
    re.I,
)
#: What every percentage holds, lowercased: its sign or word, or the 10, 100 or ten of "one in ten".
_PERCENT_HOLDS = ("%", "percent", "per cent", "10", "ten")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


# --- Claims -----------------------------------------------------------------------------------------------


def claims(sentence: Sentence, vocab: Vocabulary) -> list[Claim]:
    """Every claim a sentence makes (none for questions and negated sentences)."""
    text = sentence.text
    reading = Reading(text, vocab)
    # Both tests only ever leave a sentence out: the cheaper one first.
    if not may_claim(reading, vocab) or text.rstrip().endswith("?") or has("negation", text, vocab):
        return []
    found = mentions(text, vocab, reading)
    by_kind: dict[str, list[Mention]] = {}
    for mention in found:
        by_kind.setdefault(mention.kind, []).append(mention)
    out: list[Claim] = []
    out += _root_claims(sentence, by_kind, vocab)
    out += _nerve_claims(sentence, by_kind, vocab)
    out += _figure_claims(sentence, by_kind)
    out += _sign_claims(sentence, by_kind, vocab)
    out += _cause_claims(sentence, by_kind)
    return out


def may_claim(reading: Reading, vocab: Vocabulary) -> bool:
    """False only for a sentence that cannot make a claim of any kind (most sentences): each
    test is one that the claims of a kind need, on words that could start a phrase, before any
    phrase is looked for (tests compare with the whole search)."""
    kinds, text = reading.kinds, reading.text
    if "root" in kinds or reading.numbered:  # a root named, or a range such as L4-S1
        return True
    if "seriousness" in kinds and "cause" in kinds:
        return True
    if "figure" in kinds and has_percent(text):
        return True
    nerve_and_place = "nerve" in kinds and ("muscle" in kinds or "region" in kinds)
    if nerve_and_place and has("supply", text, vocab) and not has("sensory", text, vocab):
        return True
    if "sign" in kinds and ("tier" in kinds or ("cause" in kinds and has("symptom", text, vocab))):
        return bool(reading.signs(vocab))  # searched here for a sign, and not again
    return False


def _root_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], vocab: Vocabulary) -> list[Claim]:
    groups = group_roots(by_kind.get("root", []), sentence.text)
    if not groups:
        return []
    text = sentence.text
    motor, sensory = has("motor", text, vocab), has("sensory", text, vocab)
    out: list[Claim] = []
    for mention in by_kind.get("region", []) + by_kind.get("muscle", []):
        group = nearest(mention, groups, text)
        if group is None:
            continue
        if group.end <= mention.start and LOCATION_BETWEEN.fullmatch(text[group.end : mention.start]):
            continue  # "the S1 root in the lower back": where the root is, not where it acts
        places = _places(mention)
        roots = tuple(sorted(group.ids))
        if motor and not sensory:
            out.append(Claim("root-region", roots, mention.phrase, sentence, places))
        elif sensory and not motor:
            out.append(Claim("root-sensory", roots, mention.phrase, sentence, places))
        elif motor and sensory:
            # Ambiguous sentence: it is only wrong if the root neither moves nor feels there.
            out.append(Claim("root-region", roots, mention.phrase, sentence, places, either=True))
    for kind, claim_kind in (("reflex", "root-reflex"), ("deficit", "root-deficit")):
        for mention in by_kind.get(kind, []):
            group = nearest(mention, groups, text)
            if group is not None:
                for value in sorted(mention.ids):
                    out.append(Claim(claim_kind, tuple(sorted(group.ids)), mention.phrase, sentence, value=value))  # type: ignore[arg-type]
    return out


def _nerve_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], vocab: Vocabulary) -> list[Claim]:
    nerves = by_kind.get("nerve", [])
    text = sentence.text
    if not nerves or not has("supply", text, vocab) or has("sensory", text, vocab):
        return []
    out: list[Claim] = []
    for mention in by_kind.get("muscle", []) + by_kind.get("region", []):
        nerve = nearest_any(mention, nerves)
        if nerve is not None:
            out.append(Claim("nerve-supply", tuple(sorted(nerve.ids)), mention.phrase, sentence, _places(mention)))
    return out


def has_percent(text: str) -> bool:
    """True when the text writes a percentage (``percent_values`` finds one)."""
    # Substring scans first: the pattern is slow, and most sentences hold none of these.
    return may_contain(text, _PERCENT_HOLDS) and _PERCENT.search(text) is not None


def percent_values(text: str) -> list[tuple[int, float, float]]:
    """(position, low, high) for every percentage written in the text ('70%', '20-40%', '7 in 10')."""
    values = []
    for match in _PERCENT.finditer(text):
        if match.group("a"):
            low, high = float(match.group("a")), float(match.group("b"))
        elif match.group("c"):
            low = high = float(match.group("c"))
        else:
            count = match.group("n").lower()
            number = float(_WORDS.get(count, count))  # type: ignore[arg-type]
            whole = float(_WORDS.get(match.group("d").lower(), match.group("d")))  # type: ignore[arg-type]
            low = high = 100 * number / whole
        values.append((match.start(), low, high))
    return values


def _figure_claims(sentence: Sentence, by_kind: dict[str, list[Mention]]) -> list[Claim]:
    figures = by_kind.get("figure", [])
    if len(figures) != 1:
        return []  # several quantities in one sentence: the numbers cannot be told apart
    numbers = percent_values(sentence.text)
    if not numbers:
        return []
    mention = figures[0]
    lo, hi = clause_of(mention.start, clauses(sentence.text, fine=True))
    numbers = [n for n in numbers if lo <= n[0] <= hi]
    if not numbers:
        return []
    _, low, high = min(numbers, key=lambda n: abs(n[0] - mention.start))
    return [Claim("figure", tuple(sorted(mention.ids)), mention.phrase, sentence, low=low, high=high)]


def _sign_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], vocab: Vocabulary) -> list[Claim]:
    signs = by_kind.get("sign", [])
    if not signs:
        return []
    tiers = by_kind.get("tier", [])
    out: list[Claim] = []
    for mention in signs:
        tier = nearest_any(mention, tiers)
        if tier is not None:
            level = min(tier.ids, key=m.URGENCY_ORDER.index)
            out.append(Claim("sign-urgency", tuple(sorted(mention.ids)), tier.phrase, sentence, value=level))
        elif by_kind.get("cause") and has("symptom", sentence.text, vocab):
            # "Symptoms of sciatica include loss of bowel control": a red flag listed as a routine symptom.
            out.append(Claim("sign-symptom", tuple(sorted(mention.ids)), mention.phrase, sentence))
    return out


_COPULA = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:is|are|was|were|can be|may be|will be|tends? to be|seems?|sounds?)\s+"
    r"(?:(?:usually|often|generally|almost always|always|mostly|very|completely|entirely|quite|a|an|not)\s+)*$",
    re.I,
)


def _cause_claims(sentence: Sentence, by_kind: dict[str, list[Mention]]) -> list[Claim]:
    causes = by_kind.get("cause", [])
    out: list[Claim] = []
    for mention in by_kind.get("seriousness", []):
        # Only "<cause> is <word>": in "worry about a serious illness" the word is about something else.
        before = [
            c for c in causes if c.end <= mention.start and _COPULA.fullmatch(sentence.text[c.end : mention.start])
        ]
        if before:
            for level in sorted(mention.ids):
                out.append(
                    Claim("cause-seriousness", tuple(sorted(before[-1].ids)), mention.phrase, sentence, value=level)
                )
    return out


def _places(mention: Mention) -> tuple[Place, ...]:
    """The regions or muscles a mention names."""
    return tuple(Place(mention.kind, i) for i in sorted(mention.ids))  # type: ignore[arg-type]
