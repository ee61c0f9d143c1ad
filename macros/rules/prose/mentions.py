"""Mentions: the phrases of a sentence that name a root, region, muscle, nerve, sign, cause,
figure, reflex or urgency tier, and the cue words around them (negations, hedges...)."""

from __future__ import annotations

import re
from itertools import compress
from typing import NamedTuple

from macros.rules.prose.phrases import tokens
from macros.rules.prose.vocabulary import Vocabulary

#: Order in which mentions are found; each found span is masked before the next kind is searched,
#: so "foot drop" is a deficit (not the foot), "knee jerk" a reflex (not the knee), and so on.
MENTION_ORDER = (
    "sign",
    "deficit",
    "reflex",
    "figure",
    "tier",
    "care",
    "nerve",
    "cause",
    "seriousness",
    "muscle",
    "region",
    "root",
)
#: Kinds whose spans do not hide another kind: "foot drop" is both a warning sign and a deficit.
UNMASKED_BY: dict[str, tuple[str, ...]] = {"deficit": ("sign",), "seriousness": ("tier", "care")}

_DISC_LEVEL = re.compile(
    r"\b[LS][1-5]\s*[-/–]\s*[LS]?[1-5]\b(?=\s*(?:disc|disk|level|intervertebral|space|joint|herniation|vertebra))", re.I
)
_ROOT_RANGE = re.compile(r"\b([LS])([1-5])\s*(?:-|–|to)\s*([LS])([1-5])\b", re.I)
#: A root label written with a space or hyphen ("S-1", "L 5"), read as "S1" (same length).
_SPACED_ROOT = re.compile(r"\b([LS])[\s-]([1-5])\b")
#: Words in brackets right after a root label belong to the label: "the S1 (sacral) nerve".
_AFTER_ROOT = re.compile(r"\b([LS][1-5])(\s*\([^()]{1,40}\))", re.I)
ROOT_ORDER = ("l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3", "s4", "s5")


class Mention(NamedTuple):
    """A phrase of a sentence that names something: its kind, ids and position."""

    kind: str
    ids: frozenset[str]
    start: int
    end: int
    phrase: str


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


class Reading:
    """A sentence's words, and where in them a phrase of each kind may start."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        self.vocab = vocab
        # Disc levels and root ranges are written with a digit from 1 to 5: most sentences have none.
        self.numbered = any(map(text.__contains__, "12345"))
        base = text
        if self.numbered:
            base = _SPACED_ROOT.sub(lambda match: f"{match.group(1)}{match.group(2)} ", base)
            base = _DISC_LEVEL.sub(_blank, base)
            base = _AFTER_ROOT.sub(lambda match: match.group(1) + " " * len(match.group(2)), base)
        self.base = base
        self.words = tokens(base)
        self._kinds_at = list(map(vocab.starting.get, self.words.words))
        self.kinds: frozenset[str] = frozenset().union(*filter(None, self._kinds_at))
        self._starts: dict[str, list[int]] | None = None

    @property
    def starts(self) -> dict[str, list[int]]:
        """For each kind of phrase, the positions of the words that may start one."""
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            for position in compress(range(len(self._kinds_at)), self._kinds_at):
                for kind in self._kinds_at[position]:  # type: ignore[union-attr]
                    starts.setdefault(kind, []).append(position)
            self._starts = starts
        return self._starts

    def names(self, kind: str) -> bool:
        """True when the sentence holds a phrase of ``kind`` (whatever other phrases hide it)."""
        at = self.starts.get(kind)
        return bool(at) and bool(self.vocab.indexes[kind].spans(self.words, [], at))  # type: ignore[arg-type]

    def mentions(self) -> list[Mention]:
        """Every mention in the sentence, longer and more specific phrases first."""
        found: list[Mention] = []
        for kind in MENTION_ORDER:
            if kind == "root" and self.numbered:
                masking = [f for f in found if f.kind not in UNMASKED_BY.get(kind, ())]
                _expand_ranges(_mask(self.base, masking), found)
            at = self.starts.get(kind)
            if at is None:
                continue
            unmasked = UNMASKED_BY.get(kind, ())
            masked = [(f.start, f.end) for f in found if f.kind not in unmasked]
            for ids, start, end, _, _ in self.vocab.indexes[kind].spans(self.words, masked, at):
                found.append(Mention(kind, ids, start, end, self.text[start:end]))
        return sorted(found, key=lambda mention: mention.start)

    def cues(self, kind: str, masked: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(start, end) of each cue word of ``kind`` outside the ``masked`` spans (the words of a
        stored phrase such as "no cause for concern" are that phrase, not a negation)."""
        index = self.vocab.cues.get(kind)
        if index is None:
            return []
        return [(match.start, match.end) for match in index.find(self.words, masked)]


def _mask(text: str, spans: list[Mention]) -> str:
    """Blank out the spans already claimed by a mention."""
    for mention in spans:
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end :]
    return text


def _expand_ranges(masked: str, found: list[Mention]) -> None:
    """A root range such as 'L4-S1' names every root in it."""
    for match in _ROOT_RANGE.finditer(masked):
        first = f"{match.group(1)}{match.group(2)}".lower()
        last = f"{match.group(3)}{match.group(4)}".lower()
        if first in ROOT_ORDER and last in ROOT_ORDER and ROOT_ORDER.index(first) < ROOT_ORDER.index(last):
            ids = frozenset(ROOT_ORDER[ROOT_ORDER.index(first) : ROOT_ORDER.index(last) + 1])
            found.append(Mention("root", ids, match.start(), match.end(), match.group(0)))


_LIST_GLUE = re.compile(r"[\s,/]*(?:and|or|and/or|to|-|nor|neither)?[\s,/]*", re.I)


def group_roots(roots: list[Mention], text: str) -> list[Mention]:
    """Merge roots written as a list ('L4, L5 or S1', 'neither L4 nor L5') into one mention."""
    groups: list[Mention] = []
    for mention in roots:
        if groups and _LIST_GLUE.fullmatch(text[groups[-1].end : mention.start]):
            last = groups.pop()
            mention = Mention("root", last.ids | mention.ids, last.start, mention.end, text[last.start : mention.end])
        groups.append(mention)
    return groups
