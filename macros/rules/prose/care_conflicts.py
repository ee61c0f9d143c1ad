"""Prose that contradicts how serious or urgent something is, or what a stored figure says."""

from __future__ import annotations

from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.origin import at
from macros.kb.sections import BY_KEY, DATA_DIR
from macros.rules.prose.claims import Claim
from macros.rules.prose.facts import all_claims, finding, share_agrees
from macros.rules.registry import Context, PageFinding, check

#: Where figures are stored: a figure's own context explains its value (and the study's other numbers).
FIGURES_FILE = f"{DATA_DIR}/{BY_KEY['figures'].file}"


def _figure_shares(ctx: Context) -> Iterator[tuple[Claim, m.Figure, bool]]:
    """(claim, the stored figure it is about, whether its share agrees) for every share a
    sentence outside data/figures.yaml writes for a figure with a stored percentage."""
    stored = {f.id: f for f in ctx.kb.figures}
    for claim in all_claims(ctx):
        if claim.kind == "figure" and claim.sentence.path != FIGURES_FILE:
            for fid in claim.subject:
                if stored[fid].percent:
                    yield claim, stored[fid], share_agrees(claim, stored[fid].percent)


@check("figure-conflict")
def figures(ctx: Context) -> Iterator[PageFinding]:
    """A sentence gives a percentage for a stored figure other than its stored value."""
    for claim, figure, agrees in _figure_shares(ctx):
        if not agrees:
            said = f"{claim.low:g}" if claim.low == claim.high else f"{claim.low:g} to {claim.high:g}"
            yield finding(
                claim,
                f"gives {said}% for '{figure.quantity}', but the knowledge base says {figure.value} ({at(figure, 'value')})",
            )


@check("figure-by-hand")
def figures_quoted(ctx: Context) -> Iterator[PageFinding]:
    """A share written by hand for a quantity a stored figure covers: quote the figure instead, so
    that changing it changes every sentence."""
    for claim, figure, agrees in _figure_shares(ctx):
        if agrees:  # a different value is a figure-conflict
            yield finding(
                claim,
                f"writes the stored figure for '{figure.quantity}' by hand - quote it so it changes in one place: "
                f'[](figure:{figure.id}) in data text, {{{{ figure("{figure.id}") }}}} in a page',
            )


#: For each tier a sentence may deny, the tiers of the signs it is wrong to deny it for.
_DENIAL_WRONG_FOR = {
    "emergency": ("emergency",),
    "urgent": ("emergency", "urgent"),
    "soon": ("emergency", "urgent", "soon"),
    "care": ("emergency", "urgent", "soon"),
    "self-care": ("self-care",),
}


@check("urgency-conflict")
def sign_urgency(ctx: Context) -> Iterator[PageFinding]:
    """A sentence gives a warning sign another urgency than its tier (a red flag called harmless...)."""
    signs = {s.id: s for s in ctx.kb.signs}
    for claim in all_claims(ctx):
        if claim.kind not in ("sign-urgency", "sign-symptom"):
            continue
        for sid in claim.subject:
            sign = signs[sid]
            where = at(sign, "urgency")
            if claim.kind == "sign-symptom":
                if sign.urgency == "emergency":
                    yield finding(
                        claim,
                        f"presents '{claim.phrase}' as an ordinary symptom, but '{sign.name}' is an emergency ({where}) - say it needs emergency care",
                    )
            elif claim.denied:
                if sign.urgency in _DENIAL_WRONG_FOR[claim.value]:
                    yield finding(
                        claim,
                        f"says '{sign.name}' does not need '{claim.phrase}', but the knowledge base rates it {sign.urgency} ({where})",
                    )
            elif claim.value == "care":
                if sign.urgency == "self-care":
                    yield finding(
                        claim, f"says '{sign.name}' needs a doctor, but the knowledge base rates it self-care ({where})"
                    )
            elif claim.value != sign.urgency and not {claim.value, sign.urgency} <= {"emergency", "urgent"}:
                # emergency and urgent both mean "act now or within days": wording, not a contradiction
                yield finding(
                    claim,
                    f"calls '{sign.name}' '{claim.phrase}' ({claim.value}), but the knowledge base rates it {sign.urgency} ({where})",
                )


#: A denied seriousness says the opposite: "not serious" is harmless, "not harmless" is serious.
_OPPOSITE = {"benign": "serious", "serious": "benign"}


@check("seriousness-conflict")
def cause_seriousness(ctx: Context) -> Iterator[PageFinding]:
    """A sentence calls a serious cause harmless, or a harmless cause serious."""
    causes: dict[str, m.Cause] = {c.id: c for c in ctx.kb.causes}
    for claim in all_claims(ctx):
        if claim.kind != "cause-seriousness":
            continue
        said = _OPPOSITE.get(claim.value, claim.value) if claim.denied else claim.value
        for cid in claim.subject:
            cause = causes[cid]
            if {said, cause.seriousness} == {"benign", "serious"}:
                words = f"not '{claim.phrase}'" if claim.denied else f"'{claim.phrase}'"
                yield finding(
                    claim,
                    f"calls {cause.name} {words}, but the knowledge base rates it {cause.seriousness} ({at(cause, 'seriousness')})",
                )
