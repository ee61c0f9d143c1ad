"""Editorial matter never reaches a public page: no source's provenance (how it was read, what
to verify) and no link to a host that may not be cited (the seed articles, copies, content farms).

Checked over the built pages and the published data files (macros.render.dataset), so that
whatever renders a page, template, data text or dataset, a leak fails the build."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from macros.kb import models as m
from macros.rules.prose.phrases import PhraseIndex, tokens

#: A web address in a data file's text (JSON, CSV): up to a space, quote or angle bracket.
_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")
#: Words of a source's provenance looked for in pages: enough to be its own, few enough to survive rewording.
SNIPPET_WORDS = 8


class Leaks:
    """Provenance text and links to refused hosts found in the pages and data files written so far."""

    def __init__(self, kb: m.KnowledgeBase) -> None:
        self.provenance = PhraseIndex()
        for source in kb.sources:
            if source.provenance:
                self.provenance.add(" ".join(source.provenance.split()[:SNIPPET_WORDS]), source.id)
        self.hosts = kb.hosts
        self.found: list[tuple[str, str, str]] = []  # (page source or data file, rule, message)

    def add_page(self, source: str, tree: LexborHTMLParser) -> None:
        """Note what editorial matter one written page shows (``source``: its place in the report)."""
        if tree.body is not None:
            self._provenance(source, tree.body.text(separator=" "), "page")
        for node in tree.css("a[href]"):
            self._address(source, node.attributes.get("href") or "", "page")

    def add_text(self, where: str, text: str) -> None:
        """Note what editorial matter a published data file (JSON, CSV) holds."""
        self._provenance(where, text, "file")
        for address in _ADDRESS.findall(text):
            self._address(where, address, "file")

    def _provenance(self, where: str, text: str, what: str) -> None:
        if not self.provenance.table:
            return
        for match in self.provenance.find(tokens(text)):
            for source_id in sorted(match.values):
                message = f"the {what} shows the editorial provenance of source '{source_id}' - it is for editors only"
                self.found.append((where, "editorial-in-page", message))

    def _address(self, where: str, address: str, what: str) -> None:
        if self.hosts is None or "//" not in address:
            return
        rule = self.hosts.rule_for(urlsplit(address).hostname or "")
        if rule is not None and rule.refuse:
            message = f"the {what} links to {address}: {rule.refuse} - link the original, or nothing"
            self.found.append((where, "source-not-citable", message))
