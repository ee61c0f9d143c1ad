"""The one shape every reported problem takes: where, which rule, how bad, what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from difflib import get_close_matches
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding: ``path:line: [rule] message``."""

    path: str
    line: int
    rule: str
    severity: Severity
    message: str

    def format(self) -> str:
        """Render as the one-line text form editors read."""
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: [{self.rule}] {tag}{self.message}"

    def as_dict(self) -> dict[str, object]:
        """Render as a JSON-ready mapping."""
        return asdict(self)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return " - did you mean 'x'?" for the closest choice, or "" when none is close."""
    match = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" - did you mean '{match[0]}'?" if match else ""


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any problem is an error (warnings do not fail)."""
    return any(p.severity == "error" for p in problems)
