"""Tables the checks read with, kept as data beside the facts: the lexicon of the prose
checker (data/lexicon.yaml) and the hosts of sources (data/hosts.yaml). Not medical facts."""

from __future__ import annotations

from typing import Any

from pydantic import Field, PrivateAttr

from macros.kb.base import Model, ShortText, Value
from macros.kb.vocab import Reflex, Seriousness, SourceKind, Urgency


class Lexicon(Model):
    """Words the contradiction checker reads prose with (data/lexicon.yaml). Not medical facts."""

    negations: list[ShortText] = Field(
        description="Words that deny the claim they stand in: between its two parts, or just before them "
        "('the calf is not an L5 muscle', 'never needs a doctor')."
    )
    exclusions: list[ShortText] = Field(
        default_factory=list,
        description="Words that set aside what follows them, up to the next comma: 'rather than L5, it is S1'.",
    )
    hedges: list[ShortText] = Field(
        default_factory=list,
        description="Words that soften a denial so it is not checked ('can', 'usually'): 'may not change the reflex'.",
    )
    spared: list[ShortText] = Field(
        default_factory=list, description="Words that say something is unaffected ('intact', 'normal'): a denial."
    )
    same_words: list[list[ShortText]] = Field(
        default_factory=list,
        description="Words that count as the same when a figure is named by its key words ([notice, aware]).",
    )
    motor_cues: list[ShortText] = Field(description="Words that make a sentence about twitching or weakness.")
    sensory_cues: list[ShortText] = Field(description="Words that make a sentence about feeling or numbness.")
    supply_cues: list[ShortText] = Field(description="Words that say a nerve supplies a muscle or area.")
    symptom_cues: list[ShortText] = Field(description="Words that present something as an ordinary symptom.")
    reflexes: dict[Reflex, list[ShortText]] = Field(description="How writers name each reflex.")
    urgency: dict[Urgency, list[ShortText]] = Field(description="Phrases that put a sign in an urgency tier.")
    needs_care: list[ShortText] = Field(
        default_factory=list, description="Phrases that say a sign needs a doctor without saying how soon."
    )
    seriousness: dict[Seriousness, list[ShortText]] = Field(
        description="Phrases that call a cause harmless or serious."
    )
    editorial: list[ShortText] = Field(
        default_factory=list,
        description="Words of editorial talk that a note shown to readers must not hold ('seed', 'mirror', 'verify').",
    )


class HostRule(Value):
    """What sources at one host (and the hosts under it) may be: their kinds, or not citable at all."""

    host: ShortText = Field(description="A host name: 'nhs.uk' covers www.nhs.uk; 'gov' covers every .gov host.")
    kinds: list[SourceKind] = Field(default_factory=list, description="The kinds a source at this host may have.")
    refuse: ShortText | None = Field(
        default=None, description="Why no source at this host may be cited (a seed, a copy site, a content farm)."
    )


class RefusedTitle(Value):
    """A work that may not be cited whatever its address (a seed article with no address)."""

    title: ShortText
    refuse: ShortText = Field(description="Why it may not be cited.")


class Hosts(Model):
    """The table of hosts and the kinds of source they publish (data/hosts.yaml)."""

    rules: list[HostRule] = Field(min_length=1, description="One rule per host.")
    titles: list[RefusedTitle] = Field(default_factory=list, description="Works refused by title.")
    _by_host: dict[str, HostRule] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any) -> None:
        """Index the rules by host: the build looks up every link of every page."""
        for rule in self.rules:
            self._by_host.setdefault(rule.host.lower(), rule)

    def rule_for(self, hostname: str) -> HostRule | None:
        """The most specific rule that covers ``hostname`` (None if no rule does)."""
        name = hostname.lower()
        while name not in self._by_host:
            if "." not in name:
                return None
            name = name.partition(".")[2]
        return self._by_host[name]
