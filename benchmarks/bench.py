"""Scaling benchmark (``make bench``): check and build times at 1x, 10x and 100x the real data.

For each scale it generates a synthetic project (benchmarks/generate.py), then times, on this
machine, in one run: ``python -m macros check`` with no cache, on a first run (the cache empty,
then written), unchanged since its last run, and after one data file was edited (macros/cache.py
keeps parses, claims and grades per file); our full strict build, link check included, with and
without the cache; and a plain MkDocs build
(same theme, features, search settings, Markdown extensions and navigation, but no macros, hooks,
template overrides or checks) of the very same pages already rendered to Markdown, front matter
included, which is the floor our macros and checks add to. Each figure is the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]
from generate import generate  # noqa: E402

from macros.cache import CACHE_DIR  # noqa: E402


def plain_config(project: Path) -> str:
    """Our mkdocs.yml minus everything we add: same theme, features, search settings, Markdown
    extensions and navigation, but no macros, hooks (link and privacy pass) or template overrides."""
    from macros.hooks import build_nav
    from macros.site import knowledge

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "site_dir"):
        config.pop(key, None)
    config["docs_dir"] = "docs"
    config["strict"] = False
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [p for p in config["plugins"] if isinstance(p, dict) and "search" in p]
    config["nav"] = build_nav(knowledge(project))
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall-clock seconds of a command (which must succeed)."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return seconds


def edit_one_file(project: Path) -> None:
    """What an editor does between two checks: reword one FAQ answer in data/faqs.yaml."""
    faqs = project / "data" / "faqs.yaml"
    faqs.write_text(faqs.read_text(encoding="utf-8").replace("answer: ", "answer: Also, ", 1), encoding="utf-8")


def run(scale: int, work: Path, check_links: bool, repeat: int) -> dict[str, float | int]:
    """Generate one scale and time the check (no cache, first run, warm, after one edit), our
    build and the plain build. Each figure is the best of ``repeat`` runs, and our build and the plain one take turns,
    so a slow spell of a shared machine does not land on one side only."""
    project = work / f"x{scale}"
    records = generate(scale, project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "CHECK_LINKS": str(check_links).lower()}
    # Python keeps compiled modules as it does by default: some machines (this one) set
    # PYTHONDONTWRITEBYTECODE, which would make every run compile the macros package again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cold = {**env, "TA_NO_CACHE": "1"}
    check = [sys.executable, "-m", "macros", "check", "--root", str(project)]
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / f"x{scale}-site")]
    timed(check, project, cold)  # writes the bytecode, as any first run does
    colds = [timed(check, project, cold) for _ in range(repeat)]
    firsts = []
    for _ in range(repeat):  # a fresh clone's first check: the cache is on, empty, and written
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
        firsts.append(timed(check, project, env))
    check_warm = min(timed(check, project, env) for _ in range(repeat))
    edits = []
    for _ in range(repeat):
        edit_one_file(project)  # a new edit each time, so each run misses the cache for that file
        edits.append(timed(check, project, env))
    build_cold = min(timed(build, project, cold) for _ in range(repeat))
    dump = work / f"x{scale}-md"
    timed(build, project, {**env, "TA_DUMP_MARKDOWN": str(dump)})  # the pages as Markdown; fills the cache
    plain = work / f"x{scale}-plain"
    shutil.copytree(dump, plain / "docs")
    shutil.copytree(ROOT / "content" / "assets", plain / "docs" / "assets", dirs_exist_ok=True)
    (plain / "mkdocs.yml").write_text(plain_config(project), encoding="utf-8")
    plain_build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(work / f"x{scale}-plain-site")]
    ours, base = [], []
    for _ in range(repeat):
        ours.append(timed(build, project, env))
        base.append(timed(plain_build, plain, env))
    pages = sum(1 for _ in (plain / "docs").rglob("*.md"))
    return {
        "scale": scale,
        "records": records,
        "pages": pages,
        "check_cold": min(colds),
        "check_cold_runs": colds,
        "check_first": min(firsts),
        "check_warm": check_warm,
        "check_edit": min(edits),
        "build_cold": build_cold,
        "build": min(ours),
        "plain": min(base),
        "build_runs": ours,
        "plain_runs": base,
    }


def main() -> int:
    """Run the scales and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the real data")
    parser.add_argument("--no-link-check", action="store_true", help="build without the HTML link check")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step; the best is shown")
    parser.add_argument("--json", type=Path, default=ROOT / "build-reports" / "bench.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            rows.append(run(scale, Path(tmp), not args.no_link_check, max(1, args.repeat)))
            row = rows[-1]
            print(f"x{scale}: done ({row['pages']} pages)", file=sys.stderr)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"link check in build: {'off' if args.no_link_check else 'on'}; best of {max(1, args.repeat)} run(s) each"
    )
    header = (
        f"{'scale':>5} {'records':>8} {'pages':>6} {'check cold':>10} {'first':>6} {'warm':>6} {'1 edit':>6} "
        f"{'build':>7} {'no cache':>8} {'s/page':>7} {'plain':>7} {'ours/plain':>10}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['scale']:>4}x {r['records']:>8} {r['pages']:>6} {r['check_cold']:>10.2f} {r['check_first']:>6.2f} "
            f"{r['check_warm']:>6.2f} {r['check_edit']:>6.2f} {r['build']:>7.2f} {r['build_cold']:>8.2f} {r['build'] / r['pages']:>7.3f} "
            f"{r['plain']:>7.2f} {r['build'] / r['plain']:>10.2f}"
        )
    for r in rows:
        pairs = [o / p for o, p in zip(r["build_runs"], r["plain_runs"], strict=True)]
        print(
            f"{r['scale']}x ours/plain run by run: {', '.join(f'{x:.2f}' for x in pairs)} "
            f"(median {statistics.median(pairs):.2f}); ours {', '.join(f'{x:.2f}' for x in r['build_runs'])} s, "
            f"plain {', '.join(f'{x:.2f}' for x in r['plain_runs'])} s"
        )
    for r in rows:
        colds = r["check_cold_runs"]
        print(
            f"{r['scale']}x check with no cache run by run: {', '.join(f'{x:.2f}' for x in colds)} s "
            f"(median {statistics.median(colds):.2f})"
        )
    print(
        "check: seconds of `python -m macros check` with no cache (TA_NO_CACHE=1), on a first run (the cache "
        "empty, then written), unchanged since the last run, and after one data file was edited; build: "
        "`mkdocs build --strict` (link check included) after that check, and with no cache; plain: MkDocs "
        "alone on the same pages rendered to Markdown."
    )
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
