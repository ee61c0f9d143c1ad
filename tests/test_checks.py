"""Each cross-record rule: fails on a tiny bad case, passes on the valid minimal case."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from macros.kb.load import load
from macros.rules import CHECKS, run_checks
from macros.tools.cli import collect
from tests.helpers import MINIMAL, ROOT, copy_project, edit, line_of

HARD_PROSE = (
    "Notwithstanding considerable interindividual heterogeneity, electrophysiological characterisation of "
    "spontaneous fasciculations necessitates sophisticated neurophysiological instrumentation. "
) * 4

# rule, file, old text, new text, marker on the reported line, words the message must contain
FAILING = [
    (
        "faq-duplicate",
        "data/faqs.yaml",
        "    reviewed: 2026-01-10\n",
        "    reviewed: 2026-01-10\n  - id: is-it-common-too\n    question: is twitching  common\n    answer: Yes.\n"
        "    topic: about-twitching\n    sources: [agency-page]\n    reviewed: 2026-01-10\n",
        "question: is twitching  common",
        ["FAQ 'is-it-common-too' asks the same question as 'is-it-common'", "merge them"],
    ),
    (
        "sentence-too-long",
        "data/faqs.yaml",
        "answer: Yes, very.",
        "answer: Yes, very, " + "and it is quite common " * 7 + "in people.",
        "answer:",
        ["a sentence of 39 words", "split it"],
    ),
    (
        "figure-percent-mismatch",
        "data/figures.yaml",
        "percent: [70]",
        "percent: [60]",
        "percent: [60]",
        ["figure 'twitch-share': value says about 70% but percent says 60 - make them agree"],
    ),
    (
        "figure-by-hand",
        "data/faqs.yaml",
        "answer: Yes, very.",
        "answer: Yes, very. About 70% of people notice twitching.",
        "answer:",
        ["writes the stored figure for 'people who notice twitching' by hand", "[](figure:twitch-share)"],
    ),
    (
        "link-unknown",
        "data/faqs.yaml",
        "answer: Yes, very.",
        "answer: Yes, [very](../index.md).",
        "answer:",
        ["FAQ 'is-it-common': links to '../index.md' by path", "link by id instead"],
    ),
    (
        "lexicon-unusable",
        "data/lexicon.yaml",
        "negations: [not,",
        "negations: [caffeine, not,",
        "negations: [caffeine",
        ["cue 'caffeine' is also a cause name", "never works as a negation cue"],
    ),
    (
        "ref-self",
        "data/glossary.yaml",
        "see_also: []",
        "see_also: [fasciculation]",
        "see_also: [fasciculation]",
        ["glossary term 'fasciculation' lists itself in see_also"],
    ),
    (
        "page-macro-syntax",
        "content/index.md",
        'faq("is-it-common") }}',
        'faq("is-it-common") }',
        "faq(",
        ["macro syntax: unexpected '}'", "close each call with ')' and '}}'"],
    ),
    (
        "page-macro-unknown",
        "content/index.md",
        'faq("is-it-common")',
        'faqs("is-it-common")',
        "faqs(",
        ["there is no macro 'faqs' - did you mean 'faq'?"],
    ),
    (
        "unsafe-link",
        "data/faqs.yaml",
        "answer: Yes, very.",
        "answer: Yes, [very](javascript:alert(1)).",
        "answer:",
        ["FAQ 'is-it-common': answer links to 'javascript:", "https://"],
    ),
    (
        "placeholder-left",
        "data/figures.yaml",
        "context: An old survey.",
        "context: TODO who was studied",
        "context: TODO",
        ["figure 'twitch-share': context is still a placeholder"],
    ),
    (
        "privacy-third-party",
        "content/index.md",
        "# Minimal\n",
        "# Minimal\n\n![chart](https://images.example.com/chart.png)\n",
        "![chart]",
        ["Markdown image loads https://images.example.com/chart.png from another host"],
    ),
    (
        "page-ref-unknown",
        "content/index.md",
        'faq("is-it-common")',
        'faq("is-it-comon")',
        "is-it-comon",
        ["faq() names unknown FAQ 'is-it-comon'", "did you mean 'is-it-common'"],
    ),
    (
        "id-duplicate",
        "data/glossary.yaml",
        "    reviewed: 2026-01-10\n",
        "    reviewed: 2026-01-10\n  - id: fasciculation\n    term: twitch\n    definition: Again.\n"
        "    sources: [agency-page]\n    reviewed: 2026-01-10\n",
        "- id: fasciculation#2",
        ["glossary term 'fasciculation'", "defined twice"],
    ),
    (
        "source-unknown",
        "data/faqs.yaml",
        "sources: [agency-page]",
        "sources: [agency-pag]",
        "agency-pag]",
        ["FAQ 'is-it-common'", "unknown source 'agency-pag'", "did you mean 'agency-page'"],
    ),
    (
        "source-not-authoritative",
        "data/causes.yaml",
        "sources: [agency-page, blog-article]",
        "sources: [blog-article]",
        "sources: [blog-article]",
        ["cause 'caffeine'", "only web-article sources"],
    ),
    (
        "ref-unknown",
        "data/signs.yaml",
        "causes: [caffeine]",
        "causes: [cafeine]",
        "causes: [cafeine]",
        ["warning sign 'weakness'", "unknown cause 'cafeine'", "did you mean 'caffeine'"],
    ),
    (
        "reviewed-future",
        "data/figures.yaml",
        "reviewed: 2026-01-10",
        "reviewed: 2099-01-01",
        "reviewed: 2099",
        ["figure 'twitch-share'", "in the future"],
    ),
    (
        "html-in-text",
        "data/faqs.yaml",
        "answer: Yes, very.",
        "answer: Yes, <b>very</b>.",
        "answer:",
        ["FAQ 'is-it-common'", "answer contains HTML '<b>'"],
    ),
    (
        "root-label-mismatch",
        "data/roots.yaml",
        "label: S1",
        "label: S2",
        "- id: s1",
        ["root 's1' has label S2", "must be 's2'"],
    ),
    (
        "source-identifier-missing",
        "data/sources.yaml",
        "url: https://health.example.org/twitching",
        "url: https://health.example.org/",
        "url: https://health.example.org/",
        ["source 'agency-page' points at a home page", "the page itself"],
    ),
    (
        "source-kind-mismatch",
        "data/sources.yaml",
        "kind: web-article",
        "kind: health-agency",
        "kind: health-agency#2",
        ["source 'blog-article' is kind health-agency", "blog.example.org publishes web-article"],
    ),
    (
        "source-not-citable",
        "data/sources.yaml",
        "url: https://blog.example.org/twitch",
        "url: https://copies.example.net/twitch",
        "copies.example.net",
        ["source 'blog-article' is at copies.example.net: a document-sharing site"],
    ),
    (
        "source-note-editorial",
        "data/sources.yaml",
        "    accessed: 2026-01-10\n",
        "    accessed: 2026-01-10\n    note: Read via a mirror.\n",
        "note: Read via a mirror.",
        ["its note for readers says 'mirror'", "provenance"],
    ),
    (
        "tier-unsupported",
        "data/signs.yaml",
        "tier: urgent",
        "tier: soon",
        "urgency: urgent",
        ["warning sign 'weakness' is urgent, but its sources give at most soon"],
    ),
    (
        "summary-missing",
        "data/anatomy.yaml",
        "    in_short:\n      what: The calf is the back of the lower leg.\n      outlook: A twitch here is usually "
        "harmless.\n      helps: Rest and stretch.\n      doctor: See a doctor if the calf feels weak.\n      tier: urgent\n",
        "",
        "- id: calf",
        ["region 'calf' has no `in_short:`"],
    ),
    (
        "summary-missing",
        "data/roots.yaml",
        "    in_short:\n      what: A nerve from the lower back that points the foot down.\n      outlook: A twitch on its "
        "own is rarely from a nerve root.\n      helps: Keep active.\n      doctor: See a doctor if rising on tiptoe "
        "gets hard.\n      tier: soon\n",
        "",
        "- id: s1",
        ["root 's1' has no `in_short:`"],
    ),
    (
        "cause-without-signs",
        "data/causes.yaml",
        "    reviewed: 2026-01-10\n",
        "    reviewed: 2026-01-10\n  - id: thyroid\n    name: Thyroid\n    category: metabolic\n"
        "    seriousness: needs-evaluation\n    summary: An overactive thyroid.\n    mechanism: Not known.\n"
        "    pattern: Brief twitches.\n    helps: [See a doctor.]\n    regions: [calf]\n    roots: []\n"
        "    in_short:\n      what: A gland that works too hard.\n      outlook: It can be treated.\n"
        "      helps: Treatment from a doctor.\n      doctor: See a doctor if you lose weight.\n      tier: soon\n"
        "    sources: [agency-page]\n    reviewed: 2026-01-10\n",
        "- id: thyroid",
        ["cause 'thyroid' needs a doctor's check, but no warning sign names it", "`causes:`"],
    ),
    (
        "summary-repeats-tag",
        "data/causes.yaml",
        "outlook: It is harmless.",
        "outlook: Harmless, and brief.",
        "outlook: Harmless",
        ["opens with 'Harmless'", "'Usually harmless'"],
    ),
    (
        "sign-group-tier",
        "data/signs.yaml",
        "    sources: [{id: agency-page, tier: urgent}]\n    reviewed: 2026-01-10\nsign_groups: []",
        "    group: leg-signs\n    sources: [{id: agency-page, tier: urgent}]\n    reviewed: 2026-01-10\n"
        "  - id: cramp\n    name: Cramp\n    description: A cramp.\n    urgency: self-care\n    action: Stretch.\n"
        "    group: leg-signs\n    sources: [{id: agency-page, tier: self-care}]\n    reviewed: 2026-01-10\n"
        "sign_groups:\n  - id: leg-signs\n    title: Leg signs\n    description: Signs in the leg.\n"
        "    sources: [agency-page]\n    reviewed: 2026-01-10",
        "- id: leg-signs",
        ["sign group 'leg-signs' holds signs of tiers"],
    ),
    (
        "schema-stale",
        "data/schema/faqs.json",
        '"title": "Twitch Atlas data/faqs.yaml"',
        '"title": "Twitch Atlas data/faqs.yaml, edited by hand"',
        "{",
        ["editor autocomplete is out of date", "make schema"],
    ),
    (
        "readability-grade",
        "content/index.md",
        "# Minimal\n",
        "# Minimal\n\n" + HARD_PROSE,
        "Minimal",
        ["page content/index.md reads at US grade", "shorter sentences"],
    ),
    (
        "source-unused",
        "data/sources.yaml",
        "sources:\n",
        "sources:\n  - id: never-cited\n    kind: health-agency\n    form: web-page\n    title: T\n    publisher: P\n"
        "    url: https://health.example.org/x\n    accessed: 2026-01-10\n",
        "- id: never-cited",
        ["source 'never-cited' is never cited"],
    ),
]

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("rule", "file", "old", "new", "marker", "words"), FAILING, ids=[f[0] for f in FAILING])
def test_rule_fails_on_bad_case(minimal: Path, rule, file, old, new, marker, words) -> None:
    path = minimal / file
    edit(path, old, new)
    problems = run_checks(load(minimal), today=TODAY)
    hits = [p for p in problems if p.rule == rule]
    assert len(hits) == 1, problems
    assert hits[0].path == file
    needle, _, nth = marker.partition("#")
    assert hits[0].line == line_of(path, needle, int(nth or 1))
    for word in words:
        assert word in hits[0].message
    # A new record changes the ids the editor's schemas offer: that staleness is the only other finding.
    others = [p for p in problems if p.rule != rule and not (p.rule == "schema-stale" and "- id:" in new)]
    assert others == [], "the bad case should trip only its own rule"


@pytest.mark.parametrize("rule", sorted({c.rule for c in CHECKS}))
def test_rule_passes_on_valid_case(rule: str) -> None:
    problems = run_checks(load(MINIMAL), today=TODAY)
    assert [p for p in problems if p.rule == rule] == []


def test_every_registered_rule_has_a_failing_case() -> None:
    # Contradiction rules (ids containing "conflict") are exercised in tests/test_contradictions.py.
    assert {c.rule for c in CHECKS if "conflict" not in c.rule} == {f[0] for f in FAILING}


def test_minimal_fixture_is_clean() -> None:
    problems, records = collect(MINIMAL)
    assert problems == []
    assert records == 13


def test_web_article_beside_authoritative_source_is_fine(minimal: Path) -> None:
    text = (minimal / "data" / "causes.yaml").read_text()
    assert "sources: [agency-page, blog-article]" in text
    assert not [p for p in run_checks(load(minimal), today=TODAY) if p.rule == "source-not-authoritative"]


def test_reference_to_a_broken_record_is_not_reported_twice(minimal: Path) -> None:
    # The cause is invalid (bad category); the sign that names it must not add a ref-unknown.
    edit(minimal / "data" / "causes.yaml", "category: lifestyle", "category: lifestyl")
    loaded = load(minimal)
    problems = loaded.problems + run_checks(loaded, today=TODAY)
    assert [p.rule for p in problems if p.severity == "error"] == ["value-unknown"]


def test_after_a_load_error_unused_sources_are_not_judged_and_the_check_says_so(minimal: Path) -> None:
    edit(minimal / "data" / "causes.yaml", "category: lifestyle", "category: lifestyl")
    loaded = load(minimal)
    found = [p for p in run_checks(loaded, today=TODAY) if p.rule == "source-unused"]
    assert [(p.severity, "not checked this time" in p.message) for p in found] == [("warning", True)]


def test_warning_does_not_fail(minimal: Path) -> None:
    edit(minimal / "data" / "sources.yaml", "sources:\n", FAILING[-1][3])
    problems, _ = collect(minimal)
    assert [p.rule for p in problems if p.rule != "schema-stale"] == ["source-unused"]
    assert {p.severity for p in problems} == {"warning"}


@pytest.mark.parametrize(
    "call",
    ['{{ faq("is-it-common" }}', '{{ faq("is-it-common") }', "{% if %}", '{{ faq("is-it-common") }} {{'],
    ids=["unclosed-call", "one-brace", "empty-if", "stray-open"],
)
def test_a_macro_mistake_is_reported_at_its_own_line_below_the_front_matter(minimal: Path, call: str) -> None:
    page = minimal / "content" / "index.md"
    page.write_text(
        "---\ntitle: Minimal\ndescription: A page.\n---\n\n# Minimal\n\nSome words.\n\n" + call + "\n\nMore words.\n"
    )
    found = [p for p in collect(minimal)[0] if p.rule == "page-macro-syntax"]
    assert [(p.path, p.line) for p in found] == [("content/index.md", 10)], [p.format() for p in found]


def test_a_bad_date_does_not_hide_the_other_mistakes_of_its_file(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    causes = project / "data" / "causes.yaml"
    text = causes.read_text(encoding="utf-8")
    dates = re.findall(r"^    reviewed: (\S+)$", text, flags=re.M)
    text = text.replace(f"    reviewed: {dates[0]}", "    reviewed: 2026-13-01", 1)
    text = text.replace("category: sleep-and-stress", "category: sleep-and-stres", 1)
    text = text.replace("      - nhs-twitching\n", "      - nhs-twitchng\n", 1)
    causes.write_text(text, encoding="utf-8")
    loaded = load(project)
    problems = [p for p in loaded.problems + run_checks(loaded) if p.severity == "error"]
    assert sorted(p.rule for p in problems) == ["field-type", "source-unknown", "value-unknown"], [
        p.format() for p in problems
    ]
    assert all(p.path == "data/causes.yaml" for p in problems)
    assert len(loaded.kb.causes) == text.count("\n  - id: ") - 2, (
        "only the records with a bad date or category are left out"
    )
