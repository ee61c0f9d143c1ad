"""macros/rules/prose/phrases.py: words and their places, and the longest phrase at each place."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros.rules.prose.phrases import _SPLIT, PhraseIndex, tokens


def test_each_word_is_lowercased_and_points_back_at_its_text() -> None:
    text = "  Knee-JERK, don\u2019t; L4-S1 and A&E\u2026 \u0130stanbul!"
    found = tokens(text)
    assert found.words == ["knee", "jerk", "don\u2019t", "l4", "s1", "and", "a&e", "i\u0307stanbul"]
    slices = [text[found.bounds[2 * k] : found.bounds[2 * k + 1]] for k in range(len(found.words))]
    assert slices == ["Knee", "JERK", "don\u2019t", "L4", "S1", "and", "A&E", "\u0130stanbul"]
    assert tokens("coffee-induced").words == ["coffee", "induced"], "a hyphen separates words"
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


def _brute_force(index: PhraseIndex, text: str, masked: list[tuple[int, int]]) -> list[tuple[int, int, list[str]]]:
    """What ``find`` means, spelt out: at each word from left to right, the longest phrase of the
    table (``lookup``: a plural last word allowed) that touches no masked span; then past it."""
    found = tokens(text)
    words, bounds = found.words, found.bounds
    out, i = [], 0
    while i < len(words):
        for n in range(len(words) - i, 0, -1):
            start, end = bounds[2 * i], bounds[2 * (i + n) - 1]
            if any(s < end and e > start for s, e in masked):
                continue
            values = index.lookup(tuple(words[i : i + n]))
            if values:
                out.append((start, end, sorted(values)))
                i += n
                break
        else:
            i += 1
    return out


_WORDS = [
    "calf",
    "calfs",
    "calves",
    "muscle",
    "muscles",
    "es",
    "s",
    "lower",
    "back",
    "backs",
    "a",
    "the",
    "bus",
    "buses",
]
_PHRASES = st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join), max_size=8)


@settings(max_examples=300, deadline=None)
@example(["bus"], "the buses", [])  # a plural in "es"
@example(["lower back", "back muscle"], "lower back muscles", [])  # the longest at the leftmost word
@example(["calf", "calf muscle"], "calf muscle", [(6, 2)])  # a masked word ends the longer phrase
@given(
    _PHRASES,
    st.lists(st.sampled_from([*_WORDS, "Calf", "MUSCLES", ",", "-", " "]), max_size=14).map(" ".join),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=2),
)
def test_find_gives_what_trying_every_length_at_every_word_gives(
    phrases: list[str], text: str, spans: list[tuple[int, int]]
) -> None:
    index = PhraseIndex()
    for k, phrase in enumerate(phrases):
        index.add(phrase, f"v{k % 3}")
    masked = [(start, start + size) for start, size in spans]
    found = [(m.start, m.end, sorted(m.values)) for m in index.find(tokens(text), masked)]
    assert found == _brute_force(index, text, masked)


def _by_the_pattern(text: str) -> tuple[list[str], list[int]]:
    """Words and bounds as the token pattern alone gives them (``tokens`` skips it for most text)."""
    parts = _SPLIT.split(text)
    words = [part.lower() for part in parts[1::2]]
    return words, list(accumulate(map(len, parts)))


_PIECES = ["Calf", "L4-S1", "don't", "A&E", "x_y", "'", "-", "--", "\u2019", "\u0130", "\u00e9", "3", " ", "\t",
           ",", ".", "(", "\x1c", "knee-", "-jerk"]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join) | st.text(max_size=40)


@settings(max_examples=500, deadline=None)
@example("Knee-JERK, don't; A&E.")
@example("a\x1cb")  # a control character that str.split() also splits at
@given(_TEXT)
def test_words_and_their_places_are_what_the_token_pattern_gives(text: str) -> None:
    found = tokens(text)
    words, bounds = _by_the_pattern(text)
    assert found.words == words
    assert found.bounds == bounds
