"""An excess deferral across two employers: the total against the year's 402(g) limit.

The deferral limit is the person's, not each plan's (IRC 402(g)(1)): each employer sees
only its own payroll, so someone who changed jobs or holds two can go over without either
plan stopping them. The limit for the year and the catch-up by age come from the dated
figures table, as in the contribution-limit calculator. An excess paid back, with its
earnings, by April 15 of the next year is taxed once; left in the plan past that date it
is taxed for the year deferred and again when it comes out (Treas. Reg. 1.402(g)-1(e)).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vested.calculate.base import CalcContext, CalculationResult, CalculatorSpec
from vested.calculate.limits import CATCH_UP_AGE, GUIDE_CATCH_UP_RULE, catch_up_for, year_limits
from vested.calculate.money import long_date, money
from vested.knowledge.figures import YearLimits
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.excess import ExcessDeferralInputs


FAQ_TWO_EMPLOYERS = Citation(
    source="faq-2019",
    section="Contribution Rules",
    paragraph=5,
    quote="if you work for two or more employers during the year, then you have the responsibility",
)
PER_PERSON_LIMIT = Citation(source="irc-402g", section="402(g)(1)-(2)")
CORRECTION = Citation(source="treas-reg-1-402g-1", section="1.402(g)-1(e)")
CATCH_UP_LAW = Citation(source="irc-414v", section="414(v)")


def excess_deferral(inputs: ExcessDeferralInputs, context: CalcContext) -> CalculationResult:
    """Total deferred, your limit for the year, the excess and the date to have it paid back."""
    year = inputs.year or context.today.year
    limits = year_limits(context, year)
    total = inputs.first_plan + inputs.second_plan
    age = inputs.age if inputs.age is not None else 0
    catch_up = catch_up_for(limits, age, inputs.plan_allows_60_63)
    limit = limits.deferral + catch_up
    steps = [
        f"{money(inputs.first_plan)} + {money(inputs.second_plan)} = {money(total)} deferred in {year} in both plans",
        f"{year} deferral limit, for all your plans together: {money(limits.deferral)}",
    ]
    citations = [FAQ_TWO_EMPLOYERS, PER_PERSON_LIMIT, Citation(source=limits.notice)]
    if catch_up:
        steps.append(
            f"age {age} at year end: catch-up of {money(catch_up)}; "
            f"{money(limits.deferral)} + {money(catch_up)} = {money(limit)} for you"
        )
        citations.extend([GUIDE_CATCH_UP_RULE, CATCH_UP_LAW])
    elif inputs.age is not None:
        steps.append(f"age {age} at year end, under {CATCH_UP_AGE}: no catch-up")
    deadline = date(year + 1, 4, 15)
    outputs: dict[str, Any] = {
        "total_deferred": total,
        "deferral_limit": limits.deferral,
        "catch_up": catch_up,
        "limit": limit,
        "excess": Decimal(0),
        "room_left": Decimal(0),
    }
    caveats = [
        "Each employer sees only its own plan: the limit is yours across all your 401(k), 403(b) and "
        "SIMPLE plans together. A 457(b) plan has its own, separate limit, and employer money does not count.",
    ]
    if total > limit:
        excess = total - limit
        outputs.update(excess=excess, correction_deadline=deadline)
        steps.append(f"{money(total)} − {money(limit)} = {money(excess)} over the limit")
        steps.append(
            f"paid back with its earnings by {long_date(deadline)}, the {money(excess)} is taxed once, for "
            f"{year}; left in the plan, it is taxed for {year} and again when it comes out"
        )
        citations.append(CORRECTION)
        summary = (
            f"You deferred {money(total)} in {year}, {money(excess)} over your {money(limit)} limit: have "
            f"the excess paid back, with its earnings, by {long_date(deadline)} so it is taxed only once."
        )
        caveats.append(
            "Tell the plan you want it to return the excess from by its own deadline (often March 1); the "
            f"excess is taxed for {year}, its earnings for the year they are paid."
        )
        if inputs.age is None:
            summary += f" This assumes you are under {CATCH_UP_AGE} at the end of {year}."
            caveats.append(_catch_up_note(limits, total, year))
    else:
        room = limit - total
        outputs["room_left"] = room
        steps.append(f"{money(total)} is within the {money(limit)} limit: {money(room)} of room left")
        summary = f"You deferred {money(total)} in {year}, within your {money(limit)} limit: no excess."
        if inputs.age is None:
            caveats.append(f"At 50 or older by December 31, {year}, the catch-up raises the limit further.")
    return CalculationResult(
        tool="excess_deferral",
        summary=summary,
        inputs={**inputs.model_dump(), "year": year},
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=str(year),
    )


def _catch_up_note(limits: YearLimits, total: Decimal, year: int) -> str:
    """With no age given the limit assumed no catch-up: what the excess is with one."""
    notes = []
    for label, catch_up in (("50 or older", limits.catch_up_50), ("60 to 63", limits.catch_up_60_63)):
        if catch_up is None:
            continue
        over = total - limits.deferral - catch_up
        excess = f"{money(over)} over" if over > 0 else "no excess"
        notes.append(f"{label} by December 31, {year} ({money(catch_up)} of catch-up): {excess}")
    return "At " + "; at ".join(notes) + " (the 60-to-63 amount only where the plan offers it)."


CALCULATORS = (
    CalculatorSpec(
        name="excess_deferral",
        title="Excess deferral (two employers)",
        description="Deferrals at two employers in one year against your 402(g) limit with the "
        "catch-up for your age: the excess, and the April 15 deadline to have it paid back.",
        inputs_model="vested.calculate.inputs.excess:ExcessDeferralInputs",
        run=excess_deferral,
        examples=(
            "vested calc excess_deferral --first-plan 15000 --second-plan 12000 --year 2026",
            "vested calc excess_deferral --first-plan 20000 --second-plan 10000 --age 52 --year 2026",
        ),
    ),
)
