"""The leg map on /body-areas/: what it draws and answers (from the data), and how it behaves for a
reader in a real browser on a phone and a wide screen. Expectations are built from the data."""

from __future__ import annotations

import datetime as dt
import json
import re

import markdown
import pytest

from macros.kb import models as m
from macros.kb.load import load
from macros.kb.views import Views
from macros.render import legmap
from macros.render.citations import Citer
from macros.render.markdown import SERIOUSNESS_LABEL, URGENCY_TITLE
from tests.browser import WCAG_TAGS, axe_source
from tests.helpers import ROOT

HERE = "body-areas/index.md"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def views() -> Views:
    return Views(load(ROOT).kb)


def lower_body(v: Views) -> list[m.Region]:
    return [r for r in v.kb.anatomy.regions if r.body_part in ("leg", "foot", "trunk")]


def payload(page_html: str) -> dict:
    block = page_html.split('class="ta-legmap__data">')[1].split("</script>")[0]
    assert "<" not in block and "&" not in block, "the data block is inert: nothing in it reads as markup"
    return json.loads(block)


def buttons(page_html: str) -> list[tuple[str, str, bool]]:
    """(region id, visible label, is an echo) of every area button."""
    found = re.findall(
        r'<button type="button" class="ta-legmap__area[^"]*" data-region="([^"]+)"([^>]*)>([^<]+)<', page_html
    )
    return [(rid, text, "aria-hidden" in rest) for rid, rest, text in found]


# --- What the map draws ----------------------------------------------------------------------------


def test_every_lower_body_area_of_the_data_is_drawn_with_a_button_and_a_label(views: Views) -> None:
    page = legmap.leg_map(views, HERE)
    real = {rid: text for rid, text, echo in buttons(page) if not echo}
    undrawn = [r.id for r in lower_body(views) if r.id not in legmap.AREAS]
    assert undrawn == [], "draw these areas in legmap.AREAS (they are only buttons below the drawing now)"
    for r in lower_body(views):
        assert real.get(r.id, "").strip(), f"{r.id} has no labelled button"
        assert f'class="ta-legmap__shape" data-region="{r.id}"' in page, f"{r.id} has no shape"
    assert len(real) == len(lower_body(views)), "one real button per area (others are pointer-only echoes)"


def test_head_and_arm_areas_stay_off_the_map(views: Views) -> None:
    page = legmap.leg_map(views, HERE)
    elsewhere = [r.id for r in views.kb.anatomy.regions if r.body_part in ("head", "arm")]
    assert {"eyelid", "tongue", "arm-hand"} <= set(elsewhere)
    on_map = {rid for rid, _, _ in buttons(page)} | set(payload(page)["areas"])
    assert on_map.isdisjoint(elsewhere)


def test_echo_labels_are_hidden_from_screen_readers_and_the_keyboard(views: Views) -> None:
    page = legmap.leg_map(views, HERE)
    echoes = [(rid, text) for rid, text, echo in buttons(page) if echo]
    assert echoes, "an area drawn in both views (the knee) is labelled in both"
    for rid, text in echoes:
        assert f'data-region="{rid}" aria-pressed="false" aria-hidden="true" tabindex="-1">{text}<' in page
    assert page.count('aria-hidden="true" focusable="false"') == len(legmap.VIEWS), "the drawings are hidden"


def test_an_undrawn_lower_body_area_is_still_a_button(views: Views) -> None:
    extra = views.regions["calf"].model_copy(update={"id": "ankle", "name": "Ankle"})
    anatomy = views.kb.anatomy.model_copy(update={"regions": [*views.kb.anatomy.regions, extra]})
    page = legmap.leg_map(Views(views.kb.model_copy(update={"anatomy": anatomy})), HERE)
    assert ("ankle", "Ankle", False) in buttons(page) and "ankle" in payload(page)["areas"]


# --- What the answers say ----------------------------------------------------------------------------


