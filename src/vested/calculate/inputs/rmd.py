"""The input models of vested.calculate.rmd (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from vested.calculate.checks import Unit
from vested.calculate.fields import Age, BirthDate, CalendarYear, Money, WholeAge
from vested.calculate.inputs import CalculatorInputs
from vested.calculate.rmd import (
    BALANCES_EXAMPLE,
    PERIODS_EXAMPLE,
    _balance_rows,
    _check_balances,
    _check_periods,
    _period_rows,
)

PeriodTable = Annotated[
    dict[int, Decimal], Unit("periods"), BeforeValidator(_period_rows), AfterValidator(_check_periods)
]


YearBalances = Annotated[
    dict[int, Decimal], Unit("balances"), BeforeValidator(_balance_rows), AfterValidator(_check_balances)
]


class RmdInputs(CalculatorInputs):
    """Birth date (or age), and optionally a balance, a year, and a missed amount."""

    birth_date: BirthDate | None = Field(
        default=None,
        title="Born",
        description="your date of birth, e.g. 1958-03-14 (a year alone also works)",
    )
    age: WholeAge | None = Field(
        default=None,
        title="Age at year end",
        description="your age at the end of the distribution year, if you'd rather not give a birth date",
    )
    prior_year_balance: Money | None = Field(
        default=None,
        title="Balance last Dec 31",
        description="the account balance on December 31 of the year before the distribution year",
    )
    # Balances at several year-ends, as a textbook question gives them: the RMD takes the one for the year before.
    year_end_balances: YearBalances | None = Field(
        None, title="Year-end balances", description=f"balances at the end of several years, e.g. {BALANCES_EXAMPLE}"
    )
    distribution_year: CalendarYear | None = Field(
        default=None,
        title="Distribution year",
        description="the year the RMD is for (default: this year)",
    )
    first_rmd: bool = Field(False, title="The first RMD", description="the RMD for the year the RMD age is reached")
    # A textbook question's own distribution periods (used instead of the Uniform Lifetime Table), and the
    # starting age it works under when the law for the birth date differs (70½, the rule before 2020).
    stated_periods: PeriodTable | None = Field(
        None, title="Distribution periods given", description=f"periods by age, e.g. {PERIODS_EXAMPLE}"
    )
    assumed_rmd_age: Age | None = Field(None, title="RMD age assumed", description="the RMD age a question works under")
    still_working: bool = Field(
        default=False,
        title="Still working for the plan's employer",
        description="you still work for the employer that sponsors the plan",
    )
    five_percent_owner: bool = Field(
        default=False,
        title="5% owner",
        description="you own more than 5% of that employer",
    )
    retirement_year: CalendarYear | None = Field(
        default=None,
        title="Retiring in",
        description="the year you retire from that employer (if still working)",
    )
    # What already came out toward the year's RMD ("she has taken $5,000 so far"): the rest is still to
    # take, by December 31 or, once the deadline has passed, as a corrective distribution.
    taken: Money | None = Field(
        default=None,
        title="Taken so far",
        description="what was already taken (withdrawn) toward the year's RMD",
    )
    missed_amount: Money | None = Field(
        default=None,
        title="RMD missed",
        description="an RMD amount that was not taken in time",
    )
    corrected_in_time: bool = Field(
        default=False,
        title="Corrected in time",
        description="the missed RMD is taken within the correction window (then 10%, not 25%)",
    )
