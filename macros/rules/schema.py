"""Schema freshness: the JSON Schemas editors' YAML plugins read match the models and the ids."""

from __future__ import annotations

from collections.abc import Iterator

from macros.kb import schema
from macros.kb.sections import DATA_DIR
from macros.rules.registry import Context, PageFinding, check


@check("schema-stale", severity="warning")
def schemas_fresh(ctx: Context) -> Iterator[PageFinding]:
    """A data/schema/*.json file no longer matches the models or the ids in the data."""
    if ctx.root is None or not ctx.complete:
        return  # ids of a knowledge base that did not load whole would make every schema look stale
    for name in schema.stale(ctx.root, ctx.kb):
        yield PageFinding(
            f"{DATA_DIR}/{schema.SCHEMA_DIR}/{name}",
            1,
            "editor autocomplete is out of date (ids or fields changed) - run `make schema` and commit data/schema/",
        )
