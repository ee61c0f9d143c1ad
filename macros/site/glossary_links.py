"""Link the first use of each glossary term on a page to its glossary entry (with a tooltip).

Works on the rendered HTML of one page: text inside links, headings, code, citation markers
and the source list is left alone, and each term is linked at most once per page. The link
carries the definition, which a script opens in place when tapped (content/assets/atlas.js).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from macros.kb import models as m
from macros.rules.prose.phrases import PhraseIndex, tokens

#: Text inside these elements is never linked.
_SKIP = ("a", "h[1-6]", "code", "pre", "script", "style", "sup", "abbr", "button", "label", "nav", "title", "summary")
#: One pass over the page: a whole skipped element (up to its closing tag), a comment, any
#: other tag, or a run of text. Only the text runs are looked at; all else is copied as is.
_PIECE = re.compile(rf"<({'|'.join(_SKIP)})\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>|([^<]+)", re.S | re.I)


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
    # The source list ends the page and is never linked.
    cut = page_html.find('class="ta-sources"')
    cut = len(page_html) if cut < 0 else page_html.rfind("<", 0, cut)
    done: set[str] = set()
    out: list[str] = []
    for piece in _PIECE.finditer(page_html, 0, cut):
        text = piece.group(2)
        out.append(_link_text(text, patterns, glossary_url, done) if text else piece.group(0))
    out.append(page_html[cut:])
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
