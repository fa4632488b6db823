"""A hardship withdrawal, or another payment that can't be rolled over: withholding and tax.

Such a payment is not an eligible rollover distribution, so the mandatory 20% does not
apply; instead the plan withholds 10% by default (IRC 3405(b)), and the person may choose
no withholding. Withholding is only a prepayment: the payment is ordinary income at the
person's marginal rate, plus the 10% additional tax before 59½ unless an exception fits.
The age-55 separation rule is not offered here: a hardship withdrawal is taken while still
working for the employer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vested.calculate.base import CalcContext, CalculationResult, CalculatorInputError, CalculatorSpec
from vested.calculate.money import money, percent
from vested.calculate.taxes import ZERO, additional_tax, tax_bill
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.hardship import HardshipInputs


DEFAULT_WITHHOLDING = Decimal("0.10")
RULES_AS_OF = "2025"

HARDSHIP_TAX = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=3,
    quote="A hardship withdrawal is not repaid and is subject to income tax and the 10% early withdrawal penalty.",
)
EXCEPTIONS = Citation(
    source="primer-2025",
    section="## Definition & Key Takeaways",
    paragraph=1,
    quote="Withdrawals before age 59½ typically trigger income tax and a 10% penalty unless an exception applies.",
)
# Said beneath a figure worked with an exception the question states ("I'm disabled"): what the tax code asks of it.
EXCEPTION_TAKEN = (
    "This takes the exception you describe to apply. For disability the tax code means unable to do any "
    "substantial gainful work because of a condition expected to last indefinitely or to end in death; the "
    "exception is claimed on Form 5329 if the plan's Form 1099-R does not show it."
)
AFTER_59_HALF = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=4,
    quote="After reaching age 59 ½, participants can take distributions without the 10% early withdrawal penalty.",
)
DEFAULT_WITHHOLDING_LAW = Citation(source="irc-3405b", section="3405(b)(1)-(2)")
HARDSHIP_RULES = Citation(source="treas-reg-1-401k-1", section="1.401(k)-1(d)(3)(iv)(A)")
EARLY_TAX_LAW = Citation(source="irc-72t", section="72(t)(1) and (2)")


def hardship_withdrawal(inputs: HardshipInputs, context: CalcContext) -> CalculationResult:
    """The 10% withheld by default, the 10% additional tax, income tax and the balance at filing."""
    amount = inputs.amount
    chosen = inputs.withholding_rate
    if inputs.waive_withholding and chosen:
        raise CalculatorInputError(
            f"withholding waived and withheld at {percent(chosen)}: say one or the other", field="withholding_rate"
        )
    if inputs.waive_withholding:
        withheld = ZERO
        steps = [f"you chose no withholding: all {money(amount)} is paid to you"]
    elif chosen is not None:  # a rate elected on Form W-4R ("they withheld 20%"), in place of the default
        withheld = amount * chosen
        steps = [
            f"withheld at the {percent(chosen)} you chose: {percent(chosen)} of {money(amount)} = {money(withheld)}; "
            f"{money(amount - withheld)} paid to you"
        ]
    else:
        withheld = amount * DEFAULT_WITHHOLDING
        steps = [
            f"not rollover-eligible, so 10% is withheld by default: 10% of {money(amount)} = {money(withheld)}; "
            f"{money(amount - withheld)} paid to you"
        ]
    penalty = additional_tax(amount, inputs.age, exception=inputs.exception)
    steps.append(penalty.step)
    citations = [HARDSHIP_TAX, EXCEPTIONS, DEFAULT_WITHHOLDING_LAW, HARDSHIP_RULES, EARLY_TAX_LAW]
    if penalty.reason == "59½":
        citations.insert(1, AFTER_59_HALF)
    outputs: dict[str, Any] = {
        "withheld": withheld,
        "paid_out": amount - withheld,
        "additional_tax": penalty.amount,
    }
    owed = f"the 10% additional tax is {money(penalty.amount)}" if penalty.amount else "no 10% additional tax is due"
    summary = f"Of a {money(amount)} hardship withdrawal at {inputs.age:f}, {money(withheld)} is withheld and {owed}."
    caveats = [
        "Withholding is a prepayment, not the tax: the income tax and any 10% additional tax are settled "
        "on your return, less what was withheld.",
        "The amount you may take can include the tax the withdrawal itself causes; it can't be repaid later.",
        "Taxes here are federal; most states tax the withdrawal too.",
    ]
    if penalty.reason == "exception":
        caveats.insert(0, EXCEPTION_TAKEN)
    if penalty.reason == "owed":
        caveats.insert(
            0,
            "A hardship is not itself an exception to the 10% additional tax; some reasons are (disability, "
            "medical costs above 7.5% of your income, and a few more).",
        )
    if inputs.marginal_rate is not None:
        bill = tax_bill(amount, inputs.marginal_rate, penalty.amount, withheld)
        steps.extend(bill.steps)
        outputs.update(bill.outputs())
        summary += _settlement(bill.total_tax, bill.due_at_filing)
    else:
        caveats.append("Income tax at your marginal rate comes on top; add your rate to include it.")
    return CalculationResult(
        tool="hardship_withdrawal",
        summary=summary,
        inputs=inputs.model_dump(),
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=RULES_AS_OF,
    )


def _settlement(total: Decimal, due: Decimal) -> str:
    """The summary's last sentence: the tax in all, and what filing settles."""
    if due > 0:
        return f" The tax comes to {money(total)}: {money(due)} more is due when you file."
    if due < 0:
        return f" The tax comes to {money(total)}: {money(-due)} comes back when you file."
    return f" The tax comes to {money(total)}, all of it withheld."


CALCULATORS = (
    CalculatorSpec(
        name="hardship_withdrawal",
        title="Hardship withdrawal",
        description="A hardship withdrawal (or another payment that can't be rolled over): the 10% "
        "withheld by default, the 10% additional tax before 59½, income tax and what is due at filing.",
        inputs_model="vested.calculate.inputs.hardship:HardshipInputs",
        run=hardship_withdrawal,
        examples=(
            "vested calc hardship_withdrawal --amount 20000 --age 45 --marginal-rate 22",
            "vested calc hardship_withdrawal --amount 15000 --age 40 --waive-withholding",
        ),
    ),
)
