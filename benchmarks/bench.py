"""Scaling benchmark (``make bench``): the check and the build at 1x, 10x and 100x the real data.

For each scale it generates a synthetic project (benchmarks/generate.py), then times on this
machine ``python -m macros check`` (one plain process; there is no cache) and our full strict
build, link check included, against a plain MkDocs build of the very same pages already rendered
to Markdown (same theme, features, search settings, Markdown extensions and navigation, but no
macros, hooks, template overrides or checks). Our build and the plain one take turns, so a slow
spell of a shared machine does not land on one side only. Figures: median and best of --repeat.
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

#: The budgets of issue 18, in seconds or as a ratio.
BUDGETS = {"check_1x": 0.6, "check_10x": 2.5, "build_ratio": 1.10}


def plain_config(project: Path) -> str:
    """Our mkdocs.yml minus everything we add: same theme, features, search settings, Markdown
    extensions and navigation, but no macros, hooks (link and privacy pass) or template overrides."""
    from macros.site.hooks import build_nav, entity_pages
    from macros.site.macros import knowledge

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "site_dir"):
        config.pop(key, None)
    config["docs_dir"] = "docs"
    config["strict"] = False
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [p for p in config["plugins"] if isinstance(p, dict) and "search" in p]
    config["nav"] = build_nav(entity_pages(knowledge(project).views))
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall-clock seconds of a command (which must not crash)."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return seconds


def run(scale: int, work: Path, repeat: int) -> dict[str, object]:
    """Generate one scale and time the check, our build and the plain build, ``repeat`` times each."""
    project = work / f"x{scale}"
    records = generate(scale, project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    # Python keeps compiled modules as it does by default: some machines set
    # PYTHONDONTWRITEBYTECODE, which would make every run compile the macros package again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    check = [sys.executable, "-m", "macros", "check", "--root", str(project)]
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / f"x{scale}-site")]
    timed(check, project, env)  # writes the bytecode, as any first run does
    checks = [timed(check, project, env) for _ in range(repeat)]
    dump = work / f"x{scale}-md"
    timed(build, project, {**env, "TA_DUMP_MARKDOWN": str(dump)})  # the pages as Markdown
    plain = work / f"x{scale}-plain"
    shutil.copytree(dump, plain / "docs")
    shutil.copytree(ROOT / "content" / "assets", plain / "docs" / "assets", dirs_exist_ok=True)
    (plain / "mkdocs.yml").write_text(plain_config(project), encoding="utf-8")
    plain_build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(work / f"x{scale}-plain-site")]
    ours, base = [], []
    for _ in range(repeat):
        ours.append(timed(build, project, env))
        base.append(timed(plain_build, plain, env))
    return {
        "scale": scale,
        "records": records,
        "pages": sum(1 for _ in (plain / "docs").rglob("*.md")),
        "check_runs": checks,
        "build_runs": ours,
        "plain_runs": base,
    }


def main() -> int:
    """Run the scales and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the real data")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each step")
    parser.add_argument("--json", type=Path, default=ROOT / "build-reports" / "bench.json")
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            rows.append(run(scale, Path(tmp), repeat))
            print(f"x{scale}: done ({rows[-1]['pages']} pages)", file=sys.stderr)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {repeat} run(s) each"
    )
    header = (
        f"{'scale':>5} {'records':>8} {'pages':>6} {'check median':>12} {'best':>6} "
        f"{'build median':>12} {'plain median':>12} {'ours/plain':>10}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        checks, ours, base = r["check_runs"], r["build_runs"], r["plain_runs"]
        ratios = [o / p for o, p in zip(ours, base, strict=True)]  # type: ignore[call-overload]
        r["check_median"] = statistics.median(checks)  # type: ignore[arg-type]
        r["ratio_median"] = statistics.median(ratios)
        print(
            f"{r['scale']:>4}x {r['records']:>8} {r['pages']:>6} {r['check_median']:>12.2f} {min(checks):>6.2f} "  # type: ignore[type-var]
            f"{statistics.median(ours):>12.2f} {statistics.median(base):>12.2f} {r['ratio_median']:>10.2f}"  # type: ignore[arg-type]
        )
    by_scale = {r["scale"]: r for r in rows}
    print("Budgets (issue 18):")
    if 1 in by_scale:
        print(f"  check at 1x, median <= {BUDGETS['check_1x']} s: {by_scale[1]['check_median']:.2f} s")
    if 10 in by_scale:
        print(f"  check at 10x <= {BUDGETS['check_10x']} s: {by_scale[10]['check_median']:.2f} s")
    for r in rows:
        print(f"  build at {r['scale']}x within {BUDGETS['build_ratio']:.2f}x of plain MkDocs: {r['ratio_median']:.2f}")
    if len(rows) > 1:
        first = rows[0]
        for r in rows[1:]:
            growth = r["check_median"] / first["check_median"] / (r["scale"] / first["scale"])  # type: ignore[operator]
            print(f"  check growth {first['scale']}x -> {r['scale']}x, per unit of data: {growth:.2f} (1.00 = linear)")
    args.json.parent.mkdir(exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
