"""Reading the answer log: listing, one answer in full, exports, statistics, purging.

Kept apart from `vested.commands.log` so the SQL is tested without a terminal, and apart
from `vested.log.writer` so writing an answer never loads any of it. Every function takes
a sqlite-utils Database opened by `vested.log.writer.open_for_reading`.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

KINDS = ("faq", "calculation", "clarify", "fallback")
"""The Answer kinds (vested.core.answer.AnswerKind), spelled out so `vested --help` need not import pydantic."""
EXPORT_BATCH = 500


def parse_local_date(text: str) -> str:
    """A date (YYYY-MM-DD, the user's local midnight) or ISO date-time -> the log's UTC form.

    The log stores UTC; people think in their own day, so "--since 2026-11-01" means the
    start of that day where they are.
    """
    from vested.log.writer import iso_utc

    value = text.strip()
    try:
        if len(value) == 10:
            moment = datetime.combine(datetime.strptime(value, "%Y-%m-%d").date(), time())
        else:
            moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-01") from None
    return iso_utc(moment if moment.tzinfo else moment.astimezone())


def local_time(iso: str, *, seconds: bool = False) -> str:
    """A stored UTC time as the user's local wall-clock time."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class LogFilter:
    """The `vested log` filters; all given ones must hold (AND)."""

    text: str | None = None
    source: str | None = None
    kind: str | None = None
    since: str | None = None
    session: int | None = None

    @property
    def active(self) -> bool:
        return any(value is not None for value in vars(self).values())

    def where(self, db: Database) -> tuple[str, list[Any]]:
        """SQL conditions on `answers a`, with their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.text and self.text.strip():
            # Quoted, so "401(k)" or "NOT" are words to find, not FTS syntax errors.
            clauses.append("a.id IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?)")
            params.append(db.quote_fts(self.text))
        if self.source:
            clauses.append("EXISTS (SELECT 1 FROM answer_sources s WHERE s.answer_id = a.id AND s.source = ?)")
            params.append(self.source)
        if self.kind:
            clauses.append("a.kind = ?")
            params.append(self.kind)
        if self.since:
            clauses.append("a.asked_at >= ?")
            params.append(self.since)
        if self.session is not None:
            clauses.append("a.session_id = ?")
            params.append(self.session)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


LIST_COLUMNS = """
    a.id, a.asked_at, a.kind, a.question, a.session_id,
    (SELECT s.source FROM answer_sources s WHERE s.answer_id = a.id ORDER BY s.position LIMIT 1)
        AS first_source
"""


def count_answers(db: Database, log_filter: LogFilter = LogFilter()) -> int:
    where, params = log_filter.where(db)
    return db.execute(f"SELECT count(*) FROM answers a{where}", params).fetchone()[0]


def latest_answers(db: Database, log_filter: LogFilter, limit: int) -> list[dict[str, Any]]:
    """The newest `limit` matching answers, newest first, one summary row each."""
    where, params = log_filter.where(db)
    sql = f"SELECT {LIST_COLUMNS} FROM answers a{where} ORDER BY a.id DESC LIMIT ?"
    return list(db.query(sql, [*params, limit]))


def _sources_by_answer(db: Database, answer_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = {answer_id: [] for answer_id in answer_ids}
    if not answer_ids:
        return grouped
    marks = ", ".join("?" for _ in answer_ids)
    rows = db.query(
        "SELECT answer_id, source, title, section, paragraph, quote, as_of FROM answer_sources "
        f"WHERE answer_id IN ({marks}) ORDER BY answer_id, position",
        answer_ids,
    )
    for row in rows:
        grouped[row.pop("answer_id")].append(row)
    return grouped


def _full_answer(row: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """The Answer contract's fields (minus suggestions) plus what the log knows about it."""
    return {
        "id": row["id"],
        "asked_at": row["asked_at"],
        "session_id": row["session_id"],
        "interface": row["interface"],
        "duration_ms": row["duration_ms"],
        "question": row["question"],
        "kind": row["kind"],
        "answer": row["answer"],
        "entry": row["entry"],
        "confidence": row["confidence"],
        "as_of": row["as_of"],
        "sources": sources,
        "calculation": json.loads(row["calculation"]) if row["calculation"] else None,
    }


FULL_COLUMNS = """
    a.id, a.asked_at, a.session_id, s.interface, s.app_version, s.started_at, a.duration_ms,
    a.question, a.kind, a.answer, a.entry, a.confidence, a.as_of, a.calculation
"""


def get_answer(db: Database, answer_id: int) -> dict[str, Any] | None:
    """One answer in full, with its sources and calculation, or None."""
    rows = list(
        db.query(
            f"SELECT {FULL_COLUMNS} FROM answers a JOIN sessions s ON s.id = a.session_id WHERE a.id = ?",
            [answer_id],
        )
    )
    if not rows:
        return None
    row = rows[0]
    full = _full_answer(row, _sources_by_answer(db, [answer_id])[answer_id])
    full["app_version"] = row["app_version"]
    full["session_started_at"] = row["started_at"]
    return full


def export_answers(db: Database, log_filter: LogFilter, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Matching answers in full, oldest first (the latest `limit` if given), streamed."""
    where, params = log_filter.where(db)
    select = f"SELECT {FULL_COLUMNS} FROM answers a JOIN sessions s ON s.id = a.session_id{where}"
    if limit is None:
        sql = f"{select} ORDER BY a.id"
    else:
        sql = f"SELECT * FROM ({select} ORDER BY a.id DESC LIMIT ?) ORDER BY id"
        params = [*params, limit]
    cursor = db.execute(sql, params)
    names = [column[0] for column in cursor.description]
    while batch := cursor.fetchmany(EXPORT_BATCH):
        rows = [dict(zip(names, values, strict=True)) for values in batch]
        sources = _sources_by_answer(db, [row["id"] for row in rows])
        for row in rows:
            yield _full_answer(row, sources[row["id"]])


@dataclass
class LogStats:
    """What `vested log stats` reports."""

    answers: int = 0
    sessions: int = 0
    first_asked: str | None = None
    last_asked: str | None = None
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_interface: list[tuple[str, int]] = field(default_factory=list)
    top_entries: list[tuple[str, int]] = field(default_factory=list)
    top_sources: list[tuple[str, int]] = field(default_factory=list)
    fallback_questions: list[tuple[str, int]] = field(default_factory=list)

    @property
    def fallbacks(self) -> int:
        return dict(self.by_kind).get("fallback", 0)

    @property
    def fallback_rate(self) -> float:
        return self.fallbacks / self.answers if self.answers else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "sessions": self.sessions,
            "first_asked": self.first_asked,
            "last_asked": self.last_asked,
            "by_kind": dict(self.by_kind),
            "by_interface": dict(self.by_interface),
            "fallbacks": self.fallbacks,
            "fallback_rate": round(self.fallback_rate, 4),
            "top_entries": dict(self.top_entries),
            "top_sources": dict(self.top_sources),
            "fallback_questions": dict(self.fallback_questions),
        }


def log_stats(db: Database, since: str | None = None, top: int = 10) -> LogStats:
    """Counts by kind and interface, top entries and sources, and what fell back most.

    Fallback questions are grouped case- and punctuation-insensitively, so "What is the
    weather?" and "what is the weather" count as one thing the knowledge base lacks.
    """
    where, params = LogFilter(since=since).where(db)
    scope = f"FROM answers a{where}"
    and_ = " AND " if where else " WHERE "

    def pairs(sql: str, extra: list[Any] | None = None) -> list[tuple[str, int]]:
        return [tuple(row) for row in db.execute(sql, [*params, *(extra or [])]).fetchall()]

    # Each query is shaped to be answered from one covering index (0002_lookup_indexes):
    # answer rows carry the whole answer text, so reading the table itself is the slow part.
    answers, first, last = db.execute(f"SELECT count(*), min(a.asked_at), max(a.asked_at) {scope}", params).fetchone()
    interfaces = db.execute(
        "SELECT s.interface, count(*), sum(n) FROM (SELECT a.session_id, count(*) AS n "
        f"{scope} GROUP BY a.session_id) JOIN sessions s ON s.id = session_id "
        "GROUP BY s.interface ORDER BY sum(n) DESC, s.interface",
        params,
    ).fetchall()
    kind_order = " ".join(f"WHEN '{kind}' THEN {rank}" for rank, kind in enumerate(KINDS))
    return LogStats(
        answers=answers,
        sessions=sum(sessions for _, sessions, _ in interfaces),
        first_asked=first,
        last_asked=last,
        by_kind=pairs(f"SELECT a.kind, count(*) {scope} GROUP BY a.kind ORDER BY CASE a.kind {kind_order} END"),
        by_interface=[(interface, count) for interface, _, count in interfaces],
        top_entries=pairs(
            f"SELECT a.entry, count(*) {scope}{and_}a.entry IS NOT NULL "
            "GROUP BY a.entry ORDER BY count(*) DESC, a.entry LIMIT ?",
            [top],
        ),
        top_sources=pairs(
            "SELECT source, count(DISTINCT answer_id) FROM answer_sources "
            + (f"WHERE answer_id IN (SELECT a.id {scope}) " if where else "")
            + "GROUP BY source ORDER BY count(DISTINCT answer_id) DESC, source LIMIT ?",
            [top],
        ),
        fallback_questions=pairs(
            "SELECT lower(trim(a.question, ' ?!.')) AS asked, count(*) "
            f"{scope}{and_}a.kind = 'fallback' "
            "GROUP BY asked ORDER BY count(*) DESC, max(a.id) DESC LIMIT ?",
            [top],
        ),
    )


@dataclass(frozen=True)
class PurgeResult:
    """What a purge removed, and whether the file could also be compacted."""

    answers: int
    sources: int
    sessions: int
    compacted: bool


def purge(db: Database, before: str | None = None) -> PurgeResult:
    """Delete answers (all, or asked before `before`), their sources and emptied sessions.

    The point of a purge is that the questions are gone, so the deleted text is also
    scrubbed from the file: secure_delete zeroes freed pages, the full-text index is
    rebuilt without the deleted rows, the WAL is checkpointed and truncated, and VACUUM
    shrinks the file when no other process has it open (`compacted`).
    """
    condition, params = ("WHERE asked_at < ?", [before]) if before else ("", [])
    conn = db.conn
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("BEGIN IMMEDIATE")
    try:
        sources = conn.execute(
            f"SELECT count(*) FROM answer_sources WHERE answer_id IN (SELECT id FROM answers {condition})",
            params,
        ).fetchone()[0]
        answers = conn.execute(f"DELETE FROM answers {condition}", params).rowcount
        sessions = conn.execute(
            "DELETE FROM sessions WHERE id NOT IN (SELECT DISTINCT session_id FROM answers)"
        ).rowcount
        conn.execute("INSERT INTO answers_fts(answers_fts) VALUES ('optimize')")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    compacted = True
    try:
        conn.execute("VACUUM")
    except sqlite3.OperationalError:
        compacted = False
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return PurgeResult(answers=answers, sources=sources, sessions=sessions, compacted=compacted)


def conversations(db: Database, interface: str = "chat", limit: int = 50) -> list[dict[str, Any]]:
    """One front end's sessions that answered something, newest first: the chat's past conversations.

    Each row: id, started_at, answers (how many), last_asked, first_question.
    """
    return list(
        db.query(
            "SELECT s.id, s.started_at, count(a.id) AS answers, max(a.asked_at) AS last_asked, "
            "(SELECT f.question FROM answers f WHERE f.session_id = s.id ORDER BY f.id LIMIT 1) AS first_question "
            "FROM sessions s JOIN answers a ON a.session_id = s.id WHERE s.interface = ? "
            "GROUP BY s.id ORDER BY s.id DESC LIMIT ?",
            [interface, limit],
        )
    )
