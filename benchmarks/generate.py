"""Synthetic knowledge bases at N times the real data: valid, sourced, cross-referenced, with prose.

Every record kind except the six nerve roots (a closed set) is copied N times. Copy k gets
ids with a ``-k`` suffix, and its references point at the copy-k records of the same kinds,
so the copies are as connected as the original. Phrases the checker needs to be unique
(warning-sign aliases, figure phrases, glossary words) get the suffix too.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from macros.kb.sections import REFERENCES, SECTIONS, TABLES  # noqa: E402

#: The nerve roots are a closed set, copied once, as are the tables (lexicon, hosts): references
#: to them, and theirs, stay as they are.
FIXED = ("roots", *(t.key for t in TABLES))
#: Fields holding ids of copied kinds (section key -> field -> target section key), from the models.
REFS: dict[str, dict[str, str]] = {}
for _key, _field, _target in REFERENCES:
    if _key not in FIXED and _target not in FIXED:
        REFS.setdefault(_key, {})[_field] = _target
SUFFIXED_PHRASES = {
    "signs": ("aliases",),
    "figures": ("phrases",),
    "glossary": ("term", "aliases"),
    "faqs": ("question",),
}
#: Copied data files and the sections each holds.
FILES: dict[str, list[str]] = {}
for _section in SECTIONS:
    if _section.key not in FIXED:
        FILES.setdefault(_section.file, []).append(_section.key)


def _copy(record: dict[str, Any], key: str, k: int) -> dict[str, Any]:
    """Copy k of a record: suffixed id, references and unique phrases."""
    if k == 0:
        return record
    out = dict(record)
    out["id"] = f"{record['id']}-{k}"
    for field, _target in REFS.get(key, {}).items():
        value = record.get(field)
        if isinstance(value, list):
            out[field] = [f"{v}-{k}" for v in value]
        elif isinstance(value, str):
            out[field] = f"{value}-{k}"
    for field in SUFFIXED_PHRASES.get(key, ()):
        value = record.get(field)
        if isinstance(value, list):
            out[field] = [f"{v} {k}" for v in value]
        elif isinstance(value, str):
            out[field] = f"{value} {k}"
    if "sources" in record:
        out["sources"] = [
            {**s, "id": f"{s['id']}-{k}"} if isinstance(s, dict) else f"{s}-{k}" for s in record["sources"]
        ]
    if key == "signs" and record.get("general"):
        # A handful of signs matter wherever a twitch is; more data means more pages, not more of them.
        out["general"] = False
    if key in ("causes", "regions", "signs", "deficits", "muscles", "nerves"):
        # Each item of a name that lists several ("Caffeine, nicotine and stimulants") is a name too.
        out["name"] = "".join(
            p if p in (", ", " and ") else f"{p} {k}" for p in re.split(r"(, | and )", record["name"])
        )
        out["synonyms"] = [f"{v} {k}" for v in record.get("synonyms", [])] if "synonyms" in record else None
        if out["synonyms"] is None:
            del out["synonyms"]
    return out


def generate(scale: int, dest: Path) -> int:
    """Write a project with ``scale`` times the data to ``dest``; return the record count."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "macros").symlink_to(ROOT / "macros")
    (dest / "data").mkdir()
    for name in sorted({s.file for s in (*SECTIONS, *TABLES) if s.key in FIXED}):
        shutil.copy(ROOT / "data" / name, dest / "data" / name)
    count = len(yaml.safe_load((ROOT / "data" / "roots.yaml").read_text(encoding="utf-8"))["roots"])
    for name, keys in FILES.items():
        data = yaml.load((ROOT / "data" / name).read_text(encoding="utf-8"), Loader=_Yaml12Loader)
        out = {key: [_copy(r, key, k) for k in range(scale) for r in data[key]] for key in keys}
        count += sum(len(v) for v in out.values())
        text = yaml.dump(out, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)
        (dest / "data" / name).write_text(text, encoding="utf-8")
    return count


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out (the project rejects YAML anchors and aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Yaml12Loader(yaml.SafeLoader):
    """Like the project's loader: only true/false are booleans ("no" stays a word)."""


_Yaml12Loader.add_constructor(
    "tag:yaml.org,2002:bool",
    lambda loader, node: node.value if node.value.lower() not in ("true", "false") else node.value.lower() == "true",
)


def main() -> None:
    """Generate one scaled project."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scale", type=int)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    print(f"{generate(args.scale, args.dest)} records written to {args.dest}")


if __name__ == "__main__":
    main()
