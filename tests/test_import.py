"""mkdocs-macros reports an ImportError in our package as "module not found": import it directly."""

from __future__ import annotations

import importlib


def test_package_imports_and_exposes_define_env() -> None:
    module = importlib.import_module("macros")
    assert callable(module.define_env)
    for name in ("models", "yamlread", "load", "checks", "cli", "site", "problems"):
        importlib.import_module(f"macros.{name}")


def test_models_import_nothing_of_ours() -> None:
    from pathlib import Path

    import macros.models as models

    source = Path(models.__file__).read_text(encoding="utf-8")
    assert "from macros" not in source and "import macros" not in source
