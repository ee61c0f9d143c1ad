"""Readability (Flesch-Kincaid via textstat) and the review report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.kb.load import load
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.pages import page_bodies
from macros.rules import run_checks
from macros.rules.readability import TARGET_GRADE, flesch_kincaid, measure, measure_lines, page_grades, prose
from tests.helpers import ROOT, add_glossary_term, copy_project, edit, line_of, run_cli

HARD = (
    "Notwithstanding considerable interindividual heterogeneity, electrophysiological characterisation "
    "of spontaneous fasciculation potentials necessitates sophisticated neurophysiological instrumentation "
    "and comprehensive multidisciplinary interpretation. "
)


def test_grades_are_textstats_flesch_kincaid() -> None:
    views = Views(load(ROOT).kb)
    graded = 0
    for src, (_, body) in page_bodies(views).items():
        text = prose(body(src, Citer(views.sources)))
        if len(text.split()) >= 40:
            assert measure(text) == (textstat.lexicon_count(text), textstat.flesch_kincaid_grade(text)), src
            graded += 1
    assert graded >= 40


#: Prose as prose_lines gives it: lines stripped, not empty, most ending like a sentence.
_LINE = st.text(st.sampled_from("ab Zé9'-.!?:,;()İß\u2019"), min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_the_grade_is_textstats_on_any_text(lines: list[str]) -> None:
    """Pages are graded line by line (measure_lines): the same figures as textstat on the joined text."""
    text = " ".join(lines)
    assert measure(text)[0] == measure_lines(lines)[0] == textstat.lexicon_count(text)
    if textstat.lexicon_count(text):
        assert flesch_kincaid(text) == measure_lines(lines)[1] == textstat.flesch_kincaid_grade(text)


def test_every_page_reads_at_grade_8_or_below() -> None:
    loaded = load(ROOT)
    grades = page_grades(loaded.kb, loaded.pages)
    assert [(g.page, g.grade) for g in grades if g.grade is not None and g.grade > TARGET_GRADE] == []
    assert len([g for g in grades if g.grade is not None]) >= 40


def test_prose_leaves_out_tables_headings_and_citations() -> None:
    text = prose("# Title\n\n| a | b |\n|---|---|\n| x | y |\n\nA sentence.[^src-x] Another<sup>1</sup>\n")
    assert text == "A sentence. Another."


@pytest.mark.parametrize(("sentences", "severity"), [(HARD * 12, "error"), (None, "warning")])
def test_hard_prose_is_flagged_at_the_record_to_rewrite(tmp_path: Path, sentences: str | None, severity: str) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    causes = project / "data" / "causes.yaml"
    medium = (
        "Persistent fasciculations frequently accompany peripheral neuropathy, particularly "
        "when motor fibres are involved and conduction studies demonstrate abnormalities. "
    ) * 12
    text = causes.read_text(encoding="utf-8")
    start = text.index("  - id: exercise")
    summary_at = text.index("    summary:", start)
    end = text.index("    mechanism:", summary_at)
    causes.write_text(text[:summary_at] + f"    summary: {sentences or medium}\n" + text[end:], encoding="utf-8")
    problems = [p for p in run_checks(load(project)) if "causes/exercise" in p.message]
    assert [p.severity for p in problems] == [severity]
    assert (problems[0].path, problems[0].line) == ("data/causes.yaml", line_of(causes, "- id: exercise"))
    result = run_cli("check", "--root", str(project))
    assert "[readability-grade]" in result.stdout
    assert result.returncode == (1 if severity == "error" else 0)


def test_report_lists_what_to_review(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    (project / "mkdocs.yml").write_text("extra:\n  review_interval_months: 12\n", encoding="utf-8")
    causes = project / "data" / "causes.yaml"
    first = re.search(r"^    reviewed: (\S+)$", causes.read_text(encoding="utf-8"), flags=re.M).group(1)
    edit(causes, f"reviewed: {first}", "reviewed: 2020-01-01")
    add_glossary_term(project, "zygapophysis", "zygapophysis")
    result = run_cli("report", "--root", str(project))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for section in (
        "Facts due for review (1)",
        "Sources never cited (0)",
        "Facts that also cite a web article",
        "Pages by reading grade",
    ):
        assert section in out
    assert "2020-01-01  cause 'caffeine-and-stimulants'" in out
    assert "zygapophysis" in out.split("Glossary terms never used")[1].split("Pages by reading grade")[0]
    assert "content/causes/caffeine-and-stimulants.md" in out
