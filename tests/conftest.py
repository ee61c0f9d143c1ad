"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import MINIMAL, REPORTS, ROOT, copy_project


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid knowledge base."""
    return copy_project(MINIMAL, tmp_path / "kb")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once per test session."""
    from tests.test_site import build

    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "build.log").write_text(result.stderr, encoding="utf-8")  # link-check results for CI
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built site served on 127.0.0.1."""
    from tests.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright (no browser download)."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
