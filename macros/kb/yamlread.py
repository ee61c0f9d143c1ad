"""Safe, line-aware YAML reading: plain data plus the line of every key and item.

Only the YAML core types are accepted (no ``!!python`` or other tags), duplicate keys,
anchors/aliases and merge keys are rejected, and every problem carries a line number.
Hand-written over libyaml's composer rather than ruamel.yaml's round-trip loader, which also
knows lines but is many times slower (benchmarks/README.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.problems import Problem

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"

# libyaml's composer is much faster than the pure-Python one; both keep node marks.
_Safe: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Patterns = tuple[tuple[str, "re.Pattern[str]"], ...]
#: The safe loader's implicit tag patterns, by the first character of a plain scalar.
_ANY_FIRST: _Patterns = tuple(_Safe.yaml_implicit_resolvers.get(None, ()))
_RESOLVERS: dict[str, _Patterns] = {
    first: (*found, *_ANY_FIRST) for first, found in _Safe.yaml_implicit_resolvers.items() if first is not None
}


class _Loader(_Safe):  # type: ignore[valid-type,misc]
    """The safe loader, resolving a scalar's tag with one lookup: PyYAML's resolver joins two
    lists for every scalar. Tags are the same (tests compare)."""

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is not ScalarNode or self.yaml_path_resolvers:
            return str(super().resolve(kind, value, implicit))
        if implicit[0]:  # a plain scalar; a quoted one is always a string
            for tag, pattern in _RESOLVERS.get(value[:1], _ANY_FIRST):
                if pattern.match(value):
                    return tag
        return _STR


_MERGE = _CORE + "merge"
_BOOL = _CORE + "bool"
_TIMESTAMP = _CORE + "timestamp"
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
MAX_DEPTH = 32
MAX_BYTES = 50_000_000  # bounded for hostile input; far above any real data file

Path_ = tuple[str | int, ...]
#: Problems that leave nothing of a file to read (the others concern one value of one record).
UNREADABLE = frozenset({"yaml-syntax", "yaml-tab", "file-encoding", "file-empty", "file-too-large"})


@dataclass
class YamlDoc:
    """A parsed YAML file: its data, the line of each path inside it, and any problems."""

    rel: str
    data: Any = None
    text: str = ""
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Paths of values that could not be read (a bad date, a tag, a repeated key): the record
    #: holding one is invalid, the rest of the file is still read.
    bad: set[Path_] = field(default_factory=set)

    @property
    def readable(self) -> bool:
        """True when the file parsed: its records can be read, even if some values could not."""
        return self.data is not None and not any(p.rule in UNREADABLE for p in self.problems)

    def line(self, path: Path_) -> int:
        """Line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(raw: bytes, rel: str) -> YamlDoc:
    """Parse ``raw`` (the bytes of file ``rel``) into plain data with line numbers."""
    doc = YamlDoc(rel)

    def fail(line: int, rule: str, message: str) -> YamlDoc:
        doc.problems.append(Problem(rel, line, rule, "error", message))
        return doc

    if len(raw) > MAX_BYTES:
        return fail(1, "file-too-large", f"file is larger than {MAX_BYTES // 1_000_000} MB - split it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(
            line,
            "file-encoding",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 - save the file as UTF-8 "
            "(in most editors: 'Save with encoding' > UTF-8)",
        )
    text = text.removeprefix("\ufeff")
    doc.text = text
    if _only_comments(text):
        return fail(1, "file-empty", "file has no data - restore its records or delete the file from the list")
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return fail(*_syntax_problem(exc, text))
    except yaml.reader.ReaderError as exc:  # a control character such as NUL
        line = text[: exc.position].count("\n") + 1
        return fail(
            line,
            "yaml-syntax",
            f"character U+{exc.character:04X} is not allowed in a data file - delete it"
            if isinstance(exc.character, int)
            else f"unreadable character: {exc.reason}",
        )
    except yaml.YAMLError as exc:
        return fail(1, "yaml-syntax", f"cannot read YAML: {exc}")
    except RecursionError:
        return fail(1, "yaml-too-deep", f"nesting is deeper than {MAX_DEPTH} levels")
    if node is None:
        return fail(1, "file-empty", "file has no data")
    walker = _Walker(doc)
    doc.data = walker.value(node, (), 0)
    return doc


