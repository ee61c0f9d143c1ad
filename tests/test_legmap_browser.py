"""The leg map in a real browser, on a phone and a wide screen: the answer comes into view, the
keyboard works, labels fit, and axe finds nothing in either palette."""

from __future__ import annotations

import pytest

from macros.kb import models as m
from macros.kb.views import Views
from macros.render import legmap, legmap_drawing
from macros.render.labels import SERIOUSNESS_LABEL, URGENCY_TITLE
from tests.browser import axe_in_both_palettes, axe_source
from tests.test_legmap import DESKTOP, PHONE, lower_body

# --- In a real browser --------------------------------------------------------------------------------


@pytest.fixture(params=["phone", "desktop"])
def reader(request, browser):
    phone = request.param == "phone"
    context = browser.new_context(viewport=PHONE if phone else DESKTOP, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    yield request.param, page, problems
    context.close()


#: The answer is in view: its start on screen (on a phone, brought up to the top of the screen).
IN_VIEW = """([el, phone]) => { const b = el.getBoundingClientRect();
  return b.top >= 0 && b.top < (phone ? innerHeight / 4 : innerHeight - 100) && b.left >= 0 && b.right <= innerWidth; }"""
#: Resolves once the page has stopped scrolling (the answer is scrolled into view smoothly).
SETTLE = """() => new Promise((done) => { let last = -1;
  const tick = () => { if (scrollY === last) { done(); } else { last = scrollY; setTimeout(tick, 200); } }; tick(); })"""
#: Labels whose middle is not within their row of the drawing (where their leader line starts).
LEVEL = """(rows) => [...document.querySelectorAll('.ta-legmap__area[class*=row-]')].filter((b) => {
  const svg = b.closest('figure').querySelector('svg').getBoundingClientRect(), box = b.getBoundingClientRect();
  const row = Number(b.className.match(/row-(\\d)/)[1]), height = svg.height / rows;
  return Math.abs(box.top + box.height / 2 - (svg.top + (row - 0.5) * height)) > height / 2; }).map((b) => b.textContent)"""


def busiest(v: Views) -> m.Region:
    return max(lower_body(v), key=lambda r: len(v.causes_for_region(r.id)) + len(v.signs_for_region(r.id)))


def test_the_stylesheet_is_loaded(reader, site_url: str) -> None:
    _, page, _ = reader
    page.goto(site_url + "/body-areas/")
    hrefs = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("assets/legmap.css") for h in hrefs), (
        "the map's page loads assets/legmap.css (overrides/main.html)"
    )


def test_choosing_an_area_shows_its_answer_where_the_reader_looks(reader, site_url: str, views: Views) -> None:
    kind, page, problems = reader
    region = busiest(views)
    page.goto(site_url + "/body-areas/")
    page.click(f".ta-legmap__area[data-region='{region.id}']:not([tabindex])")
    answer = page.locator(".ta-legmap__answer[aria-live='polite']")
    state = [answer.element_handle(), kind == "phone"]
    page.wait_for_function(f"args => ({IN_VIEW})(args)", arg=state, timeout=3000)
    page.evaluate(SETTLE)
    assert page.evaluate(IN_VIEW, state), "the answer is in view once the page has settled"
    text = answer.inner_text()
    assert region.name in text and legmap.PLACE_ALONE in text
    for c in views.causes_for_region(region.id):
        assert c.name in text and SERIOUSNESS_LABEL[c.seriousness] in text
    for s in views.signs_for_region(region.id):
        assert s.name in text and URGENCY_TITLE[s.urgency].split(":")[0] in text
    pressed = page.eval_on_selector_all(".ta-legmap__area[aria-pressed=true]", "els => els.map(e => e.dataset.region)")
    assert set(pressed) == {region.id}
    views_box, answer_box = page.evaluate(
        "[...document.querySelectorAll('.ta-legmap__views, .ta-legmap__answer')].map(e => e.getBoundingClientRect().toJSON())"
    )
    if kind == "desktop":
        assert answer_box["left"] >= views_box["right"], "the answer is beside the drawing"
    else:
        assert answer_box["top"] >= views_box["bottom"], "the answer is below the drawing"
    assert problems == [], "no script error and no Content-Security-Policy report"


def test_the_map_works_with_the_keyboard_and_never_traps_it(reader, site_url: str, views: Views) -> None:
    _, page, _ = reader
    page.goto(site_url + "/body-areas/")
    first = page.locator(".ta-legmap__area:not([tabindex])").first
    first.focus()
    order = []
    for _ in range(len(lower_body(views))):
        order.append(page.evaluate("document.activeElement.dataset.region"))
        page.keyboard.press("Tab")
    assert sorted(order) == sorted(r.id for r in lower_body(views)), "each area is reached once (echoes are skipped)"
    page.focus(f".ta-legmap__area[data-region='{order[1]}']:not([tabindex])")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.dataset.region") == order[2], "focus stays on the pressed button"
    assert page.get_attribute(f".ta-legmap__area[data-region='{order[2]}']:not([tabindex])", "aria-pressed") == "true"
    assert views.regions[order[2]].name in page.inner_text(".ta-legmap__answer")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none", "the focused button shows a focus ring"
    page.focus(f".ta-legmap__area[data-region='{order[-1]}']:not([tabindex])")
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('.ta-legmap__views')"), "Tab leads on past the map"


