"""After-tax basis: which part of a withdrawal is tax-free (the pro-rata rule).

Money contributed after tax (the basis) comes out tax-free, but never on its own: each
withdrawal is part basis and part pre-tax money and earnings, in the proportion the basis
bears to the account's value at that moment. The basis left shrinks with every
withdrawal, which is why a series of withdrawals is tracked one after another (the Form
8606 bookkeeping faq-2019 describes).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from vested.calculate.base import (
    CalcContext,
    CalculationResult,
    CalculatorInputError,
    CalculatorSpec,
)
from vested.calculate.money import money, percent
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.basis import AfterTaxBasisInputs


RULES_AS_OF = "2019"

PRO_RATA_EXAMPLE = Citation(
    source="faq-2019",
    section="Rollover Rules",
    paragraph=12,
    quote="16.7% of the $10K distribution ($1,667) is post-tax contribution and not taxable, the rest is taxable.",
)
NO_CHOOSING = Citation(
    source="faq-2019",
    section="Rollover Rules",
    paragraph=11,
    quote="The account holder cannot choose to take withdrawals exclusively from a pre-tax or post-tax bucket",
)
BASIS_TAX_FREE = Citation(
    source="faq-2019",
    section="Contribution Rules",
    paragraph=3,
    quote="the employee pays no tax on the portion of the distribution attributed to after-tax contributions",
)
FORM_8606_TRACKING = Citation(
    source="faq-2019",
    section="Rollover Rules",
    paragraph=12,
    quote="The after-tax amount can be tracked on IRS form 8606",
)
FORM_8606 = Citation(source="irs-form-8606")


def after_tax_basis_share(inputs: AfterTaxBasisInputs, context: CalcContext) -> CalculationResult:
    """Split each withdrawal into its tax-free and taxable parts and carry the basis forward."""
    if inputs.distribution is None:
        return _share_of_any_withdrawal(inputs.basis, inputs.account_value[0])
    values = list(inputs.account_value)
    withdrawals = list(inputs.distribution)
    if len(values) != 1 and len(values) != len(withdrawals):
        raise CalculatorInputError(
            f"give one account value, or one per withdrawal ({len(withdrawals)}), not {len(values)}",
            field="account_value",
        )
    assumes_no_growth = len(values) == 1 and len(withdrawals) > 1
    basis = inputs.basis
    rows = []
    steps: list[str] = []
    table = []
    value = values[0]
    for number, amount in enumerate(withdrawals, start=1):
        if number > 1:
            value = values[number - 1] if not assumes_no_growth else value - withdrawals[number - 2]
        if value <= 0:
            raise CalculatorInputError(
                f"the account value before withdrawal {number} must be more than $0.00",
                field="account_value",
            )
        if amount > value:
            raise CalculatorInputError(
                f"the withdrawal ({money(amount)}) is larger than the account ({money(value)})",
                field="distribution",
            )
        share = min(basis / value, Decimal(1))
        # Multiply before dividing, and never past the basis: rounding the 28th digit must not
        # recover more basis than there is (a withdrawal of the whole account recovers all of it).
        tax_free = amount if share == 1 else min(amount * basis / value, basis)
        taxable = amount - tax_free
        remaining = basis - tax_free
        label = f"withdrawal {number}: " if len(withdrawals) > 1 else ""
        if share < 1:
            steps.extend(
                [
                    f"{label}basis share = {money(basis)} ÷ {money(value)} = {percent(share)}",
                    f"{label}{money(amount)} × {money(basis)} ÷ {money(value)} = "
                    f"{money(tax_free)} tax-free; the other {money(taxable)} is taxable",
                ]
            )
        else:
            steps.append(
                f"{label}the basis ({money(basis)}) is at least the account value "
                f"({money(value)}): all {money(amount)} is tax-free"
            )
        steps.append(f"{label}basis left = {money(basis)} − {money(tax_free)} = {money(remaining)}")
        rows.append(
            {
                "account_value": value,
                "distribution": amount,
                "basis_share": share,
                "tax_free": tax_free,
                "taxable": taxable,
                "basis_remaining": remaining,
            }
        )
        table.append(
            {
                "#": str(number),
                "Account value": money(value),
                "Withdrawal": money(amount),
                "Basis share": percent(share, 1),
                "Tax-free": money(tax_free),
                "Taxable": money(taxable),
                "Basis left": money(remaining),
            }
        )
        basis = remaining
    first = rows[0]
    if len(rows) == 1:
        summary = (
            f"Of the {money(first['distribution'])} withdrawal, {money(first['tax_free'])} "
            f"({percent(first['basis_share'], 1)}) is tax-free and {money(first['taxable'])} is "
            f"taxable; {money(first['basis_remaining'])} of basis remains."
        )
        outputs: dict[str, object] = {
            key: rows[0][key] for key in ("basis_share", "tax_free", "taxable", "basis_remaining")
        }
        table = []
    else:
        tax_free_total = sum((row["tax_free"] for row in rows), Decimal(0))
        taxable_total = sum((row["taxable"] for row in rows), Decimal(0))
        summary = (
            f"Over {len(rows)} withdrawals totalling {money(tax_free_total + taxable_total)}, "
            f"{money(tax_free_total)} is tax-free and {money(taxable_total)} taxable; "
            f"{money(basis)} of basis remains."
        )
        outputs = {
            "withdrawals": rows,
            "tax_free": tax_free_total,
            "taxable": taxable_total,
            "basis_remaining": basis,
        }
    caveats = [
        "Keep your own record of the basis (Form 8606 style): a new custodian may not track it.",
        "Earnings on after-tax money are taxable; only the contributions themselves are basis.",
    ]
    if assumes_no_growth:
        caveats.append(
            "Only the first account value was given, so later values assume no growth or loss between withdrawals."
        )
    return CalculationResult(
        tool="after_tax_basis_share",
        summary=summary,
        inputs=inputs.model_dump(),
        outputs=outputs,
        steps=steps,
        citations=[PRO_RATA_EXAMPLE, NO_CHOOSING, BASIS_TAX_FREE, FORM_8606_TRACKING, FORM_8606],
        caveats=caveats,
        table=table,
        as_of=RULES_AS_OF,
    )


def _share_of_any_withdrawal(basis: Decimal, value: Decimal) -> CalculationResult:
    """The pro-rata share alone, when no withdrawal amount was given ("how much can he take out
    tax-free?"): every withdrawal, whatever its size, carries this share of basis."""
    if value <= 0:
        raise CalculatorInputError("the account value must be more than $0.00", field="account_value")
    share = min(basis / value, Decimal(1))
    steps = [f"basis share = {money(basis)} ÷ {money(value)} = {percent(share)}"]
    summary = (
        f"Any withdrawal is {percent(share)} tax-free and {percent(1 - share)} taxable: the basis, "
        f"{money(basis)}, is {percent(share)} of the account's {money(value)}."
    )
    return CalculationResult(
        tool="after_tax_basis_share",
        summary=summary,
        inputs={"basis": basis, "account_value": [value], "distribution": None},
        outputs={"basis_share": share},
        steps=steps,
        citations=[PRO_RATA_EXAMPLE, NO_CHOOSING, BASIS_TAX_FREE, FORM_8606_TRACKING, FORM_8606],
        caveats=[
            "You can't take the basis alone: each withdrawal carries this share of it, and the basis left "
            "shrinks with every withdrawal.",
            "Earnings on after-tax money are taxable; only the contributions themselves are basis.",
        ],
        as_of=RULES_AS_OF,
    )


CALCULATORS = (
    CalculatorSpec(
        name="after_tax_basis_share",
        title="After-tax basis (pro-rata)",
        description="Which part of a withdrawal is tax-free when the account holds after-tax "
        "money; a series of withdrawals as a table.",
        inputs_model="vested.calculate.inputs.basis:AfterTaxBasisInputs",
        run=after_tax_basis_share,
        examples=(
            "vested calc after_tax_basis_share --basis 25000 --account-value 150000 --distribution 10000",
            "vested calc after_tax_basis_share --basis 25000 --account-value 150000 140000 --distribution 10000 10000",
        ),
    ),
)
