"""The YAML reader's own loader resolves every scalar to the tag PyYAML's safe loader gives it."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.kb.yamlread import _compose, _Safe

ROOT = Path(__file__).resolve().parent.parent

#: Plain scalars whose first character picks a tag pattern, and near misses of each.
ODD = [
    "", "~", "null", "Null", "NULL", "nul", "yes", "Yes", "YES", "no", "No", "n", "y", "on", "Off", "true",
    "True", "tRue", "false", "0", "-0", "+1", "1_000", "0x1F", "0o17", "017", "0b101", "1:20", "190:20:30",
    "1e3", "1.5e-3", "-.5", ".inf", "-.INF", ".nan", ".NaN", "6.", "2026-01-01", "2026-1-1", "2026-01-01T10:00:00Z",
    "2026-01-01 10:00:00.5 +02:00", "2026-13-45", "<<", "=", "12 muscles", "3rd", "L5", "-dash", ". dot",
]  # fmt: skip


def _tags(node: Node | None) -> list[tuple[str, object]]:
    """Every node's tag and value, in document order."""
    if node is None:
        return []
    if isinstance(node, ScalarNode):
        return [(node.tag, node.value)]
    assert isinstance(node, (MappingNode, SequenceNode))
    items = [part for pair in node.value for part in pair] if isinstance(node, MappingNode) else node.value
    return [(node.tag, None), *(tag for item in items for tag in _tags(item))]


def _expected(text: str) -> list[tuple[str, object]]:
    return _tags(yaml.compose(text, Loader=_Safe))


def test_every_node_of_the_real_data_has_the_safe_loaders_tag() -> None:
    files = sorted((ROOT / "data").glob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = _tags(_compose(text))
        assert found == _expected(text), path.name
        assert any(tag.endswith(":timestamp") for tag, _ in found) or path.name in ("lexicon.yaml", "hosts.yaml")


def test_odd_scalars_plain_and_quoted_have_the_safe_loaders_tag() -> None:
    plain = "\n".join(f"k{i}: {value}" for i, value in enumerate(ODD))
    quoted = "\n".join(f"k{i}: '{value}'" for i, value in enumerate(ODD))
    listed = "\n".join(f"- {value}" for value in ODD)
    for text in (plain, quoted, listed):
        assert _tags(_compose(text)) == _expected(text)
    kinds = {tag.rsplit(":", 1)[1] for tag, _ in _tags(_compose(listed))}
    assert kinds >= {"null", "bool", "int", "float", "timestamp", "merge", "value", "str"}
    assert {tag for tag, _ in _tags(_compose(quoted))} == {"tag:yaml.org,2002:map", "tag:yaml.org,2002:str"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789-+.:eExXoObBnNyYtTfF_~ aslu", min_size=0, max_size=12))
def test_random_plain_scalars_have_the_safe_loaders_tag(value: str) -> None:
    text = f"- '{value}'\n- {value}\n" if value.strip() == value and value else f"- '{value}'\n"
    try:
        expected = _expected(text)
    except yaml.YAMLError:
        return  # not a plain scalar at all (e.g. "- -"): nothing to resolve
    assert _tags(_compose(text)) == expected
