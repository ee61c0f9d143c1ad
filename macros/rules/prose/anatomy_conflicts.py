"""Prose that contradicts the anatomy: roots placed where they do not act or feel, reflexes and
deficits tied to the wrong root, nerves said to supply what they do not."""

from __future__ import annotations

from collections.abc import Iterator

from macros.kb import models as m
from macros.kb.origin import at
from macros.rules.prose.claims import Claim
from macros.rules.prose.facts import Facts, all_claims, facts_of, finding, names
from macros.rules.registry import Context, PageFinding, check


@check("root-region-conflict")
def root_regions(ctx: Context) -> Iterator[PageFinding]:
    """A sentence puts twitching or weakness from a root somewhere the root does not supply."""
    facts = facts_of(ctx)
    for claim in all_claims(ctx):
        if claim.kind == "root-region" and claim.denied and facts.covers(claim, main_only=True):
            owners = facts.owners(claim.places)
            yield finding(
                claim, f"denies that '{claim.phrase}' is {owners} territory, but the knowledge base puts it there"
            )
        elif claim.kind == "root-region" and not claim.denied and not facts.covers(claim):
            roots = [facts.roots[r] for r in claim.subject if r in facts.roots]
            labels = " or ".join(r.label for r in roots)
            allowed = "; ".join(
                f"{r.label}: {names(facts.motor(r)[0], facts.regions)} ({at(r, 'twitch_regions')})" for r in roots
            )
            owners = facts.owners(claim.places)
            yield finding(
                claim,
                f"puts '{claim.phrase}' twitching or weakness under {labels}, but the knowledge base has {allowed}"
                + (f"; '{claim.phrase}' belongs to {owners}" if owners else ""),
            )


@check("root-sensory-conflict")
def root_sensory(ctx: Context) -> Iterator[PageFinding]:
    """A sentence puts a root's numbness or tingling outside its skin area (dermatome)."""
    facts = facts_of(ctx)
    for claim in all_claims(ctx):
        if claim.kind == "root-sensory" and claim.denied and facts.covers(claim, main_only=True):
            labels = " or ".join(facts.roots[r].label for r in claim.subject if r in facts.roots)
            yield finding(
                claim,
                f"denies that '{claim.phrase}' is in the skin area of {labels}, but the knowledge base puts it there",
            )
        elif claim.kind == "root-sensory" and not claim.denied and not facts.covers(claim):
            roots = [facts.roots[r] for r in claim.subject if r in facts.roots]
            allowed = "; ".join(
                f"{r.label}: {names(facts.sensory(r), facts.regions)} ({at(r, 'sensory_regions')})" for r in roots
            )
            yield finding(
                claim,
                f"puts feeling in '{claim.phrase}' under {' or '.join(r.label for r in roots)}, but the skin areas in the knowledge base are {allowed}",
            )


def _unsupported(claim: Claim, facts: Facts, field: str) -> list[m.Root] | None:
    """The claim's roots when it is wrong: none allows the value it asserts, or one holds the
    value it denies (by the site's own convention); else None."""
    roots = [facts.roots[r] for r in claim.subject if r in facts.roots]
    if len(roots) < len(claim.subject) and not claim.denied:
        return None  # a root we hold no data for: nothing to compare with
    if claim.denied:
        holding = [r for r in roots if claim.value in set(getattr(r, field))]
        return holding or None
    allowed = any(claim.value in set(getattr(r, field)) | facts.alternatives(r, field) for r in roots)
    return None if allowed else roots


@check("root-reflex-conflict")
def root_reflexes(ctx: Context) -> Iterator[PageFinding]:
    """A sentence ties a reflex to a root that is not tested by it."""
    facts = facts_of(ctx)
    for claim in all_claims(ctx):
        roots = _unsupported(claim, facts, "reflexes") if claim.kind == "root-reflex" else None
        if roots and claim.denied:
            reflex = claim.value.replace("-", " ")
            labels = " or ".join(r.label for r in roots)
            yield finding(claim, f"denies that the {reflex} tests {labels}, but it does ({at(roots[0], 'reflexes')})")
        elif roots:
            shown = "; ".join(
                f"{r.label}: {', '.join(r.reflexes) or 'no routine reflex'} ({at(r, 'reflexes')})" for r in roots
            )
            owners = ", ".join(r.label for r in facts.roots.values() if claim.value in r.reflexes)
            reflex = claim.value.replace("-", " ")
            yield finding(
                claim,
                f"ties the {reflex} to {' or '.join(r.label for r in roots)}, but the knowledge base has {shown}; the {reflex} tests {owners}",
            )


@check("root-deficit-conflict")
def root_deficits(ctx: Context) -> Iterator[PageFinding]:
    """A sentence ties a deficit (foot drop, weak heel walking...) to a root that does not cause it."""
    facts = facts_of(ctx)
    deficits = {d.id: d.name for d in ctx.kb.anatomy.deficits}
    for claim in all_claims(ctx):
        roots = _unsupported(claim, facts, "deficits") if claim.kind == "root-deficit" else None
        if roots and claim.denied:
            name = deficits.get(claim.value, claim.value).lower()
            labels = " or ".join(r.label for r in roots)
            yield finding(
                claim,
                f"denies that '{name}' comes from {labels}, but the knowledge base gives it to {labels} ({at(roots[0], 'deficits')})",
            )
        elif roots:
            owners = ", ".join(r.label for r in facts.roots.values() if claim.value in r.deficits)
            yield finding(
                claim,
                f"ties '{deficits.get(claim.value, claim.value).lower()}' to {' or '.join(r.label for r in roots)}, "
                f"but the knowledge base gives it to {owners or 'no root'} ({at(roots[0], 'deficits')})",
            )


@check("nerve-supply-conflict")
def nerve_supply(ctx: Context) -> Iterator[PageFinding]:
    """A sentence says a nerve supplies a muscle or area whose muscles it does not supply."""
    facts = facts_of(ctx)
    nerves = {n.id: n for n in ctx.kb.anatomy.nerves}
    for claim in all_claims(ctx):
        if claim.kind != "nerve-supply":
            continue
        muscles = [
            x
            for place in claim.places
            for x in (
                [facts.muscles[place.id]]
                if place.kind == "muscle" and place.id in facts.muscles
                else [y for y in facts.muscles.values() if place.kind == "region" and y.region == place.id]
            )
        ]
        if not muscles:
            continue  # an area with no muscles on record: nothing to compare with
        reach = set().union(*(facts.branches(n) for n in claim.subject))
        supplied = any(reach & set(x.nerves) for x in muscles)
        if claim.denied and all(reach & set(x.nerves) for x in muscles):
            yield finding(
                claim,
                f"denies that the {' or '.join(nerves[n].name for n in claim.subject if n in nerves)} supplies "
                f"'{claim.phrase}', but the knowledge base has it supplied by it ({at(muscles[0], 'nerves')})",
            )
        elif not claim.denied and not supplied:
            supplied_by = sorted({nerves[n].name for x in muscles for n in x.nerves if n in nerves})
            yield finding(
                claim,
                f"says the {' or '.join(nerves[n].name for n in claim.subject if n in nerves)} supplies '{claim.phrase}', "
                f"but the knowledge base has it supplied by {', '.join(supplied_by) or 'other nerves'} ({at(muscles[0], 'nerves')})",
            )
