"""What a conversation keeps of its calculations, and how far down the ranking the router looks.

Apart from vested.calculate.router so that a conversation and the assistant can hold them
without importing the router and the calculators' language: a question without a number
never needs them (benchmarks/startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vested.understanding.quantities import Quantity

CANDIDATE_ENTRIES = 6
"""How many of the top-ranked entries offer their linked calculator to a question that asks for a figure."""


class CalculatorRequest:
    """A calculator and the inputs gathered for it so far.

    Plain classes here, not dataclasses: a conversation is made as `vested ask` starts, where a
    dataclass's generated methods cost about a millisecond each (benchmarks/README.md).
    """

    __slots__ = ("by_form", "evidence", "inputs", "missing", "name", "read_from_question", "unsure", "unused", "words")

    def __init__(
        self,
        name: str,
        inputs: dict[str, Any] | None = None,
        missing: list[str] | None = None,
        read_from_question: int = 0,
        evidence: float = 0.0,
        words: dict[str, str] | None = None,
        unused: list[Quantity] | None = None,
        unsure: list[str] | None = None,
        by_form: list[str] | None = None,
    ):
        """
        Args:
            unsure: inputs a number filled with no cue word of its own.
            by_form: sums taken by their form alone: the one amount of a calculator with one money input.
        """
        self.name = name
        self.inputs = {} if inputs is None else inputs
        self.missing = [] if missing is None else missing
        self.read_from_question = read_from_question
        self.evidence = evidence
        self.words = {} if words is None else words
        self.unused = [] if unused is None else unused
        self.unsure = [] if unsure is None else unsure
        self.by_form = [] if by_form is None else by_form

    @property
    def complete(self) -> bool:
        """Every required input is known, and the question supplied at least one of them."""
        return not self.missing and self.read_from_question > 0


class CalculationMemory:
    """What a conversation remembers of its calculations: one waiting for an input, and the last one run.

    A reply that only supplies a number ("80k") fills the pending one; "what about 120k?" reruns
    the last one with that input changed.
    """

    __slots__ = ("last_request", "pending")

    def __init__(self) -> None:
        self.pending: CalculatorRequest | None = None
        self.last_request: CalculatorRequest | None = None
