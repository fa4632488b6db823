"""Borrow or withdraw: the same amount as a loan, a hardship withdrawal and a cash-out.

Each is priced by the calculators: loan_maximum (may you borrow it at all),
loan_repayment (the payments), early_withdrawal (the taxes of a hardship withdrawal and
of a cash-out) and future_value (what the money would have grown to). The growth a loan
loses is the amount left invested until retirement minus what the repayments, each
invested as it is paid, grow to by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from vested.calculate.base import CalculationResult
from vested.calculate.money import money, percent, to_cents
from vested.walkthroughs.answers import AnswerError
from vested.walkthroughs.engine import WalkContext
from vested.walkthroughs.flows.common import caveats_of, prefixed
from vested.walkthroughs.results import Metric, ResultTable, WalkResult

ZERO = Decimal(0)
ADDITIONAL_TAX = Decimal("0.10")
LOAN_FIELDS = {
    "vested": "balance",
    "outstanding": "outstanding",
    "amount": "needed",
    "annual_rate": "loan_rate",
    "years": "term",
}
TAX_FIELDS = {"amount": "needed", "age": "age", "marginal_rate": "tax_rate"}


def compute(answers: dict[str, Any], context: WalkContext) -> WalkResult:
    needed: Decimal = answers["needed"]
    term: int = answers["term"]
    horizon: int = answers["years_to_retirement"]
    rate: Decimal = answers["expected_return"]
    taxes = {"age": answers["age"], "marginal_rate": answers["tax_rate"]}

    maximum = context.calculate(
        "loan_maximum", {"vested": answers["balance"], "outstanding": answers["outstanding"]}, LOAN_FIELDS
    )
    can_borrow = needed <= maximum.outputs["max_new_loan"]
    hardship = context.calculate("early_withdrawal", {"amount": needed, "kind": "hardship", **taxes}, TAX_FIELDS)
    cash_out = context.calculate("early_withdrawal", {"amount": needed, "kind": "cash_out", **taxes}, TAX_FIELDS)
    left_invested = _grow(context, needed, rate, horizon)
    withdrawal_lost = left_invested.outputs["future_value"]
    hard, out = hardship.outputs, cash_out.outputs
    gross = _gross_up(needed, hard, taxes)

    calculations: list[CalculationResult] = [maximum]
    steps = prefixed("Loan limit", maximum)
    most = maximum.outputs["max_new_loan"]
    metrics = [Metric("loan.max_new_loan", "Most you can borrow", most, "money")]
    loan_column = [f"not possible: at most {money(most)}"] + ["—"] * 7
    loan_lines = [f"A loan can't cover it: you may borrow at most {money(most)} more from this plan."]
    headline_loan = f"You can't borrow {money(needed)} (at most {money(most)})"
    if can_borrow:
        loan = _loan(context, answers, withdrawal_lost)
        calculations.append(loan.repayment)
        steps += loan.steps
        metrics += loan.metrics
        loan_column = loan.column
        loan_lines = loan.lines
        headline_loan = f"Borrowing {money(needed)} costs no tax and {money(loan.payment)} a month for {term} years"

    metrics += [
        Metric("hardship.income_tax", "Hardship: income tax", hard["income_tax"], "money"),
        Metric("hardship.additional_tax", "Hardship: 10% additional tax", hard["additional_tax"], "money"),
        Metric("hardship.net_after_tax", "Hardship: left after tax", hard["net_after_tax"], "money"),
        Metric("hardship.gross_for_needed", "Hardship: withdrawal to net the amount needed", gross, "money"),
        Metric("cash_out.withheld", "Cash-out: 20% withheld", out["withheld"], "money"),
        Metric("cash_out.total_tax", "Cash-out: tax and penalty", out["total_tax"], "money"),
        Metric("cash_out.net_after_tax", "Cash-out: left after tax", out["net_after_tax"], "money"),
        Metric(
            "withdrawal.account_change_at_retirement",
            "Withdrawal: account at retirement, against leaving it",
            -withdrawal_lost,
            "money",
        ),
    ]
    labels = [
        "Cash to you now",
        "Income tax",
        "10% additional tax",
        "Payments",
        "Paid back from your pay",
        "…of which interest (to your account)",
        "Left after tax",
        "Account at retirement, against leaving it",
    ]
    hardship_column = [
        f"{money(hard['paid_out'])} (10% withheld)",
        money(hard["income_tax"]),
        money(hard["additional_tax"]),
        "none",
        money(ZERO),
        money(ZERO),
        money(hard["net_after_tax"]),
        f"−{money(withdrawal_lost)}",
    ]
    cash_out_column = [
        f"{money(out['paid_out'])} (20% withheld)",
        money(out["income_tax"]),
        money(out["additional_tax"]),
        "none",
        money(ZERO),
        money(ZERO),
        money(out["net_after_tax"]),
        f"−{money(withdrawal_lost)}",
    ]
    rows = [
        [label, loan_cell, hardship_cell, cash_cell]
        for label, loan_cell, hardship_cell, cash_cell in zip(
            labels, loan_column, hardship_column, cash_out_column, strict=True
        )
    ]
    steps += prefixed("Hardship withdrawal", hardship) + prefixed("Cash-out", cash_out)
    steps.append(
        f"Left invested: {money(needed)} × (1 + {percent(rate)})^{horizon} = {money(withdrawal_lost)} at retirement"
    )
    consequences = [
        *loan_lines,
        f"A hardship withdrawal can't be repaid and needs an immediate, heavy financial need; "
        f"to have {money(needed)} left after tax you would withdraw about {money(gross)}.",
        "A cash-out is usually possible only after you leave the job (or, in many plans, from "
        f"59½); 20% is withheld, so {money(out['paid_out'])} arrives now.",
        f"Left in the account at {percent(rate)} a year, {money(needed)} would be "
        f"{money(withdrawal_lost)} in {horizon} years: that is what a withdrawal gives up.",
    ]
    return WalkResult(
        headline=(
            f"{headline_loan}; a hardship withdrawal of {money(needed)} costs "
            f"{money(hard['total_tax'])} in tax{' and penalty' if hard['additional_tax'] else ''} "
            f"and {money(withdrawal_lost)} of your balance at retirement."
        ),
        metrics=metrics,
        tables=[ResultTable(f"Getting {money(needed)}", ["", "Loan", "Hardship withdrawal", "Cash-out"], rows)],
        consequences=consequences,
        steps=steps,
        caveats=caveats_of(*calculations, hardship, cash_out),
        citations=[
            *context.entry_citations("loans.borrow-or-withdraw"),
            *context.entry_citations("withdrawals.hardship")[:1],
        ],
        calculations=[*calculations, hardship, cash_out],
        as_of=hardship.as_of,
    )


@dataclass
class _Loan:
    """The loan's side of the comparison."""

    repayment: CalculationResult
    payment: Decimal
    steps: list[str]
    metrics: list[Metric]
    column: list[str]
    lines: list[str]


