"""Contribution limits for a year and an age, from the dated figures table.

The figures come from knowledge/figures.toml, one row per year with the IRS notice that
set them; a year missing from the table is an error rather than a guess. Age is the age
reached by the end of the year, which is how catch-up eligibility is tested.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vested.calculate.base import (
    CalcContext,
    CalculationResult,
    CalculatorInputError,
    CalculatorSpec,
)
from vested.calculate.money import money, parse_amount
from vested.knowledge.figures import YearLimits
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.limits import ContributionLimitInputs, QuotedName


CATCH_UP_AGE = 50
SUPER_CATCH_UP_AGES = range(60, 64)
ROTH_CATCH_UP_FROM = 2026
# SECURE 2.0 sec. 603: $145,000 indexed; each year's figure is in figures.toml (roth_catch_up_wages).

GUIDE_LIMITS_RULE = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=1,
    quote="Employee contributions are subject to annual limits set by the Internal Revenue Service (IRS).",
)
GUIDE_2025_LIMIT = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=1,
    quote="For 2025, the maximum amount an employee under age 50 can contribute is $23,500.",
)
GUIDE_CATCH_UP_RULE = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=2,
    quote="The IRS allows for catch-up contributions for those closer to retirement.",
)
GUIDE_2025_CATCH_UP = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=2,
    quote="Employees aged 50 and over can contribute an additional $7,500 for 2025, for a total of $31,000.",
)
GUIDE_60_63 = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=2,
    quote="allows a higher catch-up amount of $11,250 for those aged 60 to 63, if the plan permits it",
)
FAQ_2019_LIMIT = Citation(
    source="faq-2019",
    section="Contribution Rules",
    paragraph=4,
    quote="a person’s maximum before-tax contribution (i.e., 401(k) limit) for 2019 is $19,000, up $500 from 2018.",
)
FAQ_2019_CATCH_UP = Citation(
    source="faq-2019",
    section="Contribution Rules",
    paragraph=6,
    quote="The additional contribution amount is $6,000 in 2019 (unchanged from 2018).",
)
FAQ_415 = Citation(
    source="faq-2019",
    section="Contribution Rules",
    paragraph=9,
    quote="each year to the lesser of 100% of annual compensation, or some magic number",
)
SECURE_2_CATCH_UPS = Citation(source="secure-2-act-2022", section="sec. 109 (ages 60 to 63)")
SECURE_2_ROTH = Citation(source="secure-2-act-2022", section="sec. 603 (Roth catch-up)")


# The limits of a year's row a question may quote by name (knowledge/language/settings.toml [[quoted_limit]]),
# as the reading shows them.
QUOTED_LABELS: dict[str, str] = {
    "deferral": "deferral limit",
    "catch_up_50": "catch-up",
    "annual_additions": "415(c) limit",
}
QUOTED_EXAMPLE = "deferral=18000, catch_up_50=6000"
_QUOTED_ROW = re.compile(r"\s*([a-z_0-9]+)\s*=\s*([^,;]+)")


def quoted_rows(value: Any) -> Any:
    """'deferral=18000, catch_up_50=6000' (typed after `--quoted-limits`) -> {'deferral': Decimal('18000'), ...};
    a mapping, as the reading gives it, passes as it is."""
    if not isinstance(value, str):
        return value
    rows = _QUOTED_ROW.findall(value.lower())
    if not rows:
        raise ValueError(f"could not be read from {value!r}; write it like {QUOTED_EXAMPLE!r}")
    try:
        return {name: parse_amount(amount.strip()) for name, amount in rows}
    except ValueError:
        raise ValueError(f"could not be read from {value!r}; write it like {QUOTED_EXAMPLE!r}") from None


def year_limits(context: CalcContext, year: int) -> YearLimits:
    """The year's row of the figures table; a year not in it is said plainly, never replaced by another."""
    row = context.figures.limits_for(year)
    if row is None:
        latest = context.figures.latest
        raise CalculatorInputError(
            f"{year} is not in my table; the latest I know is {latest.year} "
            f"({money(latest.deferral)} deferral limit), and the earliest {context.figures.years[0]}",
            field="year",
        )
    return row


def super_catch_up_applies(limits: YearLimits, age: int, plan_allows_60_63: bool) -> bool:
    """The higher catch-up for ages 60 to 63: in the law from 2025, and only where the plan offers it."""
    return age in SUPER_CATCH_UP_AGES and limits.catch_up_60_63 is not None and plan_allows_60_63


