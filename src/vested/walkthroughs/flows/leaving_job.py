"""Leaving a job: each choice for the old 401(k) in cash now, withholding, tax and penalty.

The cash-out and the indirect rollover are the early_withdrawal and indirect_rollover
calculators run on the balance; an unpaid loan is priced as a payout of the loan
balance (it is one: a loan offset), and the small-balance rule is the SECURE 2.0 limit
for the year of leaving.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from vested.calculate.money import money, percent
from vested.walkthroughs.engine import WalkContext
from vested.walkthroughs.flows.common import caveats_of, prefixed
from vested.walkthroughs.results import Metric, ResultTable, WalkResult

SMALL_BALANCE_LIMIT = Decimal(7000)
SMALL_BALANCE_LIMIT_BEFORE_2024 = Decimal(5000)
SMALL_BALANCE_LIMIT_FROM = 2024
PAY_OUT_BELOW = Decimal(1000)
PENALTY_FREE_AGE = Decimal("59.5")
SEPARATION_AGE = Decimal(55)
ZERO = Decimal(0)
FIELDS = {"amount": "balance", "age": "age", "marginal_rate": "tax_rate"}
COLUMNS = ["Option", "Cash to you now", "Withheld", "Tax and penalty", "Stays tax-deferred", "Note"]


def compute(answers: dict[str, Any], context: WalkContext) -> WalkResult:
    balance: Decimal = answers["balance"]
    loan: Decimal = answers.get("loan") or ZERO
    age: Decimal = answers["age"]
    year: int = answers["year"]
    rate: Decimal = answers["tax_rate"]
    left_at_55 = age >= SEPARATION_AGE or bool(answers.get("turns_55"))
    common = {"age": age, "separated_at_55": left_at_55, "marginal_rate": rate}

    cash_out = context.calculate("early_withdrawal", {"amount": balance, "kind": "cash_out", **common}, FIELDS)
    indirect = context.calculate(
        "indirect_rollover", {"amount": balance, "only_check_redeposited": True, **common}, FIELDS
    )
    out, ind = cash_out.outputs, indirect.outputs
    check_only_tax = ind["income_tax"] + ind["additional_tax"]
    limit = SMALL_BALANCE_LIMIT if year >= SMALL_BALANCE_LIMIT_FROM else SMALL_BALANCE_LIMIT_BEFORE_2024
    stay_note, force_out = _small_balance(balance, limit)

    metrics = [
        Metric("cash_out.check", "Cash-out: check now", out["paid_out"], "money"),
        Metric("cash_out.withheld", "Cash-out: 20% withheld", out["withheld"], "money"),
        Metric("cash_out.income_tax", "Cash-out: income tax", out["income_tax"], "money"),
        Metric("cash_out.additional_tax", "Cash-out: 10% additional tax", out["additional_tax"], "money"),
        Metric("cash_out.total_tax", "Cash-out: tax and penalty", out["total_tax"], "money"),
        Metric("cash_out.net_after_tax", "Cash-out: kept after tax", out["net_after_tax"], "money"),
        Metric("cash_out.due_at_filing", "Cash-out: still due at filing", out["due_at_filing"], "money"),
        Metric("indirect.check", "Indirect rollover: check", ind["received"], "money"),
        Metric("indirect.to_add", "Indirect rollover: to add within 60 days", ind["to_add"], "money"),
        Metric("indirect.check_only_tax", "Indirect rollover, check only: tax and penalty", check_only_tax, "money"),
        Metric(
            "additional_tax_applies", "10% additional tax on payouts", "yes" if out["additional_tax"] else "no", "text"
        ),
        Metric("small_balance_limit", "Small-balance limit", limit, "money", compare=False),
    ]
    rows = [
        ["Leave it in the old plan", money(ZERO), money(ZERO), money(ZERO), money(balance), stay_note],
        _new_plan_row(answers["new_plan"], balance),
        ["Direct rollover to an IRA", money(ZERO), money(ZERO), money(ZERO), money(balance), "nothing withheld"],
        [
            "Indirect rollover, redeposit everything",
            money(ind["received"]),
            money(ind["withheld"]),
            money(ZERO),
            money(balance),
            f"add {money(ind['to_add'])} of your own within 60 days",
        ],
        [
            "Indirect rollover, redeposit only the check",
            money(ind["received"]),
            money(ind["withheld"]),
            money(check_only_tax),
            money(ind["received"]),
            f"the {money(ind['withheld'])} not redeposited is taxed",
        ],
        [
            "Cash out",
            money(out["paid_out"]),
            money(out["withheld"]),
            money(out["total_tax"]),
            money(ZERO),
            f"you keep {money(out['net_after_tax'])} after tax",
        ],
    ]
    tables = [ResultTable("Your choices", COLUMNS, rows)]
    steps = [*prefixed("Cash out", cash_out), *prefixed("Indirect rollover", indirect)]
    consequences = [
        f"Cashing out turns {money(balance)} into {money(out['net_after_tax'])} after tax: "
        f"{money(out['total_tax'])} ({percent(out['total_tax'] / balance, 1)}) goes in tax"
        f"{' and penalty' if out['additional_tax'] else ''}, and the money stops growing tax-deferred.",
        f"An indirect rollover pays you {money(ind['received'])}; to keep all {money(balance)} "
        f"tax-deferred you must add {money(ind['to_add'])} of your own within 60 days (it comes "
        f"back as a tax credit when you file). Redeposit only the check and "
        f"{money(ind['withheld'])} is taxed: {money(check_only_tax)}.",
        _age_line(age, left_at_55),
        force_out,
        _new_plan_line(answers["new_plan"]),
    ]
    citations = [
        *context.entry_citations("rollovers.options")[:3],
        *context.entry_citations("rollovers.small-balance"),
    ]
    if left_at_55 and age < PENALTY_FREE_AGE:
        citations += context.entry_citations("withdrawals.age-55-rule")
    if loan:
        offset = context.calculate("early_withdrawal", {"amount": loan, "kind": "cash_out", **common})
        loan_metrics, loan_table, loan_steps, loan_line = _loan(loan, year, offset.outputs)
        metrics += loan_metrics
        tables.append(loan_table)
        steps += loan_steps
        consequences.insert(2, loan_line)
        citations += context.entry_citations("loans.leaving-job")
    if out["additional_tax"]:
        headline_cost = f"{money(out['total_tax'])} of tax and penalty"
    else:
        headline_cost = f"{money(out['total_tax'])} of tax"
    return WalkResult(
        headline=(
            f"A direct rollover keeps all {money(balance)} tax-deferred with nothing withheld; "
            f"cashing out pays {money(out['paid_out'])} now and leaves {money(out['net_after_tax'])} "
            f"after {headline_cost}."
        ),
        metrics=metrics,
        tables=tables,
        consequences=consequences,
        steps=steps,
        caveats=caveats_of(
            cash_out,
            indirect,
            extra=["Each plan sets its own payout options and loan deadlines; its summary plan description has them."],
        ),
        citations=citations,
        calculations=[cash_out, indirect],
        as_of=cash_out.as_of,
    )


def _small_balance(balance: Decimal, limit: Decimal) -> tuple[str, str]:
    """(note for the 'leave it' row, the rule in a sentence) for this balance and year."""
    if balance > limit:
        return (
            f"yours to leave: over {money(limit)}",
            f"Your {money(balance)} is over the {money(limit)} small-balance limit, so the old plan "
            "can't move it out without your consent before the later of its normal retirement "
            "age and 62.",
        )
    if balance >= PAY_OUT_BELOW:
        return (
            "the plan may move it to an IRA",
            f"At {money(balance)} (between {money(PAY_OUT_BELOW)} and {money(limit)}), the old plan "
            "may roll your money into an IRA opened in your name if you don't tell it what to do.",
        )
    return (
        "the plan may pay it out",
        f"Under {money(PAY_OUT_BELOW)}, the old plan may simply pay the balance out to you; it is "
        "then taxed like a cash-out unless you roll it over within 60 days.",
    )


def _new_plan_row(new_plan: str, balance: Decimal) -> list[str]:
    zero = money(ZERO)
    if new_plan == "no":
        return ["Roll into the new plan", "—", "—", "—", "—", "not offered: the new plan takes no rollovers"]
    note = "nothing withheld" if new_plan == "yes" else "if the new plan accepts rollovers"
    return ["Roll into the new plan", zero, zero, zero, money(balance), note]


def _new_plan_line(new_plan: str) -> str:
    if new_plan == "yes":
        return "Your new plan accepts rollovers: a direct rollover there keeps everything in one account."
    if new_plan == "no":
        return "Your new plan takes no rollovers, so the choices are to leave it, move it to an IRA or cash out."
    return "Ask the new plan whether it accepts rollovers; an IRA takes them in any case."


def _age_line(age: Decimal, left_at_55: bool) -> str:
    if age >= PENALTY_FREE_AGE:
        return f"At {age:f} you are past 59½: payouts owe income tax but no 10% additional tax."
    if left_at_55:
        return (
            "You leave in or after the year you turn 55, so payouts from this plan owe no 10% "
            "additional tax; money rolled into an IRA loses that and waits for 59½."
        )
    return f"At {age:f}, cash you take out also owes the 10% additional tax on top of income tax."


def _loan(loan: Decimal, year: int, offset: dict[str, Decimal]) -> tuple[list[Metric], ResultTable, list[str], str]:
    """What an unpaid loan costs, and the deadline for rolling the offset over."""
    tax = offset["income_tax"] + offset["additional_tax"]
    due = date(year + 1, 4, 15)
    extended = date(year + 1, 10, 15)
    metrics = [
        Metric("loan.offset_tax", "Unpaid loan: tax and penalty", tax, "money"),
        Metric("loan.offset_income_tax", "Unpaid loan: income tax", offset["income_tax"], "money", compare=False),
        Metric("loan.offset_additional_tax", "Unpaid loan: 10% additional tax", offset["additional_tax"], "money"),
        Metric("loan.rollover_deadline", "Unpaid loan: roll over by", extended, "date", compare=False),
    ]
    table = ResultTable(
        f"Your {money(loan)} loan",
        ["If you", "Tax and penalty"],
        [
            ["repay it by the plan's deadline", money(ZERO)],
            [
                f"let the plan offset it, then put {money(loan)} into an IRA or the new plan by "
                f"{due.isoformat()} ({extended.isoformat()} with a tax-return extension)",
                money(ZERO),
            ],
            ["let the plan offset it and do nothing", money(tax)],
        ],
    )
    steps = [
        f"Unpaid loan: income tax at your rate on {money(loan)} = {money(offset['income_tax'])}",
        f"Unpaid loan: 10% additional tax = {money(offset['additional_tax'])}"
        if offset["additional_tax"]
        else "Unpaid loan: no 10% additional tax at your age",
        f"Unpaid loan: {money(offset['income_tax'])} + {money(offset['additional_tax'])} = {money(tax)}",
    ]
    line = (
        f"Your {money(loan)} loan usually falls due when you leave. Unpaid, the plan deducts it "
        f"from the account (a loan offset) and it is taxed like a payout: {money(tax)}. Putting "
        f"the same amount into an IRA or the new plan by the due date of your {year} tax return "
        f"({due.isoformat()}, or {extended.isoformat()} with an extension) avoids that."
    )
    return metrics, table, steps, line
