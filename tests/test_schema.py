"""Editor autocomplete: the committed JSON Schemas are current and describe the data files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from macros.kb import schema
from macros.kb.load import load
from macros.kb.sections import DATA_FILES
from macros.kb.yamlread import read_yaml
from tests.helpers import ROOT, add_glossary_term, copy_project, run_cli


def _as_json(value: object) -> object:
    """YAML data as JSON would carry it (dates become strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def test_committed_schemas_are_up_to_date() -> None:
    assert schema.stale(ROOT, load(ROOT).kb) == [], "run `make schema` and commit data/schema/"


def test_schema_check_command_reports_stale_schemas(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    assert run_cli("schema", "--check", "--root", str(project)).returncode == 0
    add_glossary_term(project, "brand-new-term", "new term")
    result = run_cli("schema", "--check", "--root", str(project))
    assert result.returncode == 1 and "data/schema/" in result.stdout
    check = run_cli("check", "--root", str(project))
    assert "[schema-stale]" in check.stdout


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_names_its_schema_and_validates_against_it(name: str) -> None:
    path = ROOT / "data" / name
    assert path.read_text(encoding="utf-8").splitlines()[0] == schema.modeline(name)
    document = json.loads((ROOT / "data" / "schema" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    # Read as our loader and YAML 1.2 editors do ("no" is a word, not false).
    jsonschema.validate(_as_json(read_yaml(path.read_bytes(), name).data), document)


def test_schema_catches_what_editors_get_wrong() -> None:
    document = json.loads((ROOT / "data" / "schema" / "signs.json").read_text(encoding="utf-8"))
    good = _as_json(read_yaml((ROOT / "data" / "signs.yaml").read_bytes(), "signs.yaml").data)
    sign = good["signs"][0]
    for bad in (
        {**sign, "urgency": "emergncy"},
        {**sign, "sourcse": []},
        {k: v for k, v in sign.items() if k != "description"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"signs": [bad]}, document)


def test_schema_offers_vocabularies_ids_and_tooltips() -> None:
    document = json.loads((ROOT / "data" / "schema" / "signs.json").read_text(encoding="utf-8"))
    props = document["$defs"]["WarningSign"]["properties"]
    assert props["urgency"]["enum"] == ["emergency", "urgent", "soon", "self-care"]
    assert "nerve-root-compression" in props["causes"]["items"]["examples"]
    assert "nhs-twitching" in props["sources"]["items"]["anyOf"][0]["examples"]
    assert props["description"]["description"]


def test_a_schema_is_stale_when_its_content_differs_not_its_layout(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    shutil.copytree(ROOT / "data" / "schema", project / "data" / "schema", dirs_exist_ok=True)
    kb = load(project).kb
    folder = project / "data" / "schema"
    faqs = folder / "faqs.json"
    faqs.write_text(json.dumps(json.loads(faqs.read_text(encoding="utf-8"))), encoding="utf-8")  # one line
    assert schema.stale(project, kb) == []
    document = json.loads(faqs.read_text(encoding="utf-8"))
    document["title"] += " (edited)"
    faqs.write_text(json.dumps(document), encoding="utf-8")
    (folder / "signs.json").write_text("{not json", encoding="utf-8")
    (folder / "causes.json").unlink()
    assert sorted(schema.stale(project, kb)) == ["causes.json", "faqs.json", "signs.json"]


def test_make_check_keeps_editor_autocomplete_fresh_but_never_from_broken_data(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    assert run_cli("schema", "--quiet", "--root", str(project)).stdout == "", "nothing to say when fresh"
    add_glossary_term(project, "brand-new-term", "new term")
    updated = run_cli("schema", "--quiet", "--root", str(project))
    assert updated.returncode == 0 and "schema file(s) updated" in updated.stdout
    assert run_cli("schema", "--check", "--root", str(project)).returncode == 0
    before = {p.name: p.read_text(encoding="utf-8") for p in (project / "data" / "schema").glob("*.json")}
    edit_file = project / "data" / "causes.yaml"
    edit_file.write_text(edit_file.read_text(encoding="utf-8").replace("category: lifestyle", "category: lifestyl", 1))
    broken = run_cli("schema", "--quiet", "--root", str(project))
    assert broken.returncode == 0 and "fix the data's errors first" in broken.stdout
    after = {p.name: p.read_text(encoding="utf-8") for p in (project / "data" / "schema").glob("*.json")}
    assert after == before, "ids of records that did not load are kept"
