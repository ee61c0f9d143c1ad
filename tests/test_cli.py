"""The check command as editors and CI call it: formats, exit codes, summary."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import MINIMAL, ROOT, edit, line_of, run_cli


def test_clean_data_exits_zero_with_summary() -> None:
    result = run_cli("check", "--root", str(MINIMAL))
    assert result.returncode == 0
    assert result.stdout.strip() == "No problems: 13 records checked."


def test_json_format_lists_objects(minimal: Path) -> None:
    edit(minimal / "data" / "signs.yaml", "urgency: urgent", "urgency: emergncy")
    result = run_cli("check", "--root", str(minimal), "--format", "json")
    assert result.returncode == 1
    items = [item for item in json.loads(result.stdout) if item["rule"] != "source-unused"]
    assert items == [
        {
            "path": "data/signs.yaml",
            "line": line_of(minimal / "data" / "signs.yaml", "emergncy"),
            "rule": "value-unknown",
            "severity": "error",
            "message": items[0]["message"],
        }
    ]
    assert "allowed: emergency, urgent, soon, self-care" in items[0]["message"]


def test_json_format_clean_is_empty_list() -> None:
    result = run_cli("check", "--root", str(MINIMAL), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_paths_are_relative_to_root_and_sorted(minimal: Path) -> None:
    edit(minimal / "data" / "signs.yaml", "regions: [calf]", "regions: [calff]")
    edit(minimal / "data" / "causes.yaml", "regions: [calf]", "regions: [calfs]")
    result = run_cli("check", "--root", str(minimal))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("data/causes.yaml:")
    assert lines[1].startswith("data/signs.yaml:")
    assert lines[2] == "2 error(s), 0 warning(s) in 2 file(s); 13 records checked."
    assert str(minimal) not in result.stdout


def test_usage_errors_exit_two() -> None:
    assert run_cli("check", "--format", "xml").returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli().returncode == 2
    missing = run_cli("check", "--root", "/no/such/folder")
    assert missing.returncode == 2
    assert "not a folder" in missing.stderr


def test_runs_from_project_root_by_default() -> None:
    result = run_cli("check", cwd=MINIMAL)
    assert result.returncode == 0, result.stdout


def test_output_is_whole_when_the_check_ends_its_own_process(minimal: Path) -> None:
    """``python -m macros check`` ends at once after writing (no teardown): buffered output must
    still arrive in full through a pipe, with the right exit code."""
    from macros.tools.cli import collect

    faqs = minimal / "data" / "faqs.yaml"
    faqs.write_text(faqs.read_text(encoding="utf-8").replace("sources: [", "sources: [nowhere-1, nowhere-2, "))
    expected, _ = collect(minimal)
    assert len(expected) >= 2
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # block-buffered, as usual
    for form in ("json", "text"):
        result = subprocess.run(
            [sys.executable, "-m", "macros", "check", "--root", str(minimal), "--format", form],
            cwd=ROOT,
            env={**env, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1, result.stderr
        if form == "json":
            assert [item["message"] for item in json.loads(result.stdout)] == [p.message for p in expected]
        else:
            assert result.stdout.splitlines()[-1].startswith(f"{len(expected)} error(s)")


def test_the_readme_lists_every_rule_as_the_rules_command_prints_it() -> None:
    from macros.tools.cli import rules_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert block == rules_table(), "README.md's rules table is out of date: run `make rules`"
    assert run_cli("rules").stdout == rules_table()


def test_make_rules_rewrites_only_the_table_between_the_markers(tmp_path: Path) -> None:
    from macros.tools.cli import rules_table

    readme = tmp_path / "README.md"
    readme.write_text("# Title\n<!-- rules:start -->\n| old |\n<!-- rules:end -->\nAfter.\n", encoding="utf-8")
    assert run_cli("rules", "--readme", str(readme)).returncode == 0
    assert (
        readme.read_text(encoding="utf-8")
        == f"# Title\n<!-- rules:start -->\n{rules_table()}<!-- rules:end -->\nAfter.\n"
    )
    readme.write_text("# No markers\n", encoding="utf-8")
    result = run_cli("rules", "--readme", str(readme))
    assert result.returncode == 1 and "[rules] the rules table markers are missing" in result.stdout
    assert readme.read_text(encoding="utf-8") == "# No markers\n", "left as it was"


def test_a_python_without_the_projects_packages_is_told_how_to_get_them() -> None:
    script = "import sys; sys.modules['stdnum'] = None; from macros.tools.cli import main; sys.exit(main(['check']))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "package 'stdnum' is missing" in result.stderr and "make serve" in result.stderr


def test_the_editing_guide_names_real_kinds_targets_and_records() -> None:
    from macros.kb.load import load
    from macros.kb.places import KIND_WORDS, LINKABLE, QUOTED, RECORD_LINK
    from macros.kb.sections import records_of

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    kinds = re.findall(r"^\| `([a-z-]+)` \| `[a-z]+\.yaml` \|", guide, flags=re.M)
    assert sorted(kinds) == sorted(KIND_WORDS), "the guide's table lists every kind `make new` takes"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make ([a-z-]+)", guide)):
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"make {target} is not a target"
    kb = load(ROOT).kb
    for _, word, record_id in RECORD_LINK.findall(guide):
        kind = {**LINKABLE, QUOTED: "figures"}[word]
        assert record_id in {r.id for r in records_of(kb, kind)}, f"({word}:{record_id}) in the guide"
