"""Questions asked in earlier chats, recalled with Up and Down in the input.

The questions are as personal as the answer log, so they follow its rules: kept in
history.json beside answers.db (or at $VESTED_HISTORY), readable by the user only, and
not kept at all when logging is off (--no-log or $VESTED_NO_LOG). Two chats open at
once both add to the file: each addition re-reads it under a lock, so neither loses
the other's questions. Reading never fails (a missing or damaged file is an empty
history); writing failures are reported once by the caller, never raised into the UI.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

HISTORY_ENV = "VESTED_HISTORY"
MAX_ENTRIES = 500

try:  # POSIX; elsewhere two chats at once may still lose a question to each other
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def history_path(log_args: argparse.Namespace | None) -> Path | None:
    """Where the input history lives for these options; None when nothing may be written.

    None with logging off or no log options at all (the chat then remembers questions
    only while it runs); else $VESTED_HISTORY, else history.json beside the answer log.
    """
    from vested.log.writer import log_path, logging_enabled

    if log_args is None or not logging_enabled(log_args):
        return None
    override = os.environ.get(HISTORY_ENV)
    if override:
        return Path(override).expanduser()
    return Path(log_path(log_args)).with_name("history.json")


class InputHistory:
    """An ordered list of past questions with a cursor for Up/Down recall.

    The cursor sits one past the newest question while the user types; moving up keeps
    the unfinished draft so Down past the newest question gives it back. With no path
    the history lives in memory only.
    """

    def __init__(self, path: Path | None, limit: int = MAX_ENTRIES):
        self.path = path
        self.limit = limit
        self.entries: list[str] = self._read()
        self._cursor = len(self.entries)
        self._draft = ""

    def _read(self) -> list[str]:
        if self.path is None:
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(data, list):
            return []
        return [item for item in data if isinstance(item, str) and item.strip()][-self.limit :]

    def add(self, question: str) -> None:
        """Remember a question (a repeat of the newest is not stored twice) and save.

        Questions other chats saved meanwhile are merged in first. Raises OSError when
        the file cannot be written, so the caller can say so once; the question is
        remembered for this chat either way.
        """
        question = question.strip()
        self._draft = ""
        if not question:
            self._cursor = len(self.entries)
            return
        if self.path is None:
            self.entries = self._appended(self.entries, question)
            self._cursor = len(self.entries)
            return
        try:
            with self._locked():
                self.entries = self._appended(self._read(), question)
                self._save()
        except OSError:
            self.entries = self._appended(self.entries, question)
            raise
        finally:
            self._cursor = len(self.entries)

    def _appended(self, entries: list[str], question: str) -> list[str]:
        kept = list(entries) if entries and entries[-1] == question else [*entries, question]
        return kept[-self.limit :]

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold history.json.lock while reading and rewriting the file."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            yield
        finally:
            os.close(lock)  # closing releases the lock

    def _save(self) -> None:
        assert self.path is not None
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(self.entries, handle, ensure_ascii=False, indent=0)
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)

    def previous(self, current: str) -> str | None:
        """The question before the cursor, or None at the oldest one."""
        if self._cursor == 0:
            return None
        if self._cursor == len(self.entries):
            self._draft = current
        self._cursor -= 1
        return self.entries[self._cursor]

    def next(self) -> str | None:
        """The question after the cursor, the draft past the newest, None when already there."""
        if self._cursor >= len(self.entries):
            return None
        self._cursor += 1
        if self._cursor == len(self.entries):
            return self._draft
        return self.entries[self._cursor]
