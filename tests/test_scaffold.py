"""`python -m macros new`: a valid, commented skeleton that fails only on its placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.kb.load import load
from macros.rules import run_checks
from macros.tools.scaffold import SKELETONS
from tests.helpers import ROOT, copy_project, run_cli, tree_hash


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "p")


@pytest.mark.parametrize("kind", sorted(SKELETONS))
def test_scaffold_appends_a_record_that_fails_only_on_placeholders(project: Path, kind: str) -> None:
    path = project / "data" / SKELETONS[kind].file
    before = path.read_text(encoding="utf-8")
    result = run_cli("new", kind, f"brand-new-{kind}", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert f"Added {kind} 'brand-new-{kind}' at data/{SKELETONS[kind].file}:" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before), "the file's existing text, comments and order are untouched"
    assert "# Added by `python -m macros new" in after
    loaded = load(project)
    problems = [p for p in loaded.problems + run_checks(loaded) if p.severity == "error"]
    assert problems, "the placeholders must be reported"
    lines = after.splitlines()
    assert [p.format() for p in problems if p.rule != "placeholder-left"] == []
    assert all("todo" in lines[p.line - 1].lower() for p in problems), [p.format() for p in problems]


def test_filled_in_cause_passes_the_check(project: Path) -> None:
    run_cli("new", "cause", "hiccup-twitch", "--root", str(project))
    path = project / "data" / "causes.yaml"
    text = path.read_text(encoding="utf-8")
    head, new = text.split("  - id: hiccup-twitch\n")
    for placeholder, value in {
        "TODO plain name, shown as the page title": "Hiccup twitch",
        "category: TODO": "category: other",
        "seriousness: TODO": "seriousness: benign",
        "TODO what it is, in one or two plain sentences": "A made-up cause used by a test.",
        "TODO how it causes twitching (or that nobody knows)": "Nobody knows.",
        "TODO where and how the twitching typically shows": "Brief twitches.",
        "TODO one thing that helps, one point per line": "Rest.",
        "todo-source-id": "nhs-twitching",
    }.items():
        new = new.replace(placeholder, value)
    path.write_text(head + "  - id: hiccup-twitch\n" + new, encoding="utf-8")
    loaded = load(project)
    assert [p.format() for p in loaded.problems + run_checks(loaded) if p.severity == "error"] == []


def test_existing_and_malformed_ids_are_refused(project: Path) -> None:
    before = tree_hash(project)
    taken = run_cli("new", "cause", "caffeine-and-stimulants", "--root", str(project))
    assert taken.returncode == 1 and "already has a cause with id 'caffeine-and-stimulants'" in taken.stderr
    bad = run_cli("new", "sign", "Tongue Twitch", "--root", str(project))
    assert bad.returncode == 1 and "e.g. 'tongue-twitch'" in bad.stderr
    assert run_cli("new", "muscle", "x", "--root", str(project)).returncode == 2
    assert tree_hash(project) == before
