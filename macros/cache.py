"""An on-disk memo of slow, pure steps (YAML parsing, claim extraction, reading grades).

Each entry is keyed by a hash of everything the step reads plus the code that does it, so a
stale entry is never used: an edited data file, page, lexicon or macro simply misses. The
cache lives in ``.cache/twitch-atlas/`` (git-ignored), holds only JSON, and never holds
anything an editor wrote that is not also in their own files: deleting it loses nothing.
A run keeps only the entries it used, so the cache does not grow over time.
``TA_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

CACHE_DIR = ".cache/twitch-atlas"


@cache
def code_version() -> str:
    """A hash of this package's source and the Python and library versions that run it."""
    import pydantic
    import yaml

    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}|{yaml.__version__}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(*parts: str | bytes) -> str:
    """A cache key: the hash of ``parts`` and of the code version."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:32]


def enabled() -> bool:
    """False when TA_NO_CACHE is set (benchmarks time cold runs with it)."""
    return os.environ.get("TA_NO_CACHE", "") in ("", "0")


def has_entries(root: Path, name: str) -> bool:
    """True when the cache is on and holds a file of entries for step ``name`` under ``root``."""
    return enabled() and _file(root, name).is_file()


def _file(root: Path, name: str) -> Path:
    return root / CACHE_DIR / f"{name}.json"


class DiskCache:
    """One JSON file of entries (key -> value) for one kind of step under ``root``."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = _file(root, name)
        self.on = enabled()
        self.old: dict[str, Any] = self._read() if self.on else {}
        self.new: dict[str, Any] = {}

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"), object_hook=_decode)
        except (OSError, ValueError):  # missing, unreadable or corrupt: start empty
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, entry: str) -> Any | None:
        """The stored value for ``entry``, or None."""
        value = self.old.get(entry)
        if value is not None:
            self.new[entry] = value
        return value

    def put(self, entry: str, value: Any) -> None:
        """Store ``value`` (JSON data; dates allowed) for ``entry``."""
        self.new[entry] = value

    def save(self) -> None:
        """Write the entries used in this run; a read-only folder just means no cache."""
        if not self.on or self.new.keys() == self.old.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            (self.path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.new, default=_encode, separators=(",", ":")), encoding="utf-8")
            os.replace(temporary, self.path)  # atomic: a parallel run sees the old or the new file
        except OSError:
            pass


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _decode(value: dict[str, Any]) -> Any:
    if len(value) == 1:
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
        if "$datetime" in value:
            return dt.datetime.fromisoformat(value["$datetime"])
    return value
