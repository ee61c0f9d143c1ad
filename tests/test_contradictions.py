"""The contradiction checker on a copy of the real site.

The seeds' own contradictions (medical brief sections 1 and 7) are planted in a content page,
in FAQ answers and in cause descriptions, in several wordings; each must be reported with the
right rule, file and line. As many correct sentences, in varied wordings, must produce none.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros.kb.load import load
from macros.rules import CHECKS, run_checks
from macros.rules.prose.claims import claims
from macros.rules.prose.sentences import Sentence, markdown_sentences
from macros.rules.prose.vocabulary import Vocabulary
from tests.helpers import ROOT, copy_project

TODAY = dt.date(2026, 11, 21)

# (expected rule, sentence). Each is a claim the seeds make, or one of the same shape.
WRONG = [
    # Seed 000 prose: L5 compression makes the calf twitch (calf is S1/S2).
    ("root-region-conflict", "If the L5 nerve root is compressed, twitching might appear in the calf."),
    ("root-region-conflict", "An irritated fifth lumbar root is a common reason for calf twitching."),
    ("root-region-conflict", "Calf muscle twitching usually comes from a pinched L5 root."),
    # Seed 001: loss of bowel control listed as an ordinary sciatica symptom (an emergency).
    ("urgency-conflict", "Symptoms of sciatica include pain down the leg, numbness and loss of bowel control."),
    ("urgency-conflict", "Bowel incontinence is a harmless, ordinary symptom of sciatica."),
    ("urgency-conflict", "Loss of bladder control with back pain is nothing to worry about."),
    # Seed 001: a persistent calf twitch is a big red warning flag (usually benign; routine).
    ("urgency-conflict", "A persistent calf twitch is a big red warning flag."),
    ("urgency-conflict", "Persistent twitching is a red flag that needs urgent care."),
    # Seed 001: 20-40% of lower-back surgery patients develop failed back surgery syndrome (10-40%).
    ("figure-conflict", "Between 20-40% of people develop failed back surgery syndrome."),
    ("figure-conflict", "About 90% of healthy people have twitches at some point."),
    # ... and in words the lexicon's same_words count as the figure's own ("persons", "aware", "fasciculations").
    ("figure-conflict", "About 90% of healthy persons are aware of muscle fasciculations."),
    # Seed 000 (brief section 1): the quadriceps is on the sciatic pathway; the sciatic supplies the buttock.
    ("nerve-supply-conflict", "The quadriceps is supplied by the sciatic nerve."),
    ("nerve-supply-conflict", "The sciatic nerve supplies the buttock muscles."),
    # Root signs in the wrong place.
    ("root-reflex-conflict", "An L5 problem weakens the ankle reflex."),
    ("root-deficit-conflict", "Foot drop is a typical sign of S1 compression."),
    # Deficits in the words readers and clinicians use (issue 21, item 4).
    ("root-deficit-conflict", "Patients who can't walk on heels usually have an S1 problem."),
    ("root-deficit-conflict", "People who can't walk on tiptoe usually have an L5 problem."),
    ("root-deficit-conflict", "A Trendelenburg gait points to the S1 root."),
    ("root-deficit-conflict", "If you can't bring the knee up to the chest, the S1 root is involved."),
    ("root-sensory-conflict", "Numbness on the top of the foot points to the S1 root."),
    # Causes described against their seriousness.
    ("seriousness-conflict", "Motor neuron disease is harmless."),
    ("seriousness-conflict", "Benign fasciculation syndrome is dangerous."),
]

RIGHT = [
    "If the S1 nerve root is compressed, twitching might appear in the calf.",
    "An irritated fifth lumbar root can weaken the muscles of the shin.",
    "Calf muscle twitching from a root problem usually comes from the S1 root.",
    "Loss of bowel control with back pain is an emergency: call 999.",
    "Symptoms of sciatica include pain down the leg; loss of bladder control is different and needs emergency care.",
    "Urinary retention with back pain needs emergency care right away.",
    "A persistent twitch deserves a routine appointment with your doctor.",
    "Occasional twitches are harmless.",
    "Between 10-40% of people develop failed back surgery syndrome.",
    "About 70% of healthy people have twitches at some point.",
    "About 70% of healthy persons are aware of muscle fasciculations.",
    "The quadriceps is supplied by the femoral nerve.",
    "The inferior gluteal nerve supplies the large buttock muscle.",
    "An S1 problem weakens the ankle reflex.",
    "Foot drop is a typical sign of L5 compression.",
    "Patients who can't walk on heels usually have an L5 problem.",
    "People who can't walk on tiptoe usually have an S1 problem.",
    "A Trendelenburg gait points to the L5 root.",
    "If you can't bring the knee up to the chest, the L2 root is involved.",
    "Numbness on the top of the foot points to the L5 root.",
    "Motor neuron disease is serious.",
    "Benign fasciculation syndrome is harmless.",
]

#: Questions: asked, never claimed.
QUESTIONS = [
    "Is calf twitching caused by the L5 root?",
    "Does the S1 root supply the shin?",
    "Can loss of bowel control be harmless?",
]


def _project(tmp_path: Path) -> Path:
    return copy_project(ROOT, tmp_path / "site")


def _conflicts(project: Path) -> list[tuple[str, str, int]]:
    problems = run_checks(load(project), today=TODAY)
    return sorted((p.rule, p.path, p.line) for p in problems if "conflict" in p.rule)


# --- Where a sentence is planted --------------------------------------------------------------


def plant_in_page(project: Path, sentences: list[str]) -> list[tuple[str, int]]:
    """Append each sentence as its own paragraph of content/about.md."""
    page = project / "content" / "about.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    where = []
    for sentence in sentences:
        lines += ["", sentence]
        where.append(("content/about.md", len(lines)))
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def plant_in_faqs(project: Path, sentences: list[str]) -> list[tuple[str, int]]:
    """Add one FAQ per sentence, the sentence being its answer."""
    path = project / "data" / "faqs.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    where = []
    for i, sentence in enumerate(sentences):
        block = (
            f"  - id: planted-{i}\n    question: Planted question {i}?\n    answer: {sentence}\n"
            "    topic: causes\n    sources: [nhs-twitching]\n    reviewed: 2026-11-21\n"
        )
        line = text.count("\n") + 3
        text += block
        where.append(("data/faqs.yaml", line))
    path.write_text(text, encoding="utf-8")
    return where


def plant_in_causes(project: Path, sentences: list[str]) -> list[tuple[str, int]]:
    """Append each sentence, as a new line, to the summary (then mechanism) of a different cause."""
    path = project / "data" / "causes.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    count = sum(ln.startswith("  - id: ") for ln in lines)
    slots = [(n, f) for f in ("summary", "mechanism") for n in range(count)]
    assert len(slots) >= len(sentences), "not enough causes to plant in"
    where: list[tuple[str, int]] = []
    for (nth, field), sentence in zip(slots, sentences, strict=False):
        start = [i for i, ln in enumerate(lines) if ln.startswith("  - id: ")][nth]
        key = next(i for i in range(start, len(lines)) if lines[i].startswith(f"    {field}:"))
        if lines[key].rstrip().endswith((">-", ">", "|", "|-")):
            end = key + 1
            while end < len(lines) and lines[end].startswith("      "):
                end += 1
            lines.insert(end, "      " + sentence)
            where = [(p, ln + 1 if ln > end else ln) for p, ln in where]
            where.append(("data/causes.yaml", end + 1))
        else:
            lines[key] = lines[key].rstrip() + " " + sentence
            where.append(("data/causes.yaml", key + 1))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


PLACES = {"content-page": plant_in_page, "faq-answer": plant_in_faqs, "cause-description": plant_in_causes}


# --- The tests -------------------------------------------------------------------------------------


def test_real_site_has_no_conflicts() -> None:
    assert _conflicts(ROOT) == []


@pytest.mark.parametrize("place", sorted(PLACES))
def test_seed_contradictions_are_reported_at_their_line(tmp_path: Path, place: str) -> None:
    project = _project(tmp_path)
    where = PLACES[place](project, [sentence for _, sentence in WRONG])
    expected = sorted((rule, path, line) for (rule, _), (path, line) in zip(WRONG, where, strict=True))
    found = _conflicts(project)
    missing = [
        (rule, path, line, s)
        for (rule, path, line), (_, s) in zip(expected, WRONG, strict=False)
        if (rule, path, line) not in found
    ]
    missing = [e for e in expected if e not in found]
    extra = [f for f in found if f not in expected]
    assert (missing, extra) == ([], []), f"missing={missing}\nextra={extra}"


@pytest.mark.parametrize("place", sorted(PLACES))
def test_correct_sentences_are_not_flagged(tmp_path: Path, place: str) -> None:
    project = _project(tmp_path)
    PLACES[place](project, RIGHT + QUESTIONS)
    assert _conflicts(project) == []


def test_as_many_correct_sentences_as_wrong_ones() -> None:
    assert len(RIGHT) >= len(WRONG)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary(load(ROOT).kb)


@pytest.mark.parametrize("sentence", RIGHT)
def test_correct_sentences_are_read_as_claims(vocab: Vocabulary, sentence: str) -> None:
    """A correct sentence passes because its claim agrees, not because it was not understood."""
    assert claims(Sentence("x.md", 1, sentence), vocab) != []


@pytest.mark.parametrize("sentence", QUESTIONS)
def test_questions_make_no_claim(vocab: Vocabulary, sentence: str) -> None:
    assert claims(Sentence("x.md", 1, sentence), vocab) == []


def test_every_conflict_rule_is_exercised() -> None:
    rules = {c.rule for c in CHECKS if "conflict" in c.rule}
    prose_rules = {rule for rule, _ in WRONG}
    data_rules = {"figure-value-conflict", "urgency-cause-conflict", "lexicon-conflict"}
    assert rules == prose_rules | data_rules


# --- Markdown awareness ------------------------------------------------------------------------------


def test_markdown_is_read_as_a_reader_sees_it() -> None:
    page = (
        "---\ntitle: x\ndescription: The L5 root supplies the calf.\n---\n\n"
        "# The L5 heading\n\n"
        "```\nThe L5 root supplies the calf muscles.\n```\n\n"
        "Some **emphasis** and a [link to the *S1* page](roots/s1.md) here.\n"
        "A second line. {{ faq('x') }} And `L5 calf` code.\n"
    )
    sentences = list(markdown_sentences("p.md", page))
    assert [(s.line, s.text) for s in sentences] == [
        (6, "The L5 heading"),
        (12, "Some emphasis and a link to the S1 page here."),
        (13, "A second line."),
        (13, "And code."),
    ]


def test_message_names_the_fact_and_its_data_location(tmp_path: Path) -> None:
    project = _project(tmp_path)
    plant_in_page(project, [WRONG[0][1]])
    problem = next(p for p in run_checks(load(project), today=TODAY) if p.rule == "root-region-conflict")
    assert "L5:" in problem.message and "calf" in problem.message
    assert re.search(r"data/roots\.yaml:\d+", problem.message)
    assert "belongs to S1" in problem.message


# --- Data-level consistency ------------------------------------------------------------------------------


def test_two_figures_for_one_quantity_conflict(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = project / "data" / "figures.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n")
        + "\n  - id: twitching-again\n    quantity: share\n    value: about 90%\n    context: x\n"
        "    phrases: [people who notice twitching again, healthy people have twitches]\n"
        "    sources: [nhs-twitching]\n    reviewed: 2026-11-21\n",
        encoding="utf-8",
    )
    rules = [p.rule for p in run_checks(load(project), today=TODAY) if "conflict" in p.rule]
    assert "figure-value-conflict" in rules and "lexicon-conflict" in rules


def test_emergency_sign_pointing_to_a_benign_cause_conflicts(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = project / "data" / "signs.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: bowel-control-change")
    causes_at = text.index("causes:", start)
    end = text.index("\n", causes_at)
    path.write_text(text[:causes_at] + "causes: [caffeine-and-stimulants]" + text[end:], encoding="utf-8")
    problems = [p for p in run_checks(load(project), today=TODAY) if p.rule == "urgency-cause-conflict"]
    assert len(problems) == 1 and "bowel-control-change" in problems[0].message


_PIECES = ["e.g.", "E.G. ", "i.e.", "etc.", "Vs. ", "dr.", "No. ", "no", "fig.", "Fig. ", "approx.", "cf.", "piano.",
           "\u017f", "\u0131.e.", "\u212a", "\u2019", " ", ". ", "? ", "A", "word", "3", "(", "Twitching ", "x"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@example("Ask a doctor, \u0131.e. Twitching stops.")  # re.I reads the dotless i as "i"
@example("Twitching v\u017f. Cramp.")  # and the long s as "s"
@example("Twitching vs. Cramp, e.g. In the calf.")
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join) | st.text(max_size=80))
def test_sentences_split_as_the_abbreviation_pattern_alone_would(text: str) -> None:
    """split_sentences skips the abbreviation pattern for ASCII text that holds none of them:
    the result must be what the pattern always gives (non-ASCII look-alikes included)."""
    from macros.rules.prose.sentences import _ABBREVIATIONS, _SPLIT, split_sentences

    protected = _ABBREVIATIONS.sub(lambda match: match.group(0).replace(".", "\x00"), text)
    expected, pos = [], 0
    for piece in _SPLIT.split(protected):
        start = protected.find(piece, pos)
        pos = start + len(piece)
        sentence = " ".join(piece.replace("\x00", ".").split())
        if sentence:
            expected.append((start, sentence))
    assert list(split_sentences(text)) == expected


@functools.cache
def _vocab() -> Vocabulary:
    return Vocabulary(load(ROOT).kb)


def test_every_cue_phrase_of_the_lexicon_is_found_in_a_sentence() -> None:
    from macros.rules.prose.mentions import Reading
    from macros.rules.prose.vocabulary import CUE_LISTS

    vocab = _vocab()
    lexicon = vocab.kb.lexicon
    assert lexicon is not None
    checked = 0
    for cue, field_name in CUE_LISTS.items():
        for phrase in getattr(lexicon, field_name):
            for text in (f"Here {phrase} now.", f"{phrase.upper()}!"):
                found = Reading(text, vocab).cues(cue, [])
                assert [text[s:e].lower() for s, e in found] == [" ".join(phrase.lower().split())], (cue, phrase, text)
            checked += 1
    assert checked >= 100


#: The seeds' known errors (medical brief, sections 1 and 7), and nothing else: (page, line, rule).
SEED_ERRORS = [
    ("content/seed-000.md", 5, "root-region-conflict"),  # L5 compression -> calf twitching
    ("content/seed-000.md", 16, "nerve-supply-conflict"),  # the sciatic nerve's "distribution" includes the buttocks
    ("content/seed-001.md", 25, "figure-conflict"),  # 20-40% for failed back surgery (10-40%)
    ("content/seed-001.md", 34, "urgency-conflict"),  # incontinence as an ordinary sciatica symptom
    ("content/seed-001.md", 34, "urgency-conflict"),  # loss of bowel control, likewise
]


def test_the_seed_articles_pasted_in_as_pages_show_exactly_their_known_errors(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "p")
    for seed in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")):
        (project / "content" / f"seed-{seed.name[:3]}.md").write_text(
            seed.read_text(encoding="utf-8"), encoding="utf-8"
        )
    problems = run_checks(load(project), today=dt.date.today())
    found = sorted((p.path, p.line, p.rule) for p in problems if p.rule.endswith("-conflict"))
    assert found == SEED_ERRORS, [p.format() for p in problems if p.rule.endswith("-conflict")]
