"""Closed vocabularies of the knowledge base: the only words some fields may hold.

Each is a ``Literal`` alias, so pydantic rejects anything else with the allowed words listed.
"""

from __future__ import annotations

from typing import Literal

#: How soon a reader should act on a warning sign. Four tiers, most urgent first:
#: ``emergency`` call an emergency number or go to the emergency department now;
#: ``urgent`` see a doctor within a few days (neurology referral is likely);
#: ``soon`` book an ordinary appointment with a GP/primary-care doctor;
#: ``self-care`` no appointment needed, look after it at home.
Urgency = Literal["emergency", "urgent", "soon", "self-care"]
URGENCY_ORDER: tuple[Urgency, ...] = ("emergency", "urgent", "soon", "self-care")

#: The lumbosacral roots the atlas covers.
RootLabel = Literal["L2", "L3", "L4", "L5", "S1", "S2"]

#: Kinds of source, by who stands behind it. The first four are authoritative; a
#: ``web-article`` may be cited beside an authoritative source, never alone. The articles the
#: project started from (seeds) are not sources at all: data/hosts.yaml refuses their sites.
SourceKind = Literal[
    "health-agency",
    "clinical-reference",
    "academic-medical-centre",
    "peer-reviewed",
    "web-article",
]
#: What a reader looks for to find a source: an ``article`` (by DOI or PMID), a ``book`` (by
#: ISBN, edition and chapter) or a ``web-page`` (by its own deep address).
SourceForm = Literal["article", "book", "web-page"]
AUTHORITATIVE_KINDS: frozenset[str] = frozenset(
    {"health-agency", "clinical-reference", "academic-medical-centre", "peer-reviewed"}
)

#: How a cause is grouped on the causes index.
CauseCategory = Literal[
    "lifestyle",
    "sleep-and-stress",
    "exercise",
    "metabolic",
    "deficiency",
    "medication",
    "nerve-root",
    "nerve",
    "benign-syndrome",
    "motor-neuron",
    "other",
]

#: How worrying a cause is: ``benign`` usually harmless, self-care;
#: ``needs-evaluation`` see a clinician; ``serious`` a serious condition that needs
#: prompt specialist assessment.
Seriousness = Literal["benign", "needs-evaluation", "serious"]

#: How often a cause is behind twitching, where sources say so (causes are listed most likely first).
Frequency = Literal["common", "uncommon", "rare"]

#: Tendon reflexes a root is tested by.
Reflex = Literal["knee-jerk", "ankle-jerk"]

#: Where on the body a region is (groups regions on the body-areas index).
BodyPart = Literal["leg", "foot", "trunk", "head", "arm"]

#: How FAQs are grouped on the FAQ page.
FaqTopic = Literal[
    "about-twitching",
    "causes",
    "sciatica-and-nerves",
    "conditions",
    "when-to-worry",
    "managing",
]

#: Yes/no/partly answers in the comparison table.
Degree = Literal["yes", "no", "sometimes", "usually", "rarely"]
