"""The check's on-disk cache (macros/cache.py): same answers as without it, never stale.

Each test compares a cached run with a run that has the cache turned off, on a project where
the answer changes, so a cache that served stale results would fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.cache import CACHE_DIR
from tests.helpers import ROOT, copy_project, edit, run_cli

PLANTED = "Zorblax twitching usually comes from a pinched L5 root."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real knowledge base and pages."""
    return copy_project(ROOT, tmp_path / "project")


def append(page: Path, sentence: str) -> None:
    """Add a paragraph at the end of a page."""
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def check(project: Path, cached: bool = True) -> str:
    """The check's output (the exit code is part of it)."""
    saved = os.environ.pop("TA_NO_CACHE", None)
    if not cached:
        os.environ["TA_NO_CACHE"] = "1"
    try:
        result = run_cli("check", "--root", str(project))
    finally:
        os.environ.pop("TA_NO_CACHE", None)
        if saved is not None:
            os.environ["TA_NO_CACHE"] = saved
    assert "Traceback" not in result.stderr, result.stderr
    return f"exit {result.returncode}\n{result.stdout}"


def test_a_warm_run_answers_exactly_as_a_cold_one(project: Path) -> None:
    append(project / "content" / "about.md", PLANTED.replace("Zorblax", "Calf muscle"))
    cold = check(project, cached=False)
    assert not (project / CACHE_DIR).exists(), "TA_NO_CACHE=1 must not write a cache"
    first, second = check(project), check(project)
    assert "[root-region-conflict]" in cold
    assert first == second == cold
    assert {p.name for p in (project / CACHE_DIR).iterdir()} >= {"yaml.json", "claims.json"}


def test_a_new_synonym_is_seen_in_pages_that_did_not_change(project: Path) -> None:
    """Claims are stored per file, but keyed by the vocabulary too: a page whose text is the
    same reads differently once the data teaches the checker a new word."""
    append(project / "content" / "about.md", PLANTED)
    before = check(project)
    assert "zorblax" not in before  # an unknown word: no claim, no finding
    edit(project / "data" / "anatomy.yaml", "      - gastroc\n", "      - gastroc\n      - zorblax\n")
    after = check(project)
    assert "[root-region-conflict]" in after and "zorblax" in after.lower()
    assert after == check(project, cached=False)


def test_edits_to_data_pages_and_grades_are_never_served_stale(project: Path) -> None:
    assert check(project) == "exit 0\nNo problems: 414 records checked.\n"
    assert (project / CACHE_DIR / "grades.json").is_file()
    causes = project / "data" / "causes.yaml"
    clean = causes.read_text(encoding="utf-8")
    edit(causes, "    sources:\n", "    sources:\n      - no-such-source\n")
    warm = check(project)
    assert "[source-unknown]" in warm and warm == check(project, cached=False)
    causes.write_text(clean, encoding="utf-8")
    hard = " ".join(["Extraordinarily complicated neuromuscular physiological considerations notwithstanding."] * 12)
    (project / "content" / "extra.md").write_text(f"# Extra\n\n{hard}\n", encoding="utf-8")
    warm = check(project)
    assert "content/extra.md:1: [readability-grade]" in warm and warm == check(project, cached=False)


def test_a_damaged_cache_is_ignored(project: Path) -> None:
    cold = check(project, cached=False)
    check(project)
    for stored in (project / CACHE_DIR).glob("*.json"):
        stored.write_text('{"not": "what was stored"', encoding="utf-8")
    assert check(project) == cold
    for stored in (project / CACHE_DIR).glob("*.json"):
        stored.write_text("[1, 2, 3]", encoding="utf-8")
    assert check(project) == cold


def test_the_stored_check_result_depends_on_the_day_and_on_stylesheets(project: Path) -> None:
    """The whole result of the rules is kept for an unchanged project; another day (review dates
    may then lie in the future) or an edited stylesheet must each give a fresh answer."""
    import datetime as dt

    from macros.checks import run_checks
    from macros.load import load

    today = dt.date(2026, 11, 21)
    rules = {p.rule for p in run_checks(load(project), today=today)}
    assert (project / CACHE_DIR / "checks.json").is_file()
    earlier = {p.rule for p in run_checks(load(project), today=dt.date(2020, 1, 1))}
    assert "reviewed-future" not in rules and "reviewed-future" in earlier
    css = project / "content" / "assets" / "atlas.css"
    css.write_text(
        css.read_text(encoding="utf-8") + "\n@import url(https://fonts.example.com/f.css);\n", encoding="utf-8"
    )
    assert "privacy-third-party" in {p.rule for p in run_checks(load(project), today=today)}


def test_an_edited_file_has_only_its_new_sentences_read_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from macros import contradictions
    from macros.checks import run_checks
    from macros.load import load

    read: list[str] = []
    real = contradictions.claims
    monkeypatch.setattr(contradictions, "claims", lambda s, v: read.append(s.text) or real(s, v))
    day = dt.date(2026, 11, 21)
    run_checks(load(project), today=day)
    assert len(read) > 500  # the first run reads every sentence
    read.clear()
    edit(
        project / "data" / "faqs.yaml",
        "answer: >-\n      A twitch",
        "answer: >-\n      Zorblax twitching is rare. A twitch",
    )
    warm = run_checks(load(project), today=day)
    assert read == ["Zorblax twitching is rare."], read
    monkeypatch.setenv("TA_NO_CACHE", "1")
    assert warm == run_checks(load(project), today=day)
