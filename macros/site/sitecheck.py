"""The checks the build runs over its own output: links and anchors between the site's pages,
and anything a page or stylesheet would fetch from another host.

Each written page is handed to ``SiteCheck.add_page``, which parses it once; ``problems`` then
reports, once the whole site exists, one ``file:line: [rule] ...`` line per problem, located where
it was written (the page's Markdown, a theme override or mkdocs.yml).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from macros.kb import models as m
from macros.kb.sections import all_records
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


#: Size budget of the published data files (macros.render.dataset), in bytes per record they hold:
#: every record of the knowledge base for the JSON, each row for a CSV file. About twice today's
#: (the JSON takes about 2.2 kB a record, a CSV row under 1 kB): the files may grow with the data
#: (make bench builds 100 times it), a runaway export (say, whole sources copied into every
#: citation) fails the build. With today's 441 records the JSON may take 2.2 MB.
BYTES_PER_RECORD = {".json": 5_000, ".csv": 2_000}


class SiteCheck:
    """Links, anchors, third-party assets and editorial leaks of every page written so far, and
    editorial leaks and size of the published data files."""

    def __init__(self, kb: m.KnowledgeBase) -> None:
        self.links = SiteLinks()
        self.assets: dict[tuple[str, str], list[str]] = {}  # (what, address) -> pages that fetch it
        self.leaks = Leaks(kb)
        self.records = sum(1 for _ in all_records(kb))  # what the JSON file holds
        self.files: list[str] = []  # data files checked (site-relative)
        self.oversized: list[str] = []  # a located line for each data file over its budget

    def add_page(self, dest: str, source: str, page_html: str) -> None:
        """Note one written page: ``dest`` is its file in the site, ``source`` its Markdown path."""
        tree = LexborHTMLParser(page_html)
        self.links.add_page(dest, source, tree)
        for asset in page_assets(tree):
            self.assets.setdefault((asset.what, asset.url), []).append(source)
        self.leaks.add_page(source, tree)

    def add_file(self, dest: str, data: bytes) -> None:
        """Note one published data file: ``dest`` is its file in the site. Like a page, it may show
        no editorial matter; unlike a page, it has a size budget of its own."""
        self.files.append(dest)
        texts, rows = file_texts(dest, data)
        self.leaks.add_text(dest, "\n".join(texts))  # one pass over the file's text, not one per field
        per_record = BYTES_PER_RECORD.get(Path(dest).suffix)
        if per_record is None:
            return
        records = self.records if dest.endswith(".json") else rows
        budget = per_record * max(records, 1)
        if len(data) > budget:
            self.oversized.append(
                f"{dest}: [data-too-large] the published file is {len(data):,} bytes for {records} records, over "
                f"its budget of {budget:,} ({per_record:,} a record) - publish less per record, or raise "
                "BYTES_PER_RECORD in macros/site/sitecheck.py"
            )

    def problems(self, site_dir: str, root: str, docs_dir: str) -> dict[str, int | list[str]]:
        """Once the site is written: how many problems of each kind, and a located line for each
        (broken links grouped by what they point at)."""
        site, project = Path(site_dir), Path(root)
        broken = self.links.broken(site)
        fetched = third_party(self.assets, site, project, docs_dir)
        docs = Path(docs_dir).name
        leaked = [
            f"{where if where in self.files else f'{docs}/{where}'}: [{rule}] {message}"
            for where, rule, message in dict.fromkeys(self.leaks.found)  # a file repeats a citation
        ]
        lines = [describe(group, project, docs_dir) for group in same_target(broken)] + fetched + leaked
        lines += self.oversized
        return {
            "broken": len(broken),
            "third_party": len(fetched),
            "leaks": len(leaked),
            "oversized": len(self.oversized),
            "lines": lines,
        }


def file_texts(dest: str, data: bytes) -> tuple[list[str], int]:
    """The texts of a data file, each read on its own (a JSON file's strings, a CSV file's cells:
    read as one text, a key such as "citation" would run on into the value after it), and the
    number of rows of a CSV file (0 for others)."""
    text = data.decode("utf-8", errors="replace")
    try:
        if dest.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(text, newline="")))
            return [cell for row in rows for cell in row], max(len(rows) - 1, 0)  # less the header
        if dest.endswith(".json"):
            return list(_strings(json.loads(text))), 0
    except (csv.Error, ValueError):  # unreadable as such (a cell past csv's limit...): read it whole
        pass
    return [text], text.count("\n")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


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
