"""Open data (issue 23): the built site publishes the knowledge base as JSON with its JSON Schema,
and the root-to-muscle table and the warning signs as CSV; the files hold what the models hold,
never editorial matter, and the Reuse page describes every field."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from selectolax.lexbor import LexborHTMLParser

from macros.kb.sections import SECTIONS, records_of
from macros.kb.views import Views
from macros.render.dataset_shape import FILES, JSON_FILE, ROOTS_CSV, SCHEMA_FILE, SIGNS_CSV
from macros.site.opendata import build_day, git_commit
from macros.site.sitecheck import BYTES_PER_RECORD, SiteCheck
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def published(built_site: Path) -> dict[str, Any]:
    """The built site's JSON dataset and its schema, parsed."""
    return {
        "data": json.loads((built_site / JSON_FILE).read_text(encoding="utf-8")),
        "schema": json.loads((built_site / SCHEMA_FILE).read_text(encoding="utf-8")),
    }


def _csv(built_site: Path, name: str) -> list[dict[str, str]]:
    raw = (built_site / name).read_bytes()
    assert b"\r\n" in raw, "RFC 4180: lines end with CRLF"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def _validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_built_site_holds_the_dataset_its_schema_and_two_csv_files(built_site: Path) -> None:
    sizes = {name: (built_site / name).stat().st_size if (built_site / name).is_file() else 0 for name in FILES}
    assert set(FILES) == {JSON_FILE, SCHEMA_FILE, ROOTS_CSV, SIGNS_CSV}
    assert [name for name, size in sizes.items() if size == 0] == []


def test_the_dataset_validates_against_its_published_schema(published: dict[str, Any]) -> None:
    validator = _validator(published["schema"])
    jsonschema.Draft202012Validator.check_schema(published["schema"])
    assert [e.message for e in validator.iter_errors(published["data"])] == []
    # The schema is strict enough to fail: a record without its review date, a leaked
    # provenance, a kind the file should not hold, a tier outside the scale.
    broken = copy.deepcopy(published["data"])
    del broken["records"]["causes"][0]["reviewed"]
    broken["records"]["sources"][0]["provenance"] = "how it was read"
    broken["records"]["lexicon"] = []
    broken["tables"]["warning_signs"][0]["tier"] = "whenever"
    found = " ".join(e.message for e in validator.iter_errors(broken))
    assert "'reviewed' is a required property" in found
    assert "'provenance' was unexpected" in found and "'lexicon' was unexpected" in found
    assert "'whenever' is not one of" in found


def test_every_record_of_every_kind_is_in_the_dataset(published: dict[str, Any], views: Views) -> None:
    records = published["data"]["records"]
    assert set(records) == {s.key for s in SECTIONS}, "every kind, and no lexicon or hosts table"
    for section in SECTIONS:
        expected = sorted(r.id for r in records_of(views.kb, section.key))
        assert [r["id"] for r in records[section.key]] == expected, section.key
        assert published["data"]["counts"][section.key] == len(expected)
    assert sum(published["data"]["counts"].values()) > 400


def test_a_sample_of_facts_matches_the_knowledge_base(published: dict[str, Any], views: Views) -> None:
    records = {kind: {r["id"]: r for r in items} for kind, items in published["data"]["records"].items()}
    for root in (views.kb.roots[0], views.kb.roots[-1]):
        shown = records["roots"][root.id]
        assert (shown["label"], shown["key_muscles"], shown["reflexes"]) == (
            root.label,
            root.key_muscles,
            root.reflexes,
        )
        assert shown["reviewed"] == root.reviewed.isoformat()
    sign = next(s for s in views.kb.signs if len(s.sources) > 1 and any(ref.tier for ref in s.sources))
    shown = records["signs"][sign.id]
    assert shown["urgency"] == sign.urgency
    assert [(c["id"], c["locator"], c["tier"]) for c in shown["sources"]] == [
        (ref.id, ref.locator, ref.tier) for ref in sign.sources
    ]
    for citation, ref in zip(shown["sources"], sign.sources, strict=True):
        source = views.sources[ref.id]
        ids = [f"{k}:{getattr(source, k)}" for k in ("doi", "pmid", "isbn") if getattr(source, k)]
        assert citation["identifier"] == (ids[0] if ids else str(source.url))
        assert citation["link"] == source.link and source.title in citation["citation"]
    cited = {ref.id for record in views.kb.causes for ref in record.sources}
    article = next(s for s in views.kb.sources if s.doi and s.id in cited)
    assert records["sources"][article.id]["doi"] == article.doi
    citations = [c for r in records["causes"].values() for c in r["sources"] if c["id"] == article.id]
    assert citations and all(f"DOI {article.doi}" in c["citation"] for c in citations)
    assert all(c["identifier"] == f"doi:{article.doi}" for c in citations)
    figure = views.kb.figures[0]
    assert records["figures"][figure.id]["value"] == figure.value


