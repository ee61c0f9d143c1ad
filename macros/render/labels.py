"""The words and tags the pages show for closed vocabularies: one wording of each tier,
seriousness, frequency, category, body part, FAQ topic and source kind, used by every page."""

from __future__ import annotations

import html

#: The one wording of each urgency tier, used by every page (never reworded per page).
URGENCY_TITLE: dict[str, str] = {
    "emergency": "Emergency: call 999 or 911, or go to the emergency department now",
    "urgent": "Urgent: see a doctor within a few days",
    "soon": "Soon: book an ordinary appointment with your doctor",
    "self-care": "Self-care: no appointment needed",
}
URGENCY_SHORT: dict[str, str] = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "soon": "Soon",
    "self-care": "Self-care",
}
#: What to do at each tier, in words (the checklist says it when that tier is the most urgent ticked).
URGENCY_ACTION: dict[str, str] = {
    "emergency": "Call 999 or 911 (or your local emergency number), or go to the emergency department now.",
    "urgent": "See a doctor within a few days. Ask for an urgent appointment.",
    "soon": "Book an ordinary appointment with your doctor.",
    "self-care": "No appointment is needed. Look after yourself at home and see a doctor if things change.",
}
#: Said wherever a page or the leg map places twitching on the body: where it is does not say why.
PLACE_ALONE = "Where a twitch is does not, on its own, tell you its cause."
REFLEX_LABEL: dict[str, str] = {"knee-jerk": "Knee jerk", "ankle-jerk": "Ankle jerk"}
FREQUENCY_LABEL: dict[str, str] = {"common": "Common", "uncommon": "Uncommon", "rare": "Rare"}
KIND_LABEL: dict[str, str] = {
    "health-agency": "Health agency",
    "clinical-reference": "Clinical reference",
    "academic-medical-centre": "Academic medical centre",
    "peer-reviewed": "Peer-reviewed paper",
    "web-article": "Web article",
}
SERIOUSNESS_LABEL: dict[str, str] = {
    "benign": "Usually harmless",
    "needs-evaluation": "Needs a check by a doctor",
    "serious": "Serious: needs prompt specialist care",
}
CATEGORY_LABEL: dict[str, str] = {
    "lifestyle": "Lifestyle and stimulants",
    "sleep-and-stress": "Sleep, tiredness and stress",
    "exercise": "Exercise",
    "metabolic": "Body chemistry and hormones",
    "deficiency": "Vitamins and minerals",
    "medication": "Medicines",
    "nerve-root": "Nerve roots and the spine",
    "nerve": "Nerves in the arms and legs",
    "benign-syndrome": "Harmless twitching conditions",
    "motor-neuron": "Motor neuron disease",
    "other": "Other causes",
}
BODY_PART_LABEL: dict[str, str] = {
    "leg": "Hip and leg",
    "foot": "Foot",
    "trunk": "Back and pelvis",
    "head": "Head and face",
    "arm": "Arm and hand",
}
TOPIC_LABEL: dict[str, str] = {
    "about-twitching": "About twitching",
    "causes": "What causes twitching",
    "sciatica-and-nerves": "Sciatica and nerves",
    "conditions": "Other conditions",
    "when-to-worry": "When to worry",
    "managing": "Managing twitching",
}


def reflex_text(reflexes: list[str]) -> str:
    """A root's routine reflexes in words."""
    return " and ".join(REFLEX_LABEL[r] for r in reflexes) or "No reliable routine reflex"


def urgency_badge(level: str) -> str:
    """An inline urgency label: a word and a shape, never colour alone."""
    return f'<span class="ta-badge ta-badge--{level}">{URGENCY_SHORT[level]}</span>'


def seriousness_badge(level: str) -> str:
    """An inline seriousness label."""
    return f'<span class="ta-serious ta-serious--{level}">{SERIOUSNESS_LABEL[level]}</span>'


def frequency_tag(level: str | None) -> str:
    """An inline 'Common' / 'Uncommon' / 'Rare' tag, or nothing when sources do not say."""
    return f'<span class="ta-tag">{FREQUENCY_LABEL[level]}</span>' if level else ""


def urgency_card(level: str, body: str, title: str | None = None, anchor: str = "", indexed: bool = True) -> str:
    """The one care-card component for an urgency tier: an admonition whose title is a heading,
    with ``anchor`` as its id, so that the page's outline and the search index list each card.
    ``indexed=False`` keeps a card out of the search index (one repeated away from its own page)."""
    attrs = (f' id="{anchor}"' if anchor else "") + ("" if indexed else " data-search-exclude")
    heading = html.escape(title or URGENCY_TITLE[level], quote=False)
    return (
        f'<div class="admonition {level}" markdown>\n<h3 class="admonition-title"{attrs}>{heading}</h3>\n\n'
        f"{body}\n\n</div>\n"
    )
