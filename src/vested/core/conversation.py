"""One conversation: the answers so far, the last entry answered, and the calculations in progress."""

from __future__ import annotations

from vested.calculate.requests import CalculationMemory
from vested.core.answer import Answer


class Conversation:
    """What the assistant remembers between questions of one conversation.

    A plain class, not a dataclass: one is made for every `vested ask`, where a dataclass's
    generated methods cost about a millisecond at start (benchmarks/README.md).
    """

    __slots__ = ("calculations", "history", "last_entry")

    def __init__(self) -> None:
        self.history: list[Answer] = []
        self.last_entry: str | None = None
        self.calculations = CalculationMemory()

    @property
    def last(self) -> Answer | None:
        return self.history[-1] if self.history else None
