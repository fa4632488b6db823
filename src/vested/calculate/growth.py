"""Future value of level contributions: what steady saving could grow to.

primer-2025's formula, FV = (c + m) × [(1 + r)^n − 1] / r, for contributions at the end of
each year; per-pay-period saving uses the pay-period rate equivalent to the annual return,
(1 + r)^(1/k) − 1, so a 6% year is still 6% however often you contribute. Salary growth
raises each year's contributions, which the closed formula cannot express, so the
balance is then carried forward year by year.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from vested.calculate.base import CalcContext, CalculationResult, CalculatorInputError, CalculatorSpec
from vested.calculate.checks import EACH_PERIOD, MAX_YEARS, PERIODS_PER_YEAR, check_number
from vested.calculate.money import money, percent, whole_dollars
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.growth import FutureValueInputs
    from vested.calculate.inputs.match import MatchFormula


RULES_AS_OF = "2025"
FACTOR_PLACES = Decimal("0.000001")
MAX_GROWTH = Decimal("0.30")
"""The highest yearly return or raise a projection takes: beyond it the figure is fantasy
(100% a year for 40 years turns $8,800 into trillions), not a plan."""

FORMULA = Citation(
    source="primer-2025",
    section="## Formula & Variables",
    paragraph=6,
    quote="FV_total = (c + m) * [ (1 + r)^n – 1 ] / r",
)
PAY_PERIODS = Citation(
    source="primer-2025",
    section="## Formula & Variables",
    paragraph=7,
    quote="If contributions are made each pay period, r should be adjusted to the pay-period return",
)
WORKED_EXAMPLE = Citation(
    source="primer-2025",
    section="## Worked Example",
    paragraph=6,
    quote="FV_total ≈ 8,800 * 79.0582 ≈ $695,712",
)


def _whole_years(value: int) -> int:
    check_number(value)
    if not 1 <= value <= MAX_YEARS:
        raise ValueError(f"must be between 1 and {MAX_YEARS} years (got {value})")
    return value


def a_contribution(inputs: FutureValueInputs) -> None:
    """A projection needs what you put in: in dollars, or as a share of a salary."""
    if inputs.contribution is None and (inputs.salary is None or inputs.deferral_rate is None):
        raise ValueError("give what you contribute each period, or your salary and the share of it you defer")


def _factor(value: Decimal) -> str:
    return f"{value.quantize(FACTOR_PLACES):f}"


def future_value(inputs: FutureValueInputs, context: CalcContext) -> CalculationResult:
    """Grow the starting balance and each period's contributions to the end of the horizon."""
    for name, rate in (("annual_return", inputs.annual_return), ("salary_growth", inputs.salary_growth)):
        if rate > MAX_GROWTH:
            raise CalculatorInputError(
                f"{percent(rate)} a year is beyond what a projection can plan on; give {percent(MAX_GROWTH)} or less",
                field=name,
            )
    per_year = PERIODS_PER_YEAR[inputs.frequency]
    rate = inputs.annual_return
    formula = inputs.match_formula
    paid_in = inputs.contribution or inputs.employer_match or inputs.deferral_rate or formula
    if not inputs.starting_balance and not paid_in:
        # "She stops contributing ... what will it grow to?" with no balance read: a projection of
        # nothing would be a confident $0, so the balance it starts from is asked for.
        raise CalculatorInputError(
            "nothing goes in and no starting balance was given; give what the account holds now",
            field="starting_balance",
        )
    period_rate = _period_rate(rate, per_year, inputs.compounded_each_period)
    # A year's growth: the yearly return itself, or the period rate compounded over the year.
    year_growth = (1 + period_rate) ** per_year if inputs.compounded_each_period else 1 + rate
    own, employer, deposit_steps = _deposits(inputs, per_year)
    per_period = own + employer
    timing = 1 + period_rate if inputs.paid_at_start else Decimal(1)
    year_factor = _annuity_factor(period_rate, per_year) * timing

    balance = inputs.starting_balance
    employee_total = Decimal(0)
    employer_total = Decimal(0)
    table = []
    milestones = {1, inputs.years, *range(5, inputs.years + 1, 5)}
    for year in range(1, inputs.years + 1):
        raise_factor = (1 + inputs.salary_growth) ** (year - 1)
        employee_year = own * per_year * raise_factor
        employer_year = employer * per_year * raise_factor
        employee_total += employee_year
        employer_total += employer_year
        balance = balance * year_growth + per_period * raise_factor * year_factor
        if year in milestones:
            table.append(
                {
                    "Year": str(year),
                    "Contributed that year": money(employee_year + employer_year),
                    "Contributed so far": money(employee_total + employer_total),
                    "Balance": money(balance),
                }
            )

    steps = deposit_steps + _steps(inputs, per_year, period_rate, own, employer, balance)
    contributed = employee_total + employer_total
    # A return of 0% or more never shrinks the money: what 28-digit rounding of a long sum
    # leaves below zero (-1E-19) is zero, not a loss to show.
    growth = max(balance - inputs.starting_balance - contributed, Decimal(0))
    citations = [FORMULA, WORKED_EXAMPLE]
    if per_year > 1:
        citations.insert(1, PAY_PERIODS)
    summary = (
        f"After {inputs.years} years at {percent(rate)} a year, the account could grow to about "
        f"{whole_dollars(balance)} ({money(balance)} to the cent)."
    )
    caveats = [
        "A projection, not a promise: real returns vary from year to year, and fees lower them.",
        f"Contributions are assumed to arrive at the {'start' if inputs.paid_at_start else 'end'} of each "
        "period; amounts are not adjusted for inflation or for tax on withdrawal.",
    ]
    limits = context.figures.limits_for(context.today.year) or context.figures.latest
    if own * per_year > limits.deferral:
        caveats.append(
            f"Your yearly contributions ({money(own * per_year)}) exceed the "
            f"{limits.year} deferral limit of {money(limits.deferral)} (more with catch-up at 50+)."
        )
    return CalculationResult(
        tool="future_value",
        summary=summary,
        inputs={**inputs.model_dump(), "match_formula": formula.describe() if formula else None},
        outputs={
            "future_value": balance,
            "contributed": contributed,
            "employee_contributions": employee_total,
            "employer_contributions": employer_total,
            "growth": growth,
            "period_rate": period_rate,
        },
        steps=steps,
        citations=citations,
        caveats=caveats,
        table=table,
        as_of=RULES_AS_OF,
    )


