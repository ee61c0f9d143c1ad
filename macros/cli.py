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
    from macros.checks import all_records, run_checks
    from macros.load import load

    loaded = load(root)
    problems = loaded.problems + run_checks(loaded)
    return sorted(set(problems)), sum(1 for _ in all_records(loaded.kb))


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def print_text(problems: list[Problem], records: int, stream: TextIO) -> None:
    """Print one line per problem, then a one-line summary."""
    colour = _colour(stream)
    for p in problems:
        line = p.format()
        if colour:
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


def parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    top = argparse.ArgumentParser(prog="python -m macros", description="Twitch Atlas knowledge-base tools.")
    sub = top.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="validate data/ and report every problem as path:line: [rule] message")
    chk.add_argument("--root", default=".", help="project root (default: current folder)")
    chk.add_argument("--format", choices=("text", "json"), default="text")
    chk.set_defaults(func=cmd_check)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: never shows a traceback; 0 ok, 1 problems, 2 usage error."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
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
