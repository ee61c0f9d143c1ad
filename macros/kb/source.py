"""The model of a published source: the only place a citation is written in full (data/sources.yaml)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, HttpUrl, field_validator
from stdnum import isbn
from stdnum.exceptions import ValidationError as IsbnError

from macros.kb.base import Doi, Id, Model, Pmid, ShortText, Text
from macros.kb.vocab import SourceForm, SourceKind


class Source(Model):
    """A published source: the only place a citation is written in full."""

    id: Id = Field(description="Stable kebab-case id used in every record's sources list.")
    kind: SourceKind = Field(description="Who stands behind it; decides if it is authoritative.")
    form: SourceForm = Field(description="article (found by DOI or PMID), book (ISBN, edition, chapter) or web-page.")
    title: ShortText = Field(description="The title as published.")
    authors: ShortText | None = Field(default=None, description="Authors as 'Surname AB, Surname CD', if named.")
    publisher: ShortText = Field(description="The journal (with volume and pages), book publisher or website.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="Year published; null if undated.")
    doi: Doi | None = Field(default=None, description="The article's DOI, e.g. 10.1002/mus.26239.")
    pmid: Pmid | None = Field(default=None, description="The article's PubMed id, e.g. 30028521.")
    isbn: ShortText | None = Field(default=None, description="The book's ISBN (10 or 13 digits).")
    edition: ShortText | None = Field(default=None, description="The book's edition, e.g. '19th'.")
    chapter: ShortText | None = Field(
        default=None, description="The chapter as printed, e.g. '22: Back and neck pain'."
    )
    url: HttpUrl | None = Field(
        default=None,
        description="The publisher's own deep address (never a home page, mirror or copy); optional for "
        "an article with a DOI or PMID.",
    )
    accessed: dt.date = Field(description="Date (YYYY-MM-DD) the source was last checked.")
    note: Text | None = Field(default=None, description="A note for readers, e.g. 'Meeting abstract, 34 patients.'")
    provenance: Text | None = Field(
        default=None, description="Editorial notes (how it was read, what to verify): never shown to readers."
    )

    _coerce_pmid = field_validator("pmid", mode="before")(lambda v: str(v) if isinstance(v, int) else v)

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: HttpUrl | None) -> HttpUrl | None:
        """Only http(s) addresses may be linked."""
        if value is not None and value.scheme not in ("http", "https"):
            raise ValueError("source URLs must start with http:// or https://")
        return value

    @field_validator("isbn")
    @classmethod
    def _valid_isbn(cls, value: str | None) -> str | None:
        """An ISBN whose check digit is right (a typo is caught before a reader meets it)."""
        if value is None:
            return None
        try:
            return str(isbn.format(isbn.validate(value)))
        except IsbnError as exc:
            raise ValueError(f"'{value}' is not a valid ISBN ({exc})") from None

    @property
    def link(self) -> str | None:
        """Where a reader follows the source: its own address, else its DOI or PubMed record."""
        if self.url is not None:
            return str(self.url)
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None
