"""A calculator's inputs as a form: its fields, their values as typed, and reading them back.

The chat's calculator form (and anything else that lets a person correct a calculation
field by field) shows one field per input of the calculator's model. This module says what
each field is (its label, unit, whether it is required, its help), writes a value the
calculation used the way a person would type it (0.06 as "6%", 80000 as "80,000"), and
reads what was typed with the same readers as the `vested calc` flags (`money.py`) and the
same validator (the model, through `CalculatorSpec.validate`), so a form refuses exactly
what the command line refuses, in the same words. Plain Python: no UI here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from vested.calculate.base import CalcContext, CalculationResult, CalculatorInputError, CalculatorSpec
from vested.calculate.fields import choices_of, plain_type, unit_of
from vested.calculate.money import parse_amount, parse_decimal, parse_percent, percent, to_cents

TEXT_KINDS = frozenset({"formula", "mix", "holdings", "schedule", "periods", "balances", "date", "text"})
"""Inputs typed as text and read by the model's own validator (a match formula, a mix, a date)."""

_EXAMPLES = {
    "money": "an amount like 80,000 or 80k",
    "percent": "a percentage like 6 or 6%",
    "age": "an age like 55",
    "years": "a number of years like 5",
    "year": "a year like 2026",
    "count": "a whole number like 3",
    "date": "a date like 1958-03-14, or a year",
}


@dataclass(frozen=True)
class FormField:
    """One input of a calculator, as a form asks for it."""

    name: str
    label: str
    kind: str
    """The unit kind (fields.Unit.kind): money, percent, age, years, year, date, flag, choice, count, mix…"""
    required: bool
    help: str
    choices: tuple[str, ...] = ()
    whole: bool = False
    """Only whole numbers (the model's type is int)."""
    many: bool = False
    """Several values (a series of amounts), typed separated by semicolons."""
    default: Any = None

    @property
    def example(self) -> str:
        """What to type, in words: "an amount like 80,000 or 80k"."""
        if self.many:
            return "amounts separated by ; like 10,000; 12,500"
        return _EXAMPLES.get(self.kind, "")


