"""The built-site link check (macros/site/sitelinks.py): resolution, anchors and what is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.site.sitelinks import SiteLinks, anchors_of, links_of, resolve


@pytest.mark.parametrize(
    ("dest", "url", "expected"),
    [
        ("about/index.html", "../faqs/#q-1", ("faqs/index.html", "q-1")),
        ("causes/stress/index.html", "../../glossary/#term-x", ("glossary/index.html", "term-x")),
        ("causes/stress/index.html", "../", ("causes/index.html", "")),
        ("about/index.html", "../", ("index.html", "")),
        ("index.html", "./", ("index.html", "")),
        ("index.html", "#top", ("index.html", "top")),
        ("about/index.html", "../assets/atlas.css?v=2", ("assets/atlas.css", "")),
        ("about/index.html", "/assets/x.js", ("assets/x.js", "")),
        ("about/index.html", "../faqs/#caf%C3%A9", ("faqs/index.html", "café")),
        ("about/index.html", "../../../etc/passwd", (None, "")),
    ],
)
def test_links_resolve_like_a_browser(dest: str, url: str, expected: tuple[str | None, str]) -> None:
    assert resolve(dest, url) == expected


def test_only_local_links_outside_scripts_and_comments_are_read() -> None:
    page = (
        '<a href="../faqs/">x</a><a href="https://nhs.uk/">y</a><a href="mailto:a@b.c">m</a>'
        '<script>var s = \'<a href="../hidden/">\';</script><!-- <a href="../old/"> -->'
        '<img alt="" src="../assets/i.svg"><link rel="stylesheet" href="../a.css?x=1&amp;y=2">'
    )
    assert links_of(LexborHTMLParser(page)) == ["../faqs/", "../assets/i.svg", "../a.css?x=1&y=2"]
    assert anchors_of(LexborHTMLParser('<h2 id="causes">C</h2><li id="fn:1">')) == {"causes", "fn:1"}


def _site(tmp_path: Path) -> tuple[SiteLinks, Path]:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "atlas.css").write_text("", encoding="utf-8")
    (site / "404.html").write_text('<h1 id="not-found">Not found</h1>', encoding="utf-8")
    links = SiteLinks()
    links.add_page("faqs/index.html", "faqs.md", LexborHTMLParser('<h2 id="q-1">Q</h2><a href="#q-1">here</a>'))
    return links, site


def test_good_links_pass(tmp_path: Path) -> None:
    links, site = _site(tmp_path)
    links.add_page(
        "about/index.html",
        "about.md",
        LexborHTMLParser(
            '<a href="../faqs/#q-1">a</a><a href="../assets/atlas.css">b</a><a href="../404.html#not-found">c</a>'
        ),
    )
    assert links.broken(site) == []


def test_each_kind_of_broken_link_is_found_once_per_page(tmp_path: Path) -> None:
    links, site = _site(tmp_path)
    links.add_page(
        "about/index.html",
        "about.md",
        LexborHTMLParser(
            '<a href="../faqs/#q-2">a</a><a href="../faqs/#q-2">again</a><a href="../gone/">b</a>'
            '<a href="../assets/missing.css">c</a><a href="../404.html#nope">d</a><a href="../../x/">e</a>'
        ),
    )
    found = {(b.page, b.url, b.reason) for b in links.broken(site)}
    assert found == {
        ("about.md", "../faqs/#q-2", "has no anchor '#q-2' on faqs/"),
        ("about.md", "../gone/", "leads to no page or file of the site"),
        ("about.md", "../assets/missing.css", "leads to no page or file of the site"),
        ("about.md", "../404.html#nope", "has no anchor '#nope' on 404.html"),
        ("about.md", "../../x/", "points outside the site"),
    }
    assert len(links.broken(site)) == 5
