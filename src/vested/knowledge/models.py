"""Pydantic models for the knowledge base files.

They are the schema of knowledge/*.toml: loading validates every entry, so a typo in
a field name or a missing citation fails loudly instead of shipping a silent gap.
"""

from __future__ import annotations

import re
from decimal import Decimal
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


class Situation(Strict):
    """A note beneath an answer when the question's own facts make a further rule apply.

    A benefits expert asked "can I take a hardship withdrawal?" by someone of 57 adds that
    the age-55 rule may make hardship unnecessary; the entry alone answers only what was
    asked. Each situation says when it applies (the answered entry's tags, the asker's
    age, words of the story), what it adds, and which entry backs it.
    """

    id: str
    note: str = Field(description="Markdown in our own words; {age} is the age read from the question")
    entry: str = Field(description="the entry whose rule the note condenses; its citations back the note")
    for_tags: list[str] = Field(min_length=1, description="answered entries with one of these tags get the note")
    unless_said: str | None = Field(default=None, description="a regex: the answer already says it")
    age_from: Decimal | None = None
    age_below: Decimal | None = None
    story: str | None = Field(default=None, description="a regex the question must contain (case-insensitive)")
    examples: list[str] = Field(min_length=1, description="questions whose answer gets the note")
    counter_examples: list[str] = Field(min_length=1, description="questions whose answer must not")

    @field_validator("unless_said", "story")
    @classmethod
    def compiles(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            re.compile(pattern)
        return pattern


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
