"""Reading grade of every page: Flesch-Kincaid (as textstat computes it) over the page's own prose.

Runs after rendering (it grades what readers read): each page body comes from the pure page
functions in macros.pages, plus the hand-written prose of its content/ file. Tables, headings,
citations, navigation and the References page are not prose and are left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from macros import cache
from macros.cache import DiskCache
from macros.citations import Citer
from macros.claims import FRONT_MATTER, clean_markdown_line
from macros.load import Loaded, origin
from macros.pages import page_bodies
from macros.problems import Problem
from macros.syllables import Syllables
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


_TABLE = re.compile(r"<div class=\"ta-table\".*?</div>", re.S)
_SETTING = re.compile(r"^[a-z_]+:\s")
_CITATION = re.compile(r"<sup.*?</sup>|\[\^[^\]]+\]")
_BADGE_WORDS = ("Emergency", "Urgent", "Soon", "Self-care", "Usually harmless", "Needs a check by a doctor")
_BADGE = re.compile(rf"\b({'|'.join(_BADGE_WORDS)})\b\s*")
_ENDS_SENTENCE = re.compile(r"[.!?:]$")


def prose(markdown: str) -> str:
    """The sentences of a Markdown text: no tables, headings, code, macros or HTML."""
    return " ".join(prose_lines(markdown, {}))


def prose_lines(markdown: str, seen: dict[str, str]) -> list[str]:
    """The prose of a Markdown text, line by line, each ending like a sentence; ``seen`` keeps
    what each line gave (pages repeat the same record texts many times)."""
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
        text = seen.get(line)
        if text is None:
            text = seen[line] = "" if _SETTING.match(stripped) else _prose_line(line)
        if text:
            kept.append(text)
    return kept


def _prose_line(line: str) -> str:
    if "<sup" in line or "[^" in line:  # the only way a citation starts
        line = _CITATION.sub("", line)
    text = clean_markdown_line(line).strip()
    if any(map(text.__contains__, _BADGE_WORDS)):  # the pattern is case-sensitive: it needs one of them
        text = _BADGE.sub("", text)
    return text if not text or _ENDS_SENTENCE.search(text) else text + "."


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
        own = FRONT_MATTER.sub("", text)
        parts, where = sources.get(path, ([], (path, 1)))
        sources[path] = ([own, *parts], where)
    stored = DiskCache(loaded.root, "grades")
    grades = []
    lines_of: dict[str, str] = {}
    grader = Grader()
    for page, (parts, where) in sources.items():
        entry = cache.key("grade", page, *parts)
        hit = stored.get(entry)
        if hit is None:
            lines = [line for part in parts for line in prose_lines(part, lines_of)]
            words, grade = grader.measure(lines)
            hit = [words, grade if words >= MIN_WORDS else None]
            stored.put(entry, hit)
        grades.append(PageGrade(page, hit[0], hit[1], where))
    stored.save()
    return sorted(grades, key=lambda g: -(g.grade or 0))


# --- Flesch-Kincaid, as textstat 0.7.4 computes it ------------------------------------------------

_PUNCTUATION = re.compile(r"[^\w\s]")  # textstat's remove_punctuation (apostrophes too, its default)
#: The same for ASCII text, as a table: deleting characters by table is twice as fast.
_ASCII_PUNCTUATION = {c: None for c in range(128) if not (chr(c).isalnum() or chr(c) == "_" or chr(c).isspace())}


def _unpunctuated(text: str) -> str:
    """``text`` without punctuation, as textstat removes it."""
    return text.translate(_ASCII_PUNCTUATION) if text.isascii() else _PUNCTUATION.sub("", text)


_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")  # textstat's sentence_count
_ENDS_STRETCH = re.compile(r"[.!?]$")


class Grader:
    """textstat.flesch_kincaid_grade of a page's prose, counted one stretch of lines at a time.

    Words, sentences and syllables add up over stretches that end a sentence, so each stretch
    is counted once however many pages show it (record texts appear on several pages), and
    neither textstat nor pyphen, slow to import, is needed (syllables: macros.syllables). Tests
    compare the two on every page and on random text.
    """

    def __init__(self) -> None:
        self.stretches: dict[str, tuple[int, int, int]] = {}
        self.syllables: dict[str, int] = {}
        self._counter: Syllables | None = None

    def words(self, lines: list[str]) -> int:
        """How many words the lines hold (as the grade counts them)."""
        return self.measure(lines)[0]

    def grade(self, lines: list[str]) -> float:
        """The grade of the lines joined by spaces; 0.0 for text without words."""
        return self.measure(lines)[1]

    def measure(self, lines: list[str]) -> tuple[int, float]:
        """(words, grade) of the lines joined by spaces, in one pass over their stretches."""
        words = sentences = syllables = 0
        for stretch in _stretches(lines):
            w, s, y = self._counts(stretch)
            words, sentences, syllables = words + w, sentences + s, syllables + y
        if not words:
            return 0, 0.0
        asl = _round(words / max(1, sentences), 1)  # textstat rounds both averages
        spw = _round(syllables / words, 1)
        return words, _round(0.39 * asl + 11.8 * spw - 15.59, 1)

    def _counts(self, stretch: str) -> tuple[int, int, int]:
        found = self.stretches.get(stretch)
        if found is None:
            bare = _unpunctuated(stretch)
            words = len(bare.split())
            sentences = sum(len(_unpunctuated(s).split()) > 2 for s in _SENTENCE.findall(stretch))
            # textstat lowers the text before taking punctuation out; in ASCII text the order
            # makes no difference, so the text is not cleaned twice.
            lowered = bare.lower() if stretch.isascii() else _PUNCTUATION.sub("", stretch.lower())
            syllables = sum(map(self._syllables, lowered.split()))
            found = self.stretches[stretch] = (words, sentences, syllables)
        return found

    def _syllables(self, word: str) -> int:
        count = self.syllables.get(word)
        if count is None:
            if self._counter is None:  # reading the hyphenation patterns: only when a page is graded
                self._counter = Syllables()
            count = self.syllables[word] = self._counter.count(word)
        return count


def flesch_kincaid(text: str) -> float:
    """textstat.flesch_kincaid_grade(text), for a text already joined into one string."""
    return Grader().grade([text])


def _stretches(lines: list[str]) -> list[str]:
    """The lines joined into stretches that each end a sentence (a line ending in ':' runs on)."""
    stretches, pending = [], []
    for line in lines:
        pending.append(line)
        if _ENDS_STRETCH.search(line):
            stretches.append(" ".join(pending))
            pending = []
    if pending:
        stretches.append(" ".join(pending))
    return stretches


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
