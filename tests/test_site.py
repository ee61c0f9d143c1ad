"""The real site builds strictly; a data error stops the build with a located message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, copy_project, edit, line_of


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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project (data, content, config) sharing the real macros package."""
    dest = copy_project(ROOT, tmp_path / "project", with_site=True)
    (dest / "macros").symlink_to(ROOT / "macros")
    return dest


def test_real_site_builds_strictly(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Twitch Atlas" in home
    assert "{{" not in home and "{%" not in home


def test_data_error_stops_the_build_with_its_location(project: Path, tmp_path: Path) -> None:
    signs = project / "data" / "signs.yaml"
    text = signs.read_text(encoding="utf-8")
    first_urgency = next(line.split(":", 1)[1].strip() for line in text.splitlines() if "urgency:" in line)
    edit(signs, f"urgency: {first_urgency}", "urgency: emergncy")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"data/signs.yaml:{line_of(signs, 'emergncy')}: [value-unknown]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()
