"""Load data/*.yaml into a KnowledgeBase, reporting every problem at its file and line.

Each record is validated on its own, so one bad record never hides the problems of the
others; records that fail validation are left out of the KnowledgeBase (their ids are
remembered so that references to them are not reported a second time).
"""

from __future__ import annotations

import gc
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from macros import cache
from macros import models as m
from macros.cache import DiskCache
from macros.datafiles import DATA_DIR, DATA_FILES, PARSED_CACHE
from macros.problems import Problem, did_you_mean
from macros.yamlread import YamlDoc, read_yaml

if TYPE_CHECKING:
    from macros.prefetch import Prefetch

#: Key in Loaded.broken_ids for source ids cited by records that failed validation.
CITED_BY_BROKEN = "cited-by-broken-records"


@dataclass(frozen=True)
class Section:
    """One list of records in one data file."""

    file: str
    key: str
    model: type[m.Record] | type[m.Source]
    label: str  # how an editor names one record of this kind


#: Where each kind of record lives. A newcomer looks here to find "where is X kept?".
SECTIONS: tuple[Section, ...] = (
    Section("sources.yaml", "sources", m.Source, "source"),
    Section("anatomy.yaml", "regions", m.Region, "region"),
    Section("anatomy.yaml", "muscles", m.Muscle, "muscle"),
    Section("anatomy.yaml", "nerves", m.Nerve, "nerve"),
    Section("anatomy.yaml", "deficits", m.Deficit, "deficit"),
    Section("roots.yaml", "roots", m.Root, "root"),
    Section("causes.yaml", "causes", m.Cause, "cause"),
    Section("signs.yaml", "signs", m.WarningSign, "warning sign"),
    Section("faqs.yaml", "faqs", m.Faq, "FAQ"),
    Section("glossary.yaml", "glossary", m.Term, "glossary term"),
    Section("comparisons.yaml", "comparisons", m.Comparison, "comparison"),
    Section("figures.yaml", "figures", m.Figure, "figure"),
)
#: The lexicon is one mapping, not a list of records.
LEXICON = Section("lexicon.yaml", "lexicon", m.Lexicon, "lexicon")  # type: ignore[arg-type]
if (*dict.fromkeys(s.file for s in SECTIONS), LEXICON.file) != DATA_FILES:  # one list, not two
    raise RuntimeError("macros.datafiles.DATA_FILES must list the files of SECTIONS, then LEXICON's, in order")


@dataclass
class Origin:
    """Where a record was read: its file, its line, and the lines of its fields."""

    path: str
    line: int
    doc: YamlDoc = field(repr=False)
    prefix: tuple[str | int, ...] = ()

    def line_of(self, *where: str | int) -> int:
        """Line of a field (or list item) of the record; the record's line if unknown."""
        return self.doc.line((*self.prefix, *where))


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
    inputs: str = ""  # a hash of every file read: equal hashes, equal knowledge base and pages


def origin(record: m.Value) -> Origin | None:
    """The Origin the loader attached to a record (None for records built in code, and for parts
    of records)."""
    private = getattr(record, "__pydantic_private__", None)
    return private.get("origin") if private else None


def set_origin(record: m.Model, place: Origin) -> None:
    """Attach where ``record`` was read (see macros.models.Model): kept in pydantic's store of
    private state, which equality and copies carry along; the model itself stays frozen."""
    object.__setattr__(record, "__pydantic_private__", {"origin": place})


def load(root: Path, prefetched: Prefetch | None = None) -> Loaded:
    """Read and validate every data file under ``root/data`` (``prefetched``: files a second
    process has parsed meanwhile)."""
    # Loading makes many objects that all live on: a collection meanwhile walks every object
    # made so far, again and again (10x data: half of a 0.7 s load).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(root, prefetched)
    finally:
        if prefetched is not None:
            prefetched.close()
        if collecting:
            gc.enable()


