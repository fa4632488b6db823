"""An Answer as text: its Markdown with sources and suggestions (the chat, exports, `vested ask`)."""

from __future__ import annotations

from vested.core.answer import Answer

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
