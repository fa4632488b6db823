"""What one answer writes: a sessions row (the first time), an answers row, its sources.

An answer is turned into rows as soon as it is recorded (`LoggedAnswer.of`), so what is
queued, written, or kept in a pending file for a later run is the same plain data. Every
text is made valid Unicode first: a question read from undecodable bytes must not be the
one row SQLite refuses.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, NamedTuple

from vested.core.safe_text import valid_unicode

if TYPE_CHECKING:
    from vested.core.answer import Answer


def _valid(row: dict[str, Any]) -> dict[str, Any]:
    return {key: valid_unicode(value) if isinstance(value, str) else value for key, value in row.items()}


class LoggedAnswer(NamedTuple):
    """One answer as rows: the answers row without its session, the sources without their answer.

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    row: dict[str, Any]
    sources: list[dict[str, Any]]

    @classmethod
    def of(cls, answer: Answer, asked_at: str, duration_ms: float) -> LoggedAnswer:
        return cls(answer_row(asked_at, answer, duration_ms), source_rows(answer))

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "sources": self.sources}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LoggedAnswer:
        return cls(dict(data["row"]), [dict(source) for source in data["sources"]])


def answer_row(asked_at: str, answer: Answer, duration_ms: float) -> dict[str, Any]:
    """The answers row: the Answer's fields, its calculation (tool, inputs, outputs, steps) as JSON."""
    calculation = answer.calculation.to_dict() if answer.calculation else None
    return _valid(
        {
            "asked_at": asked_at,
            "question": answer.question,
            "kind": answer.kind,
            "entry": answer.entry,
            "confidence": answer.confidence,
            "answer": answer.answer,
            "as_of": answer.as_of,
            "calculation": json.dumps(calculation, ensure_ascii=False) if calculation else None,
            "duration_ms": round(duration_ms, 1),
        }
    )


def source_rows(answer: Answer) -> list[dict[str, Any]]:
    """One answer_sources row per citation, in the order the user saw them (from 1)."""
    return [
        _valid(
            {
                "position": position,
                "source": source.source,
                "title": source.title,
                "section": source.section,
                "paragraph": source.paragraph,
                "quote": source.quote,
                "as_of": source.as_of,
            }
        )
        for position, source in enumerate(answer.sources, 1)
    ]


def insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    """INSERT one row (the column names are ours, never the user's); its rowid."""
    columns = ", ".join(f'"{column}"' for column in row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))
    return int(cursor.lastrowid or 0)


def session_exists(conn: sqlite3.Connection, session_id: int) -> bool:
    return conn.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone() is not None


def write_answer(conn: sqlite3.Connection, session_id: int, logged: LoggedAnswer) -> None:
    """The answer and all its sources (the caller holds the transaction)."""
    answer_id = insert(conn, "answers", {"session_id": session_id, **logged.row})
    for source in logged.sources:
        insert(conn, "answer_sources", {"answer_id": answer_id, **source})
