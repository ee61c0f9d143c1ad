"""Reading grade of every page: Flesch-Kincaid (as textstat computes it) over the page's own prose.

It grades what readers read: each page body comes from the pure page functions in
macros.render.pages, plus the hand-written prose of its content/ file. Tables, headings,
citations, navigation and the References page are not prose and are left out.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyphen

from macros.kb import models as m
from macros.kb.origin import origin
from macros.kb.views import Views
from macros.render.citations import Citer
from macros.render.pages import page_bodies
from macros.rules.prose.facts import prose_units
from macros.rules.prose.sentences import FRONT_MATTER, clean_markdown_line
from macros.rules.registry import Context, PageFinding, check

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


_TABLE = re.compile(r"<div class=\"ta-table\".*?</div>", re.S)
_SETTING = re.compile(r"^[a-z_]+:\s")
_CITATION = re.compile(r"<sup.*?</sup>|\[\^[^\]]+\]")
_BADGE_WORDS = ("Emergency", "Urgent", "Soon", "Self-care", "Usually harmless", "Needs a check by a doctor")
_BADGE = re.compile(rf"\b({'|'.join(_BADGE_WORDS)})\b\s*")
_ENDS_SENTENCE = re.compile(r"[.!?:]$")


def prose(markdown: str) -> str:
    """The sentences of a Markdown text, joined: no tables, headings, code, macros or HTML."""
    return " ".join(prose_lines(markdown))


def prose_lines(markdown: str) -> list[str]:
    """The prose of a Markdown text, line by line, each ending like a sentence."""
    markdown = _TABLE.sub(" ", markdown)
    kept = []
    in_code = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or not stripped or stripped.startswith(("|", "#", "---", "{%", "*[")):
            continue
        text = "" if _SETTING.match(stripped) else _prose_line(line)
        if text:
            kept.append(text)
    return kept


@functools.lru_cache(maxsize=1 << 18)
def _prose_line(line: str) -> str:
    """One line's prose (pages repeat most of their lines, each sign box on many pages, so each
    distinct line is cleaned once)."""
    text = clean_markdown_line(_CITATION.sub("", line)).strip()
    text = _BADGE.sub("", text)
    return text if not text or _ENDS_SENTENCE.search(text) else text + "."


def page_grades(kb: m.KnowledgeBase, pages: dict[str, str]) -> list[PageGrade]:
    """Grade of every page that has prose, hardest first."""
    views = Views(kb)
    sources: dict[str, tuple[list[str], tuple[str, int]]] = {}  # page -> (its Markdown parts, where)
    for src, (_, body) in page_bodies(views).items():
        sources[f"content/{src}"] = ([body(src, Citer(views.sources))], _where(src, views))  # type: ignore[operator]
    for path, text in pages.items():
        if path in NOT_PROSE:
            continue
        parts, where = sources.get(path, ([], (path, 1)))
        sources[path] = ([FRONT_MATTER.sub("", text), *parts], where)
    grades = []
    for page, (parts, where) in sources.items():
        words, grade = measure_lines([line for part in parts for line in prose_lines(part)])
        grades.append(PageGrade(page, words, grade if words >= MIN_WORDS else None, where))
    return sorted(grades, key=lambda g: -(g.grade or 0))


# --- Flesch-Kincaid, as textstat 0.7.4 computes it --------------------------------------------------
# A few lines over pyphen rather than textstat itself: newer textstat releases need NLTK data,
# which cannot be downloaded here. Tests compare the two on every page and on random text.

_PUNCTUATION = re.compile(r"[^\w\s]")  # textstat's remove_punctuation (apostrophes too, its default)
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")  # textstat's sentence_count


@functools.cache
def _hyphenation() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@functools.lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """Syllables of a word as pyphen splits it (pages repeat a few thousand words tens of thousands
    of times, so each word is split once)."""
    return len(_hyphenation().positions(word)) + 1


def measure(text: str) -> tuple[int, float]:
    """(words, Flesch-Kincaid grade) of a text, as textstat 0.7.4 counts them; (0, 0.0) without words."""
    return measure_lines([text])


def measure_lines(lines: list[str]) -> tuple[int, float]:
    """measure() of the lines joined by spaces, counting words and syllables line by line."""
    counts = [_counts(line) for line in lines]
    words = sum(w for w, _ in counts)
    if not words:
        return 0, 0.0
    found = _SENTENCE.findall(" ".join(lines))
    sentences = max(1, len(found) - sum(map(_is_short, found)))
    syllables = sum(s for _, s in counts)
    asl = _round(words / sentences, 1)  # textstat rounds both averages
    spw = _round(syllables / words, 1)
    return words, _round(0.39 * asl + 11.8 * spw - 15.59, 1)


@functools.lru_cache(maxsize=1 << 18)
def _counts(line: str) -> tuple[int, int]:
    """(words, syllables) of one line; the words of lines joined by spaces add up."""
    tokens = _PUNCTUATION.sub("", line.lower()).split()
    return len(tokens), sum(map(_syllables, tokens))


@functools.lru_cache(maxsize=1 << 18)
def _is_short(sentence: str) -> bool:
    """textstat leaves out sentences of two words or fewer."""
    return len(_PUNCTUATION.sub("", sentence).split()) <= 2


def flesch_kincaid(text: str) -> float:
    """textstat.flesch_kincaid_grade(text)."""
    return measure(text)[1]


def _round(number: float, points: int) -> float:
    """textstat's _legacy_round: half away from zero."""
    p = 10**points
    return float(math.floor(number * p + math.copysign(0.5, number))) / p


def _where(src: str, views: Views) -> tuple[str, int]:
    """Where the words of a generated page are written: its record in data/."""
    folder, _, name = src.partition("/")
    record_id = name.removesuffix(".md")
    table = {"causes": views.causes, "roots": views.roots, "body-areas": views.regions}.get(folder, {})
    place = origin(table[record_id]) if record_id in table else None
    return (place.path, place.line) if place else (f"content/{src}", 1)


@check("readability-grade", severity="warning")
def readability(ctx: Context) -> Iterator[PageFinding]:
    """A page reads above US grade 9 (a warning; above grade 12, an error), at the file to rewrite."""
    if not ctx.complete:
        return  # broken data is not rendered, so it is not graded
    for g in page_grades(ctx.kb, ctx.pages):
        if g.grade is None or g.grade <= WARN_GRADE:
            continue
        yield PageFinding(
            g.where[0],
            g.where[1],
            f"page {g.page} reads at US grade {g.grade:.1f} (aim for {TARGET_GRADE:g} or lower) - use shorter sentences and everyday words",
            severity="error" if g.grade > FAIL_GRADE else None,
        )


#: A sentence longer than this is hard to follow on a phone, whatever the page's grade.
MAX_SENTENCE_WORDS = 35


@check("sentence-too-long", severity="warning")
def sentences_short(ctx: Context) -> Iterator[PageFinding]:
    """A sentence of more than 35 words in a page or data text (a warning: split it)."""
    for path, sentences, line_of in prose_units(ctx):
        for sentence in sentences:
            words = len(sentence.text.split())
            if words > MAX_SENTENCE_WORDS:
                yield PageFinding(
                    path,
                    line_of(sentence),
                    f"a sentence of {words} words ('{sentence.text[:50]}...') - split it: "
                    f"at most {MAX_SENTENCE_WORDS} words keeps it easy to follow",
                )