def test_the_tables_are_first_class_and_match_the_records(published: dict[str, Any], views: Views) -> None:
    tables = published["data"]["tables"]
    assert [r["root"] for r in tables["root_to_muscle"]] == [r.label for r in views.kb.roots]
    first = views.kb.roots[0]
    assert tables["root_to_muscle"][0]["key_muscles"] == [views.muscles[x].name for x in first.key_muscles]
    tiers = [t["tier"] for t in published["data"]["tiers"]]
    assert tiers == ["emergency", "urgent", "soon", "self-care"]
    signs = tables["warning_signs"]
    assert sorted(s["id"] for s in signs) == sorted(s.id for s in views.kb.signs)
    assert [tiers.index(s["tier"]) for s in signs] == sorted(tiers.index(s["tier"]) for s in signs), "most urgent first"
    assert all(s["tier"] == views.signs[s["id"]].urgency for s in signs)


def test_csv_rows_equal_the_table_rows(built_site: Path, published: dict[str, Any], views: Views) -> None:
    for name, table, source_cell in (
        (ROOTS_CSV, "root_to_muscle", lambda c: c["id"]),
        (SIGNS_CSV, "warning_signs", lambda c: f"{c['id']} ({c['tier']})" if c["tier"] else c["id"]),
    ):
        rows = _csv(built_site, name)
        expected = published["data"]["tables"][table]
        assert len(rows) == len(expected) and list(rows[0]) == list(
            published["schema"]["$defs"]["RootRow" if table == "root_to_muscle" else "SignRow"]["properties"]
        ), name
        for row, want in zip(rows, expected, strict=True):
            flat = {
                key: "; ".join(source_cell(c) for c in value)
                if key == "sources"
                else "; ".join(value)
                if isinstance(value, list)
                else ("" if value is None else str(value))
                for key, value in want.items()
            }
            assert row == flat, f"{name}: {row['id']}"
    signs = {row["id"]: row for row in _csv(built_site, SIGNS_CSV)}
    sign = next(s for s in views.kb.signs if s.sources[0].tier)
    assert signs[sign.id]["tier"] == sign.urgency
    assert signs[sign.id]["sources"].split("; ")[0] == f"{sign.sources[0].id} ({sign.sources[0].tier})"


def test_no_published_file_holds_provenance(built_site: Path, published: dict[str, Any], views: Views) -> None:
    snippets = [" ".join(s.provenance.split()[:6]) for s in views.kb.sources if s.provenance]
    assert len(snippets) > 10, "the test knows the provenance it looks for"

    def keys(value: Any) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        return {k for v in value for k in keys(v)} if isinstance(value, list) else set()

    assert "provenance" not in keys(published["data"])
    assert "provenance" not in published["schema"]["$defs"]["Source"]["properties"]
    for name in FILES:
        text = (built_site / name).read_text(encoding="utf-8")
        assert [s for s in snippets if s in text] == [], name
    # Every string of the file, compared whole: the citation text may repeat a provenance's
    # opening words ("Citation: Garrison SR..."), never the provenance itself.
    whole = {s.provenance for s in views.kb.sources if s.provenance}
    assert not whole & set(_strings(published["data"]))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for v in value for s in _strings(v)] if isinstance(value, list) else []


def test_the_dataset_names_its_licence_and_version(published: dict[str, Any]) -> None:
    data = published["data"]
    assert data["licence"]["name"] == "CC BY 4.0" and data["licence"]["code"] == "MIT"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["licence"]["attribution"] == "Twitch Atlas contributors"
    assert data["version"]["commit"] == git_commit(ROOT)
    if (ROOT / ".git").exists():
        assert re.fullmatch(r"[0-9a-f]{40}", data["version"]["commit"] or "")
    built = dt.date.fromisoformat(data["version"]["built"])
    assert abs((dt.date.today() - built).days) <= 1


