"""The answer log's one writer: every answer any front end gives, with its sources, in SQLite.

Front ends call `open_answer_log(args, interface, kb_digest)` once, `record(answer,
duration_ms)` after showing each answer and `close()` at the end. The log exists so the
user, or whoever curates the knowledge base, can see what was asked, what was answered,
from which sources, and what Vested could not answer (`vested log`, `vested log stats`).

The rule behind every choice here: the answer is always shown, without delay, and nothing
logged is lost. So `record` never raises and never waits long: answers go to a queue that
one background thread writes, in order, one transaction each. While the log is healthy,
`record` waits for its answer's commit (milliseconds), so a crash loses at most the answer
in flight; once a write has had to wait, `record` returns at once. Each fault has one
plain response:

- locked by another program: the thread retries until the lock is free; at exit it waits a
  little (EXIT_WAIT_S without progress), then keeps what is left in a pending file beside
  the log, which the next run adds (`vested.log.pending`);
- a file that is not a SQLite database: refused in one line and never touched;
- another program's SQLite database: left exactly as it is, in one line;
- a damaged log, or one a newer Vested wrote: moved aside whole (answers.db.corrupt-<time>
  or .newer-<time>), a fresh log started, and the user told where the old one went;
- a folder that cannot be created or written, a full disk: retried a few times, then one
  line, and the session goes on without logging;
- a crash mid-write: each answer and its sources are one transaction, so a half-written
  answer never exists.

Opening is lazy (on the first answer), so starting a front end costs nothing and a run
that answers nothing leaves no empty session behind. Only sqlite3 is imported.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from vested.log import pending
from vested.log.database import (
    LogDamaged,
    LogNewer,
    LogUnavailable,
    connect,
    damage,
    is_busy,
    is_corrupt,
    is_environment,
    prepare,
)
from vested.log.files import (
    create_private_file,
    inode,
    is_special,
    is_sqlite_file,
    move_aside,
    reason,
    tighten_permissions,
)
from vested.log.rows import LoggedAnswer, insert, session_exists, write_answer

if TYPE_CHECKING:
    import argparse

    from _typeshed import StrPath

    from vested.core.answer import Answer

INTERFACES = ("chat", "ask", "calc", "walk")
ATTEMPT_TIMEOUT_MS = 500
"""How long one write attempt waits for another process's lock before the thread tries again."""
SYNC_WAIT_S = 0.5
"""How long `record` waits for its answer's commit while the log is healthy."""
EXIT_WAIT_S = 2.0
"""At close, how long the queue may make no progress before the rest goes to a pending file."""
QUEUE_LIMIT = 1000
"""Answers held in memory while the log is locked; more go to a pending file at once."""
FAILURE_LIMIT = 3
"""Failed attempts (disk full, I/O) before the session stops trying."""
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
NOT_LOGGED = "answers are not logged for the rest of this session"


def default_log_path() -> str:
    """The per-user data folder (e.g. ~/.local/share/vested/answers.db on Linux)."""
    from vested.knowledge.user_folders import user_folder

    return os.path.join(user_folder("data"), "answers.db")


def log_path(args: argparse.Namespace | None) -> str:
    """--db, else $VESTED_DB, else the default."""
    value = getattr(args, "db", None) or os.environ.get("VESTED_DB")
    return os.path.expanduser(value) if value else default_log_path()


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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def open_for_writing(path: StrPath, busy_timeout_ms: int, moment: datetime) -> tuple[sqlite3.Connection, str | None]:
    """The log ready to write, created if missing, and a notice when an old file was moved aside.

    Raises LogUnavailable (one line) when the log cannot be written at all, and sqlite3
    errors (busy, I/O) for the caller to retry or report.
    """
    path = resolved(path)  # a symlinked log: the file itself is checked and moved, not the link
    try:
        if is_special(path):
            raise LogUnavailable(f"could not use the answer log at {path}: it is not a regular file")
        if os.path.exists(path) and not is_sqlite_file(path):
            raise LogUnavailable(
                f"{path} is not a SQLite database, so it is not an answer log; Vested leaves it as it is "
                "(choose another file with --db or $VESTED_DB)"
            )
        create_private_file(path)
        tighten_permissions(path)
    except OSError as error:
        raise LogUnavailable(f"could not create the answer log at {path}: {reason(error)}") from None
    before = inode(path)
    conn = connect(path, busy_timeout_ms)
    try:
        prepare(conn, path)
        return conn, None
    except LogNewer as error:
        label, detail = "newer", str(error)
    except LogDamaged as error:
        label, detail = "corrupt", f"was damaged: {error}"
    except sqlite3.DatabaseError as error:
        if not is_corrupt(error):
            conn.close()
            raise
        label, detail = "corrupt", "was not a readable SQLite database"
    except BaseException:
        conn.close()
        raise
    conn.close()
    moved = _move_aside(path, before, label, moment)
    conn = connect(path, busy_timeout_ms)
    try:
        prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    where = f"moved it to {moved}" if moved else "another Vested moved it aside"
    return conn, f"the answer log at {path} {detail}; {where} and started a new one"


