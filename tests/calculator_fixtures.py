"""Helpers shared by the calculator tests: a pinned context and a one-line runner."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from vested.calculate import registry
from vested.calculate.base import CalcContext, CalculationResult
from vested.knowledge import load_knowledge_base
from vested.knowledge.figures import Figures

TODAY = date(2026, 11, 25)


@cache
def figures() -> Figures:
    """Loaded once: the figures never change during a test run."""
    return load_knowledge_base().figures


def context(today: date = TODAY) -> CalcContext:
    """The installed figures with the date the tests assume."""
    return CalcContext(figures=figures(), today=today)


def compute(name: str, **raw: Any) -> CalculationResult:
    """Validate raw inputs and run the named calculator on the pinned context."""
    return registry()[name].compute(raw, context())


# Inputs that exercise every branch of every calculator (and so every citation it can emit).
SAMPLES: dict[str, list[dict[str, Any]]] = {
    "loan_maximum": [
        {"vested": 80000},
        {"vested": 80000, "highest_balance_12m": 27000, "outstanding": 18000},
        {"vested": 12000, "allow_10k_floor": True},
        {"own_money": 50000, "employer_money": 20000, "employer_vested_share": "0.6"},
    ],
    "loan_repayment": [
        {"amount": 20000, "annual_rate": "0.05", "years": 5},
        {
            "amount": 20000,
            "annual_rate": "0.05",
            "years": 5,
            "leave_after_years": 2,
            "age": 45,
            "marginal_rate": "0.22",
        },
        {"amount": 40000, "annual_rate": "0.06", "years": 15, "principal_residence": True, "leave_after_years": 1},
        {
            "amount": 20000,
            "annual_rate": "0.05",
            "years": 5,
            "leave_after_years": 2,
            "age": 54,
            "separated_at_55": True,
        },
    ],
    "loan_offset": [
        {"loan_balance": 12000, "age": 40, "marginal_rate": "0.22"},
        {"loan_balance": 12000, "age": 54, "separated_at_55": True, "rolled_over": 5000},
        {"loan_balance": 12000, "age": 45, "rolled_over": 12000, "year": 2027},
        {"loan_balance": 8000, "age": 60, "marginal_rate": "0.12"},
        {"loan_balance": 8000, "age": 50, "exception": True},
        {"loan_balance": 8000, "age": 56, "reason": "plan_ended", "marginal_rate": "0.22"},
        {"loan_balance": 8000, "age": 40, "reason": "other"},
    ],
    "indirect_rollover": [
        {"amount": 10000},
        {"amount": 60000, "only_check_redeposited": True, "age": 50, "marginal_rate": "0.22"},
        {"amount": 60000, "redeposited": 50000},
        {"amount": 60000, "redeposited": 60000},
    ],
    "after_tax_basis_share": [
        {"basis": 25000, "account_value": 150000, "distribution": 10000},
        {"basis": 25000, "account_value": [150000, 140000], "distribution": [10000, 10000]},
        {"basis": 30000, "account_value": 20000, "distribution": 5000},
    ],
    "future_value": [
        {
            "salary": 60000,
            "deferral_rate": "0.08",
            "match_formula": "50% up to 6%",
            "annual_return": "0.06",
            "years": 30,
        },
        {"contribution": 8800, "annual_return": "0.06", "years": 30},
        {
            "contribution": 300,
            "frequency": "monthly",
            "annual_return": "0.07",
            "years": 25,
            "starting_balance": 20000,
            "employer_match": 100,
        },
        {"contribution": 30000, "annual_return": "0.05", "years": 10, "salary_growth": "0.03"},
    ],
    "employer_match": [
        {"formula": "50% up to 6%", "salary": 80000, "contribution": 600, "frequency": "monthly"},
        {"formula": "100% of the first 3% and 50% of the next 2%", "salary": 50000, "deferral_rate": "0.06"},
        {"formula": "50% up to 6%", "salary": 80000, "deferral_rate": "0.04"},
        {"formula": "50%", "deferral_rate": "0.07"},
        {"formula": "3% non-elective", "salary": 500000, "deferral_rate": "0.10"},
    ],
    "vesting": [
        {"schedule": "cliff", "years_of_service": 3},
        {"schedule": "graded", "years_of_service": 5, "employer_balance": 12000, "employee_balance": 30000},
        {"schedule": "custom", "years_of_service": 2, "custom_schedule": "1:0, 2:10, 7:100"},
        {"schedule": "immediate", "years_of_service": 0, "employee_balance": 1000},
    ],
    "contribution_limit": [
        {"age": 40, "year": 2026},
        {"age": 55, "year": 2026, "prior_year_fica_wages": 200000},
        {"age": 55, "year": 2026},
        {"age": 61, "year": 2025},
        {"age": 52, "year": 2025},
        {"age": 51, "year": 2019},
        {"age": 61, "year": 2026, "plan_allows_60_63": False},
        {"age": 61, "year": 2026},
    ],
    "excess_deferral": [
        {"first_plan": 15000, "second_plan": 12000, "year": 2026},
        {"first_plan": 20000, "second_plan": 10000, "age": 52, "year": 2026},
        {"first_plan": 20000, "second_plan": 20000, "age": 61, "year": 2025},
        {"first_plan": 10000, "second_plan": 5000, "age": 40, "year": 2019},
    ],
    "hardship_withdrawal": [
        {"amount": 20000, "age": 45, "marginal_rate": "0.22"},
        {"amount": 15000, "age": 40, "waive_withholding": True},
        {"amount": 10000, "age": 60, "marginal_rate": "0.12"},
        {"amount": 10000, "age": 50, "exception": True},
    ],
    "missed_rmd": [
        {"required_rmd": 12000, "taken": 4000},
        {"required_rmd": 12000, "taken": 4000, "corrected_in_time": True},
        {"required_rmd": 12000, "taken": 12000},
        {"required_rmd": 12000, "taken": 0, "year": 2021},
    ],
    "early_withdrawal": [
        {"amount": 50000, "age": 38},
        {"amount": 20000, "age": 45, "kind": "hardship", "marginal_rate": "0.22"},
        {"amount": 20000, "age": 56, "separated_at_55": True, "marginal_rate": "0.12"},
        {"amount": 20000, "age": 60},
        {"amount": 20000, "age": 54, "separated_at_55": True},
    ],
    "rmd": [
        {"birth_date": "1958-05-20"},
        {"birth_date": "1944-02-01", "prior_year_balance": 100000},
        {"birth_date": "1950-02-01", "prior_year_balance": 100000},
        {"birth_date": "1951-03-02", "prior_year_balance": 500000, "still_working": True},
        {"birth_date": "1951-03-02", "still_working": True, "five_percent_owner": True},
        {"missed_amount": 12000},
        {"missed_amount": 12000, "corrected_in_time": True},
    ],
    "allocation": [{"age": 35}, {"age": 50, "balance": 300000}],
    "rebalance": [
        {"balance": 250000, "current_mix": "75/25", "target": "60/40"},
        {"holdings": "stocks=150000, bonds=100000", "target": "60/40"},
    ],
}