def test_each_answer_gives_causes_with_seriousness_and_signs_with_tiers_from_the_data(views: Views) -> None:
    areas = payload(legmap.leg_map(views, HERE))["areas"]
    for r in lower_body(views):
        answer = areas[r.id]
        assert answer["name"] == r.name and answer["place"] == legmap.PLACE_ALONE
        causes = {c.name: c for c in views.causes_for_region(r.id)}
        assert {c["name"] for c in answer["causes"]} == set(causes)
        for shown in answer["causes"]:
            assert shown["tag"] == SERIOUSNESS_LABEL[causes[shown["name"]].seriousness]
        tiers = [t["tier"] for t in answer["signs"]]
        assert tiers == list(dict.fromkeys(s.urgency for s in views.signs_for_region(r.id))), r.id
        for tier in answer["signs"]:
            assert f"{tier['title']}: {tier['action']}" == URGENCY_TITLE[tier["tier"]]
        signs = {s.name for s in views.signs_for_region(r.id)}
        assert {i["name"] for t in answer["signs"] for i in t["items"]} == signs  # no sign groups in this data
        assert [x["label"] for x in answer["roots"]] == [x.label for x in views.roots_for_region(r.id)]


def test_causes_come_most_likely_first_then_least_serious(views: Views) -> None:
    region = max(lower_body(views), key=lambda r: len(views.causes_for_region(r.id)))
    causes = views.causes_for_region(region.id)
    assert len(causes) >= 4, "the test needs an area with several causes"
    frequencies = ["rare", None, "common", "uncommon"]
    changed = {c.id: c.model_copy(update={"frequency": frequencies[i % 4]}) for i, c in enumerate(causes)}
    kb = views.kb.model_copy(update={"causes": [changed.get(c.id, c) for c in views.kb.causes]})
    shown = payload(legmap.leg_map(Views(kb), HERE))["areas"][region.id]["causes"]
    rank = {"common": 0, "uncommon": 1, "rare": 2, "": 3}
    serious = {"benign": 0, "needs-evaluation": 1, "serious": 2}
    keys = [(rank[c["frequency"]], serious[c["seriousness"]]) for c in shown]
    assert keys == sorted(keys) and keys[0][0] == 0 and shown[0]["frequency"] == "common"


def test_an_area_summary_is_shown_when_the_data_has_one(views: Views) -> None:
    region = lower_body(views)[0]
    short = region.in_short or m.InShort(
        what="w.", outlook="Usually nothing to worry about.", helps="h.", doctor="See a doctor if weak.", tier="soon"
    )
    kb = views.kb.model_copy(
        update={"anatomy": views.kb.anatomy.model_copy(update={"regions": [
            r.model_copy(update={"in_short": short}) if r.id == region.id else r for r in views.kb.anatomy.regions
        ]})}
    )  # fmt: skip
    summary = payload(legmap.leg_map(Views(kb), HERE))["areas"][region.id]["summary"]
    assert [line["text"] for line in summary] == [short.outlook, short.doctor]
    assert summary[1]["href"].endswith(f"warning-signs/#{short.tier}")


def test_signs_of_one_group_become_one_line_with_the_group_title(views: Views) -> None:
    region = max(lower_body(views), key=lambda r: len(views.signs_for_region(r.id)))
    first, second = views.signs_for_region(region.id)[:2]
    group = m.SignGroup(id="test-group", title="Back pain with any of these", description="d.", sources=["x"],
                        reviewed=dt.date(2026, 1, 1))  # fmt: skip
    signs = [s.model_copy(update={"group": group.id}) if s.id in (first.id, second.id) else s for s in views.kb.signs]
    kb = views.kb.model_copy(update={"signs": signs, "sign_groups": [group]})
    items = [
        i["name"] for t in payload(legmap.leg_map(Views(kb), HERE))["areas"][region.id]["signs"] for i in t["items"]
    ]
    assert group.title in items and first.name not in items and second.name not in items


def test_empty_data_never_reads_none_on_record(views: Views) -> None:
    page = legmap.leg_map(views, HERE) + legmap.leg_map_table(views, HERE, Citer(views.sources))
    script = (ROOT / "content" / "assets" / "legmap.js").read_text(encoding="utf-8")
    assert "none on record" not in (page + script).lower() and "| none |" not in page
    data = payload(page)
    bare = [a for a in data["areas"].values() if not a["causes"]]
    assert bare, "the data has an area without causes (the knee)"
    assert data["text"]["noCauses"] and data["text"]["noSigns"] and bare[0]["causesHref"]


