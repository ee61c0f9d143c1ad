"""Rendering primitives: pure functions from models to Markdown (links, cards, tables).

Nothing here reads files or knows about MkDocs; page bodies are assembled in macros.render.pages.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import posixpath
import re

from macros.kb.places import anchor_of, page_of
from macros.kb.text import UNSAFE_LINK


def href(here: str, kind: str, record_id: str) -> str:
    """Relative Markdown link target from page ``here`` to a record."""
    target = page_of(kind, record_id)
    rel = page_href(here, target)
    anchor = anchor_of(kind, record_id)
    if target == here and anchor:
        return f"#{anchor}"
    return f"{rel}#{anchor}" if anchor else rel


def page_href(here: str, target: str) -> str:
    """Relative link from page ``here`` to another page (both relative to content/)."""
    return _relative(target, _folder(here))


@functools.cache
def _folder(page: str) -> str:
    return posixpath.dirname(page) or "."


@functools.cache
def _relative(target: str, folder: str) -> str:
    # Cached by folder: the pages of a folder link to the same few hundred targets, and relpath
    # asks the OS for the working directory each time.
    return posixpath.relpath(target, folder)


def link(here: str, kind: str, record_id: str, text: str) -> str:
    """A Markdown link to a record."""
    return f"[{esc(text)}]({href(here, kind, record_id)})"


def url(here: str, target: str) -> str:
    """The built address of page ``target`` as seen from page ``here`` (both relative to content/),
    for links written in raw HTML, which MkDocs does not rewrite."""

    def built(src: str) -> str:
        return "" if src == "index.md" else src.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"

    rel = posixpath.relpath(built(target) or ".", built(here) or ".")
    return "./" if rel == "." else rel + "/"


def html_link(here: str, kind: str, record_id: str, text: str) -> str:
    """An HTML link to a record (inside raw HTML such as the card tables)."""
    anchor = anchor_of(kind, record_id)
    target = page_of(kind, record_id)
    address = f"#{anchor}" if target == here and anchor else url(here, target) + (f"#{anchor}" if anchor else "")
    return f'<a href="{address}">{html.escape(text)}</a>'


def cards_table(headers: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table that becomes one card per row on a phone (each cell labelled by its column), so
    no column is ever off-screen. Cells are HTML (escape data text with ``html.escape``)."""
    # One cell a line: the search index reads a table as text, and cells written end to end ran
    # together there ("Needs a check by a doctorIsaacs syndrome", "test50 out of 50").
    head = "\n".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
    body = "\n".join(
        "<tr>\n"
        + "\n".join(
            f'<td data-label="{html.escape(h, quote=True)}">{c}</td>' for h, c in zip(headers, row, strict=True)
        )
        + "\n</tr>"
        for row in rows
    )
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<div class="ta-table">\n<table class="ta-cards">{cap}<thead><tr>\n{head}\n</tr></thead>\n<tbody>\n{body}\n</tbody></table>\n</div>\n'


def details(summary: str, body: str, element_id: str = "", css: str = "") -> str:
    """A collapsed section (``<details>``) whose body is Markdown."""
    attrs = (f' id="{element_id}"' if element_id else "") + (f' class="{css}"' if css else "")
    return f"<details{attrs} markdown>\n<summary>{summary}</summary>\n\n{body}\n\n</details>\n"


def words_date(day: dt.date) -> str:
    """A date as readers write it: '21 November 2026'."""
    return f"{day.day} {day:%B %Y}"


def region_title(name: str) -> str:
    """A body-area page's title, 'Twitching in the calf': what a reader there is looking for."""
    return f"Twitching in the {name[0].lower()}{name[1:]}"


# --- Text -------------------------------------------------------------------------------------

_ANGLE = re.compile(r"[<>]")


def esc(text: str) -> str:
    """Escape data text for Markdown output: no raw HTML and no unsafe link can reach the page."""
    # Each pattern runs only on text holding what it must match ("](" and an angle bracket).
    if "](" in text:
        text = UNSAFE_LINK.sub(lambda match: match.group(1), text)  # keep the words, drop the address
    if "<" in text or ">" in text:
        text = _ANGLE.sub(lambda match: "&lt;" if match.group(0) == "<" else "&gt;", text)
    return text


def bullets(items: list[str]) -> str:
    """A Markdown bullet list (blank line before it so it always renders)."""
    return "\n" + "\n".join(f"- {item}" for item in items) + "\n"
