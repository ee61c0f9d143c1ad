"""The built site in a real browser (Debian chromium via Playwright), as readers use it."""

from __future__ import annotations

import pytest

from macros import models as m

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


@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_horizontal_scrolling_on_a_phone(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def test_wide_tables_scroll_inside_their_own_box(phone, site_url: str) -> None:
    phone.goto(site_url + "/roots/")
    box = phone.locator(".ta-table").first
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the root table is wider than a phone"


def test_urgency_tiers_are_written_in_words_in_order(desktop, site_url: str) -> None:
    desktop.goto(site_url + "/")
    titles = desktop.locator(".admonition-title").all_inner_texts()
    firsts = [
        t.split(":")[0].strip()
        for t in titles
        if t.split(":")[0].strip() in ("Emergency", "Urgent", "Soon", "Self-care")
    ]
    assert firsts == ["Emergency", "Urgent", "Soon", "Self-care"]


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
