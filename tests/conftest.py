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
def views():
    """Views over the real data, loaded once per worker."""
    from macros.kb.load import load
    from macros.kb.views import Views

    return Views(load(ROOT).kb)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The real site, built strictly once per test run and shared by every worker (pytest-xdist
    runs tests in several processes: the first to take the lock builds, the others read)."""
    from filelock import FileLock

    from tests.test_site import build

    basetemp = tmp_path_factory.getbasetemp()
    shared = basetemp if worker_id == "master" else basetemp.parent  # one folder for all workers of this run
    out, log, code = shared / "real-site", shared / "real-site.log", shared / "real-site.code"
    with FileLock(str(shared / "real-site.lock")):
        if not code.exists():
            result = build(ROOT, out)
            log.write_text(result.stderr, encoding="utf-8")
            code.write_text(str(result.returncode), encoding="utf-8")
    stderr = log.read_text(encoding="utf-8")
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "build.log").write_text(stderr, encoding="utf-8")  # link-check results for CI
    assert code.read_text(encoding="utf-8") == "0", stderr[-4000:]
    assert "WARNING" not in stderr, stderr[-4000:]
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
