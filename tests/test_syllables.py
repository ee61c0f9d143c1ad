"""Syllable counts are pyphen's (as textstat uses it) for every pattern, site word and random word."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros.citations import Citer
from macros.load import load
from macros.pages import page_bodies
from macros.readability import prose
from macros.syllables import Syllables, _parse, dictionary
from macros.views import Views
from tests.helpers import ROOT

PYPHEN = pyphen.Pyphen(lang="en_US")  # as textstat makes it
OURS = Syllables()


def _pyphen(word: str) -> int:
    return len(PYPHEN.positions(word)) + 1


def test_the_patterns_are_pyphens() -> None:
    assert dictionary().samefile(Path(pyphen.__file__).parent / "dictionaries" / "hyph_en_US.dic")
    assert OURS.raw.keys() == PYPHEN.hd.patterns.keys()
    assert {letters: _parse(pattern) for letters, pattern in OURS.raw.items()} == PYPHEN.hd.patterns
    assert OURS.longest == PYPHEN.hd.maxlen


def test_every_pattern_and_every_word_of_the_site_counts_as_in_pyphen() -> None:
    views = Views(load(ROOT).kb)
    words = {w.strip(".").lower() for w in OURS.raw}
    for src, (_, body) in page_bodies(views).items():
        words.update(prose(body(src, Citer(views.sources))).lower().split())
    assert len(words) > 12_000
    assert [w for w in sorted(words) if OURS.count(w) != _pyphen(w)] == []


@settings(max_examples=500, deadline=None)
@example("\u0130stanbul")  # lowercasing makes it one letter longer
@example("Stra\u00dfe")
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzAEIOUY'-\u00e9\u00df\u0130\u0131"), max_size=16))
def test_random_words_count_as_in_pyphen(word: str) -> None:
    assert OURS.count(word) == _pyphen(word)


@pytest.mark.parametrize("odd", ["ab^^e1c", "1a/b=c,1,1", "a\u0661b"])
def test_a_dictionary_with_patterns_it_does_not_read_is_refused(tmp_path: Path, odd: str) -> None:
    path = tmp_path / "hyph_xx.dic"
    path.write_text(f"UTF-8\n1ba\n{odd}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="use pyphen"):
        Syllables(path)
    path.write_text("UTF-8\n1ba\n", encoding="utf-8")
    assert Syllables(path).raw == {"ba": "1ba"}
