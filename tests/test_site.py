"""The real site: strict build, one page per entity, every fact shown and cited, every page complete."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.kb import models as m
from macros.kb.load import load
from macros.kb.views import Views
from macros.render.links import quote_figures
from macros.site.hooks import build_nav, entity_pages
from tests.helpers import REPORTS, ROOT, copy_project, edit, line_of


def build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build of ``project`` into ``out``, as CI does (never with -v)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def make_project(dest: Path) -> Path:
    """A copy of the real project (data, content, config) sharing the real macros package."""
    project = copy_project(ROOT, dest, with_site=True)
    (project / "macros").symlink_to(ROOT / "macros")
    return project


@pytest.fixture(scope="session")
def site(built_site: Path) -> Path:
    """The real site, built once per session (see conftest.built_site); no build warnings."""
    return built_site


@pytest.fixture(scope="session")
def views() -> Views:
    return Views(load(ROOT).kb)


def pages(site: Path) -> list[Path]:
    """Every content page of the built site (not the 404 page)."""
    return sorted(p for p in site.rglob("index.html") if "search" not in p.parts)


_INLINE = r"</?(?:a|span|em|strong|code|abbr|time)\b[^>]*>"


def article(path: Path) -> str:
    """The HTML of a page's article (no navigation, header or footer)."""
    raw = path.read_text(encoding="utf-8")
    found = re.search(r"<article.*?</article>", raw, re.S)
    return found.group(0) if found else raw


def text_of(path: Path) -> str:
    """The visible text of a page's article, footnote markers dropped, whitespace collapsed."""
    body = re.sub(r"<sup\b.*?</sup>", "", article(path), flags=re.S)
    body = re.sub(_INLINE, "", body)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


class Ids(HTMLParser):
    """Collects ids and hrefs of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and value and tag == "a":
                self.hrefs.append(value)


def parse(path: Path, whole: bool = False) -> Ids:
    """Ids and link targets of a page's article (or of the whole page)."""
    parser = Ids()
    parser.feed(path.read_text(encoding="utf-8") if whole else article(path))
    return parser


# --- Build ------------------------------------------------------------------------------------


def test_site_has_every_page(site: Path) -> None:
    expected = ["index.html", "twitching", "warning-signs", "causes", "roots", "body-areas", "faqs", "glossary"]
    expected += ["references", "about", "numbers"]
    assert [p for p in expected if not (site / p).exists()] == []


def test_no_unrendered_macros_or_errors(site: Path) -> None:
    bad = []
    for page in pages(site):
        raw = page.read_text(encoding="utf-8")
        for marker in ("{{", "{%", "Macro Rendering Error", "Traceback", "jinja2.exceptions", "undefined"):
            if marker in re.sub(r"<script.*?</script>", "", raw, flags=re.S):
                bad.append(f"{page.relative_to(site)}: {marker}")
    assert bad == []


def test_every_page_shows_review_dates_and_disclaimer(site: Path) -> None:
    missing = []
    for page in pages(site):
        raw = page.read_text(encoding="utf-8")
        if "For education only." not in raw:
            missing.append(f"{page.relative_to(site)}: disclaimer")
        if "Last reviewed:" not in raw or "Next review due:" not in raw:
            missing.append(f"{page.relative_to(site)}: review dates")
    assert missing == []


def test_review_date_is_the_oldest_fact_on_the_page(site: Path, views: Views) -> None:
    cause = views.kb.causes[0]
    raw = (site / "causes" / cause.id / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'Last reviewed: <time datetime="([\d-]+)"', raw).group(1)
    assert shown <= cause.reviewed.isoformat()
    due = re.search(r'Next review due: <time datetime="([\d-]+)"', raw).group(1)
    assert int(due[:4]) == int(shown[:4]) + 1 and due[4:] == shown[4:]


def test_json_ld_parses_on_every_page(site: Path) -> None:
    bad = []
    for page in pages(site):
        raw = page.read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
        if len(blocks) != 1:
            bad.append(f"{page.relative_to(site)}: {len(blocks)} JSON-LD blocks")
            continue
        data = json.loads(blocks[0])
        node = data["@graph"][0] if "@graph" in data else data
        if node["@type"] != "MedicalWebPage" or "lastReviewed" not in node or "about" not in node:
            bad.append(f"{page.relative_to(site)}: incomplete MedicalWebPage")
    assert bad == []


