"""A generator of numeric questions, and the judge of what the assistant read from them.

The phrasings are data (tests/data/numeric_phrasings.toml): for each calculator, the facts a
person states (each in several wordings, with {slot} holes), the sentence that asks, and
sentences about numbers outside the plan (a car loan, rent, a kid's age). A question is the
facts in a drawn order, each in a drawn wording with drawn values written in a drawn form
("$80,000", "80k", "80 grand", "6 percent", "59 and a half"), an incidental sentence or two,
and the ask first or last. The values are what the person stated, so the reading must
recover exactly those inputs: tests/test_numeric_reading.py draws them with hypothesis,
benchmarks/numeric_reading.py with a seeded random generator.

What the assistant did with a question is one of four outcomes:

- "exact": a figure, from the right calculator, with every input as stated;
- "asked": a request for a detail (kind clarify): acceptable, never wrong;
- "no figure": an FAQ answer or a fallback: no figure given;
- "wrong figure": a figure from the wrong calculator or with an input misread. The product
  must never do this.
"""

from __future__ import annotations

import random
import string
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

    from vested.core.answer import Answer

PHRASINGS = Path(__file__).resolve().parent / "data" / "numeric_phrasings.toml"
HUNDRED = Decimal(100)

# How an amount may be written; "thousands" forms only for whole thousands.
MONEY_FORMS = ("dollar", "dollar_cents", "plain", "k", "dollar_k", "grand", "dollars_word")
THOUSANDS_FORMS = frozenset({"k", "dollar_k", "grand"})
PERCENT_FORMS = ("pct", "percent", "spaced_pct")
_SPELLED = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "twelve",
    15: "fifteen",
    20: "twenty",
    30: "thirty",
}


class Chooser(Protocol):
    """Where the drawn values come from: hypothesis (tests) or a seeded random (benchmark)."""

    def choice(self, options: Sequence[Any]) -> Any: ...

    def integer(self, low: int, high: int) -> int: ...

    def chance(self) -> bool: ...


class SeededChooser:
    """Draws from random.Random(seed): the benchmark's samples are the same on every run."""

    def __init__(self, seed: int):
        self._random = random.Random(seed)

    def choice(self, options: Sequence[Any]) -> Any:
        return options[self._random.randrange(len(options))]

    def integer(self, low: int, high: int) -> int:
        return self._random.randint(low, high)

    def chance(self) -> bool:
        return self._random.random() < 0.5


class HypothesisChooser:
    """Draws through hypothesis's `data` strategy, so a failure shrinks to a small example."""

    def __init__(self, data: Any):
        from hypothesis import strategies

        self._data = data
        self._strategies = strategies

    def choice(self, options: Sequence[Any]) -> Any:
        return self._data.draw(self._strategies.sampled_from(list(options)))

    def integer(self, low: int, high: int) -> int:
        return self._data.draw(self._strategies.integers(low, high))

    def chance(self) -> bool:
        return self._data.draw(self._strategies.booleans())


@dataclass
class Sample:
    """One generated question and what it states."""

    calculator: str
    question: str
    expected: dict[str, Any]
    formula: str | None = None
    accept: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class Verdict:
    """What the assistant did with a sample."""

    outcome: str  # exact | asked | no figure | wrong figure
    routed: bool
    tool: str | None
    differences: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def phrasings() -> dict[str, Any]:
    return tomllib.loads(PHRASINGS.read_text(encoding="utf-8"))


def calculators() -> list[str]:
    return list(phrasings()["calculators"])


# ------------------------------------------------------------------ drawing values


