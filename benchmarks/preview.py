"""Edit-to-visible time of the live preview (``make bench``; budget: median <= 1.5 s).

Serves a copy of the project as ``make serve`` does (``mkdocs serve`` with TA_PREVIEW=1 and
CHECK_LINKS=false), then changes a cause's name in data/causes.yaml several times and measures,
for each save, the seconds until the cause's page shows the new name. A report, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.helpers import preview_server, wait_for_page  # noqa: E402

PAGE = "/causes/caffeine-and-stimulants/"
NAME = "name: Caffeine, nicotine, alcohol and stimulants"


def main() -> int:
    """Serve a copy, edit it ``--edits`` times, print each edit-to-visible time and the median."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for part in ("data", "content", "overrides"):
            shutil.copytree(ROOT / part, project / part)
        shutil.copy(ROOT / "mkdocs.yml", project)
        (project / "macros").symlink_to(ROOT / "macros")
        started = time.monotonic()
        with preview_server(project, PAGE) as (base, _server):
            print(f"first page served {time.monotonic() - started:.2f} s after start (build and serve, no install)")
            causes = project / "data" / "causes.yaml"
            times = []
            for i in range(args.edits):
                text = causes.read_text(encoding="utf-8")
                current = next(line.strip() for line in text.splitlines() if line.strip().startswith(NAME))
                causes.write_text(text.replace(current, f"{NAME} {i}", 1), encoding="utf-8")
                times.append(wait_for_page(base + PAGE, f"stimulants {i}<", 60))
                time.sleep(1.0)  # let the server settle before the next save
    print("edit-to-visible, s:", " ".join(f"{t:.2f}" for t in times))
    print(f"median {statistics.median(times):.2f} s (budget 1.5 s), best {min(times):.2f} s, worst {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
