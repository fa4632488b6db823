"""The answer log: every answer any front end gives, with its sources, in SQLite.

Front ends call `open_answer_log(args, interface, kb_digest)` once, `record(answer,
duration_ms)` after each answer and `close()` at the end. The log exists so the user, or
whoever curates the knowledge base, can see what was asked, what was answered, from
which sources, and what Vested could not answer (`vested log`, `vested log stats`).

The rule behind every choice here: the answer is always shown, and nothing logged is
lost. So `record` never raises, and each fault has one plain response:

- database locked by another program: wait (busy timeout), then keep the answer in a
  small in-memory queue and retry on the next write; if the retry fails too, say so once;
- a file that is not SQLite (or is damaged): move it aside as answers.db.corrupt-<time>,
  start a fresh log, and tell the user where the old file went;
- a folder that cannot be created or written, a full disk: one line, then the session
  goes on without logging;
- a crash mid-write: each answer and its sources are one transaction, so a half-written
  answer never exists.

Opening is lazy (on the first answer), so starting a front end costs nothing and a run
that answers nothing leaves no empty session behind. sqlite-utils is imported only then.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import argparse

    from sqlite_utils import Database

    from vested.core.answer import Answer

INTERFACES = ("chat", "ask", "calc", "walk")
BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another process's lock before queueing the answer."""
QUEUE_LIMIT = 100
"""Answers kept in memory while the file is locked; beyond this the oldest are dropped."""
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
NOT_LOGGED = "answers are not logged for the rest of this session"


class LogUnavailable(Exception):
    """The log cannot be written at all: the message is one line for the user."""


class LogMissing(Exception):
    """Reading a log that does not exist yet (nothing has been logged)."""


class LogUnreadable(Exception):
    """Reading a file that is not an answer log Vested can open: one line for the user."""


