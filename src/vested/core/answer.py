"""The Answer contract: what every front end receives and the log records.

`vested ask --json` prints `Answer.to_json()`; keys may be added, never removed
(see DESIGN.md). Decimals serialize as strings so no amount loses a cent on the way.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

AnswerKind = Literal["faq", "calculation", "clarify", "fallback"]


class SourceRef(BaseModel):
    """A citation as shown to the user: the source's title beside its id."""

    source: str
    title: str
    section: str = ""
    paragraph: int | None = None
    quote: str = ""
    as_of: str | None = None


class CalculationRecord(BaseModel):
    """The arithmetic behind a calculation answer."""

    tool: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    steps: list[str]


class ReadInput(BaseModel):
    """One calculator input read from the question, and the words it came from."""

    value: Any
    source: str = Field(alias="from", serialization_alias="from")

    model_config = {"populate_by_name": True}


class ReadingRecord(BaseModel):
    """What a calculation read from the question: each input with its words, and the numbers not used."""

    inputs: dict[str, ReadInput] = Field(default_factory=dict)
    unused: list[str] = Field(default_factory=list)


class Answer(BaseModel):
    """One reply of the assistant."""

    question: str
    kind: AnswerKind
    answer: str
    entry: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    as_of: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    calculation: CalculationRecord | None = None
    reading: ReadingRecord | None = None
    suggestions: list[str] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self) -> str:
        """One line of JSON; characters a terminal would act on are \\u-escaped (nothing is lost)."""
        from vested.core.safe_text import json_text

        return json_text(self.to_dict())
