"""Links by id and quoted figures (macros.kb.places.RECORD_LINK), made into what a reader sees.

A quoted figure (``[](figure:id)``) becomes the figure's stored value in every record before any
page is rendered, so every place that shows the text (pages, tables, the leg map, search) shows
the same number. A link by id becomes a link relative to the page that shows it, once the page is
HTML; where the text sits in raw HTML or data (a card table, an attribute), only its words stay.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from macros.kb import models as m
from macros.kb.places import LINKABLE, QUOTED, RECORD_LINK, anchor_of, page_of
from macros.kb.sections import records_of
from macros.render.markdown import esc, url

_QUOTE = re.compile(rf"\[\]\({QUOTED}:([^)\s]*)\)")
#: What Markdown makes of a link by id: an anchor whose address is "kind:id".
_ANCHOR = re.compile(
    rf'<a href="({"|".join(sorted([*LINKABLE, QUOTED], key=len, reverse=True))}):([^"]*)"([^>]*)>(.*?)</a>', re.S
)
_NAME_FIELDS = ("name", "label", "term", "question", "title")


def quote_figures(kb: m.KnowledgeBase) -> m.KnowledgeBase:
    """The knowledge base with every quoted figure replaced by the figure's stored value."""
    values = {f.id: f.value for f in kb.figures}

    def quoted(value: Any) -> Any:
        if isinstance(value, str):
            return (
                _QUOTE.sub(lambda match: values.get(match.group(1), match.group(0)), value) if "](" in value else value
            )
        if isinstance(value, list):
            new = [quoted(item) for item in value]
            return new if any(a is not b for a, b in zip(new, value, strict=True)) else value
        if isinstance(value, BaseModel):
            changed = {
                k: v for k, v in ((k, quoted(v)) for k, v in value.__dict__.items()) if v is not value.__dict__[k]
            }
            return value.model_copy(update=changed) if changed else value
        return value

    return quoted(kb)


def record_name(kb: m.KnowledgeBase) -> Callable[[str, str], str]:
    """A lookup of the name a link by id shows when its words are empty."""
    names: dict[tuple[str, str], str] = {}
    for kind in LINKABLE.values():
        for record in records_of(kb, kind):
            field = next(f for f in _NAME_FIELDS if f in type(record).model_fields)
            names[(kind, record.id)] = str(getattr(record, field))
    return lambda kind, record_id: names.get((kind, record_id), record_id)


def resolve_links(page_html: str, here: str, name: Callable[[str, str], str]) -> str:
    """A page's links by id made relative to the page ``here`` (its source path under content/)."""
    if "](" not in page_html and 'href="' not in page_html:
        return page_html

    def anchor(match: re.Match[str]) -> str:
        kind_word, record_id, attrs, words = match.groups()
        if kind_word == QUOTED:
            return words  # already the value (quote_figures), or empty
        kind = LINKABLE[kind_word]
        target, spot = page_of(kind, record_id), anchor_of(kind, record_id)
        address = f"#{spot}" if target == here and spot else url(here, target) + (f"#{spot}" if spot else "")
        return f'<a href="{address}"{attrs}>{words or html.escape(name(kind, record_id))}</a>'

    page_html = _ANCHOR.sub(anchor, page_html)
    return words_only(page_html, name) if "](" in page_html else page_html


def words_only(text: str, name: Callable[[str, str], str]) -> str:
    """Text with each link by id reduced to its words (where no link can be made: raw HTML, data
    blocks, page descriptions)."""
    return RECORD_LINK.sub(lambda match: match.group(1) or esc(name(LINKABLE[match.group(2)], match.group(3))), text)
