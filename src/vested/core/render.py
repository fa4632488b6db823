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


def suggestions_label(answer: Answer) -> str:
    """What the suggestions are to the reader: other readings of the question, or related ones."""
    return "Did you mean" if answer.kind == "fallback" else "Related"


def answer_markdown(answer: Answer) -> str:
    """The answer with its sources and suggestions, as Markdown (also used for exports)."""
    parts = [answer.answer.strip()]
    if answer.sources:
        parts.append("**Sources**\n\n" + "\n".join(f"- {citation_line(i, s)}" for i, s in enumerate(answer.sources, 1)))
    if answer.suggestions:
        listed = "\n".join(f"- {suggestion}" for suggestion in answer.suggestions)
        parts.append(f"**{suggestions_label(answer)}**\n\n{listed}")
    return "\n\n".join(parts) + "\n"


def answer_text(answer: Answer) -> str:
    """The answer as plain text, laid out as a terminal shows it: its kind, its Markdown as written,
    sources and suggestions, then a blank line (what piped `vested ask` prints)."""
    parts = [KIND_LABEL[answer.kind], answer.answer.strip()]
    if answer.sources:
        parts.append("Sources\n" + "\n".join(citation_line(i, source) for i, source in enumerate(answer.sources, 1)))
    if answer.suggestions:
        listed = "\n".join(f"  • {suggestion}" for suggestion in answer.suggestions)
        parts.append(f"{suggestions_label(answer)}\n{listed}")
    return "\n\n".join(parts) + "\n\n"
