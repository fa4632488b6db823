"""An answer's Markdown drawn for a terminal with a few ANSI styles, without rich.

Importing rich's console and Markdown took longer than answering (about 140 ms here, against
a 150 ms target for `vested ask` to a terminal: benchmarks/startup.py, issue 20), and answers
use a small, fixed part of Markdown: paragraphs, `- ` and `1. ` lists, `###` headings, pipe
tables, **bold**, *italic*, ***both*** and `code`. So this draws exactly that: paragraphs
and list items wrapped to the terminal's width, tables laid out in columns, emphasis as bold,
italic or cyan. Anything else is shown as written.

Every text is passed through `terminal_safe` before a style is added, so the only escape
sequences that reach the terminal are the styles written here (an answer quotes the question,
and a question may hold anything). With NO_COLOR set or TERM=dumb, no style is written at all.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from typing import NamedTuple

from vested.core.safe_text import terminal_safe

BOLD, ITALIC, CYAN, DIM = "1", "3", "36", "2"
DEFAULT_WIDTH = 80
_RESET = "\x1b[0m"
# Emphasis as answers write it: `code`; **bold**, whose text may hold *italic* spans (so
# "**tax-free when *qualified***" is bold with an italic word); *italic*. A delimiter opens
# before a non-space and closes after one, so "5 * 3" stays as written.
_INLINE = re.compile(
    r"`([^`\n]+)`"
    r"|\*\*(?=\S)((?:[^*]|\*[^*\s][^*]*?(?<=\S)\*)+?)(?<=\S)\*\*"
    r"|\*(?=[^*\s])([^*]+?)(?<=\S)\*"
)
_LISTS = ("bullet", "numbered")
_DIGITS = "0123456789"


class Run(NamedTuple):
    """A stretch of text in one style (SGR codes, empty for none)."""

    text: str
    style: tuple[str, ...]


class Painter:
    """Writes styles as ANSI SGR sequences, or nothing when colour and styles are turned off."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def paint(self, text: str, *style: str) -> str:
        if not self.enabled or not style or not text:
            return text
        return f"\x1b[{';'.join(style)}m{text}{_RESET}"


