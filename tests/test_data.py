"""The real knowledge base: clean, complete, and faithful to the medical brief's corrections.

This is the contributor contract: each test gathers every offender into one assertion.
"""

from __future__ import annotations

import datetime as dt

import pytest

from macros.kb import models as m
from macros.kb.load import load
from macros.rules import run_checks
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def kb() -> m.KnowledgeBase:
    loaded = load(ROOT)
    problems = loaded.problems + run_checks(loaded)
    assert [p.format() for p in problems] == [], "python -m macros check must be clean on the real data"
    return loaded.kb


def test_no_problems_not_even_warnings(kb: m.KnowledgeBase) -> None:
    assert kb.sources


def test_roots_l2_to_s2_are_all_present(kb: m.KnowledgeBase) -> None:
    assert [r.label for r in kb.roots] == ["L2", "L3", "L4", "L5", "S1", "S2"]


def test_calf_belongs_to_s1_not_l5(kb: m.KnowledgeBase) -> None:
    roots = {r.id: r for r in kb.roots}
    assert "calf" in roots["s1"].twitch_regions
    assert "calf" not in roots["l5"].twitch_regions
    assert "foot-drop" in roots["l5"].deficits
    assert roots["s1"].reflexes == ["ankle-jerk"]
    assert "knee-jerk" in roots["l4"].reflexes
    assert roots["l5"].reflexes == []


def test_quadriceps_is_femoral_not_sciatic(kb: m.KnowledgeBase) -> None:
    muscles = {x.id: x for x in kb.anatomy.muscles}
    assert "femoral" in muscles["quadriceps"].nerves
    assert "sciatic" not in muscles["quadriceps"].nerves
    for glute in ("gluteus-maximus", "gluteus-medius"):
        assert "sciatic" not in muscles[glute].nerves


def test_cauda_equina_signs_are_emergencies(kb: m.KnowledgeBase) -> None:
    words = ("bladder", "bowel", "saddle")
    flagged = [s for s in kb.signs if any(w in s.id for w in words)]
    assert len(flagged) >= 3
    assert [s.id for s in flagged if s.urgency != "emergency"] == []


def test_every_urgency_tier_is_used(kb: m.KnowledgeBase) -> None:
    assert {s.urgency for s in kb.signs} == set(m.URGENCY_ORDER)


EXPECTED_CAUSES = {
    "caffeine-and-stimulants",
    "sleep-loss-and-fatigue",
    "stress-and-anxiety",
    "exercise",
    "electrolytes-and-dehydration",
    "vitamin-and-mineral-deficiency",
    "medications",
    "nerve-root-compression",
    "peripheral-neuropathy",
    "benign-fasciculation-syndrome",
    "cramp-fasciculation-syndrome",
    "motor-neuron-disease",
    "thyroid-disease",
}


def test_every_cause_the_brief_names_is_present(kb: m.KnowledgeBase) -> None:
    assert EXPECTED_CAUSES - {c.id for c in kb.causes} == set()


def test_sciatica_is_findable_under_nerve_root_compression(kb: m.KnowledgeBase) -> None:
    cause = next(c for c in kb.causes if c.id == "nerve-root-compression")
    assert "sciatica" in [s.lower() for s in cause.synonyms]


def test_comparison_table_covers_every_look_alike(kb: m.KnowledgeBase) -> None:
    wanted = {
        "fasciculation",
        "cramp",
        "spasm",
        "tremor",
        "clonus",
        "myoclonus",
        "hypnic-jerk",
        "myokymia",
        "restless-legs",
    }
    assert wanted - {c.id for c in kb.comparisons} == set()


def test_seed_faq_questions_are_answered(kb: m.KnowledgeBase) -> None:
    questions = " ".join(f.question.lower() for f in kb.faqs)
    for topic in ("sciatica", "calf", "anxiety", "deficien", "dehydrat", "als", "ms", "restless", "cramp"):
        assert topic in questions, f"no FAQ mentions {topic!r}"
    assert len(kb.faqs) >= 20


def test_every_region_has_plain_and_anatomical_synonyms(kb: m.KnowledgeBase) -> None:
    assert [r.id for r in kb.anatomy.regions if len(r.synonyms) < 2] == []


def test_sources_use_canonical_http_addresses(kb: m.KnowledgeBase) -> None:
    mirrors = ("mdsite.deno.dev", "studylib", "studyres", "scribd", "api-bridge", "notinline", "iiab.me", "proxy")
    bad = [s.id for s in kb.sources if any(host in str(s.url) for host in mirrors)]
    assert bad == []


def test_review_dates_are_recent(kb: m.KnowledgeBase) -> None:
    stale = [r.id for r in kb.causes + kb.signs if r.reviewed < dt.date(2026, 1, 1)]
    assert stale == []
