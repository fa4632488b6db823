"""The input models of vested.calculate.limits (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from vested.calculate.checks import check_amount
from vested.calculate.fields import BirthDate, CalendarYear, Money, Unit, WholeAge
from vested.calculate.inputs import CalculatorInputs
from vested.calculate.limits import quoted_rows

# The limits of a year's row a question may quote by name (knowledge/language/settings.toml [[quoted_limit]]).
QuotedName = Literal["deferral", "catch_up_50", "annual_additions"]
QuotedLimits = Annotated[
    dict[QuotedName, Annotated[Decimal, AfterValidator(check_amount)]], Unit("limits"), BeforeValidator(quoted_rows)
]


class ContributionLimitInputs(CalculatorInputs):
    """A year and your age at its end (or your birth date); optionally last year's FICA wages."""

    age: WholeAge | None = Field(None, title="Age at year end", description="your age on December 31 of the year")
    # An age said for another year ("turned 60 in October 2024") gives the birth date; the age that
    # counts is the one reached by December 31 of the year asked about.
    birth_date: BirthDate | None = Field(
        None, title="Born", description="your date of birth (a year alone also works), instead of the age"
    )
    year: CalendarYear | None = Field(default=None, title="Year", description="the tax year (default: this year)")
    plan_allows_60_63: bool = Field(
        default=True,
        title="Plan offers the 60-63 catch-up",
        description="the plan offers the higher catch-up for ages 60 to 63 (from 2025)",
    )
    prior_year_fica_wages: Money | None = Field(
        default=None,
        title="Last year's FICA wages",
        description="last year's FICA wages from this employer (for the Roth-only catch-up rule)",
    )
    contributed: Money | None = Field(
        default=None,
        title="Deferred so far",
        description="what you have already deferred this year, at every employer together, for the room left",
    )
    # A question that quotes the limits of its own time ("a 402(g) limit of $18,000")
    # without naming the year: the year is the one whose limits these are, and they must be its.
    # Read from words only (worded_inputs), never from a lone number: its unit is not money.
    quoted_limits: QuotedLimits | None = Field(
        default=None,
        title="Limits quoted",
        description="the dollar limits the question quotes by name, which must be the year's",
    )
