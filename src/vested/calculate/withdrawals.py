"""Early withdrawals (cash-outs and hardship): what is withheld, owed and left.

A cash-out is an eligible rollover distribution, so the plan must withhold 20%; a
hardship withdrawal cannot be rolled over, so instead the default 10% for payments that
are not eligible rollover distributions is withheld, unless the person chooses none (a
hardship shown with nothing withheld misstates the cash received). Both are ordinary
income, and before 59½ both owe the 10% additional tax unless an exception applies (for
cash-outs: leaving the employer in or after the year you turn 55).
"""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from typing import TYPE_CHECKING, Any

from vested.calculate.base import CalcContext, CalculationResult, CalculatorInputError, CalculatorSpec
from vested.calculate.hardship import (
    AFTER_59_HALF,
    DEFAULT_WITHHOLDING,
    DEFAULT_WITHHOLDING_LAW,
    EXCEPTION_TAKEN,
    EXCEPTIONS,
    HARDSHIP_TAX,
)
from vested.calculate.money import CENT, money, percent
from vested.calculate.taxes import PENALTY_FREE_AGE, SEPARATION_AGE, additional_tax, tax_bill
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.withdrawals import EarlyWithdrawalInputs


WITHHOLDING = Decimal("0.20")
RULES_AS_OF = "2025"

CASH_OUT_TAX = Citation(
    source="guide-2025",
    section="Handling Your 401k When Changing Jobs",
    paragraph=5,
    quote="The distribution is subject to a mandatory 20% federal tax "
    "withholding, and the entire amount is taxed as ordinary income.",
)
CASH_OUT_PENALTY = Citation(
    source="guide-2025",
    section="Handling Your 401k When Changing Jobs",
    paragraph=5,
    quote="If you are under age 59 ½, you will also face an additional 10% early withdrawal penalty.",
)
AGE_55 = Citation(
    source="faq-2019",
    section="Withdrawal and Loan Rules",
    paragraph=5,
    quote="If the participant who separates from service is age 55 or more during the year of separation",
)
WITHHOLDING_LAW = Citation(source="irc-3405c", section="3405(c)")
ROTH_QUALIFIED = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=5,
    quote="provided the account has been open for at least five years and the owner is at least 59 ½.",
)
ROTH_LAW = Citation(source="irc-402a", section="402A(d)(2)")
PRO_RATA_LAW = Citation(source="irc-72e8", section="72(e)(8)")
ROTH_CLOCK_YEARS = 5
EARLY_TAX_LAW = Citation(source="irc-72t", section="72(t)(1) and (2)(A)(v)")


def _roth_taxable(inputs: EarlyWithdrawalInputs) -> tuple[Decimal, Decimal, list[str], list[Citation]]:
    """From a Roth 401(k): what is paid, its taxable part, the steps and the rule.

    Qualified (59½, death or disability, and five years since the first Roth contribution): none of it
    is taxed. Otherwise the contributions come back tax-free and the earnings are taxed; a payment of
    part of the account carries a pro-rata share of each (72(e)(8)), not the contributions first.
    """
    contributions, earnings = inputs.roth_contributions, inputs.roth_earnings
    assert contributions is not None and earnings is not None
    account = contributions + earnings
    amount = inputs.amount if inputs.amount is not None else account
    if amount > account:
        raise CalculatorInputError(
            f"the {money(amount)} taken is more than the Roth account's {money(account)} of contributions and earnings",
            field="amount",
        )
    citations = [ROTH_QUALIFIED, ROTH_LAW]
    if inputs.age >= PENALTY_FREE_AGE and inputs.roth_years is None:
        raise CalculatorInputError(
            "at 59½ or older a Roth 401(k) distribution is tax-free once five years have passed since the first "
            "Roth contribution; tell me how many years ago that was"
        )
    if inputs.age >= PENALTY_FREE_AGE and inputs.roth_years is not None and inputs.roth_years >= ROTH_CLOCK_YEARS:
        step = (
            f"a qualified Roth distribution (at {inputs.age:f}, past 59½, and {inputs.roth_years:f} years since the "
            f"first Roth contribution): none of the {money(amount)} is taxed"
        )
        return amount, Decimal(0), [step], citations
    why = "under 59½" if inputs.age < PENALTY_FREE_AGE else f"fewer than {ROTH_CLOCK_YEARS} years of the Roth clock"
    steps = [f"not a qualified Roth distribution ({why}): the contributions come back tax-free, the earnings are taxed"]
    if amount == account:
        steps.append(
            f"the whole account: {money(contributions)} of contributions tax-free, "
            f"{money(earnings)} of earnings taxable"
        )
        return amount, earnings, steps, citations
    taxable = amount * earnings / account
    steps.append(
        f"part of the account, paid pro rata: {money(amount)} × {money(earnings)} ÷ {money(account)} "
        f"= {money(taxable)} of earnings taxable; the rest is contributions, tax-free"
    )
    return amount, taxable, steps, [*citations, PRO_RATA_LAW]


