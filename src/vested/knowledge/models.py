"""Pydantic models for the knowledge base files.

They are the schema of knowledge/*.toml: loading validates every entry, so a typo in
a field name or a missing citation fails loudly instead of shipping a silent gap.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_QUOTE_WORDS = 20
MIN_ALTERNATES = 6
ENTRY_ID = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    """Where an answer's claim comes from: a paragraph of a source and a short quote."""

    source: str
    section: str = ""
    paragraph: int | None = Field(default=None, ge=1)
    quote: str = ""

    @field_validator("quote")
    @classmethod
    def quote_is_short(cls, quote: str) -> str:
        words = len(quote.split())
        if words > MAX_QUOTE_WORDS:
            raise ValueError(f"quote has {words} words; at most {MAX_QUOTE_WORDS} may be quoted")
        return quote


class Entry(Strict):
    """One question the knowledge base answers, in Vested's own words, with its evidence."""

    id: str
    question: str
    alternates: list[str] = Field(min_length=MIN_ALTERNATES)
    answer: str
    as_of: str | None = None
    tags: list[str] = Field(min_length=1)
    related: list[str] = Field(default_factory=list)
    calculator: str | None = None
    walkthrough: str | None = None
    citations: list[Citation] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def id_is_dotted(cls, value: str) -> str:
        if not ENTRY_ID.match(value):
            raise ValueError("id must look like 'topic.name' (lowercase, digits, dashes)")
        return value

    @property
    def topic(self) -> str:
        return self.tags[0]


class SkippedParagraph(Strict):
    """A paragraph of a source deliberately left uncited, and why (navigation, credits)."""

    section: str
    paragraph: int = Field(ge=1)
    reason: str


class Source(Strict):
    """A document or reference that citations point to.

    Documents (the three seeds) have a file and headings, so paragraphs can be checked;
    references (IRS notices, code sections) are cited by id and section name only.
    """

    id: str
    title: str
    as_of: str
    kind: Literal["document", "reference"]
    description: str
    file: str | None = None
    headings: list[str] = Field(default_factory=list)
    skipped: list[SkippedParagraph] = Field(default_factory=list)
    superseded: str | None = None


class Allowance(Strict):
    """A justified exception to one of `kb check`'s text heuristics, with its reason."""

    entry: str
    check: Literal["names-source", "citation-misfit"]
    citation: int | None = Field(default=None, ge=1, description="1-based citation number, for citation-misfit")
    reason: str = Field(min_length=10)


class AllowList(Strict):
    """knowledge/check-allow.toml."""

    allow: list[Allowance] = Field(default_factory=list)
