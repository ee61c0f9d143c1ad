"""What a worried reader on a phone meets first: the answer on the first screen, few citation
markers there, a checklist that says how soon to get help, and definitions that open in place."""

from __future__ import annotations

import pytest

from macros.kb.load import load
from tests.helpers import ROOT

PHONE = {"width": 390, "height": 844}
#: The pages a reader lands on: home, the nerve-root table, and every cause, body-area and nerve-root
#: page (from the data; search sends "foot drop" or "knee jerk" to a root's page).
_KB = load(ROOT).kb
LANDING = [
    "/",
    "/roots/",
    *(f"/causes/{c.id}/" for c in _KB.causes),
    *(f"/body-areas/{r.id}/" for r in _KB.anatomy.regions),
    *(f"/roots/{r.id}/" for r in _KB.roots),
]

FIRST_SCREEN = """(height) => {
  const box = document.querySelector('article .ta-in-short');
  if (!box) return null;
  const r = box.getBoundingClientRect();
  const markers = [...document.querySelectorAll('article sup.ta-cite')].filter(m => {
    const b = m.getBoundingClientRect(); return b.top < height && b.bottom > 0; }).length;
  const links = [...box.querySelectorAll('a')].map(a => a.getAttribute('href'));
  return {top: r.top, bottom: r.bottom, text: box.innerText, links, markers};
}"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("part", range(4))
def test_the_answer_is_on_the_first_phone_screen(phone, site_url: str, part: int) -> None:
    """Summary within the first screen, with its 'is it serious' and 'see a doctor' lines and a
    link to the warning page, and at most 3 citation markers on that screen."""
    failures = []
    for path in LANDING[part::4]:
        phone.goto(site_url + path)
        found = phone.evaluate(FIRST_SCREEN, PHONE["height"])
        if found is None:
            failures.append(f"{path}: no summary")
            continue
        if found["bottom"] > PHONE["height"]:
            failures.append(f"{path}: summary ends at {found['bottom']:.0f} px, below the first screen")
        if "Is it serious?" not in found["text"] or "When to see a doctor" not in found["text"]:
            failures.append(f"{path}: summary lacks 'is it serious' or 'when to see a doctor'")
        if not any("warning-signs/" in (link or "") for link in found["links"]):
            failures.append(f"{path}: summary does not link to the warning page")
        if found["markers"] > 3:
            failures.append(f"{path}: {found['markers']} citation markers on the first screen")
    assert failures == []


def _tick(page, sign_ids: list[str]) -> str:
    for sign_id in sign_ids:
        page.check(f"#check-{sign_id}")
    return page.inner_text("[data-checklist-result]")


def test_the_checklist_says_the_most_urgent_tier_ticked_and_sends_nothing(browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "/warning-signs/", wait_until="networkidle")  # the page's own requests (icon) are done
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    assert page.is_visible("[data-checklist]"), "the script shows the checklist"
    assert page.get_attribute("[data-checklist-result]", "aria-live") == "polite"
    by_tier = {s.urgency: s.id for s in reversed(_KB.signs)}
    bladder = next(s.id for s in _KB.signs if "bladder" in s.name.lower())
    said = _tick(page, [by_tier["self-care"]])
    assert said.startswith("Self-care"), said
    said = _tick(page, [bladder])
    assert said.startswith("Emergency") and "999" in said, said
    page.click("[data-checklist] button[type=reset]")
    page.wait_for_timeout(50)
    assert page.inner_text("[data-checklist-result]") == "Nothing ticked yet."
    context.close()
    assert requests == [], "ticking boxes makes no request"


def test_without_javascript_the_warning_page_shows_every_sign_by_tier(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/warning-signs/")
    assert not page.is_visible("[data-checklist]"), "no checklist that cannot work"
    for sign in _KB.signs:
        assert page.query_selector(f"#sign-{sign.id}") is not None, sign.id
    assert [page.query_selector(f"h2#{level}") is not None for level in ("emergency", "self-care")] == [True, True]
    context.close()


def test_a_tapped_glossary_word_opens_its_definition_in_place(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "/causes/nerve-root-compression/")
    link = page.query_selector("article a.ta-term")
    assert link is not None
    before = page.url
    link.tap()
    popover = page.wait_for_selector(".ta-popover", state="visible")
    assert page.url == before, "the tap does not jump to the glossary"
    assert link.get_attribute("aria-expanded") == "true"
    assert popover.inner_text().startswith(link.get_attribute("data-definition")[:30])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scroll"
    page.keyboard.press("Escape")
    assert page.query_selector(".ta-popover") is None
    context.close()


@pytest.mark.parametrize("path", ["/twitching/", "/causes/", "/roots/", "/numbers/"])
def test_tables_become_cards_on_a_phone(browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + path)
    cells = page.eval_on_selector_all(
        "table.ta-cards td", "tds => tds.map(td => [getComputedStyle(td).display, td.getBoundingClientRect().width])"
    )
    wide = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
    assert cells and all(display == "block" for display, _ in cells), "each cell a row of its card"
    assert all(width > 250 for _, width in cells), "cells use the phone's width"
    assert wide, "no sideways scroll"
