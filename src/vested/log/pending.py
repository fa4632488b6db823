"""Answers kept beside the log when another program held it locked until Vested exited.

Waiting at exit for a lock that may be held for minutes would hang a script; dropping the
answers would lose them. So they go to `answers.db.pending-<time>-<pid>.jsonl` (0600, one
JSON object a line: the session first, then each answer), and the next run that opens
the log adds them and deletes the file.

A run claims a file by renaming it to `….claimed-<its pid>` first, so two runs never add
the same file; a claim whose process has died (killed mid-import) is claimed again.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from vested.log.rows import LoggedAnswer

if TYPE_CHECKING:
    from _typeshed import StrPath

_CLAIMED = ".claimed-"
_UNREADABLE = ".unreadable"


def spill(log_path: StrPath, session: dict[str, Any], answers: list[LoggedAnswer], moment: datetime) -> str:
    """Write the answers to a new private pending file beside the log; returns its path."""
    stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = f"{os.fspath(log_path)}.pending-{stamp}-{os.getpid()}.jsonl"
    lines = [json.dumps({"session": session}, ensure_ascii=False)]
    lines += [json.dumps(answer.to_json(), ensure_ascii=False) for answer in answers]
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim(log_path: StrPath) -> list[str]:
    """Pending files for this log, renamed to be this process's alone, oldest first."""
    claimed = []
    mine = f"{_CLAIMED}{os.getpid()}"
    folder, log_name = os.path.split(os.fspath(log_path))
    try:
        names = sorted(name for name in os.listdir(folder or ".") if name.startswith(f"{log_name}.pending-"))
    except OSError:
        return []
    for name in names:
        if name.endswith(_UNREADABLE):
            continue
        path = os.path.join(folder, name)
        if _CLAIMED in name:
            owner = name.rsplit(_CLAIMED, 1)[1]
            if not owner.isdigit() or _alive(int(owner)):
                continue
            target = os.path.join(folder, name.rsplit(_CLAIMED, 1)[0] + mine)
        else:
            target = path + mine
        try:
            os.rename(path, target)
        except OSError:
            continue  # another run took it first
        claimed.append(target)
    return claimed


def release(path: StrPath) -> None:
    """Give a claimed file back (it could not be added now): the next run tries again."""
    with contextlib.suppress(OSError):
        os.rename(path, _unclaimed(path))


def set_aside(path: StrPath) -> None:
    """A claimed file with no session line: deleted when empty, else kept as ….unreadable."""
    with contextlib.suppress(OSError):
        if os.stat(path).st_size == 0:
            os.unlink(path)
        else:
            os.rename(path, _unclaimed(path) + _UNREADABLE)


def _unclaimed(path: StrPath) -> str:
    """The pending file's name before a run claimed it (the claim is a suffix of its name, never of its folder)."""
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, name.rsplit(_CLAIMED, 1)[0])


def read(path: StrPath) -> tuple[dict[str, Any], Iterator[LoggedAnswer]]:
    """The session and answers of a pending file; a line cut short by a crash is skipped."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    session = json.loads(lines[0])["session"]

    def answers() -> Iterator[LoggedAnswer]:
        for line in lines[1:]:
            try:
                yield LoggedAnswer.from_json(json.loads(line))
            except (ValueError, KeyError, TypeError):
                continue

    return session, answers()
