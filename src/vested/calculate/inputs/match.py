"""The input models of vested.calculate.match (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from vested.calculate.base import CalculatorInputError
from vested.calculate.checks import Frequency, Unit
from vested.calculate.fields import CalendarYear, Money, Rate, TaxRate
from vested.calculate.inputs import CalculatorInputs
from vested.calculate.match import _formula, a_deferral
from vested.calculate.money import percent


class MatchTier(BaseModel):
    """The employer adds `rate` per dollar you defer within a band `width` of pay wide."""

    model_config = ConfigDict(frozen=True)

    rate: Decimal
    width: Decimal | None = None


class MatchFormula(BaseModel):
    """A plan's match: tiers in order up the pay scale, plus any non-elective contribution."""

    model_config = ConfigDict(frozen=True)

    tiers: tuple[MatchTier, ...] = ()
    non_elective: Decimal = Decimal(0)
    # "my employer puts in 4%": a share of pay the employer adds, a match on the deferral or not (unsaid).
    either_match_or_flat: bool = False

    def unsure_below(self, deferral: Decimal) -> None:
        """A share of pay the employer puts in, with no word of a match, is the same figure either way only
        when the deferral reaches it; below it, which one it is changes the figure and is asked."""
        share = self.full_match_deferral
        if self.either_match_or_flat and share is not None and deferral < share:
            raise CalculatorInputError(
                f"is the employer's {percent(share)} of pay a match on what you defer (dollar for dollar up to "
                f"{percent(share)}) or {percent(share)} of pay whatever you defer? Deferring "
                f"{percent(deferral)}, the two differ",
                field="formula",
            )

    @property
    def full_match_deferral(self) -> Decimal | None:
        """The deferral rate that captures the whole match; None when the match has no cap."""
        if any(tier.width is None for tier in self.tiers):
            return None
        return sum((tier.width for tier in self.tiers if tier.width is not None), Decimal(0))

    def match_rate(self, deferral: Decimal) -> Decimal:
        """The match as a fraction of pay for a deferral rate."""
        lower = Decimal(0)
        total = Decimal(0)
        for tier in self.tiers:
            upper = deferral if tier.width is None else lower + tier.width
            total += tier.rate * max(Decimal(0), min(deferral, upper) - lower)
            lower = upper
        return total

    def bands(self, deferral: Decimal) -> list[tuple[MatchTier, Decimal, Decimal]]:
        """(tier, lower, deferral used in the band) for each tier, for the steps."""
        lower = Decimal(0)
        result = []
        for tier in self.tiers:
            upper = deferral if tier.width is None else lower + tier.width
            result.append((tier, lower, max(Decimal(0), min(deferral, upper) - lower)))
            lower = upper
        return result

    def describe(self) -> str:
        """The formula in plain words, as the inputs table shows it."""
        tier_parts = []
        for number, tier in enumerate(self.tiers):
            if tier.width is None:
                band = "of everything you defer" if number == 0 else "of anything more"
            else:
                band = f"of the {'first' if number == 0 else 'next'} {percent(tier.width)} of pay"
            tier_parts.append(f"{percent(tier.rate)} {band}")
        text = ", then ".join(tier_parts)
        if self.non_elective:
            flat = f"{percent(self.non_elective)} of pay whatever you defer"
            text = f"{text}; plus {flat}" if text else flat
        return text


FormulaText = Annotated[MatchFormula, Unit("formula"), BeforeValidator(_formula)]


class EmployerMatchInputs(CalculatorInputs):
    """The plan's formula, what you defer and what you earn."""

    formula: FormulaText = Field(
        title="Match formula",
        description="the plan's match in words, e.g. \"100% of the first 3% and 50% of the "
        'next 2%", "50% up to 6%", "dollar for dollar up to 4%", "3% non-elective"',
    )
    deferral_rate: Rate | None = Field(default=None, title="You defer", description="the share of pay you contribute")
    salary: Money | None = Field(default=None, title="Salary", description="your yearly pay (leave out for rates only)")
    contribution: Money | None = Field(
        default=None,
        title="You contribute",
        description="what you contribute in dollars each period, instead of a share of pay (needs the salary)",
    )
    frequency: Frequency = Field(
        default="yearly",
        title="Each period",
        description="how often that contribution goes in (and the match is shown for)",
    )
    max_match: Money | None = Field(
        default=None, title="Dollar cap on the match", description="a yearly dollar cap on the match"
    )
    year: CalendarYear | None = Field(
        default=None,
        title="Year",
        description="the plan year, for the compensation limit (default: this year)",
    )
    marginal_rate: TaxRate | None = Field(
        default=None,
        title="Marginal tax rate",
        description="your marginal income tax rate, to show the income tax a pre-tax deferral puts off",
    )

    cross_checks = (a_deferral,)
