"""pre-commit runs ruff and the data check on changed files, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.helpers import ROOT, edit


def test_config_uses_only_local_hooks() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-lint", "ruff-format", "twitch-atlas-check"} <= ids


def test_a_commit_with_bad_data_is_blocked(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for name in ("data", "content", "macros", "overrides"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", ".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert run("git", "init", "-q").returncode == 0
    run("git", "add", "-A")
    run("git", "commit", "-qm", "start", "--no-verify")
    edit(repo / "data" / "signs.yaml", "urgency: emergency", "urgency: emergncy")
    run("git", "add", "data/signs.yaml")
    result = run(str(ROOT / ".venv" / "bin" / "pre-commit"), "run")
    assert result.returncode != 0
    assert "data/signs.yaml:" in result.stdout and "[value-unknown]" in result.stdout
