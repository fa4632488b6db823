"""The input models of vested.calculate.allocation (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from vested.calculate.allocation import _check_holdings, _check_mix, _holdings, _mix
from vested.calculate.checks import Unit
from vested.calculate.fields import Money, WholeAge
from vested.calculate.inputs import CalculatorInputs

Mix = Annotated[dict[str, Decimal], Unit("mix"), BeforeValidator(_mix), AfterValidator(_check_mix)]


Holdings = Annotated[dict[str, Decimal], Unit("holdings"), BeforeValidator(_holdings), AfterValidator(_check_holdings)]


class AllocationInputs(CalculatorInputs):
    """Your age, and optionally the balance to split."""

    age: WholeAge = Field(title="Age", description="your age")
    balance: Money | None = Field(default=None, title="Balance", description="the account balance, to show dollars")


class RebalanceInputs(CalculatorInputs):
    """What you hold (by asset, or a balance and its mix) and the mix you want."""

    target: Mix = Field(title="Target mix", description="the mix you want, e.g. 60/40 or 'stocks=60, bonds=40'")
    holdings: Holdings | None = Field(
        default=None,
        title="Holdings",
        description="what you hold by asset, e.g. 'stocks=187500, bonds=62500'",
    )
    balance: Money | None = Field(default=None, title="Balance", description="the total balance (with --current-mix)")
    current_mix: Mix | None = Field(default=None, title="Current mix", description="the mix you hold now, e.g. 75/25")
