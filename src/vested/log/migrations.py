"""The answer log's schema, as an ordered list of sqlite-utils migrations.

The log lives on users' machines for years, so its schema is never edited in place:
every change is a new migration appended below, and `apply_migrations` brings any older
file up to date the next time Vested opens it. Migration names are stored in the
`_sqlite_migrations` table, so they must never be renamed.

This module never imports Textual (the core rule), and it is imported only when the log
is actually opened, so `vested ask --no-log` does not pay for sqlite-utils.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations
from sqlite_utils.db import ForeignKey

MIGRATION_SET = "vested-answer-log"
MIGRATIONS = Migrations(MIGRATION_SET)


@MIGRATIONS(name="0001_first_schema")
def first_schema(db: Database) -> None:
    """Sessions, answers, their sources, and full-text search over question and answer."""
    db["sessions"].create(
        {
            "id": int,
            "started_at": str,
            "interface": str,
            "app_version": str,
            "kb_hash": str,
        },
        pk="id",
        not_null=["started_at", "interface"],
    )
    db["answers"].create(
        {
            "id": int,
            "session_id": int,
            "asked_at": str,
            "question": str,
            "kind": str,
            "entry": str,
            "confidence": float,
            "answer": str,
            "as_of": str,
            "calculation": str,
            "duration_ms": float,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null=["session_id", "asked_at", "question", "kind", "answer"],
    )
    # Deleting an answer (vested log purge) takes its sources with it.
    db["answer_sources"].create(
        {
            "answer_id": int,
            "position": int,
            "source": str,
            "title": str,
            "section": str,
            "paragraph": int,
            "quote": str,
            "as_of": str,
        },
        pk=("answer_id", "position"),
        foreign_keys=[ForeignKey("answer_sources", "answer_id", "answers", "id", on_delete="CASCADE")],
        not_null=["answer_id", "position", "source"],
    )
    # Triggers keep the index in step with every insert and delete; porter stemming lets
    # `vested log -q borrow` find "borrowing".
    db["answers"].enable_fts(["question", "answer"], create_triggers=True, tokenize="porter")


@MIGRATIONS(name="0002_lookup_indexes")
def lookup_indexes(db: Database) -> None:
    """Covering indexes for the `vested log` filters and `vested log stats`.

    Answer rows are large (the whole answer text), so every count that can be read from
    an index instead of the table is much cheaper; each index ends in asked_at so that
    `--since` is answered from the index too. Numbers in benchmarks/README.md.
    """
    db["answers"].create_index(["asked_at"])
    db["answers"].create_index(["session_id", "asked_at"])
    db["answers"].create_index(["kind", "asked_at"])
    db["answers"].create_index(["entry", "asked_at"])
    db["answers"].create_index(["kind", "question", "asked_at"])
    db["answer_sources"].create_index(["source", "answer_id"])


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations this file has had, oldest first."""
    return [migration.name for migration in MIGRATIONS.applied(db)]


def apply_migrations(db: Database, *, stop_before: str | None = None) -> None:
    """Bring the file up to date, safely when several processes open it at once.

    The whole upgrade runs under one BEGIN IMMEDIATE: a second process waits (busy
    timeout) instead of racing to create the same tables, then finds nothing pending.
    sqlite-utils runs each migration in a savepoint inside that transaction.
    `stop_before` exists for the tests that build a file as an older version wrote it.
    """
    if not MIGRATIONS.pending(db):
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        MIGRATIONS.apply(db, stop_before=stop_before)
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
