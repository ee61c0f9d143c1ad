"""Cross-record rules: one small function per rule id, registered in CHECKS.

A rule yields Findings (record, field path, message); ``run_checks`` locates each one at
its file and line and tags it with the rule id and severity. Rules never print or raise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros import cache
from macros import models as m
from macros.cache import DiskCache
from macros.load import CITED_BY_BROKEN, SECTIONS, Loaded, origin
from macros.problems import Problem, Severity, did_you_mean


@dataclass(frozen=True)
class Finding:
    """What a rule reports: which record, which field (path inside it), and what is wrong."""

    record: m.Model
    where: tuple[str | int, ...]
    message: str


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the knowledge base, broken ids, and today's date."""

    kb: m.KnowledgeBase
    broken_ids: dict[str, set[str]]
    today: dt.date
    unreadable: frozenset[str] = frozenset()
    pages: dict[str, str] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # work shared by rules within one run
    root: Path | None = None  # the project folder: slow steps keep results under root/.cache
    helpers: bool = False  # slow steps may share their work with a second process (the CLI's check)

    def readable(self, key: str) -> bool:
        """False when the file holding section ``key`` could not be read: skip checks into it."""
        return key not in self.unreadable


@dataclass(frozen=True)
class PageFinding:
    """What a rule reports about a hand-written page: file, line and message."""

    path: str
    line: int
    message: str


Rule = Callable[[Context], Iterable[Finding | PageFinding]]


@dataclass(frozen=True)
class Check:
    """A registered rule."""

    rule: str
    severity: Severity
    func: Rule
    summary: str


CHECKS: list[Check] = []
#: Slow steps that rules share, started before any rule runs when ``Context.helpers`` allows a
#: second process: it works on them while this one runs the other rules.
HEAD_STARTS: list[Callable[[Context], None]] = []


def head_start(step: Callable[[Context], None]) -> Callable[[Context], None]:
    """Register ``step`` to start before the rules (a rule finds its result in ``Context.memo``)."""
    HEAD_STARTS.append(step)
    return step


def check(rule: str, severity: Severity = "error") -> Callable[[Rule], Rule]:
    """Register ``func`` as the implementation of ``rule``."""

    def register(func: Rule) -> Rule:
        CHECKS.append(Check(rule, severity, func, (func.__doc__ or "").strip()))
        return func

    return register


def run_checks(loaded: Loaded, today: dt.date | None = None, helpers: bool = False) -> list[Problem]:
    """Run every registered rule and return located problems (the result is kept on disk under
    a hash of every file read and the day, so an unchanged project is not checked twice).
    ``helpers``: slow steps may fork a second process (not in a build, which runs threads)."""
    return start_checks(loaded, today, helpers).problems()


def start_checks(loaded: Loaded, today: dt.date | None = None, helpers: bool = False) -> Checking:
    """``run_checks`` in two steps: this one starts the rules' slow steps in second processes
    (``helpers``), so that a caller may start work of its own beside them before asking for
    the problems."""
    return Checking(loaded, today or dt.date.today(), helpers)


class Checking:
    """A check run under way: its stored result, or a context whose head starts are running."""

    def __init__(self, loaded: Loaded, day: dt.date, helpers: bool) -> None:
        self.stored = DiskCache(loaded.root, "checks")
        self.entry = cache.key("checks", day.isoformat(), loaded.inputs) if loaded.inputs else ""
        self.hit = self.stored.get(self.entry) if self.entry else None
        self.ctx: Context | None = None
        if self.hit is None:
            self.ctx = Context(
                loaded.kb,
                loaded.broken_ids,
                day,
                loaded.unreadable,
                loaded.pages,
                loaded.templates,
                root=loaded.root,
                helpers=helpers,
            )
            if helpers:
                for step in HEAD_STARTS:
                    step(self.ctx)

    def problems(self) -> list[Problem]:
        """Run every rule (once) and return the located problems."""
        if self.hit is None and self.ctx is not None:
            found = _run_rules(self.ctx)
            self.hit = [[p.path, p.line, p.rule, p.severity, p.message] for p in found]
            if self.entry:
                self.stored.put(self.entry, self.hit)
        self.stored.save()
        return [Problem(*p) for p in self.hit or []]


