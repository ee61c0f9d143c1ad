"""The built site in a real browser (Debian chromium via Playwright), as readers use it."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.kb import models as m

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
KEY_PAGES = ["/", "/causes/nerve-root-compression/", "/roots/", "/warning-signs/", "/body-areas/calf/", "/twitching/"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_urgency_tiers_are_written_in_words_in_order(desktop, site_url: str) -> None:
    tiers = ["Emergency", "Urgent", "Soon", "Self-care"]
    desktop.goto(site_url + "/warning-signs/")
    headings = [t.split(":")[0].strip() for t in desktop.locator("article h2").all_inner_texts()]
    assert [t for t in headings if t in tiers] == tiers
    boxes = desktop.eval_on_selector_all("article .admonition", "els => els.map(e => e.classList[1])")
    order = [[t.lower() for t in tiers].index(b) for b in boxes]
    assert boxes and order == sorted(order), "each sign's box sits under its tier"
    desktop.goto(site_url + "/")
    badges = desktop.locator("#when-to-see-a-doctor ~ ul .ta-badge").all_inner_texts()
    order = [next(i for i, tier in enumerate(tiers) if b.lower().startswith(tier.lower()[:4])) for b in badges]
    assert badges and order == sorted(order), "the home page lists warning signs most urgent first, in words"


def test_care_cards_differ_in_colour_and_are_readable(desktop, site_url: str) -> None:
    desktop.goto(site_url + "/warning-signs/")
    colours = {}
    for level in m.URGENCY_ORDER:
        title = desktop.locator(f".admonition.{level} > .admonition-title").first
        colours[level] = title.evaluate("el => getComputedStyle(el).backgroundColor")
    assert len(set(colours.values())) == 4, colours


@pytest.mark.parametrize("path", KEY_PAGES)
def test_pages_load_nothing_from_other_hosts(browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith(site_url) and not r.url.startswith("data:") else None,
    )
    page.goto(site_url + path, wait_until="networkidle")
    context.close()
    assert foreign == []


# --- Weight -------------------------------------------------------------------------------------

#: The home page's budget (issue 19): every byte the browser fetches to show it, as a host sends them.
HOME_BUDGET = 100 * 1024
#: Text types a static host sends gzipped (GitHub Pages does); images and fonts go as they are.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


def transferred(site: Path, url_path: str) -> int:
    """Bytes a static host sends for one file of the built site: gzip (level 6) for text types."""
    file = site / url_path.lstrip("/")
    if url_path.endswith("/"):
        file = file / "index.html"
    data = file.read_bytes()
    return len(gzip.compress(data, 6)) if file.suffix in COMPRESSED else len(data)


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_home_page_transfers_under_100_kb(browser, site_url: str, built_site: Path, screen: str) -> None:
    """Every file the browser requests for the home page (HTML, the theme's and our CSS and JS, the
    search worker, icons), gzipped as a host serves them, adds up to under 100 KB. The search index
    waits until the reader opens the search, and the leg map's files load only on its page."""
    phone = screen == "phone"
    context = browser.new_context(viewport=PHONE if phone else DESKTOP, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "/", wait_until="networkidle")
    page.wait_for_timeout(500)  # anything the theme's script asks for once the page has loaded
    paths = sorted({urlsplit(url).path for url in requested if url.startswith(site_url)})
    with page.expect_request(lambda r: r.url.endswith("/search/search_index.json"), timeout=5000):
        page.click("label.md-header__button[for='__search']" if phone else "input.md-search__input")
    context.close()
    sizes = {path: transferred(built_site, path) for path in paths}
    total = sum(sizes.values())
    listing = ", ".join(f"{path} {size / 1024:.1f} KB" for path, size in sizes.items())
    assert "/" in paths and any(p.endswith(".css") for p in paths) and any(p.endswith(".js") for p in paths), paths
    assert not [p for p in paths if p.endswith("search_index.json") or "legmap" in p], paths
    assert total < HOME_BUDGET, f"the home page transfers {total / 1024:.1f} KB: {listing}"


# --- Print ------------------------------------------------------------------------------------------


def test_a_page_prints_cleanly_with_its_sources_and_link_addresses(browser, site_url: str, tmp_path) -> None:
    from pypdf import PdfReader

    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "/causes/nerve-root-compression/")
    first_source = page.eval_on_selector(".ta-sources li a", "a => a.getAttribute('href')")
    assert page.eval_on_selector(".ta-sources", "d => d.open") is False, "collapsed on screen"
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    context.close()
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages).split())
    assert "Pinched nerve root in the lower back" in text
    assert "Sources (" in text and "Full reference" in text
    assert first_source.replace("https://", "")[:25] in text.replace(" ", "").replace("https://", ""), (
        "cited URLs print"
    )
    assert "Last reviewed" in text and "For education only" in text
    for chrome in ("Table of contents", "Lack of sleep and tiredness", "Search"):
        assert chrome not in text, f"{chrome!r} (navigation or search) should not print"


def test_external_links_show_their_address_in_print(desktop, site_url: str) -> None:
    desktop.goto(site_url + "/about/")
    desktop.evaluate(
        "document.querySelector('article p').insertAdjacentHTML('beforeend', ' <a id=\"x\" href=\"https://www.nhs.uk/\">NHS</a>')"
    )
    desktop.emulate_media(media="print")
    after = desktop.eval_on_selector("#x", "a => getComputedStyle(a, '::after').content")
    assert "https://www.nhs.uk/" in after


# --- Content-Security-Policy ---------------------------------------------------------------------


def test_site_works_under_its_content_security_policy(browser, site_url: str) -> None:
    from tests.search_probe import search

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda err: violations.append(str(err)))
    page.goto(site_url + "/")
    policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert search(page, "caffeine", n=1) == ["causes/caffeine-and-stimulants/"]
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.click("form[data-md-component='palette'] label:visible")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme, "palette toggle works"
    page.click("article a[href$='body-areas/']")  # instant navigation
    page.wait_for_selector("[data-legmap][data-ready]")
    page.click(".ta-legmap__advanced summary")
    page.click(".ta-legmap__root[data-root='s1']")
    assert page.locator(".ta-legmap__shape.is-motor[data-region='calf']").count() == 1
    context.close()
    assert violations == []


def test_policy_blocks_an_injected_inline_script(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "/about/")
    ran = page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';
                  document.head.appendChild(s); return window.__pwned === 1; }"""
    )
    page.close()
    assert ran is False