def catch_up_for(limits: YearLimits, age: int, plan_allows_60_63: bool = True) -> Decimal:
    """The catch-up a person of this age at year end may add to the year's deferral limit."""
    if super_catch_up_applies(limits, age, plan_allows_60_63) and limits.catch_up_60_63 is not None:
        return limits.catch_up_60_63
    return limits.catch_up_50 if age >= CATCH_UP_AGE else Decimal(0)


def _seed_citations(year: int, catch_up: bool, super_catch_up: bool) -> list[Citation]:
    """The seed passages for this year's figures; the general rule for other years."""
    if year == 2025:
        cites = [GUIDE_2025_LIMIT]
        if catch_up:
            cites.append(GUIDE_60_63 if super_catch_up else GUIDE_2025_CATCH_UP)
        return cites
    if year in (2018, 2019):
        cites = [FAQ_2019_LIMIT]
        if catch_up:
            cites.append(FAQ_2019_CATCH_UP)
        return cites
    cites = [GUIDE_LIMITS_RULE]
    if catch_up:
        cites.append(GUIDE_60_63 if super_catch_up else GUIDE_CATCH_UP_RULE)
    return cites


def _check_quoted(inputs: ContributionLimitInputs, limits: YearLimits, context: CalcContext, steps: list[str]) -> None:
    """The limits the question quotes are the year's (else the question is about another year), said in a step
    with every year of the table they fit, so a misreading of the year is seen at once."""
    if not inputs.quoted_limits:
        return
    quoted = inputs.quoted_limits
    said = ", ".join(f"{QUOTED_LABELS[name]} {money(amount)}" for name, amount in quoted.items())
    if not _fits(quoted, limits):
        raise CalculatorInputError(
            f"the limits you quote ({said}) are not {limits.year}'s; name the year they are from", field="year"
        )
    others = [str(row.year) for row in context.figures.limits if row.year != limits.year and _fits(quoted, row)]
    also = f" (also {' and '.join(others)}'s, the same limits)" if others else ""
    steps.append(f"the limits you quote ({said}) are {limits.year}'s{also}")


def _fits(quoted: Mapping[QuotedName, Decimal], limits: YearLimits) -> bool:
    """Is every quoted limit the year's own figure of that name?"""
    return all(getattr(limits, name) == amount for name, amount in quoted.items())


def _age_at_year_end(inputs: ContributionLimitInputs, year: int, steps: list[str]) -> int:
    """The age on December 31 of the year: given, or from the birth date (both must agree)."""
    if inputs.birth_date is None:
        if inputs.age is None:
            raise CalculatorInputError("give your age at the end of the year, or your birth date", field="age")
        return inputs.age
    age = year - inputs.birth_date.year
    if inputs.age is not None and inputs.age != age:
        raise CalculatorInputError(
            f"born in {inputs.birth_date.year}, you are {age} at the end of {year}, not {inputs.age}", field="age"
        )
    steps.append(f"born in {inputs.birth_date.year}: age {age} by December 31, {year}")
    return age


