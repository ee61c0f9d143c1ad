"""Syllables of a word as textstat counts them: pyphen's en_US hyphenation points, plus one.

The reading grades reproduce textstat's Flesch-Kincaid grade, which counts a word's syllables
as the places where pyphen would hyphenate it, plus one. Importing pyphen (it lists its hundred
dictionaries), parsing all 11,000 en_US patterns and making an object per hyphenation point took
0.1 s of a 10x check. Here pyphen's own dictionary file is read without importing pyphen, each
pattern is parsed only when a word needs it, and points are counted, not made: the same
patterns and the same algorithm (Liang's), so the same counts. Tests compare the two on every
pattern of the dictionary, every word of the site and random words.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

#: pyphen's defaults, which textstat keeps: no point closer than this to either end of a word.
LEFT = RIGHT = 2
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_PAIRS = re.compile(r"(\d?)(\D?)")  # how pyphen reads a pattern: each letter with the digit before it
_VALUE = re.compile(r"[1-9]")


def dictionary() -> Path:
    """pyphen's en_US hyphenation patterns (found without importing pyphen)."""
    spec = importlib.util.find_spec("pyphen")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyphen is not installed: run `make test` or `pip install -r requirements.txt`")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_en_US.dic"


class Syllables:
    """Counts syllables with one hyphenation dictionary."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or dictionary()
        with path.open("rb") as file:
            encoding = file.readline().decode().strip()
        text = path.read_text("cp1251" if encoding.lower() == "microsoft-cp1251" else encoding)
        unusual = "^^" in text or ("/" in text and re.search(r"^(?=.*/).*=", text, re.M))
        if unusual or (not text.isascii() and re.search(r"(?![0-9])\d", text)):
            # Hex escapes, non-standard hyphenation, digits other than 0-9: pyphen reads them in
            # ways not copied here. No en_US release has them (a test reads the whole file).
            raise ValueError(f"{path.name}: holds patterns this reader does not handle - use pyphen")
        # Pattern letters -> the pattern, parsed when a word first needs it. A pattern without a
        # value above zero is skipped, and a later one replaces an earlier, as in pyphen.
        lines = [line.strip() for line in text.split("\n")[1:]]
        kept = [p for p in lines if p and not p.startswith(_IGNORED) and _VALUE.search(p)]
        letters = re.sub("[0-9]", "", "\n".join(kept)).split("\n")  # no pattern holds a line break
        self.raw: dict[str, str] = dict(zip(letters, kept, strict=True))
        self.longest = max(map(len, self.raw))
        self.parsed: dict[str, tuple[int, tuple[int, ...]]] = {}

    def count(self, word: str) -> int:
        """Syllables in ``word``: textstat's ``len(pyphen.positions(word)) + 1``."""
        right = len(word) - RIGHT
        return sum(LEFT <= point <= right for point in self.points(word.lower())) + 1

    def points(self, word: str) -> list[int]:
        """Where the lowercase ``word`` may be hyphenated, before the LEFT/RIGHT limits
        (pyphen's HyphDict.positions)."""
        dotted = f".{word}."
        parsed, raw = self.parsed, self.raw
        references = [0] * (len(dotted) + 1)
        for i in range(len(dotted) - 1):
            for j in range(i + 1, min(i + self.longest, len(dotted)) + 1):
                letters = dotted[i:j]
                found = parsed.get(letters)
                if found is None:
                    if letters not in raw:
                        continue
                    found = parsed[letters] = _parse(raw[letters])
                offset, values = found
                where = slice(i + offset, i + offset + len(values))
                references[where] = map(max, values, references[where])
        return [i - 1 for i, reference in enumerate(references) if reference % 2]


def _parse(pattern: str) -> tuple[int, tuple[int, ...]]:
    """A pattern's values with the zeros at both ends cut off, and where they start."""
    values = tuple(int(digit or "0") for digit, _ in _PAIRS.findall(pattern))
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]
