"""Questions asked in earlier chats, recalled with Up and Down in the input.

Kept as a small JSON list beside the answer log so a question asked yesterday is one
key away today. Reading never fails (a missing or damaged file is an empty history)
and writing failures are reported once by the caller, never raised into the UI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

HISTORY_ENV = "VESTED_HISTORY"
MAX_ENTRIES = 500


def default_history_path() -> Path:
    """$VESTED_HISTORY, else history.json in the user data directory (beside answers.db)."""
    override = os.environ.get(HISTORY_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("vested")) / "history.json"


class InputHistory:
    """An ordered list of past questions with a cursor for Up/Down recall.

    The cursor sits one past the newest question while the user types; moving up keeps
    the unfinished draft so Down past the newest question gives it back.
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

        Raises OSError when the file cannot be written, so the caller can say so once.
        """
        question = question.strip()
        self._cursor = len(self.entries)
        self._draft = ""
        if not question or (self.entries and self.entries[-1] == question):
            return
        self.entries.append(question)
        del self.entries[: -self.limit]
        self._cursor = len(self.entries)
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(self.entries, handle, ensure_ascii=False, indent=0)
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
