"""Questions as they arrive from outside: whatever the bytes, and how long Vested reads.

Any bytes are a question: what is not UTF-8 is read as U+FFFD (a Latin-1 "café" becomes
"caf�"), so one odd line neither stops a batch nor reaches the log as a lone surrogate.

MAX_QUESTION_CHARS (4,000 characters, some 600 words) is the longest question Vested
reads: far beyond any real question (the longest in the test sets is under 400), short
enough that no question can hold the assistant for long, and checked before any work.
A longer line is read only up to the limit in memory; the rest is skipped as it streams.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

from vested.core.safe_text import valid_unicode

MAX_QUESTION_CHARS = 4000
# A character is at most 4 bytes in UTF-8, so a line of more bytes than this holds more
# than MAX_QUESTION_CHARS characters whatever it says.
_LINE_BYTES = MAX_QUESTION_CHARS * 4 + 4


def decoded(raw: bytes | str) -> str:
    """Bytes as text, each undecodable byte as U+FFFD; text with lone surrogates the same."""
    if isinstance(raw, str):
        return valid_unicode(raw)
    return raw.decode("utf-8", "replace")


def too_long(question: str) -> bool:
    return len(question) > MAX_QUESTION_CHARS


def too_long_message() -> str:
    return f"the question is longer than {MAX_QUESTION_CHARS:,} characters, the most Vested reads: ask in fewer words"


def shortened(question: str) -> str:
    """A refused question as echoed back: its first MAX_QUESTION_CHARS characters."""
    return question[:MAX_QUESTION_CHARS] + "…" if too_long(question) else question


def _binary_lines(stream: BinaryIO) -> Iterator[str]:
    while chunk := stream.readline(_LINE_BYTES):
        if len(chunk) == _LINE_BYTES and not chunk.endswith(b"\n"):
            while (rest := stream.readline(_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # skip the rest of an over-long line without keeping it
        yield decoded(chunk).rstrip("\n")


def stdin_lines() -> Iterator[str]:
    """One question a line from stdin, as text, whatever its encoding; nothing if stdin is closed."""
    stream = sys.stdin
    if stream is None:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from _binary_lines(buffer)
        return
    for line in stream:  # already text (a test's StringIO)
        yield decoded(line).rstrip("\n")
