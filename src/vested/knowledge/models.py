"""The knowledge base's records: entries, their citations, the sources they cite.

Plain frozen records (vested.knowledge.records: dataclasses without their cost at start),
so the compiled knowledge (vested.knowledge.compiled) loads without a validation library.
They are also the schema of knowledge/*.toml: `validated` checks a file's data against
them with pydantic, which takes each field's constraints from its metadata and refuses
unknown keys (`__pydantic_config__`), so a typo in a field name or a missing citation
fails loudly instead of shipping a silent gap. What a constraint cannot say is checked in
`__post_init__`, so it holds for records made in code too (the calculators' citations).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from vested.knowledge.records import Record, field

if TYPE_CHECKING:
    from pydantic import TypeAdapter

MAX_QUOTE_WORDS = 20
MIN_ALTERNATES = 6
# A string, not a compiled pattern: re compiles it when an entry is first checked, which a start-up
# from the compiled knowledge never does.
ENTRY_ID = r"[a-z0-9-]+(\.[a-z0-9-]+)+"
# Every record's pydantic configuration: unknown keys are errors, a misspelt field must not be silently ignored.
STRICT = {"extra": "forbid"}

Kind = TypeVar("Kind")


def validated(kind: type[Kind], data: Any) -> Kind:
    """data (a TOML table) as a kind record, or pydantic.ValidationError listing every problem."""
    adapter = _adapters.get(kind)
    if adapter is None:  # made on first use: pydantic and building a validator take milliseconds
        from pydantic import TypeAdapter

        adapter = _adapters[kind] = TypeAdapter(kind)
    return adapter.validate_python(data)


_adapters: dict[type, TypeAdapter[Any]] = {}


class Citation(Record):
    """Where an answer's claim comes from: a paragraph of a source and a short quote."""

    __pydantic_config__ = STRICT

    source: str
    section: str = ""
    paragraph: int | None = field(default=None, metadata={"ge": 1})
    quote: str = ""

    def __post_init__(self) -> None:
        words = len(self.quote.split())
        if words > MAX_QUOTE_WORDS:
            raise ValueError(f"quote has {words} words; at most {MAX_QUOTE_WORDS} may be quoted")


class Entry(Record):
    """One question the knowledge base answers, in Vested's own words, with its evidence."""

    __pydantic_config__ = STRICT

    id: str
    question: str
    alternates: list[str] = field(metadata={"min_length": MIN_ALTERNATES})
    answer: str
    as_of: str | None = None
    tags: list[str] = field(metadata={"min_length": 1})
    related: list[str] = field(default_factory=list)
    calculator: str | None = None
    walkthrough: str | None = None
    citations: list[Citation] = field(metadata={"min_length": 1})
    # Words of which a question must name one for this entry to answer it: an entry comparing a
    # brokerage account with a 401(k) does not answer a question that never mentions one, however
    # many other words they share. Matched as the matcher's tokens, so forms and synonyms count.
    requires: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not re.fullmatch(ENTRY_ID, self.id):
            raise ValueError("id must look like 'topic.name' (lowercase, digits, dashes)")

    @property
    def topic(self) -> str:
        return self.tags[0]


class Situation(Record):
    """A note beneath an answer when the question's own facts make a further rule apply.

    A benefits expert asked "can I take a hardship withdrawal?" by someone of 57 adds that
    the age-55 rule may make hardship unnecessary; the entry alone answers only what was
    asked. Each situation says when it applies (the answered entry's tags, the asker's
    age, words of the story), what it adds, and which entry backs it.
    """

    __pydantic_config__ = STRICT

    id: str
    note: str = field(
        metadata={
            "description": "Markdown in our own words; {age} is the age read from the question, {name} the words"
            " the story pattern's group (?P<name>...) read"
        }
    )
    entry: str = field(metadata={"description": "the entry whose rule the note condenses; its citations back the note"})
    for_tags: list[str] = field(
        metadata={"min_length": 1, "description": "answered entries with one of these tags get the note"}
    )
    unless_said: str | None = field(default=None, metadata={"description": "a regex: the answer already says it"})
    age_from: Decimal | None = None
    age_below: Decimal | None = None
    story: str | None = field(
        default=None, metadata={"description": "a regex the question must contain (case-insensitive)"}
    )
    examples: list[str] = field(metadata={"min_length": 1, "description": "questions whose answer gets the note"})
    counter_examples: list[str] = field(metadata={"min_length": 1, "description": "questions whose answer must not"})

    def __post_init__(self) -> None:
        for pattern in (self.unless_said, self.story):
            if pattern is not None:
                re.compile(pattern)


class SkippedParagraph(Record):
    """A paragraph of a source deliberately left uncited, and why (navigation, credits)."""

    __pydantic_config__ = STRICT

    section: str
    paragraph: int = field(metadata={"ge": 1})
    reason: str


class Source(Record):
    """A document or reference that citations point to.

    Documents (the three seeds) have a file and headings, so paragraphs can be checked;
    references (IRS notices, code sections) are cited by id and section name only.
    """

    __pydantic_config__ = STRICT

    id: str
    title: str
    as_of: str
    kind: Literal["document", "reference"]
    description: str
    file: str | None = None
    headings: list[str] = field(default_factory=list)
    skipped: list[SkippedParagraph] = field(default_factory=list)
    superseded: str | None = None
