"""Early withdrawals (cash-outs and hardship): what is withheld, owed and left.

A cash-out is an eligible rollover distribution, so the plan must withhold 20%; a
hardship withdrawal cannot be rolled over, so that mandatory withholding does not apply.
Both are ordinary income, and before 59½ both owe the 10% additional tax unless an
exception applies (for cash-outs: leaving the employer in or after the year you turn 55).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from vested.calculate.base import CalcContext, CalculationResult, CalculatorSpec
from vested.calculate.fields import Age, PositiveMoney, TaxRate
from vested.calculate.money import money, percent
from vested.knowledge.models import Citation

WITHHOLDING = Decimal("0.20")
ADDITIONAL_TAX = Decimal("0.10")
PENALTY_FREE_AGE = Decimal("59.5")
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
HARDSHIP_TAX = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=3,
    quote="A hardship withdrawal is not repaid and is subject to income tax and the 10% early withdrawal penalty.",
)
AGE_55 = Citation(
    source="faq-2019",
    section="Withdrawal and Loan Rules",
    paragraph=5,
    quote="If the participant who separates from service is age 55 or more during the year of separation",
)
AFTER_59_HALF = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=4,
    quote="After reaching age 59 ½, participants can take distributions without the 10% early withdrawal penalty.",
)
WITHHOLDING_LAW = Citation(source="irc-3405c", section="3405(c)")
EARLY_TAX_LAW = Citation(source="irc-72t", section="72(t)(1) and (2)(A)(v)")


class EarlyWithdrawalInputs(BaseModel):
    """The amount taken, your age, and how it is taken."""

    model_config = ConfigDict(extra="forbid")

    amount: PositiveMoney = Field(title="Amount", description="the taxable amount you take out")
    age: Age = Field(title="Age", description="your age when you take it")
    kind: Literal["cash_out", "hardship"] = Field(
        default="cash_out",
        title="Kind",
        description="cash_out (a distribution after leaving, or any other eligible distribution) or hardship",
    )
    separated_at_55: bool = Field(
        default=False,
        title="Left the job at 55 or later",
        description="you left this employer in or after the year you turned 55 (cash-outs)",
    )
    marginal_rate: TaxRate | None = Field(
        default=None,
        title="Marginal tax rate",
        description="your marginal income tax rate, to estimate income tax and the net cash",
    )


def early_withdrawal(inputs: EarlyWithdrawalInputs, context: CalcContext) -> CalculationResult:
    """Withholding, the 10% additional tax, income tax and the cash left after tax."""
    amount = inputs.amount
    cash_out = inputs.kind == "cash_out"
    withheld = amount * WITHHOLDING if cash_out else Decimal(0)
    steps = []
    if cash_out:
        steps.append(f"20% of {money(amount)} withheld = {money(withheld)}; {money(amount - withheld)} paid to you")
    else:
        steps.append("a hardship withdrawal can't be rolled over, so the 20% withholding does not apply")
    citations = [CASH_OUT_TAX, CASH_OUT_PENALTY] if cash_out else [HARDSHIP_TAX]
    if inputs.age >= PENALTY_FREE_AGE:
        additional = Decimal(0)
        steps.append(f"at {inputs.age:f} you are past 59½: no 10% additional tax")
        citations.append(AFTER_59_HALF)
    elif cash_out and inputs.separated_at_55:
        additional = Decimal(0)
        steps.append("you left the employer in or after the year you turned 55: no 10% additional tax")
        citations.append(AGE_55)
    else:
        additional = amount * ADDITIONAL_TAX
        steps.append(f"at {inputs.age:f}, under 59½: 10% additional tax on {money(amount)} = {money(additional)}")
    outputs: dict[str, Any] = {
        "withheld": withheld,
        "paid_out": amount - withheld,
        "additional_tax": additional,
    }
    if cash_out:
        citations.append(WITHHOLDING_LAW)
    citations.append(EARLY_TAX_LAW)
    penalty = f"the 10% additional tax is {money(additional)}" if additional else "no 10% additional tax is due"
    if cash_out:
        summary = f"Taking {money(amount)} at {inputs.age:f}, {money(withheld)} is withheld and {penalty}."
    else:
        summary = f"Taking {money(amount)} at {inputs.age:f} as a hardship withdrawal, {penalty}."
    caveats = [
        "The 10% additional tax has other exceptions (disability, certain medical costs, "
        "a series of equal payments, and more); check whether one fits.",
        "Taxes here are federal; most states tax the withdrawal too.",
    ]
    if inputs.marginal_rate is not None:
        income_tax = amount * inputs.marginal_rate
        total_tax = income_tax + additional
        net = amount - total_tax
        settle = total_tax - withheld
        steps.append(f"income tax at {percent(inputs.marginal_rate)} of {money(amount)} = {money(income_tax)}")
        steps.append(f"{money(amount)} − {money(income_tax)} − {money(additional)} = {money(net)} left after tax")
        if withheld:
            direction = "still owed" if settle >= 0 else "refunded"
            steps.append(
                f"{money(total_tax)} tax − {money(withheld)} withheld = {money(abs(settle))} {direction} when you file"
            )
        outputs.update(income_tax=income_tax, total_tax=total_tax, net_after_tax=net, due_at_filing=settle)
        summary += f" After {money(total_tax)} of tax you keep {money(net)}."
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
        description="A cash-out or hardship withdrawal: the 20% withheld, the 10% additional "
        "tax before 59½, income tax and the cash you keep.",
        inputs=EarlyWithdrawalInputs,
        run=early_withdrawal,
        examples=(
            "vested calc early_withdrawal --amount 50000 --age 38",
            "vested calc early_withdrawal --amount 20000 --age 45 --kind hardship --marginal-rate 22",
        ),
    ),
)
