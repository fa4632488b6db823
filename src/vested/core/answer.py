"""The Answer contract: what every front end receives and the log records.

`vested ask --json` prints `Answer.to_json()`; keys may be added, never removed
(see DESIGN.md). Decimals serialize as strings so no amount loses a cent on the way.

Plain records (vested.knowledge.records) rather than pydantic models: an FAQ answer is made on every `vested ask`,
and importing a validation library for it would cost more than answering
(benchmarks/startup.py). What validation the contract had, its kind and the range of its
confidence, is checked on construction.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal, get_args

from vested.knowledge.records import Record, field, record_fields

AnswerKind = Literal["faq", "calculation", "clarify", "fallback"]
ANSWER_KINDS: tuple[str, ...] = get_args(AnswerKind)


class SourceRef(Record):
    """A citation as shown to the user: the source's title beside its id."""

    source: str
    title: str
    section: str = ""
    paragraph: int | None = None
    quote: str = ""
    as_of: str | None = None


class CalculationRecord(Record):
    """The arithmetic behind a calculation answer (inputs and outputs JSON-ready)."""

    tool: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    steps: list[str]

    def to_dict(self) -> dict[str, Any]:
        return _json_ready(_fields_of(self))


class ReadInput(Record):
    """One calculator input read from the question, and the words it came from (`from` in JSON)."""

    value: Any
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": _json_ready(self.value), "from": self.source}


class ReadingRecord(Record):
    """What a calculation read from the question: each input with its words, and the numbers not used."""

    inputs: dict[str, ReadInput] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"inputs": {name: item.to_dict() for name, item in self.inputs.items()}, "unused": list(self.unused)}


class Answer(Record):
    """One reply of the assistant."""

    question: str
    kind: AnswerKind
    answer: str
    entry: str | None = None
    confidence: float
    as_of: str | None = None
    sources: list[SourceRef] = field(default_factory=list)
    calculation: CalculationRecord | None = None
    reading: ReadingRecord | None = None
    suggestions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in ANSWER_KINDS:
            raise ValueError(f"an answer's kind is one of {', '.join(ANSWER_KINDS)}, not {self.kind!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"an answer's confidence is between 0 and 1, not {self.confidence}")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """An answer from its `to_dict()` form, as the log gives it back (keys the contract lacks are ignored)."""
        calculation, reading = data.get("calculation"), data.get("reading")
        return cls(
            **_known(cls, data),
            sources=[SourceRef(**_known(SourceRef, source)) for source in data.get("sources") or []],
            calculation=CalculationRecord(**_known(CalculationRecord, calculation)) if calculation else None,
            reading=ReadingRecord(
                inputs={
                    name: ReadInput(value=item["value"], source=item["from"])
                    for name, item in reading.get("inputs", {}).items()
                },
                unused=list(reading.get("unused", [])),
            )
            if reading
            else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """Every field, JSON-ready, in the order the contract has always printed them."""
        return {
            "question": self.question,
            "kind": self.kind,
            "answer": self.answer,
            "entry": self.entry,
            "confidence": float(self.confidence),
            "as_of": self.as_of,
            "sources": [_fields_of(source) for source in self.sources],
            "calculation": self.calculation.to_dict() if self.calculation is not None else None,
            "reading": self.reading.to_dict() if self.reading is not None else None,
            "suggestions": list(self.suggestions),
        }

    def to_json(self) -> str:
        """One line of JSON; characters a terminal would act on are \\u-escaped (nothing is lost)."""
        from vested.core.safe_text import json_text

        return json_text(self.to_dict())


_NESTED = frozenset({"sources", "calculation", "reading"})


def _fields_of(record: Any) -> dict[str, Any]:
    """A record's fields by name, in order (dataclasses.asdict's result without its deep copies, which
    cost more than the rest of the JSON)."""
    return {name: getattr(record, name) for name in record_fields(record)}


def _known(record: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    """The plain fields of a record found in data (the nested ones are built by the caller)."""
    return {name: data[name] for name in record_fields(record) if name in data and name not in _NESTED}


def _json_ready(value: Any) -> Any:
    """A value as JSON shows it: Decimals as their exact text, dates in ISO form, tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(item) for item in value]
    return value
