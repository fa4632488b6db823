"""The checks of calculator inputs, and the units they are tagged with, without pydantic.

Every calculator input is validated by these functions: the pydantic input models
(vested.calculate.inputs) apply them through the annotated types of vested.calculate.fields,
and a calculation asked with `vested ask` applies the same functions without pydantic
(vested.calculate.described), so importing this module must never import pydantic: a
calculation's start-up went mostly to importing pydantic and building its models
(benchmarks/README.md, issue 20).

Every number is first checked to be finite and of a size a person could mean; each check
raises ValueError with the words that follow the input's name ("must not be negative").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from vested.calculate.money import LARGEST, SMALLEST, money, percent, shown
from vested.understanding.patterns import LazyPattern

MAX_AMOUNT = Decimal("1000000000")
MAX_AGE = 120
MAX_YEARS = 100
MAX_TAX_RATE = Decimal("0.6")
"""No marginal income-tax rate in the US comes near it; above it, taxes and the 10% could
exceed the money itself."""


Frequency = Literal["yearly", "quarterly", "monthly", "semimonthly", "biweekly", "weekly"]
EACH_PERIOD: dict[str, str] = {
    "yearly": "a year",
    "quarterly": "a quarter",
    "monthly": "a month",
    "semimonthly": "a pay period",
    "biweekly": "a pay period",
    "weekly": "a week",
}
PERIODS_PER_YEAR: dict[str, int] = {
    "yearly": 1,
    "quarterly": 4,
    "monthly": 12,
    "semimonthly": 24,
    "biweekly": 26,
    "weekly": 52,
}
"""How often money goes in: a projection's deposits, a dollar deferral the match is worked on."""


class Unit(NamedTuple):
    """What kind of quantity an input is: money, percent, age, years, year, date, text."""

    kind: str
    many: bool = False


def check_number(value: Decimal | int) -> Decimal | int:
    """Finite, and neither absurdly large nor absurdly small (1e308, 1e-999 are typos)."""
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError("must be a finite number")
    size = Decimal(value).copy_abs()
    if size >= LARGEST:
        raise ValueError(f"is far too large (got {shown(value)})")
    if value and size < SMALLEST:
        raise ValueError(f"is too small to mean anything (got {shown(value)}; use 0 for none)")
    return value


def check_amount(value: Decimal) -> Decimal:
    check_number(value)
    if value < 0:
        raise ValueError(f"must not be negative (got {shown(value)})")
    if value > MAX_AMOUNT:
        raise ValueError(f"must be at most {money(MAX_AMOUNT)} (got {value:,})")
    return value


def positive_amount(value: Decimal) -> Decimal:
    check_amount(value)
    if value == 0:
        raise ValueError("must be more than $0.00")
    return value


def check_rate(value: Decimal) -> Decimal:
    check_number(value)
    if not 0 <= value <= 1:
        raise ValueError(f"must be between 0% and 100% (got {percent(value)})")
    return value


def check_tax_rate(value: Decimal) -> Decimal:
    check_rate(value)
    if value > MAX_TAX_RATE:
        raise ValueError(
            f"must be at most {percent(MAX_TAX_RATE)} (got {percent(value)}): the top federal bracket is 37%, "
            "about 50% with state tax"
        )
    return value


def check_age(value: Decimal | int) -> Decimal | int:
    check_number(value)
    if not 0 <= value <= MAX_AGE:
        raise ValueError(f"must be between 0 and {MAX_AGE} (got {shown(value)})")
    return value


def check_years(value: Decimal | int) -> Decimal | int:
    check_number(value)
    if not 0 <= value <= MAX_YEARS:
        raise ValueError(f"must be between 0 and {MAX_YEARS} years (got {shown(value)})")
    return value


def calendar_year(value: int) -> int:
    check_number(value)
    if not 1900 <= value <= 2200:
        raise ValueError(f"must be a calendar year like 2026 (got {value})")
    return value


def as_list(value: Any) -> Any:
    """One value where a series is allowed: a series of one."""
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def not_empty(values: list) -> list:
    if not values:
        raise ValueError("needs at least one value")
    return values


# A date parser ("1958-03-14", "1958"); tests/test_format_parsers.py.
_DATE = LazyPattern(r"^\s*(\d{4})(?:-(\d{1,2})-(\d{1,2}))?\s*$")


def birth_date(value: Any) -> Any:
    """'1958-03-14', a date, or a bare year '1958' (read as 1 January of that year)."""
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return date(value, 1, 1)
    if isinstance(value, str):
        found = _DATE.match(value)
        if not found:
            raise ValueError(f"must be a date like 1958-03-14 or a year like 1958 (got {value!r})")
        year, month, day = found.groups()
        try:
            return date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"must be a real date (got {value!r})") from None
    return value


def past_date(value: date) -> date:
    if not 1880 <= value.year <= 2100:
        raise ValueError(f"must be a birth date between 1880 and 2100 (got {value.isoformat()})")
    return value
