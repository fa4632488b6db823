"""What a taxable payment from the plan costs: the 10% additional tax, income tax, withholding.

Several calculators price money leaving the plan (a cash-out, a hardship withdrawal, the
shortfall of an indirect rollover, a loan offset). They share these pieces so the age tests
of IRC 72(t) read the same everywhere, and so no step ever shows a negative figure: when the
tax is more than the payment, or the withholding more than the tax, the step says so in
words instead of printing "-$1,000.00".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, NamedTuple

from vested.calculate.money import money, percent

ZERO = Decimal(0)
ADDITIONAL_TAX = Decimal("0.10")
PENALTY_FREE_AGE = Decimal("59.5")
SEPARATION_AGE = Decimal(55)
# In the calendar year you turn 55 you are at least 54: younger than that, a separation
# can't have been "in or after the year you turned 55".
YOUNGEST_IN_YEAR_OF_55 = Decimal(54)

Reason = Literal["owed", "59½", "age 55", "exception"]


class AdditionalTax(NamedTuple):
    """The 10% additional tax on a payment, the step that explains it, and what to keep in mind."""

    amount: Decimal
    step: str
    reason: Reason
    caveats: tuple[str, ...] = ()


def additional_tax(
    taxable: Decimal,
    age: Decimal,
    *,
    left_at_55: bool | None = None,
    age_at_leaving: bool = False,
    exception: bool = False,
) -> AdditionalTax:
    """10% of the taxable amount before 59½, unless the age-55 rule or another exception applies.

    `left_at_55` is None when the age-55 rule can't apply to the payment (a hardship
    withdrawal is taken while still employed); otherwise it says whether the person left
    the employer in or after the calendar year they turned 55. `age_at_leaving` says the age
    given is the age at leaving (a loan offset), so 55 or more is itself the age-55 rule.

    The claim is checked against the age: at 54 it holds only in the year you turn 55,
    which the claim says; younger, it can't hold, and it is ignored with a caveat rather
    than waiving a tax that is owed (a misread "60" once waived it for a 45-year-old).
    """
    if age >= PENALTY_FREE_AGE:
        return AdditionalTax(ZERO, f"at {age:f} you are past 59½: no 10% additional tax", "59½")
    if exception:
        return AdditionalTax(ZERO, "an exception to the 10% additional tax applies: none is due", "exception")
    if age_at_leaving and age >= SEPARATION_AGE:
        return AdditionalTax(
            ZERO, f"leaving at {age:f}, in or after the year you turn 55: no 10% additional tax", "age 55"
        )
    if left_at_55 and age >= SEPARATION_AGE:
        return AdditionalTax(
            ZERO, "you left the employer in or after the year you turned 55: no 10% additional tax", "age 55"
        )
    if left_at_55 and age >= YOUNGEST_IN_YEAR_OF_55:
        return AdditionalTax(
            ZERO,
            f"at {age:f}, leaving in the calendar year you turn 55 counts as leaving at 55: no 10% additional tax",
            "age 55",
        )
    caveats: list[str] = []
    if left_at_55:
        caveats.append(
            f"You said you left in or after the year you turned 55, but at {age:f} that can't be (in the "
            "year you turn 55 you are at least 54), so the 10% additional tax is included."
        )
    elif left_at_55 is not None and age >= YOUNGEST_IN_YEAR_OF_55:
        caveats.append(
            "If you leave (or left) this employer in or after the calendar year you turn 55, even at 54, "
            "this plan's payments owe no 10% additional tax."
        )
    amount = taxable * ADDITIONAL_TAX
    return AdditionalTax(
        amount,
        f"at {age:f}, under 59½: 10% additional tax on {money(taxable)} = {money(amount)}",
        "owed",
        tuple(caveats),
    )


class TaxBill(NamedTuple):
    """Income tax at a marginal rate, the total with the additional tax, and how filing settles it."""

    income_tax: Decimal
    total_tax: Decimal
    net_after_tax: Decimal
    due_at_filing: Decimal
    steps: tuple[str, ...]

    def outputs(self) -> dict[str, Any]:
        return {
            "income_tax": self.income_tax,
            "total_tax": self.total_tax,
            "net_after_tax": self.net_after_tax,
            "due_at_filing": self.due_at_filing,
        }


def tax_bill(taxable: Decimal, marginal_rate: Decimal, additional: Decimal, withheld: Decimal) -> TaxBill:
    """Income tax on the taxable amount, what is left of it after tax, and the balance at filing.

    `due_at_filing` is negative for a refund; the steps word it as a refund instead.
    """
    income_tax = taxable * marginal_rate
    total = income_tax + additional
    net = taxable - total
    settle = total - withheld
    steps = [f"income tax at {percent(marginal_rate)} of {money(taxable)} = {money(income_tax)}"]
    if additional:
        steps.append(f"{money(income_tax)} + {money(additional)} = {money(total)} of tax in all")
    if net >= 0:
        steps.append(f"{money(taxable)} − {money(total)} tax = {money(net)} left after tax")
    else:
        steps.append(
            f"the {money(total)} of tax is more than the {money(taxable)} itself: nothing is left, and "
            f"{money(total)} − {money(taxable)} = {money(-net)} comes from other money"
        )
    if withheld and settle >= 0:
        steps.append(f"{money(total)} tax − {money(withheld)} withheld = {money(settle)} still owed when you file")
    elif withheld:
        steps.append(f"{money(withheld)} withheld − {money(total)} tax = {money(-settle)} refunded when you file")
    return TaxBill(income_tax, total, net, settle, tuple(steps))
