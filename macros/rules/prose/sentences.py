"""Sentences of prose with their file and line: Markdown pages and the free-text fields of records.

Prose is every hand-written page in content/ (Markdown-aware: front matter, code, macro calls,
HTML tags and link targets are skipped) and every free-text field in data/.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from macros.kb import models as m


class Sentence(NamedTuple):
    """One sentence of prose and where it starts."""

    path: str
    line: int
    text: str


# --- Prose -------------------------------------------------------------------------------------

#: Free-text fields of each record kind (names, synonyms and ids are not prose).
PROSE_FIELDS: dict[type[m.Model], tuple[str, ...]] = {
    m.Cause: ("summary", "mechanism", "pattern", "helps", "in_short"),
    m.WarningSign: ("description", "action", "tier_note"),
    m.SignGroup: ("description",),
    m.PageSummary: ("in_short",),
    m.Faq: ("answer",),
    m.Term: ("definition",),
    m.Comparison: ("what_it_is", "how_it_differs"),
    m.Region: ("description", "in_short"),
    m.Muscle: ("action",),
    m.Nerve: ("supplies",),
    m.Deficit: ("description",),
    m.Root: ("sensory_area", "weakness", "symptoms", "reflex_note", "movements", "in_short"),
    m.Figure: ("context",),
}

#: A page's YAML front matter (title, description...), which is not prose.
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_ATTRS = re.compile(r"\{[#.:][^}]*\}")
_TAGS = re.compile(r"<[^>]+>")
_INLINE_CODE = re.compile(r"`[^`]*`")
_MARKUP_CHARACTERS = "*_~#>|"
_MARKUP = re.compile(f"[{re.escape(_MARKUP_CHARACTERS)}]+")
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|vs|dr|approx|cf|no|fig)\.", re.I)
_ABBREVIATED = ("e.g.", "i.e.", "etc.", "vs.", "dr.", "approx.", "cf.", "no.", "fig.")  # what it can match
#: A sentence ends at . ! or ? before a capital: after a space, or run together as pasted text
#: often is ("...the calf muscle.If there is...").
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])|(?<=[a-z][.!?])(?=[A-Z][a-z])")


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ADMONITION = re.compile(r"^\s*(!!!|\?\?\?)")


def clean_markdown_line(line: str) -> str:
    """A line of Markdown reduced to its visible words."""
    # Each pattern runs only where the characters it needs are: most lines have no macro, code,
    # link or tag, and a pattern that cannot match still costs a scan of the line.
    if "{" in line:
        line = _MACRO.sub(" ", line)
    if "`" in line:
        line = _INLINE_CODE.sub(" ", line)
    if "](" in line:
        line = _LINK.sub(r"\1", line)
    if "[^" in line:
        line = _FOOTNOTE_REF.sub("", line)
    if "{" in line:
        line = _ATTRS.sub(" ", line)
    if "<" in line:
        line = _TAGS.sub(" ", line)
    if ("---" in line and _TABLE_RULE.match(line)) or (("!!!" in line or "???" in line) and _ADMONITION.match(line)):
        return ""
    return _MARKUP.sub(" ", line) if any(map(line.__contains__, _MARKUP_CHARACTERS)) else line


def markdown_sentences(path: str, text: str) -> Iterator[Sentence]:
    """Sentences of a Markdown page with their line numbers (code and macros skipped)."""
    front = FRONT_MATTER.match(text)
    skip_until = front.group(0).count("\n") if front else 0
    in_code = False
    paragraph: list[tuple[int, str]] = []
    header: list[str] = []  # the cells of the table being read, if any
    lines = text.splitlines()
    for number, raw in enumerate(lines, 1):
        if number <= skip_until:
            continue
        if raw.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            yield from _paragraph_sentences(path, paragraph)
            paragraph = []
            continue
        if in_code:
            continue
        following = lines[number] if number < len(lines) else ""
        if "|" in raw and (header or _TABLE_RULE.match(following) or _TABLE_RULE.match(raw)):
            yield from _paragraph_sentences(path, paragraph)
            paragraph = []
            if _TABLE_RULE.match(following):
                header = _cells(raw)  # a header row: its words go with each cell below it
            elif not _TABLE_RULE.match(raw):
                yield from _row_sentences(path, number, header, _cells(raw))
            continue
        header = []
        cleaned = clean_markdown_line(raw)
        # Headings and list items end a paragraph: each is its own statement.
        starts_block = re.match(r"^\s*(#|[-*+]\s|\d+\.\s)", raw) is not None
        if not cleaned.strip() or starts_block:
            yield from _paragraph_sentences(path, paragraph)
            paragraph = []
        if cleaned.strip():
            paragraph.append((number, cleaned))
            if starts_block:
                yield from _paragraph_sentences(path, paragraph)
                paragraph = []
    yield from _paragraph_sentences(path, paragraph)


def _cells(row: str) -> list[str]:
    """The visible words of each cell of a Markdown table row."""
    parts = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    return [" ".join(clean_markdown_line(part).split()) for part in parts]


def _row_sentences(path: str, number: int, header: list[str], cells: list[str]) -> Iterator[Sentence]:
    """A table row read as what it pairs: its first cell with each other cell, under that
    cell's column heading ("L4: Muscles: quadriceps"), never with the whole row at once. A
    column of symptoms lists what comes with a thing, so its heading's words ("symptoms
    accompanying a twitch") are not a claim about its cells."""
    first = cells[0] if cells else ""
    for i, cell in enumerate(cells[1:], 1):
        if cell:
            heading = header[i] if i < len(header) else ""
            if heading and "symptom" not in heading.lower():
                yield Sentence(path, number, f"{first}: {heading}: {cell}")
            else:
                yield Sentence(path, number, f"{first}: {cell}")


