"""Link the first use of each glossary term on a page to its glossary entry (with a tooltip).

Works on the rendered HTML of one page: text inside links, headings, code, footnote markers
and the reference list is left alone, and each term is linked at most once per page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from macros import models as m

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
    """Finds glossary words (terms and aliases) in text, earliest first, longest at a tie."""

    def __init__(self, terms: Iterable[m.Term]) -> None:
        self.by_word: dict[str, m.Term] = {}
        for t in terms:
            for word in [t.term, *t.aliases]:
                self.by_word.setdefault(word.lower(), t)
        words = sorted(self.by_word, key=len, reverse=True)
        alternation = "|".join(re.escape(w) for w in words) or "(?!)"
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.I)

    def first_new(self, text: str, done: set[str]) -> tuple[re.Match[str], m.Term] | None:
        """The earliest match in ``text`` whose term is not linked yet."""
        for found in self.pattern.finditer(text):
            term = self.by_word[found.group(0).lower()]
            if term.id not in done:
                return found, term
        return None


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
    """Link each not-yet-linked term in a run of text, at its first use."""
    out, pos = [], 0
    while text.strip():
        hit = matcher.first_new(text[pos:], done)
        if hit is None:
            break
        found, term = hit
        done.add(term.id)
        title = html.escape(" ".join(term.definition.split()), quote=True)
        start, end = pos + found.start(), pos + found.end()
        out.append(text[:start])
        out.append(f'<a class="ta-term" href="{url}#term-{term.id}" title="{title}">{found.group(0)}</a>')
        text, pos = text[end:], 0
    out.append(text)
    return "".join(out)
