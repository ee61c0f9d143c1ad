"""Browser test support: Debian's chromium via Playwright against the built site on 127.0.0.1."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
#: Flags that keep chromium from reaching for the network on a closed machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def require_chromium() -> None:
    """Skip with a reason when chromium is absent; fail instead when REQUIRE_BROWSER=1 (CI)."""
    if CHROMIUM.exists():
        return
    message = f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {message}")
    pytest.skip(message)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def axe_source() -> str:
    """axe-core's script, from its PyPI package (never a CDN)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


#: WCAG 2.1 A and AA rule tags, and axe's best practices (landmarks, heading order...).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def site_paths(site: Path) -> list[str]:
    """URL path of every page of a built site."""
    paths = []
    for page in sorted(site.rglob("index.html")):
        if "search" in page.parts:
            continue
        rel = page.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths


#: Switches to the dark palette as a reader does, with the theme's toggle; returns the scheme shown.
TO_DARK = """() => {
  document.querySelector('label[for="__palette_1"]').click();
  document.activeElement.blur();
  return document.body.getAttribute('data-md-color-scheme');
}"""

#: axe at WCAG 2.1 A/AA and best practice, every rule in the light palette. The dark palette
#: changes colours and which palette toggle shows, nothing else (atlas.css, Material's palette):
#: there, the rules about colour run on the whole page and every rule on the toggle.
AXE_RUN = """async ([tags, scheme]) => {
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  if (scheme === 'light') return (await axe.run(document, options)).violations;
  const colour = axe.getRules(tags).filter(r => r.tags.includes('cat.color')).map(r => r.ruleId);
  const onPage = await axe.run(document, {...options, runOnly: {type: 'rule', values: colour}});
  const onToggle = await axe.run({include: ['[data-md-component=palette]']}, options);
  return [...onPage.violations, ...onToggle.violations];
}"""


def axe_in_both_palettes(page, label: str) -> list[str]:
    """axe's violations on the open page (axe already in it) in the light palette, then in the dark one."""
    failures = []
    for scheme in ("light", "dark"):
        if scheme == "dark":
            assert page.evaluate(TO_DARK) == "slate", label
        for violation in page.evaluate(AXE_RUN, [WCAG_TAGS, scheme]):
            targets = [node["target"] for node in violation["nodes"][:3]]
            failures.append(f"{scheme} {label}: {violation['id']} ({violation['help']}) at {targets}")
    page.evaluate("localStorage.clear()")  # the next page opens in the light palette again
    return failures
