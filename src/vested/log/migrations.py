"""The answer log's schema, as an ordered list of migrations in plain SQL.

The log lives on users' machines for years, so its schema is never edited in place:
every change is a new migration appended below, and `apply_migrations` brings any older
file up to date the next time Vested opens it. Migration names are stored in the
`_sqlite_migrations` table (the table and row format sqlite-utils used for the first
releases, so files they wrote upgrade as they are), and must never be renamed.

Plain sqlite3 rather than a library: opening the log is on the path of every answer, and
the statements below are the whole of what a library did for it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

MIGRATION_SET = "vested-answer-log"
MIGRATIONS_TABLE = "_sqlite_migrations"


class Migration(NamedTuple):
    """One schema change: its stored name and its statements, run in order.

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    name: str
    statements: tuple[str, ...]


_MIGRATIONS_TABLE_SQL = (
    """CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
)""",
    """CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name")""",
)

FIRST_SCHEMA = Migration(
    "0001_first_schema",
    (
        # Sessions, answers, their sources (deleting an answer takes its sources with it).
        """CREATE TABLE "sessions" (
   "id" INTEGER PRIMARY KEY,
   "started_at" TEXT NOT NULL,
   "interface" TEXT NOT NULL,
   "app_version" TEXT,
   "kb_hash" TEXT
)""",
        """CREATE TABLE "answers" (
   "id" INTEGER PRIMARY KEY,
   "session_id" INTEGER NOT NULL REFERENCES "sessions"("id"),
   "asked_at" TEXT NOT NULL,
   "question" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "entry" TEXT,
   "confidence" REAL,
   "answer" TEXT NOT NULL,
   "as_of" TEXT,
   "calculation" TEXT,
   "duration_ms" REAL
)""",
        """CREATE TABLE "answer_sources" (
   "answer_id" INTEGER NOT NULL REFERENCES "answers"("id") ON DELETE CASCADE,
   "position" INTEGER NOT NULL,
   "source" TEXT NOT NULL,
   "title" TEXT,
   "section" TEXT,
   "paragraph" INTEGER,
   "quote" TEXT,
   "as_of" TEXT,
   PRIMARY KEY ("answer_id", "position")
)""",
        # Full-text search over question and answer; porter stemming lets `vested log -q
        # borrow` find "borrowing". The triggers keep the index in step with every change.
        """CREATE VIRTUAL TABLE "answers_fts" USING FTS5 (
    "question", "answer",
    tokenize='porter',
    content="answers"
)""",
        """CREATE TRIGGER "answers_ai" AFTER INSERT ON "answers" BEGIN
  INSERT INTO "answers_fts" (rowid, "question", "answer") VALUES (new.rowid, new."question", new."answer");
END""",
        """CREATE TRIGGER "answers_ad" AFTER DELETE ON "answers" BEGIN
  INSERT INTO "answers_fts" ("answers_fts", rowid, "question", "answer") """
        """VALUES('delete', old.rowid, old."question", old."answer");
END""",
        """CREATE TRIGGER "answers_au" AFTER UPDATE ON "answers" BEGIN
  INSERT INTO "answers_fts" ("answers_fts", rowid, "question", "answer") """
        """VALUES('delete', old.rowid, old."question", old."answer");
  INSERT INTO "answers_fts" (rowid, "question", "answer") VALUES (new.rowid, new."question", new."answer");
END""",
    ),
)


def _index(table: str, *columns: str) -> str:
    name = f"idx_{table}_{'_'.join(columns)}"
    listed = ", ".join(f'"{column}"' for column in columns)
    return f'CREATE INDEX "{name}"\n    ON "{table}" ({listed})'


# Covering indexes for the `vested log` filters and `vested log stats`. Answer rows are
# large (the whole answer text), so every count that can be read from an index instead of
# the table is much cheaper; each index ends in asked_at so that `--since` is answered from
# the index too. Numbers in benchmarks/README.md.
LOOKUP_INDEXES = Migration(
    "0002_lookup_indexes",
    (
        _index("answers", "asked_at"),
        _index("answers", "session_id", "asked_at"),
        _index("answers", "kind", "asked_at"),
        _index("answers", "entry", "asked_at"),
        _index("answers", "kind", "question", "asked_at"),
        _index("answer_sources", "source", "answer_id"),
    ),
)

MIGRATIONS: tuple[Migration, ...] = (FIRST_SCHEMA, LOOKUP_INDEXES)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()
    return found is not None


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations this file has had, oldest first (a read: takes no lock)."""
    if not _has_table(conn, MIGRATIONS_TABLE):
        return []
    rows = conn.execute(
        f'SELECT name FROM "{MIGRATIONS_TABLE}" WHERE migration_set = ? ORDER BY rowid', [MIGRATION_SET]
    ).fetchall()
    return [name for (name,) in rows]


def unknown_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations this version does not know: the file was written by a newer Vested."""
    known = {migration.name for migration in MIGRATIONS}
    return [name for name in applied_migrations(conn) if name not in known]


def pending_migrations(conn: sqlite3.Connection) -> list[Migration]:
    done = set(applied_migrations(conn))
    return [migration for migration in MIGRATIONS if migration.name not in done]


def apply_migrations(conn: sqlite3.Connection, *, stop_before: str | None = None) -> None:
    """Bring the file up to date, safely when several processes open it at once.

    The whole upgrade runs under one BEGIN IMMEDIATE: a second process waits (busy
    timeout) instead of racing to create the same tables, then finds nothing pending, and a
    failure halfway rolls every migration of this run back. `stop_before` exists for the
    tests that build a file as an older version wrote it. `conn` is in autocommit mode.
    """
    if not pending_migrations(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not _has_table(conn, MIGRATIONS_TABLE):
            for statement in _MIGRATIONS_TABLE_SQL:
                conn.execute(statement)
        for migration in pending_migrations(conn):  # again: another process may have run some
            if migration.name == stop_before:
                break
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                f'INSERT INTO "{MIGRATIONS_TABLE}" (migration_set, name, applied_at) VALUES (?, ?, ?)',
                [MIGRATION_SET, migration.name, str(datetime.now(UTC))],
            )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
