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


def term_patterns(terms: Iterable[m.Term]) -> list[tuple[re.Pattern[str], m.Term]]:
    """One case-insensitive whole-word pattern per term (longest words first)."""
    words = [(word, t) for t in terms for word in [t.term, *t.aliases]]
    words.sort(key=lambda pair: -len(pair[0]))
    return [(re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.I), t) for word, t in words]


def link_first_uses(page_html: str, patterns: list[tuple[re.Pattern[str], m.Term]], glossary_url: str) -> str:
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


def _link_text(text: str, patterns: list[tuple[re.Pattern[str], m.Term]], url: str, done: set[str]) -> str:
    """Link the first not-yet-linked term found in a run of text."""
    if not text.strip():
        return text
    for pattern, term in patterns:
        if term.id in done:
            continue
        found = pattern.search(text)
        if not found:
            continue
        done.add(term.id)
        title = html.escape(" ".join(term.definition.split()), quote=True)
        anchor = f'<a class="ta-term" href="{url}#term-{term.id}" title="{title}">{found.group(0)}</a>'
        before = _link_text(text[: found.start()], patterns, url, done)
        after = _link_text(text[found.end() :], patterns, url, done)
        return before + anchor + after
    return text