def _only_comments(text: str) -> bool:
    """True when no line holds data (blank lines and comments only)."""
    # Data usually starts on one of the first lines: look there before splitting a large file.
    # A line cut off at the end of the head still shows whether it holds data.
    for head in (text[:4096], text):
        if any(line.strip() and not line.lstrip().startswith("#") for line in head.splitlines()):
            return False
    return True


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """Turn a parser error into (line, rule, message) an editor can act on."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context and "quoted scalar" in exc.context and exc.context_mark:
        mark = exc.context_mark  # an unclosed quote: point at where it opens, not at the end of the file
    line = mark.line + 1 if mark else 1
    problem = (exc.problem or str(exc)).strip()
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "'\\t'" in problem:
        return line, "yaml-tab", "line is indented with a tab - YAML needs spaces; replace the tab with spaces"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = " - a value that contains ': ' must be in quotes, or a line is indented wrongly"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        hint = " - check the indentation of this line and the one above it"
    elif "found character" in problem and "cannot start any token" in problem:
        hint = " - put the value in quotes"
    context = f" ({exc.context})" if exc.context else ""
    return line, "yaml-syntax", f"YAML syntax error: {problem}{context}{hint}"


class _Walker:
    """Builds plain Python data from composed nodes, recording lines and rejecting unsafe YAML."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.seen: dict[int, Path_] = {}  # id of each list or mapping read -> where it was first read
        self.alias_reported = False
        self.constructor = SafeConstructor()

    def problem(self, node: Node, rule: str, message: str, path: Path_ | None = None) -> None:
        """Report a problem at the node's line; ``path``: the value it makes unreadable."""
        self.doc.problems.append(Problem(self.doc.rel, node.start_mark.line + 1, rule, "error", message))
        if path is not None:
            self.doc.bad.add(path)

    def value(self, node: Node, path: Path_, depth: int) -> Any:
        """Return the Python value of ``node`` at ``path``."""
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.seen:
            if not self.alias_reported:  # one message per file, however often the alias is used
                self.alias_reported = True
                self.problem(node, "yaml-alias", "anchors and aliases (&name / *name) are not allowed - write it out")
            self.doc.bad.update((path, self.seen[id(node)]))  # the anchored value is as unusable as its alias
            return None
        if not isinstance(node, ScalarNode):
            self.seen[id(node)] = path
        if depth > MAX_DEPTH:
            self.problem(node, "yaml-too-deep", f"nesting is deeper than {MAX_DEPTH} levels", path)
            return None
        if node.tag not in _ALLOWED_TAGS:
            self.problem(
                node,
                "yaml-tag",
                f"tag '{node.tag.replace(_CORE, '!!')}' is not allowed - data files hold plain text, numbers, dates, lists and mappings",
                path,
            )
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return self.sequence(node, path, depth)
        return self.scalar(node, path)

    # Most nodes are plain strings inside a list or mapping: ``sequence`` and ``mapping`` take
    # those directly (same value and line as ``value`` gives), which halves the calls.

    def sequence(self, node: SequenceNode, path: Path_, depth: int) -> list[Any]:
        items: list[Any] = []
        plain = depth + 1 <= MAX_DEPTH
        lines = self.doc.lines
        for i, item in enumerate(node.value):
            if plain and item.tag == _STR and type(item) is ScalarNode:
                lines.setdefault((*path, i), item.start_mark.line + 1)
                items.append(item.value)
            else:
                items.append(self.value(item, (*path, i), depth + 1))
        return items

    def mapping(self, node: MappingNode, path: Path_, depth: int) -> dict[str, Any] | None:
        result: dict[str, Any] = {}
        plain = depth + 1 <= MAX_DEPTH
        lines = self.doc.lines
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.problem(key_node, "yaml-alias", "merge keys (<<) are not allowed - write the fields out", path)
                continue
            if type(key_node) is not ScalarNode:
                self.problem(key_node, "yaml-syntax", "a key must be a plain word, not a list or mapping", path)
                continue
            key = key_node.value
            if key in result:
                first = lines.get((*path, key), "?")
                self.problem(
                    key_node,
                    "yaml-duplicate-key",
                    f"key '{key}' appears twice in this mapping (first on line {first}) - keep one",
                    (*path, key),
                )
                continue
            where = (*path, key)
            lines[where] = key_node.start_mark.line + 1
            if plain and type(value_node) is ScalarNode and value_node.tag == _STR:
                result[key] = value_node.value
            else:
                result[key] = self.value(value_node, where, depth + 1)
        return result

    def scalar(self, node: ScalarNode, path: Path_) -> Any:
        value = node.value
        if node.tag == _STR:  # most values: the text is the value (the constructor would agree)
            return value
        # YAML 1.2 semantics: only true/false are booleans, so "painful: no" stays the word "no".
        if node.tag == _BOOL and value.lower() not in ("true", "false"):
            return value
        if node.tag == _TIMESTAMP and _PLAIN_DATE.match(value):  # most dates: as the constructor makes them
            with contextlib.suppress(ValueError):  # an impossible date: the constructor's message says why
                return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            reason = f" ({exc})"
        except (AttributeError, TypeError):  # an explicit tag on text it cannot read: "!!timestamp soon"
            reason = ""
        if node.tag == _TIMESTAMP:
            kind, hint = "date", "write it as YYYY-MM-DD"
        else:
            kind, hint = node.tag.replace(_CORE, ""), "check the value"
        self.problem(node, "field-type", f"'{value}' is not a valid {kind}{reason} - {hint}", path)
        return None
