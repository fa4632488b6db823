"""The input models of vested.calculate.rollover (see vested.calculate.inputs)."""

from __future__ import annotations

from pydantic import Field

from vested.calculate.fields import Age, Money, PositiveMoney, TaxRate
from vested.calculate.inputs import CalculatorInputs


class IndirectRolloverInputs(CalculatorInputs):
    """A distribution paid to you, and how much of it you put back within 60 days."""

    # Given as the check and what was withheld ("a check for $16,000 after 20% withheld"), the amount paid
    # out is worked back from them (_paid_out); the check alone is taken net of the 20% the law withholds.
    amount: PositiveMoney | None = Field(
        default=None,
        title="Taxable amount paid out",
        description="the taxable amount the plan paid out to you (the balance you are rolling over)",
    )
    redeposited: Money | None = Field(
        default=None,
        title="Redeposited within 60 days",
        description="how much you put into the new account within 60 days (leave out for the full amount)",
    )
    only_check_redeposited: bool = Field(
        default=False,
        title="Only the check redeposited",
        description="you redeposit only the check you received, not the 20% withheld",
    )
    age: Age | None = Field(default=None, title="Age", description="your age in the year of the distribution")
    separated_at_55: bool = Field(
        default=False,
        title="Left the job at 55 or later",
        description="you left this employer in or after the calendar year you turned 55, even at 54",
    )
    marginal_rate: TaxRate | None = Field(
        default=None,
        title="Marginal tax rate",
        description="your marginal income tax rate, to estimate the tax on a shortfall",
    )
    withholding_rate: TaxRate | None = Field(
        default=None,
        title="Withholding rate",
        description="the share the plan withheld for federal tax, when a rate other than 20% was withheld",
    )
    withheld: Money | None = Field(
        default=None,
        title="Amount withheld",
        description="the dollars the plan withheld for federal tax",
    )
    received: Money | None = Field(
        default=None,
        title="Check received",
        description="the check or net cash you received after the withholding",
    )
