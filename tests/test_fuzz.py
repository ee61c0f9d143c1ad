"""Property-based fuzzing: random mutations of the real data never crash the check or the build."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.kb.sections import DATA_FILES
from macros.tools.cli import collect
from tests.helpers import ROOT
from tests.test_site import build, make_project

NASTY = [
    "\t",
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "&a ",
    "*a",
    "!!python/object ",
    "#",
    "\x00",
    "\u0430",
    "<script>",
    "---\n",
    "\\",
    "%",
    "@",
    "`",
    "|",
    ">",
]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, list[tuple[str, int, str]]]:
    """A data file and a few edits: (kind, line index, text)."""
    file = draw(st.sampled_from(DATA_FILES))
    edits = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "insert", "replace-value"]),
                st.integers(min_value=0, max_value=10_000),
                st.one_of(st.sampled_from(NASTY), st.text(max_size=12)),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return file, edits


def mutate(text: str, edits: list[tuple[str, int, str]]) -> str:
    """Apply the edits to a file's lines."""
    lines = text.splitlines()
    for kind, index, extra in edits:
        if not lines:
            break
        i = index % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = (i * 7 + 3) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
        elif kind == "insert":
            pos = index % (len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + extra + lines[i][pos:]
        elif kind == "replace-value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {extra}"
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_data_never_crashes_the_check(mutation: tuple[str, list[tuple[str, int, str]]]) -> None:
    file, edits = mutation
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "content", root / "content")
        path = root / "data" / file
        path.write_text(mutate(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
        problems, _ = collect(root)  # must return problems, never raise
        assert all(p.line >= 1 and p.path and p.rule for p in problems)


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_data_never_crashes_the_build(mutation: tuple[str, list[tuple[str, int, str]]]) -> None:
    file, edits = mutation
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "p")
        path = project / "data" / file
        path.write_text(mutate(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
        result = build(project, Path(tmp) / "out")
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert result.returncode in (0, 1), result.stderr[-2000:]
