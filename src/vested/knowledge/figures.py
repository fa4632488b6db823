"""Dated figures (IRS limits by year, RMD ages, the Uniform Lifetime Table).

Figures live in knowledge/figures.toml, one row per year, each naming the IRS notice it
comes from, so "the limit" is always answered for a stated year and a year missing from
the table is said to be missing instead of guessed. Records like those of
vested.knowledge.models: plain records, validated by the loader.
"""

from __future__ import annotations

from decimal import Decimal

from vested.knowledge.models import STRICT
from vested.knowledge.records import Record, field


class YearLimits(Record):
    """The IRS limits for one calendar year, with the notice that announced them."""

    __pydantic_config__ = STRICT

    year: int
    notice: str  # source id of the IRS notice, e.g. irs-notice-2024-80
    deferral: Decimal  # 402(g) elective deferral limit
    catch_up_50: Decimal  # 414(v) catch-up for age 50 and over
    catch_up_60_63: Decimal | None = None  # SECURE 2.0 higher catch-up for ages 60 to 63, from 2025
    annual_additions: Decimal  # 415(c) limit on all additions
    compensation: Decimal  # 401(a)(17) compensation cap
    hce: Decimal  # 414(q) highly compensated threshold
    # 414(v)(7): prior-year FICA wages above which catch-ups must be Roth, from 2026
    roth_catch_up_wages: Decimal | None = None


class RmdAgeRule(Record):
    """The age RMDs start at for people born in a range of dates."""

    __pydantic_config__ = STRICT

    born_from: str | None = None
    born_until: str | None = None
    age: Decimal
    law: str
    source: str


class Figures(Record):
    """All dated figures."""

    __pydantic_config__ = STRICT

    limits: list[YearLimits]
    rmd_ages: list[RmdAgeRule] = field(default_factory=list)
    uniform_lifetime: dict[str, Decimal] = field(default_factory=dict)
    uniform_lifetime_source: str = ""

    def limits_for(self, year: int) -> YearLimits | None:
        return next((row for row in self.limits if row.year == year), None)

    @property
    def years(self) -> list[int]:
        return sorted(row.year for row in self.limits)

    @property
    def latest(self) -> YearLimits:
        return max(self.limits, key=lambda row: row.year)

    def divisor(self, age: int) -> Decimal | None:
        """Uniform Lifetime Table divisor; ages past the table's end use its last row."""
        if not self.uniform_lifetime:
            return None
        ages = sorted(int(key) for key in self.uniform_lifetime)
        if age < ages[0]:
            return None
        return self.uniform_lifetime[str(min(age, ages[-1]))]
