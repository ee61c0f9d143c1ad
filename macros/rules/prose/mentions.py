"""Mentions: the phrases of a sentence that name a root, region, muscle, nerve, sign, cause,
figure, reflex or urgency tier, and how they group into clauses."""

from __future__ import annotations

import re
from itertools import compress
from typing import NamedTuple

from macros.rules.prose.phrases import tokens
from macros.rules.prose.vocabulary import Vocabulary

# --- Mentions -----------------------------------------------------------------------------------------

#: Order in which mentions are found; each found span is masked before the next kind is searched,
#: so "foot drop" is a deficit (not the foot), "knee jerk" a reflex (not the knee), and so on.
MENTION_ORDER = (
    "sign",
    "deficit",
    "reflex",
    "figure",
    "tier",
    "nerve",
    "cause",
    "seriousness",
    "muscle",
    "region",
    "root",
)

_DISC_LEVEL = re.compile(
    r"\b[LS][1-5]\s*[-/–]\s*[LS]?[1-5]\b(?=\s*(?:disc|disk|level|intervertebral|space|joint|herniation|vertebra))", re.I
)
_ROOT_RANGE = re.compile(r"\b([LS])([1-5])\s*(?:-|–|to)\s*([LS])([1-5])\b", re.I)
ROOT_ORDER = ("l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3", "s4", "s5")


class Mention(NamedTuple):
    """A phrase of a sentence that names something: its kind, ids and position."""

    kind: str
    ids: frozenset[str]
    start: int
    end: int
    phrase: str


