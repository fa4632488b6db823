"""One conversation: the answers so far, the last entry answered, and the calculations in progress."""

from __future__ import annotations

from dataclasses import dataclass, field

from vested.calculate.requests import CalculationMemory
from vested.core.answer import Answer


@dataclass
class Conversation:
    """What the assistant remembers between questions of one conversation."""

    history: list[Answer] = field(default_factory=list)
    last_entry: str | None = None
    calculations: CalculationMemory = field(default_factory=CalculationMemory)

    @property
    def last(self) -> Answer | None:
        return self.history[-1] if self.history else None
