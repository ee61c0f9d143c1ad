"""Accessibility in a real browser: axe-core at WCAG 2.1 A/AA on every page in both palettes,
keyboard reach with visible focus, phone text size and tap targets."""

from __future__ import annotations

import pytest

from tests.browser import WCAG_TAGS, axe_source, site_paths


def _pages(built_site) -> list[str]:
    return site_paths(built_site)


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_page(request, browser):
    # bypass_csp: axe is injected as an inline script, which the site's own policy would block.
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield request.param, page
    context.close()


#: Every page is checked; the pages are split into parts so that parallel workers share the work.
PARTS = 6


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_has_no_axe_violations(scheme_page, site_url: str, built_site, part: int) -> None:
    scheme, page = scheme_page
    script = axe_source()
    failures = []
    for path in _pages(built_site)[part::PARTS]:
        page.goto(site_url + path)
        page.add_script_tag(content=script)
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            failures.append(f"{scheme} {path}: {violation['id']} ({violation['help']}) at {targets}")
    assert failures == []


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
          text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40), visible};
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


@pytest.mark.parametrize("path", ["/", "/causes/caffeine-and-stimulants/", "/body-areas/"])
def test_keyboard_reaches_every_link_and_control_with_visible_focus(browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    links = set(
        page.eval_on_selector_all(
            "article a[href]", "els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('href'))"
        )
    )
    focused = _tab_through(page)
    context.close()
    reached = {f["href"] for f in focused if f["href"]}
    assert links - reached == set(), "links the keyboard never reaches"
    assert any(f["tag"] == "input" and "search" in (f["cls"] or "") for f in focused), "the search box is reachable"
    assert [f for f in focused if not f["visible"]] == [], "every focused element shows a visible focus"


# --- Phone layout -------------------------------------------------------------------------------

PHONE = {"width": 375, "height": 740}

SMALL_TEXT = """() => {
  const small = [];
  for (const el of document.querySelectorAll('article p, article li, article td, article th, article dd, article dt, article summary, .ta-review p')) {
    if (!el.offsetParent) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.push(`${el.tagName} ${size}px: ${el.innerText.slice(0, 40)}`);
  }
  return small;
}"""

SMALL_TARGETS = """() => {
  const small = [];
  const controls = document.querySelectorAll('button, input:not([type=hidden]), select, label[for], .md-header a, [role=button], .ta-legmap [tabindex]');
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    if (box.right < 0 || box.left > innerWidth || box.bottom < 0 || box.top > innerHeight + scrollY + 10000) continue;
    if (box.width < 44 || box.height < 44) small.push(`${el.tagName}.${el.className} ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(phone, site_url: str, built_site) -> None:
    wide = []
    for path in _pages(built_site):
        phone.goto(site_url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append(f"{path}: {overflow}px")
    assert wide == []


@pytest.mark.parametrize("path", ["/", "/causes/nerve-root-compression/", "/roots/", "/warning-signs/", "/body-areas/"])
def test_phone_text_is_at_least_16px(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    assert phone.evaluate(SMALL_TEXT) == []


@pytest.mark.parametrize("path", ["/", "/causes/nerve-root-compression/", "/body-areas/"])
def test_phone_tap_targets_are_at_least_44px(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    assert phone.evaluate(SMALL_TARGETS) == []


def test_axe_harness_reports_a_planted_violation(browser, site_url: str) -> None:
    page = browser.new_page(bypass_csp=True)
    page.goto(site_url + "/about/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    page.add_script_tag(content=axe_source())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    page.close()
    assert "image-alt" in [v["id"] for v in result["violations"]]
