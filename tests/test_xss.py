"""Hostile strings in every free-text field never reach the built HTML as markup."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from macros.kb import models as m
from macros.kb.load import load
from macros.kb.views import Views
from macros.render import legmap
from macros.render.citations import Citer
from macros.render.lists import references_page
from macros.render.pages import page_bodies
from tests.helpers import ROOT, copy_project
from tests.test_site import build

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' x='",
    "<iframe src=//evil.example></iframe>",
    "{{ 7*7 }} {% raw %}",
    "<a href='javascript:alert(1)'>x</a>",
]
#: Free-text fields of each kind (names and synonyms too: they reach titles and attributes).
TEXT_FIELDS = {
    m.Cause: ("name", "summary", "mechanism", "pattern", "helps", "synonyms"),
    m.WarningSign: ("name", "description", "action", "tier_note"),
    m.SignGroup: ("title", "description"),
    m.Faq: ("question", "answer"),
    m.Term: ("term", "definition", "aliases"),
    m.Comparison: ("name", "what_it_is", "how_it_differs"),
    m.Region: ("name", "description", "synonyms"),
    m.Muscle: ("name", "action"),
    m.Nerve: ("name", "supplies", "root_values"),
    m.Deficit: ("name", "description"),
    m.Root: ("name", "sensory_area", "weakness", "symptoms", "movements", "reflex_note"),
    m.Figure: ("quantity", "value", "context"),
    m.Source: ("title", "authors", "publisher", "edition", "chapter", "note"),
}
EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]


def hostile_kb() -> m.KnowledgeBase:
    """The real knowledge base with every free-text field replaced by an attack string."""
    kb = load(ROOT).kb
    payload = itertools.cycle(PAYLOADS)

    def poison(record: m.Model) -> m.Model:
        update = {}
        for name in TEXT_FIELDS.get(type(record), ()):
            value = getattr(record, name)
            update[name] = [next(payload) for _ in value] if isinstance(value, list) else next(payload)
        short = getattr(record, "in_short", None)
        if short is not None:
            parts = {part: next(payload) for part in ("what", "outlook", "helps", "doctor")}
            update["in_short"] = short.model_copy(update=parts)
        return record.model_copy(update=update)

    anatomy = kb.anatomy.model_copy(
        update={k: [poison(r) for r in getattr(kb.anatomy, k)] for k in ("regions", "muscles", "nerves", "deficits")}
    )
    lists = {
        k: [poison(r) for r in getattr(kb, k)]
        for k in (
            "sources",
            "roots",
            "causes",
            "signs",
            "sign_groups",
            "summaries",
            "faqs",
            "glossary",
            "comparisons",
            "figures",
        )
    }
    return kb.model_copy(update={**lists, "anatomy": anatomy})


class Markup(HTMLParser):
    """Collects the elements and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type") or ""
        if not (tag == "script" and kind in ("application/json", "application/ld+json")):  # inert data, not code
            self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def dangers(html: str) -> list[str]:
    parser = Markup()
    parser.feed(html)
    found = [f"<{t}>" for t in parser.tags if t in ("script", "img", "iframe", "object", "embed")]
    found += [f"{k}=" for k, _ in parser.attrs if k.startswith("on")]
    found += [
        f"{k}={v}"
        for k, v in parser.attrs
        if k in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", v, re.I)
    ]
    return found


def test_every_page_body_escapes_hostile_data() -> None:
    views = Views(hostile_kb())
    bodies = {src: body(src, Citer(views.sources)) for src, (_, body) in page_bodies(views).items()}  # type: ignore[operator]
    bodies["references.md"] = references_page(views, "references.md", {})
    bodies["body-areas/index.md"] = legmap.leg_map(views, "body-areas/index.md") + legmap.leg_map_table(
        views, "body-areas/index.md", Citer(views.sources)
    )
    problems = {}
    for src, body in bodies.items():
        html = markdown.markdown(body, extensions=EXTENSIONS)
        found = dangers(html)
        if found:
            problems[src] = found[:5]
    assert problems == {}
    assert "&lt;script&gt;" in markdown.markdown(bodies["faqs.md"], extensions=EXTENSIONS)
    data_block = bodies["body-areas/index.md"].split('class="ta-legmap__data">')[1].split("</script>")[0]
    assert "<" not in data_block, "hostile data cannot end the inert JSON block early"


def test_the_checker_rejects_html_and_script_links() -> None:
    from macros.kb.load import Loaded
    from macros.rules import run_checks

    loaded = load(ROOT)
    hostile = Loaded(hostile_kb(), [], loaded.broken_ids, ROOT, loaded.unreadable, {}, {})
    rules = {p.rule for p in run_checks(hostile)}
    assert {"html-in-text", "unsafe-link"} <= rules


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build with hostile strings the check lets through (quotes, braces, ampersands)."""
    tmp = tmp_path_factory.mktemp("xss")
    project = copy_project(ROOT, tmp / "p", with_site=True)
    (project / "macros").symlink_to(ROOT / "macros")
    causes = project / "data" / "causes.yaml"
    text = causes.read_text(encoding="utf-8")
    start = text.index("  - id: caffeine-and-stimulants")
    name_at = text.index("    name:", start)
    text = text[:name_at] + "    name: 'Caffeine \" onmouseover=\"alert(1)'" + text[text.index("\n", name_at) :]
    summary_at = text.index("    summary:", start)
    text = (
        text[:summary_at]
        + "    summary: 'Coffee \" onfocus=\"alert(2) {{ 7*7 }} & tea' \n"
        + text[text.index("    mechanism:", summary_at) :]
    )
    causes.write_text(text, encoding="utf-8")
    result = build(project, tmp / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    return tmp / "out"


def test_quotes_in_data_never_break_out_of_an_attribute(hostile_site: Path) -> None:
    bad = []
    for page in hostile_site.rglob("*.html"):
        parser = Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        bad += [f"{page.relative_to(hostile_site)}: {k}" for k, _ in parser.attrs if k.startswith("on")]
    assert bad == []
    html = (hostile_site / "causes" / "caffeine-and-stimulants" / "index.html").read_text(encoding="utf-8")
    assert 'content="Coffee &quot; onfocus=&quot;alert(2)' in html


def test_template_syntax_in_data_is_shown_not_run(hostile_site: Path) -> None:
    html = (hostile_site / "causes" / "caffeine-and-stimulants" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "{{ 7*7 }}" in article and " 49 " not in article
