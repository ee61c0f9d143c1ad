"""Claim extraction: find what each sentence of prose asserts, keeping its file and line.

Prose is every hand-written page in content/ (Markdown-aware: front matter, code, macro calls,
HTML tags and link targets are skipped) and every free-text field in data/. A sentence yields
claims only through words of the lexicon (data/lexicon.yaml) and the names and synonyms stored
on the records themselves; a sentence with a negation or a question mark yields none.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from typing import Literal, NamedTuple

from macros import models as m
from macros.phrases import PhraseIndex, tokens

ClaimKind = Literal[
    "root-region",
    "root-sensory",
    "root-reflex",
    "root-deficit",
    "nerve-supply",
    "figure",
    "sign-urgency",
    "sign-symptom",
    "cause-seriousness",
]


class Sentence(NamedTuple):
    """One sentence of prose and where it starts."""

    path: str
    line: int
    text: str


@dataclass(frozen=True)
class Claim:
    """One thing a sentence asserts: ``subject`` (an id) relates to ``value``."""

    kind: ClaimKind
    subject: tuple[str, ...]  # ids; several when a sentence lists roots together ("L4, L5 or S1")
    value: str
    phrase: str  # the words of the sentence that made the claim
    sentence: Sentence


# --- Prose -------------------------------------------------------------------------------------

#: Free-text fields of each record kind (names, synonyms and ids are not prose).
PROSE_FIELDS: dict[type[m.Model], tuple[str, ...]] = {
    m.Cause: ("summary", "mechanism", "pattern", "helps"),
    m.WarningSign: ("description", "action"),
    m.Faq: ("answer",),
    m.Term: ("definition",),
    m.Comparison: ("what_it_is", "how_it_differs"),
    m.Region: ("description",),
    m.Muscle: ("action",),
    m.Nerve: ("supplies",),
    m.Deficit: ("description",),
    m.Root: ("sensory_area", "weakness", "symptoms", "reflex_note", "movements"),
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
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
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
        cleaned = clean_markdown_line(raw)
        # Headings, table rows and list items end a paragraph: each is its own statement.
        starts_block = re.match(r"^\s*(#|\||[-*+]\s|\d+\.\s)", raw) is not None
        if not cleaned.strip() or starts_block:
            yield from _paragraph_sentences(path, paragraph)
            paragraph = []
        if cleaned.strip():
            for cell in cleaned.split("|") if raw.lstrip().startswith("|") else [cleaned]:
                paragraph.append((number, cell))
            if starts_block:
                yield from _paragraph_sentences(path, paragraph)
                paragraph = []
    yield from _paragraph_sentences(path, paragraph)


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
    for name in PROSE_FIELDS.get(type(record), ()):
        value = getattr(record, name)
        texts = value if isinstance(value, list) else [value] if value else []
        for index, text in enumerate(texts):
            start = line_of(name, index) if isinstance(value, list) else line_of(name)
            visible = _LINK.sub(r"\1", text) if "](" in text else text  # Markdown links: their words
            for _, sentence in split_sentences(" ".join(visible.split())):
                yield Sentence(path, start, sentence)
    for a, alt in enumerate(record.alternatives if "alternatives" in type(record).model_fields else ()):
        start = line_of("alternatives", a)
        for _, sentence in split_sentences(" ".join(alt.note.split())):
            yield Sentence(path, start, sentence)


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


# --- The vocabulary the extractor reads with --------------------------------------------------------


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive whole-word alternation, longest phrase first."""
    unique = sorted({p.lower().strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not unique:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)
    return re.compile(rf"(?<![\w&-])(?:{body})(?:e?s)?(?![\w&-])", re.I)


_BRACKETED = re.compile(r"(.+?)\s*\((.+)\)")


def _forms(phrase: str) -> set[str]:
    """A name and its plain forms: "Quadriceps (front-thigh muscle)" is also "quadriceps"."""
    word = " ".join(phrase.split())
    forms = {word.lower()}
    bracket = _BRACKETED.fullmatch(word) if word.endswith(")") else None  # most names have no brackets
    if bracket:
        forms.add(bracket.group(1).strip().lower())
        inner = bracket.group(2).strip()
        if len(inner.split()) >= 2 or (inner.isupper() and len(inner) >= 2):  # "ALS", not "(front)"
            forms.add(inner.lower())
    return {f for f in forms if f}


@dataclass
class Vocabulary:
    """Phrase indexes for every kind of mention, built once from the knowledge base."""

    kb: m.KnowledgeBase
    indexes: dict[str, PhraseIndex] = field(default_factory=dict)

    def __post_init__(self) -> None:
        kb = self.kb
        self._add("sign", {s.id: [s.name, *s.aliases] for s in kb.signs})
        self._add("deficit", {d.id: [d.name, *d.synonyms] for d in kb.anatomy.deficits})
        lex = kb.lexicon
        if lex:
            self._add("reflex", {r: list(words) for r, words in lex.reflexes.items()})
            self._add("tier", {t: list(words) for t, words in lex.urgency.items()})
            self._add("seriousness", {s: list(words) for s, words in lex.seriousness.items()})
        self._add("figure", {f.id: list(f.phrases) for f in kb.figures})
        self._add("nerve", {n.id: [n.name, *n.synonyms] for n in kb.anatomy.nerves})
        self._add("cause", {c.id: [c.name, *c.synonyms] for c in kb.causes})
        self._add("muscle", {x.id: [x.name, *x.synonyms] for x in kb.anatomy.muscles})
        self._add("region", {r.id: [r.name, *r.synonyms] for r in kb.anatomy.regions})
        self._add("root", {r.id: [r.label, *r.aliases] for r in kb.roots})

    def _add(self, kind: str, names: dict[str, list[str]]) -> None:
        index = PhraseIndex()
        for record_id, phrases in names.items():
            for phrase in phrases:
                for form in _forms(phrase):
                    index.add(form, record_id)
        self.indexes[kind] = index

    @cached_property
    def starting(self) -> dict[str, tuple[str, ...]]:
        """For each word a phrase may start with, the kinds of those phrases."""
        kinds: dict[str, list[str]] = {}
        for kind, index in self.indexes.items():
            for word in index.starts():
                kinds.setdefault(word, []).append(kind)
        return {word: tuple(found) for word, found in kinds.items()}

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every phrase and cue word: claims read with an equal vocabulary are equal."""
        digest = hashlib.sha256(self.kb.lexicon.model_dump_json().encode() if self.kb.lexicon else b"-")
        for kind in sorted(self.indexes):
            table = self.indexes[kind].table
            for words in sorted(table):
                digest.update(f"{kind}|{'/'.join(words)}|{','.join(sorted(table[words]))}\n".encode())
        return digest.hexdigest()

    @cached_property
    def cues(self) -> dict[str, re.Pattern[str] | None]:
        """Compiled cue-word patterns (the lexicon's short lists; they do not grow with the data)."""
        lex = self.kb.lexicon
        if lex is None:
            return {}
        return {kind: _phrase_pattern(getattr(lex, field)) for kind, field in _CUE_LISTS.items()}

    @cached_property
    def cue_starts(self) -> dict[str, tuple[str, ...] | None]:
        """For each kind of cue, the first words of its phrases, lowercased, none holding another:
        an ASCII sentence without any of them holds no cue of that kind (None: a first word is
        not ASCII, and re.I may match it to ASCII letters, so there is no such shortcut)."""
        lex = self.kb.lexicon
        if lex is None:
            return {}
        found: dict[str, tuple[str, ...] | None] = {}
        for kind, listed in _CUE_LISTS.items():
            firsts = {p.lower().split()[0] for p in getattr(lex, listed) if p.strip()}
            fewest = [w for w in firsts if not any(o != w and o in w for o in firsts)]
            found[kind] = tuple(sorted(fewest)) if all(w.isascii() for w in firsts) else None
        return found


#: Kind of cue -> the lexicon's list of its phrases.
_CUE_LISTS = {
    "negation": "negations",
    "motor": "motor_cues",
    "sensory": "sensory_cues",
    "supply": "supply_cues",
    "symptom": "symptom_cues",
}


# --- Mentions -----------------------------------------------------------------------------------------

#: Order in which mentions are found; each found span is masked before the next kind is searched,
#: so "foot drop" is a deficit (not the foot), "knee jerk" a reflex (not the knee), and so on.
MENTION_ORDER = (
    "sign",
    "deficit",
    "reflex",
    "figure",
    "tier",
    "nerve",
    "cause",
    "seriousness",
    "muscle",
    "region",
    "root",
)

_DISC_LEVEL = re.compile(
    r"\b[LS][1-5]\s*[-/–]\s*[LS]?[1-5]\b(?=\s*(?:disc|disk|level|intervertebral|space|joint|herniation|vertebra))", re.I
)
_ROOT_RANGE = re.compile(r"\b([LS])([1-5])\s*(?:-|–|to)\s*([LS])([1-5])\b", re.I)
_PERCENT = re.compile(
    r"(?P<a>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)?\s*(?:-|–|to)\s*(?P<b>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)"
    r"|(?P<c>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)"
    r"|(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out of)\s+(?P<d>10|ten|100)\b",
    re.I,
)
#: What every percentage holds, lowercased: its sign or word, or the 10, 100 or ten of "one in ten".
_PERCENT_HOLDS = ("%", "percent", "per cent", "10", "ten")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
ROOT_ORDER = ("l1", "l2", "l3", "l4", "l5", "s1", "s2", "s3", "s4", "s5")


class Mention(NamedTuple):
    """A phrase of a sentence that names something: its kind, ids and position."""

    kind: str
    ids: frozenset[str]
    start: int
    end: int
    phrase: str


class Reading:
    """A sentence's words, and where in them a phrase of each kind may start."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        # Disc levels and root ranges are written with a digit from 1 to 5: most sentences have none.
        self.numbered = any(map(text.__contains__, "12345"))  # substring scans: faster than a pattern
        self.base = _DISC_LEVEL.sub(lambda match: " " * len(match.group(0)), text) if self.numbered else text
        self.words = tokens(self.base)
        # The kinds of phrase each word may start, and all of them together: C-level passes (most
        # sentences need no more than that; ``starts`` places them when a phrase is looked for).
        self._kinds_at = list(map(vocab.starting.get, self.words.words))
        self.kinds: frozenset[str] = _NO_KINDS.union(*filter(None, self._kinds_at))
        self._starts: dict[str, list[int]] | None = None
        self._signs: list[tuple[frozenset[str], int, int, int, int]] | None = None

    @property
    def starts(self) -> dict[str, list[int]]:
        """For each kind of phrase, the positions of the words that may start one."""
        if self._starts is None:
            kinds_at = self._kinds_at
            starts: dict[str, list[int]] = {}
            for position in compress(range(len(kinds_at)), kinds_at):
                for kind in kinds_at[position]:  # type: ignore[union-attr]
                    if kind in starts:
                        starts[kind].append(position)
                    else:
                        starts[kind] = [position]
            self._starts = starts
        return self._starts

    def signs(self, vocab: Vocabulary) -> list[tuple[frozenset[str], int, int, int, int]]:
        """Where warning signs are named (the first kind searched: nothing masks them)."""
        if self._signs is None:
            at = self.starts.get("sign")
            self._signs = vocab.indexes["sign"].spans(self.words, [], at) if at else []
        return self._signs


_NO_KINDS: frozenset[str] = frozenset()


def mentions(text: str, vocab: Vocabulary, reading: Reading | None = None) -> list[Mention]:
    """Every mention in a sentence, longer and more specific phrases first (``reading``: its
    words, when the caller has read them already)."""
    reading = reading or Reading(text, vocab)
    base, words, starts = reading.base, reading.words, reading.starts
    found: list[Mention] = []
    for kind in MENTION_ORDER:
        if kind == "root" and reading.numbered:
            masking = [f for f in found if f.kind not in UNMASKED_BY.get(kind, ())]
            _expand_ranges(_mask(base, masking) if masking else base, found)
        at = starts.get(kind)
        if at is None:
            continue
        if kind == "sign":
            spans = reading.signs(vocab)
        else:
            unmasked = UNMASKED_BY.get(kind, ())
            spans = vocab.indexes[kind].spans(words, [(f.start, f.end) for f in found if f.kind not in unmasked], at)
        for ids, start, end, _, _ in spans:
            found.append(Mention(kind, ids, start, end, text[start:end]))
    if len(found) > 1:
        found.sort(key=_start)
    return found


def _start(mention: Mention) -> int:
    return mention.start


#: Kinds whose spans do not hide another kind: "foot drop" is both a warning sign and a deficit.
UNMASKED_BY: dict[str, tuple[str, ...]] = {"deficit": ("sign",), "seriousness": ("tier",)}


def _mask(text: str, spans: list[Mention]) -> str:
    """Blank out the spans already claimed by a mention."""
    for mention in spans:
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end :]
    return text


def _expand_ranges(masked: str, found: list[Mention]) -> str:
    """A root range such as 'L4-S1' names every root in it."""
    for match in _ROOT_RANGE.finditer(masked):
        first = f"{match.group(1)}{match.group(2)}".lower()
        last = f"{match.group(3)}{match.group(4)}".lower()
        if first in ROOT_ORDER and last in ROOT_ORDER and ROOT_ORDER.index(first) < ROOT_ORDER.index(last):
            ids = frozenset(ROOT_ORDER[ROOT_ORDER.index(first) : ROOT_ORDER.index(last) + 1])
            found.append(Mention("root", ids, match.start(), match.end(), match.group(0)))
    return masked


def has(cue: str, text: str, vocab: Vocabulary) -> bool:
    """True when the sentence contains a cue word of that kind."""
    pattern = vocab.cues.get(cue)
    if pattern is None:
        return False
    starts = vocab.cue_starts.get(cue)
    if starts is not None and not may_contain(text, starts):  # most sentences: no pattern scan
        return False
    return pattern.search(text) is not None


def _groups(roots: list[Mention], text: str) -> list[Mention]:
    """Merge roots written as a list ('L4, L5 or S1') into one mention naming all of them."""
    groups: list[Mention] = []
    for mention in roots:
        if groups and re.fullmatch(
            r"[\s,/]*(?:and|or|and/or|to|-)?[\s,/]*", text[groups[-1].end : mention.start], re.I
        ):
            last = groups.pop()
            mention = Mention("root", last.ids | mention.ids, last.start, mention.end, text[last.start : mention.end])
        groups.append(mention)
    return groups


_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s*(?:so|while|whereas|but|although|though|because|which)\b|\s(?:while|whereas|but)\s", re.I
)
_PARENTHESIS_AFTER = re.compile(r"\s*\(\s*$")
_LOCATION_BETWEEN = re.compile(
    r"^\s*(?:nerve\s+)?(?:roots?\s+)?(?:in|at|from|of|near|inside)\s+(?:the\s+)?(?:your\s+)?$", re.I
)


_FINE_BREAK = re.compile(
    _CLAUSE_BREAK.pattern + r"|,\s*and\b|\s+and\s+(?=most|many|some|the|about|around|only|up)", re.I
)


def clauses(text: str, fine: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence; ``fine`` also breaks at ', and'."""
    bounds, start = [], 0
    for match in (_FINE_BREAK if fine else _CLAUSE_BREAK).finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _clause_of(position: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    return next((span for span in spans if span[0] <= position <= span[1]), (0, 10**9))


def _nearest(target: Mention, anchors: list[Mention], text: str = "") -> Mention | None:
    """The anchor a mention belongs to: a root in brackets just after it ('quadriceps (L3)'),
    else the nearest one before it in its clause, else the first after it in its clause,
    else the nearest one before it in the sentence."""
    after = [a for a in anchors if a.start >= target.end]
    if text and after and _PARENTHESIS_AFTER.fullmatch(text[target.end : after[0].start]):
        return after[0]
    if text:
        lo, hi = _clause_of(target.start, clauses(text))
        inside = [a for a in anchors if a.start >= lo and a.end <= hi]
        before = [a for a in inside if a.end <= target.start]
        if before:
            return before[-1]
        following = [a for a in inside if a.start >= target.end]
        if following:
            return following[0]
    before = [a for a in anchors if a.end <= target.start]
    if before:
        return before[-1]
    return after[0] if after else None


def _nearest_any(target: Mention, anchors: list[Mention]) -> Mention | None:
    """The anchor closest to ``target`` on either side."""
    if not anchors:
        return None
    return min(anchors, key=lambda a: min(abs(a.start - target.end), abs(target.start - a.end)))


# --- Claims -----------------------------------------------------------------------------------------------


def claims(sentence: Sentence, vocab: Vocabulary) -> list[Claim]:
    """Every claim a sentence makes (none for questions and negated sentences)."""
    text = sentence.text
    reading = Reading(text, vocab)
    # Both tests only ever leave a sentence out: the cheaper one first.
    if not may_claim(reading, vocab) or text.rstrip().endswith("?") or has("negation", text, vocab):
        return []
    found = mentions(text, vocab, reading)
    by_kind: dict[str, list[Mention]] = {}
    for mention in found:
        by_kind.setdefault(mention.kind, []).append(mention)
    out: list[Claim] = []
    out += _root_claims(sentence, by_kind, vocab)
    out += _nerve_claims(sentence, by_kind, vocab)
    out += _figure_claims(sentence, by_kind)
    out += _sign_claims(sentence, by_kind, vocab)
    out += _cause_claims(sentence, by_kind)
    return out


def may_claim(reading: Reading, vocab: Vocabulary) -> bool:
    """False only for a sentence that cannot make a claim of any kind (most sentences): each
    test is one that the claims of a kind need, on words that could start a phrase, before any
    phrase is looked for (tests compare with the whole search)."""
    kinds, text = reading.kinds, reading.text
    if "root" in kinds or reading.numbered:  # a root named, or a range such as L4-S1
        return True
    if "seriousness" in kinds and "cause" in kinds:
        return True
    if "figure" in kinds and has_percent(text):
        return True
    nerve_and_place = "nerve" in kinds and ("muscle" in kinds or "region" in kinds)
    if nerve_and_place and has("supply", text, vocab) and not has("sensory", text, vocab):
        return True
    if "sign" in kinds and ("tier" in kinds or ("cause" in kinds and has("symptom", text, vocab))):
        return bool(reading.signs(vocab))  # searched here for a sign, and not again
    return False


def _root_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], vocab: Vocabulary) -> list[Claim]:
    groups = _groups(by_kind.get("root", []), sentence.text)
    if not groups:
        return []
    text = sentence.text
    motor, sensory = has("motor", text, vocab), has("sensory", text, vocab)
    out: list[Claim] = []
    for mention in by_kind.get("region", []) + by_kind.get("muscle", []):
        group = _nearest(mention, groups, text)
        if group is None:
            continue
        if group.end <= mention.start and _LOCATION_BETWEEN.fullmatch(text[group.end : mention.start]):
            continue  # "the S1 root in the lower back": where the root is, not where it acts
        values = sorted(mention.ids)
        value = ",".join(f"{mention.kind}:{v}" for v in values)
        if motor and not sensory:
            out.append(Claim("root-region", tuple(sorted(group.ids)), value, mention.phrase, sentence))
        elif sensory and not motor:
            out.append(Claim("root-sensory", tuple(sorted(group.ids)), value, mention.phrase, sentence))
        elif motor and sensory:
            # Ambiguous sentence: it is only wrong if the root neither moves nor feels there.
            out.append(Claim("root-region", tuple(sorted(group.ids)), value + ",either", mention.phrase, sentence))
    for kind, claim_kind in (("reflex", "root-reflex"), ("deficit", "root-deficit")):
        for mention in by_kind.get(kind, []):
            group = _nearest(mention, groups, text)
            if group is not None:
                for value in sorted(mention.ids):
                    out.append(Claim(claim_kind, tuple(sorted(group.ids)), value, mention.phrase, sentence))  # type: ignore[arg-type]
    return out


def _nerve_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], vocab: Vocabulary) -> list[Claim]:
    nerves = by_kind.get("nerve", [])
    text = sentence.text
    if not nerves or not has("supply", text, vocab) or has("sensory", text, vocab):
        return []
    out: list[Claim] = []
    for mention in by_kind.get("muscle", []) + by_kind.get("region", []):
        nerve = _nearest_any(mention, nerves)
        if nerve is not None:
            value = ",".join(f"{mention.kind}:{v}" for v in sorted(mention.ids))
            out.append(Claim("nerve-supply", tuple(sorted(nerve.ids)), value, mention.phrase, sentence))
    return out