def _paragraph_sentences(path: str, parts: list[tuple[int, str]]) -> Iterator[Sentence]:
    """Split a paragraph (lines with their numbers) into sentences, each at its first line."""
    if not parts:
        return
    text, starts = "", []
    for number, piece in parts:
        starts.append((len(text), number))
        text += " ".join(piece.split()) + " "
    for offset, sentence in split_sentences(text):
        line = max(n for start, n in starts if start <= offset) if offset else starts[0][1]
        yield Sentence(path, line, sentence)


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when a case-insensitive pattern that must match one of the lowercase ASCII
    ``words`` cannot match ``text``: ASCII text (where re.I is plain lowercasing) without them.
    Substring tests cost a fraction of a pattern's scan; other text may hold look-alikes that
    re.I folds to ASCII letters (the dotless i, the long s)."""
    if not text.isascii():
        return True
    return any(map(text.lower().__contains__, words))


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs of a text; common abbreviations do not end a sentence."""
    protected = text
    if may_contain(text, _ABBREVIATED):  # most texts hold none (the pattern was 5% of extraction)
        protected = _ABBREVIATIONS.sub(lambda match: match.group(0).replace(".", "\x00"), text)
    pos = 0
    for piece in _SPLIT.split(protected):
        start = protected.find(piece, pos)
        pos = start + len(piece)
        sentence = " ".join(piece.replace("\x00", ".").split())
        if sentence:
            yield start, sentence


def record_sentences(record: m.Model, path: str, line_of: Callable[..., int]) -> Iterator[Sentence]:
    """Sentences of a record's free-text fields, each at the first line of its field
    (``line_of(field, index)``); ``SentenceLines`` finds a sentence's own line when needed."""
    for start, text in _texts(record):
        visible = _LINK.sub(r"\1", text) if "](" in text else text  # Markdown links: their words
        for _, sentence in split_sentences(" ".join(visible.split())):
            yield Sentence(path, line_of(*start), sentence)
    for a, alt in enumerate(record.alternatives if "alternatives" in type(record).model_fields else ()):
        start = line_of("alternatives", a)
        for _, sentence in split_sentences(" ".join(alt.note.split())):
            yield Sentence(path, start, sentence)


def _texts(record: m.Model) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(field path in the record, text) of each prose field: a list gives each item, and the
    four lines of an `in_short` block each."""
    for name in PROSE_FIELDS.get(type(record), ()):
        value = getattr(record, name)
        if isinstance(value, m.InShort):
            for part in ("what", "outlook", "helps", "doctor"):
                yield (name, part), getattr(value, part)
        elif isinstance(value, list):
            for index, text in enumerate(value):
                yield (name, index), text
        elif value:
            yield (name,), value


class SentenceLines:
    """The line where a sentence of a data file begins, from its field's first line: a folded
    string spreads its sentences over several lines. Few sentences make claims, so the file is
    only split into lines when the first one is asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None

    def __call__(self, sentence: Sentence) -> int:
        """The sentence's own line."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return locate(self._lines, sentence.line, sentence.text)


def locate(file_lines: list[str], start: int, sentence: str) -> int:
    """The line, at or after ``start``, where a sentence of a (possibly folded) YAML string begins
    (runs of whitespace count as one space, in the sentence as in the file)."""
    words = sentence.split()
    flat: dict[int, str] = {}  # only the lines read are flattened: the sentence is seldom far
    for size in (4, 2, 1):
        needle = " ".join(words[:size])
        if not needle:
            break
        for number in range(max(start, 1), min(start + 400, len(file_lines)) + 1):
            line = flat.get(number)
            if line is None:
                line = flat[number] = " ".join(file_lines[number - 1].split())
            if needle in line:
                return number
    return start
