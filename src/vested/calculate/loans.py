"""401(k) loans: how much you may borrow, and what repaying it costs.

The seeds state the everyday rule (half the vested balance, at most $50,000); the
statute, IRC 72(p)(2), adds two refinements people with an earlier loan need: the $50,000
shrinks by how far the highest loan balance of the last 12 months exceeds today's, and
whatever is still owed counts against the new limit. Both are applied here so the IRS's
own worked example comes out right.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal

from vested.calculate.base import (
    CalcContext,
    CalculationResult,
    CalculatorInputError,
    CalculatorSpec,
)
from vested.calculate.money import money, percent, to_cents
from vested.calculate.taxes import additional_tax
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.loans import LoanMaximumInputs, LoanRepaymentInputs


LOAN_CAP = Decimal(50000)
LOAN_FLOOR = Decimal(10000)
HALF = Decimal("0.5")
MAX_TERM_YEARS = Decimal(5)
MAX_HOME_TERM_YEARS = Decimal(30)
RULES_AS_OF = "2025"

LOAN_LIMIT = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=1,
    quote="IRS rules permit loans up to 50% of the vested balance, with a maximum of $50,000.",
)
LOAN_TERM = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=1,
    quote="These loans must be repaid with interest over a period of five years through payroll deductions",
)
LOAN_DEFAULT = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=2,
    quote="Failure to repay the loan results in the outstanding balance being treated as a taxable distribution.",
)
LOAN_DEFAULT_FAQ = Citation(
    source="faq-2019",
    section="Withdrawal and Loan Rules",
    paragraph=4,
    quote="a loan default is treated as an early withdrawal (with taxes and penalties due)",
)
STATUTE_LIMIT = Citation(source="irc-72p", section="72(p)(2)(A)")
STATUTE_TERM = Citation(source="irc-72p", section="72(p)(2)(B)")
LOAN_OFFSET_ROLLOVER = Citation(source="tcja-2017", section="sec. 13613")
EARLY_TAX = Citation(source="irc-72t", section="72(t)(1) and (2)(A)(v)")

PAYMENTS_PER_YEAR: dict[str, int] = {
    "weekly": 52,
    "biweekly": 26,
    "semimonthly": 24,
    "monthly": 12,
    "quarterly": 4,
}
Frequency = Literal["weekly", "biweekly", "semimonthly", "monthly", "quarterly"]


def a_vested_balance(inputs: LoanMaximumInputs) -> None:
    """The limit reads the vested balance: as given, or own money plus the vested part of the employer's."""
    parts = (inputs.own_money, inputs.employer_money, inputs.employer_vested_share)
    if inputs.vested is None and any(part is None for part in parts):
        raise ValueError("give your vested balance, or your own money, the employer money and the share of it vested")


def _vested(inputs: LoanMaximumInputs, steps: list[str]) -> Decimal:
    """The vested balance: as given, or worked out from whose money it is (your own is always vested)."""
    if inputs.vested is not None:
        return inputs.vested
    own, employer, share = inputs.own_money, inputs.employer_money, inputs.employer_vested_share
    assert own is not None and employer is not None and share is not None  # checked before the run (a_vested_balance)
    vested = own + employer * share
    steps.append(
        f"{money(own)} your own (always vested) + {percent(share)} of {money(employer)} employer money "
        f"= {money(vested)} vested"
    )
    return vested


