"""The input models of vested.calculate.limits (see vested.calculate.inputs)."""

from __future__ import annotations

from pydantic import Field

from vested.calculate.fields import BirthDate, CalendarYear, Money, WholeAge
from vested.calculate.inputs import CalculatorInputs


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
