"""Data that contradicts itself: two figures for one quantity, an emergency sign pointing to a
harmless cause, one phrase naming two records (which would make the prose checker ambiguous)."""

from __future__ import annotations

from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.origin import at
from macros.kb.sections import records_of
from macros.rules.registry import Context, Finding, check


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


@check("lexicon-conflict")
def phrases_unambiguous(ctx: Context) -> Iterator[Finding]:
    """One phrase naming two warning signs or two figures (the prose checker would be ambiguous)."""
    for key, phrases_of in (("signs", lambda s: s.aliases), ("figures", lambda f: f.phrases)):
        owner: dict[str, str] = {}
        for record in records_of(ctx.kb, key):
            for i, phrase in enumerate(phrases_of(record)):
                word = phrase.lower()
                if word in owner and owner[word] != record.id:
                    field = "aliases" if key == "signs" else "phrases"
                    yield Finding(
                        record,
                        (field, i),
                        f"'{phrase}' already names {owner[word]} - a phrase may name only one record",
                    )
                owner.setdefault(word, record.id)
