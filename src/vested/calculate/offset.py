"""A loan still owed when leaving a job: the offset, the rollover deadline, and the tax.

When someone leaves with a plan loan unpaid, the plan takes the balance from the account
(a loan offset) and it counts as paid out. Since 2018 an offset made because of leaving
(within 12 months after it) or because the plan ended is a qualified plan loan offset,
which can be rolled over, from other money, until the due date of that year's tax return
with extensions (IRC 402(c)(3)(C)): October 15 of the next year for a calendar-year filer,
moved to the next business day when it falls on a weekend. Whatever is not rolled over is
ordinary income, with the 10% additional tax before 59½ unless the age-55 rule or another
exception applies.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vested.calculate.base import CalcContext, CalculationResult, CalculatorInputError, CalculatorSpec
from vested.calculate.hardship import EXCEPTION_TAKEN
from vested.calculate.money import long_date, money, percent
from vested.calculate.taxes import ZERO, additional_tax
from vested.calculate.withdrawals import AGE_55
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.offset import LoanOffsetInputs


EXTENDED_DUE_MONTH, EXTENDED_DUE_DAY = 10, 15
SATURDAY = 5
RULES_AS_OF = "2025"

UNPAID_IS_TAXED = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=2,
    quote="Failure to repay the loan results in the outstanding balance being treated as a taxable distribution.",
)
UNPAID_PENALTY = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=2,
    quote="if the individual is under age 59 ½, a 10% early withdrawal penalty",
)
REPAY_ON_LEAVING = Citation(
    source="faq-2019",
    section="Withdrawal and Loan Rules",
    paragraph=4,
    quote="the loan must be paid back immediately if you change jobs",
)
OFFSET_ROLLOVER_LAW = Citation(source="irc-402c", section="402(c)(3)(C)")
OFFSET_REGULATION = Citation(source="treas-reg-1-402c-3", section="1.402(c)-3(b)")
TCJA = Citation(source="tcja-2017", section="sec. 13613")
RETURN_DUE_DATE = Citation(source="irc-6072", section="6072(a)")
EXTENSION = Citation(source="treas-reg-1-6081-4", section="1.6081-4(a)")
WEEKEND_RULE = Citation(source="irc-7503", section="7503")
EARLY_TAX_LAW = Citation(source="irc-72t", section="72(t)(1) and (2)(A)(v)")


def rollover_deadline(offset_year: int) -> date:
    """The extended due date of the offset year's return: October 15 next year, or the Monday after.

    Only weekends move it (IRC 7503): no federal holiday falls on October 15 to 17, since
    Columbus Day is the second Monday of October, the 8th to the 14th.
    """
    deadline = date(offset_year + 1, EXTENDED_DUE_MONTH, EXTENDED_DUE_DAY)
    while deadline.weekday() >= SATURDAY:
        deadline += timedelta(days=1)
    return deadline


def loan_offset(inputs: LoanOffsetInputs, context: CalcContext) -> CalculationResult:
    """The offset, the date to roll it over by, and the tax on what is not rolled over."""
    offset = inputs.loan_balance
    if inputs.rolled_over > offset:
        raise CalculatorInputError(
            f"you can't roll over more ({money(inputs.rolled_over)}) than the offset ({money(offset)})",
            field="rolled_over",
        )
    year = inputs.year or context.today.year
    steps = [
        f"the {money(offset)} still owed is taken from your account: a loan offset of {money(offset)}, "
        f"counted as paid to you in {year}"
    ]
    citations = [UNPAID_IS_TAXED, REPAY_ON_LEAVING, OFFSET_ROLLOVER_LAW, OFFSET_REGULATION, TCJA]
    deadline = _deadline(inputs.reason, year, steps, citations)
    if deadline is None:
        summary = f"The {money(offset)} loan offset can be rolled over only within 60 days after it is made."
    else:
        summary = f"The {money(offset)} loan offset can be rolled over until {long_date(deadline)}."
    taxable = offset - inputs.rolled_over
    if inputs.rolled_over and taxable:
        steps.append(f"{money(offset)} − {money(inputs.rolled_over)} rolled over = {money(taxable)} taxable")
    elif inputs.rolled_over:
        steps.append(f"all {money(offset)} rolled over by then: nothing is taxed")
    else:
        steps.append(f"not rolled over, all {money(offset)} is taxable income for {year}")
    outputs: dict[str, Any] = {
        "offset": offset,
        "rollover_deadline": deadline,
        "rolled_over": inputs.rolled_over,
        "taxable": taxable,
        "additional_tax": ZERO,
    }
    caveats = [
        "An offset pays you no cash, so usually nothing is withheld: the tax is due with your return.",
        "Repaying the loan before the plan offsets it avoids all of this; ask the plan for its payoff deadline.",
    ]
    if deadline is not None:
        caveats[:0] = [
            "The later deadline is for an offset made because you left (within 12 months after leaving) or "
            "because the plan ended; any other offset must be rolled over within 60 days.",
            f"To be sure of the extended date, file for the extension by the return's usual due date (about "
            f"April 15, {year + 1}).",
        ]
    if taxable:
        penalty = additional_tax(
            taxable,
            inputs.age,
            left_at_55=inputs.separated_at_55,
            age_at_leaving=inputs.reason != "plan_ended",  # a plan can end while you still work there
            exception=inputs.exception,
        )
        steps.append(penalty.step)
        caveats[:0] = [EXCEPTION_TAKEN, *penalty.caveats] if penalty.reason == "exception" else penalty.caveats
        outputs["additional_tax"] = penalty.amount
        citations.append(EARLY_TAX_LAW)
        citations.append(AGE_55 if penalty.reason == "age 55" else UNPAID_PENALTY)
        summary += _cost(taxable, penalty.amount, inputs.marginal_rate, year, steps, outputs)
    else:
        summary += " Rolled over in full, none of it is taxed."
    return CalculationResult(
        tool="loan_offset",
        summary=summary,
        inputs={**inputs.model_dump(), "year": year},
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=RULES_AS_OF,
    )


def _deadline(reason: str, year: int, steps: list[str], citations: list[Citation]) -> date | None:
    """The extended deadline of a qualified plan loan offset, or None for the ordinary 60 days."""
    if reason == "other":
        steps.append(
            "not made because you left (within 12 months after) nor because the plan ended: it can be "
            "rolled over only within 60 days after the offset"
        )
        return None
    deadline = rollover_deadline(year)
    because = "you left" if reason == "left_job" else "the plan ended"
    steps.append(
        f"made because {because}, it can be rolled over until the due date of your {year} return with the "
        f"six-month extension: {long_date(deadline)}"
    )
    citations += [RETURN_DUE_DATE, EXTENSION]
    if deadline.day != EXTENDED_DUE_DAY:
        citations.append(WEEKEND_RULE)
    return deadline


def _cost(
    taxable: Decimal,
    additional: Decimal,
    marginal_rate: Decimal | None,
    year: int,
    steps: list[str],
    outputs: dict[str, Any],
) -> str:
    """Income tax at the marginal rate and the total owed; the summary's second sentence."""
    penalty = f"{money(additional)} of 10% additional tax" if additional else "no 10% additional tax"
    if marginal_rate is None:
        return f" Not rolled over, {money(taxable)} is taxed as income for {year}, with {penalty}."
    income_tax = taxable * marginal_rate
    total = income_tax + additional
    steps.append(f"income tax at {percent(marginal_rate)} of {money(taxable)} = {money(income_tax)}")
    if additional:
        steps.append(f"{money(income_tax)} + {money(additional)} = {money(total)} of tax with your {year} return")
    outputs.update(income_tax=income_tax, total_tax=total)
    return (
        f" Not rolled over, {money(taxable)} costs {money(income_tax)} of income tax and {penalty}: "
        f"{money(total)} in all."
    )


CALCULATORS = (
    CalculatorSpec(
        name="loan_offset",
        title="Loan offset on leaving a job",
        description="A 401(k) loan still owed when you leave: the offset, the date to roll it over by "
        "(your tax-return due date with extensions), the income tax and the 10% additional tax.",
        inputs_model="vested.calculate.inputs.offset:LoanOffsetInputs",
        run=loan_offset,
        examples=(
            "vested calc loan_offset --loan-balance 12000 --age 40 --marginal-rate 22",
            "vested calc loan_offset --loan-balance 12000 --age 54 --separated-at-55 --rolled-over 5000",
        ),
    ),
)
