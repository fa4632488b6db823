"""The input models of vested.calculate.offset (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from vested.calculate.fields import Age, CalendarYear, Money, PositiveMoney, Rate
from vested.calculate.inputs import CalculatorInputs


class LoanOffsetInputs(CalculatorInputs):
    """The loan balance left when you leave, why it is offset, your age then, and what you roll over."""

    loan_balance: PositiveMoney = Field(
        title="Loan still owed",
        description="what you still owe on the 401(k) loan when you leave the job, taken from the account as an offset",
    )
    reason: Literal["left_job", "plan_ended", "other"] = Field(
        default="left_job",
        title="Why it is offset",
        description="left_job (you left, and the offset is within 12 months after), plan_ended, or other "
        "(such as an offset long after leaving: then only 60 days to roll it over)",
    )
    age: Age = Field(title="Age when leaving", description="your age when you leave the job")
    separated_at_55: bool = Field(
        default=False,
        title="Leaving in the year you turn 55",
        description="you leave in or after the calendar year you turn 55 (this counts even at 54)",
    )
    exception: bool = Field(
        default=False,
        title="Another exception to the 10% applies",
        description="another exception to the 10% additional tax fits, such as disability",
    )
    rolled_over: Money = Field(
        default=Decimal(0),
        title="Rolled over by the deadline",
        description="how much of the offset you put into an IRA or new plan, from other money, by the deadline",
    )
    marginal_rate: Rate | None = Field(
        default=None,
        title="Marginal tax rate",
        description="your marginal income tax rate, to estimate the income tax on what is not rolled over",
    )
    year: CalendarYear | None = Field(
        default=None, title="Year of the offset", description="the year the offset happens (default: this year)"
    )
