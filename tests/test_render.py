"""Rendering is pure: small inputs in, Markdown out (no MkDocs needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.kb import models as m
from macros.kb.load import load
from macros.kb.views import Views
from macros.render import entities, lists, pages, signs
from macros.render.citations import Citer, source_list
from macros.render.labels import PLACE_ALONE, urgency_card
from macros.render.markdown import esc, href
from macros.site.finish import add_months
from macros.site.glossary_links import link_first_uses, term_patterns
from tests.helpers import MINIMAL, ROOT


@pytest.fixture(scope="module")
def v() -> Views:
    return Views(load(MINIMAL).kb)


def test_escape_keeps_html_out() -> None:
    assert esc('<script>alert("x")</script>') == '&lt;script&gt;alert("x")&lt;/script&gt;'


@pytest.mark.parametrize(
    ("here", "kind", "record", "expected"),
    [
        ("causes/caffeine.md", "regions", "calf", "../body-areas/calf.md"),
        ("index.md", "signs", "weakness", "warning-signs.md#sign-weakness"),
        ("warning-signs.md", "signs", "weakness", "#sign-weakness"),
        ("body-areas/calf.md", "glossary", "fasciculation", "../glossary.md#term-fasciculation"),
        ("roots/s1.md", "sources", "agency-page", "../references.md#agency-page"),
    ],
)
def test_links_are_relative_and_validated_by_mkdocs(here: str, kind: str, record: str, expected: str) -> None:
    assert href(here, kind, record) == expected


def test_urgency_card_is_an_admonition_of_its_level() -> None:
    card = urgency_card("emergency", "Line one\n\nLine two", anchor="sign-x")
    assert card.splitlines()[0] == '<div class="admonition emergency" markdown>'
    assert card.splitlines()[1] == (
        '<h3 class="admonition-title" id="sign-x">Emergency: call 999 or 911, or go to the emergency department now</h3>'
    )
    assert "\nLine one\n\nLine two\n" in card
    assert "data-search-exclude" in urgency_card("soon", "x", "A sign", "sign-x", indexed=False)


def test_one_marker_cites_every_source_of_the_facts_shown_together(v: Views) -> None:
    citer = Citer(v.sources)
    cause = v.causes["caffeine"]
    root = v.roots["s1"]
    assert citer.cite(cause) == (
        '<sup class="ta-cite" data-search-exclude><a href="#src-agency-page" aria-label="Sources 1, 2">1, 2</a></sup>'
    )
    assert citer.cite(root, cause).count("<sup") == 1
    assert [s.id for s in citer.cited_sources()] == ["agency-page", "blog-article"]
    assert citer.locators == {"agency-page": ["Table 1"]}
    assert citer.oldest == dt.date(2026, 1, 10)


def test_the_source_list_is_collapsed_and_links_titles_not_raw_addresses(v: Views) -> None:
    citer = Citer(v.sources)
    citer.cite(v.causes["caffeine"])
    listing = source_list(citer, "../references/")
    assert listing.startswith('<details class="ta-sources" id="sources" data-search-exclude>')
    assert "<summary>Sources (2)</summary>" in listing
    assert '<li id="src-agency-page">' in listing
    assert '<a href="https://health.example.org/twitching">Muscle twitching</a>' in listing
    assert ">https://" not in listing, "addresses are links, not text"
    assert source_list(Citer(v.sources), "../references/") == ""


def test_cause_page_answers_first_then_signs_then_what_helps(v: Views) -> None:
    body = entities.cause_page(v, "caffeine", "causes/caffeine.md", Citer(v.sources))
    order = [
        body.index(x) for x in ("# Caffeine", "In short", "## What it is", "## When to see a doctor", "## What helps")
    ]
    assert order == sorted(order)
    assert 'id="sign-weakness" data-search-exclude>Weakness</h3>' in body, "signs come from signs.causes"
    assert "[Calf](../body-areas/calf.md)" in body
    assert "[Is twitching common?](../faqs.md#faq-is-it-common)" in body
    summary = body[body.index("In short") : body.index("## What it is")]
    assert "ta-cite" not in summary, "no citation marker inside a summary"


def test_root_page_answers_first_then_gives_the_details(views: Views) -> None:
    """A nerve root's page opens like a cause's or an area's: its answer, then the warning signs of
    the causes that involve it, most urgent first, and only then the reference details."""
    body = entities.root_page(views, "l5", "roots/l5.md", Citer(views.sources))
    order = [body.index(x) for x in ("In short", "## When to see a doctor", "## Movements it powers", "## Reflex")]
    assert order == sorted(order), body
    assert views.roots["l5"].in_short.doctor in body
    signs = views.signs_for_root("l5")
    assert {"sciatica-with-foot-drop", "bladder-control-change"} <= {s.id for s in signs}
    assert [s.urgency for s in signs] == sorted((s.urgency for s in signs), key=m.URGENCY_ORDER.index)
    assert body.index("sign-bladder-control-change") < body.index("sign-sciatica-with-foot-drop")
    summary = body[body.index("In short") : body.index("## When to see a doctor")]
    assert "ta-cite" not in summary, "no citation marker inside a summary"


def test_region_page_is_derived_from_roots_and_causes(v: Views) -> None:
    body = entities.region_page(v, "calf", "body-areas/calf.md", Citer(v.sources))
    assert "[S1](../roots/s1.md)" in body
    assert "[Caffeine](../causes/caffeine.md)" in body
    assert "Gastrocnemius" in body
    assert body.index("## Possible causes") < body.index("## When to see a doctor") < body.index("<details")
    assert PLACE_ALONE in body


@pytest.mark.parametrize(("region", "heading"), [("calf", "## Common causes"), ("tongue", "## Possible causes")])
def test_causes_are_called_common_only_where_one_is(views: Views, region: str, heading: str) -> None:
    """The tongue's causes are all rare: its list must not be headed "Common causes"."""
    body = entities.region_page(views, region, f"body-areas/{region}.md", Citer(views.sources))
    assert heading in body
    common = any(c.frequency == "common" for c in views.causes_for_region(region))
    assert common == (heading == "## Common causes")


