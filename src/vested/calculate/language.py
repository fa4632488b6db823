"""How questions speak of each calculator: knowledge/calculators/<name>.toml, validated.

Which words tie a number to an input ("$25,000 after-tax basis" -> basis) and which
situations a calculator does not model ("still working" for the RMD calculator) are
language, so they are data beside the knowledge base, one file per calculator, each rule
of situation with the examples it must find and the counter-examples it must not.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from vested.knowledge.loader import default_knowledge_dir
from vested.understanding.language import load_rules_file
from vested.understanding.rules import PatternRule


class InputCues(BaseModel):
    """Words that, near a number, say it is this input: `cues` name it, `weak_cues` only hint
    ("I have $80,000" may be a balance or anything else one has)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cues: tuple[str, ...] = Field(min_length=1)
    weak_cues: tuple[str, ...] = ()


class NotNeeded(BaseModel):
    """A number people give that the calculator does not use: named as not used, never asked about.

    "$110,000 in my 401(k), of which $75,000 is vested": the loan limit reads the vested part, so
    the total is context; "I want to borrow $20,000": the limit does not depend on the wish.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    cues: tuple[str, ...] = Field(min_length=1)
    why: str
    examples: tuple[str, ...] = Field(min_length=1)
    counter_examples: tuple[str, ...] = Field(min_length=1)


class CalculatorLanguage(BaseModel):
    """One calculator's file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    calculator: str
    inputs: dict[str, InputCues] = Field(default_factory=dict)
    beyond_model: tuple[PatternRule, ...] = ()  # situations it does not model: the FAQ answer serves better
    # Asking sentences that want this calculator's figure whatever entry ranks first ("how much
    # will she have at 65" when the story's "45-year-old" ranks the allocation entry first).
    asked_by: tuple[PatternRule, ...] = ()
    not_needed: tuple[NotNeeded, ...] = ()

    def cues(self, input_name: str) -> tuple[str, ...]:
        found = self.inputs.get(input_name)
        return found.cues if found else ()

    def weak_cues(self, input_name: str) -> tuple[str, ...]:
        found = self.inputs.get(input_name)
        return found.weak_cues if found else ()

    def asks_for_it(self, asking: str) -> bool:
        """Does a sentence that asks want this calculator's figure in so many words?"""
        return any(rule.finds(asking) for rule in self.asked_by)

    def beyond(self, text: str) -> PatternRule | None:
        """The first situation in text that this calculator does not model, if any."""
        return next((rule for rule in self.beyond_model if rule.finds(text)), None)


@cache
def calculator_language(name: str) -> CalculatorLanguage:
    """The calculator's language file; an empty one when the calculator has none."""
    path = default_knowledge_dir() / "calculators" / f"{name}.toml"
    if not path.is_file():
        return CalculatorLanguage(calculator=name)
    return load_rules_file(path, CalculatorLanguage, f"knowledge/calculators/{name}.toml")
