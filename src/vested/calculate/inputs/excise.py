"""The input models of vested.calculate.excise (see vested.calculate.inputs)."""

from __future__ import annotations

from pydantic import Field

from vested.calculate.fields import CalendarYear, Money
from vested.calculate.inputs import CalculatorInputs


class MissedRmdInputs(CalculatorInputs):
    """The RMD required, what was taken toward it, and whether the shortfall was put right in time."""

    required_rmd: Money = Field(
        title="RMD required", description="the required minimum distribution (RMD) you had to take for the year"
    )
    taken: Money = Field(
        title="Taken",
        description="what you took (withdrew) toward that RMD by its deadline; 0 if you took nothing",
    )
    corrected_in_time: bool = Field(
        default=False,
        title="Corrected in time",
        description="you take the missed amount and report it within the correction window (then 10%, not 25%)",
    )
    year: CalendarYear | None = Field(
        default=None,
        title="Year it fell due",
        description="the year the RMD had to be taken by (before 2023 the tax was 50%); default: the current rules",
    )
