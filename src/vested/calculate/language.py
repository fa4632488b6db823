"""How questions speak of each calculator: knowledge/calculators/<name>.toml, validated.

Which words tie a number to an input ("$25,000 after-tax basis" -> basis) and which
situations a calculator does not model ("still working" for the RMD calculator) are
language, so they are data beside the knowledge base, one file per calculator, each rule
of situation with the examples it must find and the counter-examples it must not. The files
load with the rest of the compiled knowledge (vested.knowledge.compiled), validated only when
one changed, so a calculation reads no TOML and validates no language.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from vested.knowledge import compiled
from vested.knowledge.loader import Problem, default_knowledge_dir
from vested.knowledge.models import STRICT, validated
from vested.knowledge.records import Record, field
from vested.understanding.rules import PatternRule

if TYPE_CHECKING:
    from pathlib import Path


class InputCues(Record):
    """Words that, near a number, say it is this input: `cues` name it, `weak_cues` only hint
    ("I have $80,000" may be a balance or anything else one has)."""

    __pydantic_config__ = STRICT

    cues: tuple[str, ...] = field(metadata={"min_length": 1})
    weak_cues: tuple[str, ...] = ()
    # Cues that name the number before them only: "a check for $8,000 after they kept 20%" is the check,
    # "after they kept $2,000 for taxes" the sum withheld.
    after_cues: tuple[str, ...] = ()


class NotNeeded(Record):
    """A number people give that the calculator does not use: named as not used, never asked about.

    "$110,000 in my 401(k), of which $75,000 is vested": the loan limit reads the vested part, so
    the total is context; "I want to borrow $20,000": the limit does not depend on the wish.
    """

    __pydantic_config__ = STRICT

    name: str
    cues: tuple[str, ...] = field(metadata={"min_length": 1})
    why: str
    examples: tuple[str, ...] = field(metadata={"min_length": 1})
    counter_examples: tuple[str, ...] = field(metadata={"min_length": 1})
    # The kinds of number it names (a Quantity's kind: "year", "money", ...); empty names any kind.
    # "$250,000 on December 31 of 2025": "december 31" names the year as the balance's, not the balance.
    kinds: tuple[str, ...] = ()
    # Cues that name the number before them only ("$110,000 in my 401(k), of which ..."): read after a
    # number, never before it, so "a $15,000 loan, of which $11,000 is still owed" keeps what is owed.
    after_cues: tuple[str, ...] = ()
    # Context even when it is the only number that could fill a required input: one's pay is never the
    # sum withdrawn ("i'm 62 and make about 70k" is no $70,000 withdrawal), though a balance may be the
    # sum cashed out when nothing else is said.
    even_alone: bool = False


class CalculatorLanguage(Record):
    """One calculator's file."""

    __pydantic_config__ = STRICT

    calculator: str
    inputs: dict[str, InputCues] = field(default_factory=dict)
    beyond_model: tuple[PatternRule, ...] = ()  # situations it does not model: the FAQ answer serves better
    # Asking sentences that want this calculator's figure whatever entry ranks first ("how much
    # will she have at 65" when the story's "45-year-old" ranks the allocation entry first).
    asked_by: tuple[PatternRule, ...] = ()
    not_needed: tuple[NotNeeded, ...] = ()
    # Sums paid in each contribution period ("$500 a month" and the employer's dollars beside it):
    # one stated for another period is not a deposit of this one.
    per_period: tuple[str, ...] = ()
    # Yearly sums ("your yearly pay"): one said for a shorter period ("I get paid $2,400 every two weeks")
    # is made yearly by that period, never read as a year's.
    yearly: tuple[str, ...] = ()
    # Inputs a number fills only when one of their own cue words is beside it, and which never make another
    # input's number told by its form alone ("I'm 52 and make $140k": the one sum is still the wages).
    by_words_only: tuple[str, ...] = ()
    # Inputs said as a list of sums under one verb ("I put $3,000 into my Roth 401k and $19,000 into the
    # traditional side"): the sums listed after one cued for the input add up to it, never fill another.
    summed: tuple[str, ...] = ()
    # Inputs a number fills by its own cue words only when one of the named inputs is read too: "My 401k
    # balance is $80k but I'm only 60% vested" says the balance is not all vested, so "balance" alone no
    # longer makes the sum the vested balance.
    own_words_beside: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Sums held at one moment (a balance): a sum said for a period ("my daughter's tuition, it's $22,000 a
    # year", "$389/mo") is a payment or a cost, never one of these.
    balances: tuple[str, ...] = ()
    # Ages at the end of the year worked (the input named "year", else this year): an age the person turns
    # on a birthday after that year's end ("turning 60 next march", said in December) is one less.
    year_end_ages: tuple[str, ...] = ()
    # Years of service, read also from the month and year work began ("since March 2023"), counted to today.
    service_since: tuple[str, ...] = ()

    def cues(self, input_name: str) -> tuple[str, ...]:
        found = self.inputs.get(input_name)
        return found.cues if found else ()

    def after_cues(self, input_name: str) -> tuple[str, ...]:
        found = self.inputs.get(input_name)
        return found.after_cues if found else ()

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
    found = compiled.part("calculator_languages", read_calculator_languages).get(name)
    return found if found is not None else CalculatorLanguage(calculator=name)


def read_calculator_languages() -> dict[str, CalculatorLanguage]:
    """Every file of knowledge/calculators, validated, by calculator name (ValidationError at the first bad one)."""
    folder = default_knowledge_dir() / "calculators"
    return {path.stem: _read(path) for path in sorted(folder.glob("*.toml"))}


def calculator_language_problems(folder: Path) -> list[Problem]:
    """What is wrong with each calculator language file in folder (`vested kb check`; never the cache)."""
    import tomllib

    from pydantic import ValidationError

    problems = []
    for path in sorted(folder.glob("*.toml")):
        try:
            _read(path)
        except (tomllib.TOMLDecodeError, ValidationError) as error:
            problems.append(Problem(file=str(path), message=str(error)))
    return problems


def _read(path: Path) -> CalculatorLanguage:
    import tomllib

    return validated(CalculatorLanguage, tomllib.loads(path.read_text(encoding="utf-8")))
