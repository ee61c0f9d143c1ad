"""Shares written in prose, read as percentages: "70%", "20-40 percent", "7 in 10", "seven out
of ten", "six in ten", "half", "a third", "0.3 of", and bounds such as "fewer than half"."""

from __future__ import annotations

import re
from typing import NamedTuple

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_FRACTIONS = {
    "half": 50.0, "a half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two thirds": 200 / 3,
    "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0,
    "three-quarters": 75.0, "a fifth": 20.0, "one in five": 20.0,
}  # fmt: skip
_COUNT = r"\d+|" + "|".join(_NUMBER_WORDS)
_PERCENT_SIGN = r"(?:%|\s*percent|\s*per cent)"
_SHARE = re.compile(
    rf"(?P<a>\d+(?:\.\d+)?){_PERCENT_SIGN}?\s*(?:-|–|to)\s*(?P<b>\d+(?:\.\d+)?){_PERCENT_SIGN}"
    rf"|(?P<c>\d+(?:\.\d+)?){_PERCENT_SIGN}"
    rf"|\b(?P<n>{_COUNT})\s+(?:in|out of)\s+(?P<d>10|ten|100|a hundred)\b"
    rf"|\b(?P<frac>{'|'.join(sorted(map(re.escape, _FRACTIONS), key=len, reverse=True))})\b"
    r"|(?<![\d.])(?P<dec>0?\.\d+)\s+(?:of|share)\b",
    re.I,
)
_BOUND = re.compile(
    r"\b(?P<bound>fewer than|less than|under|below|more than|over|above|at least|at most|up to)\s+$", re.I
)
_LOWER = ("more than", "over", "above", "at least")
#: What every share holds, lowercased: its sign or word, a number word, a fraction or a decimal point.
HOLDS = ("%", "percent", "per cent", "10", "ten", "half", "third", "quarter", "fifth", ".", *_NUMBER_WORDS)


class Share(NamedTuple):
    """A share written in prose: where it starts, the range of percentages it allows, and
    whether that range is a bound ("fewer than half") rather than a value."""

    position: int
    low: float
    high: float
    bound: bool = False


def shares(text: str) -> list[Share]:
    """Every share the text writes, as the range of percentages it allows."""
    found = []
    for match in _SHARE.finditer(text):
        if match.group("a"):
            low, high = float(match.group("a")), float(match.group("b"))
        elif match.group("c"):
            low = high = float(match.group("c"))
        elif match.group("n"):
            count = match.group("n").lower()
            whole = match.group("d").lower()
            low = high = 100 * float(_NUMBER_WORDS.get(count, count)) / (10.0 if whole in ("10", "ten") else 100.0)
        elif match.group("frac"):
            low = high = _FRACTIONS[" ".join(match.group("frac").lower().split())]
        else:
            low = high = 100 * float(match.group("dec"))
        bound = _BOUND.search(text, max(0, match.start() - 12), match.start())
        if bound is not None and bound.end() == match.start():
            low, high = (low, 100.0) if bound.group("bound").lower() in _LOWER else (0.0, high)
        found.append(Share(match.start(), low, high, bound is not None and bound.end() == match.start()))
    return found


def has_share(text: str) -> bool:
    """True when the text may write a share (a quick look before the pattern runs)."""
    lowered = text.lower()
    return any(word in lowered for word in HOLDS) and _SHARE.search(text) is not None
