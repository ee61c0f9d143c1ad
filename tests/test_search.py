"""Search as a reader uses it: everyday words typed into the real search box rank the right
page first, and what the index holds (and the box shows) is clean text. Ranking is tuned with
search.boost (macros/site/hooks.py SEARCH_BOOST and the front matter of content pages), the
titles pages and sections carry, and the search separator (mkdocs.yml, plus the stop words
macros/site/hooks.py adds to it)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.search_probe import results, search

# query -> the page (and optionally the section) that must come first; "./" is the home page
EXPECTED = {
    # What people type (issue 19, item 7)
    "calf twitching": "body-areas/calf/",
    "leg twitching": "body-areas/",  # the leg map, not one disease or one part of the leg
    "is twitching serious": "./",  # the home page opens with "Is it serious?" and the warning signs
    "eye twitching": "causes/eyelid-myokymia/",
    "twitching all over": "./",  # "all over" are function words: the general answer, which lists the sign
    "twitching at night": "faqs/#faq-jerk-when-falling-asleep",
    "tongue": "body-areas/tongue/",  # opens with the answer, and holds the tongue sign's box
    "magnesium": "faqs/#faq-does-magnesium-help",
    "anxiety": "causes/stress-and-anxiety/",
    "ALS": "causes/motor-neuron-disease/",
    # Names of things
    "foot drop": "roots/l5/",
    "caffeine": "causes/caffeine-and-stimulants/",
    "sciatica": "causes/nerve-root-compression/",
    "pinched nerve": "causes/nerve-root-compression/",
    "eyelid twitching": "causes/eyelid-myokymia/",
    "eye twitch": "causes/eyelid-myokymia/",
    "motor neurone disease": "causes/motor-neuron-disease/",
    "bladder": "warning-signs/#sign-bladder-control-change",
    "shin": "body-areas/shin/",
    "buttock": "body-areas/buttock/",
    "BFS": "causes/benign-fasciculation-syndrome/",
    "thyroid": "causes/thyroid-disease/",
    "dehydration": "causes/electrolytes-and-dehydration/",
    "S1": "roots/s1/",
    "knee jerk": "roots/l3/",
    "numbness on top of foot": "body-areas/top-of-foot/",
    "jerk when falling asleep": "faqs/#faq-jerk-when-falling-asleep",
    "medicine side effect": "causes/medications/",
    "arm twitching": "body-areas/arm-hand/",  # the body area, before a cause that can reach the arms
    "hand twitching": "body-areas/arm-hand/",
    "weakness": "warning-signs/#sign-muscle-weakness",  # the warning sign, not a root's list of muscles
    "hypnic jerk": "faqs/#faq-jerk-when-falling-asleep",
    "thigh twitching": "body-areas/front-thigh/",  # a thigh page, not the saddle area (whose name said "thighs")
}

#: Digits run into the word or punctuation before them, as a citation marker's do when its
#: <sup> reaches the index ("needs a prompt check.101314") or as table cells written end to end
#: did ("a skin-sensor test50 out of 50"). Real numbers stand apart ("about 1.5 to 2", "1,651"),
#: and labels start with a capital ("L5", "S1", "B12").
GLUED_DIGITS = re.compile(r"(?<=[a-z)\].,;:!?])(?<![0-9][.,])\d+")
#: Two words run together, such as two table cells or two buttons ("doctorIsaacs", "mapShow").
GLUED_WORDS = re.compile(r"\b(?!PubMed\b)\w*[a-z][A-Z]\w*")  # PubMed is spelt that way
#: Labels and controls that are not content: the "In short" label, heading permalinks, the
#: source list's summary, the checklist's and the leg map's controls, the glossary popover's link.
NOT_CONTENT = (
    "In short",
    "¶",
    "Sources (",
    "Nothing ticked yet",
    "Back to the map",
    "Show by nerve root",
    "More in the glossary",
)


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("needs a prompt check.101314", True),
        ("the calf.2–6, 9–44", True),
        ("a skin-sensor test50 out of 50", True),
        ("about 1.5 to 2 people", False),
        ("1,651 people", False),
        ("L4-L5 or L5-S1, and vitamin B12", False),
        ("(95% CI -11.11 to 1.99)", False),
        ("after 2 weeks", False),
    ],
)
def test_glued_digits_are_told_from_real_numbers(text: str, glued: bool) -> None:
    assert bool(GLUED_DIGITS.search(text)) is glued


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_index_holds_clean_text(index: dict) -> None:
    found = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            text = _plain(doc[field])
            found += [
                f"{doc['location']} {field}: digits {m.group()!r} in {text[max(0, m.start() - 30) : m.end() + 10]!r}"
                for m in GLUED_DIGITS.finditer(text)
            ]
            found += [
                f"{doc['location']} {field}: words run together {m.group()!r}" for m in GLUED_WORDS.finditer(text)
            ]
            found += [f"{doc['location']} {field}: {label!r}" for label in NOT_CONTENT if label in text]
    assert not found, "\n".join(found)


def test_glossary_definitions_stay_in_their_popovers(built_site: Path, index: dict) -> None:
    """A glossary word's definition rides in its link's title, for the popover: the index holds
    the word, never the definition after it."""
    from selectolax.lexbor import LexborHTMLParser

    texts: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        texts[page] = texts.get(page, "") + " " + _plain(doc["title"]) + " " + _plain(doc["text"])
    found = []
    for page, text in texts.items():
        if page == "glossary/":
            continue
        tree = LexborHTMLParser((built_site / page / "index.html").read_text(encoding="utf-8"))
        for link in tree.css("article a.ta-term"):
            word, definition = link.text().strip(), " ".join((link.attributes.get("title") or "").split()[:6])
            if definition and re.search(re.escape(word) + r"\W{0,3}" + re.escape(definition), text):
                found.append(f"{page}: {word!r} followed by its definition {definition!r}")
    assert not found, "\n".join(found)


def test_each_sign_and_question_is_found_once_at_its_own_place(index: dict, views) -> None:
    """A warning sign and a question each have an entry of their own (their heading), on the
    warning-signs page and the FAQ page only: the boxes repeated on other pages stay out."""
    locations = [doc["location"] for doc in index["docs"]]
    wanted = [f"warning-signs/#sign-{s.id}" for s in views.kb.signs]
    wanted += [f"warning-signs/#group-{g.id}" for g in views.kb.sign_groups]
    wanted += [f"faqs/#faq-{f.id}" for f in views.kb.faqs]
    anchors = [loc.partition("#")[2] for loc in locations]
    wrong = [w for w in wanted if locations.count(w) != 1 or anchors.count(w.partition("#")[2]) != 1]
    assert not wrong, wrong


def test_stop_words_are_not_searched_as_prefixes(index: dict) -> None:
    """Material makes every query word a prefix ("is" found "Isaacs", "at" found "atrophy"): the
    separator drops, capitalised or not, the words the index never holds, and "over"."""
    separator = re.compile(index["config"]["separator"])
    words = {
        "Is twitching serious": ["twitching", "serious"],
        "twitching at night": ["twitching", "night"],
        "Why is my leg twitching all over": ["leg", "twitching"],
        "Isaacs syndrome": ["Isaacs", "syndrome"],
        "atrophy in my calf": ["atrophy", "calf"],
    }
    for query, expected in words.items():
        assert [w for w in separator.split(query) if w] == expected, query


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
    found = search(search_page, query, n=3)
    page, _, section = expected.partition("#")
    assert found, f"no results for {query!r}"
    assert found[0].split("#")[0] == page, f"{query!r} ranked {found}"
    if section:
        assert f"{page}#{section}" in found, f"{query!r}: the section is not among {found}"


@pytest.mark.parametrize("query", ["calf twitching", "is twitching serious", "bladder", "magnesium", "shin"])
def test_snippets_in_the_search_box_are_clean(search_page, query: str) -> None:
    shown = results(search_page, query, n=5)
    assert shown, f"no results for {query!r}"
    found = []
    for link, text in shown:
        text = " ".join(text.split())
        found += [f"{link}: digits {m.group()!r} in {text!r}" for m in GLUED_DIGITS.finditer(text)]
        found += [f"{link}: {label!r} in {text!r}" for label in NOT_CONTENT if label in text]
    assert not found, "\n".join(found)
