"""Find references to third-party assets (scripts, styles, fonts, images, frames) in HTML and CSS.

A link a reader clicks (``<a href>``) is not an asset: it sends nothing until clicked. Anything
the browser fetches by itself from another host is, and no page may have one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: (tag, attribute) pairs the browser fetches by itself.
FETCHED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("source", "src"),
    ("source", "srcset"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("track", "src"),
    ("input", "src"),
    ("image", "href"),
    ("use", "href"),
}
#: <link rel=...> values that make the browser fetch (or connect to) the address.
FETCHING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "manifest",
    "apple-touch-icon",
}
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


@dataclass(frozen=True)
class Asset:
    """A third-party address a page or stylesheet would fetch."""

    line: int
    what: str
    url: str


def css_assets(css: str, first_line: int = 1) -> list[Asset]:
    """Third-party url(...) and @import references in CSS."""
    found = []
    for match in _CSS_URL.finditer(css):
        url = match.group(1) or match.group(2)
        if EXTERNAL.match(url):
            found.append(Asset(first_line + css.count("\n", 0, match.start()), "CSS url()", url))
    return found


def tag_assets(tag: str, attrs: dict[str, str | None], line: int = 1) -> list[Asset]:
    """Third-party assets one start tag (its name and attributes) makes the browser fetch."""
    found = []
    values = {k: v or "" for k, v in attrs.items()}
    for name, value in values.items():
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
        if (tag, name) in FETCHED and any(EXTERNAL.match(u) for u in urls):
            found.append(Asset(line, f"<{tag} {name}>", value))
    rels = set(values.get("rel", "").lower().split())
    if tag == "link" and rels & FETCHING_RELS and EXTERNAL.match(values.get("href", "")):
        found.append(Asset(line, f"<link rel={values.get('rel')}>", values["href"]))
    if "style" in values:
        found += css_assets(values["style"], line)
    return found


class _Scanner(HTMLParser):
    """Finds assets in HTML with their lines (templates and pages as written, before the build)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Asset] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += tag_assets(tag, dict(attrs), self.getpos()[0])
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found += css_assets(data, self.getpos()[0])


def html_assets(html: str) -> list[Asset]:
    """Third-party assets an HTML page (or template) would fetch, with their lines."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^)\s>]+)")


def markdown_assets(markdown: str) -> list[Asset]:
    """Third-party assets of a Markdown page: its raw HTML and its images."""
    found = html_assets(markdown)
    for match in _MD_IMAGE.finditer(markdown):
        found.append(Asset(markdown.count("\n", 0, match.start()) + 1, "Markdown image", match.group(1)))
    return sorted(found, key=lambda a: a.line)
