"""The generated parts of the Reuse the data page: the published files, how to cite them, every
field of the dataset (described by the models, read through the published JSON Schema, so the
page and the schema cannot disagree) and a small example taken from the data."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from macros.kb.sections import BY_KEY
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.dataset import citer, csv_text, export, json_text, root_rows
from macros.render.dataset_shape import (
    CSV_SEPARATOR,
    JSON_FILE,
    KINDS,
    LICENCE,
    ROOTS_CSV,
    SCHEMA_FILE,
    SIGNS_CSV,
    TITLE,
    RootRow,
    Version,
)
from macros.render.markdown import bullets, cards_table, page_href, words_date

#: What each published file holds, in a few words.
FILE_WORDS = {
    JSON_FILE: "every record of every kind with its sources, and the two tables below (JSON)",
    SCHEMA_FILE: "the JSON Schema the JSON file follows: every field, its type and what it holds",
    ROOTS_CSV: "the root-to-muscle table (CSV)",
    SIGNS_CSV: "the warning signs with their tiers (CSV)",
}
#: Where a part of the dataset sits, when its first place in the file would mislead.
_WHERE = {"Citation": "each item of every sources list"}
_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def files_list(here: str, texts: dict[str, str]) -> str:
    """The published files, each linked, with its size and what it holds."""
    items = []
    for path, text in texts.items():
        size = len(text.encode("utf-8"))
        shown = f"{size / 1000:,.0f} KB" if size >= 1000 else f"{size} bytes"
        items.append(f"[{path.rsplit('/', 1)[-1]}]({page_href(here, path)}) ({shown}): {FILE_WORDS[path]}.")
    return bullets(items)


def how_to_cite(version: Version) -> str:
    """The citation to give when reusing the data: credit, title, version and licence."""
    stamp = f"version {version.commit[:12]}, " if version.commit else ""
    # Kept out of search: the version is a commit id, not words anyone searches for.
    return (
        f'<blockquote class="ta-cite-as" data-search-exclude markdown>\n\n{LICENCE.attribution}. *{TITLE}*, '
        f"{stamp}built {words_date(version.built)}. Licensed under [{LICENCE.name}]({LICENCE.url}).\n\n</blockquote>\n"
    )


def example(v: Views, here: str, page: Citer, term_id: str) -> str:
    """A glossary term as the JSON file holds it, the first rows of the root-to-muscle CSV, and a
    few lines of Python that read the file (raw HTML: no search entry, no prose to grade)."""
    term = v.terms[term_id]
    root = v.kb.roots[0]
    page.note(term, root)  # the page shows their facts: their sources and review dates count
    cite = citer(v.sources)
    record = json_text(export(term, cite)).rstrip()
    table = csv_text(RootRow, root_rows(v, cite)[:1]).replace("\r\n", "\n").rstrip()
    name = JSON_FILE.rsplit("/", 1)[-1]
    python = (
        "import json\n\n"
        f'with open("{name}", encoding="utf-8") as file:\n'
        "    atlas = json.load(file)\n"
        'for row in atlas["tables"]["warning_signs"]:\n'
        '    print(row["tier"], row["sign"], row["reviewed"])'
    )
    return "\n".join(
        [
            '<div class="ta-example" data-search-exclude>',
            f"<p>One glossary term, as <code>records.glossary</code> holds it:</p>\n{_code(record)}",
            f"<p>The first two lines of <code>{ROOTS_CSV.rsplit('/', 1)[-1]}</code>: the column names, then the "
            f"{html.escape(root.label)} row.</p>\n{_code(table)}",
            f"<p>Reading the file with Python, to list the warning signs with their tiers:</p>\n{_code(python)}",
            "</div>\n",
        ]
    )


def _code(text: str) -> str:
    return f"<pre><code>{html.escape(text, quote=False)}</code></pre>"


# --- Every field ------------------------------------------------------------------------------


def field_tables(schema: dict[str, Any]) -> str:
    """A table of the fields of the file, of each kind of record and of each part, from the schema."""
    defs = schema["$defs"]
    kinds = {BY_KEY[k].model.__name__: k for k in KINDS}
    found = dict(_parts(schema, defs))  # definition -> the first place it is found in the file
    out = ["### The file {#fields-file}\n", _describe(schema), _table(schema, defs)]
    out.append(
        "### Records {#fields-records}\n\nEach list under `records` holds one kind of record, sorted by id. "
        "Every record has an `id`, its `sources` and the date it was last `reviewed`.\n"
    )
    for name, key in kinds.items():
        label = BY_KEY[key].label
        out.append(f"#### {label[0].upper()}{label[1:]} (`records.{key}`) {{#{anchor(name)}}}\n")
        out += [_describe(defs[name]), _table(defs[name], defs)]
    out.append("### Parts of records and tables {#fields-parts}\n")
    for name, where in found.items():
        if name not in kinds:
            out.append(f"#### {_words(name)} (`{_WHERE.get(name, where)}`) {{#{anchor(name)}}}\n")
            out += [_describe(defs[name]), _table(defs[name], defs)]
    return "\n".join(out)


def anchor(name: str) -> str:
    """The id of the heading that describes a part of the dataset."""
    return f"fields-{name.lower()}"


def _parts(schema: dict[str, Any], defs: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every definition the file uses, breadth first, with the first place it is found."""
    seen: set[str] = set()
    queue = [("", schema)]
    while queue:
        path, node = queue.pop(0)
        for prop_name, prop in node.get("properties", {}).items():
            for ref, place in _refs(prop, f"{path}.{prop_name}" if path else prop_name):
                if ref not in seen:
                    seen.add(ref)
                    yield ref, place
                    queue.append((place, defs[ref]))


