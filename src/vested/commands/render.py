"""Showing an Answer in the shell (`vested ask`, `vested calc`, `vested walk`).

To a terminal, the answer's Markdown is drawn with a few ANSI styles (vested.commands.terminal:
rich's console and Markdown took longer to import than answering, benchmarks/startup.py). Piped
or redirected, it is printed as written (vested.core.render.answer_text): a script or a file has
no use for the drawing. `--json` never comes here.
"""

from __future__ import annotations

import sys

from vested.core.answer import Answer
from vested.core.render import KIND_LABEL, answer_text, citation_line, suggestions_label


def print_answer(answer: Answer) -> None:
    if not sys.stdout.isatty():
        sys.stdout.write(answer_text(answer))
        return
    sys.stdout.write("\n".join(answer_lines(answer)) + "\n")


def answer_lines(answer: Answer) -> list[str]:
    """The answer as a terminal shows it: a rule naming its kind, its Markdown drawn, its sources dim, its
    suggestions; every text made terminal-safe (vested.commands.terminal)."""
    from vested.commands.terminal import (
        BOLD,
        CYAN,
        DIM,
        Painter,
        Run,
        markdown_lines,
        styles_wanted,
        terminal_width,
        wrap,
    )
    from vested.core.safe_text import terminal_safe

    width, painter = terminal_width(), Painter(styles_wanted())
    label = KIND_LABEL[answer.kind]
    lines = [painter.paint(label, BOLD) + " " + painter.paint("─" * max(width - len(label) - 1, 0), CYAN)]
    lines += markdown_lines(answer.answer, width, painter)
    if answer.sources:
        lines += ["", painter.paint("Sources", BOLD)]
        for number, source in enumerate(answer.sources, 1):
            indent = " " * len(f"[{number}] ")
            lines += wrap([Run(terminal_safe(citation_line(number, source)), (DIM,))], width, painter, rest=indent)
    if answer.suggestions:
        lines += ["", painter.paint(suggestions_label(answer), BOLD)]
        for suggestion in answer.suggestions:
            lines += wrap([Run(terminal_safe(suggestion), ())], width, painter, first="  • ", rest="    ")
    return lines