def test_the_reuse_page_lists_every_field_of_the_schema(built_site: Path, published: dict[str, Any]) -> None:
    tree = LexborHTMLParser((built_site / "reuse" / "index.html").read_text(encoding="utf-8"))
    schema = published["schema"]
    parts = {"file": schema, **{name.lower(): part for name, part in schema["$defs"].items()}}
    missing = []
    for name, part in parts.items():
        heading = tree.css_first(f"#fields-{name}")
        table = heading.next if heading is not None else None
        while table is not None and table.tag != "div":
            table = table.next
        listed = [c.text() for c in table.css("tbody td:first-child code")] if table is not None else []
        if listed != list(part["properties"]):
            missing.append(f"{name}: page lists {listed}, schema has {list(part['properties'])}")
    assert missing == []
    described = [p for part in parts.values() for p in part["properties"].values() if not p.get("description")]
    assert described == [], "every field has a description"


def test_the_reuse_page_links_the_files_and_about_and_the_footer_link_it(built_site: Path) -> None:
    page = LexborHTMLParser((built_site / "reuse" / "index.html").read_text(encoding="utf-8"))
    linked = {a.attributes.get("href") for a in page.css("article a[href]")}
    assert {f"../{name}" for name in FILES} <= linked
    about = LexborHTMLParser((built_site / "about" / "index.html").read_text(encoding="utf-8"))
    assert "../reuse/" in {a.attributes.get("href") for a in about.css("article a[href]")}
    without = []
    for html_file in sorted(built_site.rglob("index.html")):
        footer = LexborHTMLParser(html_file.read_text(encoding="utf-8")).css_first("footer .md-copyright")
        text = " ".join(footer.text().split()) if footer is not None else ""
        hrefs = [a.attributes.get("href") or "" for a in footer.css("a")] if footer is not None else []
        if "Text and data: CC BY 4.0 · Code: MIT" not in text or not any(
            h.endswith("reuse/") or h == "./" for h in hrefs
        ):
            without.append(str(html_file.relative_to(built_site)))
    assert without == []


def test_a_data_file_with_provenance_or_over_budget_fails_the_site_check(tmp_path: Path, views: Views) -> None:
    source = next(s for s in views.kb.sources if s.provenance)
    checks = SiteCheck(views.kb)
    leaked = json.dumps({"note": source.provenance, "link": "https://snuggymom.com/can-sciatica-cause-twitching"})
    checks.add_file("site/data/twitch-atlas.json", leaked.encode())
    checks.add_file("site/data/warning-signs.csv", b"id,note\r\nx," + b"a" * BYTES_PER_RECORD[".csv"] + b"\r\n")
    checks.add_file("site/data/root-to-muscle.csv", b"id,note\r\n" + b"l2,fine\r\n" * 10_000)  # many short rows
    found = checks.problems(str(tmp_path), str(ROOT), "content")
    lines = "\n".join(found["lines"])
    assert (
        f"site/data/twitch-atlas.json: [editorial-in-page] the file shows the editorial provenance of source '{source.id}'"
        in lines
    )
    assert "site/data/twitch-atlas.json: [source-not-citable]" in lines and "snuggymom.com" in lines
    assert "site/data/warning-signs.csv: [data-too-large]" in lines
    assert "root-to-muscle.csv" not in lines
    assert (found["leaks"], found["oversized"]) == (2, 1)


def test_git_commit_is_read_without_git_and_is_none_outside_a_repository(tmp_path: Path) -> None:
    assert git_commit(tmp_path) is None
    commit, other = "a" * 40, "b" * 40
    main = tmp_path / "main" / ".git"
    (main / "refs" / "heads").mkdir(parents=True)
    (main / "HEAD").write_text("ref: refs/heads/main\n")
    (main / "packed-refs").write_text(f"# pack-refs with: peeled\n{other} refs/heads/other\n{commit} refs/heads/main\n")
    assert git_commit(tmp_path / "main") == commit
    (main / "refs" / "heads" / "main").write_text(f"{other}\n")  # a loose ref wins over a packed one
    assert git_commit(tmp_path / "main") == other
    worktree = main / "worktrees" / "wt"
    worktree.mkdir(parents=True)
    (worktree / "HEAD").write_text("ref: refs/heads/main\n")
    (worktree / "commondir").write_text("../..\n")
    (tmp_path / "wt").mkdir()
    (tmp_path / "wt" / ".git").write_text(f"gitdir: {worktree}\n")
    assert git_commit(tmp_path / "wt") == other
    (worktree / "HEAD").write_text(f"{commit}\n")  # detached
    assert git_commit(tmp_path / "wt") == commit


def test_the_build_day_is_today_or_the_one_source_date_epoch_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_day() == dt.date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    assert build_day() == dt.date(2027, 1, 1)
