"""Wires the knowledge base into MkDocs: load and check once, register macros, finish pages.

``install`` is called by mkdocs-macros (``define_env``); ``finish_page`` runs after each page's
macros (``on_post_page_macros``) to append its reference list, glossary tooltips, review dates
and JSON-LD. Generated pages and the navigation are added by ``macros/hooks.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from dateutil.relativedelta import relativedelta

from macros.kb.load import load
from macros.kb.sections import DATA_DIR, DATA_FILES
from macros.kb.views import Views
from macros.problems import Problem
from macros.render import legmap, pages
from macros.render.citations import Citer, footnote_id
from macros.render.markdown import esc, href, page_href
from macros.rules import run_checks

DEFAULT_REVIEW_MONTHS = 12


class DataError(Exception):
    """The knowledge base has errors: the build must stop and list them."""


@dataclass(frozen=True)
class Knowledge:
    """A checked knowledge base, and the errors the preview shows instead of pages (else none)."""

    views: Views
    errors: tuple[Problem, ...] = ()


_checked: dict[str, tuple[tuple[float, ...], Knowledge]] = {}


def knowledge(root: Path) -> Knowledge:
    """Load and check ``root/data`` once per change of its files (the MkDocs hooks and the macros
    plugin each ask for it); raise on any error, except while previewing."""
    stamp = tuple(
        (root / DATA_DIR / name).stat().st_mtime if (root / DATA_DIR / name).exists() else 0.0 for name in DATA_FILES
    )
    known = _checked.get(str(root))
    if known and known[0] == stamp:
        return known[1]
    loaded = load(root)
    problems = sorted(set(loaded.problems + run_checks(loaded)))
    errors = tuple(p for p in problems if p.severity == "error")
    if errors and not previewing():
        listing = "\n".join(p.format() for p in errors)
        raise build_error(f"the knowledge base has errors - fix them and rebuild:\n{listing}")
    if errors:  # make serve: say so loudly, and show the list in the browser instead of stale pages
        print(
            f"\nTwitch Atlas: {len(errors)} error(s) in the data - the preview shows them on every page:",
            file=sys.stderr,
        )
        print("\n".join(p.format() for p in errors), file=sys.stderr)
    result = Knowledge(Views(loaded.kb), errors)
    _checked[str(root)] = (stamp, result)
    return result


def previewing() -> bool:
    """True under `make serve` (TA_PREVIEW=1): data errors are shown in the browser, not fatal."""
    return os.environ.get("TA_PREVIEW") == "1"


def problems_page(errors: tuple[Problem, ...]) -> str:
    """The page the preview shows on every address while the data has errors."""
    lines = "\n".join(p.format() for p in errors)
    return (
        "# The knowledge base has errors\n\n"
        "The preview shows this instead of pages built from broken data. Fix each line below "
        "and save: this page reloads by itself.\n\n"
        f"{{% raw %}}\n```text\n{lines}\n```\n{{% endraw %}}\n"
    )


def build_error(message: str) -> Exception:
    """An exception MkDocs reports as a clean 'Error:' line (no traceback)."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # pragma: no cover - only outside a build
        return DataError(message)
    return PluginError(message)


