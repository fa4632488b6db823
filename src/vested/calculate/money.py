"""Money and percentages as Decimal, and how they (and deadlines) are shown.

Calculators keep full precision and round to cents only when presenting, so every
amount on screen goes through `money()`; float never touches an amount.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(amount: Decimal | int) -> str:
    """$40,000.00; negatives as -$1.00."""
    value = to_cents(Decimal(amount))
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def whole_dollars(amount: Decimal | int) -> str:
    """$695,712: a projection's headline, where cents would claim a precision it does not have."""
    value = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,}"


def percent(rate: Decimal, places: int = 2) -> str:
    """A fraction (0.055) shown as a percentage without trailing zeros: 5.5%."""
    value = (Decimal(rate) * HUNDRED).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def long_date(value: date) -> str:
    """April 15, 2027: a deadline written out, as the steps and summaries give it."""
    return f"{value:%B} {value.day}, {value.year}"


def parse_decimal(text: str) -> Decimal:
    """A plain number from the command line or a form: '80,000', '$1,200.50', '7.5'."""
    cleaned = text.strip().replace(",", "").replace("$", "").replace("_", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value
