"""Open data in the build: the dataset, its JSON Schema and two CSV tables (macros.render.dataset)
join the site's files, stamped with the commit the site is built from and the day it is built.

Made once per checked knowledge base and only from one that passed every check: the hooks add
the files to the site, the Reuse page's macros show their names, sizes and version.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from macros.kb.views import Views
from macros.render.dataset import files
from macros.render.dataset_shape import Version

#: A commit id as git writes it (SHA-1, or SHA-256 in repositories that use it).
_COMMIT = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


def git_commit(root: Path) -> str | None:
    """The commit checked out in ``root``, read from git's own files (no git process, no network);
    None outside a git repository or when it cannot be read."""
    try:
        git = root / ".git"
        if git.is_file():  # a worktree or submodule: "gitdir: <its folder>"
            git = root / git.read_text(encoding="utf-8").partition(":")[2].strip()
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):  # a detached HEAD holds the commit itself
            return head if _COMMIT.fullmatch(head) else None
        ref = head.removeprefix("ref: ")
        shared = git / "commondir"  # a worktree keeps its branches in the main repository
        common = git / shared.read_text(encoding="utf-8").strip() if shared.is_file() else git
        for folder in (git, common):
            if (folder / ref).is_file():
                commit = (folder / ref).read_text(encoding="utf-8").strip()
                return commit if _COMMIT.fullmatch(commit) else None
        packed = common / "packed-refs"
        lines = packed.read_text(encoding="utf-8").splitlines() if packed.is_file() else []
        return next((c for c, _, name in (line.partition(" ") for line in lines) if name == ref), None)
    except (OSError, UnicodeDecodeError):
        return None


def build_day() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names (a reproducible build stamps the same day)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()


_made: dict[str, tuple[Views, Version, dict[str, str]]] = {}


def published(views: Views, root: Path) -> tuple[Version, dict[str, str]]:
    """This build's version and published files (path in the site -> text), made once per
    checked knowledge base: the hooks and the Reuse page's macros share them."""
    known = _made.get(str(root))
    if known is None or known[0] is not views:
        version = Version(commit=git_commit(root), built=build_day())
        known = (views, version, files(views, version))
        _made[str(root)] = known
    return known[1], known[2]