def _refs(prop: dict[str, Any], place: str) -> Iterator[tuple[str, str]]:
    """The definitions one property refers to, with the place each is found."""
    if "$ref" in prop:
        yield prop["$ref"].rsplit("/", 1)[-1], place
    for option in prop.get("anyOf", []):
        yield from _refs(option, place)
    if "items" in prop:
        yield from _refs(prop["items"], f"{place}[]")
    for name, inner in prop.get("properties", {}).items():
        yield from _refs(inner, f"{place}.{name}")


def _describe(part: dict[str, Any]) -> str:
    text = " ".join((part.get("description") or "").split())
    return f"{text}\n" if text else ""


def _table(part: dict[str, Any], defs: dict[str, Any]) -> str:
    rows = [
        [f"<code>{html.escape(name)}</code>", type_words(prop, defs), html.escape(prop.get("description") or "")]
        for name, prop in part.get("properties", {}).items()
    ]
    return f"<div data-search-exclude>\n{cards_table(['Field', 'Type', 'What it holds'], rows)}</div>\n"


def type_words(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's type in words (HTML), with a link to the part it holds, if any."""
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        words = " or ".join(type_words(o, defs) for o in options)
        return f"{words}, or null" if len(options) < len(prop["anyOf"]) else words
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f'<a href="#{anchor(name)}">{html.escape(_words(name).lower())}</a>'
    if "enum" in prop:
        return "one of: " + ", ".join(html.escape(str(value)) for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        item = type_words(prop.get("items", {}), defs)
        if item.startswith("one of"):
            return f"list, each {item}"
        return f"list of {_PLURAL.get(item, item.replace('</a>', 's</a>'))}"
    if kind == "object":
        if "properties" in prop:
            return "object: one list per kind of record (below)"
        return f"record kind → {type_words(prop.get('additionalProperties', {}), defs)}"
    if kind == "string":
        if prop.get("pattern") == _ID_PATTERN:
            return "id"
        return {"date": "date (YYYY-MM-DD)", "uri": "web address"}.get(prop.get("format", ""), "text")
    return {"integer": "whole number", "number": "number", "boolean": "true or false"}.get(kind or "", "any value")


_PLURAL = {"id": "ids", "text": "texts", "number": "numbers", "whole number": "whole numbers"}


#: Parts whose class name reads badly as a heading ("In short" is the reader's box, not a part).
_TITLES = {"InShort": "The four-line answer"}


def _words(name: str) -> str:
    """'RootRow' -> 'Root row'."""
    if name in _TITLES:
        return _TITLES[name]
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[0] + spaced[1:].lower()


def csv_note() -> str:
    """How lists and sources are written in a CSV cell."""
    return (
        f"In the CSV files, a cell that holds a list joins its items with `{CSV_SEPARATOR.strip()}` and a space. "
        "The `sources` column gives the id of each source; a warning sign's sources also give, in brackets, "
        "the tier that source gives the sign.\n"
    )
