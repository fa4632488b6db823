"""Files that hold the user's questions, made private and never written over.

The answer log and a conversation export hold the same personal financial questions, so
both are the user's alone: folders Vested creates are 0700 (not whatever the umask says)
and files 0600. An export never replaces a file that is already there: a proposed name
that happens to exist is the user's document, not Vested's to overwrite.
"""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import StrPath


def make_private_folders(folder: StrPath) -> None:
    """Create `folder` and any missing parents, each 0700."""
    missing = []
    parent = os.fspath(folder).rstrip(os.sep) or os.sep
    while not os.path.exists(parent):
        missing.append(parent)
        above = os.path.dirname(parent)
        if not above:
            break  # a relative path's first folder is made in the current one
        parent = above
    else:
        if not os.path.isdir(parent):
            # mkdir's own words ("File exists") would not tell the user what is wrong.
            raise NotADirectoryError(errno.ENOTDIR, f"{parent} is a file, not a folder")
    for parent in reversed(missing):
        try:
            os.mkdir(parent, mode=0o700)
        except FileExistsError:
            continue  # another process made it first
        os.chmod(parent, 0o700)


def write_new_private_file(path: StrPath, text: str) -> None:
    """Write text to a new 0600 file (folders made as needed); refuse if the file exists."""
    make_private_folders(os.path.dirname(os.path.abspath(path)))
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "a file of that name is already there; choose another name") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