def _load(root: Path, prefetched: Prefetch | None) -> Loaded:
    lexicon: m.Lexicon | None = None
    records: dict[str, list[Any]] = {s.key: [] for s in SECTIONS}
    broken: dict[str, set[str]] = {s.key: set() for s in SECTIONS} | {CITED_BY_BROKEN: set()}
    unreadable: set[str] = set()
    parsed = DiskCache(root, PARSED_CACHE)
    raws: dict[str, bytes] = {}
    found_in: dict[str, list[Problem]] = {}
    # Files are independent of each other: those a second process is parsing come last, in the
    # order it parses them, so that this one does its own share meanwhile and then takes each as
    # it comes. Problems keep the files' order.
    elsewhere = prefetched.names if prefetched is not None else []
    for name in [*(n for n in DATA_FILES if n not in elsewhere), *elsewhere]:
        rel = f"{DATA_DIR}/{name}"
        path = root / DATA_DIR / name
        sections = [s for s in SECTIONS if s.file == name] or [LEXICON]
        problems = found_in[name] = []
        if not path.is_file():
            keys = ", ".join(s.key for s in sections)
            problems.append(Problem(rel, 1, "file-missing", "error", f"data file is missing - it holds the {keys}"))
            unreadable.update(s.key for s in sections)
            continue
        raw = raws[name] = path.read_bytes()
        doc = read_cached(raw, rel, parsed, prefetched)
        problems.extend(doc.problems)
        if doc.problems or doc.data is None:
            unreadable.update(s.key for s in sections)
            continue
        if sections == [LEXICON]:
            lexicon, found = _load_lexicon(doc)
            problems.extend(found)
            if lexicon is None:
                unreadable.add(LEXICON.key)
            continue
        found, unusable = _load_file(doc, sections, records, broken)
        problems.extend(found)
        unreadable.update(unusable)
    problems = [p for name in DATA_FILES for p in found_in[name]]
    raw_files = [part for name in DATA_FILES if name in raws for part in (f"{DATA_DIR}/{name}", raws[name])]
    parsed.save()
    kb = m.KnowledgeBase(
        sources=records["sources"],
        anatomy=m.Anatomy(
            regions=records["regions"],
            muscles=records["muscles"],
            nerves=records["nerves"],
            deficits=records["deficits"],
        ),
        **{s.key: records[s.key] for s in SECTIONS if s.file not in ("sources.yaml", "anatomy.yaml")},
        lexicon=lexicon,
    )
    pages, page_problems = load_pages(root)
    templates, template_problems = load_texts(root, TEMPLATE_GLOBS)
    problems += page_problems + template_problems
    texts = [part for item in (*pages.items(), *templates.items()) for part in item]
    inputs = cache.key("inputs", *raw_files, "\0", *texts)
    return Loaded(kb, problems, broken, root, frozenset(unreadable), pages, templates, inputs)


def read_cached(raw: bytes, rel: str, parsed: DiskCache, prefetched: Prefetch | None = None) -> YamlDoc:
    """``read_yaml``, or its stored result for exactly these bytes (parsing is most of a load),
    or what a second process parsed of exactly these bytes."""
    entry = cache.key(rel, raw)
    hit = parsed.get(entry)
    if hit is not None:
        text = raw.decode("utf-8").removeprefix("\ufeff")
        return YamlDoc(rel, hit["data"], text, {tuple(path): line for path, line in hit["lines"]})
    doc = (prefetched.take(rel, raw) if prefetched is not None else None) or read_yaml(raw, rel)
    # Only clean files are stored; "$date" would read back as a date (see macros.cache).
    if parsed.on and not doc.problems and b"$date" not in raw:
        parsed.put(entry, {"data": doc.data, "lines": list(doc.lines.items())})  # JSON writes tuples as lists
    return doc


CONTENT_DIR = "content"


#: Files that shape pages besides Markdown: theme overrides, and CSS/JS shipped with the content.
TEMPLATE_GLOBS = ("overrides/**/*.html", "content/**/*.css", "content/**/*.js", "overrides/**/*.css")


