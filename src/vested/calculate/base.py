"""What every calculator shares: its result type and its registry entry.

A calculator is a pure function of its validated inputs and the dated figures; it returns a
CalculationResult holding the outputs at full precision, the steps in words (amounts shown to
the cent), the rule it applied with citations, and caveats. Its inputs are declared by a pydantic
model (vested.calculate.inputs), imported only when something needs pydantic: a calculation asked
with `vested ask` reads their description and validates them without it (vested.calculate.described).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple

from vested.calculate.described import InputField, PlainInputs, described, plainly_validated
from vested.knowledge.figures import Figures
from vested.knowledge.models import Citation
from vested.knowledge.records import Record, field

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from vested.calculate.inputs import CalculatorInputs


class CalcContext(NamedTuple):
    """What a calculator may depend on besides its inputs: figures and today's date."""

    figures: Figures
    today: date


class CalculationResult(Record, frozen=False):
    """Outputs, the arithmetic in words, the cited rule and caveats.

    This and CalculatorSpec are Records, not dataclasses: a calculation's start then imports
    neither dataclasses nor inspect (vested.knowledge.records, issue 20)."""

    tool: str
    summary: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    steps: list[str]
    citations: list[Citation]
    caveats: list[str] = field(default_factory=list)
    table: list[dict[str, Any]] = field(default_factory=list)
    as_of: str | None = None


class CalculatorSpec(Record):
    """A registered calculator: its name, what it is for, its inputs and the function."""

    name: str
    title: str
    description: str
    inputs_model: str
    """Its pydantic input model, "module:class" (vested.calculate.inputs), imported when first needed."""
    run: Callable[[Any, CalcContext], CalculationResult]
    examples: tuple[str, ...] = ()
    # Inputs the calculator needs but can work out from others given instead: a projection's
    # yearly contribution from a salary and the share of it deferred. The model accepts either;
    # asked for what is missing, a clarify names the input itself, the simpler thing to give.
    stand_ins: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Inputs another one alone can replace: the amount taken out, by the cash wanted after tax, which the
    # calculator works the amount back from ("how much must I withdraw to net $15,000?").
    worked_back_from: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Inputs that can never exceed another (what was rolled over, of the amount paid out): a reading
    # that puts the larger of two sums into the smaller input has swapped them, and the router swaps
    # them back rather than run on (or refuse) an impossible pair.
    no_more_than: Mapping[str, str] = field(default_factory=dict)
    # What a later part of a question asked in parts starts from when it builds on this calculator's
    # figure ("... leaves that amount untouched for 30 more years"): output -> this calculator's input.
    carries: Mapping[str, str] = field(default_factory=dict)

    @property
    def inputs(self) -> type[CalculatorInputs]:
        """The input model, imported now (and pydantic with it): what `vested calc`, the forms and
        the walkthroughs validate with, and the judge of anything the plain validator passes on."""
        module, _, model = self.inputs_model.partition(":")
        return getattr(import_module(module), model)

    @property
    def fields(self) -> dict[str, InputField]:
        """Each input described, in the model's order, from the compiled knowledge (no pydantic)."""
        return described(self.name).fields

    def required_inputs(self) -> list[str]:
        """The inputs a calculation cannot do without (or without their stand-ins)."""
        return [name for name, info in self.fields.items() if info.required or name in self.stand_ins]

    def missing_inputs(self, raw: Mapping[str, Any]) -> list[str]:
        """Required inputs absent from raw, and not stood in for: what a clarify answer has to ask for."""
        return [
            name
            for name in self.required_inputs()
            if raw.get(name) is None
            and not (name in self.stand_ins and all(raw.get(other) is not None for other in self.stand_ins[name]))
            and not any(raw.get(other) is not None for other in self.worked_back_from.get(name, ()))
        ]

    def label(self, name: str) -> str:
        """The short title of an input, for tables and error messages."""
        return self.fields[name].title or name.replace("_", " ")

    def plainly_validated(self, raw: Mapping[str, Any]) -> PlainInputs | None:
        """The inputs as the model would validate them, without pydantic; None when the model must decide."""
        return plainly_validated(described(self.name), raw)

    def validate(self, raw: Mapping[str, Any]) -> BaseModel:
        """Raw values -> the validated input model, or one clear CalculatorInputError."""
        from pydantic import ValidationError

        try:
            return self.inputs.model_validate(dict(raw))
        except ValidationError as error:
            name, message = input_problems(error)[0]
            if name is None or name not in self.inputs.model_fields:
                raise CalculatorInputError(message) from None
            raise CalculatorInputError(f"{self.label(name)} {message}", field=name) from None

    def compute(self, raw: Mapping[str, Any], context: CalcContext) -> CalculationResult:
        """Validate raw inputs and run: the door a router uses with extracted numbers."""
        return self.run(self.validate(raw), context)


class CalculatorInputError(ValueError):
    """Inputs a calculator cannot use, said in one line a user understands.

    Raised for values that validate one by one but make no sense together (a distribution
    larger than the account, a year missing from the table); `field` names the input at
    fault when there is one, so a front end can ask for it again.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


_PYDANTIC_WORDING = {
    "missing": "is required",
    "finite_number": "must be a finite number",
    "decimal_parsing": "must be a number",
    "decimal_type": "must be a number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_type": "must be a whole number",
    "bool_parsing": "must be yes or no",
    "date_from_datetime_parsing": "must be a date like 1958-03-14",
    "date_parsing": "must be a date like 1958-03-14",
    "extra_forbidden": "is not an input of this calculator",
}


def input_problems(error: ValidationError) -> list[tuple[str | None, str]]:
    """(input name or None, message) for each problem pydantic found, worded for people.

    Messages read after the input's name: "Vested balance must not be negative (got -5)".
    """
    problems: list[tuple[str | None, str]] = []
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else None
        if item["type"] in _PYDANTIC_WORDING:
            message = _PYDANTIC_WORDING[item["type"]]
        elif item["type"] == "literal_error":
            message = f"must be one of {item['ctx']['expected']}"
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
            if name is not None and not message.startswith(("must", "is ", "can", "could")):
                message = f"is not valid: {message}"
        problems.append((name, message))
    return problems


def jsonable(value: Any) -> Any:
    """Decimals as strings, dates as ISO text, for the Answer contract and the log.

    A Decimal is written exactly but without trailing zeros, so 50% of 80000 is "40000",
    not "40000.0": the same value always reads the same, whatever arithmetic produced it.
    """
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value
