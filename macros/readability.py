"""Reading grade of every page: Flesch-Kincaid (textstat) over the page's own prose.

Runs after rendering (it grades what readers read): each page body comes from the pure page
functions in macros.pages, plus the hand-written prose of its content/ file. Tables, headings,
citations, navigation and the References page are not prose and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from macros import cache
from macros.cache import DiskCache
from macros.citations import Citer
from macros.claims import clean_markdown_line
from macros.load import Loaded, origin
from macros.pages import page_bodies
from macros.problems import Problem
from macros.views import Views

#: Above WARN_GRADE a page gets a warning, above FAIL_GRADE an error; we aim for 8 or below.
TARGET_GRADE = 8.0
WARN_GRADE = 9.0
FAIL_GRADE = 12.0
MIN_WORDS = 40  # fewer words than this give no meaningful grade
NOT_PROSE = ("content/references.md", "content/numbers.md")


@dataclass(frozen=True)
class PageGrade:
    """One page's grade and where its words are written."""

    page: str  # content/... path of the page
    words: int
    grade: float | None
    where: tuple[str, int]  # file and line an editor would change


def prose(markdown: str) -> str:
    """The sentences of a Markdown text: no tables, headings, code, macros or HTML."""
    markdown = re.sub(r"<div class=\"ta-table\".*?</div>", " ", markdown, flags=re.S)
    kept = []
    in_code = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if (
            in_code
            or not stripped
            or stripped.startswith(("|", "#", "---", "{%", "*["))
            or re.match(r"^[a-z_]+:\s", stripped)
        ):
            continue
        text = clean_markdown_line(re.sub(r"<sup.*?</sup>|\[\^[^\]]+\]", "", line)).strip()
        text = re.sub(r"\b(Emergency|Urgent|Soon|Self-care|Usually harmless|Needs a check by a doctor)\b\s*", "", text)
        if text:
            kept.append(text if re.search(r"[.!?:]$", text) else text + ".")
    return " ".join(kept)


def page_grades(loaded: Loaded) -> list[PageGrade]:
    """Grade of every page that has prose, hardest first (each page's grade is kept on disk
    under its exact words, so only edited pages are graded again)."""
    views = Views(loaded.kb)
    sources: dict[str, tuple[list[str], tuple[str, int]]] = {}  # page -> (its Markdown parts, where)
    for src, (_, body) in page_bodies(views).items():
        sources[f"content/{src}"] = ([body(src, Citer(views.sources))], _where(src, views))  # type: ignore[operator]
    for path, text in loaded.pages.items():
        if path in NOT_PROSE:
            continue
        own = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
        parts, where = sources.get(path, ([], (path, 1)))
        sources[path] = ([own, *parts], where)
    stored = DiskCache(loaded.root, "grades")
    grades = []
    syllables: dict[str, int] = {}
    for page, (parts, where) in sources.items():
        entry = cache.key("grade", page, *parts)
        hit = stored.get(entry)
        if hit is None:
            text = " ".join(p for p in (prose(part) for part in parts) if p)
            words = len(text.split())
            hit = [words, flesch_kincaid(text, syllables) if words >= MIN_WORDS else None]
            stored.put(entry, hit)
        grades.append(PageGrade(page, hit[0], hit[1], where))
    stored.save()
    return sorted(grades, key=lambda g: -(g.grade or 0))


def flesch_kincaid(text: str, syllables: dict[str, int]) -> float:
    """textstat.flesch_kincaid_grade(text), step for step, counting each word's syllables once."""
    import textstat  # slow to import (pkg_resources): only when a page needs grading

    ts = textstat.textstat  # the module-level instance that owns the helpers
    words = ts.lexicon_count(text)  # type: ignore[attr-defined]
    sentences = ts.sentence_count(text)  # type: ignore[attr-defined]
    if not words or not sentences:
        return 0.0
    total = 0
    for word in ts.remove_punctuation(text.lower()).split():  # type: ignore[attr-defined]
        if word not in syllables:
            syllables[word] = ts.syllable_count(word)  # type: ignore[attr-defined]
        total += syllables[word]
    asl = ts._legacy_round(words / sentences, 1)  # type: ignore[attr-defined]  # textstat rounds both averages
    spw = ts._legacy_round(total / words, 1)  # type: ignore[attr-defined]
    return float(ts._legacy_round(0.39 * asl + 11.8 * spw - 15.59, 1))  # type: ignore[attr-defined]


def _where(src: str, views: Views) -> tuple[str, int]:
    """Where the words of a generated page are written: its record in data/."""
    folder, _, name = src.partition("/")
    record_id = name.removesuffix(".md")
    table = {"causes": views.causes, "roots": views.roots, "body-areas": views.regions}.get(folder, {})
    place = origin(table[record_id]) if record_id in table else None
    return (place.path, place.line) if place else (f"content/{src}", 1)


def readability_problems(grades: list[PageGrade]) -> Iterator[Problem]:
    """A warning above grade 9 and an error above grade 12, at the file to rewrite."""
    for g in grades:
        if g.grade is None or g.grade <= WARN_GRADE:
            continue
        severity = "error" if g.grade > FAIL_GRADE else "warning"
        yield Problem(
            g.where[0],
            g.where[1],
            "readability-grade",
            severity,
            f"page {g.page} reads at US grade {g.grade:.1f} (aim for {TARGET_GRADE:g} or lower) - use shorter sentences and everyday words",
        )
