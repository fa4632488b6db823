"""Vesting: how much of the employer's money is yours after so many years of service.

Cliff schedules give nothing until a year, then everything; graded schedules add a step
each year; some plans publish their own table. Only completed years count. Your own
deferrals are always fully vested, so only the employer balance is ever at stake.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any

from vested.calculate.base import (
    CalcContext,
    CalculationResult,
    CalculatorInputError,
    CalculatorSpec,
)
from vested.calculate.checks import check_number
from vested.calculate.money import money, percent
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.vesting import VestingInputs


RULES_AS_OF = "2025"
FULL = Decimal(1)
LEGAL_CLIFF_YEARS = 3
LEGAL_GRADED_START = 2
LEGAL_GRADED_STEP = Decimal("0.20")
CHECKED_YEARS = range(0, 11)
SCHEDULE_PARAMETERS = {
    "cliff": ("cliff_years",),
    "graded": ("graded_start_year", "graded_step"),
    "custom": ("custom_schedule",),
    "immediate": (),
}

GUIDE_CLIFF = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=4,
    quote="Under a three-year cliff vesting schedule, an employee is 100% vested after three years of service.",
)
GUIDE_GRADED = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=4,
    quote="a common example is a two-to-six-year schedule where vesting increases by 20% each year",
)
GUIDE_OWN_MONEY = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=4,
    quote="Employee contributions are always 100% vested immediately.",
)
FAQ_CLIFF = Citation(
    source="faq-2019",
    section="401(k) Disadvantages",
    paragraph=3,
    quote="either a 3-year “cliff” plan (100% after 3 years)",
)
FAQ_GRADED = Citation(
    source="faq-2019",
    section="401(k) Disadvantages",
    paragraph=3,
    quote="a 6-year “graded” plan (20% per year in years 2 through 6)",
)
CHECK_THE_PLAN = Citation(
    source="primer-2025",
    section="## Limits & Misconceptions",
    paragraph=1,
    quote="never assume immediate ownership of employer contributions until you check the plan’s vesting rules",
)
MINIMUM_VESTING = Citation(source="irc-411a", section="411(a)(2)(B)")

# A format parser of a typed vesting table ("2:20, 3:40"); tests/test_format_parsers.py.
_TABLE_ROW = re.compile(r"(\d+)\s*(?:years?|yrs?|y)?\s*[:=]\s*(\d+(?:\.\d+)?)\s*%?")


def _custom_table(value: Any) -> Any:
    """'2:20, 3:40, 4:60, 5:80, 6:100' (years: percent vested) -> {2: 0.2, ...}."""
    if not isinstance(value, str):
        return value
    rows = _TABLE_ROW.findall(value)
    if not rows:
        raise ValueError(
            f"could not be read from {value!r}; write it like '2:20, 3:40, 4:60, 5:80, 6:100' "
            "(years of service: percent vested)"
        )
    table: dict[int, Decimal] = {}
    for years, share in rows:
        if len(years.lstrip("0")) > 3:
            raise ValueError(f"has a row for {years[:12]}… years of service; no schedule runs that long")
        if int(years) in table:
            raise ValueError(f"gives year {int(years)} twice; give each year of service once")
        table[int(years)] = Decimal(share) / 100
    return table


def _check_table(table: dict[int, Decimal]) -> dict[int, Decimal]:
    previous = Decimal(0)
    for years in sorted(table):
        share = table[years]
        if not 0 <= share <= 1:
            raise ValueError(f"must give percentages from 0 to 100 (year {years}: {percent(share)})")
        if share < previous:
            raise ValueError(f"must not go down with more service (year {years})")
        previous = share
    return dict(sorted(table.items()))


def _schedule_years(value: int) -> int:
    check_number(value)
    if not 1 <= value <= 10:
        raise ValueError(f"must be between 1 and 10 years (got {value})")
    return value


def _rule(inputs: VestingInputs) -> tuple[Callable[[int], Decimal], str]:
    """The schedule as completed years -> vested share, and its name ("a 3-year cliff")."""
    if inputs.schedule == "immediate":
        return (lambda years: FULL), "immediate vesting"
    if inputs.schedule == "cliff":
        cliff = inputs.cliff_years
        return (lambda years: FULL if years >= cliff else Decimal(0)), f"a {cliff}-year cliff schedule"
    if inputs.schedule == "graded":
        start, step = inputs.graded_start_year, inputs.graded_step
        if step <= 0:
            raise CalculatorInputError("a graded schedule needs a step above 0%", field="graded_step")
        last = start + math.ceil(FULL / step) - 1

        def graded(years: int) -> Decimal:
            return Decimal(0) if years < start else min(FULL, step * (years - start + 1))

        return graded, f"a {start}-to-{last}-year graded schedule ({percent(step)} a year)"
    table = inputs.custom_schedule
    if not table:
        raise CalculatorInputError(
            "a custom schedule needs its table, e.g. --custom-schedule '1:0, 2:25, 3:50, 4:100'",
            field="custom_schedule",
        )

    def custom(years: int) -> Decimal:
        return max((share for year, share in table.items() if year <= years), default=Decimal(0))

    return custom, "your plan's own schedule"


def _meets_legal_minimum(rule: Callable[[int], Decimal]) -> bool:
    """At least as fast as a 3-year cliff, or at least as fast as 2-to-6-year graded."""

    def cliff(years: int) -> Decimal:
        return FULL if years >= LEGAL_CLIFF_YEARS else Decimal(0)

    def graded(years: int) -> Decimal:
        return min(FULL, max(Decimal(0), LEGAL_GRADED_STEP * (years - LEGAL_GRADED_START + 1)))

    return any(all(rule(years) >= floor(years) for years in CHECKED_YEARS) for floor in (cliff, graded))


def vesting(inputs: VestingInputs, context: CalcContext) -> CalculationResult:
    """The vested share after the completed years of service, and what it means in dollars."""
    rule, name = _rule(inputs)
    completed = int(inputs.years_of_service.to_integral_value(rounding=ROUND_FLOOR))
    share = rule(completed)
    steps = []
    if completed != inputs.years_of_service:
        steps.append(f"{inputs.years_of_service:f} years of service count as {completed} completed years")
    year_word = "year" if completed == 1 else "years"
    steps.append(f"{name}: {completed} completed {year_word} → {percent(share)} vested")
    outputs: dict[str, Any] = {"completed_years": completed, "vested_rate": share}
    summary = (
        f"After {completed} {year_word} of service "
        f"{'with' if inputs.schedule == 'immediate' else 'on'} {name}, you are {percent(share)} "
        "vested in employer contributions."
    )
    employer = _added_up(inputs.employer_balance, "employer money", steps)
    own = _added_up(inputs.employee_balance, "your own money", steps)
    if employer is not None:
        vested = employer * share
        unvested = employer - vested
        steps.append(
            f"{percent(share)} of {money(employer)} employer balance = "
            f"{money(vested)} vested; {money(unvested)} not yet"
        )
        outputs.update(vested_employer=vested, unvested_employer=unvested)
        summary += f" That is {money(vested)} of the {money(employer)}."
        total = vested
        if own is not None:
            total += own
            steps.append(f"your own {money(own)} is 100% vested: {money(vested)} + {money(own)} = {money(total)} yours")
            outputs["total_vested"] = total
            summary += f" With your own contributions, {money(total)} is yours."
    elif own is not None:
        steps.append(f"your own {money(own)} is 100% vested")
        outputs["total_vested_own"] = own
    citations = {
        "cliff": [GUIDE_CLIFF, FAQ_CLIFF],
        "graded": [GUIDE_GRADED, FAQ_GRADED],
    }.get(inputs.schedule, [CHECK_THE_PLAN])
    citations = [*citations, GUIDE_OWN_MONEY, MINIMUM_VESTING]
    caveats = [
        "Your own contributions are always 100% yours; vesting applies only to employer money.",
        "Plans count a year of service in their own way (often 1,000 hours in a plan year).",
    ]
    if not _meets_legal_minimum(rule):
        caveats.append(
            "This schedule is slower than the legal minimum for employer contributions (a 3-year "
            "cliff or 2-to-6-year graded); check the plan document."
        )
    table = []
    if inputs.schedule in ("graded", "custom"):
        full_at = next((years for years in range(0, 101) if rule(years) >= FULL), None)
        last = full_at if full_at is not None else max(completed, 10)
        table = [{"Years of service": str(years), "Vested": percent(rule(years))} for years in range(0, last + 1)]
    return CalculationResult(
        tool="vesting",
        summary=summary,
        inputs=_inputs_used(inputs),
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        table=table,
        as_of=RULES_AS_OF,
    )


def _added_up(sums: list[Decimal] | None, whose: str, steps: list[str]) -> Decimal | None:
    """One source's money from its pieces (contributions, earnings, a match), the sum in the steps."""
    if sums is None:
        return None
    total = sum(sums, Decimal(0))
    if len(sums) > 1:
        steps.append(f"{whose}: {' + '.join(money(value) for value in sums)} = {money(total)}")
    return total


def _inputs_used(inputs: VestingInputs) -> dict[str, Any]:
    """The inputs without the parameters of the schedules not chosen."""
    unused = {name for schedule, names in SCHEDULE_PARAMETERS.items() if schedule != inputs.schedule for name in names}
    return {name: value for name, value in inputs.model_dump().items() if name not in unused}


CALCULATORS = (
    CalculatorSpec(
        name="vesting",
        title="Vesting",
        description="How much of the employer's contributions you own after your years of "
        "service, on a cliff, graded or custom schedule.",
        inputs_model="vested.calculate.inputs.vesting:VestingInputs",
        run=vesting,
        examples=(
            "vested calc vesting --schedule cliff --years-of-service 3",
            "vested calc vesting --schedule graded --years-of-service 5 --employer-balance 12000",
        ),
    ),
)
