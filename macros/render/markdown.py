"""Rendering primitives: pure functions from models to Markdown (links, cards, tables).

Nothing here reads files or knows about MkDocs; page bodies are assembled in macros.render.pages.
"""

from __future__ import annotations

import functools
import posixpath
import re

from macros.kb import models as m
from macros.kb.text import UNSAFE_LINK
from macros.render.citations import Citer

# --- Where each kind of record is shown -------------------------------------------------------

#: Folder of the generated page of each entity kind (one page per record).
ENTITY_DIRS: dict[str, str] = {"causes": "causes", "roots": "roots", "regions": "body-areas"}
#: Single pages that list every record of a kind, each at an anchor named by its id.
LIST_PAGES: dict[str, str] = {
    "signs": "warning-signs.md",
    "faqs": "faqs.md",
    "glossary": "glossary.md",
    "sources": "references.md",
    "comparisons": "twitching.md",
}


def page_of(kind: str, record_id: str) -> str:
    """Source path (relative to content/) of the page a record lives on."""
    if kind in ENTITY_DIRS:
        return f"{ENTITY_DIRS[kind]}/{record_id}.md"
    return LIST_PAGES[kind]


def anchor_of(kind: str, record_id: str) -> str | None:
    """Anchor of a record on its page (None for records with a page of their own)."""
    if kind in ENTITY_DIRS:
        return None
    prefix = {"signs": "sign-", "faqs": "faq-", "glossary": "term-", "sources": "", "comparisons": "compare-"}[kind]
    return f"{prefix}{record_id}"


def href(here: str, kind: str, record_id: str) -> str:
    """Relative Markdown link target from page ``here`` to a record."""
    target = page_of(kind, record_id)
    rel = page_href(here, target)
    anchor = anchor_of(kind, record_id)
    if target == here and anchor:
        return f"#{anchor}"
    return f"{rel}#{anchor}" if anchor else rel


def page_href(here: str, target: str) -> str:
    """Relative link from page ``here`` to another page (both relative to content/)."""
    return _relative(target, _folder(here))


@functools.cache
def _folder(page: str) -> str:
    return posixpath.dirname(page) or "."


@functools.cache
def _relative(target: str, folder: str) -> str:
    # Cached by folder: the pages of a folder link to the same few hundred targets, and relpath
    # asks the OS for the working directory each time.
    return posixpath.relpath(target, folder)


def link(here: str, kind: str, record_id: str, text: str) -> str:
    """A Markdown link to a record."""
    return f"[{esc(text)}]({href(here, kind, record_id)})"


def region_title(name: str) -> str:
    """A body-area page's title, 'Twitching in the calf': what a reader there is looking for."""
    return f"Twitching in the {name[0].lower()}{name[1:]}"


# --- Text -------------------------------------------------------------------------------------

_ANGLE = re.compile(r"[<>]")


def esc(text: str) -> str:
    """Escape data text for Markdown output: no raw HTML and no unsafe link can reach the page."""
    # Each pattern runs only on text holding what it must match ("](" and an angle bracket).
    if "](" in text:
        text = UNSAFE_LINK.sub(lambda match: match.group(1), text)  # keep the words, drop the address
    if "<" in text or ">" in text:
        text = _ANGLE.sub(lambda match: "&lt;" if match.group(0) == "<" else "&gt;", text)
    return text


def cell(text: str) -> str:
    """Escape text for a Markdown table cell (one line, no bare pipes)."""
    return esc(" ".join(text.split())).replace("|", "\\|")


def bullets(items: list[str]) -> str:
    """A Markdown bullet list (blank line before it so it always renders)."""
    return "\n" + "\n".join(f"- {item}" for item in items) + "\n"


def cited(text: str, record: m.Record, citer: Citer) -> str:
    """Escaped text followed by the record's footnote citations."""
    return f"{esc(text)}{citer.cite(record)}"


def indent(markdown: str, spaces: int = 4) -> str:
    """Indent every line (for the body of an admonition)."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in markdown.splitlines())


# --- Urgency and seriousness ------------------------------------------------------------------

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
    "causes": "Causes",
    "sciatica-and-nerves": "Sciatica and nerves",
    "conditions": "Other conditions",
    "when-to-worry": "When to worry",
    "managing": "Managing twitching",
}


def urgency_badge(level: str) -> str:
    """An inline urgency label: a word and a shape, never colour alone."""
    return f'<span class="ta-badge ta-badge--{level}">{URGENCY_SHORT[level]}</span>'


def seriousness_badge(level: str) -> str:
    """An inline seriousness label."""
    return f'<span class="ta-serious ta-serious--{level}">{SERIOUSNESS_LABEL[level]}</span>'


def urgency_card(level: str, body: str, title: str | None = None) -> str:
    """The one care-card component for an urgency tier (a styled admonition)."""
    return f'!!! {level} "{title or URGENCY_TITLE[level]}"\n{indent(body)}\n'
