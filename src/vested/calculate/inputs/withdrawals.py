"""The input models of vested.calculate.withdrawals (see vested.calculate.inputs)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from vested.calculate.fields import Age, Money, PositiveMoney, TaxRate, Years
from vested.calculate.inputs import CalculatorInputs


class EarlyWithdrawalInputs(CalculatorInputs):
    """The amount taken, your age, and how it is taken."""

    amount: PositiveMoney | None = Field(
        default=None,
        title="Amount",
        description="the taxable amount you take out",
    )
    age: Age = Field(title="Age", description="your age when you take it")
    kind: Literal["cash_out", "hardship"] = Field(
        default="cash_out",
        title="Kind",
        description="cash_out (a distribution after leaving, or any other eligible distribution) or hardship "
        "(10% withheld by default instead of 20%)",
    )
    separated_at_55: bool = Field(
        default=False,
        title="Left the job at 55 or later",
        description="you left this employer in or after the calendar year you turned 55, even at 54 (cash-outs)",
    )
    left_this_year: bool = Field(
        default=False,
        title="Left the job the year you take it",
        description="you leave (or left) this employer in the year you take the money, so at 55 or older "
        "the age-55 rule applies",
    )
    exception: bool = Field(
        default=False,
        title="An exception to the 10% applies",
        description="an exception to the 10% additional tax fits (disability, a terminal illness, a series of "
        "equal payments, ...)",
    )
    net_wanted: PositiveMoney | None = Field(
        default=None,
        title="Cash wanted after tax",
        description="the cash you want left after income tax and the 10% additional tax: the amount to take "
        "out is worked back from it (needs your marginal rate)",
    )
    marginal_rate: TaxRate | None = Field(
        default=None,
        title="Marginal tax rate",
        description="your marginal income tax rate, to estimate income tax and the net cash",
    )
    roth_contributions: Money | None = Field(
        default=None,
        title="Roth contributions",
        description="what you put into the Roth 401(k) account: it comes back tax-free",
    )
    roth_earnings: Money | None = Field(
        default=None,
        title="Roth earnings",
        description="the earnings on the Roth 401(k) contributions: taxed unless the distribution is qualified",
    )
    roth_years: Years | None = Field(
        default=None,
        title="Years since the first Roth contribution",
        description="how many years since the first Roth contribution to the plan (the five-year clock)",
    )
