"""Small helpers shared by the tests: copies of fixture projects, edits, CLI runs."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
#: Machine-readable results CI uploads as artefacts (git-ignored).
REPORTS = ROOT / "build-reports"


def copy_project(src: Path, dest: Path, with_site: bool = False) -> Path:
    """Copy a project's data (and optionally its site sources) to ``dest``."""
    shutil.copytree(src / "data", dest / "data")
    if (src / "content").is_dir():
        shutil.copytree(src / "content", dest / "content")
    if with_site:
        shutil.copy(src / "mkdocs.yml", dest / "mkdocs.yml")
        if (src / "overrides").is_dir():
            shutil.copytree(src / "overrides", dest / "overrides")
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` with ``new`` in a file; fail loudly if ``old`` is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def add_glossary_term(project: Path, term_id: str, term: str) -> None:
    """Append a valid glossary entry to a project's data/glossary.yaml."""
    glossary = project / "data" / "glossary.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").rstrip("\n")
        + f"\n  - id: {term_id}\n    term: {term}\n    definition: A new word.\n"
        "    sources: [nhs-twitching]\n    reviewed: 2026-11-21\n",
        encoding="utf-8",
    )


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based number of the ``nth`` line of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if needle in line:
            nth -= 1
            if nth == 0:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def run_cli(
    *args: str, cwd: Path = ROOT, timeout: float = 60, memory_mb: int | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m macros ARGS`` as an editor would (optionally with a memory cap)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}

    def limit() -> None:
        import resource

        cap = memory_mb * 1024 * 1024  # type: ignore[operator]
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return subprocess.run(
        [sys.executable, "-m", "macros", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=limit if memory_mb else None,
    )


def tree_hash(folder: Path) -> str:
    """A digest of every file under ``folder`` (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".cache" not in p.relative_to(folder).parts):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def error_lines(output: str) -> list[str]:
    """The error lines of text output (not warnings, not the summary)."""
    return [ln for ln in output.splitlines() if ln.startswith(("data/", "content/")) and "] warning: " not in ln]


def get_page(url: str) -> str:
    """The text of the page at ``url`` (served on 127.0.0.1)."""
    import urllib.request

    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for_page(url: str, needle: str, timeout: float, poll: float = 0.02) -> float:
    """Seconds until the page at ``url`` contains ``needle`` (fails after ``timeout`` seconds)."""
    import time

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if needle in get_page(url):
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(poll)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout}s")


@contextmanager
def preview_server(project: Path, ready: str, timeout: float = 120) -> Iterator[tuple[str, subprocess.Popen]]:
    """`mkdocs serve` of ``project`` as `make serve` runs it, once the page at ``ready`` (an
    address path) answers; yields the base address and the server process."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TA_PREVIEW": "1", "CHECK_LINKS": "false", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_page(base + ready, "</article>", timeout)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)
