"""Wires the knowledge base into mkdocs-macros: load, check, fail loudly, register macros."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.checks import run_checks
from macros.load import load
from macros.problems import has_errors


class DataError(Exception):
    """The knowledge base has errors: the build must stop and list them."""


def install(env: Any) -> None:
    """Load and check data/, stop the build on any error, then register the macros."""
    root = Path(env.project_dir)
    loaded = load(root)
    problems = sorted(set(loaded.problems + run_checks(loaded)))
    if has_errors(problems):
        listing = "\n".join(p.format() for p in problems if p.severity == "error")
        raise _build_error(f"the knowledge base has errors - fix them and rebuild:\n{listing}")
    env.variables["kb"] = loaded.kb

    @env.macro
    def record_count() -> int:
        """Number of fact records in the knowledge base."""
        from macros.checks import fact_records

        return sum(1 for _ in fact_records(loaded.kb))


def _build_error(message: str) -> Exception:
    """An exception MkDocs reports as a clean 'Error:' line (no traceback)."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # pragma: no cover - only outside a build
        return DataError(message)
    return PluginError(message)
