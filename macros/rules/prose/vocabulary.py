"""The vocabulary the claim extractor reads with: every name and synonym stored on the records,
and the lexicon's cue words (data/lexicon.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from macros.kb import models as m
from macros.rules.prose.phrases import PhraseIndex
from macros.rules.prose.sentences import may_contain

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


def has(cue: str, text: str, vocab: Vocabulary) -> bool:
    """True when the sentence contains a cue word of that kind."""
    pattern = vocab.cues.get(cue)
    if pattern is None:
        return False
    starts = vocab.cue_starts.get(cue)
    if starts is not None and not may_contain(text, starts):  # most sentences: no pattern scan
        return False
    return pattern.search(text) is not None