class FieldProblem(ValueError):
    """What was typed cannot be used; `field` names the input at fault (None: the whole form)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def form_fields(spec: CalculatorSpec) -> list[FormField]:
    """One FormField per input of the calculator's model, in the model's order."""
    fields: list[FormField] = []
    for name, info in spec.inputs.model_fields.items():
        unit = unit_of(info)
        required = name in spec.required_inputs()
        fields.append(
            FormField(
                name=name,
                label=spec.label(name),
                kind=unit.kind,
                required=required,
                help=(info.description or "").strip(),
                choices=choices_of(info) if unit.kind == "choice" else (),
                whole=plain_type(info) is int,
                many=unit.many,
                default=None if required else info.default,
            )
        )
    return fields


# Inputs a calculator records in its answer but works out from others when those are given
# (rebalance shows the holdings a balance and a mix make): the form leaves them empty then,
# or the model would refuse the pair as given twice.
DERIVED: dict[str, dict[str, tuple[str, ...]]] = {"rebalance": {"holdings": ("balance", "current_mix")}}


def recorded_values(spec: CalculatorSpec, recorded: Mapping[str, Any]) -> dict[str, Any]:
    """The values a calculation recorded, as the form starts from them (derived ones left out)."""
    values = dict(recorded)
    for name, sources in DERIVED.get(spec.name, {}).items():
        if all(values.get(source) is not None for source in sources):
            values[name] = None
    return values


def _number_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _amount_text(value: Any) -> str:
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{to_cents(amount):,.2f}"


def typed_text(field: FormField, value: Any) -> str:
    """A value the calculation used (as the Answer records it), written as a person types it.

    None is an empty field. What comes back reads back to the same value with `read_value`.
    """
    if value is None:
        return ""
    if field.kind == "flag":
        return "yes" if value else "no"
    if field.many and isinstance(value, list | tuple):
        return "; ".join(_amount_text(item) for item in value)
    if isinstance(value, dict):
        if field.kind == "mix":
            return ", ".join(f"{name}={_number_text(Decimal(str(share)) * 100)}" for name, share in value.items())
        if field.kind == "holdings":
            return ", ".join(f"{name}={_number_text(Decimal(str(amount)))}" for name, amount in value.items())
        if field.kind == "schedule":
            return ", ".join(f"{years}:{_number_text(Decimal(str(share)) * 100)}" for years, share in value.items())
        if field.kind in ("periods", "balances"):
            return ", ".join(f"{key}={_number_text(Decimal(str(item)))}" for key, item in value.items())
        return ", ".join(f"{key}={item}" for key, item in value.items())
    if isinstance(value, date):
        return value.isoformat()
    if field.kind == "money":
        return _amount_text(value)
    if field.kind == "percent":
        return percent(Decimal(str(value)), places=6)
    if field.kind in ("age", "years", "year", "count"):
        return _number_text(Decimal(str(value)))
    return str(value)


def _whole(text: str) -> int:
    number = parse_decimal(text)
    if number != number.to_integral_value():
        raise ValueError(f"{text.strip()!r} is not a whole number")
    return int(number)


def _amounts(text: str) -> list[Decimal]:
    """'10,000; 12,500' (or '10000, 12500' when no amount has a thousands comma) -> amounts."""
    pieces = [piece for piece in re.split(r"\s*;\s*", text.strip()) if piece]
    if len(pieces) == 1 and ", " in pieces[0]:
        try:
            return [parse_amount(pieces[0])]
        except ValueError:
            pieces = [piece for piece in pieces[0].split(", ") if piece.strip()]
    return [parse_amount(piece) for piece in pieces]


def read_value(field: FormField, typed: str | bool | None) -> Any:
    """What was typed in one field, as the calculator's model takes it; None when left empty.

    Raises ValueError with a message in plain words ("'abc' is not a number") for text that
    is not a value of the field's kind; the model checks ranges afterwards (`read_form`).
    """
    if field.kind == "flag":
        if isinstance(typed, bool):
            return typed
        if typed is None or not str(typed).strip():
            return None
        word = str(typed).strip().lower()
        if word in ("yes", "y", "true", "on"):
            return True
        if word in ("no", "n", "false", "off"):
            return False
        raise ValueError(f"{str(typed).strip()!r} is not yes or no")
    text = "" if typed is None else str(typed).strip()
    if not text:
        return None
    if field.kind == "choice":
        wanted = text.lower().replace(" ", "_")
        if wanted not in field.choices:
            named = ", ".join(choice.replace("_", " ") for choice in field.choices)
            raise ValueError(f"{text!r} is not one of: {named}")
        return wanted
    if field.kind in TEXT_KINDS:
        return text
    if field.many:
        return _amounts(text)
    if field.kind == "percent":
        return parse_percent(text)
    if field.whole:
        return _whole(text)
    if field.kind == "money":
        return parse_amount(text)
    return parse_decimal(text)


def check_value(field: FormField, typed: str | bool | None) -> str | None:
    """The one-line problem with what was typed in a field on its own, or None when it reads."""
    try:
        value = read_value(field, typed)
    except ValueError as error:
        return f"{error}; write {field.example}" if field.example else str(error)
    if value is None and field.required:
        return f"{field.label} is needed" + (f": {field.example}" if field.example else "")
    return None


def read_form(spec: CalculatorSpec, typed: Mapping[str, str | bool | None]) -> dict[str, Any]:
    """Every field's text -> the calculator's raw inputs, validated by its model.

    Raises FieldProblem naming the first field at fault, in the words `vested calc` uses
    ("Vested balance must not be negative (got -5)"); empty optional fields are left out so
    the model's defaults apply.
    """
    raw: dict[str, Any] = {}
    # An input left empty is fine when everything that stands in for it is filled ("own money,
    # employer money and the share vested" for the vested balance).
    stood_in = {
        name for name, others in spec.stand_ins.items() if all(typed.get(other) not in (None, "") for other in others)
    }
    for field in form_fields(spec):
        if field.name in stood_in and typed.get(field.name) in (None, ""):
            continue
        problem = check_value(field, typed.get(field.name))
        if problem is not None:
            raise FieldProblem(problem, field.name)
        value = read_value(field, typed.get(field.name))
        if value is not None:
            raw[field.name] = value
    try:
        spec.validate(raw)
    except CalculatorInputError as error:
        raise FieldProblem(str(error), error.field) from None
    return raw


def run_form(spec: CalculatorSpec, raw: Mapping[str, Any], context: CalcContext) -> CalculationResult:
    """Run the calculator on a form's inputs; a CalculatorInputError becomes a FieldProblem."""
    try:
        return spec.compute(raw, context)
    except CalculatorInputError as error:
        raise FieldProblem(str(error), error.field) from None


def form_question(title: str, rows: list[tuple[str, str]]) -> str:
    """The line a form's calculation stands under in a transcript and the log.

    "Loan maximum, from the form: Vested balance $90,000.00; Loan balance owed now $5,000.00"
    """
    given = "; ".join(f"{label} {value}" for label, value in rows)
    return f"{title}, from the form: {given}" if given else f"{title}, from the form"
