"""The input models of vested.calculate.loans (see vested.calculate.inputs)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from vested.calculate.fields import Age, Money, PositiveMoney, Rate, TaxRate, Years
from vested.calculate.inputs import CalculatorInputs
from vested.calculate.loans import Frequency, a_vested_balance


class LoanMaximumInputs(CalculatorInputs):
    """What decides the most you may borrow."""

    vested: Money | None = Field(default=None, title="Vested balance", description="your vested account balance")
    own_money: Money | None = Field(
        default=None,
        title="Your own money",
        description="what you contributed (with its earnings): always fully vested",
    )
    employer_money: Money | None = Field(
        default=None, title="Employer money", description="what the employer contributed (with its earnings)"
    )
    employer_vested_share: Rate | None = Field(
        default=None, title="Employer money vested", description="the share of the employer money that is vested"
    )
    highest_balance_12m: Money | None = Field(
        default=None,
        title="Highest loan balance, last 12 months",
        description="the highest balance of your plan loans in the 12 months before the new "
        "loan (leave out if you had none; defaults to what you owe now)",
    )
    outstanding: Money = Field(
        default=Decimal(0),
        title="Loan balance owed now",
        description="what you still owe on plan loans on the day of the new loan",
    )
    allow_10k_floor: bool = Field(
        default=False,
        title="Plan allows the $10,000 floor",
        description="the plan lets you borrow up to $10,000 even when that is more than half your vested balance",
    )

    cross_checks = (a_vested_balance,)


class LoanRepaymentInputs(CalculatorInputs):
    """A loan's amount, rate and term, and optionally when you might leave the job."""

    amount: PositiveMoney = Field(title="Loan amount", description="the amount you borrow")
    annual_rate: Rate = Field(title="Interest rate", description="the loan's yearly interest rate (often prime + 1%)")
    years: Years = Field(title="Term", description="the repayment term in years (at most 5)")
    frequency: Frequency = Field(default="monthly", title="Payments", description="how often you repay")
    principal_residence: bool = Field(
        default=False,
        title="Buys your main home",
        description="the loan buys your principal residence (the term may then exceed 5 years)",
    )
    leave_after_years: Years | None = Field(
        default=None,
        title="Leave the job after",
        description="years after taking the loan that you might leave the job",
    )
    age: Age | None = Field(default=None, title="Age when leaving", description="your age when you would leave the job")
    separated_at_55: bool = Field(
        default=False,
        title="Leaving in the year you turn 55",
        description="you would leave in or after the calendar year you turn 55 (this counts even at 54)",
    )
    marginal_rate: TaxRate | None = Field(
        default=None,
        title="Marginal tax rate",
        description="your marginal income tax rate, to estimate the tax on an unpaid balance",
    )