class Reading:
    """A sentence's words, and where in them a phrase of each kind may start."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        # Disc levels and root ranges are written with a digit from 1 to 5: most sentences have none.
        self.numbered = any(map(text.__contains__, "12345"))  # substring scans: faster than a pattern
        self.base = _DISC_LEVEL.sub(lambda match: " " * len(match.group(0)), text) if self.numbered else text
        self.words = tokens(self.base)
        # The kinds of phrase each word may start, and all of them together: C-level passes (most
        # sentences need no more than that; ``starts`` places them when a phrase is looked for).
        self._kinds_at = list(map(vocab.starting.get, self.words.words))
        self.kinds: frozenset[str] = _NO_KINDS.union(*filter(None, self._kinds_at))
        self._starts: dict[str, list[int]] | None = None
        self._signs: list[tuple[frozenset[str], int, int, int, int]] | None = None

    @property
    def starts(self) -> dict[str, list[int]]:
        """For each kind of phrase, the positions of the words that may start one."""
        if self._starts is None:
            kinds_at = self._kinds_at
            starts: dict[str, list[int]] = {}
            for position in compress(range(len(kinds_at)), kinds_at):
                for kind in kinds_at[position]:  # type: ignore[union-attr]
                    if kind in starts:
                        starts[kind].append(position)
                    else:
                        starts[kind] = [position]
            self._starts = starts
        return self._starts

    def signs(self, vocab: Vocabulary) -> list[tuple[frozenset[str], int, int, int, int]]:
        """Where warning signs are named (the first kind searched: nothing masks them)."""
        if self._signs is None:
            at = self.starts.get("sign")
            self._signs = vocab.indexes["sign"].spans(self.words, [], at) if at else []
        return self._signs


_NO_KINDS: frozenset[str] = frozenset()


def mentions(text: str, vocab: Vocabulary, reading: Reading | None = None) -> list[Mention]:
    """Every mention in a sentence, longer and more specific phrases first (``reading``: its
    words, when the caller has read them already)."""
    reading = reading or Reading(text, vocab)
    base, words, starts = reading.base, reading.words, reading.starts
    found: list[Mention] = []
    for kind in MENTION_ORDER:
        if kind == "root" and reading.numbered:
            masking = [f for f in found if f.kind not in UNMASKED_BY.get(kind, ())]
            _expand_ranges(_mask(base, masking) if masking else base, found)
        at = starts.get(kind)
        if at is None:
            continue
        if kind == "sign":
            spans = reading.signs(vocab)
        else:
            unmasked = UNMASKED_BY.get(kind, ())
            spans = vocab.indexes[kind].spans(words, [(f.start, f.end) for f in found if f.kind not in unmasked], at)
        for ids, start, end, _, _ in spans:
            found.append(Mention(kind, ids, start, end, text[start:end]))
    if len(found) > 1:
        found.sort(key=_start)
    return found


def _start(mention: Mention) -> int:
    return mention.start


#: Kinds whose spans do not hide another kind: "foot drop" is both a warning sign and a deficit.
UNMASKED_BY: dict[str, tuple[str, ...]] = {"deficit": ("sign",), "seriousness": ("tier",)}


def _mask(text: str, spans: list[Mention]) -> str:
    """Blank out the spans already claimed by a mention."""
    for mention in spans:
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end :]
    return text


def _expand_ranges(masked: str, found: list[Mention]) -> str:
    """A root range such as 'L4-S1' names every root in it."""
    for match in _ROOT_RANGE.finditer(masked):
        first = f"{match.group(1)}{match.group(2)}".lower()
        last = f"{match.group(3)}{match.group(4)}".lower()
        if first in ROOT_ORDER and last in ROOT_ORDER and ROOT_ORDER.index(first) < ROOT_ORDER.index(last):
            ids = frozenset(ROOT_ORDER[ROOT_ORDER.index(first) : ROOT_ORDER.index(last) + 1])
            found.append(Mention("root", ids, match.start(), match.end(), match.group(0)))
    return masked


def group_roots(roots: list[Mention], text: str) -> list[Mention]:
    """Merge roots written as a list ('L4, L5 or S1') into one mention naming all of them."""
    groups: list[Mention] = []
    for mention in roots:
        if groups and re.fullmatch(
            r"[\s,/]*(?:and|or|and/or|to|-)?[\s,/]*", text[groups[-1].end : mention.start], re.I
        ):
            last = groups.pop()
            mention = Mention("root", last.ids | mention.ids, last.start, mention.end, text[last.start : mention.end])
        groups.append(mention)
    return groups


_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s*(?:so|while|whereas|but|although|though|because|which)\b|\s(?:while|whereas|but)\s", re.I
)
_PARENTHESIS_AFTER = re.compile(r"\s*\(\s*$")
LOCATION_BETWEEN = re.compile(
    r"^\s*(?:nerve\s+)?(?:roots?\s+)?(?:in|at|from|of|near|inside)\s+(?:the\s+)?(?:your\s+)?$", re.I
)


_FINE_BREAK = re.compile(
    _CLAUSE_BREAK.pattern + r"|,\s*and\b|\s+and\s+(?=most|many|some|the|about|around|only|up)", re.I
)


def clauses(text: str, fine: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence; ``fine`` also breaks at ', and'."""
    bounds, start = [], 0
    for match in (_FINE_BREAK if fine else _CLAUSE_BREAK).finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def clause_of(position: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    return next((span for span in spans if span[0] <= position <= span[1]), (0, 10**9))


def nearest(target: Mention, anchors: list[Mention], text: str = "") -> Mention | None:
    """The anchor a mention belongs to: a root in brackets just after it ('quadriceps (L3)'),
    else the nearest one before it in its clause, else the first after it in its clause,
    else the nearest one before it in the sentence."""
    after = [a for a in anchors if a.start >= target.end]
    if text and after and _PARENTHESIS_AFTER.fullmatch(text[target.end : after[0].start]):
        return after[0]
    if text:
        lo, hi = clause_of(target.start, clauses(text))
        inside = [a for a in anchors if a.start >= lo and a.end <= hi]
        before = [a for a in inside if a.end <= target.start]
        if before:
            return before[-1]
        following = [a for a in inside if a.start >= target.end]
        if following:
            return following[0]
    before = [a for a in anchors if a.end <= target.start]
    if before:
        return before[-1]
    return after[0] if after else None


def nearest_any(target: Mention, anchors: list[Mention]) -> Mention | None:
    """The anchor closest to ``target`` on either side."""
    if not anchors:
        return None
    return min(anchors, key=lambda a: min(abs(a.start - target.end), abs(target.start - a.end)))
