"""Tables that never cut a figure: columns when they fit, one block per row when they don't.

Textual's Markdown table squeezes its columns to the width it has and ends a cell that
still does not fit with "…"; a money cell such as "$1,411,164.87" has no space to wrap
at, so at 80 columns every figure of a walkthrough lost its last digits. Here a table is
laid out for the width it gets: natural columns when they fit, wrapped text columns when
the figures alone fit, and otherwise each row as a small block ("Cash out" then
"Paid to you: $36,000.00", …), where nothing is ever shortened.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownTable

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.geometry import Size

GAP = 2
"""Spaces between two columns."""
_FIGURE = re.compile(r"^[+−-]?\s?\$?[\d,]+(?:\.\d+)?\s?(?:%|pts?|points?|years?)?$|^[—–-]$|^n/a$")


def _is_figure(cell: Content) -> bool:
    return bool(_FIGURE.match(cell.plain.strip()))


def _longest_word(cell: Content) -> int:
    return max((len(word) for word in cell.plain.split()), default=0)


def column_widths(headers: list[Content], rows: list[list[Content]], width: int) -> list[int] | None:
    """Each column's width for this table at `width` cells, or None when only blocks fit.

    Every column first gets its longest word (a figure is one word, so it never wraps);
    the room left goes to the columns whose text would otherwise wrap, the ones that
    need least first, so a short label stays on one line and a long note wraps.
    """
    count = len(headers)
    table = [headers, *rows]
    natural = [max(row[column].cell_length for row in table) for column in range(count)]
    room = width - GAP * (count - 1)
    if sum(natural) <= room:
        return natural
    widths = [max(_longest_word(row[column]) for row in table) or 1 for column in range(count)]
    spare = room - sum(widths)
    if spare < 0:
        return None
    for column in sorted(range(count), key=lambda column: natural[column] - widths[column]):
        grant = min(natural[column] - widths[column], spare)
        widths[column] += grant
        spare -= grant
    return widths


def _cell_lines(cell: Content, width: int, right: bool) -> list[Content]:
    lines = cell.wrap(width) if cell.cell_length > width else [cell]
    return [line.right(width) if right else line.pad_right(width - line.cell_length) for line in lines]


def table_lines(headers: list[Content], rows: list[list[Content]], width: int) -> list[Content]:
    """The table as lines of at most `width` cells, laid out as `column_widths` decides."""
    rows = [row + [Content("")] * (len(headers) - len(row)) for row in rows]
    widths = column_widths(headers, rows, width)
    if widths is None:
        return block_lines(headers, rows, width)
    right = [
        bool(rows) and all(_is_figure(row[column]) or not row[column].plain.strip() for row in rows)
        for column in range(len(headers))
    ]
    lines: list[Content] = []
    has_header = any(header.plain.strip() for header in headers)
    table = [headers, *rows] if has_header else rows
    for number, row in enumerate(table):
        cells = [_cell_lines(cell, widths[column], right[column]) for column, cell in enumerate(row)]
        height = max(len(cell) for cell in cells)
        for line in range(height):
            parts = [
                cell[line] if line < len(cell) else Content(" " * widths[column]) for column, cell in enumerate(cells)
            ]
            text = Content(" " * GAP).join(parts).rstrip()
            lines.append(text.stylize("bold $text-primary") if has_header and number == 0 else text)
        if has_header and number == 0:
            lines.append(Content.styled("─" * min(width, sum(widths) + GAP * (len(widths) - 1)), "$foreground 30%"))
    return lines


def block_lines(headers: list[Content], rows: list[list[Content]], width: int) -> list[Content]:
    """Each row as a block: its first cell in bold, then "column: value" lines, wrapped."""
    lines: list[Content] = []
    for number, row in enumerate(rows):
        if number and len(headers) > 2:
            lines.append(Content(""))
        title, *cells = row
        if len(headers) <= 2:
            value = cells[0] if cells else Content("")
            joined = Content.assemble(title.stylize("bold"), ": " if value.plain.strip() else "", value)
            lines.extend(_hanging(joined, width))
            continue
        if title.plain.strip():
            lines.extend(title.stylize("bold").wrap(width))
        for header, cell in zip(headers[1:], cells, strict=False):
            if not cell.plain.strip():
                continue
            label = header.plain.strip()
            line = Content.assemble((f"{label}: ", "dim"), cell) if label else cell
            lines.extend(_hanging(line, width))
    return lines


def _hanging(line: Content, width: int, indent: int = 2) -> list[Content]:
    """line wrapped to width, the lines after the first indented."""
    first, *rest = line.wrap(width) if line.cell_length > width else [line]
    if not rest:
        return [first]
    tail = Content(" ").join(rest).wrap(max(1, width - indent))
    return [first, *(part.pad_left(indent) for part in tail)]


class FittedTable(Widget):
    """A table of Content cells laid out for the width it is given (see table_lines)."""

    DEFAULT_CSS = """
    FittedTable {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, headers: list[Content], rows: list[list[Content]], **kwargs: Any):
        super().__init__(**kwargs)
        self.headers = headers
        self.rows = rows
        self._cache: tuple[int, list[Content]] | None = None

    def lines(self, width: int) -> list[Content]:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, table_lines(self.headers, self.rows, max(width, 8)))
        return self._cache[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))


class FittedMarkdownTable(MarkdownTable):
    """A Markdown table block shown as a FittedTable."""

    def compose(self) -> ComposeResult:
        headers, rows = self._get_headers_and_rows()
        self._headers, self._rows = headers, rows
        yield FittedTable(headers, rows)


class FittedMarkdown(Markdown):
    """Markdown whose tables never cut a cell (the answer cards and the walkthroughs)."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": FittedMarkdownTable}  # noqa: RUF012 - Markdown's own BLOCKS is no ClassVar
