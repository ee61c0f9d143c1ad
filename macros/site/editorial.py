"""Editorial matter never reaches a public page: no source's provenance (how it was read, what
to verify) and no link to a host that may not be cited (the seed articles, copies, content farms).

Checked over the built pages, so that whatever renders a page, template or data text, a leak
fails the build."""

from __future__ import annotations

from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from macros.kb import models as m
from macros.rules.prose.phrases import PhraseIndex, tokens

#: Words of a source's provenance looked for in pages: enough to be its own, few enough to survive rewording.
SNIPPET_WORDS = 8


class Leaks:
    """Provenance text and links to refused hosts found in the pages written so far."""

    def __init__(self, kb: m.KnowledgeBase) -> None:
        self.provenance = PhraseIndex()
        for source in kb.sources:
            if source.provenance:
                self.provenance.add(" ".join(source.provenance.split()[:SNIPPET_WORDS]), source.id)
        self.hosts = kb.hosts
        self.found: list[tuple[str, str, str]] = []  # (page source, rule, message)

    def add_page(self, source: str, tree: LexborHTMLParser) -> None:
        """Note what editorial matter one written page shows."""
        if tree.body is not None and self.provenance.table:
            for match in self.provenance.find(tokens(tree.body.text(separator=" "))):
                for source_id in sorted(match.values):
                    message = (
                        f"the page shows the editorial provenance of source '{source_id}' - it is for editors only"
                    )
                    self.found.append((source, "editorial-in-page", message))
        if self.hosts is not None:
            for node in tree.css("a[href]"):
                address = node.attributes.get("href") or ""
                rule = self.hosts.rule_for(urlsplit(address).hostname or "") if "//" in address else None
                if rule is not None and rule.refuse:
                    message = f"the page links to {address}: {rule.refuse} - link the original, or nothing"
                    self.found.append((source, "source-not-citable", message))
