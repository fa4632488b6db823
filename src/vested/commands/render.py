"""Showing an Answer in the shell (`vested ask`, `vested calc`, `vested walk`).

To a terminal, the answer's Markdown is drawn with rich, imported only then. Piped or
redirected, it is printed as written (vested.core.render.answer_text): a script or a file
has no use for the drawing, and importing rich's Markdown costs more than answering
(benchmarks/startup.py). `--json` never comes here.
"""

from __future__ import annotations

import sys

from vested.core.answer import Answer
from vested.core.render import KIND_LABEL, answer_text, citation_line, suggestions_label


def print_answer(answer: Answer) -> None:
    if not sys.stdout.isatty():
        sys.stdout.write(answer_text(answer))
        return
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.rule import Rule

    console = Console(file=sys.stdout, highlight=False)
    console.print(Rule(KIND_LABEL[answer.kind], align="left", style="cyan"))
    console.print(Markdown(answer.answer.strip()))
    if answer.sources:
        console.print()
        console.print("[bold]Sources[/bold]")
        for number, source in enumerate(answer.sources, 1):
            console.print(citation_line(number, source), style="dim", markup=False)
    if answer.suggestions:
        console.print()
        console.print(f"[bold]{suggestions_label(answer)}[/bold]")
        for suggestion in answer.suggestions:
            console.print(f"  • {suggestion}", markup=False)
