"""The prose checker: sentences, phrases, claims, and the rules that compare them with the
knowledge base. Every rule id here contains ``conflict``."""

from __future__ import annotations

from macros.rules.prose import anatomy_conflicts, care_conflicts, data_conflicts  # noqa: F401  (registers rules)
