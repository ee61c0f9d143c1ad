"""mkdocs-macros reports an ImportError in our package as "module not found": import it directly."""

from __future__ import annotations

import importlib


def test_package_imports_and_exposes_define_env() -> None:
    module = importlib.import_module("macros")
    assert callable(module.define_env)
    for name in ("kb.models", "kb.yamlread", "kb.load", "rules", "tools.cli", "site.macros", "site.hooks", "problems"):
        importlib.import_module(f"macros.{name}")


def test_models_import_only_their_building_blocks() -> None:
    """The models are the bottom of the data flow: nothing of ours but their base, vocabularies and tables."""
    import re
    from pathlib import Path

    import macros.kb.models as models

    source = Path(models.__file__).read_text(encoding="utf-8")
    assert set(re.findall(r"^\s*(?:from|import) (macros[\w.]*)", source, re.M)) == {
        "macros.kb.base",
        "macros.kb.tables",
        "macros.kb.vocab",
    }