def _amount_for_the_cash_wanted(inputs: EarlyWithdrawalInputs) -> tuple[Decimal, str, Decimal]:
    """The amount to take out so that the cash wanted is left after income tax and the 10% additional
    tax ("how much must I withdraw to net $15,000?"), rounded up to the cent; the step that works it."""
    wanted = inputs.net_wanted
    assert wanted is not None
    if inputs.marginal_rate is None:
        raise CalculatorInputError(
            f"to work out what to take out to keep {money(wanted)}, I need your marginal tax rate",
            field="marginal_rate",
        )
    left_at_55 = inputs.separated_at_55 or (inputs.left_this_year and inputs.age >= SEPARATION_AGE)
    cash_out = inputs.kind == "cash_out"
    penalty_rate = additional_tax(
        Decimal(1), inputs.age, left_at_55=left_at_55 if cash_out else None, exception=inputs.exception
    ).amount
    kept = 1 - inputs.marginal_rate - penalty_rate
    if kept <= 0:
        raise CalculatorInputError("at that tax rate nothing of a withdrawal would be left", field="marginal_rate")
    amount = (wanted / kept).quantize(CENT, rounding=ROUND_UP)
    taxes = f"{percent(inputs.marginal_rate)} income tax" + (
        f" and {percent(penalty_rate)} additional tax" if penalty_rate else ""
    )
    step = (
        f"to keep {money(wanted)} after {taxes}: {money(wanted)} ÷ (1 − {percent(inputs.marginal_rate)}"
        + (f" − {percent(penalty_rate)}" if penalty_rate else "")
        + f") = {money(amount)} to take out (rounded up to the cent)"
    )
    return amount, step, wanted