def test_the_root_view_is_reachable_and_highlights_from_the_data(reader, site_url: str, views: Views) -> None:
    _, page, _ = reader
    page.goto(site_url + "/body-areas/")
    assert not page.is_visible(".ta-legmap__root"), "nerve roots are an advanced view, closed at first"
    page.focus(".ta-legmap__advanced summary")
    page.keyboard.press("Enter")
    drawn = set(legmap_drawing.AREAS)
    for root in views.kb.roots:
        page.click(f".ta-legmap__root[data-root='{root.id}']")
        motor = page.eval_on_selector_all(".ta-legmap__shape.is-motor", "els => els.map(e => e.dataset.region)")
        skin = page.eval_on_selector_all(".ta-legmap__shape.is-sensory", "els => els.map(e => e.dataset.region)")
        assert set(motor) == set(root.twitch_regions) & drawn and set(skin) == set(root.sensory_regions) & drawn
        text = page.inner_text(".ta-legmap__answer")
        assert root.sensory_area in text and legmap.PLACE_ALONE in text, root.label


@pytest.mark.parametrize("width", [375, 390])
def test_labels_fit_a_phone_without_overlapping_or_sideways_scroll(
    browser, site_url: str, views: Views, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "/body-areas/")
    page.click(f".ta-legmap__area[data-region='{busiest(views).id}']:not([tabindex])")
    page.click(".ta-legmap__advanced summary")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wide = page.eval_on_selector_all(  # the table stacks: nothing in it scrolls sideways (its head is hidden)
        ".ta-legmap-table, .ta-legmap-table *",
        "els => els.filter(e => !e.closest('thead') && e.scrollWidth > e.clientWidth + 1).map(e => e.tagName)",
    )
    boxes = page.eval_on_selector_all(
        ".ta-legmap__area, .ta-legmap__root",
        "els => els.map(e => { const b = e.getBoundingClientRect(); return [e.closest('figure') ? e.closest('figure').className : '',"
        " b.left, b.top, b.right, b.bottom]; })",
    )
    misaligned = page.evaluate(LEVEL, legmap_drawing.ROWS)
    context.close()
    assert overflow <= 0, f"/body-areas/ scrolls sideways by {overflow}px at {width}px"
    assert misaligned == [], "labels sit level with the start of their leader lines"
    assert wide == [], "the table scrolls sideways inside its box"
    small = [b for b in boxes if b[3] - b[1] < 44 or b[4] - b[2] < 44]
    assert small == [], "every button is at least 44 x 44 px"
    assert all(b[1] >= 0 and b[3] <= width for b in boxes), "every label is on screen"
    clash = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a[0] == b[0] and a[0]
             and a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]  # fmt: skip
    assert clash == [], "labels of one view overlap"


def test_back_to_the_map_returns_focus_on_a_phone(browser, site_url: str, views: Views) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "/body-areas/")
    region = busiest(views).id
    page.click(f".ta-legmap__area[data-region='{region}']:not([tabindex])")
    page.click(".ta-legmap__back")
    focused = page.evaluate("document.activeElement.dataset.region")
    top = page.evaluate("document.querySelector('.ta-legmap').getBoundingClientRect().top")
    context.close()
    assert focused == region and abs(top) < 5


def test_the_map_survives_instant_navigation(browser, site_url: str, views: Views) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url + "/")
    page.click("article a[href$='body-areas/']")
    page.wait_for_selector("[data-legmap][data-ready]")
    region = busiest(views)
    page.click(f".ta-legmap__area[data-region='{region.id}']:not([tabindex])")
    text = page.inner_text(".ta-legmap__answer")
    reloads = page.evaluate("performance.getEntriesByType('navigation').length")
    styled = page.evaluate("[...document.styleSheets].some(s => (s.href || '').endsWith('/assets/legmap.css'))")
    page.close()
    assert region.name in text and reloads == 1
    assert styled, "the map's stylesheet, which the home page does not load, arrives with the map"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_axe_violations_in_either_palette(browser, site_url: str, views: Views, viewport) -> None:
    # bypass_csp: axe is injected as an inline script, which the site's own policy would block.
    context = browser.new_context(color_scheme="light", viewport=viewport, bypass_csp=True)
    context.add_init_script(axe_source())
    page = context.new_page()
    page.goto(site_url + "/body-areas/")
    page.click(f".ta-legmap__area[data-region='{busiest(views).id}']:not([tabindex])")
    page.click(".ta-legmap__advanced summary")
    page.click(".ta-legmap__root >> nth=0")
    page.click(f".ta-legmap__area[data-region='{busiest(views).id}']:not([tabindex])")
    page.evaluate(SETTLE)
    page.hover(".ta-legmap__causes a")  # a hovered link keeps its contrast too
    page.wait_for_timeout(300)  # the header's title fades when the page scrolls: measure after it
    found = axe_in_both_palettes(page, "/body-areas/ (the map, an area and a root chosen)")
    context.close()
    assert found == []
