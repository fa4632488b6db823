"""A what-if as a person types it -> the answers it changes: {step field: value as typed}.

People write "what if I leave at 56", "and with 10% deferral" or "retire at 67 and
defer 10%", not field names. The numbers are read by `extract_quantities`, the reading
the assistant gives every question, so "60k", "$45,000" and "10%" mean the same here;
each number goes to the step its kind fits (an age, an amount, a percentage, …) and whose
label, name or question shares most words with the clause around it. The older form, a
step's name or label and a value ("age 56; tax_rate 24%", "Loan outstanding no"), still
works, and is how a yes/no or a choice is changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vested.understanding.rules import rule_book
from vested.walkthroughs.answers import AnswerError

if TYPE_CHECKING:
    from vested.understanding.quantities import Quantity
    from vested.walkthroughs.engine import Walkthrough
    from vested.walkthroughs.models import Step

_WORD = re.compile(r"[a-z]+")  # a format parser: the words of a clause
# Which step types a number of each kind can answer; a bare number is left to the words.
_STEP_TYPES = {
    "money": ("money", "money_list"),
    "percent": ("percent",),
    "age": ("age",),
    "year": ("year",),
    "duration": ("years",),
}
_STOP = frozenset(
    """what if i im i'm me my we our the a an at to of in on for with and or is was were be been being
    had have has do does did would will could should instead about how much many then now so just still
    you your it its that this than more less new change make made say""".split()
) - {"now", "new"}
_NO = frozenset({"no", "not", "without", "never", "dont", "don't", "didn't", "didnt", "none", "nothing"})
_STEM = 4
"""Words meet on their first four letters: "retire" meets "retirement", "defer" "deferral"."""


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.lower()) if word not in _STOP]


def _stems(text: str) -> set[str]:
    return {word[:_STEM] for word in _words(text)}


def _affinity(clause: set[str], step: Step) -> int:
    """How well a clause's words name a step: its label and name count double, its question once."""
    named = _stems(f"{step.label} {step.field.replace('_', ' ')}")
    asked = _stems(step.prompt)
    return sum(2 if stem in named else 1 if stem in asked else 0 for stem in clause)


def _typed(quantity: Quantity, step: Step) -> str:
    """The number as the step's parser reads it: 10% as "10%", an age as "56", $60,000 as "60000"."""
    value = quantity.value
    if quantity.kind == "percent":
        return f"{(value * 100).normalize():f}%"
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def _explicit(walkthrough: Walkthrough, part: str) -> tuple[Step, str] | None:
    """'age 56', 'tax_rate=24%', 'Loan outstanding no': a step named by its field or label, then the value."""
    text = part.strip().replace("=", " ", 1)
    lowered = text.lower()
    for step in sorted(walkthrough.steps, key=lambda step: -len(step.label)):
        for name in (step.field, step.label.lower(), step.field.replace("_", " ")):
            if lowered.startswith(name + " ") and text[len(name) :].strip():
                return step, text[len(name) :].strip()
    return None


def _ask_which(quantity: Quantity, steps: list[Step]) -> AnswerError:
    labels = " or ".join(f'"{step.label.lower()} {quantity.text}"' for step in steps[:3])
    return AnswerError(None, f"Which answer should {quantity.text} change? Say {labels}")


def _plausible_types(quantity: Quantity) -> tuple[str, ...]:
    """Step types a number can answer, likeliest first: a bare 40 is an age before a percentage."""
    if quantity.kind != "number":
        return _STEP_TYPES.get(quantity.kind, ())
    value = quantity.value
    if value > 120:
        return ("money", "money_list")
    if value >= 15 and value == value.to_integral_value():
        return ("age", "percent", "years")
    return ("percent", "years")


def _for_number(walkthrough: Walkthrough, quantity: Quantity, clause: str) -> Step:
    """The step one number changes: of the steps its kind fits, the one the clause names best.

    Equal words leave the likelier type first ("40 now" is the age now, not the balance
    now); equal words and type, or words that name no answer at all, are a question
    back, never a guess.
    """
    types = _plausible_types(quantity)
    candidates = [step for step in walkthrough.steps if step.type in types]
    if not candidates:
        raise AnswerError(None, f"No answer here takes a value like {quantity.text}")
    words = _stems(clause)
    ranked = sorted(candidates, key=lambda step: (-_affinity(words, step), types.index(step.type)))
    best = ranked[0]
    rivals = [
        step for step in ranked[1:] if _affinity(words, step) == _affinity(words, best) and step.type == best.type
    ]
    if rivals:
        raise _ask_which(quantity, [best, *rivals])
    if _affinity(words, best) == 0 and (words or (len(candidates) > 1 and quantity.kind == "number")):
        # "salary 5" in a walkthrough with no salary: the words name no answer, so no guess.
        raise _ask_which(quantity, sorted(candidates, key=lambda step: types.index(step.type)))
    return best


def _for_words(walkthrough: Walkthrough, clause: str) -> tuple[Step, str] | None:
    """A clause without a number that names a yes/no question: "no loan", "without a loan"."""
    words = _stems(clause)
    if not words:
        return None
    scored = [(_affinity(words, step), step) for step in walkthrough.steps if step.type == "yes_no"]
    scored = [(score, step) for score, step in scored if score > 0]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    chosen = [step for score, step in scored if score == best]
    if len(chosen) > 1:
        return None
    negated = bool(set(re.findall(r"[a-z']+", clause.lower())) & _NO)
    return chosen[0], "no" if negated else "yes"


def _examples(walkthrough: Walkthrough) -> str:
    return "".join(f' or "{example}"' for example in walkthrough.definition.what_if[:1])


def read_changes(walkthrough: Walkthrough, text: str) -> dict[str, str]:
    """A what-if as typed -> {step field: value as typed}, for WalkSession.what_if.

    Raises AnswerError (field None) saying what could not be read, in words.
    """
    from vested.understanding.quantities import extract_quantities

    changes: dict[str, str] = {}

    def change(step: Step, value: str) -> None:
        if step.field in changes and step.type == "money_list":
            changes[step.field] += f" {value}"
        elif step.field in changes and changes[step.field] != value:
            raise AnswerError(None, f"{step.label} is changed twice ({changes[step.field]} and {value})")
        else:
            changes[step.field] = value

    turns = rule_book("turns.toml")  # the opening of a what-if and where its clauses end: data
    cleaned = turns.pattern("what-if-lead").sub("", text)
    last: Step | None = None
    for part in (piece for piece in turns.pattern("what-if-clause").split(cleaned) if piece and piece.strip()):
        explicit = _explicit(walkthrough, part)
        if explicit is not None:
            change(*explicit)
            continue
        quantities = extract_quantities(part)
        if not quantities:
            worded = _for_words(walkthrough, part)
            if worded is None:
                continue
            change(*worded)
            continue
        for quantity in quantities:
            if last is not None and not _stems(part) and last.type in _plausible_types(quantity):
                step = last  # "withdraw 10000 and 12000": a bare number goes on with the clause before
            else:
                step = _for_number(walkthrough, quantity, part)
            change(step, _typed(quantity, step))
            last = step
    if not changes:
        labels = ", ".join(step.label.lower() for step in walkthrough.steps)
        raise AnswerError(
            None,
            f'I couldn\'t tell which answer to change. Say it with the new value, like "age 56"'
            f"{_examples(walkthrough)} (the answers: {labels})",
        )
    return changes
