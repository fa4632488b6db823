"""The input models of vested.calculate.vesting (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from vested.calculate.checks import Unit
from vested.calculate.fields import MoneySeries, Rate, Years
from vested.calculate.inputs import CalculatorInputs
from vested.calculate.vesting import (
    LEGAL_CLIFF_YEARS,
    LEGAL_GRADED_START,
    LEGAL_GRADED_STEP,
    _check_table,
    _custom_table,
    _schedule_years,
)

CustomTable = Annotated[
    dict[int, Decimal], Unit("schedule"), BeforeValidator(_custom_table), AfterValidator(_check_table)
]


ScheduleYears = Annotated[int, Unit("years"), AfterValidator(_schedule_years)]


class VestingInputs(CalculatorInputs):
    """A vesting schedule and your years of service; optionally the balances."""

    schedule: Literal["cliff", "graded", "custom", "immediate"] = Field(
        title="Schedule", description="the plan's vesting schedule"
    )
    years_of_service: Years = Field(title="Years of service", description="your years of service with the employer")
    cliff_years: ScheduleYears = Field(
        default=LEGAL_CLIFF_YEARS,
        title="Cliff after",
        description="cliff schedule: the year of service that vests everything",
    )
    graded_start_year: ScheduleYears = Field(
        default=LEGAL_GRADED_START,
        title="First step after",
        description="graded schedule: the first year of service that vests a step",
    )
    graded_step: Rate = Field(
        default=LEGAL_GRADED_STEP,
        title="Graded step",
        description="graded schedule: the share that vests each year",
    )
    custom_schedule: CustomTable | None = Field(
        default=None,
        title="Custom schedule",
        description="custom schedule as years:percent pairs, e.g. '1:0, 2:25, 3:50, 4:100'",
    )
    employer_balance: MoneySeries | None = Field(
        default=None,
        title="Employer balance",
        description="the employer-contributed part of your account (its pieces, such as the match, "
        "profit sharing and their earnings, are added up)",
    )
    employee_balance: MoneySeries | None = Field(
        default=None,
        title="Your own contributions",
        description="the part you contributed yourself, with its earnings (always fully vested)",
    )