def test_every_answer_says_a_place_alone_does_not_identify_a_cause(views: Views) -> None:
    data = payload(legmap.leg_map(views, HERE))
    answers = [*data["areas"].values(), *data["roots"].values()]
    assert answers and all(a["place"] == legmap.PLACE_ALONE for a in answers)
    for root in views.kb.roots:
        shown = data["roots"][root.id]
        assert shown["skin"] == root.sensory_area
        assert [x["name"] for x in shown["shows"]] == [views.regions[i].name for i in root.twitch_regions]


def test_the_table_lists_every_area_with_causes_signs_and_roots(views: Views) -> None:
    body = legmap.leg_map_table(views, HERE, Citer(views.sources))
    exts = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
    page = markdown.markdown(body, extensions=exts)
    assert page.count("<tr>") == len(views.kb.anatomy.regions) + 1
    assert page.count('data-label="Possible causes"') == len(views.kb.anatomy.regions)
    for r in views.kb.anatomy.regions:
        row = page.split(f'href="{r.id}.md"')[1].split("</tr>")[0]
        for c in views.causes_for_region(r.id):
            assert c.name in row and SERIOUSNESS_LABEL[c.seriousness] in row, (r.id, c.id)
        for s in views.signs_for_region(r.id):
            assert s.name in row, (r.id, s.id)


def test_every_link_in_the_map_data_leads_to_a_page_and_anchor_of_the_built_site(built_site) -> None:
    # The map's links live in JSON, which the build's own link check does not read.
    data = payload((built_site / "body-areas" / "index.html").read_text(encoding="utf-8"))
    found: list[str] = []
    _collect(data, found)
    broken = []
    for link in sorted(set(found)):
        path, _, anchor = link.partition("#")
        page = (built_site / "body-areas" / path / "index.html").resolve()
        if not page.is_file() or (anchor and f'id="{anchor}"' not in page.read_text(encoding="utf-8")):
            broken.append(link)
    assert found and broken == []


def _collect(value: object, found: list[str]) -> None:
    if isinstance(value, dict):
        found += [v for k, v in value.items() if k.endswith(("href", "Href")) and isinstance(v, str)]
        for v in value.values():
            _collect(v, found)
    elif isinstance(value, list):
        for v in value:
            _collect(v, found)


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
#: Findings of Material's own markup, on every page, ignored by name: each section of the sidebar
#: is a <nav> labelled by an empty <label>, so the sections' landmarks have no unique name.
THEME_AXE_EXCEPTIONS = {"landmark-unique": 'nav[aria-labelledby="__nav_'}


def busiest(v: Views) -> m.Region:
    return max(lower_body(v), key=lambda r: len(v.causes_for_region(r.id)) + len(v.signs_for_region(r.id)))


def test_the_stylesheet_is_loaded(reader, site_url: str) -> None:
    _, page, _ = reader
    page.goto(site_url + "/body-areas/")
    hrefs = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("assets/legmap.css") for h in hrefs), "add assets/legmap.css to extra_css in mkdocs.yml"


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
    drawn = set(legmap.AREAS)
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
    misaligned = page.evaluate(LEVEL, legmap.ROWS)
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
    page.close()
    assert region.name in text and reloads == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_axe_violations_in_either_palette(browser, site_url: str, views: Views, scheme: str, viewport) -> None:
    # bypass_csp: axe is injected as an inline script, which the site's own policy would block.
    context = browser.new_context(color_scheme=scheme, viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + "/body-areas/")
    page.click(f".ta-legmap__area[data-region='{busiest(views).id}']:not([tabindex])")
    page.click(".ta-legmap__advanced summary")
    page.click(".ta-legmap__root >> nth=0")
    page.click(f".ta-legmap__area[data-region='{busiest(views).id}']:not([tabindex])")
    page.evaluate(SETTLE)
    page.hover(".ta-legmap__causes a")  # a hovered link keeps its contrast too
    page.wait_for_timeout(300)  # the header's title fades when the page scrolls: measure after it
    page.add_script_tag(content=axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [*WCAG_TAGS, "best-practice"],
    )
    context.close()
    found = [
        f"{v['id']}: {v['help']} at {target}"
        for v in result["violations"]
        for target in [n["target"] for n in v["nodes"]]
        if not str(target[0]).startswith(THEME_AXE_EXCEPTIONS.get(v["id"], "\0"))
    ]
    assert found == []
