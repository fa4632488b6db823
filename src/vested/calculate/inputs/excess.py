"""The input models of vested.calculate.excess (see vested.calculate.inputs)."""

from __future__ import annotations

from pydantic import Field

from vested.calculate.fields import CalendarYear, Money, WholeAge
from vested.calculate.inputs import CalculatorInputs


class ExcessDeferralInputs(CalculatorInputs):
    """What you deferred at each employer in one year, and your age at its end."""

    first_plan: Money = Field(
        title="Deferred at the first employer",
        description="your deferrals for the year at the first (or old) employer, pre-tax and Roth together",
    )
    second_plan: Money = Field(
        title="Deferred at the second employer",
        description="your deferrals for the year at the second (or new) employer, pre-tax and Roth together",
    )
    age: WholeAge | None = Field(
        default=None,
        title="Age at year end",
        description="your age on December 31 of the year, for the catch-up (leave out if under 50)",
    )
    year: CalendarYear | None = Field(default=None, title="Year", description="the tax year (default: this year)")
    plan_allows_60_63: bool = Field(
        default=True,
        title="Plan offers the 60-63 catch-up",
        description="a plan you use offers the higher catch-up for ages 60 to 63 (from 2025)",
    )
