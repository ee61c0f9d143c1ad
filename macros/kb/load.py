"""Load data/*.yaml into a KnowledgeBase, reporting every problem at its file and line.

Each record is validated on its own, so one bad record never hides the problems of the
others; records that fail validation are left out of the KnowledgeBase (their ids are
remembered so that references to them are not reported a second time).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from macros.kb import models as m
from macros.kb.errors import placeholders, problem, slug
from macros.kb.origin import Origin
from macros.kb.sections import ANATOMY_KEYS, DATA_DIR, DATA_FILES, SECTIONS, TABLES, Section
from macros.kb.yamlread import YamlDoc, read_yaml
from macros.problems import Problem, did_you_mean

#: Key in Loaded.broken_ids for source ids cited by records that failed validation.
CITED_BY_BROKEN = "cited-by-broken-records"
CONTENT_DIR = "content"
#: Files that shape pages besides Markdown: theme overrides, and CSS/JS shipped with the content.
TEMPLATE_GLOBS = ("overrides/**/*.html", "content/**/*.css", "content/**/*.js", "overrides/**/*.css")


@dataclass
class Loaded:
    """Result of loading: the knowledge base, every problem, and ids of broken records."""

    kb: m.KnowledgeBase
    problems: list[Problem]
    broken_ids: dict[str, set[str]]
    root: Path
    unreadable: frozenset[str] = frozenset()  # section keys whose file could not be read
    pages: dict[str, str] = field(default_factory=dict)  # content/*.md path -> text
    templates: dict[str, str] = field(default_factory=dict)  # overrides/*.html, content CSS/JS -> text
    #: (file, line, source id) of each citation in a record that failed validation: still checked.
    broken_citations: list[tuple[str, int, str]] = field(default_factory=list)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic collector while loading: every object loading makes lives on, so a
    collection meanwhile would only walk them again and again (a third of a load's time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load(root: Path) -> Loaded:
    """Read and validate every data file under ``root/data``, and read the pages and templates."""
    with _collector_paused():
        return _load(root)


def _load(root: Path) -> Loaded:
    tables: dict[str, Any] = {t.key: None for t in TABLES}
    records: dict[str, list[Any]] = {s.key: [] for s in SECTIONS}
    broken: dict[str, set[str]] = {s.key: set() for s in SECTIONS} | {CITED_BY_BROKEN: set()}
    cited_by_broken: list[tuple[str, int, str]] = []
    unreadable: set[str] = set()
    problems: list[Problem] = []
    for name in DATA_FILES:
        rel = f"{DATA_DIR}/{name}"
        path = root / DATA_DIR / name
        sections = [s for s in (*SECTIONS, *TABLES) if s.file == name]
        if not path.is_file():
            keys = ", ".join(s.key for s in sections)
            problems.append(Problem(rel, 1, "file-missing", "error", f"data file is missing - it holds the {keys}"))
            unreadable.update(s.key for s in sections)
            continue
        doc = read_yaml(path.read_bytes(), rel)
        problems.extend(doc.problems)
        if not doc.readable:
            unreadable.update(s.key for s in sections)
            continue
        if sections[0] in TABLES:
            table, found = _load_table(doc, sections[0])
            problems.extend(found)
            if table is None:
                unreadable.add(sections[0].key)
            tables[sections[0].key] = table
            continue
        found, unusable = _load_file(doc, sections, records, broken, cited_by_broken)
        problems.extend(found)
        unreadable.update(unusable)
        doc.data = None  # the records hold it now; the origins keep only the text and the lines
    kb = m.KnowledgeBase(
        anatomy=m.Anatomy(**{key: records[key] for key in ANATOMY_KEYS}),
        **{s.key: records[s.key] for s in SECTIONS if s.key not in ANATOMY_KEYS},
        **tables,
    )
    pages, page_problems = load_texts(root, PAGE_GLOBS)
    templates, template_problems = load_texts(root, TEMPLATE_GLOBS)
    problems += page_problems + template_problems
    return Loaded(kb, problems, broken, root, frozenset(unreadable), pages, templates, cited_by_broken)


PAGE_GLOBS = (f"{CONTENT_DIR}/**/*.md",)


def inputs_stamp(root: Path) -> tuple[tuple[str, float], ...]:
    """Every file ``load`` reads, with its modification time: when this changes, load again."""
    files = [root / DATA_DIR / name for name in DATA_FILES]
    files += [path for pattern in (*PAGE_GLOBS, *TEMPLATE_GLOBS) for path in sorted(root.glob(pattern))]
    return tuple((str(path), path.stat().st_mtime if path.exists() else 0.0) for path in files)


def load_texts(root: Path, globs: tuple[str, ...]) -> tuple[dict[str, str], list[Problem]]:
    """Read text files matching ``globs`` under ``root`` (path relative to root -> text)."""
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted({p for pattern in globs for p in root.glob(pattern) if p.is_file()}):
        rel = path.relative_to(root).as_posix()
        raw = path.read_bytes()
        try:
            pages[rel] = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            message = f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 - save the file as UTF-8"
            problems.append(Problem(rel, line, "file-encoding", "error", message))
    return pages, problems


def _load_file(
    doc: YamlDoc,
    sections: list[Section],
    records: dict[str, list[Any]],
    broken: dict[str, set[str]],
    cited_by_broken: list[tuple[str, int, str]],
) -> tuple[list[Problem], set[str]]:
    """Validate the record lists of one parsed file; return problems and unusable section keys."""
    keys = [s.key for s in sections]
    if not isinstance(doc.data, dict):
        shown = ", ".join(f"'{k}:'" for k in keys)
        return [Problem(doc.rel, 1, "field-type", "error", f"file must be a mapping with {shown} at the top")], set(
            keys
        )
    problems: list[Problem] = []
    unusable: set[str] = set()
    unknown = [key for key in doc.data if key not in keys]
    for key in unknown:
        hint = did_you_mean(str(key), keys) or f" - allowed here: {', '.join(keys)}"
        problems.append(Problem(doc.rel, doc.line((key,)), "field-unknown", "error", f"unknown section '{key}'{hint}"))
    for section in sections:
        items = doc.data.get(section.key)
        if section.key not in doc.data:
            if len(sections) == 1:
                unusable.add(section.key)
                if not unknown:  # a misspelt section name was reported above
                    message = f"file must start with '{section.key}:' followed by a list"
                    problems.append(Problem(doc.rel, 1, "field-missing", "error", message))
            continue
        if not isinstance(items, list):
            unusable.add(section.key)
            message = f"'{section.key}' must be a list of records (lines starting with '- ')"
            problems.append(Problem(doc.rel, doc.line((section.key,)), "field-type", "error", message))
            continue
        for index, item in enumerate(items):
            unreadable_item = {(section.key,), (section.key, index)} & doc.bad
            if unreadable_item and not (isinstance(item, dict) and isinstance(item.get("id"), str)):
                unusable.add(section.key)  # its id is unknown: references to the section cannot be judged
            record, found = _validate(doc, section, index, item)
            problems.extend(found)
            if record is not None:
                records[section.key].append(record)
            elif isinstance(item, dict):
                if isinstance(item.get("id"), str):
                    # The slug too: "Calf Area" was probably meant as "calf-area".
                    broken[section.key].update({item["id"], slug(item["id"])})
                for j, cited in _raw_citations(item):
                    broken[CITED_BY_BROKEN].add(cited)
                    cited_by_broken.append((doc.rel, doc.line((section.key, index, "sources", j)), cited))
    return problems, unusable


def _load_table(doc: YamlDoc, section: Section) -> tuple[Any, list[Problem]]:
    """Validate a table file (data/lexicon.yaml, data/hosts.yaml): one ``key:`` mapping."""
    key = section.key
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), dict):
        return None, [
            Problem(doc.rel, 1, "field-missing", "error", f"file must start with '{key}:' followed by its lists")
        ]
    problems = [
        Problem(doc.rel, doc.line((k,)), "field-unknown", "error", f"unknown section '{k}' - only '{key}' is allowed")
        for k in doc.data
        if k != key
    ]
    try:
        table = section.model.model_validate(doc.data[key])
    except ValidationError as exc:
        return None, problems + [problem(doc, section, (key,), {}, err) for err in exc.errors(include_url=False)]
    table._origin = Origin(doc.rel, doc.line((key,)), doc, (key,))
    return table, problems


def _raw_citations(item: dict[str, Any]) -> list[tuple[int, str]]:
    """(position, source id) of each source a record that failed validation cites, so that they
    do not look unused and a mistyped one is still reported."""
    refs = item.get("sources")
    if not isinstance(refs, list):
        return []
    found = []
    for j, ref in enumerate(refs):
        if isinstance(ref, str):
            found.append((j, ref))
        elif isinstance(ref, dict) and isinstance(ref.get("id"), str):
            found.append((j, ref["id"]))
    return found


def _validate(doc: YamlDoc, section: Section, index: int, item: Any) -> tuple[Any, list[Problem]]:
    """Validate one record; return it (with its Origin) or the problems found."""
    prefix = (section.key, index)
    if {(section.key,), prefix} & doc.bad:
        return None, []  # the record (or its list) could not be read: reported already
    if not isinstance(item, dict):
        message = f"each {section.label} must be a mapping of 'field: value' lines"
        return None, [Problem(doc.rel, doc.line(prefix), "field-type", "error", message)]
    # A value the YAML reader could not read (a bad date, a tag) is reported already: judge the
    # rest of the record without it, so that its other mistakes are reported too.
    unread = {path[2] for path in doc.bad if path[:2] == prefix and len(path) > 2}
    if unread:
        item = {k: v for k, v in item.items() if k not in unread}
    try:
        record = section.model.model_validate(item)
    except ValidationError as exc:
        errors = [e for e in exc.errors(include_url=False) if not (e["type"] == "missing" and e["loc"][0] in unread)]
        found = list(dict.fromkeys(problem(doc, section, prefix, item, err) for err in errors))  # one per slip
        return None, found + placeholders(doc, section, prefix, item, {p.line for p in found})
    if unread:
        return None, []  # valid but for the value already reported: left out, as every broken record is
    record._origin = Origin(doc.rel, doc.line(prefix), doc, prefix)
    return record, []
