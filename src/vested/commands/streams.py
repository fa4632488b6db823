"""Standard streams that may be closed, full or gone: Vested then ends quietly, never with a traceback.

`vested log --json >&-` starts with no stdout at all; `> /dev/full` fails on the first
flush; `| head` closes the pipe halfway. None of these is a bug of Vested's, so none is
worth a traceback: a closed pipe ends the command silently (exit 0, as `head` intends), a
full or failing stdout with one line on stderr (exit 1).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

OUTPUT_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG})


def guard() -> None:
    """A closed stdout or stderr becomes /dev/null; text no encoding can hold is replaced, not fatal."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)
        elif hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def is_output_error(error: OSError) -> bool:
    return isinstance(error, BrokenPipeError) or error.errno in OUTPUT_ERRORS


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def say(message: str) -> None:
    """One line on stderr, unless stderr cannot take it either."""
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr, flush=True)