def early_withdrawal(inputs: EarlyWithdrawalInputs, context: CalcContext) -> CalculationResult:
    """Withholding, the 10% additional tax, income tax and the cash left after tax."""
    cash_out = inputs.kind == "cash_out"
    rate = WITHHOLDING if cash_out else DEFAULT_WITHHOLDING
    roth = inputs.roth_contributions is not None and inputs.roth_earnings is not None
    # The cash wanted after tax gives the amount when no other amount is said (one said twice is the same).
    wanted = (
        _amount_for_the_cash_wanted(inputs)
        if not roth and inputs.net_wanted is not None and inputs.amount in {None, inputs.net_wanted}
        else None
    )
    # How the amount was worked out (from the cash wanted, or a Roth withdrawal's taxable share): the first steps.
    first_citations: list[Citation]
    if wanted is not None:
        paid, amount, first_steps, first_citations = wanted[0], wanted[0], [wanted[1]], []
    elif roth:
        paid, amount, first_steps, first_citations = _roth_taxable(inputs)
    elif inputs.amount is not None:
        paid, amount, first_steps, first_citations = inputs.amount, inputs.amount, [], []
    else:
        raise CalculatorInputError("tell me the amount you take out", field="amount")
    withheld = amount * rate
    if roth:
        steps = [
            *first_steps,
            f"20% of the taxable {money(amount)} withheld = {money(withheld)}; {money(paid - withheld)} paid to you",
        ]
        citations = [*first_citations, CASH_OUT_TAX, CASH_OUT_PENALTY]
    elif cash_out:
        steps = [
            *first_steps,
            f"20% of {money(amount)} withheld = {money(withheld)}; {money(amount - withheld)} paid to you",
        ]
        citations = [CASH_OUT_TAX, CASH_OUT_PENALTY]
    else:
        steps = [
            *first_steps,
            "a hardship withdrawal can't be rolled over, so the 20% does not apply; 10% is withheld unless "
            "you choose no withholding",
            f"10% of {money(amount)} withheld = {money(withheld)}; {money(amount - withheld)} paid to you",
        ]
        citations = [HARDSHIP_TAX]
    qualified = roth and amount == 0
    left_at_55 = inputs.separated_at_55 or (inputs.left_this_year and inputs.age >= SEPARATION_AGE)
    penalty = additional_tax(
        amount, inputs.age, left_at_55=left_at_55 if cash_out else None, exception=qualified or inputs.exception
    )
    steps.append(penalty.step)
    if penalty.reason == "59½":
        citations.append(AFTER_59_HALF)
    elif penalty.reason == "age 55":
        citations.append(AGE_55)
    elif penalty.reason == "exception" and inputs.exception:
        citations.append(EXCEPTIONS)
    additional = penalty.amount
    outputs: dict[str, Any] = {
        "withheld": withheld,
        "paid_out": paid - withheld,
        "additional_tax": additional,
    }
    citations.append(WITHHOLDING_LAW if cash_out else DEFAULT_WITHHOLDING_LAW)
    citations.append(EARLY_TAX_LAW)
    owed = f"the 10% additional tax is {money(additional)}" if additional else "no 10% additional tax is due"
    how = "" if cash_out else " as a hardship withdrawal"
    taken = f"{money(paid)} from a Roth 401(k), {money(amount)} of it taxable," if roth else money(amount)
    summary = f"Taking {taken} at {inputs.age:f}{how}, {money(withheld)} is withheld and {owed}."
    if wanted is not None:
        outputs["amount_needed"] = amount
        summary = f"To keep {money(wanted[2])} after tax, take out {money(amount)}. " + summary
    caveats = [
        *penalty.caveats,
        EXCEPTION_TAKEN
        if penalty.reason == "exception" and inputs.exception
        else "The 10% additional tax has other exceptions (disability, certain medical costs, "
        "a series of equal payments, and more); check whether one fits.",
        "Taxes here are federal; most states tax the withdrawal too.",
    ]
    if not cash_out:
        caveats.append(
            "You may choose no withholding, or a different rate, on the plan's withholding form (Form W-4R); "
            "the tax is owed either way."
        )
    if inputs.separated_at_55 and not cash_out:
        caveats.append("A hardship withdrawal is taken while you still work there, so the age-55 rule does not apply.")
    if inputs.marginal_rate is not None:
        bill = tax_bill(amount, inputs.marginal_rate, additional, withheld)
        steps.extend(bill.steps if amount else ())
        outputs.update(bill.outputs())
        net = bill.net_after_tax + (paid - amount)
        if roth:
            outputs["net_after_tax"] = net
            steps.append(f"{money(paid)} − {money(bill.total_tax)} tax = {money(net)} kept")
        kept = f"you keep {money(net)}" if net >= 0 else "nothing is left"
        summary += f" After {money(bill.total_tax)} of tax {kept}."
    else:
        caveats.append("Income tax at your marginal rate comes on top; add your rate to include it.")
    return CalculationResult(
        tool="early_withdrawal",
        summary=summary,
        inputs=inputs.model_dump(),
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=RULES_AS_OF,
    )


CALCULATORS = (
    CalculatorSpec(
        name="early_withdrawal",
        title="Early withdrawal",
        description="A cash-out or hardship withdrawal: what is withheld (20%, or 10% by default "
        "on a hardship), the 10% additional tax before 59½, income tax and the cash you keep.",
        inputs_model="vested.calculate.inputs.withdrawals:EarlyWithdrawalInputs",
        run=early_withdrawal,
        stand_ins={"amount": ("roth_contributions", "roth_earnings")},
        worked_back_from={"amount": ("net_wanted",)},
        examples=(
            "vested calc early_withdrawal --amount 50000 --age 38",
            "vested calc early_withdrawal --amount 20000 --age 45 --kind hardship --marginal-rate 22",
        ),
    ),
)
