"""Bad input: each of 50+ malformed inputs, across every data file and content pages, gets exit 1,
one clear located message, no traceback, bounded time and memory, and no file changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import edit, error_lines, line_of, run_cli, tree_hash


def _write(file: str, text: str, line: int = 1) -> Callable[[Path], tuple[str, int]]:
    def apply(data: Path) -> tuple[str, int]:
        (data / file).write_text(text, encoding="utf-8")
        return file, line

    return apply


def _replace(file: str, old: str, new: str, marker: str | None = None) -> Callable[[Path], tuple[str, int]]:
    def apply(data: Path) -> tuple[str, int]:
        edit(data / file, old, new)
        needle, _, nth = (marker or new.splitlines()[0].strip() or new).partition("#")
        return file, line_of(data / file, needle, int(nth or 1))

    return apply


def _bytes(file: str, old: bytes, new: bytes, line: int) -> Callable[[Path], tuple[str, int]]:
    def apply(data: Path) -> tuple[str, int]:
        raw = (data / file).read_bytes()
        assert old in raw
        (data / file).write_bytes(raw.replace(old, new, 1))
        return file, line

    return apply


def _page(text: str, line: int) -> Callable[[Path], tuple[str, int]]:
    """Write content/index.md of the fixture (reported as content/index.md:LINE)."""

    def apply(data: Path) -> tuple[str, int]:
        (data.parent / "content" / "index.md").write_text(text, encoding="utf-8")
        return "../content/index.md", line

    return apply


def _page_bytes(raw: bytes, line: int) -> Callable[[Path], tuple[str, int]]:
    def apply(data: Path) -> tuple[str, int]:
        (data.parent / "content" / "index.md").write_bytes(raw)
        return "../content/index.md", line

    return apply


def _delete(file: str) -> Callable[[Path], tuple[str, int]]:
    def apply(data: Path) -> tuple[str, int]:
        (data / file).unlink()
        return file, 1

    return apply


DEEP = "glossary:\n  - id: fasciculation\n    term: fasciculation\n    definition: x\n    see_also: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n    sources: [agency-page]\n    reviewed: 2026-01-10\n"

BILLION_LAUGHS = """\
figures:
  - id: a
    quantity: &a [x, x, x, x, x, x, x, x, x]
    value: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    context: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    sources: [agency-page]
    reviewed: 2026-01-10
