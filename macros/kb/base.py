"""Building blocks of every model: strict, immutable values that know where they were read,
the id and text types, and ``RefTo``, which marks a field holding ids of other records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
]
#: A Digital Object Identifier as registered (without https://doi.org/).
Doi = Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$", strip_whitespace=True)]
#: A PubMed id: digits only.
Pmid = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,8}$", strip_whitespace=True)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]


@dataclass(frozen=True)
class RefTo:
    """Marks a field as holding ids of records of another section (its key, e.g. "regions")."""

    target: str


class Value(BaseModel):
    """Base for every model: strict about unknown keys, immutable once loaded. A part of a record
    (a citation, an alternative) is a Value: it is located through its record."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Model(Value):
    """Base for records and the files' top-level parts: a Value that knows where it was read."""

    #: Where the loader read it: a macros.kb.origin.Origin (file, line, the lines of its fields),
    #: or None for records built in code. Typed loosely so that the models import nothing of ours.
    _origin: Any = PrivateAttr(default=None)
