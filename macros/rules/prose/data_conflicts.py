"""Data that contradicts itself: two figures for one quantity, an emergency sign pointing to a
harmless cause, one phrase naming two records (which would make the prose checker ambiguous)."""

from __future__ import annotations

from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.origin import at
from macros.kb.sections import records_of
from macros.rules.prose.facts import share_agrees, vocabulary_of
from macros.rules.prose.mentions import MENTION_ORDER, UNMASKED_BY
from macros.rules.prose.numbers import shares
from macros.rules.prose.phrases import key as phrase_key
from macros.rules.prose.scope import MASKED_CUES
from macros.rules.prose.vocabulary import CUE_LISTS, forms
from macros.rules.registry import Context, Finding, check


@check("figure-percent-mismatch")
def figure_value_matches_percent(ctx: Context) -> Iterator[Finding]:
    """A figure whose `value` and `percent` disagree, or whose value gives a share with no `percent`
    (the checker compares sentences with `percent`, readers see `value`)."""
    for figure in ctx.kb.figures:
        written = shares(figure.value)
        if figure.percent and written and not any(share_agrees(s, figure.percent) for s in written):
            said = ", ".join(f"{p:g}" for p in figure.percent)
            yield Finding(
                figure,
                ("percent",),
                f"figure '{figure.id}': value says {figure.value} but percent says {said} - make them agree",
            )
        elif written and not figure.percent:
            first = written[0]
            guess = f"{first.low:g}" if first.low == first.high else f"{first.low:g}, {first.high:g}"
            yield Finding(
                figure,
                ("value",),
                f"figure '{figure.id}': value gives a share but percent is empty - add percent: [{guess}]",
            )


@check("figure-value-conflict")
def figures_agree(ctx: Context) -> Iterator[Finding]:
    """Two figure records for the same quantity (same wording or phrase) state different values."""
    seen: dict[str, m.Figure] = {}
    for figure in ctx.kb.figures:
        keys = {" ".join(figure.quantity.lower().split())} | {p.lower() for p in figure.phrases}
        for key in sorted(keys):
            other = seen.get(key)
            if (
                other is not None
                and other.id != figure.id
                and (other.value != figure.value or other.percent != figure.percent)
            ):
                yield Finding(
                    figure,
                    ("value",),
                    f"figure '{figure.id}' and figure '{other.id}' ({at(other)}) both describe '{key}' but give {figure.value} and {other.value} - keep one",
                )
                break
            seen.setdefault(key, figure)


@check("urgency-cause-conflict")
def sign_causes_agree(ctx: Context) -> Iterator[Finding]:
    """An emergency warning sign points to a cause rated harmless (benign)."""
    causes = {c.id: c for c in ctx.kb.causes}
    for sign in ctx.kb.signs:
        if sign.urgency != "emergency":
            continue
        for i, cid in enumerate(sign.causes):
            cause = causes.get(cid)
            if cause is not None and cause.seriousness == "benign":
                yield Finding(
                    sign,
                    ("causes", i),
                    f"emergency sign '{sign.id}' points to cause '{cid}', which is rated benign - one of them is wrong",
                )


#: The record fields that hold the names the prose checker reads with, per kind of mention.
NAME_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sign": ("signs", ("name", "aliases")),
    "deficit": ("deficits", ("name", "synonyms")),
    "figure": ("figures", ("phrases",)),
    "nerve": ("nerves", ("name", "synonyms")),
    "cause": ("causes", ("name", "synonyms")),
    "muscle": ("muscles", ("name", "synonyms")),
    "region": ("regions", ("name", "synonyms")),
    "root": ("roots", ("label", "aliases")),
}


def _named(ctx: Context) -> Iterator[tuple[str, m.Model, tuple[str | int, ...], str]]:
    """(kind of mention, record, field path, phrase) for every name the checker reads with."""
    for kind, (key, fields) in NAME_FIELDS.items():
        for record in records_of(ctx.kb, key):
            for name in fields:
                value = getattr(record, name)
                for i, phrase in enumerate(value if isinstance(value, list) else [value]):
                    yield kind, record, (name, i) if isinstance(value, list) else (name,), phrase


@check("lexicon-conflict")
def phrases_unambiguous(ctx: Context) -> Iterator[Finding]:
    """One phrase naming two records of a kind (two regions, signs, figures...): the prose checker
    could not tell which is meant."""
    owner: dict[tuple[str, tuple[str, ...]], str] = {}
    for kind, record, where, phrase in _named(ctx):
        for form in forms(phrase, listing=kind == "cause"):
            words = phrase_key(form)
            first = owner.setdefault((kind, words), record.id)
            if first != record.id and words:
                yield Finding(
                    record, where, f"'{phrase}' already names {kind} '{first}' - a phrase may name only one record"
                )
                break


@check("lexicon-unusable")
def phrases_usable(ctx: Context) -> Iterator[Finding]:
    """A stored phrase that can never make a claim: no words, a name already taken by a kind read
    first ("foot drop" as a region is always the deficit), or a cue word that is also a name."""
    vocab = vocabulary_of(ctx)
    earlier: dict[tuple[str, ...], str] = {}
    for kind in MENTION_ORDER:
        index = vocab.indexes.get(kind)  # absent when the lexicon that lists its words did not load
        for words in index.table if index else ():
            earlier.setdefault(words, kind)
    for kind, record, where, phrase in _named(ctx):
        words = phrase_key(phrase)
        first = earlier.get(words)
        if not words:
            yield Finding(record, where, f"'{phrase}' has no words the checker can read - write it in letters")
        elif (
            first is not None
            and first != kind
            and first not in UNMASKED_BY.get(kind, ())
            and MENTION_ORDER.index(first) < MENTION_ORDER.index(kind)
        ):
            yield Finding(
                record,
                where,
                f"'{phrase}' is read as a {first} first, so it never names this {kind} - remove it or reword it",
            )
    lexicon = ctx.kb.lexicon
    if lexicon is None:
        return
    for cue, listed in CUE_LISTS.items():
        if cue not in MASKED_CUES:
            continue  # read inside names too
        for i, phrase in enumerate(getattr(lexicon, listed)):
            words = phrase_key(phrase)
            if words in earlier:
                yield Finding(
                    lexicon,
                    (listed, i),
                    f"cue '{phrase}' is also a {earlier[words]} name, and names are read first - it never works as a {cue} cue",
                )