def has_percent(text: str) -> bool:
    """True when the text writes a percentage (``percent_values`` finds one)."""
    # Substring scans first: the pattern is slow, and most sentences hold none of these.
    return may_contain(text, _PERCENT_HOLDS) and _PERCENT.search(text) is not None


def percent_values(text: str) -> list[tuple[int, float, float]]:
    """(position, low, high) for every percentage written in the text ('70%', '20-40%', '7 in 10')."""
    values = []
    for match in _PERCENT.finditer(text):
        if match.group("a"):
            low, high = float(match.group("a")), float(match.group("b"))
        elif match.group("c"):
            low = high = float(match.group("c"))
        else:
            count = match.group("n").lower()
            number = float(_WORDS.get(count, count))  # type: ignore[arg-type]
            whole = float(_WORDS.get(match.group("d").lower(), match.group("d")))  # type: ignore[arg-type]
            low = high = 100 * number / whole
        values.append((match.start(), low, high))
    return values


def _figure_claims(sentence: Sentence, by_kind: dict[str, list[Mention]]) -> list[Claim]:
    figures = by_kind.get("figure", [])
    if len(figures) != 1:
        return []  # several quantities in one sentence: the numbers cannot be told apart
    numbers = percent_values(sentence.text)
    if not numbers:
        return []
    mention = figures[0]
    lo, hi = _clause_of(mention.start, clauses(sentence.text, fine=True))
    numbers = [n for n in numbers if lo <= n[0] <= hi]
    if not numbers:
        return []
    _, low, high = min(numbers, key=lambda n: abs(n[0] - mention.start))
    return [Claim("figure", tuple(sorted(mention.ids)), f"{low:g}-{high:g}", mention.phrase, sentence)]