def _run_rules(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for registered in CHECKS:
        for finding in registered.func(ctx):
            if isinstance(finding, PageFinding):
                path, line = finding.path, finding.line
            else:
                where = origin(finding.record)
                path, line = (where.path, where.line_of(*finding.where)) if where else ("data", 1)
            problems.append(Problem(path, line, registered.rule, registered.severity, finding.message))
    return problems


# --- Helpers ---------------------------------------------------------------------------------

_LABELS = {s.model: s.label for s in SECTIONS}


def label(record: m.Model) -> str:
    """How an editor names the record, e.g. "cause 'caffeine-and-stimulants'"."""
    return f"{_LABELS.get(type(record), type(record).__name__)} '{getattr(record, 'id', '?')}'"


def all_records(kb: m.KnowledgeBase) -> Iterator[m.Model]:
    """Every record of every kind, sources included."""
    for section in SECTIONS:
        yield from records_of(kb, section.key)


def records_of(kb: m.KnowledgeBase, key: str) -> list[Any]:
    """The records of one section, by its key in the data files."""
    if key in ("regions", "muscles", "nerves", "deficits"):
        return list(getattr(kb.anatomy, key))
    return list(getattr(kb, key))


def fact_records(kb: m.KnowledgeBase) -> Iterator[m.Record]:
    """Every record that states facts (everything but the sources themselves)."""
    for record in all_records(kb):
        if isinstance(record, m.Record):
            yield record


def citations_of(record: m.Model) -> Iterator[tuple[tuple[str | int, ...], m.SourceRef]]:
    """Every source a record cites, with the field path of the citation."""
    fields = type(record).model_fields  # a field looked up on a model without it is slow to miss
    for i, ref in enumerate(record.sources if "sources" in fields else ()):  # type: ignore[attr-defined]
        yield ("sources", i, "id"), ref
    for a, alt in enumerate(record.alternatives if "alternatives" in fields else ()):  # type: ignore[attr-defined]
        for i, ref in enumerate(alt.sources):
            yield ("alternatives", a, "sources", i, "id"), ref


# --- Rules -------------------------------------------------------------------------------------


@check("id-duplicate")
def ids_unique(ctx: Context) -> Iterator[Finding]:
    """Ids are unique within each kind of record."""
    for section in SECTIONS:
        first: dict[str, m.Model] = {}
        for record in records_of(ctx.kb, section.key):
            if record.id in first:
                where = origin(first[record.id])
                at = f" (first on line {where.line})" if where else ""
                yield Finding(record, ("id",), f"{label(record)} is defined twice{at} - rename or merge one of them")
            else:
                first[record.id] = record


@check("source-unknown")
def sources_resolve(ctx: Context) -> Iterator[Finding]:
    """Every cited source id exists in data/sources.yaml."""
    if not ctx.readable("sources"):
        return
    known = {s.id for s in ctx.kb.sources} | ctx.broken_ids["sources"]
    for record in fact_records(ctx.kb):
        for where, ref in citations_of(record):
            if ref.id not in known and not is_placeholder(ref.id):
                hint = did_you_mean(ref.id, known) or " - add it to data/sources.yaml first"
                yield Finding(record, where, f"{label(record)} cites unknown source '{ref.id}'{hint}")


@check("source-not-authoritative")
def sources_authoritative(ctx: Context) -> Iterator[Finding]:
    """Every fact cites at least one authoritative source, not only seeds or web articles."""
    if not ctx.readable("sources"):
        return
    kinds = {s.id: s.kind for s in ctx.kb.sources}
    for record in fact_records(ctx.kb):
        cited = [ref.id for ref in record.sources if ref.id in kinds]
        if any(ref.id in ctx.broken_ids["sources"] for ref in record.sources):
            continue  # a cited source is itself invalid: its kind is unknown, judge after it is fixed
        if cited and not any(kinds[c] in m.AUTHORITATIVE_KINDS for c in cited):
            yield Finding(
                record,
                ("sources",),
                f"{label(record)} cites only {', '.join(sorted({kinds[c] for c in cited}))} sources - "
                "add a health agency, clinical reference, academic medical centre or peer-reviewed source",
            )


@check("source-unused", severity="warning")
def sources_used(ctx: Context) -> Iterator[Finding]:
    """Every source is cited at least once."""
    if ctx.unreadable:
        return  # a file that could not be read may hold the citations
    cited = {ref.id for record in fact_records(ctx.kb) for _, ref in citations_of(record)}
    cited |= ctx.broken_ids[CITED_BY_BROKEN]
    for source in ctx.kb.sources:
        if source.id not in cited:
            yield Finding(source, ("id",), f"source '{source.id}' is never cited - cite it or remove it")


#: Reference fields: (section key, field name, target section key).
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("muscles", "region", "regions"),
    ("muscles", "nerves", "nerves"),
    ("roots", "key_muscles", "muscles"),
    ("roots", "sensory_regions", "regions"),
    ("roots", "twitch_regions", "regions"),
    ("roots", "deficits", "deficits"),
    ("roots", "nerves", "nerves"),
    ("roots", "terms", "glossary"),
    ("causes", "regions", "regions"),
    ("causes", "roots", "roots"),
    ("causes", "terms", "glossary"),
    ("signs", "causes", "causes"),
    ("signs", "regions", "regions"),
    ("faqs", "causes", "causes"),
    ("faqs", "regions", "regions"),
    ("faqs", "roots", "roots"),
    ("faqs", "signs", "signs"),
    ("glossary", "see_also", "glossary"),
    ("comparisons", "term", "glossary"),
)
_KIND_WORD = {s.key: s.label for s in SECTIONS}


