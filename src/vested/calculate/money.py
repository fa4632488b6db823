"""Money and percentages as Decimal: reading them as people write them, and showing them.

Calculators keep full precision and round to cents only when presenting, so every amount
on screen goes through `money()`; float never touches an amount.

`parse_amount` is the one reader of an amount a person typed, everywhere one is typed: a
`vested calc` flag, a walkthrough answer (typed, or in an answers file), a holdings list.
It knows the same scale words as the question reader (`vested.understanding.quantities`
uses SCALES), so "80k", "80 grand", "$1.2m" and "1.2 million" mean the same in a
question, a flag and a form. A number far beyond anything a person could mean (1e308,
9e9999999) is refused here, before any arithmetic: Decimal would otherwise overflow, or
spend minutes, on what is only a typo.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from vested.understanding.amounts import SCALES
from vested.understanding.patterns import LazyPattern

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
LARGEST = Decimal("1e15")
"""Nothing a person types (an amount, a percentage, an age, a year) is this large."""
SMALLEST = Decimal("1e-12")
"""Nor, unless it is zero, this small: 1e-999 is a typo, and a rate that small divides by zero."""
_WIDE = Context(prec=60)
"""Enough digits to show any amount up to LARGEST × LARGEST to the cent without rounding error."""
_DIGITS = r"(?:\d[\d,_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d{1,20})?"
_NUMBER = LazyPattern(rf"[-+]?{_DIGITS}", re.IGNORECASE)
_AMOUNT = LazyPattern(
    rf"(?P<sign>[-+]?)\s*\$?\s*(?P<inner>[-+]?)\s*(?P<number>{_DIGITS})"
    rf"\s*(?P<scale>{'|'.join(sorted(SCALES, key=len, reverse=True))})?\s*(?:dollars|bucks|usd)?",
    re.IGNORECASE,
)
_PERCENT_SIGN = LazyPattern(r"\s*(?:%|percent|per\s?cent|pct)$", re.IGNORECASE)


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP, context=_WIDE)


def _shown_number(value: Decimal) -> str | None:
    """A value too large or too odd to print digit by digit, in scientific form; else None."""
    if not value.is_finite():
        return str(value)
    if value and value.adjusted() > 40:
        return f"{value:.3E}"
    return None


def money(amount: Decimal | int) -> str:
    """$40,000.00; negatives as -$1.00."""
    value = Decimal(amount)
    if (odd := _shown_number(value)) is not None:
        return f"${odd}"
    value = to_cents(value)
    sign = "-" if value < 0 else ""
    return f"{sign}${value.copy_abs():,.2f}"


def whole_dollars(amount: Decimal | int) -> str:
    """$695,712: a projection's headline, where cents would claim a precision it does not have."""
    value = Decimal(amount)
    if (odd := _shown_number(value)) is not None:
        return f"${odd}"
    value = value.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_WIDE)
    sign = "-" if value < 0 else ""
    return f"{sign}${value.copy_abs():,f}"


def percent(rate: Decimal, places: int = 2) -> str:
    """A fraction (0.055) shown as a percentage without trailing zeros: 5.5%."""
    value = Decimal(rate)
    if (odd := _shown_number(value * HUNDRED if value.is_finite() else value)) is not None:
        return f"{odd}%"
    value = (value * HUNDRED).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def long_date(value: date) -> str:
    """April 15, 2027: a deadline written out, as the steps and summaries give it."""
    return f"{value:%B} {value.day}, {value.year}"


def shown(value: Decimal | int) -> str:
    """A number a person gave, echoed in a refusal: in full when short, else scientific."""
    value = Decimal(value)
    return f"{value:f}" if value.is_finite() and -20 < value.adjusted() < 20 else f"{value:.3E}"


def _echo(text: str) -> str:
    """The user's text in a refusal: quoted (control characters escaped), at most 40 characters."""
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _sane(value: Decimal, text: str) -> Decimal:
    if not value.is_finite():
        raise ValueError(f"{_echo(text)} is not a finite number")
    if value.copy_abs() >= LARGEST:  # copy_abs: exact, never overflows as abs() would
        raise ValueError(f"{_echo(text)} is far too large")
    if value and value.copy_abs() < SMALLEST:
        raise ValueError(f"{_echo(text)} is too small to mean anything (use 0 for none)")
    return value


def _decimal(number: str, text: str) -> Decimal:
    try:
        return Decimal(number.replace(",", "").replace("_", ""))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{_echo(text)} is not a number") from None


def _plain(cleaned: str, text: str) -> Decimal:
    if not _NUMBER.fullmatch(cleaned):
        if cleaned.lower().lstrip("+-") in ("nan", "inf", "infinity", "snan"):
            raise ValueError(f"{_echo(text)} is not a finite number")
        raise ValueError(f"{_echo(text)} is not a number")
    return _sane(_decimal(cleaned, text), text)


def parse_decimal(text: str) -> Decimal:
    """A plain number from the command line or a form: '80,000', '$1,200.50', '7.5'."""
    return _plain(text.strip().removeprefix("$").strip(), text)


def parse_amount(text: str) -> Decimal:
    """An amount as people write it: 80000, $80,000, -$3, 80k, 80 grand, $1.2m, 1.2 million."""
    found = _AMOUNT.fullmatch(text.strip())
    scale = found.group("scale") if found else None
    if found is None or (found.group("sign") and found.group("inner")):
        return parse_decimal(text)  # refuses it in its own words ("not a number", NaN)
    value = _sane(_decimal(found.group("number"), text), text)
    if scale is not None:
        value = _sane(value * SCALES.get(scale, SCALES.get(scale.lower(), Decimal(1))), text)
    return -value if "-" in (found.group("sign"), found.group("inner")) else value


def parse_percent(text: str) -> Decimal:
    """A percentage as people write it (6, 6%, 6 percent, 6.5 pct) -> the fraction (0.06)."""
    cleaned = _PERCENT_SIGN.sub("", text.strip())
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"{_echo(text)} is not a percentage (write 6 or 6%)")
    return _plain(cleaned, text) / HUNDRED
