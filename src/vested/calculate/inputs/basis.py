"""The input models of vested.calculate.basis (see vested.calculate.inputs)."""

from __future__ import annotations

from pydantic import Field

from vested.calculate.fields import Money, MoneySeries
from vested.calculate.inputs import CalculatorInputs


class AfterTaxBasisInputs(CalculatorInputs):
    """The basis, the account's value before each withdrawal, and the withdrawals."""

    basis: Money = Field(title="After-tax basis", description="the after-tax money in the account (your basis)")
    account_value: MoneySeries = Field(
        title="Account value",
        description="the account's value just before the withdrawal; for a series, one value "
        "per withdrawal, or just the first (later ones then assume no growth)",
    )
    distribution: MoneySeries | None = Field(
        None,
        title="Withdrawal",
        description="the amount withdrawn; for a series, several amounts in order; without one, "
        "the share of any withdrawal that is tax-free",
    )