def load_pages(root: Path) -> tuple[dict[str, str], list[Problem]]:
    """Read every hand-written page under ``root/content`` (path relative to root -> text)."""
    return load_texts(root, (f"{CONTENT_DIR}/**/*.md",))


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
            problems.append(
                Problem(
                    rel,
                    line,
                    "file-encoding",
                    "error",
                    f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 - save the file as UTF-8",
                )
            )
    return pages, problems


def _load_file(
    doc: YamlDoc,
    sections: list[Section],
    records: dict[str, list[Any]],
    broken: dict[str, set[str]],
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
            record, found = _validate(doc, section, index, item)
            problems.extend(found)
            if record is not None:
                records[section.key].append(record)
            elif isinstance(item, dict):
                if isinstance(item.get("id"), str):
                    # The slug too: "Calf Area" was probably meant as "calf-area".
                    broken[section.key].update({item["id"], _slug(item["id"])})
                broken[CITED_BY_BROKEN].update(_raw_citations(item))
    return problems, unusable


def _load_lexicon(doc: YamlDoc) -> tuple[m.Lexicon | None, list[Problem]]:
    """Validate data/lexicon.yaml (a single ``lexicon:`` mapping)."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("lexicon"), dict):
        return None, [
            Problem(doc.rel, 1, "field-missing", "error", "file must start with 'lexicon:' followed by its word lists")
        ]
    unknown = [k for k in doc.data if k != "lexicon"]
    problems = [
        Problem(doc.rel, doc.line((k,)), "field-unknown", "error", f"unknown section '{k}' - only 'lexicon' is allowed")
        for k in unknown
    ]
    try:
        return m.Lexicon.model_validate(doc.data["lexicon"]), problems
    except ValidationError as exc:
        return None, problems + [_problem(doc, LEXICON, ("lexicon",), {}, err) for err in exc.errors(include_url=False)]


def _placeholders(
    doc: YamlDoc, section: Section, prefix: tuple[str | int, ...], item: Any, reported: set[int]
) -> list[Problem]:
    """TODO values left in a record that failed validation (so all are reported at once)."""
    rid = item.get("id") if isinstance(item, dict) else None
    who = f"{section.label} '{rid}'" if isinstance(rid, str) else section.label
    found = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, (*path, key))
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                walk(inner, (*path, i))
        elif isinstance(value, str) and (value.lower().startswith("todo") or "todo.invalid" in value):
            line = doc.line((*prefix, *path))
            if line not in reported:
                name = ".".join(str(p) for p in path)
                found.append(
                    Problem(
                        doc.rel,
                        line,
                        "placeholder-left",
                        "error",
                        f"{who}: {name} is still a placeholder ('{value[:40]}') - write it",
                    )
                )

    walk(item, ())
    return found


def _raw_citations(item: dict[str, Any]) -> set[str]:
    """Source ids a record that failed validation cites, so they do not look unused."""
    refs = item.get("sources")
    if not isinstance(refs, list):
        return set()
    return {r if isinstance(r, str) else str(r.get("id")) for r in refs if isinstance(r, (str, dict))}


def _validate(doc: YamlDoc, section: Section, index: int, item: Any) -> tuple[Any, list[Problem]]:
    """Validate one record; return it (with its Origin) or the problems found."""
    prefix = (section.key, index)
    if not isinstance(item, dict):
        line = doc.line(prefix)
        return None, [
            Problem(
                doc.rel, line, "field-type", "error", f"each {section.label} must be a mapping of 'field: value' lines"
            )
        ]
    try:
        record = section.model.model_validate(item)
    except ValidationError as exc:
        found = [_problem(doc, section, prefix, item, err) for err in exc.errors(include_url=False)]
        return None, found + _placeholders(doc, section, prefix, item, {p.line for p in found})
    set_origin(record, Origin(doc.rel, doc.line(prefix), doc, prefix))
    return record, []


def _problem(doc: YamlDoc, section: Section, prefix: tuple[str | int, ...], item: dict[str, Any], err: Any) -> Problem:
    """Turn one pydantic error into a located, plain-words Problem."""
    loc = tuple(err["loc"])
    rid = item.get("id")
    if isinstance(rid, str):
        who = f"{section.label} '{rid}'"
    else:
        who = f"{section.label} #{int(prefix[1]) + 1}" if len(prefix) > 1 else section.label
    name = ".".join(str(p) for p in loc) or "record"
    kind = err["type"]
    line = doc.line((*prefix, *loc))
    got = err.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(section.model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed) or f" - allowed fields: {', '.join(allowed)}"
        return Problem(doc.rel, line, "field-unknown", "error", f"{who} has unknown field '{loc[-1]}'{hint}")
    if loc[:1] == ("sources",) and ((kind == "missing" and len(loc) == 1) or kind == "too_short"):
        return Problem(
            doc.rel,
            line,
            "source-missing",
            "error",
            f"{who} cites no source - add 'sources:' with at least one id from data/sources.yaml",
        )
    if kind == "missing":
        desc = _description(section.model, loc)
        hint = f" ({desc})" if desc else ""
        return Problem(
            doc.rel, line, "field-missing", "error", f"{who} is missing required field '{name}'{hint} - add it"
        )
    if kind == "literal_error" and isinstance(got, str) and got.lower().startswith("todo"):
        allowed = err["ctx"]["expected"].replace("'", "")
        return Problem(
            doc.rel,
            line,
            "placeholder-left",
            "error",
            f"{who}: {name} is still a placeholder - write one of: {allowed}",
        )
    if kind == "literal_error":
        allowed = [str(a) for a in err["ctx"]["expected"].replace("'", "").split(" or ")]
        allowed = [w.strip() for a in allowed for w in a.split(",") if w.strip()]
        hint = did_you_mean(str(got), allowed)
        return Problem(
            doc.rel, line, "value-unknown", "error", f"{who} has {name} '{got}'; allowed: {', '.join(allowed)}{hint}"
        )
    if kind == "string_pattern_mismatch" and loc == ("id",):
        return Problem(
            doc.rel,
            line,
            "id-format",
            "error",
            f"{who}: id '{got}' must be lowercase words joined by hyphens, e.g. '{_slug(str(got))}'",
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            doc.rel,
            line,
            "id-format",
            "error",
            f"{who}: '{got}' in {name} is not an id - ids are lowercase words joined by hyphens, e.g. '{_slug(str(got))}'",
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        return Problem(
            doc.rel, line, "field-type", "error", f"{who}: {name} '{got}' is not a date - write it as YYYY-MM-DD"
        )
    if kind.startswith("url"):
        return Problem(
            doc.rel,
            line,
            "field-type",
            "error",
            f"{who}: {name} '{got}' is not a web address - write the full https:// address",
        )
    if kind in ("string_too_short",):
        return Problem(
            doc.rel, line, "field-empty", "error", f"{who}: {name} is empty - write the text or remove the field"
        )
    if kind == "too_short":
        return Problem(doc.rel, line, "field-empty", "error", f"{who}: {name} needs at least one item")
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return Problem(doc.rel, line, "field-type", "error", f"{who}: {name} {err['msg'].lower()} (got {shown})")


#: Letters from other scripts that look like Latin ones (Cyrillic and Greek), for id suggestions.
LOOKALIKES = str.maketrans("аеорсухіјѕԁԛԝвнкмтοαεικνρτυχ", "aeopcyxijsdqwbhkmtoaeiknptux")


def _slug(text: str) -> str:
    """A kebab-case suggestion for a bad id (look-alike letters become the Latin ones they mimic)."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.lower().translate(LOOKALIKES)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "my-id"


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class found by following ``loc`` (field names and list indexes) from ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(str(part))
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip list[...] and Optional[...] to reach a model class."""
    origin_ = typing.get_origin(annotation)
    if origin_ in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return annotation


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names allowed at ``loc``."""
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _description(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """The field's description, used as a hint for what to write."""
    target = _model_at(model, loc[:-1])
    if target is None:
        return ""
    info = target.model_fields.get(str(loc[-1]))
    return (info.description or "") if info else ""
