"""Text from outside (questions, stored log rows) made safe for where it is shown or kept.

The one place that knows what a terminal would act on. A question is stored as it was
asked, but anything printed from it later must not move the cursor, clear the screen,
set the window title or write the clipboard (OSC 52); a spreadsheet must not run a cell as
a formula; and SQLite or a strict UTF-8 reader must never meet a lone surrogate.

- `valid_unicode`: lone surrogates (from undecodable bytes) become U+FFFD.
- `terminal_safe`: escape sequences removed, other control characters removed or turned
  into spaces, bidirectional overrides removed (they reorder what the reader sees).
- `json_text`: JSON with those same characters written as \\u escapes: nothing is lost,
  and nothing acts when the JSON itself is printed.
- `csv_cell`: terminal_safe, and a leading = + - @ (or tab, carriage return) neutralized.

Every pattern here is linear in the text's length: no nested or unbounded backtracking.
"""

from __future__ import annotations

import json
from typing import Any

from vested.understanding.patterns import LazyPattern

# CSI (ESC [ or 8-bit 0x9b) up to its final byte; OSC (ESC ] or 0x9d), DCS, SOS, PM and APC
# strings up to BEL or ST, or to the end when unterminated; any other two-byte ESC sequence.
_ESCAPE_SEQUENCE = LazyPattern(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
_SPACING_CONTROLS = LazyPattern(r"[\r\x0b\x0c\x85]")
_CONTROLS = LazyPattern(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) leaves raw but a terminal could act on.
_JSON_UNSAFE = LazyPattern(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def valid_unicode(text: str) -> str:
    """Text that encodes as UTF-8: each lone surrogate becomes U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def terminal_safe(text: str) -> str:
    """Text to print on a terminal: no escape sequence, no control character but newline and tab."""
    text = _ESCAPE_SEQUENCE.sub("", valid_unicode(text))
    return _CONTROLS.sub("", _SPACING_CONTROLS.sub(" ", text))


def json_text(value: Any, **options: Any) -> str:
    """json.dumps keeping non-ASCII readable, with terminal-active characters escaped."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", valid_unicode(text))


def csv_cell(value: Any) -> Any:
    """A value for a CSV export: text made terminal-safe, and never read as a formula.

    Spreadsheets run a cell starting with = + - @ as a formula (=HYPERLINK(...) sends data
    away); a leading apostrophe makes it text, the usual remedy, and shows nothing extra.
    """
    if not isinstance(value, str):
        return value
    text = terminal_safe(value)
    if text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + text
    return text
