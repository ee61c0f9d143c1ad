"""Links in pages and in data text: every one leads to a page or record that exists.

Data text links to records by id (``[words](cause:some-id)``, ``[](figure:some-id)`` to quote a
stored figure), never by path, so a link works on every page that shows the text. Pages may link
by id too, or by a path to another page of content/ or a generated page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.origin import origin
from macros.kb.places import ENTITY_DIRS, LINKABLE, LIST_PAGES, QUOTED, RECORD_LINK, anchor_of
from macros.kb.sections import BY_KEY, records_of
from macros.kb.sections import label as record_label
from macros.problems import did_you_mean
from macros.rules.records import record_strings
from macros.rules.registry import Context, Finding, PageFinding, check

#: A Markdown link: group 1 its words, group 2 its address (up to a space or the closing bracket).
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CONTENT = "content/"
KINDS = {**LINKABLE, QUOTED: "figures"}


def _record_problem(ctx: Context, words: str, kind_word: str, record_id: str) -> str | None:
    """What is wrong with one link by id, or None."""
    kind = KINDS[kind_word]
    if kind_word == QUOTED and words.strip():
        return f"a figure is quoted with empty words: write [](figure:{record_id}) - its stored value is shown"
    if not ctx.readable(kind):
        return None
    unknown = ctx.unknown(kind, record_id)
    return f"[{words}]({kind_word}:{record_id}) names {unknown}" if unknown else None


def _pages(ctx: Context) -> set[str]:
    """Every page of the site, relative to content/: hand-written and generated."""
    pages = {path.removeprefix(CONTENT) for path in ctx.pages}
    for kind, folder in ENTITY_DIRS.items():
        pages |= {f"{folder}/{r.id}.md" for r in records_of(ctx.kb, kind)}
    return pages


def _page_problem(ctx: Context, page: str, address: str, pages: set[str]) -> str | None:
    """What is wrong with a link by path from ``page``, or None (anchors of record lists are checked)."""
    path, _, anchor = address.partition("#")
    if not path.endswith(".md"):
        return None  # an anchor on this page, a folder or an asset: the build's link check reads those
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target not in pages:
        hint = did_you_mean(target, pages) or " - check the file name under content/"
        where = f" (it would be content/{target})" if target != path else ""
        return f"links to '{address}', which is not a page{where}{hint}"
    kind = next((k for k, listing in LIST_PAGES.items() if listing == target), None)
    if kind and anchor and ctx.readable(kind):
        ids = {anchor_of(kind, r.id) for r in records_of(ctx.kb, kind)}
        prefix = anchor_of(kind, "")
        if prefix and anchor.startswith(prefix) and anchor not in ids:
            return f"links to '{address}': no {BY_KEY[kind].label} has that anchor{did_you_mean(anchor, ids)}"
    return None


def _in_code(text: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks and inline code, where a link is only an example."""
    return [m.span() for m in re.finditer(r"```.*?```|`[^`\n]*`", text, re.S)]


@check("link-unknown")
def links_resolve(ctx: Context) -> Iterator[Finding | PageFinding]:
    """A link in a page or data text to a page or record that does not exist, or a link in data
    text by path (which breaks on pages at other depths) instead of by id."""
    yield from _data_links(ctx)
    pages = _pages(ctx)
    for path, text in ctx.pages.items():
        if "](" not in text:
            continue
        code = _in_code(text)
        for match in _LINK.finditer(text):
            if any(a <= match.start() < b for a, b in code):
                continue
            address = match.group(2)
            record = RECORD_LINK.match(match.group(0) + ")")
            if record:
                found = _record_problem(ctx, *record.groups())
            elif _SCHEME.match(address) or address.startswith("#"):
                continue
            else:
                found = _page_problem(ctx, path.removeprefix(CONTENT), address, pages)
            if found:
                yield PageFinding(path, text.count("\n", 0, match.start()) + 1, found)


def _data_links(ctx: Context) -> Iterator[Finding | PageFinding]:
    """Links in data text: by id only, to records that exist."""
    for record, where, text in record_strings(ctx):
        if "](" not in text:
            continue
        for match in _LINK.finditer(text):
            address = match.group(2)
            record_link = RECORD_LINK.match(match.group(0) + ")")
            if record_link:
                found = _record_problem(ctx, *record_link.groups())
            elif _SCHEME.match(address):
                continue  # a web address (or one the unsafe-link rule reports)
            else:
                found = (
                    f"{record_label(record)}: links to '{address}' by path, which breaks on pages at other "
                    "depths - link by id instead, e.g. [words](cause:caffeine-and-stimulants)"
                )
            if found:
                yield _located(record, where, f"({address}", found)


def _located(record: m.Model, where: tuple[str | int, ...], needle: str, message: str) -> Finding | PageFinding:
    """A finding at the line where ``needle`` is written inside the field (else at the field)."""
    place = origin(record)
    if place is None:
        return Finding(record, where, message)
    return PageFinding(place.path, place.line_containing(needle, *where), message)