def loan_maximum(inputs: LoanMaximumInputs, context: CalcContext) -> CalculationResult:
    """The most you can borrow now, under IRC 72(p)(2)(A)."""
    steps: list[str] = []
    vested = _vested(inputs, steps)
    highest = inputs.highest_balance_12m
    if highest is None:
        highest = inputs.outstanding
    if highest < inputs.outstanding:
        raise CalculatorInputError(
            f"the highest loan balance of the last 12 months ({money(highest)}) can't be less "
            f"than what you owe now ({money(inputs.outstanding)})",
            field="highest_balance_12m",
        )
    half = vested * HALF
    steps.append(f"50% of {money(vested)} vested = {money(half)}")
    limit_by_balance = half
    if inputs.allow_10k_floor and half < LOAN_FLOOR:
        limit_by_balance = min(LOAN_FLOOR, vested)
        steps.append(
            f"your plan allows the {money(LOAN_FLOOR)} floor, so the balance allows "
            f"{money(limit_by_balance)} (never more than the vested balance itself)"
        )
    paid_down = highest - inputs.outstanding
    cap = max(LOAN_CAP - paid_down, Decimal(0))  # paid down more than the cap: none of it is left
    if paid_down > LOAN_CAP:
        steps.append(
            f"{money(highest)} highest balance in the last 12 months − {money(inputs.outstanding)} owed now "
            f"= {money(paid_down)}, more than the {money(LOAN_CAP)} cap: nothing of the cap is left"
        )
    elif paid_down > 0:
        steps.append(
            f"the {money(LOAN_CAP)} cap less ({money(highest)} highest balance in the last "
            f"12 months − {money(inputs.outstanding)} owed now) = {money(cap)}"
        )
    else:
        steps.append(f"the cap is {money(LOAN_CAP)}")
    total_allowed = min(cap, limit_by_balance)
    if paid_down > 0:
        steps.append(f"the lesser of {money(cap)} and {money(limit_by_balance)} = {money(total_allowed)}")
    available = max(total_allowed - inputs.outstanding, Decimal(0))
    if inputs.outstanding > 0 and available > 0:
        steps.append(
            f"{money(total_allowed)} − {money(inputs.outstanding)} still owed = {money(available)} more you can borrow"
        )
        summary = f"You can borrow up to {money(available)} more."
    elif inputs.outstanding > 0:
        steps.append(
            f"the {money(inputs.outstanding)} still owed already uses up the {money(total_allowed)} allowed: "
            "nothing more to borrow"
        )
        summary = "You can't borrow more now: your loans already use up the limit."
    else:
        steps.append(f"you can borrow {money(available)}")
        summary = f"You can borrow up to {money(available)}."
        if not available:
            why = "your loans of the last 12 months use up the cap" if paid_down > 0 else "you have nothing vested"
            summary = f"You can't borrow now: {why}."
    caveats = [
        "Your plan may allow less than the legal maximum, set a minimum loan, or offer no "
        "loans at all; its loan policy decides.",
    ]
    if not inputs.allow_10k_floor and half < LOAN_FLOOR:
        caveats.append(
            f"Some plans let you borrow up to {money(LOAN_FLOOR)} even when that is more than "
            "half your vested balance; this assumed yours does not."
        )
    return CalculationResult(
        tool="loan_maximum",
        summary=summary,
        inputs=inputs.model_dump(),
        outputs={
            "vested": vested,
            "half_vested": half,
            "limit_by_balance": limit_by_balance,
            "cap_after_reduction": cap,
            "total_loans_allowed": total_allowed,
            "max_new_loan": available,
        },
        steps=steps,
        citations=[LOAN_LIMIT, STATUTE_LIMIT],
        caveats=caveats,
        as_of=RULES_AS_OF,
    )


