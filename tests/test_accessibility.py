"""Accessibility in a real browser: axe-core at WCAG 2.1 A/AA and best practice on every page (its
colour rules in the dark palette too), on a wide screen and a phone, with no exceptions; keyboard
reach with visible focus; phone text size, tap targets and no sideways scroll, with every collapsed
entry and a glossary definition open."""

from __future__ import annotations

import pytest

from tests.browser import WCAG_TAGS, axe_in_both_palettes, axe_source, site_paths


def _pages(built_site) -> list[str]:
    return site_paths(built_site)


#: Opens what a reader can open: every collapsed entry and source list, and the first glossary
#: word's definition (its popover), so that checks see them too. Returns whether a popover opened.
OPEN_EVERYTHING = """() => {
  document.querySelectorAll('article details').forEach(d => { d.open = true; });
  const term = document.querySelector('article a.ta-term');
  if (term) term.click();
  return document.querySelector('.ta-popover') !== null;
}"""

SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture(scope="module", params=list(SCREENS))
def screen_page(request, browser):
    screen = request.param
    phone = screen == "phone"
    # bypass_csp: axe is injected as an inline script, which the site's own policy would block;
    # it is injected into every page as it loads (sent to the browser once, not once per page).
    context = browser.new_context(
        color_scheme="light", viewport=SCREENS[screen], is_mobile=phone, has_touch=phone, bypass_csp=True
    )
    context.add_init_script(axe_source())
    page = context.new_page()
    yield screen, page
    context.close()


#: Every page is checked; the pages are split into parts so that parallel workers share the work.
PARTS = 6


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_has_no_axe_violations(screen_page, site_url: str, built_site, part: int) -> None:
    """Zero violations, best practice included (landmark-unique, heading-order...): no exceptions.
    Each page is checked in the light palette, then after switching to the dark one (what that
    palette changes: colours, and which palette toggle shows)."""
    screen, page = screen_page
    failures = []
    for path in _pages(built_site)[part::PARTS]:
        page.goto(site_url + path)
        page.evaluate(OPEN_EVERYTHING)
        failures += axe_in_both_palettes(page, f"{screen} {path}")
    assert failures == []


def test_a_contrast_fault_of_the_dark_palette_alone_is_caught(screen_page, site_url: str) -> None:
    _screen, page = screen_page
    page.goto(site_url + "/about/")
    page.add_style_tag(content="[data-md-color-scheme=slate] article p { color: #3a3a3a !important; }")
    failures = axe_in_both_palettes(page, "/about/")
    assert failures and all(f.startswith("dark ") and "color-contrast" in f for f in failures), failures


#: An unnamed image that only the dark palette shows, beside its toggle.
DARK_ONLY_IMAGE = """() => {
  const style = document.createElement('style');
  style.textContent = '.dark-only { display: none } [data-md-color-scheme=slate] .dark-only { display: inline }';
  document.head.append(style);
  const img = document.createElement('img');
  img.className = 'dark-only';
  img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
  document.querySelector('[data-md-component=palette]').append(img);
}"""


def test_a_fault_of_the_dark_palettes_toggle_alone_is_caught(screen_page, site_url: str) -> None:
    """In the dark palette every rule, not only colour, still checks the toggle that palette shows."""
    _screen, page = screen_page
    page.goto(site_url + "/about/")
    page.evaluate(DARK_ONLY_IMAGE)
    failures = axe_in_both_palettes(page, "/about/")
    assert failures and all(f.startswith("dark ") and "image-alt" in f for f in failures), failures


def test_dark_palette_is_really_dark(browser, site_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "/")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    context.close()
    assert scheme == "slate"


# --- Keyboard ----------------------------------------------------------------------------------

FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const ring = (node) => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  };
  // A visually hidden toggle input shows its focus on its visible <label for=...>.
  const box = el.getBoundingClientRect();
  // (Material's palette input is followed by the visible label that switches palettes.)
  const labels = [el.id ? document.querySelector(`label[for="${el.id}"]`) : null, el.nextElementSibling]
    .filter(node => node && node.tagName === 'LABEL' && node.getBoundingClientRect().width > 0);
  const hidden = box.width < 2 || box.height < 2 || getComputedStyle(el).opacity === '0';
  const visible = ring(el) || (hidden && labels.some(ring));
  return {tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), id: el.id, cls: el.className && el.className.baseVal === undefined ? el.className : '',
          text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40), visible,
          article: el.closest('article') !== null};
}"""


def _tab_through(page, limit: int = 400) -> list[dict]:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info is None:
            continue
        if seen and info == seen[0]:
            break
        seen.append(info)
    return seen


@pytest.mark.parametrize(
    "path", ["/", "/causes/caffeine-and-stimulants/", "/body-areas/", "/warning-signs/", "/faqs/", "/numbers/"]
)
def test_keyboard_reaches_every_link_and_control_with_visible_focus(browser, site_url: str, path: str) -> None:
    """With every collapsed entry open (its links are then on screen), Tab reaches every link of
    the article, every entry's summary and every checkbox, and each shows where focus is."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    page.evaluate("document.querySelectorAll('article details').forEach(d => { d.open = true; })")
    links = set(
        page.eval_on_selector_all(
            "article a[href]", "els => els.filter(e => e.checkVisibility()).map(e => e.getAttribute('href'))"
        )
    )
    controls = page.eval_on_selector_all(
        "article summary, article input", "els => els.filter(e => e.checkVisibility()).length"
    )
    focused = _tab_through(page, limit=600)
    context.close()
    reached = {f["href"] for f in focused if f["href"]}
    assert links - reached == set(), "links the keyboard never reaches"
    in_article = [f for f in focused if f["article"] and f["tag"] in ("summary", "input")]
    assert len(in_article) == controls, "every summary and checkbox of the article is reached"
    assert any(f["tag"] == "input" and "search" in (f["cls"] or "") for f in focused), "the search box is reachable"
    assert [f for f in focused if not f["visible"]] == [], "every focused element shows a visible focus"


