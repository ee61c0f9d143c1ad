"""`python -m macros new`: a valid, commented skeleton that fails only on its placeholders."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from macros.kb.load import load
from macros.kb.places import KIND_WORDS
from macros.kb.sections import BY_KEY, SECTIONS, TABLES
from macros.rules import run_checks
from tests.helpers import ROOT, copy_project, run_cli, tree_hash


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "p")


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any line of ``before`` changed or moved."""
    ops = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    assert {tag for tag, *_ in ops} <= {"equal", "insert"}, "existing lines are untouched and in order"
    return [line for tag, _, _, j1, j2 in ops if tag == "insert" for line in after.splitlines()[j1:j2]]


def test_every_kind_of_record_can_be_added() -> None:
    kinds = {s.key for s in SECTIONS if s.key not in {t.key for t in TABLES}}
    assert set(KIND_WORDS.values()) == kinds


@pytest.mark.parametrize("kind", sorted(KIND_WORDS))
def test_scaffold_adds_a_record_to_its_list_that_fails_only_on_placeholders(project: Path, kind: str) -> None:
    section = BY_KEY[KIND_WORDS[kind]]
    path = project / "data" / section.file
    before = path.read_text(encoding="utf-8")
    result = run_cli("new", kind, f"brand-new-{kind}", "--root", str(project))
    assert result.returncode == 0, result.stderr
    assert f"Added {kind} 'brand-new-{kind}' at data/{section.file}:" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert any("# Added by `python -m macros new" in line for line in added_lines(before, after))
    loaded = load(project)
    problems = [p for p in loaded.problems + run_checks(loaded) if p.severity == "error"]
    assert problems, "the placeholders must be reported"
    lines = after.splitlines()
    assert [p.format() for p in problems if p.rule != "placeholder-left"] == []
    assert all("todo" in lines[p.line - 1].lower() for p in problems), [p.format() for p in problems]
    assert all(p.message.startswith(f"{section.label} 'brand-new-{kind}'") for p in problems), "in its own list"


#: What an editor writes over each TODO of a new cause.
FILLED = {
    "name": "Hiccup twitch",
    "category": "other",
    "seriousness": "benign",
    "summary": "A made-up cause used by a test.",
    "mechanism": "Nobody knows.",
    "pattern": "Brief twitches.",
    "what": "A made-up twitch.",
    "outlook": "Usually harmless.",
    "helps": "Rest.",
    "doctor": "See a doctor if a muscle gets weak.",
    "tier": "soon",
}


def test_filled_in_cause_passes_the_check(project: Path) -> None:
    run_cli("new", "cause", "hiccup-twitch", "--root", str(project))
    path = project / "data" / "causes.yaml"
    head, new = path.read_text(encoding="utf-8").split("  - id: hiccup-twitch\n")
    new = re.sub(r"^(\s+)(\w+): TODO.*$", lambda m: f"{m[1]}{m[2]}: {FILLED[m[2]]}", new, flags=re.M)
    new = new.replace("      - TODO\n", "      - Rest.\n").replace("todo-source-id", "nhs-twitching")
    new = new.replace("locator: TODO where in the source", "locator: See a GP if")
    path.write_text(head + "  - id: hiccup-twitch\n" + new, encoding="utf-8")
    loaded = load(project)
    assert [p.format() for p in loaded.problems + run_checks(loaded) if p.severity == "error"] == []


def test_existing_and_malformed_ids_are_refused(project: Path) -> None:
    before = tree_hash(project)
    taken = run_cli("new", "cause", "caffeine-and-stimulants", "--root", str(project))
    assert taken.returncode == 1 and "already has a cause with id 'caffeine-and-stimulants'" in taken.stderr
    bad = run_cli("new", "sign", "Tongue Twitch", "--root", str(project))
    assert bad.returncode == 1 and "e.g. 'tongue-twitch'" in bad.stderr
    assert run_cli("new", "lexicon", "x", "--root", str(project)).returncode == 2
    assert tree_hash(project) == before