class PageState:
    """The citer of the page being rendered (mkdocs-macros renders one page at a time)."""

    def __init__(self, views: Views, errors: tuple[Problem, ...] = ()) -> None:
        self.views = views
        self.errors = errors  # while previewing broken data: what every page shows instead
        self.page: str = ""
        self.citer = Citer(views.sources)
        # Page bodies rendered already to list each source's citing pages on the References page
        # (built first): page -> (body, its citer). A generated page takes its own, once.
        self.rendered: dict[str, tuple[str, Citer]] = {}

    def body(self, page: str, render: Callable[[Citer], str]) -> str:
        """The body of generated ``page``: as rendered for the References page, else rendered now."""
        if page in self.rendered:
            text, self.citer = self.rendered.pop(page)
            self.page = page
            return text
        return render(self.for_page(page))

    def for_page(self, page: str) -> Citer:
        """The citer of ``page``, fresh when a new page starts."""
        if page != self.page:
            self.page, self.citer = page, Citer(self.views.sources)
        return self.citer


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
        "urgency_overview": lambda: pages.urgency_overview(views, here(), citer()),
        "signs_page": lambda: pages.signs_page(views, here(), citer()),
        "comparison_table": lambda: pages.comparison_table(views, here(), citer()),
        "causes_index": lambda: pages.causes_index(views, here(), citer()),
        "roots_table": lambda: pages.roots_table(views, here(), citer()),
        "regions_index": lambda: pages.regions_index(views, here(), citer()),
        "faqs_page": lambda: pages.faqs_page(views, here(), citer()),
        "figures_table": lambda: pages.figures_table(views, here(), citer()),
        "leg_map": lambda: legmap.leg_map(views, here()),
        "leg_map_table": lambda: legmap.leg_map_table(views, here(), citer()),
        "glossary_page": lambda: pages.glossary_page(views, here(), citer()),
        "references_page": lambda: pages.references_page(views, here(), pages.citing_pages(views, state.rendered)),
    }
    for name, func in macros.items():
        env.macro(func, name)

    entity_pages = {  # macro name -> (kind word for errors, lookup table, page function)
        "cause_page": ("cause", views.causes, pages.cause_page),
        "root_page": ("root", views.roots, pages.root_page),
        "region_page": ("region", views.regions, pages.region_page),
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
        return pages.figure_text(views, figure_id, citer())

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
        return pages.faq_section([table[faq_id]], here(), citer(), heading="")

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


def review_months(config: Any) -> int:
    """Months between editorial reviews (mkdocs.yml extra.review_interval_months)."""
    return int((config.get("extra") or {}).get("review_interval_months", DEFAULT_REVIEW_MONTHS))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months (clamped to the month's last day)."""
    return day + relativedelta(months=months)


def finish_page(env: Any) -> None:
    """After a page's macros ran: append its references and tooltips; set review and JSON-LD meta."""
    state: PageState | None = env.variables.get("ta_state")
    if state is None or env.page is None:
        return
    here = env.page.file.src_uri
    citer = state.for_page(here)
    views = state.views
    markdown = env.markdown
    sources = citer.cited_sources()
    if sources:
        lines = ["", "## Sources for this page {#sources-for-this-page}", "", "///Footnotes Go Here///", ""]
        for s in sources:
            where = "; ".join(citer.locators.get(s.id, []))
            located = f" ({esc(where)})" if where else ""
            full = f"{page_href(here, 'references.md')}#{s.id}"
            lines.append(
                f"[^{footnote_id(s.id)}]: {esc(s.publisher)}: *{esc(s.title)}*{located}. "
                f"[{s.url}]({s.url}){{: .ta-url }} ([full reference]({full}))"
            )
        markdown += "\n".join(lines) + "\n"
    env.markdown = markdown
    dump = os.environ.get("TA_DUMP_MARKDOWN")  # benchmarks: the page as plain Markdown, macros done
    if dump:
        target = Path(dump) / here
        target.parent.mkdir(parents=True, exist_ok=True)
        # The page's own front matter (title, description, search boost) is part of the page;
        # what our macros add below (review dates, JSON-LD) is not.
        own = {k: v for k, v in env.page.meta.items() if not k.startswith("ta_")}
        front = f"---\n{yaml.safe_dump(own, allow_unicode=True, sort_keys=False)}---\n\n" if own else ""
        target.write_text(front + markdown, encoding="utf-8")
    meta = env.page.meta
    fallback = meta.get("reviewed")
    dates = [d for d in (citer.oldest, _as_date(fallback)) if d]
    if dates:
        last = min(dates)
        meta["ta_last_reviewed"] = last.isoformat()
        meta["ta_next_review"] = add_months(last, review_months(env.conf)).isoformat()
    meta["ta_jsonld"] = json_ld(env, citer, views)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def json_ld(env: Any, citer: Citer, views: Views) -> str:
    """The page's schema.org MedicalWebPage (and FAQPage on the FAQ page), as safe JSON text."""
    page = env.page
    site_url = (env.conf.get("site_url") or "").rstrip("/")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title or env.conf.get("site_name"),
        "inLanguage": "en",
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        "citation": [
            {"@type": "CreativeWork", "name": s.title, "publisher": s.publisher, "url": str(s.url)}
            for s in citer.cited_sources()
        ],
    }
    if site_url:
        data["url"] = f"{site_url}/{page.url}"
    if page.meta.get("ta_last_reviewed"):
        data["lastReviewed"] = page.meta["ta_last_reviewed"]
    about = _about(page.file.src_uri, views)
    if about:
        data["about"] = about
    graph: list[dict[str, Any]] = [data]
    if page.file.src_uri == "faqs.md":
        graph.append(
            {
                "@type": "FAQPage",
                "mainEntity": [
                    {"@type": "Question", "name": f.question, "acceptedAnswer": {"@type": "Answer", "text": f.answer}}
                    for f in views.kb.faqs
                ],
            }
        )
    payload = graph[0] if len(graph) == 1 else {"@context": "https://schema.org", "@graph": graph}
    # "</" inside a script element would end it early: escape it.
    return json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")


def _about(src: str, views: Views) -> dict[str, Any] | None:
    """What an entity page is about, in schema.org terms."""
    folder, _, name = src.partition("/")
    record_id = name.removesuffix(".md")
    if folder == "causes" and record_id in views.causes:
        return {"@type": "MedicalCondition", "name": views.causes[record_id].name}
    if folder == "roots" and record_id in views.roots:
        return {"@type": "AnatomicalStructure", "name": f"{views.roots[record_id].label} nerve root"}
    if folder == "body-areas" and record_id in views.regions:
        return {"@type": "AnatomicalStructure", "name": views.regions[record_id].name}
    return {"@type": "MedicalSignOrSymptom", "name": "Fasciculation (muscle twitching)"}