def default_log_path() -> Path:
    """The per-user data folder (e.g. ~/.local/share/vested/answers.db on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("vested", appauthor=False) / "answers.db"


def log_path(args: argparse.Namespace | None) -> Path:
    """--db, else $VESTED_DB, else the default."""
    value = getattr(args, "db", None) or os.environ.get("VESTED_DB")
    return Path(value).expanduser() if value else default_log_path()


def logging_enabled(args: argparse.Namespace | None) -> bool:
    """Off with --no-log or $VESTED_NO_LOG=1 (the questions are personal; opting out is easy)."""
    if getattr(args, "no_log", False):
        return False
    return os.environ.get("VESTED_NO_LOG", "").strip().lower() not in TRUE_WORDS


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """UTC ISO 8601 to the second, fixed width, so text order is time order in SQL."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock (retrying later may succeed)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def is_corrupt(error: sqlite3.Error) -> bool:
    """The file is not SQLite, or SQLite found it damaged."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def connect(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
    """A sqlite-utils Database on `path` with the log's connection settings, up to date.

    Raises LogUnavailable for a SQLite file that is not an answer log, sqlite3 errors
    otherwise (busy, corrupt, read-only, I/O) for the caller to classify.

    Foreign keys on (SQLite's default is off, per connection); WAL, so readers never block
    the writer and two processes can log at once; a busy timeout, so a lock held briefly
    by another process is waited for rather than reported. check_same_thread is off
    because the chat may record from a worker thread; AnswerLog serializes access.
    """
    from sqlite_utils import Database

    from vested.log.migrations import applied_migrations, apply_migrations

    conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, check_same_thread=False)
    try:
        db = Database(conn, execute_plugins=False)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        # --db pointed at another program's database: leave it exactly as it is.
        if db.table_names() and not applied_migrations(db):
            raise LogUnavailable(f"{path} is another program's database, not a Vested answer log")
        db.enable_wal()
        apply_migrations(db)
    except BaseException:
        conn.close()
        raise
    return db


def create_private_file(path: Path) -> None:
    """Create the folder and an empty file readable by the user only (0600).

    SQLite gives the -wal and -shm files the database file's permissions, so creating it
    ourselves first is what keeps personal financial questions private.
    """
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError:
        # mkdir's own words ("File exists") would not tell the user what is wrong.
        blocker = next(parent for parent in path.parents if parent.exists())
        raise NotADirectoryError(errno.ENOTDIR, f"{blocker} is a file, not a folder") from None
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)
    os.chmod(path, 0o600)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def aside_path(path: Path, moment: datetime) -> Path:
    """answers.db.corrupt-20261125T101500Z, never overwriting an earlier one."""
    stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    return candidate


def move_aside(path: Path, moment: datetime) -> Path:
    """Rename a corrupt log (and its -wal/-shm, which belong to it) out of the way."""
    target = aside_path(path, moment)
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{suffix}"))
    return target


def open_for_writing(path: Path, busy_timeout_ms: int, moment: datetime) -> tuple[Database, Path | None]:
    """The log, created if missing; a corrupt file is moved aside (returned) first.

    Raises LogUnavailable when the folder or file cannot be made, and sqlite3 errors
    (busy, read-only, I/O) for the caller to classify.
    """
    try:
        create_private_file(path)
    except OSError as error:
        raise LogUnavailable(f"could not create the answer log at {path}: {_reason(error)}") from None
    inode = _inode(path)
    try:
        return connect(path, busy_timeout_ms), None
    except sqlite3.DatabaseError as error:
        if not is_corrupt(error):
            raise
    try:
        # Another process may have met the same file first, moved it and started a fresh
        # log: only the very file that failed (same inode) is moved.
        moved = move_aside(path, moment) if _inode(path) == inode else None
        create_private_file(path)
    except OSError as error:
        raise LogUnavailable(
            f"the answer log at {path} is damaged and could not be moved aside: {_reason(error)}"
        ) from None
    return connect(path, busy_timeout_ms), moved


def open_for_reading(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Database:
    """The existing log for `vested log`; never creates or moves a file."""
    if not path.is_file():
        raise LogMissing(str(path))
    try:
        return connect(path, busy_timeout_ms)
    except LogUnavailable as error:
        raise LogUnreadable(str(error)) from None
    except sqlite3.DatabaseError as error:
        if is_corrupt(error):
            raise LogUnreadable(
                f"{path} is not a readable answer log ({error}); the next answer Vested "
                "logs will move it aside and start a new one"
            ) from None
        raise LogUnreadable(f"could not open the answer log at {path}: {error}") from None


def _exists(db: Database, session_id: int) -> bool:
    return db.execute("SELECT 1 FROM sessions WHERE id = ?", [session_id]).fetchone() is not None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class _Queued(NamedTuple):
    asked_at: str
    answer: Answer
    duration_ms: float


def answer_row(session_id: int, asked_at: str, answer: Answer, duration_ms: float) -> dict[str, Any]:
    """The answers row: the Answer's fields, its calculation (tool, inputs, outputs, steps) as JSON."""
    calculation = answer.calculation.to_dict() if answer.calculation else None
    return {
        "session_id": session_id,
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


def source_rows(answer_id: int, answer: Answer) -> list[dict[str, Any]]:
    """One answer_sources row per citation, in the order the user saw them (from 1)."""
    return [
        {
            "answer_id": answer_id,
            "position": position,
            "source": source.source,
            "title": source.title,
            "section": source.section,
            "paragraph": source.paragraph,
            "quote": source.quote,
            "as_of": source.as_of,
        }
        for position, source in enumerate(answer.sources, 1)
    ]


class AnswerLog:
    """One front end's session in the log; safe to call from any thread.

    Problems are said once each: through `on_notice` as they happen when the front end
    gives one (the chat shows them; it is called on the thread that called `record`),
    otherwise returned by `close()` for printing. `path` is where the log is (None when
    logging is off), `enabled` turns False for good once the log cannot be written, and
    `notices` is everything said so far.
    """

    def __init__(
        self,
        path: Path | None,
        interface: str,
        kb_digest: str,
        *,
        enabled: bool = True,
        on_notice: Callable[[str], None] | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        clock: Callable[[], datetime] = utc_now,
    ):
        if interface not in INTERFACES:
            raise ValueError(f"interface must be one of {', '.join(INTERFACES)}, not {interface!r}")
        self.path = path
        self.interface = interface
        self.kb_digest = kb_digest
        self.enabled = enabled and path is not None
        self.on_notice = on_notice
        self._busy_timeout_ms = busy_timeout_ms
        self._clock = clock
        self._started_at = iso_utc(clock())
        self._queue: deque[_Queued] = deque()
        self._dropped = 0
        self._failed_attempts = 0
        self._db: Database | None = None
        self._session_id: int | None = None
        self._said: list[str] = []
        self._undelivered: list[str] = []
        self._lock = threading.Lock()

    @property
    def notices(self) -> tuple[str, ...]:
        """Every problem said so far this session."""
        return tuple(self._said)

    @property
    def session_id(self) -> int | None:
        """The sessions row, once the first answer is written."""
        return self._session_id

    @property
    def waiting(self) -> int:
        """Answers held in memory because the file was locked."""
        return len(self._queue)

    def record(self, answer: Answer, duration_ms: float) -> None:
        """Log one answer with its sources. Never raises: the answer is shown regardless."""
        if not self.enabled:
            return
        with self._lock:
            self._queue.append(_Queued(iso_utc(self._clock()), answer, float(duration_ms)))
            if len(self._queue) > QUEUE_LIMIT:
                self._queue.popleft()
                self._dropped += 1
            self._flush_safely()

    def close(self) -> list[str]:
        """Last try for queued answers, then the notices not yet delivered through on_notice."""
        with self._lock:
            if self.enabled and self._queue:
                self._flush_safely(last_try=True)
            if self.enabled and self._queue:
                self._say(
                    f"{_plural(len(self._queue), 'answer')} could not be written to the answer "
                    f"log at {self.path}: another program kept it locked"
                )
                self._queue.clear()
            if self._dropped:
                self._say(
                    f"{_plural(self._dropped, 'answer')} were not logged: too many waited while the log was locked"
                )
                self._dropped = 0
            self._close_database()
            notices, self._undelivered = self._undelivered, []
            return notices

    def _flush_safely(self, *, last_try: bool = False) -> None:
        # Any failure, even one nobody foresaw, turns into a notice: a logging problem
        # must never cost the user the answer they just got.
        try:
            self._flush(last_try=last_try)
        except LogUnavailable as error:
            self._give_up(str(error))
        except Exception as error:
            self._give_up(f"could not write the answer log at {self.path} ({error})")

    def _flush(self, *, last_try: bool) -> None:
        """Write the queue in order; on a lock, keep it for the next write (or close)."""
        while self._queue:
            try:
                self._write(self._database(), self._queue[0])
            except sqlite3.Error as error:
                if not is_busy(error):
                    raise
                self._failed_attempts += 1
                if self._failed_attempts >= 2 and not last_try:
                    self._say(
                        f"the answer log at {self.path} is locked by another program; "
                        "answers are kept in memory and written when it is free"
                    )
                return
            self._queue.popleft()
        self._failed_attempts = 0

    def _database(self) -> Database:
        if self._db is None:
            self._db, moved = open_for_writing(self.path, self._busy_timeout_ms, self._clock())
            if moved is not None:
                self._session_id = None
                self._say(
                    f"the answer log at {self.path} was not a readable SQLite database; "
                    f"moved it to {moved} and started a new one"
                )
        return self._db

    def _write(self, db: Database, queued: _Queued) -> None:
        """One transaction: the session (first time), the answer, all its sources."""
        from vested import __version__

        conn = db.conn
        # IMMEDIATE takes the write lock up front, so the busy timeout applies to it; a
        # deferred transaction that read first could fail at once under WAL instead.
        conn.execute("BEGIN IMMEDIATE")
        try:
            session_id = self._session_id
            if session_id is not None and not _exists(db, session_id):
                session_id = None  # `vested log purge` removed it while this front end ran
            if session_id is None:
                session_id = (
                    db["sessions"]
                    .insert(
                        {
                            "started_at": self._started_at,
                            "interface": self.interface,
                            "app_version": __version__,
                            "kb_hash": self.kb_digest,
                        }
                    )
                    .last_pk
                )
            row = answer_row(session_id, queued.asked_at, queued.answer, queued.duration_ms)
            answer_id = db["answers"].insert(row).last_pk
            sources = source_rows(answer_id, queued.answer)
            if sources:
                db["answer_sources"].insert_all(sources)
            conn.execute("COMMIT")
        except BaseException:
            # A failed rollback (the disk went away) must not hide the original error.
            with contextlib.suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            raise
        self._session_id = session_id

    def _give_up(self, message: str) -> None:
        self.enabled = False
        self._queue.clear()
        self._close_database()
        self._say(f"{message}; {NOT_LOGGED}")

    def _close_database(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _say(self, message: str) -> None:
        if message in self._said:
            return
        self._said.append(message)
        if self.on_notice is not None:
            self.on_notice(message)
        else:
            self._undelivered.append(message)


def open_answer_log(
    args: argparse.Namespace | None,
    interface: str,
    kb_digest: str,
    *,
    on_notice: Callable[[str], None] | None = None,
) -> AnswerLog:
    """The log for one front end (chat, ask, calc or walk), as --db/--no-log/env say.

    Cheap: nothing is opened until the first answer is recorded. With logging off the
    log has no path and records nothing.
    """
    enabled = logging_enabled(args)
    return AnswerLog(
        log_path(args) if enabled else None,
        interface,
        kb_digest,
        enabled=enabled,
        on_notice=on_notice,
    )
