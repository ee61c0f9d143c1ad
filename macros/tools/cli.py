"""Command line: ``python -m macros check [--root DIR] [--format text|json]``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from macros.problems import Problem, has_errors


def collect(root: Path) -> tuple[list[Problem], int]:
    """Load and check everything under ``root``; return sorted problems and the record count."""
    from macros.kb.load import load
    from macros.kb.sections import all_records
    from macros.rules import run_checks

    loaded = load(root)
    problems = loaded.problems + run_checks(loaded)
    return sorted(set(problems)), sum(1 for _ in all_records(loaded.kb))


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def print_text(problems: list[Problem], records: int, stream: TextIO) -> None:
    """Print one line per problem, then a one-line summary."""
    colour = _colour(stream)
    current = None
    for p in problems:  # sorted by file, so each file's problems come together
        line = p.format()
        if colour:
            if p.path != current:
                count = sum(q.path == p.path for q in problems)
                print(f"\n\033[1m{p.path}\033[0m ({count} problem{'s' if count > 1 else ''})", file=stream)
                current = p.path
            code = "31" if p.severity == "error" else "33"
            line = line.replace(f"[{p.rule}]", f"\033[{code}m[{p.rule}]\033[0m", 1)
        print(line, file=stream)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    if problems:
        print(f"{errors} error(s), {warnings} warning(s) in {files} file(s); {records} records checked.", file=stream)
    else:
        print(f"No problems: {records} records checked.", file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    """Run every check and report; exit 1 when there are errors."""
    root = Path(args.root).resolve()
    if not root.is_dir():
        print(f"error: --root {args.root} is not a folder", file=sys.stderr)
        return 2
    problems, records = collect(root)
    if args.format == "json":
        json.dump([p.as_dict() for p in problems], sys.stdout, indent=2)
        print()
    else:
        print_text(problems, records, sys.stdout)
    return 1 if has_errors(problems) else 0


def cmd_linkcheck(args: argparse.Namespace) -> int:
    """Check source URLs over the network (all, or those changed since an older copy); exit 1 when any is dead."""
    from urllib.parse import urlsplit

    from macros.kb.load import load
    from macros.kb.origin import origin
    from macros.tools.linkcheck import RefError, changed_since, check_urls, reachable

    root = Path(args.root).resolve()
    sources = load(root).kb.sources
    urls = {s.id: str(s.url) for s in sources if s.url}
    if args.since:
        try:
            chosen = changed_since(Path(args.since), urls)
        except RefError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        urls = {sid: url for sid, url in urls.items() if sid in chosen}
        print(f"{len(urls)} source(s) new or with a new address since {args.since_label or args.since}.")
    hosts = list(dict.fromkeys(urlsplit(url).hostname or "" for url in urls.values()))[:3]
    if urls and not reachable(hosts):
        print(f"error: no network - could not reach {', '.join(hosts)}; nothing was checked, try again when online")
        return 1
    print(f"Checking {len(urls)} source URLs, one at a time ({args.delay:g} s between requests to a host)...")
    results = check_urls(urls.items(), delay=args.delay, timeout=args.timeout)
    by_id = {s.id: s for s in sources}
    dead = [r for r in results if not r.ok]
    for r in dead:
        place = origin(by_id[r.source_id])
        where = f"{place.path}:{place.line_of('url')}" if place else "data/sources.yaml:1"
        answer = f"HTTP {r.status}" if r.status else f"no answer ({r.error})"
        print(f"{where}: [source-url-dead] source '{r.source_id}' {r.url} -> {answer}")
    print(f"{len(dead)} dead of {len(results)} source URLs.")
    if args.report:
        Path(args.report).write_text(
            json.dumps(
                [{"id": r.source_id, "url": r.url, "status": r.status, "error": r.error, "ok": r.ok} for r in results],
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if dead else 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Write data/schema/*.json from the models (and current ids); --check only reports."""
    from macros.kb import schema
    from macros.kb.load import load

    root = Path(args.root).resolve()
    loaded = load(root)
    if args.check:
        stale = schema.stale(root, loaded.kb)
        for name in stale:
            print(f"data/schema/{name}: out of date - run `python -m macros schema` (or `make schema`) and commit it")
        return 1 if stale else 0
    if has_errors(loaded.problems):
        print("Schemas not updated: fix the data's errors first (run `make check`).")
        return 0 if args.quiet else 1
    changed = schema.write(root, loaded.kb)
    if changed or not args.quiet:
        print(f"{len(changed)} schema file(s) updated in data/schema/." if changed else "Schemas are up to date.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Append a commented skeleton record; refuse ids that exist."""
    from macros.kb.places import KIND_WORDS
    from macros.tools.scaffold import ScaffoldError, scaffold

    root = Path(args.root).resolve()
    try:
        path, line = scaffold(root, args.kind, args.id)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"Added {args.kind} '{args.id}' at {rel}:{line}.")
    print("Now fill in every TODO (the comments beside each field say what goes there),")
    print("cite at least one authoritative source, then run `make check` until it is clean.")
    if args.kind != "source":
        print(f"Tip: open {rel} in VS Code with the YAML extension for autocomplete of fields and ids.")
    print(f"Kinds you can add: {', '.join(KIND_WORDS)}.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the review report: stale facts, unused sources and terms, web-article reliance, reading grades."""
    import datetime as dt

    from macros.kb.load import load
    from macros.tools.report import build_report, review_interval_months

    root = Path(args.root).resolve()
    loaded = load(root)
    if has_errors(loaded.problems):
        print("error: fix the data first (python -m macros check)", file=sys.stderr)
        return 1
    print(build_report(loaded, review_interval_months(root), dt.date.today()), end="")
    return 0


def rules_table() -> str:
    """Every rule id, its severity and what it catches, as the Markdown table in README.md."""
    from macros.kb.errors import LOAD_RULES
    from macros.rules import CHECKS

    rows = {rule: ("error", "loading", summary) for rule, summary in LOAD_RULES.items()}
    rows.update({c.rule: (c.severity, "rules", " ".join(c.summary.split())) for c in CHECKS})
    lines = ["| Rule | Severity | Stage | What it catches |", "|---|---|---|---|"]
    lines += [
        f"| `{rule}` | {severity} | {stage} | {summary} |" for rule, (severity, stage, summary) in sorted(rows.items())
    ]
    return "\n".join(lines) + "\n"


README_MARKERS = ("<!-- rules:start -->\n", "<!-- rules:end -->")


def cmd_rules(args: argparse.Namespace) -> int:
    """Print every rule as a Markdown table, or put it between README.md's rule markers."""
    if not args.readme:
        print(rules_table(), end="")
        return 0
    path = Path(args.readme)
    text = path.read_text(encoding="utf-8")
    start, end = README_MARKERS
    if start not in text or end not in text:
        print(f"{path}:1: [rules] the rules table markers are missing - add the lines {start.strip()} and {end}")
        return 1
    head, rest = text.split(start, 1)
    path.write_text(head + start + rules_table() + end + rest.split(end, 1)[1], encoding="utf-8")
    print(f"{path}: rules table updated")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    from macros.kb.places import KIND_WORDS

    top = argparse.ArgumentParser(prog="python -m macros", description="Twitch Atlas knowledge-base tools.")
    sub = top.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="validate data/ and report every problem as path:line: [rule] message")
    chk.add_argument("--root", default=".", help="project root (default: current folder)")
    chk.add_argument("--format", choices=("text", "json"), default="text")
    chk.set_defaults(func=cmd_check)
    new = sub.add_parser("new", help="append a commented skeleton record to the right data file")
    new.add_argument("kind", choices=list(KIND_WORDS), help="the kind of record")
    new.add_argument("id", help="the new record's id: lowercase words joined by hyphens")
    new.add_argument("--root", default=".", help="project root (default: current folder)")
    new.set_defaults(func=cmd_new)
    rep = sub.add_parser("report", help="review report: stale facts, unused sources and terms, reading grades")
    rep.add_argument("--root", default=".", help="project root (default: current folder)")
    rep.set_defaults(func=cmd_report)
    sch = sub.add_parser("schema", help="write JSON Schemas for the data files into data/schema/")
    sch.add_argument("--root", default=".", help="project root (default: current folder)")
    sch.add_argument("--check", action="store_true", help="only report schemas that are out of date (exit 1)")
    sch.add_argument("--quiet", action="store_true", help="say nothing when nothing changed (make check, make serve)")
    sch.set_defaults(func=cmd_schema)
    rul = sub.add_parser("rules", help="list every rule the check runs, as a Markdown table")
    rul.add_argument("--readme", help="replace the table between the rules markers of this file (README.md)")
    rul.set_defaults(func=cmd_rules)
    ext = sub.add_parser("linkcheck-external", help="check every source URL over the network (opt-in, slow)")
    ext.add_argument("--root", default=".", help="project root (default: current folder)")
    ext.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host")
    ext.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each answer")
    ext.add_argument("--report", help="also write the results as JSON to this file")
    ext.add_argument(
        "--since", help="only sources new or with a new address compared with this older copy of data/sources.yaml"
    )
    ext.add_argument("--since-label", help="what --since is, in the summary line (make passes the git ref)")
    ext.set_defaults(func=cmd_linkcheck)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: never shows a traceback; 0 ok, 1 problems, 2 usage error."""
    try:
        args = parser().parse_args(argv)
        return int(args.func(args))
    except ModuleNotFoundError as exc:  # run with a Python that is not the project's .venv
        print(
            f"error: the Python package '{exc.name}' is missing, so this is not the project's Python - "
            "run `make serve` or `make test` once (they create .venv), then use `.venv/bin/python -m macros` "
            "or the make targets",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: not an error of the data
        sys.stderr.close()
        return 1
    except Exception as exc:
        print(
            f"internal error: {type(exc).__name__}: {exc} - please report this with the data that caused it",
            file=sys.stderr,
        )
        return 1
