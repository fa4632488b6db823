"""Borrow or withdraw: the same amount as a loan, a hardship withdrawal and a cash-out.

Each is priced by the calculators: loan_maximum (may you borrow it at all),
loan_repayment (the payments), early_withdrawal (the taxes of a hardship withdrawal and
of a cash-out) and future_value (what the money would have grown to). The growth a loan
loses is the amount left invested until retirement minus what the repayments, each
invested as it is paid, grow to by then.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vested.calculators.base import CalculationResult
from vested.money import money, percent, to_cents
from vested.walkthroughs.answers import AnswerError
from vested.walkthroughs.engine import WalkContext
from vested.walkthroughs.flows.common import caveats_of, prefixed
from vested.walkthroughs.results import Metric, ResultTable, WalkResult

ZERO = Decimal(0)
ADDITIONAL_TAX = Decimal("0.10")
LOAN_FIELDS = {"vested": "balance", "outstanding": "outstanding", "amount": "needed", "annual_rate": "loan_rate", "years": "term"}
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
    metrics = [Metric("loan.max_new_loan", "Most you can borrow", maximum.outputs["max_new_loan"], "money")]
    loan_column = [f"not possible: at most {money(maximum.outputs['max_new_loan'])}"] + ["—"] * 6
    loan_line = (
        f"A loan can't cover it: you may borrow at most {money(maximum.outputs['max_new_loan'])} "
        "more from this plan."
    )
    headline_loan = f"you can't borrow {money(needed)} (at most {money(maximum.outputs['max_new_loan'])})"
    if can_borrow:
        if horizon < term:
            raise AnswerError(
                "years_to_retirement",
                f"Years to retirement must be at least the loan term ({term} years) to compare "
                "the loan's growth by retirement",
            )
        repayment = context.calculate(
            "loan_repayment",
            {"amount": needed, "annual_rate": answers["loan_rate"], "years": term},
            LOAN_FIELDS,
        )
        payment: Decimal = repayment.outputs["payment"]
        repaid = context.calculate(
            "future_value",
            {"contribution": payment, "frequency": "monthly", "annual_return": rate, "years": term},
        )
        repaid_value: Decimal = repaid.outputs["future_value"]
        at_retirement = repaid_value
        steps += prefixed("Loan", repayment) + prefixed("Repayments reinvested", repaid)
        if horizon > term:
            later = _grow(context, repaid_value, rate, horizon - term)
            at_retirement = later.outputs["future_value"]
            steps.append(
                f"Repayments reinvested: {money(repaid_value)} grown {horizon - term} more years "
                f"at {percent(rate)} = {money(at_retirement)}"
            )
        loan_lost = withdrawal_lost - at_retirement
        steps.append(
            f"Loan: growth lost by retirement = {money(withdrawal_lost)} − {money(at_retirement)} "
            f"= {money(loan_lost)}"
        )
        calculations.append(repayment)
        metrics += [
            Metric("loan.payment", "Loan: monthly payment", payment, "money"),
            Metric("loan.total_interest", "Loan: interest paid to your account", repayment.outputs["total_interest"], "money"),
            Metric("loan.growth_lost", "Loan: less in the account at retirement", loan_lost, "money"),
        ]
        loan_column = [
            money(needed),
            money(ZERO),
            money(ZERO),
            money(repayment.outputs["total_interest"]),
            f"{money(payment)} a month for {term} years",
            money(needed),
            money(loan_lost),
        ]
        loan_line = (
            f"The loan costs {money(payment)} a month for {term} years; its "
            f"{money(repayment.outputs['total_interest'])} of interest goes back into your own "
            "account. If you leave the job before it is repaid, the rest falls due, and what stays "
            "unpaid is taxed like a withdrawal."
        )
        headline_loan = (
            f"borrowing {money(needed)} costs no tax and {money(payment)} a month for {term} years"
        )

    metrics += [
        Metric("hardship.income_tax", "Hardship: income tax", hard["income_tax"], "money"),
        Metric("hardship.additional_tax", "Hardship: 10% additional tax", hard["additional_tax"], "money"),
        Metric("hardship.net_after_tax", "Hardship: left after tax", hard["net_after_tax"], "money"),
        Metric("hardship.gross_for_needed", "Hardship: withdrawal to net the amount needed", gross, "money"),
        Metric("cash_out.withheld", "Cash-out: 20% withheld", out["withheld"], "money"),
        Metric("cash_out.total_tax", "Cash-out: tax and penalty", out["total_tax"], "money"),
        Metric("cash_out.net_after_tax", "Cash-out: left after tax", out["net_after_tax"], "money"),
        Metric("withdrawal.growth_lost", "Withdrawal: less in the account at retirement", withdrawal_lost, "money"),
    ]
    labels = [
        "Cash to you now",
        "Income tax",
        "10% additional tax",
        "Interest you pay",
        "Payments",
        "Left after tax",
        "Less in the account at retirement",
    ]
    hardship_column = [
        money(needed),
        money(hard["income_tax"]),
        money(hard["additional_tax"]),
        money(ZERO),
        "none",
        money(hard["net_after_tax"]),
        money(withdrawal_lost),
    ]
    cash_out_column = [
        f"{money(out['paid_out'])} (20% withheld)",
        money(out["income_tax"]),
        money(out["additional_tax"]),
        money(ZERO),
        "none",
        money(out["net_after_tax"]),
        money(withdrawal_lost),
    ]
    rows = [
        [label, loan, hardship_cell, cash_cell]
        for label, loan, hardship_cell, cash_cell in zip(
            labels, loan_column, hardship_column, cash_out_column, strict=True
        )
    ]
    steps += prefixed("Hardship withdrawal", hardship) + prefixed("Cash-out", cash_out)
    steps += prefixed("Left invested", left_invested)
    consequences = [
        loan_line,
        f"A hardship withdrawal can't be repaid and needs an immediate, heavy financial need; "
        f"to have {money(needed)} left after tax you would withdraw about {money(gross)}.",
        "A cash-out is usually possible only after you leave the job (or, in many plans, from "
        f"59½); 20% is withheld, so {money(out['paid_out'])} arrives now.",
        f"Left in the account at {percent(rate)} a year, {money(needed)} would be "
        f"{money(withdrawal_lost)} in {horizon} years: that is what a withdrawal gives up.",
    ]
    return WalkResult(
        headline=(
            f"{headline_loan[:1].upper()}{headline_loan[1:]}; a hardship withdrawal of "
            f"{money(needed)} costs {money(hard['total_tax'])} in tax"
            f"{' and penalty' if hard['additional_tax'] else ''} and "
            f"{money(withdrawal_lost)} of your balance at retirement."
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
        calculations=[*calculations, hardship, cash_out, left_invested],
        as_of=hardship.as_of,
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
