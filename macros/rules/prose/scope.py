"""What a sentence asserts and what it denies: its clauses, the phrases it sets aside ("rather
than L5"), and whether a claim between two of its mentions is asserted, denied or unclear.

A negation denies a claim when it stands between the claim's two mentions, or just before the
first of them with only small words between ("not the L5 root"). A word such as "that" or
"which" before the negation starts a clause of its own ("weakness that does not go away needs a
doctor"): the claim is then unclear and is not checked. A negation far from the second part,
or behind a comma, denies something else ("is NOT a normal symptom, get to A&E"). A hedge ("can", "usually") makes a denial
soft, and a soft denial is never reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from macros.rules.prose.mentions import Mention, Reading

_CLAUSE_BREAK = re.compile(
    r";|,\s*(?:so|while|whereas|but|although|though|because|which|unless)\b"
    r"|\s(?:while|whereas|but|unless)\s|\s[-–—]\s",
    re.I,
)
_FINE_BREAK = re.compile(
    _CLAUSE_BREAK.pattern + r"|,\s*and\b|\s+and\s+(?=most|many|some|the|about|around|only|up)", re.I
)
#: Small words that may stand between a negation and what it denies: "not a", "never really".
_GAP = re.compile(
    r"^(?:\s*(?:a|an|the|be|been|being|to|really|very|at all|always|necessarily|considered|"
    r"usually|ever|even|any|in|of|from|by|your|my|a sign of|caused by|due to|counted as)\b)*\s*$",
    re.I,
)
#: Words that open a clause of their own inside a sentence (a negation after one is about that clause).
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|when|whenever|if|until|after|before)\b", re.I)

Polarity = Literal["asserted", "denied", "soft", "unclear"]
#: Cue words that do not count inside a stored phrase (which may itself hold "no" or "not").
MASKED_CUES = ("negation", "exclusion", "hedge", "spared")


def clauses(text: str, fine: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence; ``fine`` also breaks at ', and'."""
    bounds, start = [], 0
    for match in (_FINE_BREAK if fine else _CLAUSE_BREAK).finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def clause_of(position: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause holding ``position``."""
    return next((span for span in spans if span[0] <= position <= span[1]), (0, 10**9))


@dataclass
class Scope:
    """The clauses, set-aside phrases and cue words of one sentence."""

    reading: Reading
    found: list[Mention]

    def __post_init__(self) -> None:
        text = self.reading.base
        self.clauses = clauses(text)
        self._cues: dict[str, list[tuple[int, int]]] = {}
        self.negations = self.cues("negation")
        self.hedges = self.cues("hedge")
        self.spared = self.cues("spared")
        self.aside: list[tuple[int, int]] = []
        for start, end in self.cues("exclusion"):
            _, hi = clause_of(start, self.clauses)
            comma = text.find(",", end, hi)
            self.aside.append((start, comma if comma >= 0 else hi))

    def cues(self, kind: str) -> list[tuple[int, int]]:
        """The cue words of ``kind`` (found once per sentence). A word of a stored phrase is that
        phrase, not a negation ("no cause for concern"); a motor or sensory word counts anywhere
        ("weakness" is a sign and says the sentence is about weakness)."""
        if kind not in self._cues:
            masked = [(f.start, f.end) for f in self.found] if kind in MASKED_CUES else []
            self._cues[kind] = self.reading.cues(kind, masked)
        return self._cues[kind]

    def kept(self) -> list[Mention]:
        """The mentions the sentence asserts or denies (not those set aside: "rather than L5")."""
        return [f for f in self.found if not any(s <= f.start and f.end <= e for s, e in self.aside)]

    def same_clause(self, a: Mention, b: Mention) -> bool:
        """True when both mentions stand in one clause."""
        return clause_of(a.start, self.clauses) == clause_of(b.start, self.clauses)

    def cue_in_clause(self, cues: list[tuple[int, int]], at: Mention) -> bool:
        """True when one of ``cues`` stands in the clause of ``at``."""
        lo, hi = clause_of(at.start, self.clauses)
        return any(lo <= s and e <= hi for s, e in cues)

    def polarity(self, a: Mention, b: Mention) -> Polarity:
        """Whether the claim that joins mentions ``a`` and ``b`` is asserted or denied."""
        first, last = (a, b) if a.start <= b.start else (b, a)
        text = self.reading.base
        lo, _ = clause_of(first.start, self.clauses)
        denied = False
        for start, end in self.negations:
            # Between the two parts, and close to the second ("is NOT a normal symptom, get to A&E"
            # denies the symptom, not the A&E); or just before the first, with small words between.
            after = text[end : last.start]
            between = first.end <= start and end <= last.start and "," not in after and len(after.split()) <= 5
            just_before = lo <= start and end <= first.start and _GAP.fullmatch(text[end : first.start])
            if between or just_before:
                if between and _RELATIVE.search(text[first.end : start]):
                    return "unclear"  # "weakness that does not go away needs a doctor"
                denied = True
        if not denied:
            if self.cue_in_clause(self.spared, last):
                return "soft"  # "leaves the knee jerk intact": not a claim that it is affected
            return "asserted"
        if any(first.start - 40 <= s and e <= last.end for s, e in self.hedges):
            return "soft"
        return "denied"
