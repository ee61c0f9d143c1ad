"""Wires the knowledge base into MkDocs: load and check once, register macros, finish pages.

``install`` is called by mkdocs-macros (``define_env``); ``finish_page`` runs after each page's
macros (``on_post_page_macros``) to append its reference list, glossary tooltips, review dates
and JSON-LD. Generated pages and the navigation are added by ``macros/hooks.py``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.kb.load import inputs_stamp, load
from macros.kb.views import Views
from macros.problems import Problem
from macros.render import legmap
from macros.render.citations import Citer
from macros.render.dataset_shape import dataset_schema
from macros.render.entities import cause_page, region_page, root_page
from macros.render.links import quote_figures
from macros.render.lists import (
    causes_index,
    comparison_table,
    faq_section,
    faqs_page,
    figure_text,
    figures_table,
    glossary_page,
    references_page,
    regions_index,
    roots_table,
)
from macros.render.markdown import esc, href
from macros.render.pages import citing_pages
from macros.render.reuse import csv_note, example, field_tables, files_list, how_to_cite
from macros.render.signs import signs_overview, signs_page
from macros.render.summary import in_short
from macros.rules import run_checks
from macros.site.finish import review_months
from macros.site.opendata import published
from macros.site.state import PageState


class DataError(Exception):
    """The knowledge base has errors: the build must stop and list them."""


@dataclass(frozen=True)
class Knowledge:
    """A checked knowledge base, and the errors the preview shows instead of pages (else none)."""

    views: Views
    errors: tuple[Problem, ...] = ()


_checked: dict[str, tuple[tuple[float, ...], Knowledge]] = {}


def knowledge(root: Path) -> Knowledge:
    """Load and check ``root``'s data and pages once per change of their files (the MkDocs hooks
    and the macros plugin each ask for it); raise on any error, except while previewing."""
    stamp = inputs_stamp(root)
    known = _checked.get(str(root))
    if known and known[0] == stamp:
        return known[1]
    loaded = load(root)
    problems = sorted(set(loaded.problems + run_checks(loaded)))
    errors = tuple(p for p in problems if p.severity == "error")
    if errors and not previewing():
        listing = "\n".join(p.format() for p in errors)
        raise build_error(f"the data or pages have errors - fix them and rebuild:\n{listing}")
    if errors:  # make serve: say so loudly, and show the list in the browser instead of stale pages
        print(
            f"\nTwitch Atlas: {len(errors)} error(s) - the preview shows them on every page:",
            file=sys.stderr,
        )
        print("\n".join(p.format() for p in errors), file=sys.stderr)
    result = Knowledge(Views(quote_figures(loaded.kb)), errors)
    _checked[str(root)] = (stamp, result)
    return result


def previewing() -> bool:
    """True under `make serve` (TA_PREVIEW=1): data errors are shown in the browser, not fatal."""
    return os.environ.get("TA_PREVIEW") == "1"


def problems_page(errors: tuple[Problem, ...]) -> str:
    """The page the preview shows on every address while the data has errors."""
    lines = "\n".join(p.format() for p in errors)
    return (
        "# Errors to fix before the site can be built\n\n"
        "The preview shows this on every page instead of pages built from broken data or pages. "
        "Fix each line below and save: this page reloads by itself.\n\n"
        f"{{% raw %}}\n```text\n{lines}\n```\n{{% endraw %}}\n"
    )


def build_error(message: str) -> Exception:
    """An exception MkDocs reports as a clean 'Error:' line (no traceback)."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # pragma: no cover - only outside a build
        return DataError(message)
    return PluginError(message)