def _draw_value(spec: dict[str, Any], drawn: dict[str, Decimal], chooser: Chooser, slots: dict[str, Any]) -> Decimal:
    if "sum_of" in spec:  # a whole told by its parts: the account is its pre-tax and after-tax money
        return sum((drawn[name] for name in spec["sum_of"]), Decimal(0))
    if "product_of" in spec:  # a piece told as a product or a share: "$4,000 a year for 5 years", "matched at 50%"
        product = Decimal(1)
        for name in spec["product_of"]:
            product *= _input_value(drawn[name], slots[name])
        return product
    step = int(spec.get("step", 1))
    low = int(spec.get("min", 0))
    high = int(spec.get("max", 0))
    if "below" in spec:
        high = int(drawn[spec["below"]]) - step
    if "above" in spec:
        low = int(drawn[spec["above"]]) + step
    low, high = -(-low // step), high // step
    value = Decimal(chooser.integer(low, max(low, high)) * step)
    if spec.get("half") and chooser.chance():
        value += Decimal("0.5")
    return value / int(spec.get("scale", 1))


def _grouped(number: Decimal) -> str:
    text = f"{number:,.2f}"
    return text.removesuffix(".00")


def _money_text(value: Decimal, spec: dict[str, Any], chooser: Chooser) -> str:
    forms = [form for form in spec.get("forms", MONEY_FORMS) if form not in THOUSANDS_FORMS or value % 1000 == 0]
    if value < 1000:
        forms = [form for form in forms if form != "plain"] or ["dollar"]  # "500" alone is not an amount
    form = chooser.choice(forms)
    thousands = _grouped(value / 1000)
    return {
        "dollar": f"${_grouped(value)}",
        "dollar_cents": f"${value:,.2f}",
        "plain": _grouped(value),
        "k": f"{thousands}k",
        "dollar_k": f"${thousands}k",
        "grand": f"{thousands} grand",
        "dollars_word": f"{_grouped(value)} dollars",
    }[form]


def _percent_text(value: Decimal, spec: dict[str, Any], chooser: Chooser) -> str:
    number = f"{value.normalize():f}"
    form = chooser.choice(spec.get("forms", PERCENT_FORMS))
    return {"pct": f"{number}%", "percent": f"{number} percent", "spaced_pct": f"{number} %"}[form]


def _age_text(value: Decimal, chooser: Chooser) -> str:
    whole = int(value)
    if value == whole:
        return str(whole)
    return chooser.choice([f"{whole} and a half", f"{whole}½", f"{whole} 1/2"])


def _years_text(value: Decimal, chooser: Chooser) -> str:
    whole = int(value)
    unit = "year" if whole == 1 else "years"
    forms = [f"{whole} {unit}"]
    if whole in _SPELLED:
        forms.append(f"{_SPELLED[whole]} {unit}")
    return chooser.choice(forms)


def render_value(value: Decimal, spec: dict[str, Any], chooser: Chooser) -> str:
    kind = spec["kind"]
    if kind == "money":
        return _money_text(value, spec, chooser)
    if kind == "percent":
        return _percent_text(value, spec, chooser)
    if kind == "age":
        return _age_text(value, chooser)
    if kind == "years":
        return _years_text(value, chooser)
    return str(int(value))


def _input_value(value: Decimal, spec: dict[str, Any]) -> Decimal:
    """The value a calculator input holds for a stated one: percentages as fractions."""
    return value / HUNDRED if spec["kind"] == "percent" else value


def _slots_of(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


# ------------------------------------------------------------------ building a question


def _chosen_facts(facts: list[dict[str, Any]], chooser: Chooser) -> list[tuple[dict[str, Any], str]]:
    chosen: list[tuple[dict[str, Any], str]] = []
    groups: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        if "group" in fact:
            groups.setdefault(fact["group"], []).append(fact)
        elif not fact.get("optional") or chooser.chance():
            chosen.append((fact, chooser.choice(fact["texts"])))
    for members in groups.values():
        fact = chooser.choice(members)
        chosen.append((fact, chooser.choice(fact["texts"])))
    return [(fact, text) for fact, text in chosen if text]


def generate(calculator: str, chooser: Chooser, *, data: dict[str, Any] | None = None) -> Sample:
    """One question for the calculator, and the inputs it states."""
    from vested.calculate import registry

    data = data or phrasings()
    spec = data["calculators"][calculator]
    input_names = set(registry()[calculator].inputs.model_fields)
    drawn: dict[str, Decimal] = {}
    for name, slot in spec["slots"].items():
        drawn[name] = _draw_value(slot, drawn, chooser, spec["slots"])
    facts = _chosen_facts(spec["facts"], chooser)
    expected: dict[str, Any] = {}
    formula = None
    sentences = []
    for fact, template in facts:
        texts = {name: render_value(drawn[name], spec["slots"][name], chooser) for name in _slots_of(template)}
        sentences.append(template.format(**texts))
        mapping = {name: name for name in _slots_of(template) if name in input_names}
        mapping.update(fact.get("inputs", {}))
        for name, slot in mapping.items():  # an input told in pieces lists its slots: a series of sums
            expected[name] = (
                [_input_value(drawn[piece], spec["slots"][piece]) for piece in slot]
                if isinstance(slot, list)
                else _input_value(drawn[slot], spec["slots"][slot])
            )
        for name, value in fact.get("expect", {}).items():
            expected[name] = value.format(**{k: int(v) for k, v in drawn.items()}) if isinstance(value, str) else value
        if "formula" in fact:
            formula = fact["formula"].format(**{k: int(v) for k, v in drawn.items()})
    shuffled = [sentences[position] for position in _permutation(len(sentences), chooser)]
    incidental = _incidental(data, chooser)
    for text in incidental:
        shuffled.insert(chooser.integer(0, len(shuffled)), text)
    ask = chooser.choice(spec["asks"])
    question = " ".join([ask, *shuffled] if chooser.integer(0, 4) == 0 else [*shuffled, ask])
    accept = {name: list(values) for name, values in spec.get("accept", {}).items()}
    return Sample(calculator, question, expected, formula, accept)


def _permutation(count: int, chooser: Chooser) -> list[int]:
    """A drawn order of count items."""
    left = list(range(count))
    order = []
    while left:
        picked = chooser.choice(left)
        left.remove(picked)
        order.append(picked)
    return order


def _incidental(data: dict[str, Any], chooser: Chooser) -> list[str]:
    count = chooser.choice([0, 0, 1, 1, 2])
    texts = []
    for _ in range(count):
        template = chooser.choice(data["incidental"][0]["texts"])
        values = {
            name: render_value(
                _draw_value(data["incidental_slots"][name], {}, chooser, data["incidental_slots"]),
                data["incidental_slots"][name],
                chooser,
            )
            for name in _slots_of(template)
        }
        texts.append(template.format(**values))
    return texts


# ------------------------------------------------------------------ judging an answer


def _same(read: Any, expected: Any) -> bool:
    if isinstance(expected, dict):  # named figures ("the 415(c) limit of $53,000"), each by its name
        return (
            isinstance(read, dict)
            and read.keys() == expected.keys()
            and all(_same(read[k], v) for k, v in expected.items())
        )
    if isinstance(expected, list):  # a series told in pieces, in whatever order the sentences were shuffled
        return isinstance(read, list) and sorted(map(_decimal, read)) == sorted(map(_decimal, expected))
    if isinstance(read, list) and len(read) == 1:
        read = read[0]  # a series of one: "$40,000" for the account value
    if read is None or expected is None:
        return read is expected
    try:
        return Decimal(str(read)) == Decimal(str(expected))
    except ArithmeticError:
        return str(read) == str(expected)


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def _dated_balance_as_last_years(inputs: dict[str, Any], sample: Sample) -> dict[str, Any]:
    """A lone balance read with its year-end ("worth $X at the end of last year": {2025: X}) as the
    prior-year balance the phrasing states: the RMD calculator works the year after it from either (and
    checks that year against a distribution year read), so the one reading is the other."""
    balances = inputs.get("year_end_balances")
    if "prior_year_balance" not in sample.expected or not isinstance(balances, dict) or len(balances) != 1:
        return inputs
    ((year, amount),) = balances.items()
    asked_for = inputs.get("distribution_year")
    if asked_for is not None and int(year) + 1 != int(asked_for):
        return inputs
    return {**inputs, "year_end_balances": None, "prior_year_balance": amount}


def judge(sample: Sample, answer: Answer) -> Verdict:
    """What the assistant did with the sample (see the module's docstring)."""
    from vested.calculate import registry
    from vested.calculate.base import jsonable
    from vested.calculate.match import parse_match_formula

    calculation = answer.calculation
    tool = calculation.tool if calculation else None
    routed = tool == sample.calculator
    if answer.kind == "clarify":
        return Verdict("asked", routed, tool)
    if answer.kind != "calculation" or calculation is None:
        return Verdict("no figure", routed, tool)
    if not routed:
        return Verdict("wrong figure", routed, tool)
    fields = registry()[sample.calculator].inputs.model_fields
    differences: dict[str, tuple[Any, Any]] = {}
    inputs = _dated_balance_as_last_years(dict(calculation.inputs), sample)
    for name, info in fields.items():
        read = inputs.get(name)
        if name in {"formula", "match_formula"}:  # a match formula, read as text and shown described
            if read is None and sample.formula is None:
                continue
            if (
                read is None
                or sample.formula is None
                or parse_match_formula(str(read)) != parse_match_formula(sample.formula)
            ):
                differences[name] = (read, sample.formula)
            continue
        if name in sample.expected:
            if not _same(read, sample.expected[name]):
                differences[name] = (read, sample.expected[name])
            continue
        default = None if info.is_required() else jsonable({"value": info.default})["value"]
        accepted = [default, None, *sample.accept.get(name, [])]  # None: the input was not used
        if not any(_same(read, value) for value in accepted):
            differences[name] = (read, default)
    return Verdict("wrong figure" if differences else "exact", routed, tool, differences)
