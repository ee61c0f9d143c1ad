"""Twitch Atlas: knowledge base, checks and rendering, and the mkdocs-macros entry point.

Keep import time light: mkdocs-macros reports any ImportError here as "module not found".
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros hook: load and check data/, fail the build on errors, register macros."""
    from macros.site import install

    install(env)