def test_signs_page_has_a_jump_list_a_checklist_and_a_box_per_sign(v: Views) -> None:
    body = signs.signs_page(v, "warning-signs.md", Citer(v.sources))
    assert '<h3 class="admonition-title" id="sign-weakness">Weakness</h3>' in body, "in the search index here"
    assert "[Urgent: see a doctor within a few days](#urgent) (1)" in body
    assert '<input type="checkbox" id="check-weakness" data-tier="urgent">' in body
    assert body.index("data-checklist") < body.index("## Urgent")


def test_comparison_table_has_a_labelled_row_per_comparison(v: Views) -> None:
    table = lists.comparison_table(v, "twitching.md", Citer(v.sources))
    assert table.count("<tr>") == 1 + len(v.kb.comparisons)
    assert 'data-label="Painful?"' in table


def test_data_html_is_escaped_in_pages(v: Views) -> None:
    evil = v.causes["caffeine"].model_copy(update={"summary": "<img src=x onerror=alert(1)>"})
    kb = v.kb.model_copy(update={"causes": [evil]})
    body = entities.cause_page(Views(kb), "caffeine", "causes/caffeine.md", Citer(v.sources))
    assert "<img" not in body and "&lt;img" in body


def test_references_backlinks_come_from_rendering(v: Views) -> None:
    found = pages.citing_pages(v)
    assert ("causes/caffeine.md", "Caffeine") in found["blog-article"]
    assert ("body-areas/calf.md", "Calf") in found["agency-page"]


def test_glossary_links_first_use_only_and_never_in_headings_or_links(v: Views) -> None:
    html = (
        "<h2>Fasciculation</h2><p>A fasciculation is small. Fasciculations again.</p>"
        '<p><a href="x">fasciculation</a></p><pre><code>fasciculation</code></pre>'
    )
    out = link_first_uses(html, term_patterns(v.kb.glossary), "../glossary/")
    assert out.count('class="ta-term"') == 1
    assert '<h2>Fasciculation</h2><p>A <a class="ta-term" href="../glossary/#term-fasciculation"' in out


def test_glossary_links_skip_nested_markup_attributes_and_the_reference_list(v: Views) -> None:
    html = (
        '<h3 id="f"><em>Fasciculation</em> facts</h3><p title="fasciculation"><a href="x"><em>fasciculation</em></a>'
        "<sup>fasciculation</sup></p>"
        '<details class="ta-sources"><ol><li>A fasciculation paper.</li></ol></details>'
    )
    assert link_first_uses(html, term_patterns(v.kb.glossary), "../glossary/") == html
    later = html.replace("</p><details", " A fasciculation.</p><details")
    out = link_first_uses(later, term_patterns(v.kb.glossary), "../glossary/")
    assert out.count('class="ta-term"') == 1
    assert ' A <a class="ta-term" href="../glossary/#term-fasciculation"' in out
    assert out.endswith('<details class="ta-sources"><ol><li>A fasciculation paper.</li></ol></details>')


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)), (dt.date(2026, 11, 21), 12, dt.date(2027, 11, 21))],
)
def test_next_review_date(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_models_forbid_unknown_fields() -> None:
    with pytest.raises(ValueError, match="extra"):
        m.SourceRef(id="x", page=3)


def test_numbers_run_together(v: Views) -> None:
    from macros.render.citations import compact_numbers

    assert compact_numbers([7, 1, 2, 3, 9]) == "1\u20133, 7, 9"


def test_inverse_relations_equal_a_scan_of_every_record() -> None:
    """The indexes behind each page's lists give exactly what reading every record would."""
    v = Views(load(ROOT).kb)
    kb, urgency = v.kb, {level: i for i, level in enumerate(m.URGENCY_ORDER)}
    for region in v.regions:
        via_roots = {r.id for r in kb.roots if region in r.twitch_regions}
        found = v.causes_for_region(region)  # most likely first: tests/test_legmap.py checks the order
        assert sorted(c.id for c in found) == sorted(
            c.id for c in kb.causes if region in c.regions or via_roots & set(c.roots)
        )
        assert v.muscles_in_region(region) == [x for x in kb.anatomy.muscles if x.region == region]
        own = [s for s in kb.signs if region in s.regions]
        signs = sorted([*own, *(s for s in kb.signs if s.general and s not in own)], key=lambda s: urgency[s.urgency])
        assert v.signs_for_region(region) == signs
        assert v.faqs_about("regions", region) == [f for f in kb.faqs if region in f.regions]
    for cause in v.causes:
        signs = sorted((s for s in kb.signs if cause in s.causes), key=lambda s: urgency[s.urgency])
        assert v.signs_for_cause(cause) == signs
        assert v.faqs_about("causes", cause) == [f for f in kb.faqs if cause in f.causes]
    for root in v.roots:
        assert v.causes_for_root(root) == [c for c in kb.causes if root in c.roots]
        assert v.faqs_about("roots", root) == [f for f in kb.faqs if root in f.roots]
    assert any(v.causes_for_region(r) for r in v.regions) and any(v.signs_for_cause(c) for c in v.causes)
