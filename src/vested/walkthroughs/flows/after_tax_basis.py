"""After-tax basis: the after_tax_basis_share calculator over a series of withdrawals.

Each withdrawal is split pro rata between basis (tax-free) and the rest (taxable), and the
basis left carries into the next one: the running record Form 8606 keeps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vested.calculate.money import money, percent
from vested.walkthroughs.answers import AnswerError
from vested.walkthroughs.engine import WalkContext
from vested.walkthroughs.results import Metric, ResultTable, WalkResult

FIELDS = {"basis": "basis", "account_value": "account_value", "distribution": "withdrawals"}


def compute(answers: dict[str, Any], context: WalkContext) -> WalkResult:
    basis: Decimal = answers["basis"]
    value: Decimal = answers["account_value"]
    withdrawals: list[Decimal] = answers["withdrawals"]
    if basis > value:
        raise AnswerError(
            "basis", f"After-tax basis ({money(basis)}) can't be more than the account value ({money(value)})"
        )
    if sum(withdrawals) > value:
        raise AnswerError(
            "withdrawals",
            f"Planned withdrawals ({money(sum(withdrawals))} in all) can't be more than the account "
            f"value ({money(value)})",
        )
    result = context.calculate(
        "after_tax_basis_share",
        {"basis": basis, "account_value": [value], "distribution": withdrawals},
        FIELDS,
    )
    out = result.outputs
    rows_out = out.get("withdrawals") or [
        {
            "account_value": value,
            "distribution": withdrawals[0],
            **{key: out[key] for key in ("basis_share", "tax_free", "taxable", "basis_remaining")},
        }
    ]
    tax_free = sum((row["tax_free"] for row in rows_out), Decimal(0))
    taxable = sum((row["taxable"] for row in rows_out), Decimal(0))
    remaining = rows_out[-1]["basis_remaining"]
    metrics = [
        Metric("tax_free", "Tax-free in all", tax_free, "money"),
        Metric("taxable", "Taxable in all", taxable, "money"),
        Metric("basis_remaining", "Basis left", remaining, "money"),
    ]
    rows = []
    for number, row in enumerate(rows_out, 1):
        metrics += [
            Metric(
                f"withdrawal_{number}.tax_free",
                f"Withdrawal {number}: tax-free",
                row["tax_free"],
                "money",
                compare=False,
            ),
            Metric(
                f"withdrawal_{number}.taxable", f"Withdrawal {number}: taxable", row["taxable"], "money", compare=False
            ),
        ]
        rows.append(
            [
                str(number),
                money(row["account_value"]),
                money(row["distribution"]),
                percent(row["basis_share"], 1),
                money(row["tax_free"]),
                money(row["taxable"]),
                money(row["basis_remaining"]),
            ]
        )
    first_share = rows_out[0]["basis_share"]
    consequences = [
        f"You can't take the after-tax money out first: each withdrawal is part basis, "
        f"{percent(first_share, 1)} for the first"
        + ("; the share is worked out again before each one from the basis left." if len(rows_out) > 1 else "."),
        f"Of {money(tax_free + taxable)} withdrawn, {money(tax_free)} comes out tax-free and "
        f"{money(taxable)} is taxed as income.",
        f"Carry {money(remaining)} of basis forward: note it on Form 8606 (for an IRA) or in your "
        "own records, because a new custodian may not track it.",
    ]
    return WalkResult(
        headline=(
            f"{money(tax_free)} of your withdrawals is tax-free and {money(taxable)} taxable; "
            f"{money(remaining)} of basis is left to track."
        ),
        metrics=metrics,
        tables=[
            ResultTable(
                "Each withdrawal",
                ["#", "Account before", "Withdrawal", "Basis share", "Tax-free", "Taxable", "Basis left"],
                rows,
            )
        ],
        consequences=consequences,
        steps=list(result.steps),
        caveats=list(result.caveats),
        citations=context.entry_citations("after-tax.form-8606")[:2],
        calculations=[result],
        as_of=result.as_of,
    )
