"""macros/phrases.py: words and their places, and the longest phrase at each place."""

from __future__ import annotations

from macros.phrases import PhraseIndex, tokens


def test_each_word_is_lowercased_and_points_back_at_its_text() -> None:
    text = "  Knee-JERK, don\u2019t; L4-S1 and A&E\u2026 \u0130stanbul!"
    found = tokens(text)
    assert found.words == ["knee-jerk", "don\u2019t", "l4-s1", "and", "a&e", "i\u0307stanbul"]
    slices = [text[found.bounds[2 * k] : found.bounds[2 * k + 1]] for k in range(len(found.words))]
    assert slices == ["Knee-JERK", "don\u2019t", "L4-S1", "and", "A&E", "\u0130stanbul"]
    assert tokens("").words == [] and tokens(" ... ").words == []


def _index() -> PhraseIndex:
    index = PhraseIndex()
    index.add("calf", "calf")
    index.add("calf muscle", "calf-muscle")
    index.add("lower back", "back")
    return index


def test_the_longest_phrase_wins_and_a_plural_last_word_counts() -> None:
    text = "Calf muscles and calves, then the lower backs."
    found = [(text[m.start : m.end], sorted(m.values)) for m in _index().find(tokens(text))]
    assert found == [("Calf muscles", ["calf-muscle"]), ("lower backs", ["back"])]  # "calves" is not "calfs"


def test_a_masked_span_hides_the_words_it_covers() -> None:
    text = "the calf muscle and the calf"
    muscle = text.index("muscle")
    found = [(m.start, sorted(m.values)) for m in _index().find(tokens(text), [(muscle, muscle + 6)])]
    assert found == [(4, ["calf"]), (24, ["calf"])]  # no "calf muscle" across the masked word
    assert list(_index().find(tokens("nothing to see"))) == []