@check("ref-unknown")
def references_resolve(ctx: Context) -> Iterator[Finding]:
    """Every id a record refers to (regions, roots, causes, signs, terms...) exists."""
    for key, field_name, target in REFERENCES:
        if not ctx.readable(target):
            continue
        known = {r.id for r in records_of(ctx.kb, target)} | ctx.broken_ids[target]
        for record in records_of(ctx.kb, key):
            value = getattr(record, field_name)
            refs = [value] if isinstance(value, str) else list(value or [])
            for i, ref in enumerate(refs):
                if ref not in known and not is_placeholder(ref):
                    where = (field_name,) if isinstance(value, str) else (field_name, i)
                    hint = did_you_mean(ref, known) or f" - it is not in data/{_file_of(target)}"
                    yield Finding(
                        record, where, f"{label(record)}: {field_name} names unknown {_KIND_WORD[target]} '{ref}'{hint}"
                    )


def _file_of(key: str) -> str:
    return next(s.file for s in SECTIONS if s.key == key)


@check("ref-self")
def no_self_references(ctx: Context) -> Iterator[Finding]:
    """A record does not list itself as related (a glossary term in its own see_also...)."""
    for key, field_name, target in REFERENCES:
        if key != target:
            continue
        for record in records_of(ctx.kb, key):
            value = getattr(record, field_name)
            refs = [value] if isinstance(value, str) else list(value or [])
            for i, ref in enumerate(refs):
                if ref == record.id:
                    where = (field_name,) if isinstance(value, str) else (field_name, i)
                    yield Finding(record, where, f"{label(record)} lists itself in {field_name} - remove '{ref}'")


@check("reviewed-future")
def reviewed_not_future(ctx: Context) -> Iterator[Finding]:
    """Review and access dates are not in the future."""
    for record in fact_records(ctx.kb):
        if record.reviewed > ctx.today:
            yield Finding(
                record,
                ("reviewed",),
                f"{label(record)} has reviewed date {record.reviewed}, which is in the future - use the date of the review",
            )
    for source in ctx.kb.sources:
        if source.accessed > ctx.today:
            yield Finding(
                source,
                ("accessed",),
                f"source '{source.id}' has accessed date {source.accessed}, which is in the future",
            )


_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|&#?[a-zA-Z0-9]+;")


def _strings(
    record: m.Model, value: m.Value, where: tuple[str | int, ...], out: list[tuple[m.Model, tuple[str | int, ...], str]]
) -> None:
    """Add every string inside ``value`` (the record or a part of it) to ``out``, with its field
    path (one call per record or part of a record, not per field: 40,000 strings at 10x)."""
    for name, inner in value.__dict__.items():  # a pydantic model keeps its fields there, in order
        if isinstance(inner, str):
            out.append((record, (*where, name), inner))
        elif isinstance(inner, list):
            for i, item in enumerate(inner):
                if isinstance(item, str):
                    out.append((record, (*where, name, i), item))
                elif isinstance(item, m.Value):
                    _strings(record, item, (*where, name, i), out)
        elif isinstance(inner, m.Value):
            _strings(record, inner, (*where, name), out)


def record_strings(ctx: Context) -> list[tuple[m.Model, tuple[str | int, ...], str]]:
    """(record, field path, text) for every string of every record, gathered once per run."""
    if "strings" not in ctx.memo:
        found: list[tuple[m.Model, tuple[str | int, ...], str]] = []
        for record in all_records(ctx.kb):
            _strings(record, record, (), found)
        ctx.memo["strings"] = found
    return ctx.memo["strings"]


@check("html-in-text")
def no_html(ctx: Context) -> Iterator[Finding]:
    """Data text holds no HTML tags or entities (Markdown emphasis and links are fine)."""
    for record, where, text in record_strings(ctx):
        match = _HTML.search(text) if "<" in text or "&" in text else None  # the pattern starts with one
        if match:
            field_name = ".".join(str(p) for p in where)
            yield Finding(
                record,
                where,
                f"{label(record)}: {field_name} contains HTML '{match.group(0)[:40]}' - write plain text (Markdown *emphasis* and [links](url) are allowed)",
            )


