"""Derived views of the knowledge base: inverse relations computed, never stored twice."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from macros import models as m


@dataclass(frozen=True)
class Views:
    """Lookups by id and inverse relations over one KnowledgeBase."""

    kb: m.KnowledgeBase
    problems: tuple[object, ...] = ()  # errors found while previewing (make serve), else empty

    @cached_property
    def sources(self) -> dict[str, m.Source]:
        """Sources by id."""
        return {s.id: s for s in self.kb.sources}

    @cached_property
    def regions(self) -> dict[str, m.Region]:
        """Regions by id, in data order."""
        return {r.id: r for r in self.kb.anatomy.regions}

    @cached_property
    def muscles(self) -> dict[str, m.Muscle]:
        """Muscles by id."""
        return {x.id: x for x in self.kb.anatomy.muscles}

    @cached_property
    def nerves(self) -> dict[str, m.Nerve]:
        """Nerves by id."""
        return {x.id: x for x in self.kb.anatomy.nerves}

    @cached_property
    def deficits(self) -> dict[str, m.Deficit]:
        """Deficits by id."""
        return {x.id: x for x in self.kb.anatomy.deficits}

    @cached_property
    def roots(self) -> dict[str, m.Root]:
        """Roots by id."""
        return {r.id: r for r in self.kb.roots}

    @cached_property
    def causes(self) -> dict[str, m.Cause]:
        """Causes by id."""
        return {c.id: c for c in self.kb.causes}

    @cached_property
    def signs(self) -> dict[str, m.WarningSign]:
        """Warning signs by id."""
        return {s.id: s for s in self.kb.signs}

    @cached_property
    def terms(self) -> dict[str, m.Term]:
        """Glossary terms by id."""
        return {t.id: t for t in self.kb.glossary}

    @cached_property
    def figures(self) -> dict[str, m.Figure]:
        """Figures by id."""
        return {f.id: f for f in self.kb.figures}

    def signs_for_cause(self, cause_id: str) -> list[m.WarningSign]:
        """Warning signs that name the cause, most urgent first."""
        return _by_urgency([s for s in self.kb.signs if cause_id in s.causes])

    def signs_for_region(self, region_id: str) -> list[m.WarningSign]:
        """Warning signs about a region, most urgent first."""
        return _by_urgency([s for s in self.kb.signs if region_id in s.regions])

    def roots_for_region(self, region_id: str) -> list[m.Root]:
        """Roots whose trouble typically shows in the region (twitching or weakness)."""
        return [r for r in self.kb.roots if region_id in r.twitch_regions]

    def roots_sensing_region(self, region_id: str) -> list[m.Root]:
        """Roots whose skin area (dermatome) includes the region."""
        return [r for r in self.kb.roots if region_id in r.sensory_regions]

    def causes_for_region(self, region_id: str) -> list[m.Cause]:
        """Causes that typically affect the region, directly or through a root."""
        via_roots = {r.id for r in self.roots_for_region(region_id)}
        return [c for c in self.kb.causes if region_id in c.regions or via_roots & set(c.roots)]

    def causes_for_root(self, root_id: str) -> list[m.Cause]:
        """Causes that involve the root."""
        return [c for c in self.kb.causes if root_id in c.roots]

    def muscles_in_region(self, region_id: str) -> list[m.Muscle]:
        """Muscles lying in the region."""
        return [x for x in self.kb.anatomy.muscles if x.region == region_id]

    def roots_for_muscle(self, muscle_id: str) -> list[m.Root]:
        """Roots that list the muscle among their key muscles."""
        return [r for r in self.kb.roots if muscle_id in r.key_muscles]

    def faqs_about(self, kind: str, record_id: str) -> list[m.Faq]:
        """FAQs related to a cause, region, root or sign (kind is the FAQ field name)."""
        return [f for f in self.kb.faqs if record_id in getattr(f, kind)]


def _by_urgency(signs: list[m.WarningSign]) -> list[m.WarningSign]:
    order = {level: i for i, level in enumerate(m.URGENCY_ORDER)}
    return sorted(signs, key=lambda s: order[s.urgency])
