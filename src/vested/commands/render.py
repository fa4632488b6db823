"""Showing an Answer on a plain terminal (`vested ask`, `vested calc`, `vested walk`).

rich is imported inside the function, only when a human-readable answer is printed;
`--json` never loads it.
"""

from __future__ import annotations

import sys

from vested.core.answer import Answer
from vested.core.render import KIND_LABEL, citation_line


def print_answer(answer: Answer) -> None:
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
        label = "Did you mean" if answer.kind == "fallback" else "Related"
        console.print(f"[bold]{label}[/bold]")
        for suggestion in answer.suggestions:
            console.print(f"  • {suggestion}", markup=False)
