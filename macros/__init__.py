"""Twitch Atlas: knowledge base, checks and rendering, and the mkdocs-macros entry points.

Keep import time light: mkdocs-macros reports any ImportError here as "module not found".
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros hook: load and check data/, fail the build on errors, register macros."""
    from macros.site.macros import install

    install(env)


def on_pre_page_macros(env: Any) -> None:
    """mkdocs-macros hook: a generated page's one macro call is made directly (no template to compile)."""
    from macros.site.macros import call_entity_macro

    call_entity_macro(env)


def on_post_page_macros(env: Any) -> None:
    """mkdocs-macros hook: append the page's sources, tooltips, review dates and JSON-LD."""
    from macros.site.finish import finish_page

    finish_page(env)