def resolved(path: StrPath) -> str:
    """The file a log path names, through any symlinks; LogUnavailable for a loop of them."""
    real = os.path.realpath(path)
    if os.path.islink(real):  # realpath leaves a loop where it found it
        raise LogUnavailable(f"could not use the answer log at {os.fspath(path)}: it is a symlink that leads nowhere")
    return real


def _move_aside(path: str, before: int | None, label: str, moment: datetime) -> str | None:
    """Move the very file that failed (same inode): another process may already have replaced it."""
    try:
        moved = move_aside(path, label, moment) if inode(path) == before else None
        create_private_file(path)
    except OSError as error:
        raise LogUnavailable(f"the answer log at {path} could not be moved aside: {reason(error)}") from None
    return moved


class _Queued:
    """An answer waiting for the log's thread; a plain class, as its LoggedAnswer is no dataclass (vested.log.rows)."""

    __slots__ = ("logged", "settled")

    def __init__(self, logged: LoggedAnswer):
        self.logged = logged
        self.settled = threading.Event()
        """Set once the thread has tried it: written, or found the log locked."""


class AnswerLog:
    """One front end's session in the log; `record` and `close` may be called from any thread.

    Problems are said once each: through `on_notice` as they happen when the front end
    gives one (the chat shows them; it is called on the log's own thread), otherwise
    returned by `close()` for printing. `path` is where the log is (None when logging is
    off), `enabled` turns False for good once the log cannot be written, and `notices` is
    everything said so far.
    """

    def __init__(
        self,
        path: StrPath | None,
        interface: str,
        kb_digest: str,
        *,
        enabled: bool = True,
        on_notice: Callable[[str], None] | None = None,
        busy_timeout_ms: int = ATTEMPT_TIMEOUT_MS,
        clock: Callable[[], datetime] = utc_now,
        exit_wait_s: float = EXIT_WAIT_S,
    ):
        if interface not in INTERFACES:
            raise ValueError(f"interface must be one of {', '.join(INTERFACES)}, not {interface!r}")
        from vested import __version__

        self.path = None if path is None else os.fspath(path)
        self.interface = interface
        self.enabled = enabled and path is not None
        self.on_notice = on_notice
        self._busy_timeout_ms = busy_timeout_ms
        self._clock = clock
        self._exit_wait_s = exit_wait_s
        self._session = {
            "started_at": iso_utc(clock()),
            "interface": interface,
            "app_version": __version__,
            "kb_hash": kb_digest,
        }
        self._queue: deque[_Queued] = deque()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closing = False
        self._stalled = False
        self._deadline = 0.0
        self._failures = 0
        self._recovered = False
        self._conn: sqlite3.Connection | None = None
        self._session_id: int | None = None
        self._said: list[str] = []
        self._undelivered: list[str] = []

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
        """Answers queued and not yet written."""
        return len(self._queue)

    def record(self, answer: Answer, duration_ms: float) -> None:
        """Queue one answer with its sources. Never raises; waits only while the log is healthy."""
        if not self.enabled:
            return
        try:
            queued = _Queued(LoggedAnswer.of(answer, iso_utc(self._clock()), float(duration_ms)))
        except Exception as error:  # a logging problem must never cost the user the answer
            self._give_up(f"could not write the answer log at {self.path} ({error})")
            return
        with self._cond:
            if not self.enabled or self._closing:
                return
            self._queue.append(queued)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="vested-log", daemon=True)
                self._thread.start()
            self._cond.notify_all()
            wait = not self._stalled
        if wait:
            queued.settled.wait(SYNC_WAIT_S)

    def close(self) -> list[str]:
        """Write what is queued (or keep it in a pending file), then the notices not yet delivered."""
        with self._cond:
            self._closing = True
            self._deadline = time.monotonic() + self._exit_wait_s
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()
        if self._queue:
            self._spill()
        self._close_connection()
        notices, self._undelivered = self._undelivered, []
        return notices

    # ------------------------------------------------------------ the log's thread

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._closing:
                    self._cond.wait()
                if not self._queue or not self.enabled:
                    return
                if self._closing and self._stalled and time.monotonic() >= self._deadline:
                    return  # close() keeps the rest in a pending file
                queued = self._queue[0]
            outcome = self._attempt(queued.logged)
            with self._cond:
                if outcome == "written":
                    if self._queue and self._queue[0] is queued:
                        self._queue.popleft()
                    self._stalled = False
                    self._deadline = max(self._deadline, time.monotonic() + self._exit_wait_s)
                elif outcome == "locked":
                    self._stalled = True
                    if len(self._queue) > QUEUE_LIMIT:
                        self._spill_locked()
                queued.settled.set()
                if outcome == "failed":
                    self._cond.wait(0.1 * 2**self._failures)  # a full disk may free up; close() wakes it

    def _attempt(self, logged: LoggedAnswer) -> str:
        """written, locked (try again), failed (try again later) or stopped (logging is off)."""
        try:
            self._write(self._connection(), logged)
        except LogUnavailable as error:
            self._give_up(str(error))
            return "stopped"
        except sqlite3.Error as error:
            if is_busy(error):
                return "locked"
            if not is_environment(error) and self._recover(error):
                return "failed"
            return self._failed(f"could not write the answer log at {self.path} ({error})")
        except OSError as error:
            return self._failed(f"could not write the answer log at {self.path} ({reason(error)})")
        except Exception as error:  # nobody foresaw it: say so, never raise into the front end
            self._give_up(f"could not write the answer log at {self.path} ({error})")
            return "stopped"
        self._failures = 0
        return "written"

    def _failed(self, message: str) -> str:
        self._failures += 1
        if self._failures >= FAILURE_LIMIT:
            self._give_up(message)
            return "stopped"
        return "failed"

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            assert self.path is not None
            self._conn, moved = open_for_writing(self.path, self._busy_timeout_ms, self._clock())
            if moved is not None:
                self._session_id = None
                self._say(moved)
            self._add_pending(self._conn)
        return self._conn

    def _write(self, conn: sqlite3.Connection, logged: LoggedAnswer) -> None:
        """One transaction: the session (first time), the answer, all its sources.

        IMMEDIATE takes the write lock up front, so the busy timeout applies to it; a
        deferred transaction that read first could fail at once under WAL instead.
        """
        conn.execute("BEGIN IMMEDIATE")
        try:
            session_id = self._session_id
            if session_id is None or not session_exists(conn, session_id):
                session_id = insert(conn, "sessions", self._session)  # new, or purged while we ran
            write_answer(conn, session_id, logged)
            conn.execute("COMMIT")
        except BaseException:
            # A failed rollback (the disk went away) must not hide the original error.
            with contextlib.suppress(sqlite3.Error):
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            raise
        self._session_id = session_id

    def _recover(self, error: sqlite3.Error) -> bool:
        """A write failed for no reason of lock or disk: if the log is damaged, move it aside.

        Once a session: a log that fails again after that is reported, not moved again.
        """
        if self._recovered or self._conn is None or self.path is None:
            return False
        problem = str(error) if is_corrupt(error) else damage(self._conn, self.path)
        if problem is None:
            return False
        self._recovered = True
        self._close_connection()
        path = resolved(self.path)
        moved = _move_aside(path, inode(path), "corrupt", self._clock())
        self._session_id = None
        self._say(f"the answer log at {path} was damaged ({problem}); moved it to {moved} and started a new one")
        return True

    def _add_pending(self, conn: sqlite3.Connection) -> None:
        """Answers earlier runs kept beside the log while it was locked: add them, oldest first."""
        assert self.path is not None
        for path in pending.claim(resolved(self.path)):
            try:
                session, answers = pending.read(path)
            except (OSError, ValueError, KeyError, TypeError, IndexError):
                pending.set_aside(path)  # cut short before its first line was written
                continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    session_id = insert(conn, "sessions", session)
                    for logged in answers:
                        write_answer(conn, session_id, logged)
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error:
                pending.release(path)  # locked again, or unreadable now: the next run tries
                continue
            with contextlib.suppress(OSError):
                os.unlink(path)

    # ------------------------------------------------------------ after the thread

    def _spill_locked(self) -> None:
        """Called with the condition held: all but the answer in flight go to a pending file."""
        head = self._queue.popleft()
        try:
            self._spill()
        finally:
            self._queue.appendleft(head)

    def _spill(self) -> None:
        """Keep queued answers in a pending file for the next run, or say they are lost."""
        assert self.path is not None
        answers = [queued.logged for queued in self._queue]
        self._queue.clear()
        try:
            kept = pending.spill(resolved(self.path), self._session, answers, self._clock())
        except OSError as error:
            self._say(
                f"{_plural(len(answers), 'answer')} could not be written to the answer log at {self.path}: "
                f"another program kept it locked, and {reason(error).lower()} beside it"
            )
            return
        self._say(
            f"the answer log at {self.path} was locked by another program; {_plural(len(answers), 'answer')} "
            f"kept in {os.path.basename(kept)} and added the next time Vested logs"
        )

    def _give_up(self, message: str) -> None:
        with self._cond:
            self.enabled = False
            for queued in self._queue:
                queued.settled.set()
            self._queue.clear()
        self._say(f"{message}; {NOT_LOGGED}")

    def _close_connection(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

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
