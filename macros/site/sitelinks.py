"""Every link between the site's own pages leads to a page, file and anchor that exist.

Checked over the HTML the build writes, theme included: each page's anchors and links are read
as the page is written, and all links are resolved once the whole site exists. Hand-written
because each page is parsed once and each link is one dictionary lookup, so the check grows with
the size of the site alone; mkdocs-htmlproofer-plugin re-parses pages for every link and was
most of the build's time (benchmarks/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

#: Elements whose href or src the check follows.
LINKING = "a, link, img, script, source, area, iframe"
#: Schemes and forms that do not name a file of the site (other pages checks external links).
_NOT_LOCAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


@dataclass(frozen=True)
class BrokenLink:
    """A link that leads nowhere, and the page whose HTML holds it."""

    page: str  # the page's source path under content/ ("about.md", "causes/stress.md")
    url: str
    reason: str
    target: str  # what the link resolves to, the same from every page ("assets/x.css#y")


def anchors_of(tree: LexborHTMLParser) -> set[str]:
    """Every id a parsed page provides (what ``#fragment`` may name)."""
    return {node.attributes["id"] or "" for node in tree.css("[id]")}


def links_of(tree: LexborHTMLParser) -> list[str]:
    """Every local link and asset a parsed page refers to, as written (entities decoded)."""
    local = []
    for node in tree.css(LINKING):
        attrs = node.attributes
        for name in ("href", "src"):
            url = (attrs.get(name) or "").strip()
            if url and not _NOT_LOCAL.match(url):
                local.append(url)
    return local


def resolve(dest: str, url: str) -> tuple[str | None, str]:
    """(site-relative file, fragment) a link on page ``dest`` leads to; None if it leaves the site."""
    # Hand-rolled rather than urlsplit + normpath: a large site has hundreds of thousands of
    # links (every page repeats the navigation), and this is the check's inner loop.
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0]
    fragment = unquote(fragment) if "%" in fragment else fragment
    if not path:
        return dest, fragment
    if "%" in path:
        path = unquote(path)
    parts = [] if path.startswith("/") else dest.split("/")[:-1]
    segments = path.split("/")
    for segment in segments:
        if segment == "..":
            if not parts:
                return None, fragment
            parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    if segments[-1] in ("", ".", ".."):  # a folder: its index page
        parts.append("index.html")
    return "/".join(parts), fragment


@dataclass
class SiteLinks:
    """Anchors and links of every page written so far."""

    anchors: dict[str, set[str]] = field(default_factory=dict)  # page file -> its ids
    # page file -> (source, [(link as written, file it leads to, fragment)]), each link once
    links: dict[str, tuple[str, list[tuple[str, str | None, str]]]] = field(default_factory=dict)
    targets: set[tuple[str | None, str]] = field(default_factory=set)  # every (file, fragment) linked to

    def add_page(self, dest: str, source: str, tree: LexborHTMLParser) -> None:
        """Record one written page: ``dest`` is its file in the site, ``source`` its Markdown path."""
        self.anchors[dest] = anchors_of(tree)
        # Resolved now, while the build still writes pages, so that the end of the build only looks up.
        resolved = [(url, *resolve(dest, url)) for url in dict.fromkeys(links_of(tree))]
        self.links[dest] = (source, resolved)
        self.targets.update((target, fragment) for _, target, fragment in resolved)

    def broken(self, site_dir: Path) -> list[BrokenLink]:
        """Every link that names a missing file or a missing anchor, in page order."""
        exists: dict[str, bool] = {}
        # Every page repeats the navigation: each distinct target is judged once, and the pages
        # are gone through again only when one of them is broken.
        reasons = {key: reason for key in self.targets if (reason := self._why_broken(*key, site_dir, exists))}
        if not reasons:
            return []
        return [
            BrokenLink(source, url, reasons[target, fragment], f"{target or url}#{fragment}")
            for source, resolved in self.links.values()
            for url, target, fragment in resolved
            if (target, fragment) in reasons
        ]

    def _why_broken(self, target: str | None, fragment: str, site_dir: Path, exists: dict[str, bool]) -> str | None:
        if target is None:
            return "points outside the site"
        if target not in self.anchors:
            if target not in exists:
                exists[target] = (site_dir / target).is_file()
            if not exists[target]:
                return "leads to no page or file of the site"
            if fragment and target.endswith(".html"):  # a page not written by MkDocs' page loop (404)
                page = (site_dir / target).read_text(encoding="utf-8", errors="replace")
                self.anchors[target] = anchors_of(LexborHTMLParser(page))
        if fragment and target in self.anchors and fragment not in self.anchors[target]:
            return f"has no anchor '#{fragment}' on {target.removesuffix('index.html') or 'the home page'}"
        return None
