"""`make serve`: edits show up within seconds, and broken data shows its problems in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import edit, get_page, line_of, preview_server, wait_for_page
from tests.test_site import make_project

#: A heading of every cause page (never on the problem page).
STALE_MARK = '<h2 id="what-it-is">'
PROBLEM_PAGE = "Errors to fix before the site can be built"


@pytest.fixture
def served(tmp_path: Path):
    """The project served by `mkdocs serve` as `make serve` runs it."""
    project = make_project(tmp_path / "project")
    with preview_server(project, "/", 90) as (base, server):
        yield project, base, server


def test_yaml_edit_shows_up_and_errors_show_in_the_browser(served) -> None:
    project, base, _server = served
    causes = project / "data" / "causes.yaml"
    edit(causes, "name: Caffeine, nicotine, alcohol and stimulants", "name: Coffee and other stimulants")
    seconds = wait_for_page(base + "/causes/caffeine-and-stimulants/", "Coffee and other stimulants", 30)
    assert seconds < 30

    signs = project / "data" / "signs.yaml"
    first = next(
        ln.split(":", 1)[1].strip() for ln in signs.read_text(encoding="utf-8").splitlines() if "urgency:" in ln
    )
    edit(signs, f"urgency: {first}", "urgency: emergncy")
    wait_for_page(base + "/", PROBLEM_PAGE, 30)
    page = get_page(base + "/causes/caffeine-and-stimulants/")
    article = page[page.index("<article") : page.index("</article>")]
    assert f"data/signs.yaml:{line_of(signs, 'emergncy')}: [value-unknown]" in article
    assert STALE_MARK not in article, "no stale page is served"

    edit(signs, "urgency: emergncy", f"urgency: {first}")
    wait_for_page(base + "/causes/caffeine-and-stimulants/", "Coffee and other stimulants", 30)


def test_an_edited_theme_override_shows_up(served) -> None:
    """The preview compiles the theme's templates once, keyed by their source: an edit to an
    override still shows on the next save."""
    project, base, _server = served
    edit(project / "overrides" / "main.html", "{% block extrahead %}", '{% block extrahead %}<meta name="ta-edited">')
    wait_for_page(base + "/", '<meta name="ta-edited">', 30)
    edit(project / "overrides" / "main.html", '<meta name="ta-edited">', '<meta name="ta-edited-again">')
    wait_for_page(base + "/", '<meta name="ta-edited-again">', 30)


#: Each mistake an editor can make: (what it is, file, text to replace, broken text, rule expected).
MISTAKES = [
    (
        "yaml",
        "data/causes.yaml",
        "  - id: caffeine-and-stimulants",
        "  - id: caffeine-and-stimulants\n  bad: [",
        "yaml-syntax",
    ),
    ("model", "data/causes.yaml", "category: lifestyle", "category: lifestyl", "value-unknown"),
    ("rule", "data/faqs.yaml", "      - nhs-twitching\n", "      - nhs-twitchng\n", "source-unknown"),
    ("jinja-syntax", "content/faqs.md", "{{ faqs_page() }}", "{{ faqs_page( }}", "page-macro-syntax"),
    ("unknown-macro", "content/faqs.md", "{{ faqs_page() }}", "{{ faq_page() }}", "page-macro-unknown"),
    ("unknown-id", "content/index.md", '{{ summary("home") }}', '{{ summary("hme") }}', "page-ref-unknown"),
    (
        "broken-link",
        "content/faqs.md",
        "{{ faqs_page() }}",
        "[more](no-such-page.md)\n\n{{ faqs_page() }}",
        "link-unknown",
    ),
]


def _page_of(file: str) -> str:
    """The address of the page a file is (a data file: the home page)."""
    if file.startswith("content/") and not file.endswith("index.md"):
        return "/" + Path(file).stem + "/"
    return "/"


def test_the_preview_shows_every_mistake_on_every_page_and_recovers(served) -> None:
    project, base, server = served
    report = []
    for what, file, good, bad, rule in MISTAKES:
        path = project / file
        assert good in path.read_text(encoding="utf-8"), (what, good)
        edit(path, good, bad)
        wait_for_page(base + _page_of(file), f"[{rule}]", 30)
        for address in ("/", _page_of(file), "/causes/caffeine-and-stimulants/", "/glossary/"):
            page = get_page(base + address)
            assert PROBLEM_PAGE in page and f"[{rule}]" in page and "Traceback" not in page, (what, address)
        edit(path, bad, good)
        report.append((what, wait_for_page(base + _page_of(file), "</article>", 30)))
        wait_for_page(base + "/causes/caffeine-and-stimulants/", STALE_MARK, 30)
        assert server.poll() is None, f"the server stopped after the {what} mistake"
    assert [what for what, _ in report] == [m[0] for m in MISTAKES]
