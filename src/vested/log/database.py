"""Connecting to the answer log, and telling what a SQLite file at its path is.

A file at the log's path is one of: missing or empty (a log is made in it), a Vested log of
this schema or an older one (upgraded in place), one written by a newer Vested (its
migrations are unknown here), a damaged one, another program's database, or not a SQLite
database at all. Writing and reading treat each differently (see `vested.log.writer` and
`open_for_reading`); this module only says which it is.

Connections are plain sqlite3 in autocommit mode (every transaction is an explicit BEGIN),
with foreign keys on (SQLite's default is off, per connection) and a busy timeout, so a
lock held briefly by another process is waited for rather than reported.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from vested.log.files import is_special, is_sqlite_file

if TYPE_CHECKING:
    from _typeshed import StrPath
from vested.log.migrations import applied_migrations, apply_migrations, unknown_migrations

BUSY_TIMEOUT_MS = 5000
"""How long a read, a purge or a migration waits for another process's lock."""

EXPECTED_COLUMNS = {
    "sessions": {"id", "started_at", "interface", "app_version", "kb_hash"},
    "answers": {
        "id",
        "session_id",
        "asked_at",
        "question",
        "kind",
        "entry",
        "confidence",
        "answer",
        "as_of",
        "calculation",
        "duration_ms",
    },
    "answer_sources": {"answer_id", "position", "source", "title", "section", "paragraph", "quote", "as_of"},
}
EXPECTED_OBJECTS = {"answers_fts": "table", "answers_ai": "trigger", "answers_ad": "trigger", "answers_au": "trigger"}
_ENVIRONMENT = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_NOMEM")


class LogUnavailable(Exception):
    """The log cannot be written at all: the message is one line for the user."""


class LogMissing(Exception):
    """Reading a log that does not exist yet (nothing has been logged)."""


class LogUnreadable(Exception):
    """Reading a file that is not an answer log Vested can open: one line for the user."""


class LogDamaged(Exception):
    """A Vested log SQLite can open but not use: tables missing, pages damaged."""


class LogNewer(Exception):
    """A log written by a newer Vested: its schema has migrations this version does not know."""


def _name(error: sqlite3.Error) -> str:
    return getattr(error, "sqlite_errorname", "") or ""


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock (retrying later may succeed)."""
    return _name(error).startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def is_corrupt(error: sqlite3.Error) -> bool:
    """SQLite found the file damaged, or not a database."""
    return _name(error).startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def is_environment(error: sqlite3.Error) -> bool:
    """A problem of the disk or the file's permissions, not of the log's contents."""
    return _name(error).startswith(_ENVIRONMENT)


def connect(path: StrPath, busy_timeout_ms: int = BUSY_TIMEOUT_MS, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with the log's settings; nothing is checked or created beyond SQLite's own.

    check_same_thread is off because the writer's thread and its tests share connections;
    every user of one serializes its access.
    """
    if read_only:
        from urllib.parse import quote

        target = f"file:{quote(os.fspath(path))}?mode=ro"
    else:
        target = os.fspath(path)
    conn = sqlite3.connect(
        target, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False, uri=read_only
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def check_schema(conn: sqlite3.Connection, path: StrPath) -> bool:
    """Whether the file is empty (True) or a usable Vested log (False); raises otherwise.

    LogUnavailable for another program's database (left exactly as it is), LogNewer for a
    newer Vested's log, LogDamaged when tables, columns or triggers are missing, and
    sqlite3.DatabaseError when SQLite cannot even read its schema.
    """
    objects = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall())
    if not objects:
        return True
    applied = applied_migrations(conn)
    if not applied:
        raise LogUnavailable(f"{path} is another program's database, not a Vested answer log")
    newer = unknown_migrations(conn)
    if newer:
        raise LogNewer(f"was written by a newer version of Vested (schema {newer[-1]})")
    for name, kind in EXPECTED_OBJECTS.items():
        if objects.get(name) != kind:
            raise LogDamaged(f"its {kind} {name} is missing")
    for table, expected in EXPECTED_COLUMNS.items():
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if not columns:
            raise LogDamaged(f"its table {table} is missing")
        if not expected <= columns:
            raise LogDamaged(f"its table {table} lacks {', '.join(sorted(expected - columns))}")
    return False


def damage(conn: sqlite3.Connection, path: StrPath) -> str | None:
    """What is wrong with a log whose write failed for no reason of lock or disk, or None.

    Runs only after such a failure: quick_check reads every page, which costs a moment on
    a large log, and the full-text index's own check catches what it cannot.
    """
    try:
        check_schema(conn, path)
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            return f"SQLite's check says: {verdict}"
        conn.execute("INSERT INTO answers_fts(answers_fts) VALUES ('integrity-check')")
    except (LogDamaged, sqlite3.DatabaseError) as error:
        return str(error)
    return None


def prepare(conn: sqlite3.Connection, path: StrPath) -> None:
    """A log ready for writing: checked first (another program's file is left as it was),
    then WAL (readers never block the writer) and up to date."""
    check_schema(conn, path)
    conn.execute("PRAGMA journal_mode = WAL")
    apply_migrations(conn)


def open_for_reading(path: StrPath, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> tuple[sqlite3.Connection, str | None]:
    """The existing log for `vested log`, and why it may not read, when a newer Vested wrote it.

    Never creates, moves or replaces a file. An older log is upgraded when it can be (the
    queries work on an old one too, only slower); a newer one is opened read-only and read
    as far as its tables allow. Raises LogMissing, or LogUnreadable with one line.
    """
    if not os.path.exists(path) or (os.path.isfile(path) and os.path.getsize(path) == 0):
        raise LogMissing(str(path))
    if is_special(path):
        raise LogUnreadable(f"{path} is not a regular file, so it is not an answer log")
    try:
        if not is_sqlite_file(path):
            raise LogUnreadable(f"{path} is not a SQLite database, so it is not an answer log")
        conn = connect(path, busy_timeout_ms)
    except OSError as error:
        raise LogUnreadable(f"could not open the answer log at {path}: {error.strerror or error}") from None
    except sqlite3.Error as error:
        raise LogUnreadable(f"could not open the answer log at {path}: {error}") from None
    try:
        if check_schema(conn, path):
            conn.close()
            raise LogMissing(str(path))
        _upgrade_if_possible(conn)
        return conn, None
    except LogNewer as error:
        conn.close()
        return connect(path, busy_timeout_ms, read_only=True), f"the answer log at {path} {error}"
    except LogUnavailable as error:
        conn.close()
        raise LogUnreadable(str(error)) from None
    except (LogDamaged, sqlite3.DatabaseError) as error:
        conn.close()
        raise LogUnreadable(damaged_message(path, str(error))) from None


def _upgrade_if_possible(conn: sqlite3.Connection) -> None:
    """Apply pending migrations unless the file is locked or read-only right now."""
    try:
        apply_migrations(conn)
    except sqlite3.OperationalError as error:
        if not (is_busy(error) or is_environment(error)):
            raise


def damaged_message(path: StrPath, detail: str) -> str:
    return (
        f"the answer log at {path} is damaged ({detail}); the next answer Vested logs moves it "
        "aside, whole, and starts a new one"
    )
