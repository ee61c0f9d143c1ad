"""Find known phrases in text in linear time: a trie of words, not a regex.

A regex alternation of every name and synonym costs time per phrase at every position, so
matching grew with (text x vocabulary). Here the phrases are a trie of their words: each
position costs one lookup per word of the longest phrase that starts there (most positions:
one), so matching grows with the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, NamedTuple

#: Word characters, plus "&" ("a&e") and apostrophes inside words ("isn't"); a hyphen separates
#: words, so "coffee-induced" holds the word "coffee" and "knee-jerk" reads as "knee jerk".
TOKEN = re.compile(r"[\w&]+(?:['\u2019][\w&]+)*")
_SPLIT = re.compile(f"({TOKEN.pattern})")
#: Where a trie node keeps the values of the phrase that ends there: no word (nor a word less a
#: plural ending) holds a space, so this key is never a word.
_END = " "

Trie = dict[str, Any]  # word -> child node; _END -> the frozenset of values of a phrase ending here


#: ASCII characters that are not word characters, as spaces: in ASCII text without apostrophes
#: or hyphens, the words are what is left between them.
_NOT_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c in "_&")})


class Tokens:
    """The words of a text, lowercased, and where each one is in the text."""

    __slots__ = ("_bounds", "_text", "words")

    def __init__(self, words: list[str], text: str, bounds: list[int] | None = None) -> None:
        self.words = words
        self._text = text
        self._bounds = bounds

    @property
    def bounds(self) -> list[int]:
        """Word k starts at bounds[2k] and ends at bounds[2k + 1] (worked out when first asked
        for: most sentences hold no phrase, and then no position is needed)."""
        if self._bounds is None:
            self._bounds = list(accumulate(map(len, _SPLIT.split(self._text))))
        return self._bounds


def tokens(text: str) -> Tokens:
    """Every word of ``text``, lowercased, with its position."""
    # A text is read as many times as there are kinds of mention or pages showing it: splitting,
    # lowercasing and summing lengths are each one C-level pass, with no object per word.
    if text.isascii() and "'" not in text:  # most sentences: no pattern needed
        return Tokens(text.lower().translate(_NOT_WORD).split(), text)
    parts = _SPLIT.split(text)  # separator, word, separator, word, ..., separator
    words = " ".join(parts[1::2]).lower().split(" ") if len(parts) > 1 else []  # no word holds a space
    return Tokens(words, text, list(accumulate(map(len, parts))))


def key(phrase: str) -> tuple[str, ...]:
    """The token sequence a phrase is looked up by."""
    return tuple(tokens(phrase).words)


class Match(NamedTuple):
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
    _trie: Trie | None = None  # built from the table when first searched
    _starts: frozenset[str] | None = None  # words a phrase may start with, plurals of one-word phrases too

    def add(self, phrase: str, value: str) -> None:
        """Register ``phrase`` as a name of ``value``."""
        k = key(phrase)
        if not k:
            return
        self.table.setdefault(k, set()).add(value)
        self._trie = self._starts = None

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
            first = {k[0] for k in self.table}
            single = [k[0] for k in self.table if len(k) == 1]
            self._starts = frozenset([*first, *(w + "s" for w in single), *(w + "es" for w in single)])
        return self._starts

    def trie(self) -> Trie:
        """The phrases as a trie of their words."""
        if self._trie is None:
            root: Trie = {}
            for words, values in self.table.items():
                node = root
                for word in words:
                    node = node.setdefault(word, {})
                node[_END] = frozenset(values)
            self._trie = root
        return self._trie

    def find(
        self, text: Tokens, masked: list[tuple[int, int]] | None = None, at: list[int] | None = None
    ) -> Iterator[Match]:
        """Longest non-overlapping matches, left to right; a word overlapping a ``masked``
        (start, end) span of the text cannot be part of one. ``at``: the positions of the words
        that may start a phrase, when the caller has found them already."""
        if at is None:
            starts = self.starts()
            at = [k for k, word in enumerate(text.words) if word in starts]  # most words start no phrase
        for values, start, end, first, last in self.spans(text, masked, at):
            yield Match(values, start, end, first, last)

    def spans(
        self, text: Tokens, masked: list[tuple[int, int]] | None, at: list[int]
    ) -> list[tuple[frozenset[str], int, int, int, int]]:
        """``find``'s matches as plain tuples, from the positions ``at`` (the hot loop of claim
        extraction: no object per match)."""
        words = text.words
        bounds: list[int] | None = None  # positions in the text: only once a phrase is found
        root = self._trie if self._trie is not None else self.trie()
        count = len(words)
        found = []
        after = 0  # matches do not overlap
        for i in at:
            if i < after:
                continue
            # Walk the trie along the words from i, noting each length at which a phrase ends
            # (its last word may be plural: "calf muscles").
            node: Trie | None = root
            ends: list[tuple[int, frozenset[str]]] = []
            j = i
            while node is not None and j < count:
                word = words[j]
                j += 1
                child = node.get(word)
                values = child.get(_END) if child is not None else None
                if values is None and word[-1] == "s":
                    stem = node.get(word[:-1])
                    values = stem.get(_END) if stem is not None else None
                    if values is None and word.endswith("es"):
                        stem = node.get(word[:-2])
                        values = stem.get(_END) if stem is not None else None
                if values is not None:
                    ends.append((j, values))
                node = child
            if ends and bounds is None:
                bounds = text.bounds
            for end, values in reversed(ends):  # the longest phrase that no masked span touches
                start, stop = bounds[2 * i], bounds[2 * end - 1]  # type: ignore[index]
                if masked and any(s < stop and e > start for s, e in masked):
                    continue
                found.append((values, start, stop, i, end))
                after = end
                break
        return found