def terminal_width() -> int:
    """$COLUMNS when set, else the terminal's own width, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or DEFAULT_WIDTH
    except (OSError, ValueError):
        return DEFAULT_WIDTH


def styles_wanted() -> bool:
    """Styles unless the user turned them off (NO_COLOR, https://no-color.org) or the terminal cannot show them."""
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"


def inline_runs(text: str, style: tuple[str, ...] = ()) -> list[Run]:
    """The text as runs of one style each, its emphasis markers turned into styles."""
    runs: list[Run] = []
    position = 0
    for found in _INLINE.finditer(text):
        if found.start() > position:
            runs.append(Run(text[position : found.start()], style))
        code, bold, italic = found.groups()
        if code is not None:
            runs.append(Run(code, (*style, CYAN)))
        elif bold is not None:
            runs.extend(inline_runs(bold, (*style, BOLD)))
        else:
            runs.append(Run(italic, (*style, ITALIC)))
        position = found.end()
    if position < len(text):
        runs.append(Run(text[position:], style))
    return runs


def wrap(runs: list[Run], width: int, painter: Painter, first: str = "", rest: str = "") -> list[str]:
    """The runs as lines, the first after `first` and the others after `rest` (prefixes already painted;
    `rest` blank), each holding at most width less `rest`'s length of text (a longer word has a line of
    its own). Neighbouring words of one style are painted as one stretch, the space between them included."""
    words: list[list[Run]] = [[]]
    for run in runs:
        for number, piece in enumerate(run.text.split(" ")):
            if number:
                words.append([])
            if piece:
                words[-1].append(Run(piece, run.style))
    lines: list[list[Run]] = [[]]
    used = 0
    room = max(width - len(rest), 1)
    for word in words:
        size = sum(len(run.text) for run in word)
        if not size:
            continue
        if lines[-1] and used + 1 + size > room:
            lines.append([])
            used = 0
        line = lines[-1]
        if line:
            line.append(Run(" ", word[0].style if line[-1].style == word[0].style else ()))
            used += 1
        line.extend(word)
        used += size
    return [(first if number == 0 else rest) + _painted(line, painter) for number, line in enumerate(lines)]


def _painted(line: list[Run], painter: Painter) -> str:
    """A line's runs painted, neighbours of one style joined first so each style is written once."""
    merged: list[Run] = []
    for run in line:
        if merged and merged[-1].style == run.style:
            merged[-1] = Run(merged[-1].text + run.text, run.style)
        else:
            merged.append(run)
    return "".join(painter.paint(run.text, *run.style) for run in merged)


def _visible_prefix(painter: Painter, marker: str, *style: str) -> tuple[str, str]:
    """A list marker painted, and the blank indent of the same width for the item's other lines."""
    return painter.paint(marker, *style), " " * len(marker)


def markdown_lines(markdown: str, width: int, painter: Painter) -> list[str]:
    """An answer's Markdown drawn as terminal lines: blocks apart by a blank line, but the items of a
    list written without one between them kept together."""
    lines: list[str] = []
    previous: Block | None = None
    for block in _blocks(terminal_safe(markdown).strip().splitlines()):
        if previous is not None and not (
            block.kind in _LISTS and block.kind == previous.kind and not block.after_blank
        ):
            lines.append("")
        lines.extend(_draw(block, width, painter))
        previous = block
    return lines


class Block(NamedTuple):
    """One block of Markdown: its kind ("paragraph", "heading", "bullet", "numbered", "table"), its lines,
    and whether a blank line came before it."""

    kind: str
    lines: list[str]
    after_blank: bool


def _kind(line: str) -> str:
    """What a line starts: "blank", "table", "heading", "bullet", "numbered" or "text" (plain string
    tests: each regular expression compiled costs a drawing about a third of a millisecond)."""
    stripped = line.strip()
    if not stripped:
        return "blank"
    if stripped.startswith("|"):
        return "table"
    marks = len(stripped) - len(stripped.lstrip("#"))
    if 1 <= marks <= 6 and stripped[marks : marks + 1] == " ":
        return "heading"
    if stripped[0] in "-*+" and stripped[1:2] == " ":
        return "bullet"
    digits = len(stripped) - len(stripped.lstrip(_DIGITS))
    if 1 <= digits <= 3 and stripped[digits : digits + 1] in (".", ")") and stripped[digits + 1 : digits + 2] == " ":
        return "numbered"
    return "text"


def _blocks(lines: list[str]) -> Iterator[Block]:
    """The lines grouped into blocks: each list item is one, its following text lines included."""
    current: Block | None = None
    blank = False
    for line in lines:
        kind = _kind(line)
        if kind == "blank":
            if current is not None:
                yield current
            current, blank = None, True
        elif current is not None and (
            (kind == "text" and current.kind != "heading" and current.kind != "table")
            or (kind == "table" and current.kind == "table")
        ):
            current.lines.append(line.strip())
        else:
            if current is not None:
                yield current
            current = Block("paragraph" if kind == "text" else kind, [line.strip()], blank)
            blank = False
    if current is not None:
        yield current


def _draw(block: Block, width: int, painter: Painter) -> list[str]:
    if block.kind == "table":
        return _table(block.lines, width, painter)
    text = " ".join(block.lines)
    if block.kind == "heading":
        title = text.lstrip("#").strip()
        closed = title.rstrip("#")
        return wrap(inline_runs(closed.rstrip() if closed.endswith(" ") else title, (BOLD,)), width, painter)
    marker, _, item = text.partition(" ")
    if block.kind == "bullet":
        first, rest = _visible_prefix(painter, " • ", BOLD)
        return wrap(inline_runs(item.strip()), width, painter, first, rest)
    if block.kind == "numbered":
        first, rest = _visible_prefix(painter, f" {marker[:-1]}. ", CYAN)
        return wrap(inline_runs(item.strip()), width, painter, first, rest)
    return wrap(inline_runs(text), width, painter)


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return [cell.strip() for cell in row.split("|")]


def _table(rows: list[str], width: int, painter: Painter) -> list[str]:
    """A pipe table in columns: the header bold over a rule, cells of a column wrapped when it must
    narrow to fit, right-aligned where the rule says so ("---:")."""
    header, *body = rows
    rules = _cells(body[0]) if body and _is_rule(body[0]) else None
    if rules is None:
        return [line for row in rows for line in wrap(inline_runs(row), width, painter)]
    grid = [_cells(header)] + [_cells(row) for row in body[1:]]
    columns = max(len(row) for row in grid)
    grid = [row + [""] * (columns - len(row)) for row in grid]
    right = [rule.endswith(":") and not rule.startswith(":") for rule in rules + [""] * (columns - len(rules))]
    runs = [[inline_runs(cell, (BOLD,) if number == 0 else ()) for cell in row] for number, row in enumerate(grid)]
    sizes = [max(sum(len(run.text) for run in row[column]) for row in runs) for column in range(columns)]
    gap = 2
    room = width - 1 - gap * (columns - 1)
    while sum(sizes) > room and max(sizes) > 8:
        widest = sizes.index(max(sizes))
        sizes[widest] -= 1
    lines: list[str] = []
    for number, row in enumerate(runs):
        wrapped = [wrap(cell, sizes[column], painter) for column, cell in enumerate(row)]
        for line in range(max(len(cell) for cell in wrapped)):
            parts = []
            for column, cell in enumerate(wrapped):
                text = cell[line] if line < len(cell) else ""
                padding = " " * max(sizes[column] - _visible_length(text, painter), 0)
                parts.append(padding + text if right[column] else text + padding)
            lines.append(" " + (" " * gap).join(parts).rstrip())
        if number == 0:
            lines.append(" " + painter.paint("─" * (sum(sizes) + gap * (columns - 1)), CYAN))
    return lines


def _is_rule(row: str) -> bool:
    """Whether a table row is the rule under the header: dashes in every cell, a colon at either end for alignment."""
    return all(cell and set(cell) <= {"-", ":"} and "-" in cell for cell in _cells(row))


def _visible_length(text: str, painter: Painter) -> int:
    """The length of a painted text as the terminal shows it (the styles written here take no room)."""
    if not painter.enabled:
        return len(text)
    length, inside = 0, False
    for character in text:
        if character == "\x1b":
            inside = True
        elif inside:
            inside = character != "m"
        else:
            length += 1
    return length
