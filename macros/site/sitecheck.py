"""The checks the build runs over its own output: links and anchors between the site's pages,
and anything a page or stylesheet would fetch from another host.

Each written page is handed to ``SiteCheck.add_page``, which parses it once; ``problems`` then
reports, once the whole site exists, one ``file:line: [rule] ...`` line per problem, located where
it was written (the page's Markdown, a theme override or mkdocs.yml).
"""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from macros.kb import models as m
from macros.rules.privacy import FETCHED, Asset, css_assets, tag_assets
from macros.site.editorial import Leaks
from macros.site.sitelinks import BrokenLink, SiteLinks

#: Elements that may make the browser fetch something: the tags of FETCHED, stylesheet links,
#: inline styles and style blocks.
_MAY_FETCH = ", ".join(sorted({tag for tag, _ in FETCHED} | {"link", "[style]"}))


def page_assets(tree: LexborHTMLParser) -> list[Asset]:
    """Third-party assets a parsed page would fetch (without lines: the page is generated)."""
    found = [a for node in tree.css(_MAY_FETCH) for a in tag_assets(node.tag or "", node.attributes, 0)]
    for style in tree.css("style"):
        found += css_assets(style.text(deep=True), 0)
    return found


class SiteCheck:
    """Links, anchors, third-party assets and editorial leaks of every page written so far."""

    def __init__(self, kb: m.KnowledgeBase) -> None:
        self.links = SiteLinks()
        self.assets: dict[tuple[str, str], list[str]] = {}  # (what, address) -> pages that fetch it
        self.leaks = Leaks(kb)

    def add_page(self, dest: str, source: str, page_html: str) -> None:
        """Note one written page: ``dest`` is its file in the site, ``source`` its Markdown path."""
        tree = LexborHTMLParser(page_html)
        self.links.add_page(dest, source, tree)
        for asset in page_assets(tree):
            self.assets.setdefault((asset.what, asset.url), []).append(source)
        self.leaks.add_page(source, tree)

    def problems(self, site_dir: str, root: str, docs_dir: str) -> dict[str, int | list[str]]:
        """Once the site is written: how many problems of each kind, and a located line for each
        (broken links grouped by what they point at)."""
        site, project = Path(site_dir), Path(root)
        broken = self.links.broken(site)
        fetched = third_party(self.assets, site, project, docs_dir)
        leaked = [f"{Path(docs_dir).name}/{page}: [{rule}] {message}" for page, rule, message in self.leaks.found]
        lines = [describe(group, project, docs_dir) for group in same_target(broken)] + fetched + leaked
        return {"broken": len(broken), "third_party": len(fetched), "leaks": len(leaked), "lines": lines}


def third_party(assets: dict[tuple[str, str], list[str]], site: Path, root: Path, docs_dir: str) -> list[str]:
    """``file:line: [privacy-third-party] ...`` for every page asset and stylesheet url() from
    another host (Material's own stylesheets included: a theme update could add a font CDN)."""
    for css in sorted(site.rglob("*.css")):
        for asset in css_assets(css.read_text(encoding="utf-8", errors="replace")):
            assets.setdefault((asset.what, asset.url), []).append(css.relative_to(site).as_posix())
    lines = []
    for (what, url), sources in assets.items():
        where = written_at(url, sources, root, docs_dir)
        more = f" (on {len(sources)} pages)" if len(sources) > 1 else ""
        lines.append(
            f"{where}: [privacy-third-party] {what} loads {url} from another host{more} - readers' browsers "
            "would contact it; copy the file into content/assets/ or remove it"
        )
    return lines


def same_target(broken: list[BrokenLink]) -> list[list[BrokenLink]]:
    """Broken links grouped by what they point at: a bad link in a template is on every page."""
    groups: dict[tuple[str, str], list[BrokenLink]] = {}
    for link in broken:
        groups.setdefault((link.target, link.reason), []).append(link)
    return list(groups.values())


def describe(group: list[BrokenLink], root: Path, docs_dir: str) -> str:
    """``content/page.md:line: [link-broken] ...``, or the template that holds the link."""
    link = group[0]
    where = written_at(link.url, [b.page for b in group], root, docs_dir)
    more = f" (on {len(group)} pages)" if len(group) > 1 else ""
    return f"{where}: [link-broken] link '{link.url}' {link.reason}{more} - fix the address or the anchor it names"


def written_at(url: str, sources: list[str], root: Path, docs_dir: str) -> str:
    """Where an address in the built site was written: the line of the page's own Markdown, else
    (when many pages have it) a theme override or mkdocs.yml, else the page it is on."""
    docs = root / docs_dir
    where = _line_with(docs / sources[0], url, f"{docs.name}/{sources[0]}")
    if where is None and len(sources) > 1:
        tail = url.split("#")[0].rstrip("/").rsplit("/", 1)[-1]
        candidates = [*sorted((root / "overrides").rglob("*.html")), root / "mkdocs.yml"] if tail else []
        where = next((w for t in candidates if (w := _line_with(t, tail, t.relative_to(root).as_posix()))), None)
        where = where or f"{docs.name}/{sources[0]}:1"
    return where or f"{docs.name}/{sources[0]} (a page generated from data/)"


def _line_with(path: Path, needle: str, name: str) -> str | None:
    """``name:line`` of the first line of ``path`` that holds ``needle``, if any."""
    if not path.is_file():
        return None
    for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if needle in text:
            return f"{name}:{number}"
    return None
