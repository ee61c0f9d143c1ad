"""Derived views of the knowledge base: inverse relations computed, never stored twice."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar, get_args

from macros.kb import models as m
from macros.kb.vocab import Frequency, Seriousness

R = TypeVar("R")


@dataclass(frozen=True)
class Views:
    """Lookups by id and inverse relations over one KnowledgeBase."""

    kb: m.KnowledgeBase

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

    # Inverse relations are indexed once, so that rendering every page stays linear in the data
    # (a scan of all records per page made page rendering grow with pages x records).

    @cached_property
    def _signs_by_cause(self) -> dict[str, list[m.WarningSign]]:
        return _group(_by_urgency(list(self.kb.signs)), lambda s: s.causes)  # most urgent first

    @cached_property
    def _signs_by_region(self) -> dict[str, list[m.WarningSign]]:
        return _group(_by_urgency(list(self.kb.signs)), lambda s: s.regions)

    @cached_property
    def _causes_by_region(self) -> dict[str, list[m.Cause]]:
        """Causes by the regions they affect, directly or through a root."""

        def regions(cause: m.Cause) -> list[str]:
            via_roots = [r for rid in cause.roots if rid in self.roots for r in self.roots[rid].twitch_regions]
            return [*cause.regions, *via_roots]

        return _group(_likely_first(self.kb.causes), regions)

    @cached_property
    def _causes_by_root(self) -> dict[str, list[m.Cause]]:
        return _group(self.kb.causes, lambda c: c.roots)

    @cached_property
    def _muscles_by_region(self) -> dict[str, list[m.Muscle]]:
        return _group(self.kb.anatomy.muscles, lambda x: [x.region])

    @cached_property
    def _faqs_by(self) -> dict[str, dict[str, list[m.Faq]]]:
        """FAQs by the records they are about, per FAQ field (filled as fields are asked for)."""
        return {}

    def signs_for_cause(self, cause_id: str) -> list[m.WarningSign]:
        """Warning signs that name the cause, most urgent first."""
        return list(self._signs_by_cause.get(cause_id, ()))

    def signs_for_root(self, root_id: str) -> list[m.WarningSign]:
        """Warning signs that name a cause involving the root, most urgent first."""
        signs = {s.id: s for c in self.causes_for_root(root_id) for s in self.signs_for_cause(c.id)}
        return _by_urgency(list(signs.values()))

    def signs_for_region(self, region_id: str) -> list[m.WarningSign]:
        """Warning signs that matter for twitching in a region: its own, then the general ones
        (weakness, wasting...), most urgent first."""
        own = self._signs_by_region.get(region_id, [])
        return _by_urgency([*own, *(s for s in self.general_signs if s not in own)])

    @cached_property
    def general_signs(self) -> list[m.WarningSign]:
        """Signs that matter wherever a twitch is, most urgent first."""
        return _by_urgency([s for s in self.kb.signs if s.general])

    @cached_property
    def sign_groups(self) -> dict[str, m.SignGroup]:
        """Sign groups by id."""
        return {g.id: g for g in self.kb.sign_groups}

    @cached_property
    def summaries(self) -> dict[str, m.PageSummary]:
        """Page summaries by id."""
        return {s.id: s for s in self.kb.summaries}

    def roots_for_region(self, region_id: str) -> list[m.Root]:
        """Roots whose trouble typically shows in the region (twitching or weakness)."""
        return [r for r in self.kb.roots if region_id in r.twitch_regions]  # a handful of roots

    def roots_sensing_region(self, region_id: str) -> list[m.Root]:
        """Roots whose skin area (dermatome) includes the region."""
        return [r for r in self.kb.roots if region_id in r.sensory_regions]

    def causes_for_region(self, region_id: str) -> list[m.Cause]:
        """Causes that typically affect the region, directly or through a root, most likely first."""
        return list(self._causes_by_region.get(region_id, ()))

    def causes_for_root(self, root_id: str) -> list[m.Cause]:
        """Causes that involve the root."""
        return list(self._causes_by_root.get(root_id, ()))

    def muscles_in_region(self, region_id: str) -> list[m.Muscle]:
        """Muscles lying in the region."""
        return list(self._muscles_by_region.get(region_id, ()))

    def faqs_about(self, kind: str, record_id: str) -> list[m.Faq]:
        """FAQs related to a cause, region, root or sign (kind is the FAQ field name)."""
        if kind not in self._faqs_by:
            self._faqs_by[kind] = _group(self.kb.faqs, lambda f: getattr(f, kind))
        return list(self._faqs_by[kind].get(record_id, ()))


def _group(records: Iterable[R], keys: Callable[[R], Iterable[str]]) -> dict[str, list[R]]:
    """Records by each id they name (a record once per id), in the order given."""
    index: dict[str, list[R]] = {}
    for record in records:
        for key in dict.fromkeys(keys(record)):
            index.setdefault(key, []).append(record)
    return index


def _likely_first(causes: list[m.Cause]) -> list[m.Cause]:
    """Causes by frequency (common first, unrated last), then the least serious first."""
    frequency = [*get_args(Frequency), None]
    seriousness = list(get_args(Seriousness))
    return sorted(causes, key=lambda c: (frequency.index(c.frequency), seriousness.index(c.seriousness)))


def _by_urgency(signs: list[m.WarningSign]) -> list[m.WarningSign]:
    order = {level: i for i, level in enumerate(m.URGENCY_ORDER)}
    return sorted(signs, key=lambda s: order[s.urgency])
