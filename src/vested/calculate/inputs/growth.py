"""The input models of vested.calculate.growth (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

from vested.calculate.checks import Frequency, Unit
from vested.calculate.fields import Money, Rate
from vested.calculate.growth import _whole_years, a_contribution
from vested.calculate.inputs import CalculatorInputs
from vested.calculate.inputs.match import FormulaText

WholeYears = Annotated[int, Unit("years"), AfterValidator(_whole_years)]


class FutureValueInputs(CalculatorInputs):
    """Level contributions, a return, a horizon; optionally a start, raises and a match."""

    contribution: Money | None = Field(
        default=None,
        title="Your contribution",
        description="what you contribute each period (each year unless you say how often)",
    )
    annual_return: Rate = Field(title="Annual return", description="the expected yearly rate of return")
    years: WholeYears = Field(title="Years", description="how many years you keep contributing")
    frequency: Frequency = Field(default="yearly", title="Contributions", description="how often you contribute")
    starting_balance: Money = Field(
        default=Decimal(0), title="Starting balance", description="what the account holds today"
    )
    salary_growth: Rate = Field(
        default=Decimal(0),
        title="Yearly raise",
        description="how much your contributions (and the match) grow each year",
    )
    employer_match: Money = Field(
        default=Decimal(0),
        title="Employer match",
        description="the employer's contribution each period, in dollars",
    )
    salary: Money | None = Field(
        default=None,
        title="Salary",
        description="your yearly pay in the first year, when you contribute a share of it or the match is one",
    )
    deferral_rate: Rate | None = Field(
        default=None, title="You defer", description="the share of your salary you contribute"
    )
    match_formula: FormulaText | None = Field(
        default=None,
        title="Match formula",
        description='the employer\'s match in words ("50% up to 6%", "50 cents on the dollar"), worked on your pay',
    )
    compounded_each_period: bool = Field(
        default=False,
        title="Compounded each period",
        description="the annual return is a nominal rate compounded with each contribution "
        '("12% compounded monthly" is 1% a month), not a yearly return',
    )
    paid_at_start: bool = Field(
        default=False,
        title="Paid at the start of each period",
        description="each contribution arrives at the start of its period, not the end, and earns one period more",
    )

    cross_checks = (a_contribution,)
