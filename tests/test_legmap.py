"""The leg map on /body-areas/: what it draws and answers (from the data), and how it behaves for a
reader in a real browser on a phone and a wide screen. Expectations are built from the data."""

from __future__ import annotations

import datetime as dt
import json
import re

import markdown

from macros.kb import models as m
from macros.kb.views import Views
from macros.render import legmap, legmap_drawing
from macros.render.citations import Citer
from macros.render.labels import SERIOUSNESS_LABEL, URGENCY_TITLE
from tests.helpers import ROOT

HERE = "body-areas/index.md"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def lower_body(v: Views) -> list[m.Region]:
    return [r for r in v.kb.anatomy.regions if r.body_part in ("leg", "foot", "trunk")]


def shown_signs(v: Views, region_id: str) -> set[str]:
    """What an area's answer lists: each sign by name, a grouped sign by its group's title."""
    titles = {g.id: g.title for g in v.kb.sign_groups}
    return {titles[s.group] if s.group else s.name for s in v.signs_for_region(region_id)}


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
    undrawn = [r.id for r in lower_body(views) if r.id not in legmap_drawing.AREAS]
    assert undrawn == [], "draw these areas in legmap_drawing.AREAS (they are only buttons below the drawing now)"
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
    assert page.count('aria-hidden="true" focusable="false"') == len(legmap_drawing.VIEWS), "the drawings are hidden"


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
        assert {i["name"] for t in answer["signs"] for i in t["items"]} == shown_signs(views, r.id)
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
    data = payload(legmap.leg_map(Views(views.kb.model_copy(update={"causes": [], "signs": []})), HERE))
    bare = list(data["areas"].values())
    assert bare and all(not a["causes"] and not a["signs"] and a["causesHref"] for a in bare)
    assert data["text"]["noCauses"] and data["text"]["noSigns"]


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
        for name in shown_signs(views, r.id):
            assert name in row, (r.id, name)


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
