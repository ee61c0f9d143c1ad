"""Link the first use of each glossary term on a page to its glossary entry (with a tooltip).

Works on the rendered HTML of one page: text inside links, headings, code, footnote markers
and the reference list is left alone, and each term is linked at most once per page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from macros import models as m
from macros.phrases import PhraseIndex, tokens

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<!--.*?-->", re.S)
#: Text inside these elements is never linked.
_SKIP = {
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "code",
    "pre",
    "script",
    "style",
    "sup",
    "abbr",
    "button",
    "label",
    "nav",
    "title",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col", "area", "base", "embed", "param", "track"}


class TermMatcher:
    """Finds glossary words (terms and aliases) in text, leftmost and longest first."""

    def __init__(self, terms: Iterable[m.Term]) -> None:
        self.terms = {t.id: t for t in terms}
        self._titles: dict[str, str] = {}
        self.index = PhraseIndex()
        for t in self.terms.values():
            for word in [t.term, *t.aliases]:
                self.index.add(word, t.id)

    def title(self, term: m.Term) -> str:
        """The tooltip of a term's links: its definition, escaped for an attribute."""
        if term.id not in self._titles:
            self._titles[term.id] = html.escape(" ".join(term.definition.split()), quote=True)
        return self._titles[term.id]


def term_patterns(terms: Iterable[m.Term]) -> TermMatcher:
    """The matcher for a glossary."""
    return TermMatcher(terms)


def link_first_uses(page_html: str, patterns: TermMatcher, glossary_url: str) -> str:
    """Return ``page_html`` with the first use of each term linked to ``glossary_url#term-id``."""
    done: set[str] = set()
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    in_footnotes = 0
    for match in _TAG.finditer(page_html):
        text = page_html[pos : match.start()]
        out.append(text if stack or in_footnotes else _link_text(text, patterns, glossary_url, done))
        tag = match.group(0)
        out.append(tag)
        pos = match.end()
        closing, name, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if not name or name in _VOID or self_closing:
            continue
        if 'class="footnote"' in tag:
            in_footnotes += 1
        if name in _SKIP:
            if closing:
                if name in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(name)]
            else:
                stack.append(name)
    out.append(page_html[pos:])
    return "".join(out)


def _link_text(text: str, matcher: TermMatcher, url: str, done: set[str]) -> str:
    """Link each not-yet-linked term in a run of text, at its first use (one pass over the text)."""
    if not text.strip():
        return text
    out: list[str] = []
    pos = 0
    for match in matcher.index.find(tokens(text)):
        fresh = sorted(match.values - done)
        if not fresh:
            continue
        term = matcher.terms[fresh[0]]
        done.add(term.id)
        out.append(text[pos : match.start])
        out.append(f'<a class="ta-term" href="{url}#term-{term.id}" title="{matcher.title(term)}">')
        out.append(f"{text[match.start : match.end]}</a>")
        pos = match.end
    out.append(text[pos:])
    return "".join(out)
