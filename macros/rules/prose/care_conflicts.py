"""Prose that contradicts how serious or urgent something is, or what a stored figure says."""

from __future__ import annotations

from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.origin import at
from macros.rules.prose.claims import Claim
from macros.rules.prose.facts import PERCENT_TOLERANCE, all_claims, finding
from macros.rules.registry import Context, PageFinding, check


def _percent_ok(claim: Claim, stored: list[float]) -> bool:
    """True when the share a sentence writes agrees with the stored one (within the tolerance)."""
    lo, hi = min(stored), max(stored)
    if claim.bound:  # "fewer than half": the stored value must fall inside the bound
        return claim.low - PERCENT_TOLERANCE <= lo and hi <= claim.high + PERCENT_TOLERANCE
    if claim.low == claim.high:
        return lo - PERCENT_TOLERANCE <= claim.low <= hi + PERCENT_TOLERANCE
    return abs(claim.low - lo) <= PERCENT_TOLERANCE and abs(claim.high - hi) <= PERCENT_TOLERANCE


@check("figure-conflict")
def figures(ctx: Context) -> Iterator[PageFinding]:
    """A sentence gives a percentage for a stored figure other than its stored value."""
    stored = {f.id: f for f in ctx.kb.figures}
    for claim in all_claims(ctx):
        if claim.kind != "figure":
            continue
        for fid in claim.subject:
            figure = stored[fid]
            if figure.percent and not _percent_ok(claim, figure.percent):
                said = f"{claim.low:g}" if claim.low == claim.high else f"{claim.low:g} to {claim.high:g}"
                yield finding(
                    claim,
                    f"gives {said}% for '{figure.quantity}', but the knowledge base says {figure.value} ({at(figure, 'value')})",
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
