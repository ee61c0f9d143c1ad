"""The rule registry: one small function per rule id, registered with ``@check``.

A rule yields Findings (record, field path, message) or PageFindings (file, line, message);
``run_checks`` locates each one at its file and line and tags it with the rule id and severity.
Rules never print or raise. ``python -m macros check`` and the build run the same rules.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from macros.kb import models as m
from macros.kb.load import Loaded
from macros.kb.origin import origin
from macros.kb.sections import BY_KEY, records_of
from macros.problems import Problem, Severity, did_you_mean, has_errors


@dataclass(frozen=True)
class Finding:
    """What a rule reports about a record: which record, which field (path inside it), what is wrong."""

    record: m.Model
    where: tuple[str | int, ...]
    message: str
    severity: Severity | None = None  # the rule's own severity unless given


@dataclass(frozen=True)
class PageFinding:
    """What a rule reports about a file: path, line and message."""

    path: str
    line: int
    message: str
    severity: Severity | None = None  # the rule's own severity unless given


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the knowledge base, broken ids, pages, templates and today's date."""

    kb: m.KnowledgeBase
    broken_ids: dict[str, set[str]]
    today: dt.date
    unreadable: frozenset[str] = frozenset()
    pages: dict[str, str] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    root: Path | None = None
    complete: bool = True  # every file and record loaded: rules over the whole knowledge base may run
    broken_citations: list[tuple[str, int, str]] = field(default_factory=list)  # citations of broken records
    memo: dict[str, Any] = field(default_factory=dict)  # work several rules share within one run

    def readable(self, key: str) -> bool:
        """False when the file holding section ``key`` could not be read: skip checks into it."""
        return key not in self.unreadable

    def unknown(self, kind: str, record_id: str) -> str | None:
        """None when ``record_id`` names a record of section ``kind`` (one that failed to load
        counts), else the words for a message: "unknown <kind> 'id'" and a hint."""
        known = {r.id for r in records_of(self.kb, kind)} | self.broken_ids[kind]
        if record_id in known:
            return None
        hint = did_you_mean(record_id, known) or f" - see data/{BY_KEY[kind].file}"
        return f"unknown {BY_KEY[kind].label} '{record_id}'{hint}"


Rule = Callable[[Context], Iterable[Finding | PageFinding]]
T = TypeVar("T")


def shared(func: Callable[[Context], T]) -> Callable[[Context], T]:
    """Run ``func(ctx)`` once per run: its result is kept in ``ctx.memo`` for every rule that asks."""
    key = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def once(ctx: Context) -> T:
        if key not in ctx.memo:
            ctx.memo[key] = func(ctx)
        return ctx.memo[key]

    return once


@dataclass(frozen=True)
class Check:
    """A registered rule: its id, severity, function and one-line summary (its docstring)."""

    rule: str
    severity: Severity
    func: Rule
    summary: str


CHECKS: list[Check] = []


def check(rule: str, severity: Severity = "error") -> Callable[[Rule], Rule]:
    """Register ``func`` as the implementation of ``rule``."""

    def register(func: Rule) -> Rule:
        CHECKS.append(Check(rule, severity, func, (func.__doc__ or "").strip()))
        return func

    return register


def context(loaded: Loaded, today: dt.date | None = None) -> Context:
    """The context the rules run in for a loaded project."""
    return Context(
        loaded.kb,
        loaded.broken_ids,
        today or dt.date.today(),
        loaded.unreadable,
        loaded.pages,
        loaded.templates,
        root=loaded.root,
        complete=not has_errors(loaded.problems),
        broken_citations=loaded.broken_citations,
    )


def run_checks(loaded: Loaded, today: dt.date | None = None) -> list[Problem]:
    """Run every registered rule and return the located problems."""
    ctx = context(loaded, today)
    problems: list[Problem] = []
    for registered in CHECKS:
        for finding in registered.func(ctx):
            if isinstance(finding, PageFinding):
                path, line = finding.path, finding.line
            else:
                where = origin(finding.record)
                path, line = (where.path, where.line_of(*finding.where)) if where else ("data", 1)
            severity = finding.severity or registered.severity
            problems.append(Problem(path, line, registered.rule, severity, finding.message))
    return problems
