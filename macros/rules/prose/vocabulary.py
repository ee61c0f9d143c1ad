"""The vocabulary the claim extractor reads with: every name and synonym stored on the records,
and the lexicon's phrases and cue words (data/lexicon.yaml), each kind in its own phrase index."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from macros.kb import models as m
from macros.rules.prose.phrases import PhraseIndex

_BRACKETED = re.compile(r"(.+?)\s*\((.+)\)")


_LIST_OF_NAMES = re.compile(r",\s*|\s+and\s+|\s+or\s+")


def forms(phrase: str, listing: bool = False) -> set[str]:
    """A name and its plain forms: "Quadriceps (front-thigh muscle)" is also "quadriceps"; with
    ``listing``, a name that lists things ("Caffeine, nicotine, alcohol and stimulants") names each."""
    word = " ".join(phrase.split())
    found = {word.lower()}
    if listing and "," in word and "(" not in word:
        found.update(part.lower() for part in _LIST_OF_NAMES.split(word) if part)
    bracket = _BRACKETED.fullmatch(word) if word.endswith(")") else None  # most names have no brackets
    if bracket:
        found.add(bracket.group(1).strip().lower())
        inner = bracket.group(2).strip()
        if len(inner.split()) >= 2 or (inner.isupper() and len(inner) >= 2):  # "ALS", not "(front)"
            found.add(inner.lower())
    return {f for f in found if f}


#: Kind of cue -> the lexicon's list of its words.
CUE_LISTS = {
    "negation": "negations",
    "exclusion": "exclusions",
    "hedge": "hedges",
    "spared": "spared",
    "motor": "motor_cues",
    "sensory": "sensory_cues",
    "supply": "supply_cues",
    "symptom": "symptom_cues",
}


#: Words that say nothing of what a figure counts.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "this",
        "these",
        "those",
        "they",
        "them",
        "their",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "say",
        "says",
        "said",
        "who",
        "about",
        "and",
        "or",
        "not",
        "no",
        "as",
        "than",
        "some",
        "any",
        "all",
        "most",
        "many",
        "much",
        "more",
        "less",
        "first",
        "after",
        "before",
        "over",
        "under",
        "into",
        "out",
        "up",
    ]
)
_SUFFIX = re.compile(r"(?:'s|ing|ed|es|s)$")
#: Share of a figure's content words a sentence must use to speak of it.
FIGURE_WORD_SHARE = 0.6


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of a text ("noticed twitches" -> notic, twitch)."""
    words = re.findall(r"[a-z][a-z']+", text.lower())
    return frozenset(_SUFFIX.sub("", w).rstrip("e") if len(w) > 4 else w for w in words if w not in _FUNCTION_WORDS)


@dataclass
class Vocabulary:
    """Phrase indexes for every kind of mention and cue, built once from the knowledge base."""

    kb: m.KnowledgeBase
    indexes: dict[str, PhraseIndex] = field(default_factory=dict)
    cues: dict[str, PhraseIndex] = field(default_factory=dict)

    def __post_init__(self) -> None:
        kb, lex = self.kb, self.kb.lexicon
        self._add("sign", {s.id: [s.name, *s.aliases] for s in kb.signs})
        self._add("deficit", {d.id: [d.name, *d.synonyms] for d in kb.anatomy.deficits})
        if lex:
            self._add("reflex", {r: list(words) for r, words in lex.reflexes.items()})
            self._add("tier", {t: list(words) for t, words in lex.urgency.items()})
            self._add("care", {"care": list(lex.needs_care)})
            self._add("seriousness", {s: list(words) for s, words in lex.seriousness.items()})
            for kind, listed in CUE_LISTS.items():
                index = self.cues[kind] = PhraseIndex()
                for phrase in getattr(lex, listed):
                    index.add(phrase, kind)
        self._add("figure", {f.id: list(f.phrases) for f in kb.figures})
        self._add("nerve", {n.id: [n.name, *n.synonyms] for n in kb.anatomy.nerves})
        self._add("cause", {c.id: [c.name, *c.synonyms] for c in kb.causes}, listing=True)
        self._add("muscle", {x.id: [x.name, *x.synonyms] for x in kb.anatomy.muscles})
        self._add("region", {r.id: [r.name, *r.synonyms] for r in kb.anatomy.regions})
        self._add("root", {r.id: [r.label, *r.aliases] for r in kb.roots})

    def _add(self, kind: str, names: dict[str, list[str]], listing: bool = False) -> None:
        index = PhraseIndex()
        for record_id, phrases in names.items():
            for phrase in phrases:
                for form in forms(phrase, listing):
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
    def figure_words(self) -> dict[str, frozenset[str]]:
        """Each figure's content words (of its quantity), stemmed: a sentence that uses most of them
        speaks of that quantity even in words its phrases do not list."""
        return {f.id: self._figure_words(f.quantity) for f in self.kb.figures}

    @cached_property
    def figures_by_word(self) -> dict[str, list[str]]:
        """For each content word, the figures whose quantity uses it (so a sentence is scored
        against the few figures it shares a word with, not against every figure)."""
        index: dict[str, list[str]] = {}
        for fid, words in self.figure_words.items():
            for word in words:
                index.setdefault(word, []).append(fid)
        return index

    def figure_by_words(self, text: str) -> str | None:
        """The figure whose quantity a sentence names in its own words (most of its content words,
        at least three, and more of them than of any other figure's), or None."""
        hits = Counter(fid for word in self._figure_words(text) for fid in self.figures_by_word.get(word, ()))
        best = sorted(
            (
                (count / len(self.figure_words[fid]), count, fid)
                for fid, count in hits.items()
                if count >= 3 and count / len(self.figure_words[fid]) >= FIGURE_WORD_SHARE
            ),
            reverse=True,
        )
        if not best or (len(best) > 1 and best[0][0] == best[1][0]):
            return None
        return best[0][2]

    @cached_property
    def same_word(self) -> dict[str, str]:
        """Each word of the lexicon's `same_words` lists, stemmed -> the first word of its list, stemmed."""
        lex = self.kb.lexicon
        one: dict[str, str] = {}
        for group in lex.same_words if lex else []:
            stems = [stem for word in group for stem in content_words(word)]
            one.update((stem, stems[0]) for stem in stems)
        return one

    def _figure_words(self, text: str) -> frozenset[str]:
        """A text's content words, the lexicon's same words counted as one ("persons" is "people")."""
        return frozenset(self.same_word.get(word, word) for word in content_words(text))
