"""Search as a reader uses it: everyday words typed into the real search box rank the right
page first. Ranking is tuned with search.boost (macros/site/hooks.py SEARCH_BOOST and the front
matter of content pages) and the search plugin's separator in mkdocs.yml."""

from __future__ import annotations

import pytest

from tests.search_probe import search

# query -> the page (and optionally the section) that must come first
EXPECTED = {
    "calf twitching": "body-areas/calf/",
    "foot drop": "roots/l5/",
    "tongue": "warning-signs/#sign-tongue-twitching",
    "caffeine": "causes/caffeine-and-stimulants/",
    "sciatica": "causes/nerve-root-compression/",
    "pinched nerve": "causes/nerve-root-compression/",
    "eyelid twitching": "causes/eyelid-myokymia/",
    "eye twitch": "causes/eyelid-myokymia/",
    "ALS": "causes/motor-neuron-disease/",
    "motor neurone disease": "causes/motor-neuron-disease/",
    "bladder": "warning-signs/#sign-bladder-control-change",
    "shin": "body-areas/shin/",
    "buttock": "body-areas/buttock/",
    "anxiety": "causes/stress-and-anxiety/",
    "BFS": "causes/benign-fasciculation-syndrome/",
    "thyroid": "causes/thyroid-disease/",
    "dehydration": "causes/electrolytes-and-dehydration/",
    "S1": "roots/s1/",
    "knee jerk": "roots/l3/",
    "numbness on top of foot": "body-areas/top-of-foot/",
    "jerk when falling asleep": "faqs/#faq-jerk-when-falling-asleep",
    "magnesium": "faqs/#faq-does-magnesium-help",
    "medicine side effect": "causes/medications/",
}


@pytest.fixture(scope="module")
def search_page(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/")
    yield page
    context.close()


def test_table_has_at_least_15_everyday_queries() -> None:
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize(("query", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_everyday_words_find_the_right_page_first(search_page, query: str, expected: str) -> None:
    results = search(search_page, query, n=3)
    page, _, section = expected.partition("#")
    assert results, f"no results for {query!r}"
    assert results[0].split("#")[0] == page, f"{query!r} ranked {results}"
    if section:
        assert f"{page}#{section}" in results, f"{query!r}: the section is not among {results}"
