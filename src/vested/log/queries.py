"""Reading the answer log: listing, one answer in full, exports, statistics, purging.

Kept apart from `vested.commands.log` so the SQL is tested without a terminal, and apart
from `vested.log.writer` so writing an answer never loads any of it. Every function takes
a sqlite3 connection opened by `vested.log.database.open_for_reading`.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

KINDS = ("faq", "calculation", "clarify", "fallback")
"""The Answer kinds (vested.core.answer.AnswerKind), spelled out so `vested --help` need not import pydantic."""
EXPORT_BATCH = 500
_WORD = re.compile(r"\w")


def rows(conn: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """A query's rows as dicts keyed by column name."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def fts_query(text: str) -> str | None:
    """Search words as an FTS5 query that is never a syntax error, or None if there are none.

    Each whitespace-separated word is one quoted phrase ("401(k)" finds "401 k"; NOT, NEAR
    and * are words to find), all of them required; a word with no letter or digit in it
    (a lone quote, a dash) is dropped, since FTS5 rejects a phrase with nothing to match.
    """
    phrases = ['"' + word.replace('"', '""') + '"' for word in text.split() if _WORD.search(word)]
    return " ".join(phrases) or None


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
        return iso_utc(moment if moment.tzinfo else moment.astimezone())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-01") from None
    except OverflowError:  # 9999-12-31 in a time zone behind UTC, 0001-01-01 ahead of it
        raise ValueError(f"{text!r} is out of the range of dates; use one between 0002 and 9998") from None


def local_time(iso: str, *, seconds: bool = False) -> str:
    """A stored UTC time as the user's local wall-clock time (as stored if it is not a time)."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except (ValueError, OverflowError, AttributeError):
        return str(iso)
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

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on `answers a`, with their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.text and self.text.strip():
            query = fts_query(self.text)
            if query is None:
                clauses.append("0")  # only punctuation: nothing can match it
            else:
                clauses.append("a.id IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?)")
                params.append(query)
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


def count_answers(conn: sqlite3.Connection, log_filter: LogFilter = LogFilter()) -> int:
    where, params = log_filter.where()
    return conn.execute(f"SELECT count(*) FROM answers a{where}", params).fetchone()[0]


def latest_answers(conn: sqlite3.Connection, log_filter: LogFilter, limit: int) -> list[dict[str, Any]]:
    """The newest `limit` matching answers, newest first, one summary row each."""
    where, params = log_filter.where()
    sql = f"SELECT {LIST_COLUMNS} FROM answers a{where} ORDER BY a.id DESC LIMIT ?"
    return rows(conn, sql, [*params, limit])


def _sources_by_answer(conn: sqlite3.Connection, answer_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = {answer_id: [] for answer_id in answer_ids}
    if not answer_ids:
        return grouped
    marks = ", ".join("?" for _ in answer_ids)
    found = rows(
        conn,
        "SELECT answer_id, source, title, section, paragraph, quote, as_of FROM answer_sources "
        f"WHERE answer_id IN ({marks}) ORDER BY answer_id, position",
        answer_ids,
    )
    for row in found:
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
        "calculation": _calculation(row["calculation"]),
    }


def _calculation(stored: str | None) -> dict[str, Any] | None:
    """The stored calculation JSON, or None when there is none or it is not what Vested wrote."""
    try:
        value = json.loads(stored) if stored else None
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) and isinstance(value.get("tool"), str) else None


FULL_COLUMNS = """
    a.id, a.asked_at, a.session_id, s.interface, s.app_version, s.started_at, a.duration_ms,
    a.question, a.kind, a.answer, a.entry, a.confidence, a.as_of, a.calculation
"""


def get_answer(conn: sqlite3.Connection, answer_id: int) -> dict[str, Any] | None:
    """One answer in full, with its sources and calculation, or None."""
    found = rows(
        conn, f"SELECT {FULL_COLUMNS} FROM answers a JOIN sessions s ON s.id = a.session_id WHERE a.id = ?", [answer_id]
    )
    if not found:
        return None
    row = found[0]
    full = _full_answer(row, _sources_by_answer(conn, [answer_id])[answer_id])
    full["app_version"] = row["app_version"]
    full["session_started_at"] = row["started_at"]
    return full


def export_answers(
    conn: sqlite3.Connection, log_filter: LogFilter, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Matching answers in full, oldest first (the latest `limit` if given), streamed."""
    where, params = log_filter.where()
    select = f"SELECT {FULL_COLUMNS} FROM answers a JOIN sessions s ON s.id = a.session_id{where}"
    if limit is None:
        sql = f"{select} ORDER BY a.id"
    else:
        sql = f"SELECT * FROM ({select} ORDER BY a.id DESC LIMIT ?) ORDER BY id"
        params = [*params, limit]
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    while batch := cursor.fetchmany(EXPORT_BATCH):
        rows = [dict(zip(names, values, strict=True)) for values in batch]
        sources = _sources_by_answer(conn, [row["id"] for row in rows])
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


def log_stats(conn: sqlite3.Connection, since: str | None = None, top: int = 10) -> LogStats:
    """Counts by kind and interface, top entries and sources, and what fell back most.

    Fallback questions are grouped case- and punctuation-insensitively, so "What is the
    weather?" and "what is the weather" count as one thing the knowledge base lacks.
    """
    where, params = LogFilter(since=since).where()
    scope = f"FROM answers a{where}"
    and_ = " AND " if where else " WHERE "

    def pairs(sql: str, extra: list[Any] | None = None) -> list[tuple[str, int]]:
        return [tuple(row) for row in conn.execute(sql, [*params, *(extra or [])]).fetchall()]

    # Each query is shaped to be answered from one covering index (0002_lookup_indexes):
    # answer rows carry the whole answer text, so reading the table itself is the slow part.
    answers, first, last = conn.execute(f"SELECT count(*), min(a.asked_at), max(a.asked_at) {scope}", params).fetchone()
    interfaces = conn.execute(
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


def purge(conn: sqlite3.Connection, before: str | None = None) -> PurgeResult:
    """Delete answers (all, or asked before `before`), their sources and emptied sessions.

    The point of a purge is that the questions are gone, so the deleted text is also
    scrubbed from the file: secure_delete zeroes freed pages, the full-text index is
    rebuilt without the deleted rows, the WAL is checkpointed and truncated, and VACUUM
    shrinks the file when no other process has it open (`compacted`).
    """
    condition, params = ("WHERE asked_at < ?", [before]) if before else ("", [])
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


def conversations(conn: sqlite3.Connection, interface: str = "chat", limit: int = 50) -> list[dict[str, Any]]:
    """One front end's sessions that answered something, newest first: the chat's past conversations.

    Each row: id, started_at, answers (how many), last_asked, first_question.
    """
    return rows(
        conn,
        "SELECT s.id, s.started_at, count(a.id) AS answers, max(a.asked_at) AS last_asked, "
        "(SELECT f.question FROM answers f WHERE f.session_id = s.id ORDER BY f.id LIMIT 1) AS first_question "
        "FROM sessions s JOIN answers a ON a.session_id = s.id WHERE s.interface = ? "
        "GROUP BY s.id ORDER BY s.id DESC LIMIT ?",
        [interface, limit],
    )