def test_faq_page_json_ld_has_every_question(site: Path, views: Views) -> None:
    raw = (site / "faqs" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1))
    faq = next(n for n in data["@graph"] if n["@type"] == "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == [f.question for f in views.kb.faqs]
    assert all(q["acceptedAnswer"]["@type"] == "Answer" for q in faq["mainEntity"])


# --- Entities -------------------------------------------------------------------------------------


def test_every_entity_has_exactly_one_page_in_the_nav(site: Path, views: Views) -> None:
    nav = json.dumps(build_nav(entity_pages(views)))
    expected = [f"causes/{c.id}" for c in views.kb.causes]
    expected += [f"roots/{r.id}" for r in views.kb.roots]
    expected += [f"body-areas/{r.id}" for r in views.kb.anatomy.regions]
    missing = [e for e in expected if not (site / e / "index.html").exists()]
    not_in_nav = [e for e in expected if nav.count(f'"{e}.md"') != 1]
    generated = {
        str(p.parent.relative_to(site))
        for d in ("causes", "roots", "body-areas")
        for p in (site / d).glob("*/index.html")
    }
    assert (missing, not_in_nav, sorted(generated - set(expected))) == ([], [], [])


def test_index_pages_link_every_entity(site: Path, views: Views) -> None:
    def linked(index: str) -> set[str]:
        return {
            h.strip("/").split("/")[0]
            for h in parse(site / index / "index.html").hrefs
            if not h.startswith(("#", "http", ".."))
        }

    assert {c.id for c in views.kb.causes} <= linked("causes")
    assert {r.id for r in views.kb.anatomy.regions} <= linked("body-areas")
    assert {r.id for r in views.kb.roots} <= linked("roots")


def test_region_pages_derive_roots_and_causes(site: Path, views: Views) -> None:
    calf = text_of(site / "body-areas" / "calf" / "index.html")
    assert "S1" in calf
    hrefs = parse(site / "body-areas" / "calf" / "index.html").hrefs
    assert any("roots/s1" in h for h in hrefs)
    assert not any("roots/l5/" in h for h in hrefs), "the calf is S1 territory, not L5"
    causes_with_calf = [c.id for c in views.kb.causes if "calf" in c.regions]
    assert causes_with_calf and all(any(f"causes/{c}/" in h for h in hrefs) for c in causes_with_calf)


# --- Facts and citations ----------------------------------------------------------------------------


def _first_words(text: str, n: int = 8) -> str:
    return " ".join(text.split()[:n])


def test_every_fact_is_rendered_somewhere(site: Path, views: Views) -> None:
    corpus = " ".join(text_of(p) for p in pages(site))
    kb = quote_figures(views.kb)  # a quoted figure shows its value
    texts: list[tuple[str, str]] = []
    texts += [(f"cause {c.id}", x) for c in kb.causes for x in (c.summary, c.mechanism, c.pattern, *c.helps)]
    texts += [(f"root {r.id}", x) for r in kb.roots for x in (r.sensory_area, r.weakness, *r.movements, *r.symptoms)]
    texts += [(f"region {r.id}", r.description) for r in kb.anatomy.regions]
    texts += [(f"muscle {x.id}", x.action) for x in kb.anatomy.muscles]
    texts += [(f"nerve {x.id}", x.supplies) for x in kb.anatomy.nerves if any(x.id in r.nerves for r in kb.roots)]
    texts += [(f"sign {s.id}", x) for s in kb.signs for x in (s.description, s.action)]
    texts += [(f"faq {f.id}", x) for f in kb.faqs for x in (f.question, f.answer)]
    texts += [(f"term {t.id}", t.definition) for t in kb.glossary]
    texts += [(f"comparison {c.id}", x) for c in kb.comparisons for x in (c.what_it_is, c.how_it_differs)]
    texts += [(f"figure {f.id}", x) for f in kb.figures for x in (f.value, f.context)]
    missing = [who for who, text in texts if _first_words(" ".join(text.split())) not in corpus]
    assert missing == []


def test_every_citation_resolves(site: Path) -> None:
    references = parse(site / "references" / "index.html", whole=True).ids
    bad = []
    for page in pages(site):
        ids = parse(page, whole=True)
        for href in ids.hrefs:
            if href.startswith("#fn:") and href[1:] not in ids.ids:
                bad.append(f"{page.relative_to(site)}: {href}")
            if "references/#" in href and href.split("#", 1)[1] not in references:
                bad.append(f"{page.relative_to(site)}: {href}")
    assert bad == []


def test_cited_pages_have_a_collapsed_numbered_source_list(site: Path, views: Views) -> None:
    raw = (site / "causes" / views.kb.causes[0].id / "index.html").read_text(encoding="utf-8")
    listing = re.search(
        r'<details class="ta-sources" id="sources"[^>]*>\s*<summary>Sources \((\d+)\)</summary>(.*?)</details>',
        raw,
        re.S,
    )
    assert listing is not None and int(listing.group(1)) == listing.group(2).count("<li ")
    assert re.search(r'<sup class="ta-cite"[^>]*><a href="#src-[a-z0-9-]+"[^>]*>1[^<]*</a></sup>', raw)
    assert "Full reference" in raw


def test_at_most_one_citation_marker_per_paragraph_or_list_and_none_in_headings(site: Path) -> None:
    crowded = []
    for page in pages(site):
        body = article(page)
        for block in re.findall(r"<(?:p|ul|ol)\b.*?</(?:p|ul|ol)>", body, re.S):
            if "<ul" in block[3:] or "<ol" in block[3:]:
                continue  # a list holding lists: its items are counted as their own lists
            if block.count('class="ta-cite"') > 1:
                crowded.append(f"{page.relative_to(site)}: {re.sub(r'<[^>]+>', '', block)[:80]}")
        for heading in re.findall(r"<h[1-6]\b.*?</h[1-6]>", body, re.S):
            if "ta-cite" in heading:
                crowded.append(f"{page.relative_to(site)}: heading {heading[:60]}")
    assert crowded == []


def test_references_page_lists_every_source_with_backlinks(site: Path, views: Views) -> None:
    parsed = parse(site / "references" / "index.html")
    assert {s.id for s in views.kb.sources} <= parsed.ids
    raw = (site / "references" / "index.html").read_text(encoding="utf-8")
    assert raw.count("Cited on:") == len(views.kb.sources)


def test_urgency_tiers_use_one_component_each(site: Path) -> None:
    raw = (site / "warning-signs" / "index.html").read_text(encoding="utf-8")
    order = [raw.find(f'id="{level}"') for level in m.URGENCY_ORDER]
    assert all(i > 0 for i in order) and order == sorted(order), "emergency first"
    for level in m.URGENCY_ORDER:
        assert f'class="admonition {level}"' in raw


def test_glossary_terms_link_on_first_use_only(site: Path) -> None:
    raw = (site / "causes" / "nerve-root-compression" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'class="ta-term" href="[^"]*#term-([a-z0-9-]+)"', raw)
    assert "sciatica" in links
    assert len(links) == len(set(links)), "each term is linked once per page"


# --- Failure -------------------------------------------------------------------------------------------


def test_data_error_stops_the_build_with_its_location(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    signs = project / "data" / "signs.yaml"
    first = next(
        ln.split(":", 1)[1].strip() for ln in signs.read_text(encoding="utf-8").splitlines() if "urgency:" in ln
    )
    edit(signs, f"urgency: {first}", "urgency: emergncy")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"data/signs.yaml:{line_of(signs, 'emergncy')}: [value-unknown]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_unknown_id_in_a_page_fails_the_build_naming_page_and_id(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "content" / "about.md").write_text("# About\n\n{{ faq('no-such-question') }}\n", encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "content/about.md:3: [page-ref-unknown]" in result.stderr and "no-such-question" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_rule_fails_check_and_build_with_the_same_message(tmp_path: Path) -> None:
    """The build runs the check's rules: reading grade included (once wired by hand in the CLI)."""
    from tests.helpers import run_cli

    project = make_project(tmp_path / "project")
    hard = (
        "Notwithstanding considerable interindividual heterogeneity, electrophysiological characterisation "
        "of spontaneous fasciculation potentials necessitates sophisticated neurophysiological instrumentation. "
    ) * 12
    about = project / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n" + hard + "\n", encoding="utf-8")
    checked = run_cli("check", "--root", str(project))
    errors = [line for line in checked.stdout.splitlines() if "[readability-grade]" in line]
    assert checked.returncode == 1 and len(errors) == 1, checked.stdout
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert errors[0] in result.stderr and "Traceback" not in result.stderr


def _provenance_sentence(project: Path) -> str:
    """The opening words of a source's editorial provenance in a project's data."""
    loaded = load(project)
    source = next(s for s in loaded.kb.sources if s.provenance and len(s.provenance.split()) >= 8)
    return " ".join(source.provenance.split()[:8])


def test_editorial_provenance_on_a_public_page_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    leaked = _provenance_sentence(project)
    about = project / "content" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{leaked}\n", encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "content/about.md: [editorial-in-page]" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("where", ["content", "template"])
def test_a_link_to_a_seed_article_fails_the_build(tmp_path: Path, where: str) -> None:
    project = make_project(tmp_path / "project")
    seed = "https://snuggymom.com/can-sciatica-cause-twitching"
    if where == "content":
        about = project / "content" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + f"\nSee [this]({seed}).\n", encoding="utf-8")
    else:
        edit(project / "overrides" / "main.html", "<strong>For education only.</strong>", f'<a href="{seed}">x</a>')
    result = build(project, tmp_path / "out")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "[source-not-citable]" in result.stderr and "snuggymom.com" in result.stderr


def test_no_built_page_shows_provenance_or_links_a_refused_host(site: Path, views: Views) -> None:
    from selectolax.lexbor import LexborHTMLParser

    from macros.site.editorial import Leaks

    leaks = Leaks(views.kb)
    for page in pages(site):
        leaks.add_page(str(page.relative_to(site)), LexborHTMLParser(page.read_text(encoding="utf-8")))
    assert leaks.found == []
    assert len(leaks.provenance.table) > 10, "the check knows the provenance it looks for"


def test_the_build_says_only_what_an_editor_needs(built_site: Path) -> None:
    log = (REPORTS / "build.log").read_text(encoding="utf-8")
    assert "[macros]" not in log, "mkdocs-macros' INFO lines show only with mkdocs build -v"
    assert "Documentation built in" in log
