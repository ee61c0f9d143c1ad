"""macros/rules/prose/claims.py: the shortcuts of claim extraction give what the whole search gives.

Most sentences make no claim, so ``claims`` first asks ``may_claim`` whether the words that
could start a phrase allow any, and ``has_share`` looks for a share's sign or word before the
share pattern runs. Each shortcut must only ever skip work, never change a claim.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros.kb.load import load
from macros.rules import Context
from macros.rules.prose import claims as extraction
from macros.rules.prose import mentions
from macros.rules.prose.claims import claims
from macros.rules.prose.facts import prose_units
from macros.rules.prose.numbers import _SHARE, has_share
from macros.rules.prose.sentences import Sentence
from macros.rules.prose.vocabulary import Vocabulary
from tests.helpers import ROOT


@functools.cache
def _vocab() -> Vocabulary:
    return Vocabulary(load(ROOT).kb)


def _whole_search(sentence: Sentence, vocab: Vocabulary) -> list[extraction.Claim]:
    """``claims`` without its shortcut: every sentence searched for every kind of phrase."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extraction, "may_claim", lambda reading: True)
        return claims(sentence, vocab)


def test_every_sentence_of_the_site_gives_the_claims_of_the_whole_search() -> None:
    loaded = load(ROOT)
    ctx = Context(loaded.kb, loaded.broken_ids, None, loaded.unreadable, loaded.pages, loaded.templates)  # type: ignore[arg-type]
    vocab = _vocab()
    sentences = [s for _, found, _ in prose_units(ctx) for s in found]
    skipped = 0
    for sentence in sentences:
        assert claims(sentence, vocab) == _whole_search(sentence, vocab), sentence
        reading = mentions.Reading(sentence.text, vocab)
        skipped += not extraction.may_claim(reading)
    assert len(sentences) > 500 and skipped > len(sentences) / 2  # the shortcut is taken, and often


def test_the_planted_contradictions_and_correct_sentences_give_the_claims_of_the_whole_search() -> None:
    """The sentences that test the checker (claims of every kind, right and wrong)."""
    from tests.test_contradictions import QUESTIONS, RIGHT, WRONG

    vocab = _vocab()
    kinds = set()
    for text in [t for _, t in WRONG] + [*RIGHT, *QUESTIONS]:
        sentence = Sentence("content/x.md", 1, text)
        found = claims(sentence, vocab)
        assert found == _whole_search(sentence, vocab), text
        kinds |= {c.kind for c in found}
    assert kinds >= {"root-region", "nerve-supply", "figure", "sign-urgency", "sign-symptom", "cause-seriousness"}


def _phrases() -> list[str]:
    """Words that make claims: names of every kind, cue words, numbers, and glue."""
    vocab = _vocab()
    kb, lexicon = vocab.kb, vocab.kb.lexicon
    assert lexicon is not None
    names = [
        *(s.name for s in kb.signs),
        *(a for s in kb.signs for a in s.aliases[:2]),
        *(r.label for r in kb.roots),
        *(n.name for n in kb.anatomy.nerves),
        *(x.name for x in kb.anatomy.muscles[:8]),
        *(r.name for r in kb.anatomy.regions[:8]),
        *(c.name for c in kb.causes[:8]),
        *(f.phrases[0] for f in kb.figures),
        *(w for words in lexicon.urgency.values() for w in words[:3]),
        *(w for words in lexicon.seriousness.values() for w in words[:2]),
        *(w for words in lexicon.reflexes.values() for w in words[:1]),
        *lexicon.motor_cues[:3],
        *lexicon.sensory_cues[:3],
        *lexicon.supply_cues[:3],
        *lexicon.symptom_cues[:3],
    ]
    return [*names, "L4-S1", "L4 to L5", "70%", "20-40%", "one in ten", "7 in 10", "is", "can be", "the", ",", "."]


@settings(max_examples=300, deadline=None)
@example(["sciatic nerve", "supplies", "the", "hamstrings"])  # nerve-supply
@example(["Loss of bowel control", "is", "harmless"])  # sign-urgency
@example(["About", "one in ten", "people"])  # a figure in words
@given(st.deferred(lambda: st.lists(st.sampled_from(_phrases()), min_size=1, max_size=9)))
def test_made_up_sentences_give_the_claims_of_the_whole_search(pieces: list[str]) -> None:
    sentence = Sentence("content/x.md", 1, " ".join(pieces))
    vocab = _vocab()
    assert claims(sentence, vocab) == _whole_search(sentence, vocab)


_NUMBERS = ["70%", "7", "٣", "½", "TEN", "Ten", "ten", "one in ten", "one in 10", "1 in 100", "percent", "per cent",
            "ſ", "K", "\u0130", "in", "out of", "-", " ", "x"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@example("three in TEN")
@example("five out of ten")
@given(st.lists(st.sampled_from(_NUMBERS), max_size=12).map(" ".join) | st.text(max_size=40))
def test_a_share_is_found_as_its_pattern_alone_would(text: str) -> None:
    assert has_share(text) == (_SHARE.search(text) is not None)
