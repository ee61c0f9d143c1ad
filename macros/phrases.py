"""Find known phrases in text in linear time: a dictionary of token sequences, not a regex.

A regex alternation of every name and synonym costs time per phrase at every position, so
matching grew with (text x vocabulary). Here each position costs one lookup per phrase
length, so matching grows with the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

#: Word characters, plus "&" and "-" inside words ("a&e", "knee-jerk", "l4-s1") and apostrophes.
TOKEN = re.compile(r"[\w&]+(?:['\u2019-][\w&]+)*")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(lowercase token, start, end) for every word of ``text``."""
    return [(m.group(0).lower(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def words_present(words: list[tuple[str, int, int]]) -> set[str]:
    """The distinct words of a text, with plural forms also given as their singular."""
    present = {w for w, _, _ in words}
    present |= {w[:-1] for w in present if w.endswith("s")} | {w[:-2] for w in present if w.endswith("es")}
    return present


def key(phrase: str) -> tuple[str, ...]:
    """The token sequence a phrase is looked up by."""
    return tuple(t for t, _, _ in tokens(phrase))


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

    def may_match(self, present: set[str]) -> bool:
        """False when no phrase can start with any word of the text (most texts, most kinds)."""
        return not self.lengths.keys().isdisjoint(present)

    def _sizes(self, word: str) -> list[int]:
        """Phrase lengths that may start with ``word`` (a one-word phrase may be plural)."""
        sizes = self.lengths.get(word, [])
        if word.endswith("s") and 1 not in sizes:
            stem = self.lengths.get(word[:-1], []) + (self.lengths.get(word[:-2], []) if word.endswith("es") else [])
            if 1 in stem:
                sizes = [*sizes, 1]
        return sizes

    def find(self, words: list[tuple[str, int, int]], blocked: Iterable[bool] | None = None) -> Iterator[Match]:
        """Longest non-overlapping matches, left to right; ``blocked`` tokens cannot be part of one."""
        taken = list(blocked) if blocked is not None else None
        lengths, count = self.lengths, len(words)
        i = 0
        while i < count:
            word = words[i][0]
            # Most words start no phrase: one dictionary miss, and a plural check only for "-s".
            sizes = self._sizes(word) if word[-1:] == "s" else lengths.get(word)
            hit = None
            if sizes and not (taken and taken[i]):
                for n in sizes:
                    if i + n > count or (taken and any(taken[i + 1 : i + n])):
                        continue
                    values = self.lookup(tuple(w for w, _, _ in words[i : i + n]))
                    if values:
                        hit = Match(frozenset(values), words[i][1], words[i + n - 1][2], i, i + n)
                        break
            if hit:
                yield hit
                i = hit.last
            else:
                i += 1
