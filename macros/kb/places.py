"""Where each kind of record is shown on the site, and the words editors use for each kind.

Facts about the site's layout that the check needs as much as the renderer: a link written by
id in data text or a page (``[text](cause:caffeine-and-stimulants)``) is checked against them and
rendered from them, and ``make new KIND=...`` takes the same kind words.
"""

from __future__ import annotations

import re

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
_ANCHOR_PREFIX = {"signs": "sign-", "faqs": "faq-", "glossary": "term-", "sources": "", "comparisons": "compare-"}

#: The word an editor writes for each kind of record (``make new KIND=sign``, ``[text](sign:id)``).
KIND_WORDS: dict[str, str] = {
    "cause": "causes",
    "sign": "signs",
    "sign-group": "sign_groups",
    "faq": "faqs",
    "term": "glossary",
    "source": "sources",
    "region": "regions",
    "muscle": "muscles",
    "nerve": "nerves",
    "deficit": "deficits",
    "root": "roots",
    "summary": "summaries",
    "comparison": "comparisons",
    "figure": "figures",
}
#: Kinds a link can lead to (each has a page or an anchor), and the one kind quoted in place.
LINKABLE = {word: key for word, key in KIND_WORDS.items() if key in ENTITY_DIRS or key in LIST_PAGES}
QUOTED = "figure"
#: A link by id in data text or a page: ``[words](cause:some-id)``; ``[](figure:some-id)`` quotes
#: the stored figure's value. Group 1: the words, 2: the kind word, 3: the id.
RECORD_LINK = re.compile(rf"\[([^\]]*)\]\(({'|'.join(sorted([*LINKABLE, QUOTED], key=len, reverse=True))}):([^)\s]*)\)")

#: Macros a content page may call, and the kind of record their first argument names (if any).
PAGE_MACROS: dict[str, str | None] = {
    "faq": "faqs",
    "figure": "figures",
    "term": "glossary",
    "summary": "summaries",
    "cause_page": "causes",
    "root_page": "roots",
    "region_page": "regions",
    "signs_overview": None,
    "signs_page": None,
    "comparison_table": None,
    "causes_index": None,
    "roots_table": None,
    "regions_index": None,
    "faqs_page": None,
    "figures_table": None,
    "leg_map": None,
    "leg_map_table": None,
    "glossary_page": None,
    "references_page": None,
    "review_interval": None,
    "dataset_files": None,
    "dataset_citation": None,
    "dataset_fields": None,
    "dataset_csv_note": None,
    "dataset_example": "glossary",
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
    return f"{_ANCHOR_PREFIX[kind]}{record_id}"