def _deposits(inputs: FutureValueInputs, per_year: int) -> tuple[Decimal, Decimal, list[str]]:
    """Your deposit and the employer's each period, with the steps that made them.

    Your own is the contribution, or the share of salary you defer; the employer's is the
    dollars stated plus what a match formula gives on your deferral (a share of pay, so it needs
    the salary unless the match has no cap: "50 cents on the dollar" of $4,000 is $2,000).
    """
    each = EACH_PERIOD[inputs.frequency]
    steps: list[str] = []
    if inputs.contribution is not None:
        own = inputs.contribution
    else:
        assert inputs.salary is not None and inputs.deferral_rate is not None  # checked before the run (a_contribution)
        own = inputs.salary * inputs.deferral_rate / per_year
        steps.append(f"{percent(inputs.deferral_rate)} of {money(inputs.salary)} = {money(own)} {each} yours")
    employer = inputs.employer_match
    formula = inputs.match_formula
    if formula is not None:
        matched = _formula_match(formula, inputs, own, per_year)
        steps.append(f"the match ({formula.describe()}) = {money(matched)} {each}")
        employer += matched
    return own, employer, steps


def _formula_match(formula: MatchFormula, inputs: FutureValueInputs, own: Decimal, per_year: int) -> Decimal:
    """The employer's deposit each period under a match formula, on your deposit `own`."""
    if inputs.salary is None or inputs.salary == 0:
        if formula.non_elective or any(tier.width is not None for tier in formula.tiers):
            raise CalculatorInputError(
                f"the match ({formula.describe()}) is a share of pay: give your salary", field="salary"
            )
        return formula.match_rate(Decimal(1)) * own  # one uncapped rate: a share of what you put in
    deferral = inputs.deferral_rate if inputs.deferral_rate is not None else own * per_year / inputs.salary
    formula.unsure_below(deferral)
    return inputs.salary * (formula.match_rate(deferral) + formula.non_elective) / per_year


