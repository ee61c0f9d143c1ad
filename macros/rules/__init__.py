"""Rules: every check of the knowledge base, its pages and its prose, registered by rule id.

Importing this package registers every rule (``registry.CHECKS``); ``run_checks`` runs them.
The check (``python -m macros check``) and the build run exactly these.
"""

from __future__ import annotations

from macros.rules import links, pages, prose, readability, records, schema, sources  # noqa: F401  (registers rules)
from macros.rules.registry import CHECKS, Context, run_checks

__all__ = ["CHECKS", "Context", "run_checks"]
