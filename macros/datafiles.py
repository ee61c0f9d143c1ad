"""The data folder and its files, by name.

Kept apart from ``macros.load`` (which says what each file holds) because naming the files needs
no pydantic: ``python -m macros check`` starts parsing them before the models are built
(``macros.prefetch``). ``macros.load`` refuses to import if the two disagree.
"""

from __future__ import annotations

DATA_DIR = "data"
#: The name of the cache of parsed data files (``macros.cache``).
PARSED_CACHE = "yaml"
#: Every data file, in the order the loader reads them.
DATA_FILES: tuple[str, ...] = (
    "sources.yaml",
    "anatomy.yaml",
    "roots.yaml",
    "causes.yaml",
    "signs.yaml",
    "faqs.yaml",
    "glossary.yaml",
    "comparisons.yaml",
    "figures.yaml",
    "lexicon.yaml",
)