def contribution_limit(inputs: ContributionLimitInputs, context: CalcContext) -> CalculationResult:
    """The deferral limit, the catch-up that applies at this age, and the 415(c) limit."""
    year = inputs.year or context.today.year
    limits = year_limits(context, year)
    steps: list[str] = []
    _check_quoted(inputs, limits, context, steps)
    steps.append(f"{year} elective deferral limit: {money(limits.deferral)}")
    age = _age_at_year_end(inputs, year, steps)
    catch_up_eligible = age >= CATCH_UP_AGE
    super_eligible = super_catch_up_applies(limits, age, inputs.plan_allows_60_63)
    catch_up = catch_up_for(limits, age, inputs.plan_allows_60_63)
    if super_eligible:
        steps.append(f"age {age} at year end, 60 to 63: catch-up of {money(catch_up)}")
    elif catch_up_eligible:
        steps.append(f"age {age} at year end, 50 or over: catch-up of {money(catch_up)}")
        if age in SUPER_CATCH_UP_AGES and limits.catch_up_60_63 is not None:
            steps.append("the higher 60-63 catch-up is left out: your plan does not offer it")
    else:
        steps.append(f"age {age} at year end, under 50: no catch-up")
    total = limits.deferral + catch_up
    if catch_up:
        steps.append(f"{money(limits.deferral)} + {money(catch_up)} = {money(total)} you can defer")
    steps.append(
        f"all additions together (yours and the employer's, catch-up aside) are capped at "
        f"{money(limits.annual_additions)}, or 100% of pay if less"
    )
    if catch_up:
        steps.append(
            f"the catch-up does not count toward that cap: with it, {money(limits.annual_additions)} + "
            f"{money(catch_up)} = {money(limits.annual_additions + catch_up)} can go in altogether"
        )
    outputs: dict[str, Any] = {
        "deferral_limit": limits.deferral,
        "catch_up": catch_up,
        "total_employee_limit": total,
        "annual_additions_limit": limits.annual_additions,
        "annual_additions_with_catch_up": limits.annual_additions + catch_up,
    }
    citations = [
        *_seed_citations(year, catch_up_eligible, super_eligible),
        FAQ_415,
        Citation(source=limits.notice),
    ]
    if super_eligible:
        citations.append(SECURE_2_CATCH_UPS)
    caveats = [
        "The deferral limit covers all your 401(k) and 403(b) deferrals together, Traditional "
        "and Roth, even across employers; the plan may set a lower cap.",
    ]
    if age in SUPER_CATCH_UP_AGES and limits.catch_up_60_63 is not None and not super_eligible:
        caveats.append(f"Plans that offer it allow {money(limits.catch_up_60_63)} of catch-up at ages 60 to 63.")
    roth_rule = _roth_catch_up(inputs, year, catch_up, steps, outputs, caveats, limits.roth_catch_up_wages)
    if roth_rule:
        citations.append(SECURE_2_ROTH)
    summary = f"In {year}, at age {age}, you can defer up to {money(total)}"
    summary += f" ({money(limits.deferral)} plus {money(catch_up)} of catch-up)." if catch_up else "."
    if inputs.contributed is not None:
        summary += " " + _room_left(inputs.contributed, total, outputs, steps)
    if outputs.get("roth_catch_up_required"):
        summary += " The catch-up must go in as Roth."
    return CalculationResult(
        tool="contribution_limit",
        summary=summary,
        inputs={**inputs.model_dump(), "year": year},
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=str(year),
    )


def _room_left(contributed: Decimal, total: Decimal, outputs: dict[str, Any], steps: list[str]) -> str:
    """What may still go in this year after what was deferred so far (at every employer together), or
    how far over the limit it already is; the summary's sentence."""
    room = max(Decimal(0), total - contributed)
    over = max(Decimal(0), contributed - total)
    outputs["contributed"] = contributed
    outputs["room_left"] = room
    if over:
        outputs["excess"] = over
        steps.append(f"{money(contributed)} deferred so far − {money(total)} = {money(over)} over the limit")
        return (
            f"Having deferred {money(contributed)}, you are {money(over)} over it: ask a plan to pay the excess "
            "back, with its earnings, by April 15 of next year."
        )
    steps.append(f"{money(total)} − {money(contributed)} deferred so far = {money(room)} more you can defer")
    return f"Having deferred {money(contributed)}, you can put in {money(room)} more."


def _roth_catch_up(
    inputs: ContributionLimitInputs,
    year: int,
    catch_up: Decimal,
    steps: list[str],
    outputs: dict[str, Any],
    caveats: list[str],
    threshold: Decimal | None,
) -> bool:
    """From 2026 the catch-up of higher earners must be Roth; True when the rule was applied."""
    if year < ROTH_CATCH_UP_FROM or not catch_up:
        return False
    if threshold is None:
        return False
    if inputs.prior_year_fica_wages is None:
        caveats.append(
            f"From {ROTH_CATCH_UP_FROM}, if last year's FICA wages from this employer were over "
            f"{money(threshold)}, the catch-up must go in as Roth."
        )
        return True
    required = inputs.prior_year_fica_wages > threshold
    outputs["roth_catch_up_required"] = required
    comparison = "over" if required else "not over"
    steps.append(
        f"last year's FICA wages {money(inputs.prior_year_fica_wages)} are {comparison} "
        f"{money(threshold)}: the catch-up {'must' if required else 'need not'} be Roth"
    )
    return True


CALCULATORS = (
    CalculatorSpec(
        name="contribution_limit",
        title="Contribution limit",
        description="How much you can defer in a year at your age: the deferral limit, the "
        "age-50 and age-60-to-63 catch-ups, the 415(c) total, the Roth catch-up rule.",
        inputs_model="vested.calculate.inputs.limits:ContributionLimitInputs",
        run=contribution_limit,
        stand_ins={"age": ("birth_date",)},
        examples=(
            "vested calc contribution_limit --age 60 --year 2026",
            "vested calc contribution_limit --age 55 --year 2026 --prior-year-fica-wages 180000",
        ),
    ),
)
