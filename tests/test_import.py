"""mkdocs-macros reports an ImportError in our package as "module not found": import it directly."""

from __future__ import annotations

import importlib


def test_package_imports_and_exposes_define_env() -> None:
    module = importlib.import_module("macros")
    assert callable(module.define_env)
    for name in ("kb.models", "kb.yamlread", "kb.load", "rules", "tools.cli", "site.macros", "site.hooks", "problems"):
        importlib.import_module(f"macros.{name}")


def test_models_import_only_their_building_blocks() -> None:
    """The models are the bottom of the data flow: nothing of ours but their base, vocabularies,
    tables and the source model."""
    import re
    from pathlib import Path

    import macros.kb.models as models
    import macros.kb.source as source

    blocks = {"macros.kb.base", "macros.kb.tables", "macros.kb.vocab", "macros.kb.source"}
    for module in (models, source):
        text = Path(module.__file__).read_text(encoding="utf-8")
        assert set(re.findall(r"^\s*(?:from|import) (macros[\w.]*)", text, re.M)) <= blocks, module.__name__
