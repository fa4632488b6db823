"""Retirement projection: future_value year by year, with what-ifs and Traditional vs Roth.

The balance for each year is the future_value calculator run to that year, so every row
of the table (and every point of the chart) is a number `vested calc future_value`
gives for the same inputs. The employer's contribution for a deferral rate comes from
the employer_match calculator. Fees are taken off the return.

Traditional against Roth compares the same cost to take-home pay: a Traditional deferral
of C costs C × (1 − tax now) of take-home pay, which buys a Roth deferral of that size.
Both grow alike, so Traditional leaves FV × (1 − tax in retirement) after tax and Roth
FV × (1 − tax now): whichever rate is lower wins.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vested.calculate.base import CalculationResult
from vested.calculate.money import money, percent
from vested.walkthroughs.answers import AnswerError
from vested.walkthroughs.engine import WalkContext
from vested.walkthroughs.flows.common import caveats_of, prefixed
from vested.walkthroughs.results import Metric, ResultTable, Series, WalkResult

ZERO = Decimal(0)
ONE = Decimal(1)
LATER_YEARS = 2
FIELDS = {
    "formula": "formula",
    "deferral_rate": "deferral",
    "salary": "salary",
    "annual_return": "expected_return",
    "starting_balance": "balance",
    "salary_growth": "salary_growth",
}


class _Plan:
    """The inputs that stay fixed across the what-ifs, and the projection they make."""

    def __init__(self, answers: dict[str, Any], context: WalkContext):
        self.answers = answers
        self.context = context
        self.salary: Decimal = answers["salary"]
        self.formula: str | None = answers.get("formula") if answers.get("has_match") else None
        self._employer_rates: dict[Decimal, Decimal] = {}
        self.match_results: list[CalculationResult] = []

    def employer_rate(self, deferral: Decimal) -> Decimal:
        """The employer's contribution as a share of pay at this deferral rate."""
        if self.formula is None:
            return ZERO
        if deferral not in self._employer_rates:
            result = self.context.calculate(
                "employer_match", {"formula": self.formula, "deferral_rate": deferral}, FIELDS
            )
            self.match_results.append(result)
            self._employer_rates[deferral] = result.outputs["employer_rate_of_pay"]
        return self._employer_rates[deferral]

    def project(self, deferral: Decimal, years: int, fees: Decimal, employer: bool = True) -> CalculationResult:
        net_return = max(self.answers["expected_return"] - fees, ZERO)
        return self.context.calculate(
            "future_value",
            {
                "contribution": self.salary * deferral,
                "employer_match": self.salary * self.employer_rate(deferral) if employer else ZERO,
                "annual_return": net_return,
                "years": years,
                "starting_balance": self.answers["balance"] if employer else ZERO,
                "salary_growth": self.answers["salary_growth"],
            },
            FIELDS,
        )


def compute(answers: dict[str, Any], context: WalkContext) -> WalkResult:
    age: int = answers["age"]
    retire_at: int = answers["retirement_age"]
    if retire_at <= age:
        raise AnswerError("retirement_age", f"Retirement age ({retire_at}) must be after your age now ({age})")
    years = retire_at - age
    deferral: Decimal = answers["deferral"]
    fees: Decimal = answers["fees"]
    plan = _Plan(answers, context)
    base = plan.project(deferral, years, fees)
    final: Decimal = base.outputs["future_value"]

    yearly = [plan.project(deferral, year, fees) for year in range(1, years)] + [base]
    points = [(age, answers["balance"])]
    rows = []
    contributed_before = ZERO
    for year, result in enumerate(yearly, 1):
        balance = result.outputs["future_value"]
        contributed = result.outputs["contributed"]
        points.append((age + year, balance))
        rows.append(
            [str(age + year), str(context.today.year + year), money(contributed - contributed_before), money(balance)]
        )
        contributed_before = contributed

    what_ifs = _what_ifs(plan, deferral, years, fees, retire_at)
    metrics = [
        Metric("balance_at_retirement", "Balance at retirement", final, "money"),
        Metric("contributed", "Contributed (you and employer)", base.outputs["contributed"], "money"),
        Metric("employer_contributions", "From your employer", base.outputs["employer_contributions"], "money"),
        Metric("growth", "Growth", base.outputs["growth"], "money"),
        Metric("net_return", "Return after fees", max(answers["expected_return"] - fees, ZERO), "percent"),
    ]
    what_if_rows = []
    for key, label, case, result in what_ifs:
        value = result.outputs["future_value"]
        metrics.append(Metric(f"what_if.{key}", f"What if {label}", value, "money"))
        what_if_rows.append([case, money(value), f"+{money(value - final)}"])
    steps = [
        f"{years} years from {age} to {retire_at}; return {percent(answers['expected_return'])} − "
        f"fees {percent(fees)} = {percent(max(answers['expected_return'] - fees, ZERO))} a year",
        *prefixed("Projection", base),
    ]
    consequences = [
        f"Over {years} years you and your employer put in {money(base.outputs['contributed'])}; "
        f"growth adds {money(base.outputs['growth'])}.",
    ]
    if what_ifs:
        consequences.append(
            f"Deferring one point more ({percent(min(deferral + Decimal('0.01'), ONE))}) would add "
            f"{money(what_ifs[0][3].outputs['future_value'] - final)} by {retire_at}."
        )
    tables = [
        ResultTable(
            "What-ifs",
            ["Scenario", "Balance at retirement", "Difference"],
            [["As answered", money(final), ""], *what_if_rows],
        ),
    ]
    citations = context.entry_citations("projections.future-value-formula")[:2]
    if answers.get("compare_roth"):
        roth_metrics, roth_table, roth_steps, roth_line = _roth(plan, deferral, years, fees)
        metrics += roth_metrics
        tables.append(roth_table)
        steps += roth_steps
        consequences.append(roth_line)
        citations += context.entry_citations("roth.how-to-choose")
    tables.append(ResultTable("Balance by year", ["Age", "Year", "Contributed that year", "Balance"], rows))
    return WalkResult(
        headline=(
            f"At {retire_at} your account could hold about {money(final)}: {years} years at "
            f"{percent(max(answers['expected_return'] - fees, ZERO))} a year after fees."
        ),
        metrics=metrics,
        tables=tables,
        consequences=consequences,
        steps=steps,
        caveats=caveats_of(base),
        citations=citations,
        calculations=[base, *plan.match_results[:1]],
        series=Series("Balance by age", "Age", "Balance", points),
        as_of=base.as_of,
    )


