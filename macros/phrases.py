"""Find known phrases in text in linear time: a dictionary of token sequences, not a regex.

A regex alternation of every name and synonym costs time per phrase at every position, so
matching grew with (text x vocabulary). Here each position costs one lookup per phrase
length, so matching grows with the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

#: Word characters, plus "&" and "-" inside words ("a&e", "knee-jerk", "l4-s1") and apostrophes.
TOKEN = re.compile(r"[\w&]+(?:['\u2019-][\w&]+)*")
_SPLIT = re.compile(f"({TOKEN.pattern})")


@dataclass(frozen=True)
class Tokens:
    """The words of a text, lowercased, and where each one is in the text."""

    words: list[str]
    bounds: list[int]  # word k starts at bounds[2k] and ends at bounds[2k + 1]


def tokens(text: str) -> Tokens:
    """Every word of ``text``, lowercased, with its position."""
    # A text is read as many times as there are kinds of mention or pages showing it: splitting,
    # lowercasing and summing lengths are each one C-level pass, with no object per word.
    parts = _SPLIT.split(text)  # separator, word, separator, word, ..., separator
    words = " ".join(parts[1::2]).lower().split(" ") if len(parts) > 1 else []  # no word holds a space
    return Tokens(words, list(accumulate(map(len, parts))))


def key(phrase: str) -> tuple[str, ...]:
    """The token sequence a phrase is looked up by."""
    return tuple(tokens(phrase).words)


@dataclass(frozen=True)
class Match:
    """A phrase found in text: what it names and where."""

    values: frozenset[str]
    start: int  # character offsets in the text
    end: int
    first: int  # token indexes (end exclusive)
    last: int


@dataclass
class PhraseIndex:
    """Phrases (several words allowed) mapped to the values they name."""

    table: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)  # first word -> phrase lengths, longest first
    _starts: frozenset[str] | None = None  # words a phrase may start with, plurals of one-word phrases too
    _sizes_of: dict[str, list[int]] = field(default_factory=dict)  # memo of _sizes

    def add(self, phrase: str, value: str) -> None:
        """Register ``phrase`` as a name of ``value``."""
        k = key(phrase)
        if not k:
            return
        self.table.setdefault(k, set()).add(value)
        sizes = self.lengths.setdefault(k[0], [])
        if len(k) not in sizes:
            sizes.append(len(k))
            sizes.sort(reverse=True)
        self._starts = None
        self._sizes_of = {}

    def lookup(self, words: tuple[str, ...]) -> set[str] | None:
        """Values named by exactly these words (a plural 's' or 'es' on the last word is allowed)."""
        found = self.table.get(words)
        if found is None:
            last = words[-1]
            if last.endswith("s"):
                found = self.table.get((*words[:-1], last[:-1]))
                if found is None and last.endswith("es"):
                    found = self.table.get((*words[:-1], last[:-2]))
        return found

    def starts(self) -> frozenset[str]:
        """Every word a phrase may start with (a one-word phrase may be plural)."""
        if self._starts is None:
            single = [w for w, sizes in self.lengths.items() if 1 in sizes]
            self._starts = frozenset([*self.lengths, *(w + "s" for w in single), *(w + "es" for w in single)])
        return self._starts

    def _sizes(self, word: str) -> list[int]:
        """Phrase lengths that may start with ``word`` (a one-word phrase may be plural)."""
        sizes = self.lengths.get(word, [])
        if word.endswith("s") and 1 not in sizes:
            stem = self.lengths.get(word[:-1], []) + (self.lengths.get(word[:-2], []) if word.endswith("es") else [])
            if 1 in stem:
                sizes = [*sizes, 1]
        return sizes

    def find(
        self, text: Tokens, masked: list[tuple[int, int]] | None = None, at: list[int] | None = None
    ) -> Iterator[Match]:
        """Longest non-overlapping matches, left to right; a word overlapping a ``masked``
        (start, end) span of the text cannot be part of one. ``at``: the positions of the words
        that may start a phrase, when the caller has found them already."""
        words, bounds = text.words, text.bounds
        if at is None:
            starts = self.starts()
            at = [k for k, word in enumerate(words) if word in starts]  # most words start no phrase
        # The hot loop of claim extraction: lengths are memoised per word, and a phrase of the
        # table is tried as it is before its singular forms (lookup).
        sizes_of, table, count = self._sizes_of, self.table, len(words)
        after = 0  # matches do not overlap
        for i in at:
            if i < after:
                continue
            word = words[i]
            sizes = sizes_of.get(word)
            if sizes is None:
                sizes = sizes_of[word] = self._sizes(word)
            for n in sizes:
                end = i + n
                if end > count:
                    continue
                if masked:
                    start, stop = bounds[2 * i], bounds[2 * end - 1]
                    if any(s < stop and e > start for s, e in masked):
                        continue
                phrase = (word,) if n == 1 else tuple(words[i:end])
                values = table.get(phrase)
                if values is None and phrase[-1].endswith("s"):
                    values = self.lookup(phrase)  # perhaps a plural
                if values:
                    yield Match(frozenset(values), bounds[2 * i], bounds[2 * end - 1], i, end)
                    after = end
                    break
