"""The input models of vested.calculate.hardship (see vested.calculate.inputs)."""

from __future__ import annotations

from pydantic import Field

from vested.calculate.fields import Age, PositiveMoney, Rate
from vested.calculate.inputs import CalculatorInputs


class HardshipInputs(CalculatorInputs):
    """The amount taken, your age, and the choices that change what is withheld and owed."""

    amount: PositiveMoney = Field(
        title="Amount", description="the taxable amount of the hardship withdrawal, before anything is withheld"
    )
    age: Age = Field(title="Age", description="your age when you take it")
    waive_withholding: bool = Field(
        default=False,
        title="Withholding waived",
        description="you told the plan to withhold nothing (on its withholding form, Form W-4R)",
    )
    withholding_rate: Rate | None = Field(
        default=None,
        title="Withholding rate",
        description="the rate the plan withheld, when you chose one other than the default 10% (on Form W-4R)",
    )
    exception: bool = Field(
        default=False,
        title="An exception to the 10% applies",
        description="an exception to the 10% additional tax fits (disability, medical costs above 7.5% of income, ...)",
    )
    marginal_rate: Rate | None = Field(
        default=None,
        title="Marginal tax rate",
        description="your marginal income tax rate, to estimate the income tax and what you keep",
    )
