"""Pydantic's validation errors, turned into located, plain-words problems an editor can act on."""

from __future__ import annotations

import re
import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel

from macros.kb.sections import Section
from macros.kb.text import is_placeholder
from macros.kb.yamlread import YamlDoc
from macros.problems import Problem, did_you_mean

#: Rules of the loading stage (reading and validating each file and record), with what each catches.
#: The rules run on the loaded knowledge base are registered in macros.rules.
LOAD_RULES: dict[str, str] = {
    "file-missing": "A data file is missing.",
    "file-empty": "A data file holds no data.",
    "file-encoding": "A file's bytes are not UTF-8.",
    "file-too-large": "A data file is too large to read safely.",
    "yaml-syntax": "YAML that cannot be read.",
    "yaml-tab": "A line indented with a tab.",
    "yaml-duplicate-key": "The same key twice in one mapping (YAML would silently keep the last).",
    "yaml-tag": "A `!!python/...` or other tag.",
    "yaml-alias": "Anchors, aliases or merge keys.",
    "yaml-too-deep": "Nesting deeper than the reader allows.",
    "field-unknown": 'A misspelt or unknown field or section (with "did you mean").',
    "field-missing": "A required field is missing.",
    "field-type": "A value of the wrong type: a bad date, web address, number, list or mapping.",
    "field-empty": "An empty text or list.",
    "value-unknown": "A word outside a closed vocabulary (the allowed words are listed).",
    "id-format": "An id that is not lowercase words joined by hyphens.",
    "source-missing": "A record with no `sources`.",
    "placeholder-left": "A TODO left by `python -m macros new`.",
}


def placeholders(
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
        elif isinstance(value, str) and is_placeholder(value):
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


def problem(doc: YamlDoc, section: Section, prefix: tuple[str | int, ...], item: dict[str, Any], err: Any) -> Problem:
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
    citation = _citation_shape(item, loc)
    if citation:
        return Problem(doc.rel, doc.line((*prefix, *loc[:2])), "field-type", "error", f"{who}: {citation}")
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
    if kind == "literal_error" and isinstance(got, str) and is_placeholder(got):
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
            f"{who}: id '{got}' must be lowercase words joined by hyphens, e.g. '{slug(str(got))}'",
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            doc.rel,
            line,
            "id-format",
            "error",
            f"{who}: '{got}' in {name} is not an id - ids are lowercase words joined by hyphens, e.g. '{slug(str(got))}'",
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
    if kind == "string_type" and isinstance(got, list):
        return Problem(
            doc.rel,
            line,
            "field-type",
            "error",
            f"{who}: {name} is one text, not a list - remove the [ ] or '- ' (for a long text write "
            f"'{loc[-1]}: >-' and the text on the lines below, indented)",
        )
    if kind == "list_type" and isinstance(got, str):
        return Problem(
            doc.rel, line, "field-type", "error", f"{who}: {name} is a list - write [{got}], or one '- item' per line"
        )
    if kind in ("model_type", "dict_type", "model_attributes_type") and not isinstance(got, dict):
        return Problem(
            doc.rel,
            line,
            "field-type",
            "error",
            f"{who}: {name} is a block of 'field: value' lines - write them indented below '{loc[-1]}:'",
        )
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return Problem(doc.rel, line, "field-type", "error", f"{who}: {name} {err['msg'].lower()} (got {shown})")


def _citation_shape(item: dict[str, Any], loc: tuple[str | int, ...]) -> str | None:
    """The right shape for a citation written as ``- some-source: Section`` (a common slip)."""
    if len(loc) < 2 or loc[0] != "sources" or not isinstance(loc[1], int):
        return None
    refs = item.get("sources")
    raw = refs[loc[1]] if isinstance(refs, list) and loc[1] < len(refs) else None
    if not (isinstance(raw, dict) and len(raw) == 1 and "id" not in raw):
        return None
    key, value = next(iter(raw.items()))
    return f"a citation with a locator is written {{id: {key}, locator: {value}}} (not '{key}: {value}')"


#: Letters from other scripts that look like Latin ones (Cyrillic and Greek), for id suggestions.
LOOKALIKES = str.maketrans("аеорсухіјѕԁԛԝвнкмтοαεικνρτυχ", "aeopcyxijsdqwbhkmtoaeiknptux")


def slug(text: str) -> str:
    """A kebab-case suggestion for a bad id (look-alike letters become the Latin ones they mimic)."""
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
