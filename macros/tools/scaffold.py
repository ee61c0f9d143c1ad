"""``python -m macros new <kind> <id>``: add a commented skeleton record at the end of its list.

The skeleton is written from the record's model (its fields, allowed values and descriptions), so
a field added to a model appears here by itself. Lines are only added: the file's comments, order
and formatting stay as they are. An id that exists is refused, and every value left to write is a
TODO that ``make check`` reports.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from macros.kb.base import RefTo
from macros.kb.places import KIND_WORDS
from macros.kb.sections import BY_KEY, DATA_DIR, Section

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
COMMENT_COLUMN = 40

#: Written last, in this order, whatever the model's order (an editor fills the facts first).
LAST = ("sources", "reviewed")
#: How one citation is started; a warning sign's citation also records the tier its source gives.
CITATION = "{id: todo-source-id, locator: TODO where in the source}"
SIGN_CITATION = "{id: todo-source-id, locator: TODO where in the source, tier: TODO}"


class ScaffoldError(Exception):
    """The record cannot be added (bad id, id taken, file or list missing)."""


def _plain(annotation: object) -> object:
    """The annotation without Annotated and None."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _todo(info: FieldInfo) -> str:
    """The placeholder of one value: a TODO, or a TODO id when the field names other records."""
    target = next((x.target for x in info.metadata if isinstance(x, RefTo)), None)
    return f"todo-{BY_KEY[target].label.replace(' ', '-').lower()}-id" if target else "TODO"


def _line(indent: str, text: str, comment: str) -> str:
    """One YAML line with its comment aligned (or after one space when the text is long)."""
    return f"{indent}{text}".ljust(COMMENT_COLUMN - 1) + f" # {comment}\n" if comment else f"{indent}{text}\n"


def _describe(info: FieldInfo, choices: tuple[str, ...] = ()) -> str:
    """The field's description, with its allowed values when they are few."""
    text = (info.description or "").rstrip(".")
    if choices and not all(choice in text for choice in choices):
        text = f"one of: {', '.join(choices)}" + (f". {text}" if text else "")
    return text


def _field(name: str, info: FieldInfo, indent: str, today: str, citation: str = CITATION) -> str:
    """The skeleton lines of one field."""
    kind = _plain(info.annotation)
    choices = tuple(typing.get_args(kind)) if typing.get_origin(kind) is typing.Literal else ()
    about = _describe(info, choices)
    if name == "sources":
        return _line(indent, "sources:", "ids from data/sources.yaml; at least one authoritative") + (
            f"{indent}  - {citation}\n"
        )
    if kind is dt.date:
        return _line(indent, f"{name}: {today}", about)
    if isinstance(kind, type) and issubclass(kind, BaseModel):  # a block to write, such as in_short
        return _line(indent, f"{name}:", about) + "".join(
            _field(sub, sub_info, indent + "  ", today) for sub, sub_info in kind.model_fields.items()
        )
    if typing.get_origin(kind) is list:
        if info.is_required():
            return _line(indent, f"{name}:", about) + f"{indent}  - {_todo(info)}\n"
        return _line(indent, f"{name}: []", about)
    if not info.is_required():
        default = info.get_default(call_default_factory=True)
        if default is None:
            return _line(indent, f"# {name}:", f"optional: {about}" if about else "optional")
        return _line(indent, f"{name}: {str(default).lower()}", about)
    return _line(indent, f"{name}: {_todo(info)}", about)


def skeleton(section: Section, record_id: str, today: dt.date) -> str:
    """The YAML lines of a new record of ``section``, from its model."""
    fields = section.model.model_fields
    names = [n for n in fields if n != "id" and n not in LAST] + [n for n in LAST if n in fields]
    day, citation = today.isoformat(), SIGN_CITATION if section.key == "signs" else CITATION
    return f"  - id: {record_id}\n" + "".join(_field(name, fields[name], "    ", day, citation) for name in names)


def existing_ids(text: str) -> set[str]:
    """Record ids already in a data file (any '- id: x' line)."""
    return set(re.findall(r"^\s*-\s+id:\s*['\"]?([^'\"\s#]+)", text, flags=re.M))


def _list_end(lines: list[str], key: str) -> int:
    """Index of the line after the last record of ``key:``'s list (before the next list's comments)."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"{key}:\s*(#.*)?$", line)), None)
    if start is None:
        raise ScaffoldError(f"there is no '{key}:' list in this file - add the line '{key}:' and try again")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # blank lines and top-level comments before the next list belong to it
    return end


def scaffold(root: Path, kind: str, record_id: str, today: dt.date | None = None) -> tuple[Path, int]:
    """Add a skeleton for ``kind`` with ``record_id``; return the file and the line of its id."""
    section = BY_KEY[KIND_WORDS[kind]]
    if not ID_PATTERN.match(record_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-") or "my-id"
        raise ScaffoldError(
            f"'{record_id}' is not a valid id - use lowercase words joined by hyphens, e.g. '{suggestion}'"
        )
    path = root / DATA_DIR / section.file
    if not path.is_file():
        raise ScaffoldError(f"data/{section.file} does not exist")
    text = path.read_text(encoding="utf-8")
    if record_id in existing_ids(text):
        raise ScaffoldError(f"data/{section.file} already has a {kind} with id '{record_id}' - choose another id")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    try:
        end = _list_end(lines, section.key)
    except ScaffoldError as exc:
        raise ScaffoldError(f"data/{section.file}: {exc}") from None
    header = f"\n  # Added by `python -m macros new {kind} {record_id}`: replace every TODO, then run `make check`.\n"
    block = header + skeleton(section, record_id, today or dt.date.today())
    path.write_text("".join(lines[:end]) + block + "".join(lines[end:]), encoding="utf-8")
    return path, end + 3  # after the blank line and the comment
