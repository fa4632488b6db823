"""Showing an Answer on a plain terminal (`vested ask`, `vested calc`, `vested walk`).

rich is imported here, inside functions, only when a human-readable answer is printed;
`--json` never loads it.
"""

from __future__ import annotations

import sys

from vested.answer import Answer

KIND_LABEL = {
    "faq": "Answer",
    "calculation": "Calculation",
    "clarify": "I need one more detail",
    "fallback": "Outside what I cover",
}


def citation_line(number: int, source) -> str:
    where = ", ".join(
        part
        for part in (
            f"{source.title} ({source.source}{', ' + source.as_of if source.as_of else ''})",
            f"section “{source.section.lstrip('# ')}”" if source.section else "",
            f"¶{source.paragraph}" if source.paragraph else "",
        )
        if part
    )
    quote = f": “{source.quote}”" if source.quote else ""
    return f"[{number}] {where}{quote}"


def answer_markdown(answer: Answer) -> str:
    """The answer with its sources and suggestions, as Markdown (also used for exports)."""
    parts = [answer.answer.strip()]
    if answer.sources:
        parts.append("**Sources**\n\n" + "\n".join(f"- {citation_line(i, s)}" for i, s in enumerate(answer.sources, 1)))
    if answer.suggestions:
        label = "Did you mean" if answer.kind == "fallback" else "Related"
        parts.append(f"**{label}**\n\n" + "\n".join(f"- {suggestion}" for suggestion in answer.suggestions))
    return "\n\n".join(parts) + "\n"


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