def _period_rate(rate: Decimal, per_year: int, compounded_each_period: bool) -> Decimal:
    """The return of one contribution period: a nominal rate divided by the periods, or the
    period rate that compounds to the yearly return."""
    if per_year == 1:
        return rate
    if compounded_each_period:
        return rate / per_year
    return (1 + rate) ** (Decimal(1) / per_year) - 1


def _annuity_factor(period_rate: Decimal, periods: int) -> Decimal:
    """[(1 + i)^n − 1] / i: what n end-of-period payments of 1 grow to."""
    if period_rate == 0:
        return Decimal(periods)
    return ((1 + period_rate) ** periods - 1) / period_rate


def _steps(
    inputs: FutureValueInputs,
    per_year: int,
    period_rate: Decimal,
    own: Decimal,
    employer: Decimal,
    balance: Decimal,
) -> list[str]:
    """The arithmetic in words: the closed formula when it applies, the yearly rollforward if not."""
    steps = []
    periods = inputs.years * per_year
    per_period = own + employer
    if employer:
        steps.append(
            f"{money(own)} yours + {money(employer)} employer = {money(per_period)} {EACH_PERIOD[inputs.frequency]}"
        )
    if per_year > 1 and inputs.compounded_each_period:
        steps.append(
            f"{percent(inputs.annual_return)} compounded {inputs.frequency} is {percent(inputs.annual_return)} ÷ "
            f"{per_year} = {percent(period_rate, 4)} per period"
        )
    elif per_year > 1:
        steps.append(
            f"a {percent(inputs.annual_return)} year is (1 + {percent(inputs.annual_return)})"
            f"^(1/{per_year}) − 1 = {percent(period_rate, 4)} per {inputs.frequency} period"
        )
    if inputs.salary_growth:
        last = per_period * (1 + inputs.salary_growth) ** (inputs.years - 1)
        steps.append(
            f"contributions rise {percent(inputs.salary_growth)} a year: {money(per_period)} "
            f"{EACH_PERIOD[inputs.frequency]} in year 1, {money(last)} in year {inputs.years}"
        )
        steps.append(
            f"each year the balance grows {percent(inputs.annual_return)} and that year's "
            f"contributions, grown to year end, are added; after {inputs.years} years: "
            f"{money(balance)}"
        )
        return steps
    growth = (1 + period_rate) ** periods
    factor = _annuity_factor(period_rate, periods)
    if period_rate:
        steps.append(
            f"(1 + {percent(period_rate, 4)})^{periods} = {_factor(growth)}; "
            f"({_factor(growth)} − 1) ÷ {percent(period_rate, 4)} = {_factor(factor)}"
        )
    else:
        steps.append(f"with no return, the factor is the number of contributions: {periods}")
    if inputs.paid_at_start:
        factor *= 1 + period_rate
        steps.append(f"paid at the start of each period, each earns one period more: × (1 + {percent(period_rate, 4)})")
    contributions_value = per_period * factor
    steps.append(f"{money(per_period)} × {_factor(factor)} = {money(contributions_value)}")
    if inputs.starting_balance:
        if inputs.compounded_each_period:
            grown_start = inputs.starting_balance * growth
            grown_by = f"(1 + {percent(period_rate, 4)})^{periods}"
        else:
            grown_start = inputs.starting_balance * (1 + inputs.annual_return) ** inputs.years
            grown_by = f"(1 + {percent(inputs.annual_return)})^{inputs.years}"
        steps.append(f"starting balance {money(inputs.starting_balance)} × {grown_by} = {money(grown_start)}")
        steps.append(f"{money(contributions_value)} + {money(grown_start)} = {money(balance)}")
    return steps


CALCULATORS = (
    CalculatorSpec(
        name="future_value",
        title="Future value",
        description="What level contributions could grow to: per year or per pay period, with "
        "an optional starting balance, yearly raises and an employer match.",
        inputs_model="vested.calculate.inputs.growth:FutureValueInputs",
        run=future_value,
        stand_ins={"contribution": ("salary", "deferral_rate")},
        carries={"future_value": "starting_balance"},
        examples=(
            "vested calc future_value --contribution 8800 --annual-return 6 --years 30",
            "vested calc future_value --contribution 300 --frequency monthly --annual-return 7 "
            "--years 25 --starting-balance 20000",
        ),
    ),
)
