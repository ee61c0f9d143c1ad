"""How well the contradiction checker generalises (``make heldout``): recall and false alarms on
held-out sentences written in voices unlike the tests' (tests/heldout/batch*.yaml).

A report, not a test: the figures are not asserted, so nobody tunes the checker to them. Each
batch is written fresh before the checker changes (issue 21), and the README states the latest
figures. Each sentence is checked as the only text of a content page, against the real data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from macros.kb.load import load  # noqa: E402
from macros.rules.prose import anatomy_conflicts, care_conflicts  # noqa: E402
from macros.rules.registry import Context  # noqa: E402

PAGE = "content/heldout.md"
RULES = [
    anatomy_conflicts.root_regions,
    anatomy_conflicts.root_sensory,
    anatomy_conflicts.root_reflexes,
    anatomy_conflicts.root_deficits,
    anatomy_conflicts.nerve_supply,
    care_conflicts.figures,
    care_conflicts.sign_urgency,
    care_conflicts.cause_seriousness,
]
RULE_IDS = [
    "root-region-conflict",
    "root-sensory-conflict",
    "root-reflex-conflict",
    "root-deficit-conflict",
    "nerve-supply-conflict",
    "figure-conflict",
    "urgency-conflict",
    "seriousness-conflict",
]


def findings(text: str, loaded: object) -> list[str]:
    """The conflict rules reported at the planted page when it holds only ``text``."""
    ctx = Context(loaded.kb, loaded.broken_ids, dt.date.today(), pages={PAGE: f"# Page\n\n{text}\n"})  # type: ignore[attr-defined]
    found = []
    for rule_id, rule in zip(RULE_IDS, RULES, strict=True):
        found += [rule_id for f in rule(ctx) if getattr(f, "path", "") == PAGE]
    return found


def main() -> int:
    """Print recall and false alarms per batch and per claim kind."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("batches", nargs="*", type=Path, help="batch files (default: every tests/heldout/batch*.yaml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the missed sentences and false alarms")
    args = parser.parse_args()
    batches = [b.resolve() for b in args.batches] or sorted((ROOT / "tests" / "heldout").glob("batch*.yaml"))
    loaded = load(ROOT)
    for batch in batches:
        items = yaml.safe_load(batch.read_text(encoding="utf-8"))
        caught, wrong, alarms, right, exact = Counter(), Counter(), Counter(), Counter(), Counter()
        misses, false = [], []
        for item in items:
            found = findings(item["text"], loaded)
            kind = item["kind"]
            if item["wrong"]:
                wrong[kind] += 1
                if found:
                    caught[kind] += 1
                    exact[kind] += item["expect"] in found
                else:
                    misses.append(item["text"])
            else:
                right[kind] += 1
                if found:
                    alarms[kind] += 1
                    false.append(f"{item['text']}  [{', '.join(found)}]")
        print(f"{batch.relative_to(ROOT)}: {len(items)} sentences")
        print(
            f"  wrong sentences caught: {sum(caught.values())} of {sum(wrong.values())} "
            f"({sum(exact.values())} with the expected rule)"
        )
        print(f"  correct sentences flagged: {sum(alarms.values())} of {sum(right.values())}")
        for kind in sorted(set(wrong) | set(right)):
            print(
                f"    {kind:18} caught {caught[kind]:>2}/{wrong[kind]:<2}  false alarms {alarms[kind]:>2}/{right[kind]}"
            )
        if args.verbose:
            print("  missed:", *misses, sep="\n    ")
            print("  false alarms:", *false, sep="\n    ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