# --- Phone layout -------------------------------------------------------------------------------

PHONE = {"width": 375, "height": 740}

#: The pages checked on a phone: the home page, a cause, a body area, the map, and every page with
#: the newer components (checklist, jump lists, collapsible entries, card tables, source lists).
PHONE_PAGES = [
    "/",
    "/causes/nerve-root-compression/",
    "/body-areas/",
    "/body-areas/calf/",
    "/warning-signs/",
    "/glossary/",
    "/faqs/",
    "/references/",
    "/causes/",
    "/roots/",
    "/numbers/",
    "/twitching/",
]

SMALL_TEXT = """() => {
  const small = [];
  const text = 'article p, article li, article td, article th, article dd, article dt, article summary, article label, .ta-popover, .ta-review p';
  for (const el of document.querySelectorAll(text)) {
    if (!el.checkVisibility()) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.push(`${el.tagName} ${size}px: ${el.innerText.slice(0, 40)}`);
  }
  return small;
}"""

#: Every control, and the links that act as controls: jump lists, a card's links (a glossary word
#: inside a sentence is text, not a control), and the glossary popover's link and button.
SMALL_TARGETS = """() => {
  const small = [];
  const controls = document.querySelectorAll(
    'button, input:not([type=hidden]), select, label[for], .md-header a, [role=button], .ta-legmap [tabindex], ' +
    'summary, .ta-jump a, table.ta-cards td a:not(.ta-term), .ta-popover a');
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    if (box.right < 0 || box.left > innerWidth || box.bottom < 0 || box.top > innerHeight + scrollY + 10000) continue;
    if (box.width < 44 || box.height < 44) small.push(`${el.tagName}.${el.className} ${Math.round(box.width)}x${Math.round(box.height)}: ${el.textContent.trim().slice(0, 30)}`);
  }
  return small;
}"""

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(phone, site_url: str, built_site) -> None:
    """At 375 px, as the page opens and with its entries and a glossary definition open."""
    wide = []
    for path in _pages(built_site):
        phone.goto(site_url + path)
        closed = phone.evaluate(SIDEWAYS)
        phone.evaluate(OPEN_EVERYTHING)
        opened = phone.evaluate(SIDEWAYS)
        if closed > 0 or opened > 0:
            wide.append(f"{path}: {closed}px, {opened}px with everything open")
    assert wide == []


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_text_is_at_least_16px(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    phone.evaluate(OPEN_EVERYTHING)
    assert phone.evaluate(SMALL_TEXT) == []


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_phone_tap_targets_are_at_least_44px(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    phone.evaluate(OPEN_EVERYTHING)
    assert phone.evaluate(SMALL_TARGETS) == []


def test_phone_checks_see_the_new_controls(phone, site_url: str) -> None:
    """The target check measures the checklist, jump lists, entries, cards and the popover (so a
    selector that no longer matches cannot pass silently)."""
    counts = {}
    for path, selector in [
        ("/warning-signs/", "[data-checklist] input[type=checkbox]"),
        ("/warning-signs/", ".ta-jump a"),
        ("/glossary/", ".ta-jump a"),
        ("/faqs/", "details.ta-entry > summary"),
        ("/causes/nerve-root-compression/", "details.ta-sources > summary"),
        ("/causes/", "table.ta-cards td a:not(.ta-term)"),
        ("/causes/nerve-root-compression/", ".ta-popover a, .ta-popover button"),
    ]:
        phone.goto(site_url + path)
        phone.evaluate(OPEN_EVERYTHING)
        counts[f"{path} {selector}"] = phone.eval_on_selector_all(
            selector, "els => els.filter(e => e.checkVisibility()).length"
        )
    assert all(counts.values()), counts


def test_axe_harness_reports_a_planted_violation(browser, site_url: str) -> None:
    page = browser.new_page(bypass_csp=True)
    page.goto(site_url + "/about/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    page.add_script_tag(content=axe_source())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    page.close()
    assert "image-alt" in [v["id"] for v in result["violations"]]
