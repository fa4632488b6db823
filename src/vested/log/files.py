"""The answer log on disk: private folders and files, what a file at the log's path is,
and moving a damaged or newer-schema log out of the way.

The log holds personal financial questions, so everything Vested creates here is the
user's alone (folders 0700, files 0600), and a file that is not a SQLite database is
never renamed, replaced or written: a mistyped `--db` must not cost the user a document.
"""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from vested.core.private_files import make_private_folders

if TYPE_CHECKING:
    from _typeshed import StrPath

SQLITE_HEADER = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm")
"""SQLite's files beside the database in WAL mode; they belong to it and move with it."""


def create_private_file(path: StrPath) -> None:
    """Create the folder and an empty file readable by the user only (0600).

    SQLite gives the -wal and -shm files the database file's permissions, so creating it
    ourselves first is what keeps personal financial questions private.
    """
    if os.path.exists(path):
        return
    make_private_folders(os.path.dirname(os.path.abspath(path)))
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)
    os.chmod(path, 0o600)


def tighten_permissions(path: StrPath) -> None:
    """An existing log (and its -wal/-shm) readable by others becomes 0600.

    A log made by hand (the sqlite3 shell, a copy) follows the umask, often 0644; the
    questions in it are no less personal. Files of another user are left to that user.
    """
    for candidate in (os.fspath(path), *(f"{os.fspath(path)}{suffix}" for suffix in COMPANIONS)):
        try:
            info = os.stat(candidate)
            if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) & 0o077:
                os.chmod(candidate, stat.S_IMODE(info.st_mode) & 0o700)
        except FileNotFoundError:
            continue


def is_special(path: StrPath) -> bool:
    """Something at `path` that no log can be: a folder, a device, a pipe."""
    return os.path.exists(path) and not os.path.isfile(path)


def is_sqlite_file(path: StrPath) -> bool:
    """Whether the file starts as every SQLite database does (an empty file counts: SQLite
    makes an empty file a database, and an interrupted first run leaves one behind)."""
    with open(path, "rb") as handle:
        start = handle.read(len(SQLITE_HEADER))
    return not start or start == SQLITE_HEADER


def aside_path(path: StrPath, label: str, moment: datetime) -> str:
    """answers.db.corrupt-20261125T101500Z (or .newer-…), never overwriting an earlier one."""
    stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = f"{os.fspath(path)}.{label}-{stamp}"
    number = 1
    while os.path.exists(candidate):
        number += 1
        candidate = f"{os.fspath(path)}.{label}-{stamp}-{number}"
    return candidate


def move_aside(path: StrPath, label: str, moment: datetime) -> str:
    """Rename a log (and its -wal/-shm) out of the way, kept whole and private; returns where."""
    target = aside_path(path, label, moment)
    os.replace(path, target)
    os.chmod(target, 0o600)
    for suffix in COMPANIONS:
        companion = f"{os.fspath(path)}{suffix}"
        if os.path.exists(companion):
            os.replace(companion, f"{target}{suffix}")
    return target


def inode(path: StrPath) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def reason(error: OSError) -> str:
    """An OSError in a few words ("Permission denied"), without Python's decoration."""
    return error.strerror or str(error)