def _sign_claims(sentence: Sentence, by_kind: dict[str, list[Mention]], vocab: Vocabulary) -> list[Claim]:
    signs = by_kind.get("sign", [])
    if not signs:
        return []
    tiers = by_kind.get("tier", [])
    out: list[Claim] = []
    for mention in signs:
        tier = _nearest_any(mention, tiers)
        if tier is not None:
            out.append(
                Claim(
                    "sign-urgency",
                    tuple(sorted(mention.ids)),
                    min(tier.ids, key=m.URGENCY_ORDER.index),
                    tier.phrase,
                    sentence,
                )
            )
        elif by_kind.get("cause") and has("symptom", sentence.text, vocab):
            # "Symptoms of sciatica include loss of bowel control": a red flag listed as a routine symptom.
            out.append(Claim("sign-symptom", tuple(sorted(mention.ids)), "ordinary symptom", mention.phrase, sentence))
    return out


_COPULA = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:is|are|was|were|can be|may be|will be|tends? to be|seems?|sounds?)\s+"
    r"(?:(?:usually|often|generally|almost always|always|mostly|very|completely|entirely|quite|a|an|not)\s+)*$",
    re.I,
)


def _cause_claims(sentence: Sentence, by_kind: dict[str, list[Mention]]) -> list[Claim]:
    causes = by_kind.get("cause", [])
    out: list[Claim] = []
    for mention in by_kind.get("seriousness", []):
        # Only "<cause> is <word>": in "worry about a serious illness" the word is about something else.
        before = [
            c for c in causes if c.end <= mention.start and _COPULA.fullmatch(sentence.text[c.end : mention.start])
        ]
        if before:
            for level in sorted(mention.ids):
                out.append(Claim("cause-seriousness", tuple(sorted(before[-1].ids)), level, mention.phrase, sentence))
    return out
