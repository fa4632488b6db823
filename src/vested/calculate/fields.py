"""Validated input types shared by the calculators, each tagged with its unit.

Every calculator input is one of these annotated types, so the same rules hold
everywhere (no negative amounts, no percentage over 100, ages 0 to 120, nothing absurdly
large) and the `Unit` tag tells the CLI how to read a flag ("6" or "6%" for a percent)
and the presenter how to show a value ($80,000.00, 6%, 5 years).

The checks themselves are vested.calculate.checks, the one validator of amounts,
percentages, ages and years: the calculators (their models), the `vested calc` flags
(validated by the models), the walkthrough answers (through the same models' types) and a
calculation asked with `vested ask` (vested.calculate.described, without pydantic) all refuse
the same values in the same words.

Percentages are fractions inside the models (Decimal("0.06") is 6%): the arithmetic never
has to remember to divide by 100. Human percents are converted at the edges.
"""

from __future__ import annotations

import types
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BeforeValidator
from pydantic.fields import FieldInfo

from vested.calculate.checks import (
    Unit,
    as_list,
    birth_date,
    calendar_year,
    check_age,
    check_amount,
    check_rate,
    check_tax_rate,
    check_years,
    not_empty,
    past_date,
    positive_amount,
)

Money = Annotated[Decimal, Unit("money"), AfterValidator(check_amount)]
PositiveMoney = Annotated[Decimal, Unit("money"), AfterValidator(positive_amount)]
MoneySeries = Annotated[list[Money], Unit("money", many=True), BeforeValidator(as_list), AfterValidator(not_empty)]
Rate = Annotated[Decimal, Unit("percent"), AfterValidator(check_rate)]
TaxRate = Annotated[Decimal, Unit("percent"), AfterValidator(check_tax_rate)]
Age = Annotated[Decimal, Unit("age"), AfterValidator(check_age)]
WholeAge = Annotated[int, Unit("age"), AfterValidator(check_age)]
Years = Annotated[Decimal, Unit("years"), AfterValidator(check_years)]
CalendarYear = Annotated[int, Unit("year"), AfterValidator(calendar_year)]
BirthDate = Annotated[date, Unit("date"), BeforeValidator(birth_date), AfterValidator(past_date)]


def _annotated_unit(annotation: Any) -> Unit | None:
    if get_origin(annotation) is Annotated:
        return next((item for item in annotation.__metadata__ if isinstance(item, Unit)), None)
    if get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            found = _annotated_unit(member)
            if found:
                return found
    return None


def unit_of(info: FieldInfo) -> Unit:
    """The unit of a model field; plain bool, int, Literal and str fields get one too."""
    found = next((item for item in info.metadata if isinstance(item, Unit)), None)
    found = found or _annotated_unit(info.annotation)
    if found:
        return found
    base = plain_type(info)
    if base is bool:
        return Unit("flag")
    if base is int:
        return Unit("count")
    if get_origin(base) is Literal:
        return Unit("choice")
    return Unit("text")


def plain_type(info: FieldInfo) -> Any:
    """The field's type without Optional around it (bool, int, Literal[...], ...)."""
    annotation = info.annotation
    if get_origin(annotation) in (Union, types.UnionType):
        members = [member for member in get_args(annotation) if member is not type(None)]
        if len(members) == 1:
            annotation = members[0]
    return annotation


def choices_of(info: FieldInfo) -> tuple[str, ...]:
    """The allowed values of a Literal field."""
    return tuple(str(choice) for choice in get_args(plain_type(info)))