def _schedule(
    amount: Decimal, period_rate: Decimal, payments: int, payment: Decimal
) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(payment, interest, balance after) per period, in cents; the last payment clears it."""
    rows = []
    balance = amount
    for number in range(1, payments + 1):
        interest = to_cents(balance * period_rate)
        principal = payment - interest
        if number == payments or principal > balance:
            principal = balance
        balance -= principal
        rows.append((principal + interest, interest, balance))
        if balance == 0:
            break
    return rows


def loan_repayment(inputs: LoanRepaymentInputs, context: CalcContext) -> CalculationResult:
    """Level payments over the term, the interest they carry, and the cost of leaving early."""
    if inputs.amount > LOAN_CAP:
        raise CalculatorInputError(f"a 401(k) loan can't be more than {money(LOAN_CAP)}", field="amount")
    longest = MAX_HOME_TERM_YEARS if inputs.principal_residence else MAX_TERM_YEARS
    if inputs.years == 0 or inputs.years > longest:
        reason = (
            "a loan for your principal residence is capped here at 30 years"
            if inputs.principal_residence
            else "a 401(k) loan must be repaid within 5 years unless it buys your principal residence"
        )
        raise CalculatorInputError(f"the term must be more than 0 and {reason}", field="years")
    per_year = PAYMENTS_PER_YEAR[inputs.frequency]
    payments = int((inputs.years * per_year).to_integral_value(rounding=ROUND_HALF_UP))
    if payments < 1:
        raise CalculatorInputError("the term is shorter than one payment", field="years")
    period_rate = inputs.annual_rate / per_year
    if period_rate:
        exact = inputs.amount * period_rate / (1 - (1 + period_rate) ** -payments)
    else:
        exact = inputs.amount / payments
    payment = to_cents(exact)
    rows = _schedule(inputs.amount, period_rate, payments, payment)
    total_interest = sum((interest for _, interest, _ in rows), Decimal(0))
    last_payment = rows[-1][0]
    steps = [
        f"{inputs.years:f} years × {per_year} {inputs.frequency} payments = {payments} payments",
        f"{percent(inputs.annual_rate)} a year ÷ {per_year} = {percent(period_rate, 4)} a payment",
        (
            f"{money(inputs.amount)} × {percent(period_rate, 4)} ÷ (1 − (1 + "
            f"{percent(period_rate, 4)})^−{payments}) = {money(payment)} a payment"
            if period_rate
            else f"{money(inputs.amount)} ÷ {payments} = {money(payment)} a payment"
        ),
        f"interest over the whole loan = {money(total_interest)}; you repay "
        f"{money(inputs.amount + total_interest)} in all",
    ]
    if last_payment != payment:
        steps.append(f"the last payment is {money(last_payment)} to clear the balance exactly")
    summary = (
        f"Repaying {money(inputs.amount)} at {percent(inputs.annual_rate)} over "
        f"{inputs.years:f} years takes {payments} {inputs.frequency} payments of "
        f"{money(payment)}, {money(total_interest)} of interest in all."
    )
    outputs: dict = {
        "payments": payments,
        "payment": payment,
        "last_payment": last_payment,
        "total_interest": total_interest,
        "total_repaid": inputs.amount + total_interest,
    }
    citations = [LOAN_TERM, STATUTE_TERM, LOAN_DEFAULT, LOAN_DEFAULT_FAQ, LOAN_OFFSET_ROLLOVER]
    caveats = [
        "Interest goes back into your own account, but the borrowed money is not invested while it is out.",
        "If you leave the job, the plan usually wants the balance repaid soon; what is left "
        "unpaid is treated as a distribution. Rolling that amount into an IRA or new plan by "
        "your tax-return due date (with extensions) avoids the tax.",
    ]
    if inputs.leave_after_years is not None:
        summary += _leaving_early(inputs, inputs.leave_after_years, rows, per_year, steps, outputs, citations, caveats)
    table = _yearly_table(rows, per_year)
    return CalculationResult(
        tool="loan_repayment",
        summary=summary,
        inputs=inputs.model_dump(),
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        table=table,
        as_of=RULES_AS_OF,
    )


def _leaving_early(
    inputs: LoanRepaymentInputs,
    after_years: Decimal,
    rows: list[tuple[Decimal, Decimal, Decimal]],
    per_year: int,
    steps: list[str],
    outputs: dict,
    citations: list[Citation],
    caveats: list[str],
) -> str:
    """What leaving the job part-way costs if the unpaid balance is not rolled over."""
    made = min(int(after_years * per_year), len(rows))
    unpaid = rows[made - 1][2] if made else inputs.amount
    outputs["unpaid_at_leaving"] = unpaid
    steps.append(
        f"after {made} payments ({after_years:f} years) you still owe {money(unpaid)}; unpaid "
        "when you leave, it becomes a taxable distribution"
    )
    costs = ["income tax at your rate"]
    if inputs.marginal_rate is not None:
        income_tax = unpaid * inputs.marginal_rate
        outputs["income_tax_on_unpaid"] = income_tax
        steps.append(f"income tax at {percent(inputs.marginal_rate)} of {money(unpaid)} = {money(income_tax)}")
        costs = [f"{money(income_tax)} of income tax"]
    if inputs.age is not None:
        citations.append(EARLY_TAX)
        penalty = additional_tax(unpaid, inputs.age, left_at_55=inputs.separated_at_55, age_at_leaving=True)
        steps.append(penalty.step)
        caveats.extend(penalty.caveats)
        if penalty.amount:
            costs.append(f"{money(penalty.amount)} of additional tax")
        outputs["additional_tax_on_unpaid"] = penalty.amount
    else:
        costs.append("10% additional tax if you are under 55 when you leave")
    return (
        f" Leaving after {after_years:f} years with {money(unpaid)} unpaid would cost "
        f"{' plus '.join(costs)}, unless you roll it over by your tax-return due date."
    )


def _yearly_table(rows: list[tuple[Decimal, Decimal, Decimal]], per_year: int) -> list[dict]:
    """The schedule summed by year of the loan: short enough to read."""
    table = []
    for start in range(0, len(rows), per_year):
        year_rows = rows[start : start + per_year]
        paid = sum((row[0] for row in year_rows), Decimal(0))
        interest = sum((row[1] for row in year_rows), Decimal(0))
        table.append(
            {
                "Year": str(start // per_year + 1),
                "Paid": money(paid),
                "Interest": money(interest),
                "Principal": money(paid - interest),
                "Balance after": money(year_rows[-1][2]),
            }
        )
    return table


CALCULATORS = (
    CalculatorSpec(
        name="loan_maximum",
        title="Loan maximum",
        description="The most you can borrow from your 401(k): half the vested balance, at "
        "most $50,000, less what earlier loans use up (IRC 72(p)).",
        inputs_model="vested.calculate.inputs.loans:LoanMaximumInputs",
        run=loan_maximum,
        stand_ins={"vested": ("own_money", "employer_money", "employer_vested_share")},
        examples=(
            "vested calc loan_maximum --vested 80000",
            "vested calc loan_maximum --vested 80000 --highest-balance-12m 27000 --outstanding 18000",
        ),
    ),
    CalculatorSpec(
        name="loan_repayment",
        title="Loan repayment",
        description="Level loan payments, total interest and a yearly schedule; and what an "
        "unpaid balance costs if you leave the job.",
        inputs_model="vested.calculate.inputs.loans:LoanRepaymentInputs",
        run=loan_repayment,
        examples=(
            "vested calc loan_repayment --amount 20000 --annual-rate 5 --years 5",
            "vested calc loan_repayment --amount 20000 --annual-rate 5 --years 5 "
            "--leave-after-years 2 --age 45 --marginal-rate 22",
        ),
    ),
)
