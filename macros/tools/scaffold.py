"""``python -m macros new <kind> <id>``: append a commented skeleton record to the right file.

The file is only appended to (its comments, order and formatting stay as they are), an id
that exists is refused, and every value to write is a TODO that ``make check`` reports.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from macros.kb.sections import DATA_DIR

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Skeleton:
    """A record kind editors can scaffold."""

    file: str
    key: str
    body: str  # YAML lines after "- id: <id>", indented for the list


SKELETONS: dict[str, Skeleton] = {
    "cause": Skeleton(
        "causes.yaml",
        "causes",
        """\
    name: TODO plain name, shown as the page title
    synonyms: []                      # other names readers use, e.g. [sciatica, pinched nerve]
    category: TODO                    # lifestyle, sleep-and-stress, exercise, metabolic, deficiency, medication, nerve-root, nerve, benign-syndrome, motor-neuron, other
    seriousness: TODO                 # benign, needs-evaluation or serious
    summary: TODO what it is, in one or two plain sentences
    mechanism: TODO how it causes twitching (or that nobody knows)
    pattern: TODO where and how the twitching typically shows
    helps:
      - TODO one thing that helps, one point per line
    regions: []                       # body-area ids from data/anatomy.yaml, e.g. [calf]
    roots: []                         # root ids, e.g. [s1]
    terms: []                         # glossary ids, e.g. [fasciculation]
    frequency: null                   # common, uncommon or rare, only where a source says how often
    in_short:                         # the answer the page opens with: short lines, plain words
      what: TODO what it is, in one line
      outlook: TODO whether it is usually harmless (true to its seriousness)
      helps: TODO what helps, in one line
      doctor: TODO when to see a doctor, in one line
      tier: TODO                      # the warning tier that line links to: emergency, urgent, soon or self-care
    sources:
      - todo-source-id                # ids from data/sources.yaml; at least one authoritative
    reviewed: {today}
""",
    ),
    "sign": Skeleton(
        "signs.yaml",
        "signs",
        """\
    name: TODO the symptom, in plain words (the box title and checklist label)
    description: TODO what to look out for, in plain words
    urgency: TODO                     # emergency, urgent, soon or self-care: the tier its sources give
    action: TODO what to do, in plain words
    general: false                    # true if it matters wherever a twitch is (weakness, wasting)
    causes: []                        # cause ids it can point to, e.g. [nerve-root-compression]
    regions: []                       # body-area ids, e.g. [calf]
    aliases: []                       # other ways writers name it, e.g. [loss of bowel control]
    sources:                          # give the tier each source states; if they differ, add tier_note
      - {{id: todo-source-id, locator: TODO where in the source, tier: TODO}}
    reviewed: {today}
""",
    ),
    "faq": Skeleton(
        "faqs.yaml",
        "faqs",
        """\
    question: TODO the question, as a reader would ask it?
    answer: TODO two to five short plain sentences
    topic: TODO                       # about-twitching, causes, sciatica-and-nerves, conditions, when-to-worry, managing
    causes: []                        # related cause ids
    regions: []                       # related body-area ids
    roots: []                         # related root ids
    signs: []                         # related warning-sign ids
    sources:
      - todo-source-id                # ids from data/sources.yaml; at least one authoritative
    reviewed: {today}
""",
    ),
    "term": Skeleton(
        "glossary.yaml",
        "glossary",
        """\
    term: TODO the word as it is usually written
    aliases: []                       # plurals and other forms, e.g. [fasciculations]
    definition: TODO a plain-language definition
    see_also: []                      # related glossary ids
    sources:
      - todo-source-id                # ids from data/sources.yaml; at least one authoritative
    reviewed: {today}
""",
    ),
    "source": Skeleton(
        "sources.yaml",
        "sources",
        """\
    kind: TODO                        # health-agency, clinical-reference, academic-medical-centre, peer-reviewed or web-article
    form: TODO                        # article (give doi or pmid), book (isbn, edition, chapter) or web-page (its own deep url)
    title: TODO title as published
    publisher: TODO who published it
    year: null                        # year published, or null if undated
    url: https://todo.invalid/        # TODO the publisher's own address (never a mirror or a copy)
    accessed: {today}                 # the day you checked the address
""",
    ),
}


class ScaffoldError(Exception):
    """The record cannot be added (bad id, id taken, file missing)."""


def existing_ids(text: str) -> set[str]:
    """Record ids already in a data file (any '- id: x' line)."""
    return set(re.findall(r"^\s*-\s+id:\s*['\"]?([^'\"\s#]+)", text, flags=re.M))


def scaffold(root: Path, kind: str, record_id: str, today: dt.date | None = None) -> tuple[Path, int]:
    """Append a skeleton for ``kind`` with ``record_id``; return the file and the line of its id."""
    skeleton = SKELETONS[kind]
    if not ID_PATTERN.match(record_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-") or "my-id"
        raise ScaffoldError(
            f"'{record_id}' is not a valid id - use lowercase words joined by hyphens, e.g. '{suggestion}'"
        )
    path = root / DATA_DIR / skeleton.file
    if not path.is_file():
        raise ScaffoldError(f"data/{skeleton.file} does not exist")
    text = path.read_text(encoding="utf-8")
    if record_id in existing_ids(text):
        raise ScaffoldError(f"data/{skeleton.file} already has a {kind} with id '{record_id}' - choose another id")
    header = f"\n  # Added by `python -m macros new {kind} {record_id}`: replace every TODO, then run `make check`.\n"
    block = f"{header}  - id: {record_id}\n" + skeleton.body.format(today=(today or dt.date.today()).isoformat())
    glue = "" if text.endswith("\n") else "\n"
    path.write_text(text + glue + block, encoding="utf-8")
    line = (text + glue).count("\n") + block[: block.index("- id:")].count("\n") + 1
    return path, line
