"""Parse the largest data files in a second process while ``python -m macros check`` starts up.

The check's first step, importing pydantic and building the models, keeps one core busy for a
fifth of a 10x check while the other waits. Parsing YAML needs neither (``macros.yamlread``), so
a forked process parses the largest files meanwhile and hands them back; this process parses
the rest once its imports are done. The loader takes a file parsed there only if it was made
from exactly the bytes it reads itself, so an edit in between is simply parsed again here.
"""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

from macros import cache
from macros.background import Forked
from macros.datafiles import DATA_DIR, DATA_FILES, PARSED_CACHE
from macros.yamlread import YamlDoc, read_yaml

#: The share of the data's bytes parsed in the second process: this one imports meanwhile.
SHARE = 0.65


def worthwhile(root: Path) -> bool:
    """Whether to parse in a second process: not when the parse cache holds entries (then every
    unchanged file is read from it, and an edited one costs less here than a second process that
    would compete with this one for the machine)."""
    return not cache.has_entries(root, PARSED_CACHE)


class Prefetch:
    """The largest data files under a root, being parsed in a second process."""

    def __init__(self, root: Path) -> None:
        sizes: dict[str, int] = {}
        for name in DATA_FILES:
            path = root / DATA_DIR / name
            if path.is_file():
                sizes[name] = path.stat().st_size
        self.names: list[str] = []
        taken, total = 0, sum(sizes.values())
        for name in sorted(sizes, key=lambda n: -sizes[n]):
            if taken >= SHARE * total:
                break
            self.names.append(name)
            taken += sizes[name]
        self._job = Forked(lambda: _parse_all(root, self.names)) if self.names else None
        self._docs: dict[str, tuple[bytes, YamlDoc]] | None = None

    def take(self, rel: str, raw: bytes) -> YamlDoc | None:
        """The parsed file ``rel`` (e.g. ``data/faqs.yaml``) if the second process parsed exactly
        ``raw``; None if it did not parse that file or read other bytes."""
        if self._job is None or rel.removeprefix(f"{DATA_DIR}/") not in self.names:
            return None
        if self._docs is None:
            self._docs = self._job.result()
        found = self._docs.get(rel)
        return found[1] if found is not None and found[0] == _digest(raw) else None

    def close(self) -> None:
        """End the second process if its files were never asked for (they were all in the cache)."""
        if self._job is not None and self._docs is None:
            self._job.cancel()
        self._job = None


def _parse_all(root: Path, names: list[str]) -> dict[str, tuple[bytes, YamlDoc]]:
    # Parsing makes many objects that all live on (until this process ends): no collections.
    gc.disable()
    return {f"{DATA_DIR}/{name}": _parse(root, name) for name in names}


def _parse(root: Path, name: str) -> tuple[bytes, YamlDoc]:
    raw = (root / DATA_DIR / name).read_bytes()
    return _digest(raw), read_yaml(raw, f"{DATA_DIR}/{name}")


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()
