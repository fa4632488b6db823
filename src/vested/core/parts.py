"""A question asked in parts ("a. ... b. ...", "(a) ... (c) ...", "1. ... 2. ...", "BONUS: ..."):
one calculation a part, in one reply.

Each part is read on its own with the story told before the parts (vested.understanding.reading.
question_parts), ranked and routed like a question of its own, so the numbers of one part never fill
another's calculation and a part that asks for the tax is not priced as the rollover another part
describes. The reply carries every part in order: each computed part with its own reading and steps,
each part not computed said plainly, with what it would need. Its JSON `calculation` and `reading`
are the first computed part's; a conversation's follow-up ("what about 60k?") reruns that one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from vested.core.answer import Answer
from vested.understanding.reading import Part

if TYPE_CHECKING:
    from vested.calculate.requests import CalculationMemory


class PartAnswer(NamedTuple):
    """One part, what routing it gave (None: no figure asked or none computed), and what it remembered.

    A NamedTuple: `vested ask` imports this module, and a dataclass would import inspect at start.
    """

    part: Part
    answer: Answer | None
    memory: CalculationMemory


def _title(part: Part, position: int) -> str:
    return f"Part {part.marker.strip('():.').strip() or position}"


def _not_computed(routed: Answer | None) -> str:
    """Why a part gave no figure, in the person's words: the clarify's own request, else that none applies."""
    if routed is not None and routed.kind == "clarify":
        return "Not worked out: " + routed.answer.split("\n\n", 1)[0]
    return (
        "Not worked out: I have no calculation for this part from the numbers it gives "
        "(or from the figure of another part it builds on)."
    )


def combined_answer(question: str, parts: list[PartAnswer], conversation: CalculationMemory) -> Answer | None:
    """One reply for every part, or None when no part was computed (the whole question is then read as one)."""
    computed = [item for item in parts if item.answer is not None and item.answer.kind == "calculation"]
    if not computed:
        return None
    first = computed[0]
    assert first.answer is not None
    sections = []
    for position, item in enumerate(parts, 1):
        text = item.answer.answer if item in computed and item.answer is not None else _not_computed(item.answer)
        sections.append(f"### {_title(item.part, position)}\n\n{text}")
    missed = [_title(item.part, position) for position, item in enumerate(parts, 1) if item not in computed]
    lead = f"Your question has {len(parts)} parts; I worked out each in turn."
    if missed:
        lead = (
            f"Your question has {len(parts)} parts; I worked out {len(computed)} of them "
            f"(not {', '.join(missed)}: see below)."
        )
    sources = []
    for item in computed:
        assert item.answer is not None
        sources += [source for source in item.answer.sources if source not in sources]
    conversation.pending = None
    conversation.last_request = first.memory.last_request
    return Answer(
        question=question,
        kind="calculation",
        answer="\n\n".join([lead, *sections]),
        confidence=min(item.answer.confidence for item in computed if item.answer is not None),
        as_of=first.answer.as_of,
        sources=sources,
        calculation=first.answer.calculation,
        reading=first.answer.reading,
        suggestions=list(first.answer.suggestions),
    )
