"""Where a record was read: its file, its line, and the lines of its fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macros.kb.models import Model
    from macros.kb.yamlread import YamlDoc


@dataclass
class Origin:
    """A record's file and line, and the parsed file to find the lines of its fields in."""

    path: str
    line: int
    doc: YamlDoc = field(repr=False)
    prefix: tuple[str | int, ...] = ()

    def line_of(self, *where: str | int) -> int:
        """Line of a field (or list item) of the record; the record's line if unknown."""
        return self.doc.line((*self.prefix, *where))

    def line_containing(self, needle: str, *where: str | int) -> int:
        """The line at or after a field's own where ``needle`` is written (text folded over several
        lines has a line of its own for each part); the field's line if it is not found."""
        start = self.line_of(*where)
        lines = self.doc.text.splitlines()
        return next((i + 1 for i in range(start - 1, min(len(lines), start + 400)) if needle in lines[i]), start)

    def at(self, *where: str | int) -> str:
        """``path:line`` of the record, or of one of its fields."""
        return f"{self.path}:{self.line_of(*where) if where else self.line}"


def origin(record: object) -> Origin | None:
    """Where the loader read ``record`` (None for records built in code, and for parts of records)."""
    return getattr(record, "_origin", None)


def at(record: Model, *where: str | int, default: str = "data") -> str:
    """``path:line`` of a record or one of its fields, for messages that point at stored facts."""
    place = origin(record)
    return place.at(*where) if place else default