def install(env: Any) -> None:
    """Load and check data/, then register every macro used by content/ and generated pages."""
    checked = knowledge(Path(env.project_dir))
    views = checked.views
    state = PageState(views, checked.errors)
    env.variables["ta_state"] = state

    def here() -> str:
        return env.page.file.src_uri if env.page else "index.md"

    def citer() -> Citer:
        return state.for_page(here())

    def need(kind: str, record_id: str, table: dict[str, Any]) -> None:
        if record_id not in table:
            raise build_error(f"page {here()}: unknown {kind} id '{record_id}'")

    macros: dict[str, Any] = {
        "signs_overview": lambda: signs_overview(views, here(), citer()),
        "signs_page": lambda: signs_page(views, here(), citer()),
        "comparison_table": lambda: comparison_table(views, here(), citer()),
        "causes_index": lambda: causes_index(views, here(), citer()),
        "roots_table": lambda: roots_table(views, here(), citer()),
        "regions_index": lambda: regions_index(views, here(), citer()),
        "faqs_page": lambda: faqs_page(views, here(), citer()),
        "figures_table": lambda: figures_table(views, here(), citer()),
        "leg_map": lambda: legmap.leg_map(views, here()),
        "leg_map_table": lambda: legmap.leg_map_table(views, here(), citer()),
        "glossary_page": lambda: glossary_page(views, here(), citer()),
        "references_page": lambda: references_page(views, here(), citing_pages(views, state.rendered)),
        # The Reuse the data page: the files this build publishes (macros.site.opendata) and their fields.
        "dataset_files": lambda: files_list(here(), published(views, Path(env.project_dir))[1]),
        "dataset_citation": lambda: how_to_cite(published(views, Path(env.project_dir))[0]),
        "dataset_fields": lambda: field_tables(dataset_schema()),
        "dataset_csv_note": csv_note,
    }
    for name, func in macros.items():
        env.macro(func, name)

    entity_pages = {  # macro name -> (kind word for errors, lookup table, page function)
        "cause_page": ("cause", views.causes, cause_page),
        "root_page": ("root", views.roots, root_page),
        "region_page": ("region", views.regions, region_page),
    }
    for macro_name, (kind, table, page_function) in entity_pages.items():

        def entity_page(record_id: str, kind: str = kind, table: Any = table, render: Any = page_function) -> str:
            """The body of one entity's generated page."""
            need(kind, record_id, table)
            page = here()
            return state.body(page, lambda c: render(views, record_id, page, c))

        env.macro(entity_page, macro_name)

    @env.macro
    def figure(figure_id: str) -> str:
        """A stored figure's value with its citation."""
        need("figure", figure_id, views.figures)
        return figure_text(views, figure_id, citer())

    @env.macro
    def term(term_id: str, text: str | None = None) -> str:
        """A link to a glossary term."""
        need("glossary term", term_id, views.terms)
        return f"[{esc(text or views.terms[term_id].term)}]({href(here(), 'glossary', term_id)})"

    @env.macro
    def faq(faq_id: str) -> str:
        """One FAQ answer, cited."""
        table = {f.id: f for f in views.kb.faqs}
        need("FAQ", faq_id, table)
        return faq_section([table[faq_id]], here(), citer(), heading="")

    @env.macro
    def summary(page_id: str) -> str:
        """The "In short" block a hand-written page opens with (data/summaries.yaml)."""
        need("page summary", page_id, views.summaries)
        record = views.summaries[page_id]
        return in_short(record.in_short, record, here(), citer())

    @env.macro
    def dataset_example(term_id: str) -> str:
        """A glossary term as the published JSON holds it, with a CSV row and a few lines of Python."""
        need("glossary term", term_id, views.terms)
        return example(views, here(), citer(), term_id)

    @env.macro
    def review_interval() -> str:
        """The site-wide review interval, in words."""
        return f"{review_months(env.conf)} months"


def call_entity_macro(env: Any) -> None:
    """A generated page is exactly one macro call (its front matter names it): make the call and
    tell mkdocs-macros not to compile the page as a template (most of its time on a large site)."""
    meta = env.page.meta if env.page else {}
    entity = meta.get("ta_entity")
    state: PageState | None = env.variables.get("ta_state")
    if not entity or state is None or state.errors:  # broken data: the preview's problem list stays
        return
    name, record_id = entity
    env.markdown = env.macros[name](record_id)
    meta["render_macros"] = False
