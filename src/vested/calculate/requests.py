"""What a conversation keeps of its calculations, and how far down the ranking the router looks.

Apart from vested.calculate.router so that a conversation and the assistant can hold them
without importing the router and the calculators' language: a question without a number
never needs them (benchmarks/startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vested.understanding.quantities import Quantity

CANDIDATE_ENTRIES = 6
"""How many of the top-ranked entries offer their linked calculator to a question that asks for a figure."""


@dataclass
class CalculatorRequest:
    """A calculator and the inputs gathered for it so far."""

    name: str
    inputs: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    read_from_question: int = 0
    evidence: float = 0.0
    words: dict[str, str] = field(default_factory=dict)
    unused: list[Quantity] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)  # inputs a number filled with no cue word of its own
    # sums taken by their form alone: the one amount of a calculator with one money input
    by_form: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Every required input is known, and the question supplied at least one of them."""
        return not self.missing and self.read_from_question > 0


@dataclass
class CalculationMemory:
    """What a conversation remembers of its calculations: one waiting for an input, and the last one run.

    A reply that only supplies a number ("80k") fills the pending one; "what about 120k?" reruns
    the last one with that input changed.
    """

    pending: CalculatorRequest | None = None
    last_request: CalculatorRequest | None = None
