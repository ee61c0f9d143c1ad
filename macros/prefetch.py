"""Parse the largest data files in a second process while ``python -m macros check`` starts up.

The check's first step, importing pydantic and building the models, keeps one core busy for a
fifth of a 10x check while the other waits. Parsing YAML needs neither (``macros.yamlread``), so
a forked process parses the largest files meanwhile and hands each back as soon as it is parsed;
this process parses the rest once its imports are done, then validates the handed files one by
one while the others are still being parsed. The loader takes a file parsed there only if it was made
from exactly the bytes it reads itself, so an edit in between is simply parsed again here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from macros import cache
from macros.background import ForkedItems
from macros.datafiles import DATA_DIR, DATA_FILES, PARSED_CACHE
from macros.yamlread import YamlDoc, read_yaml

#: The share of the data's bytes parsed in the second process: this one imports meanwhile.
SHARE = 0.55


def worthwhile(root: Path) -> bool:
    """Whether to parse in a second process: not when the parse cache holds entries (then every
    unchanged file is read from it, and an edited one costs less here than a second process that
    would compete with this one for the machine)."""
    return not cache.has_entries(root, PARSED_CACHE)


class Prefetch:
    """The largest data files under a root, being parsed in a second process, largest first."""

    def __init__(self, root: Path) -> None:
        sizes: dict[str, int] = {}
        for name in DATA_FILES:
            path = root / DATA_DIR / name
            if path.is_file():
                sizes[name] = path.stat().st_size
        #: The files parsed there, in the order it parses them (the loader takes them in it).
        self.names: list[str] = []
        taken, total = 0, sum(sizes.values())
        for name in sorted(sizes, key=lambda n: -sizes[n]):
            if taken >= SHARE * total:
                break
            self.names.append(name)
            taken += sizes[name]
        self._job = ForkedItems(self.names, lambda name: _parse(root, name)) if self.names else None

    def take(self, rel: str, raw: bytes) -> YamlDoc | None:
        """The parsed file ``rel`` (e.g. ``data/faqs.yaml``) if the second process parsed exactly
        ``raw`` (waiting for that file alone); None if it did not parse that file or read other
        bytes."""
        name = rel.removeprefix(f"{DATA_DIR}/")
        if self._job is None or name not in self.names:
            return None
        digest, doc = self._job.get(name)
        return doc if digest == _digest(raw) else None

    def close(self) -> None:
        """End the second process if it is still at work (its files were in the cache) and remove
        what it left."""
        if self._job is not None:
            self._job.close()
        self._job = None


def _parse(root: Path, name: str) -> tuple[bytes, YamlDoc]:
    raw = (root / DATA_DIR / name).read_bytes()
    return _digest(raw), read_yaml(raw, f"{DATA_DIR}/{name}")


def _digest(raw: bytes) -> bytes:
    return hashlib.sha256(raw).digest()  # most processors now have instructions for SHA-256