def _loan(context: WalkContext, answers: dict[str, Any], left_invested: Decimal) -> _Loan:
    """Payments, and the account at retirement if each payment is invested as it is made."""
    needed: Decimal = answers["needed"]
    term: int = answers["term"]
    horizon: int = answers["years_to_retirement"]
    rate: Decimal = answers["expected_return"]
    if horizon < term:
        raise AnswerError(
            "years_to_retirement",
            f"Years to retirement must be at least the loan term ({term} years) to compare the account at retirement",
        )
    repayment = context.calculate(
        "loan_repayment", {"amount": needed, "annual_rate": answers["loan_rate"], "years": term}, LOAN_FIELDS
    )
    payment: Decimal = repayment.outputs["payment"]
    repaid = context.calculate(
        "future_value", {"contribution": payment, "frequency": "monthly", "annual_return": rate, "years": term}
    )
    at_retirement: Decimal = repaid.outputs["future_value"]
    steps = prefixed("Loan", repayment) + prefixed("Repayments invested", repaid)
    if horizon > term:
        grown = _grow(context, at_retirement, rate, horizon - term).outputs["future_value"]
        steps.append(
            f"Repayments invested: {money(at_retirement)} grown {horizon - term} more years at "
            f"{percent(rate)} = {money(grown)}"
        )
        at_retirement = grown
    change = at_retirement - left_invested
    steps.append(
        f"Loan: account at retirement {money(at_retirement)} against {money(left_invested)} left "
        f"invested: {money(abs(change))} {'ahead' if change >= 0 else 'behind'}"
    )
    total_repaid: Decimal = repayment.outputs["total_repaid"]
    interest: Decimal = repayment.outputs["total_interest"]
    if change >= 0:
        effect = (
            f"Repaid on time, the account even ends {money(change)} ahead at retirement: the "
            f"{money(total_repaid)} you pay back from your pay earns more than the money would "
            f"have at {percent(rate)}; the cost is in your take-home pay."
        )
    else:
        effect = (
            f"Even repaid on time, the account ends {money(-change)} behind at retirement: the "
            "borrowed money misses its growth while it is out."
        )
    return _Loan(
        repayment=repayment,
        payment=payment,
        steps=steps,
        metrics=[
            Metric("loan.payment", "Loan: monthly payment", payment, "money"),
            Metric("loan.total_interest", "Loan: interest paid to your account", interest, "money"),
            Metric("loan.total_repaid", "Loan: paid back from your pay", total_repaid, "money"),
            Metric(
                "loan.account_change_at_retirement", "Loan: account at retirement, against leaving it", change, "money"
            ),
        ],
        column=[
            money(needed),
            money(ZERO),
            money(ZERO),
            f"{money(payment)} a month for {term} years",
            money(total_repaid),
            money(interest),
            money(needed),
            f"+{money(change)}" if change >= 0 else f"−{money(-change)}",
        ],
        lines=[
            f"The loan costs {money(payment)} a month for {term} years. If you leave the job "
            "before it is repaid, the rest falls due, and what stays unpaid is taxed like a "
            "withdrawal.",
            effect,
        ],
    )


def _grow(context: WalkContext, amount: Decimal, rate: Decimal, years: int) -> CalculationResult:
    """An amount left invested for some years, by the future_value calculator."""
    return context.calculate(
        "future_value",
        {"contribution": ZERO, "annual_return": rate, "years": years, "starting_balance": amount},
    )


def _gross_up(needed: Decimal, hardship: dict, taxes: dict) -> Decimal:
    """The withdrawal that leaves `needed` after income tax and any 10% additional tax."""
    share_taxed = taxes["marginal_rate"] + (ADDITIONAL_TAX if hardship["additional_tax"] else ZERO)
    if share_taxed >= 1:
        return needed
    return to_cents(needed / (1 - share_taxed))