_UNSAFE_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?\s*((?!https?:|mailto:)[a-zA-Z][a-zA-Z0-9+.-]*:[^)]*)\)")


@check("unsafe-link")
def links_are_web_addresses(ctx: Context) -> Iterator[Finding]:
    """Markdown links in data text point to http(s) or mailto addresses, never javascript: or data:."""
    for record, where, text in record_strings(ctx):
        match = _UNSAFE_LINK.search(text) if "](" in text else None  # a Markdown link has one
        if match:
            field_name = ".".join(str(p) for p in where)
            yield Finding(
                record,
                where,
                f"{label(record)}: {field_name} links to '{match.group(2)[:40]}' - links must start with https:// (or http://)",
            )


def is_placeholder(value: str) -> bool:
    """True for the TODO values `python -m macros new` writes."""
    return value.lstrip()[:4].lower() == "todo"  # not the whole text lowered: only its start counts


@check("placeholder-left")
def no_placeholders(ctx: Context) -> Iterator[Finding]:
    """No TODO placeholder from `python -m macros new` is left in the data."""
    for record, where, text in record_strings(ctx):
        if is_placeholder(text) or "todo.invalid" in text:
            field_name = ".".join(str(p) for p in where)
            yield Finding(
                record, where, f"{label(record)}: {field_name} is still a placeholder ('{text[:40]}') - write it"
            )


@check("root-label-mismatch")
def root_ids_match_labels(ctx: Context) -> Iterator[Finding]:
    """A root's id is its label in lower case (l5 for L5), so URLs are predictable."""
    for root in ctx.kb.roots:
        if root.id != root.label.lower():
            yield Finding(
                root, ("id",), f"root '{root.id}' has label {root.label} - its id must be '{root.label.lower()}'"
            )


@check("page-macro-syntax")
def macro_calls_are_closed(ctx: Context) -> Iterator[PageFinding]:
    """Every {{ ... }} and {% ... %} in a page is closed on the line it opens."""
    pairs = (("{{", "}}"), ("{%", "%}"))
    for path, text in ctx.pages.items():
        for number, line in enumerate(text.splitlines(), 1):
            for opener, closer in pairs:
                if line.count(opener) != line.count(closer):
                    yield PageFinding(
                        path,
                        number,
                        f"'{opener}' and '{closer}' do not match on this line - close the macro call with '{closer}'",
                    )
                    break


#: Macros that take a record id as their first argument, and the kind of that id.
ID_MACROS: dict[str, str] = {
    "faq": "faqs",
    "figure": "figures",
    "term": "glossary",
    "cause_page": "causes",
    "root_page": "roots",
    "region_page": "regions",
}
_MACRO_CALL = re.compile(r"\{\{-?\s*(\w+)\(\s*(['\"])(.*?)\2")


@check("page-ref-unknown")
def page_ids_resolve(ctx: Context) -> Iterator[PageFinding]:
    """Every id a page passes to a macro ({{ faq("...") }}, {{ figure("...") }}...) exists."""
    for path, text in ctx.pages.items():
        for number, line in enumerate(text.splitlines(), 1):
            for match in _MACRO_CALL.finditer(line):
                name, record_id = match.group(1), match.group(3)
                kind = ID_MACROS.get(name)
                if kind is None or not ctx.readable(kind):
                    continue
                known = {r.id for r in records_of(ctx.kb, kind)} | ctx.broken_ids[kind]
                if record_id not in known:
                    hint = did_you_mean(record_id, known) or f" - see data/{_file_of(kind)}"
                    yield PageFinding(path, number, f"{name}() names unknown {_KIND_WORD[kind]} '{record_id}'{hint}")


@check("privacy-third-party")
def no_third_party_assets(ctx: Context) -> Iterator[PageFinding]:
    """Pages, templates and stylesheets fetch nothing from other hosts (no CDN, fonts, trackers)."""
    from macros.privacy import css_assets, html_assets, markdown_assets

    for path, text in {**ctx.pages, **ctx.templates}.items():
        if path.endswith(".md"):
            assets = markdown_assets(text)
        else:
            assets = css_assets(text) if path.endswith(".css") else [] if path.endswith(".js") else html_assets(text)
        for asset in assets:
            yield PageFinding(
                path,
                asset.line,
                f"{asset.what} loads {asset.url} from another host - readers' browsers would contact it; "
                "copy the file into content/assets/ or remove it",
            )


# Contradiction rules live in their own module; importing it registers them here.
from macros import contradictions  # noqa: E402, F401
