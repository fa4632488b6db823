"""An indirect rollover: withholding, the money to add, the shortfall's tax, the deadline.

Only the taxable part of a payout is withheld from and taxed; when part of it is after-tax
basis, a partial redeposit counts first against the taxable part (IRC 402(c)(2)), so the
taxable shortfall is what remains of the taxable part after the redeposit. The figures
are the indirect_rollover calculator's, run on that taxable part.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from vested.calculate.money import money
from vested.walkthroughs.answers import AnswerError
from vested.walkthroughs.engine import WalkContext
from vested.walkthroughs.flows.common import caveats_of, prefixed
from vested.walkthroughs.results import Metric, ResultTable, WalkResult

ROLLOVER_DAYS = 60
ZERO = Decimal(0)
FIELDS = {"amount": "paid_out", "redeposited": "redeposit", "age": "age", "marginal_rate": "tax_rate"}


def compute(answers: dict[str, Any], context: WalkContext) -> WalkResult:
    paid_out: Decimal = answers["paid_out"]
    after_tax: Decimal = answers.get("after_tax") or ZERO
    redeposit: Decimal = answers["redeposit"]
    if after_tax > paid_out:
        raise AnswerError(
            "after_tax",
            f"After-tax part ({money(after_tax)}) can't be more than the amount paid out ({money(paid_out)})",
        )
    if redeposit > paid_out:
        raise AnswerError(
            "redeposit",
            f"Redeposit within 60 days ({money(redeposit)}) can't be more than the amount paid out ({money(paid_out)})",
        )
    taxable = paid_out - after_tax
    deadline = answers["received_on"] + timedelta(days=ROLLOVER_DAYS)
    days_left = (deadline - context.today).days
    citations = context.entry_citations("rollovers.indirect")[:1]
    if after_tax:
        citations += context.entry_citations("after-tax.rollover-two-checks")
    if taxable == 0:
        return _all_after_tax(paid_out, deadline, days_left, citations)

    rolled_taxable = min(redeposit, taxable)
    calculation = context.calculate(
        "indirect_rollover",
        {
            "amount": taxable,
            "redeposited": rolled_taxable,
            "age": answers["age"],
            "separated_at_55": bool(answers.get("left_at_55")),
            "marginal_rate": answers["tax_rate"],
        },
        FIELDS,
    )
    out = calculation.outputs
    withheld: Decimal = out["withheld"]
    check = paid_out - withheld
    shortfall: Decimal = out["taxable_shortfall"]
    income_tax: Decimal = out.get("income_tax", ZERO)
    additional_tax: Decimal = out.get("additional_tax", ZERO)
    cost = income_tax + additional_tax
    own_money = max(redeposit - check, ZERO)
    basis_kept = max(after_tax - max(redeposit - taxable, ZERO), ZERO)

    metrics = [
        Metric("withheld", "Withheld (20% of the taxable part)", withheld, "money"),
        Metric("check", "Check you received", check, "money"),
        Metric("to_add", "To add from your own money for a full rollover", out["to_add"], "money"),
        Metric("own_money_planned", "Your own money in the redeposit", own_money, "money"),
        Metric("taxable_shortfall", "Taxable shortfall", shortfall, "money"),
        Metric("income_tax", "Income tax on the shortfall", income_tax, "money"),
        Metric("additional_tax", "10% additional tax", additional_tax, "money"),
        Metric("total_tax", "Tax and penalty", cost, "money"),
        Metric("deadline", "Deposit by", deadline, "date"),
        Metric("days_left", "Days left from today", days_left, "count", compare=False),
    ]
    if after_tax:
        metrics.append(Metric("after_tax_kept", "After-tax part kept out (not taxed)", basis_kept, "money"))
    rows = [
        ["Taxable part paid out", money(taxable)],
        ["Withheld for federal tax", money(withheld)],
        ["Check you received", money(check)],
        ["Deposit for a full rollover", money(paid_out)],
        ["…of which from your own money", money(out["to_add"])],
        ["You plan to deposit", money(redeposit)],
        ["Taxable shortfall", money(shortfall)],
        ["Tax and penalty on it", money(cost)],
        ["Deadline", f"{deadline.isoformat()} ({_days(days_left)})"],
    ]
    if shortfall:
        headline = (
            f"Depositing {money(redeposit)} by {deadline.isoformat()} leaves {money(shortfall)} "
            f"taxable: about {money(cost)} of tax{' and penalty' if additional_tax else ''}."
        )
    else:
        headline = (
            f"Deposit {money(redeposit)} by {deadline.isoformat()} and nothing is taxed; "
            f"{money(own_money)} of it comes from your own money."
        )
    consequences = [
        _deadline_line(deadline, days_left),
        f"The plan sent {money(withheld)} to the IRS as a prepayment of your tax; you get it "
        "back (or credit for it) only by filing your return for the year.",
    ]
    if shortfall:
        consequences.append(
            f"To avoid the {money(cost)}, add {money(shortfall)} more from other money before the deadline."
        )
    if after_tax:
        consequences.append(
            f"The {money(after_tax)} after-tax part is not taxed again; deposit it too if you "
            "want it to keep growing tax-deferred, and keep a record of it as basis."
        )
    return WalkResult(
        headline=headline,
        metrics=metrics,
        tables=[ResultTable("Your rollover", ["", "Amount"], rows)],
        consequences=consequences,
        steps=[
            f"{money(paid_out)} paid out − {money(after_tax)} after-tax = {money(taxable)} taxable",
            *prefixed("Taxable part", calculation),
            f"The check arrived {answers['received_on'].isoformat()}; + {ROLLOVER_DAYS} days = {deadline.isoformat()}",
        ],
        caveats=caveats_of(calculation),
        citations=citations,
        calculations=[calculation],
        as_of=calculation.as_of,
    )


def _days(days_left: int) -> str:
    if days_left > 0:
        return f"{days_left} days from today"
    if days_left == 0:
        return "today"
    return f"passed {-days_left} days ago"


def _deadline_line(deadline, days_left: int) -> str:
    if days_left > 0:
        return f"Your 60 days end on {deadline.isoformat()}, {days_left} days from today."
    if days_left == 0:
        return f"Your 60 days end today, {deadline.isoformat()}: deposit today."
    return (
        f"Your 60 days ended on {deadline.isoformat()}, {-days_left} days ago: what wasn't "
        "deposited by then counts as a taxable payout."
    )


def _all_after_tax(paid_out: Decimal, deadline, days_left: int, citations: list) -> WalkResult:
    """A payout of after-tax basis only: nothing withheld, nothing taxable."""
    return WalkResult(
        headline=(
            f"All {money(paid_out)} is after-tax money: nothing is withheld or taxed, whether or not you deposit it."
        ),
        metrics=[
            Metric("withheld", "Withheld (20% of the taxable part)", ZERO, "money"),
            Metric("check", "Check you received", paid_out, "money"),
            Metric("taxable_shortfall", "Taxable shortfall", ZERO, "money"),
            Metric("total_tax", "Tax and penalty", ZERO, "money"),
            Metric("deadline", "Deposit by", deadline, "date"),
            Metric("days_left", "Days left from today", days_left, "count", compare=False),
        ],
        consequences=[
            _deadline_line(deadline, days_left),
            "Deposit it by then if you want it to keep growing tax-deferred; keep a record of it as basis.",
        ],
        steps=[f"{money(paid_out)} paid out, all of it after-tax: 0% withheld, nothing taxable"],
        citations=citations,
        as_of="2025",
    )
