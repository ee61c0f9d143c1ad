"""Prose that contradicts how serious or urgent something is, or what a stored figure says."""

from __future__ import annotations

from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.origin import at
from macros.rules.prose.claims import Claim
from macros.rules.prose.facts import PERCENT_TOLERANCE, all_claims, finding
from macros.rules.registry import Context, PageFinding, check


def _percent_ok(low: float, high: float, stored: list[float]) -> bool:
    lo, hi = min(stored), max(stored)
    if low == high:
        return lo - PERCENT_TOLERANCE <= low <= hi + PERCENT_TOLERANCE
    return abs(low - lo) <= PERCENT_TOLERANCE and abs(high - hi) <= PERCENT_TOLERANCE


@check("figure-conflict")
def figures(ctx: Context) -> Iterator[PageFinding]:
    """A sentence gives a different percentage for a stored figure, or two pages disagree."""
    stored = {f.id: f for f in ctx.kb.figures}
    first: dict[str, Claim] = {}
    for claim in all_claims(ctx):
        if claim.kind != "figure":
            continue
        for fid in claim.subject:
            figure = stored[fid]
            if figure.percent and not _percent_ok(claim.low, claim.high, figure.percent):
                said = f"{claim.low:g}" if claim.low == claim.high else f"{claim.low:g} to {claim.high:g}"
                yield finding(
                    claim,
                    f"gives {said}% for '{figure.quantity}', but the knowledge base says {figure.value} ({at(figure, 'value')})",
                )
            elif (
                fid in first and abs(first[fid].low - claim.low) + abs(first[fid].high - claim.high) > PERCENT_TOLERANCE
            ):
                other = first[fid].sentence
                yield finding(claim, f"gives a different figure for '{figure.quantity}' than {other.path}:{other.line}")
            first.setdefault(fid, claim)


@check("urgency-conflict")
def sign_urgency(ctx: Context) -> Iterator[PageFinding]:
    """A sentence gives a warning sign another urgency than its tier (a red flag called harmless...)."""
    signs = {s.id: s for s in ctx.kb.signs}
    for claim in all_claims(ctx):
        if claim.kind not in ("sign-urgency", "sign-symptom"):
            continue
        for sid in claim.subject:
            sign = signs[sid]
            if claim.kind == "sign-symptom" and sign.urgency == "emergency":
                yield finding(
                    claim,
                    f"presents '{claim.phrase}' as an ordinary symptom, but '{sign.name}' is an emergency ({at(sign, 'urgency')}) - say it needs emergency care",
                )
            elif claim.kind == "sign-urgency" and claim.value != sign.urgency:
                if {claim.value, sign.urgency} <= {"emergency", "urgent"}:
                    continue  # both mean "act now or within days": wording, not a contradiction
                yield finding(
                    claim,
                    f"calls '{sign.name}' '{claim.phrase}' ({claim.value}), but the knowledge base rates it {sign.urgency} ({at(sign, 'urgency')})",
                )


@check("seriousness-conflict")
def cause_seriousness(ctx: Context) -> Iterator[PageFinding]:
    """A sentence calls a serious cause harmless, or a harmless cause serious."""
    causes: dict[str, m.Cause] = {c.id: c for c in ctx.kb.causes}
    for claim in all_claims(ctx):
        if claim.kind != "cause-seriousness":
            continue
        for cid in claim.subject:
            cause = causes[cid]
            if {claim.value, cause.seriousness} == {"benign", "serious"}:
                yield finding(
                    claim,
                    f"calls {cause.name} '{claim.phrase}', but the knowledge base rates it {cause.seriousness} ({at(cause, 'seriousness')})",
                )