"""

# case id, how to break the data, rule expected, words the message must contain
CASES = [
    (
        "yaml-syntax",
        _replace("causes.yaml", "summary: Coffee and tea.", "summary: Coffee: and [tea"),
        "yaml-syntax",
        ["YAML syntax error"],
    ),
    (
        "tab-indent",
        _replace("signs.yaml", "    urgency: urgent", "\turgency: urgent", "urgency: urgent"),
        "yaml-tab",
        ["tab", "spaces"],
    ),
    (
        "duplicate-key",
        _replace(
            "faqs.yaml", "    topic: about-twitching", "    topic: about-twitching\n    topic: causes", "topic: causes"
        ),
        "yaml-duplicate-key",
        ["'topic' appears twice"],
    ),
    (
        "python-tag",
        _replace(
            "figures.yaml", "value: about 70%", "value: !!python/object/apply:os.system ['touch /tmp/pwned']", "value:"
        ),
        "yaml-tag",
        ["!!python/object/apply:os.system", "not allowed"],
    ),
    (
        "custom-tag",
        _replace("figures.yaml", "value: about 70%", "value: !secret 70", "value:"),
        "yaml-tag",
        ["not allowed"],
    ),
    (
        "wrong-type-list",
        _replace("causes.yaml", "helps: [Drink less coffee.]", "helps: Drink less coffee.", "helps:"),
        "field-type",
        ["cause 'caffeine'", "helps"],
    ),
    (
        "wrong-type-int",
        _replace("sources.yaml", "year: 2024", "year: twenty", "year:"),
        "field-type",
        ["source 'agency-page'", "year"],
    ),
    (
        "unknown-key",
        _replace(
            "causes.yaml", "    pattern: Brief twitches.", "    pattern: Brief twitches.\n    patern: again", "patern:"
        ),
        "field-unknown",
        ["unknown field 'patern'", "did you mean 'pattern'"],
    ),
    (
        "missing-field",
        _replace("causes.yaml", "    summary: Coffee and tea.\n", "", "- id: caffeine"),
        "field-missing",
        ["cause 'caffeine'", "'summary'"],
    ),
    (
        "bad-vocabulary",
        _replace("signs.yaml", "urgency: urgent", "urgency: emergncy"),
        "value-unknown",
        ["urgency 'emergncy'", "allowed: emergency, urgent, soon, self-care", "did you mean 'emergency'"],
    ),
    ("bad-date", _replace("faqs.yaml", "reviewed: 2026-01-10", "reviewed: 2026-13-45"), "field-type", ["2026-13-45"]),
    (
        "date-not-date",
        _replace("faqs.yaml", "reviewed: 2026-01-10", "reviewed: last week"),
        "field-type",
        ["not a date", "YYYY-MM-DD"],
    ),
    (
        "bad-id",
        _replace("glossary.yaml", "- id: fasciculation", "- id: Fasciculation", "- id: Fasciculation"),
        "id-format",
        ["'fasciculation'"],
    ),
    (
        "bad-url",
        _replace("sources.yaml", "url: https://health.example.org/twitching", "url: javascript:alert(1)"),
        "field-type",
        ["source 'agency-page'", "url"],
    ),
    ("empty-file", _write("glossary.yaml", ""), "file-empty", ["no data"]),
    ("comments-only-file", _write("glossary.yaml", "# nothing here yet\n"), "file-empty", ["no data"]),
    ("lone-bom", _write("glossary.yaml", "\ufeff"), "file-empty", ["no data"]),
    ("non-utf8", _bytes("causes.yaml", b"Coffee and tea.", b"Caf\xe9 and tea.", 7), "file-encoding", ["0xe9", "UTF-8"]),
    ("missing-file", _delete("comparisons.yaml"), "file-missing", ["missing"]),
    (
        "dangling-reference",
        _replace("signs.yaml", "regions: [calf]", "regions: [calff]"),
        "ref-unknown",
        ["unknown region 'calff'", "did you mean 'calf'"],
    ),
    (
        "no-sources",
        _replace("figures.yaml", "sources: [agency-page]", "sources: []"),
        "source-missing",
        ["figure 'twitch-share' cites no source"],
    ),
    (
        "sources-key-absent",
        _replace("figures.yaml", "    sources: [agency-page]\n", "", "- id: twitch-share"),
        "source-missing",
        ["cites no source"],
    ),
    (
        "duplicate-id",
        _replace(
            "comparisons.yaml",
            "    reviewed: 2026-01-10\n",
            "    reviewed: 2026-01-10\n  - id: twitch\n    name: Twitch again\n    what_it_is: x\n    how_it_differs: y\n    painful: no\n    moves_the_limb: no\n    rhythmic: no\n    usually_harmless: yes\n    sources: [agency-page]\n    reviewed: 2026-01-10\n",
            "- id: twitch#2",
        ),
        "id-duplicate",
        ["comparison 'twitch' is defined twice"],
    ),
    ("billion-laughs", _write("figures.yaml", BILLION_LAUGHS, 3), "yaml-alias", ["aliases"]),
    ("top-level-list", _write("glossary.yaml", "- id: x\n"), "field-type", ["mapping"]),
    (
        "unknown-section",
        _replace("glossary.yaml", "glossary:", "glosary:"),
        "field-unknown",
        ["unknown section 'glosary'", "did you mean 'glossary'"],
    ),
    # --- more data mistakes -----------------------------------------------------------------
    (
        "very-long-string",
        _replace("causes.yaml", "name: Caffeine", "name: " + "Caffeine " * 60, "name: Caffeine Caffeine"),
        "field-type",
        ["cause 'caffeine'", "name"],
    ),
    ("deep-nesting", _write("glossary.yaml", DEEP, 5), "yaml-too-deep", ["deeper than"]),
    ("recursive-alias", _write("glossary.yaml", "glossary: &a\n  - *a\n", 1), "yaml-alias", ["aliases"]),
    (
        "merge-key",
        _replace("causes.yaml", "    category: lifestyle", "    <<: {category: lifestyle}", "<<:"),
        "yaml-alias",
        ["merge keys"],
    ),
    (
        "citation-locator-shape",
        _replace(
            "faqs.yaml", "    sources: [agency-page]", "    sources:\n      - agency-page: Section 2", "- agency-page:"
        ),
        "field-type",
        ["{id: agency-page, locator: Section 2}", "not 'agency-page: Section 2'"],
    ),
    (
        "list-for-text",
        _replace("faqs.yaml", "answer: Yes, very.", "answer: [Yes, very.]"),
        "field-type",
        ["answer is one text, not a list", "answer: >-"],
    ),
    (
        "text-for-list",
        _replace("glossary.yaml", "aliases: [fasciculations]", "aliases: fasciculations"),
        "field-type",
        ["aliases is a list - write [fasciculations]"],
    ),
    ("id-differs-by-case", _replace("signs.yaml", "- id: weakness", "- id: Weakness"), "id-format", ["'weakness'"]),
    (
        "id-unicode-lookalike",
        _replace("glossary.yaml", "- id: fasciculation", "- id: fascicul\u0430tion", "- id: fascicul"),
        "id-format",
        ["lowercase"],
    ),
    (
        "ref-unicode-lookalike",
        _replace("signs.yaml", "regions: [calf]", "regions: [c\u0430lf]", "regions:"),
        "id-format",
        ["not an id"],
    ),
    (
        "self-reference",
        _replace("glossary.yaml", "see_also: []", "see_also: [fasciculation]"),
        "ref-self",
        ["lists itself"],
    ),
    (
        "impossible-date",
        _replace("figures.yaml", "reviewed: 2026-01-10", "reviewed: 2026-02-30"),
        "field-type",
        ["2026-02-30"],
    ),
    (
        "date-tag-on-words",
        _replace("figures.yaml", "reviewed: 2026-01-10", "reviewed: !!timestamp next week"),
        "field-type",
        ["'next week' is not a valid date", "YYYY-MM-DD"],
    ),
    ("date-as-number", _replace("figures.yaml", "reviewed: 2026-01-10", "reviewed: 20260110"), "field-type", ["date"]),
    (
        "future-accessed",
        _replace("sources.yaml", "accessed: 2026-01-10", "accessed: 2099-01-10"),
        "reviewed-future",
        ["in the future"],
    ),
    ("year-out-of-range", _replace("sources.yaml", "year: 2024", "year: 1500"), "field-type", ["year"]),
    (
        "ftp-url",
        _replace(
            "sources.yaml", "url: https://health.example.org/twitching", "url: ftp://health.example.org/twitching"
        ),
        "field-type",
        ["url"],
    ),
    (
        "sources-not-a-list",
        _replace("faqs.yaml", "sources: [agency-page]", "sources: agency-page"),
        "field-type",
        ["sources"],
    ),
    (
        "source-ref-unknown-key",
        _replace("faqs.yaml", "sources: [agency-page]", "sources: [{id: agency-page, page: 3}]"),
        "field-unknown",
        ["unknown field 'page'"],
    ),
    ("empty-string", _replace("causes.yaml", "name: Caffeine", "name: ''"), "field-empty", ["name is empty"]),
    ("null-text", _replace("causes.yaml", "name: Caffeine", "name: null"), "field-type", ["name"]),
    ("bool-text", _replace("causes.yaml", "name: Caffeine", "name: true"), "field-type", ["name"]),
    ("number-text", _replace("causes.yaml", "summary: Coffee and tea.", "summary: 42"), "field-type", ["summary"]),
    (
        "mapping-for-list",
        _replace("causes.yaml", "helps: [Drink less coffee.]", "helps: {drink: less}"),
        "field-type",
        ["helps"],
    ),
    (
        "record-not-mapping",
        _replace("signs.yaml", "signs:\n", "signs:\n  - just a sentence\n", "just a sentence"),
        "field-type",
        ["mapping"],
    ),
    (
        "two-documents",
        _replace("figures.yaml", "figures:", "figures:\n---\nfigures:", "---"),
        "yaml-syntax",
        ["YAML syntax error"],
    ),
    (
        "unclosed-quote",
        _replace("causes.yaml", "summary: Coffee and tea.", 'summary: "Coffee and tea.', "summary:"),
        "yaml-syntax",
        ["YAML syntax error"],
    ),
    (
        "nul-byte",
        _bytes("causes.yaml", b"Coffee and tea.", b"Coffee\x00 and tea.", 7),
        "yaml-syntax",
        ["U+0000", "delete it"],
    ),
    ("windows-1252-quotes", _bytes("faqs.yaml", b"Yes, very.", b"\x93Yes\x94, very.", 5), "file-encoding", ["0x93"]),
    ("utf16-file", _bytes("glossary.yaml", b"glossary:", "glossary:".encode("utf-16"), 2), "file-encoding", ["UTF-8"]),
    (
        "bad-root-label",
        _replace("roots.yaml", "label: S1", "label: L7"),
        "value-unknown",
        ["allowed: L2, L3, L4, L5, S1, S2"],
    ),
    (
        "bad-reflex",
        _replace("roots.yaml", "reflexes: [ankle-jerk]", "reflexes: [ankle-reflex]"),
        "value-unknown",
        ["knee-jerk, ankle-jerk"],
    ),
    (
        "too-many-percents",
        _replace("figures.yaml", "percent: [70]", "percent: [60, 70, 80]", "percent:"),
        "field-type",
        ["percent"],
    ),
    (
        "lexicon-bad-tier",
        _replace("lexicon.yaml", "    emergency: [", "    emergncy: [", "emergncy:"),
        "value-unknown",
        ["emergncy"],
    ),
    (
        "lexicon-duplicate-key",
        _replace("lexicon.yaml", "  negations:", "  negations: [x]\n  negations:", "  negations:#2"),
        "yaml-duplicate-key",
        ["'negations' appears twice"],
    ),
    (
        "unsafe-link",
        _replace("faqs.yaml", "answer: Yes, very.", "answer: Yes, [very](javascript:alert(1))."),
        "unsafe-link",
        ["javascript:"],
    ),
    (
        "html-in-text",
        _replace("faqs.yaml", "answer: Yes, very.", "answer: Yes, <script>alert(1)</script>."),
        "html-in-text",
        ["HTML"],
    ),
    (
        "html-in-an-alternative-note",  # strings inside a record's parts are checked too
        _replace(
            "roots.yaml",
            "    reviewed: 2026-01-10",
            "    alternatives:\n      - field: twitch_regions\n        values: [calf]\n"
            "        note: Some <i>charts</i> differ.\n        sources: [agency-page]\n    reviewed: 2026-01-10",
            "note: Some",
        ),
        "html-in-text",
        ["alternatives.0.note", "HTML '<i>'"],
    ),
    (
        "html-in-a-citation-locator",
        _replace("roots.yaml", "locator: Table 1", "locator: Table <b>1</b>"),
        "html-in-text",
        ["locator", "HTML '<b>'"],
    ),
    (
        "placeholder-left",
        _replace("figures.yaml", "context: An old survey.", "context: TODO who was studied"),
        "placeholder-left",
        ["placeholder"],
    ),
    # --- content pages --------------------------------------------------------------------------
    (
        "page-unknown-id",
        _page('# Home\n\n{{ faq("is-it-comon") }}\n', 3),
        "page-ref-unknown",
        ["did you mean 'is-it-common'"],
    ),
    (
        "page-unclosed-macro",
        _page('# Home\n\n{{ faq("is-it-common")\n', 3),
        "page-macro-syntax",
        ["unexpected end of template", "close each call"],
    ),
    (
        "page-third-party-script",
        _page('# Home\n\n<script src="https://cdn.example.com/x.js"></script>\n', 3),
        "privacy-third-party",
        ["cdn.example.com"],
    ),
    (
        "page-third-party-image",
        _page("# Home\n\n![x](https://img.example.com/x.png)\n", 3),
        "privacy-third-party",
        ["img.example.com"],
    ),
    ("page-non-utf8", _page_bytes(b"# Home\n\nCaf\xe9\n", 3), "file-encoding", ["0xe9"]),
    (
        "page-contradiction",
        _page("# Home\n\nWeakness is harmless and nothing to worry about.\n", 3),
        "urgency-conflict",
        ["rates it urgent"],
    ),
]


@pytest.mark.parametrize(("case", "breaker", "rule", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_once_with_location(minimal: Path, case, breaker, rule, words) -> None:
    file, line = breaker(minimal / "data")
    before = tree_hash(minimal)
    result = run_cli("check", "--root", str(minimal), timeout=30, memory_mb=1024)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    lines = error_lines(result.stdout)
    assert len(lines) == 1, result.stdout
    path = file.removeprefix("../") if file.startswith("../") else f"data/{file}"
    assert lines[0].startswith(f"{path}:{line}: [{rule}] "), result.stdout
    for word in words:
        assert word in lines[0]
    assert tree_hash(minimal) == before, "the checker must never modify data files"
    assert result.stdout.splitlines()[-1].startswith("1 error(s)")


def test_python_tag_is_not_executed(minimal: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    edit(
        minimal / "data" / "figures.yaml",
        "value: about 70%",
        f"value: !!python/object/apply:os.system ['touch {marker}']",
    )
    result = run_cli("check", "--root", str(minimal))
    assert result.returncode == 1
    assert not marker.exists()


def test_all_problems_are_reported_at_once(minimal: Path) -> None:
    edit(minimal / "data" / "signs.yaml", "urgency: urgent", "urgency: emergncy")
    edit(minimal / "data" / "faqs.yaml", "sources: [agency-page]", "sources: [agency-pag]")
    (minimal / "data" / "glossary.yaml").write_text("")
    result = run_cli("check", "--root", str(minimal))
    rules = sorted(ln.split("[")[1].split("]")[0] for ln in error_lines(result.stdout))
    assert rules == ["file-empty", "source-unknown", "value-unknown"]
    assert result.returncode == 1


def test_every_rule_these_cases_report_is_in_the_rules_table() -> None:
    """The rules table (README, `python -m macros rules`) names every rule an editor can meet."""
    from macros.kb.errors import LOAD_RULES
    from macros.rules import CHECKS

    known = set(LOAD_RULES) | {c.rule for c in CHECKS}
    assert {rule for _, _, rule, _ in CASES} - known == set()