def _what_ifs(
    plan: _Plan, deferral: Decimal, years: int, fees: Decimal, retire_at: int
) -> list[tuple[str, str, str, CalculationResult]]:
    """(key, general label, this case's label, projection): save more, retire later, lower fees.

    The general label names the metric, so what-if tables line up across scenarios; the
    specific one (the actual rate or age) is for this result's own table.
    """
    found = []
    for points in (1, 3):
        raised = min(deferral + Decimal(points) / 100, ONE)
        if raised > deferral:
            found.append(
                (
                    f"deferral_plus_{points}",
                    f"you defer {points} {'point' if points == 1 else 'points'} more",
                    f"You defer {percent(raised)}",
                    plan.project(raised, years, fees),
                )
            )
    found.append(
        (
            "retire_later",
            f"you retire {LATER_YEARS} years later",
            f"You retire at {retire_at + LATER_YEARS}",
            plan.project(deferral, years + LATER_YEARS, fees),
        )
    )
    if fees:
        found.append(
            (
                "half_fees",
                "fees are halved",
                f"Fees are {percent(fees / 2, 3)}",
                plan.project(deferral, years, fees / 2),
            )
        )
    return found


def _roth(
    plan: _Plan, deferral: Decimal, years: int, fees: Decimal
) -> tuple[list[Metric], ResultTable, list[str], str]:
    """Your own contributions as Traditional or as Roth, after tax, at the same cost now."""
    tax_now: Decimal = plan.answers["tax_now"]
    tax_later: Decimal = plan.answers["tax_retirement"]
    own = plan.project(deferral, years, fees, employer=False)
    grown: Decimal = own.outputs["future_value"]
    traditional = grown * (ONE - tax_later)
    roth = grown * (ONE - tax_now)
    difference = roth - traditional
    metrics = [
        Metric("roth.your_contributions_grown", "Your contributions grown", grown, "money"),
        Metric("roth.traditional_after_tax", "Traditional, after tax", traditional, "money"),
        Metric("roth.roth_after_tax", "Roth, after tax", roth, "money"),
        Metric("roth.difference", "Roth minus Traditional", difference, "money"),
    ]
    table = ResultTable(
        "Traditional or Roth (your own contributions, same cost to your pay now)",
        ["", "Traditional", "Roth"],
        [
            ["Taxed", f"on withdrawal, at {percent(tax_later)}", f"now, at {percent(tax_now)}"],
            ["After tax at retirement", money(traditional), money(roth)],
        ],
    )
    steps = [
        *prefixed("Your contributions alone", own),
        f"Traditional: {money(grown)} × (1 − {percent(tax_later)}) = {money(traditional)} after tax",
        f"Roth at the same cost now: {money(grown)} × (1 − {percent(tax_now)}) = {money(roth)}",
    ]
    if difference > 0:
        line = (
            f"With {percent(tax_now)} now and {percent(tax_later)} in retirement, Roth comes out "
            f"{money(difference)} ahead: paying the tax now costs less than paying it later."
        )
    elif difference < 0:
        line = (
            f"With {percent(tax_now)} now and {percent(tax_later)} in retirement, Traditional comes "
            f"out {money(-difference)} ahead: the deduction now is worth more than the tax later."
        )
    else:
        line = "With the same tax rate now and in retirement, Traditional and Roth come out even."
    return metrics, table, steps, line
