"""Stories with incidental numbers read right (issue 15): a sum's own words end where the next sum
starts, years at a job are not Roth years, money in savings is outside the plan, a graded schedule said
by its last year, a loan "of which" some is still owed, a dollar contribution that is not the share of
pay said beside it. Every question is written for these tests; none is an evaluation question.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.calculator_fixtures import compute
from vested.calculate.base import CalculatorInputError
from vested.calculate.worded_inputs import extract_settings


def _inputs(assistant, question: str) -> dict:
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    return answer.calculation.inputs


def test_the_sum_taken_out_is_not_the_debt_it_pays(assistant) -> None:
    inputs = _inputs(
        assistant,
        "My husband is 57 and was let go in May after 19 years at the firm. He has $260,000 in his 401(k) and "
        "wants to withdraw $30,000 to clear our $27,500 credit card balance. What will it cost him in the 24% "
        "bracket?",
    )
    assert Decimal(inputs["amount"]) == 30000
    assert inputs["roth_years"] is None  # 19 years at the firm are service, not Roth years


def test_money_in_savings_is_no_contribution(assistant) -> None:
    inputs = _inputs(
        assistant,
        "I earn $84,000 and put in 5%. My employer matches 50% up to 6%. We keep $15,000 in savings. "
        "What is my match worth a year?",
    )
    assert inputs["contribution"] is None


def test_a_dollar_contribution_that_is_not_the_share_of_pay_is_said() -> None:
    with pytest.raises(CalculatorInputError, match="is not the 6%"):
        compute(
            "employer_match",
            formula="100% of the first 4% of pay",
            deferral_rate=Decimal("0.06"),
            salary=92000,
            contribution=12000,
        )


def test_a_loan_of_which_some_is_still_owed_keeps_what_is_owed(assistant) -> None:
    inputs = _inputs(
        assistant,
        "I have $58,000 vested out of a $75,000 balance and borrowed $12,000 ten months ago, of which $9,000 is "
        "still owed. What's the most I could borrow now?",
    )
    assert Decimal(inputs["outstanding"]) == 9000
    assert Decimal(inputs["highest_balance_12m"]) == 12000
    assert Decimal(inputs["vested"]) == 58000


@pytest.mark.parametrize(
    ("text", "start", "step"),
    [
        ("a 6-year graded schedule", 2, Decimal("0.2")),
        ("7-year graded vesting", 3, Decimal("0.2")),
        ("graded over 4 years", 1, Decimal("0.25")),
        ("a 2-to-6 year graded schedule", 2, Decimal("0.2")),
    ],
)
def test_a_graded_schedule_said_by_its_last_year(text: str, start: int, step: Decimal) -> None:
    found, _ = extract_settings("vesting", text)
    assert found["graded_start_year"] == start
    assert Decimal(found["graded_step"]) == step


@settings(max_examples=25, deadline=None)
@given(service=st.integers(0, 8), employer=st.integers(2, 90), own=st.integers(2, 90))
def test_service_is_never_the_schedules_length(assistant, service: int, employer: int, own: int) -> None:
    inputs = _inputs(
        assistant,
        f"She has {service} years of service under a 6-year graded schedule, with ${employer},000 of employer "
        f"match and ${own},000 of her own deferrals. How much of her account is vested?",
    )
    assert Decimal(inputs["years_of_service"]) == service
    assert inputs["graded_start_year"] == 2
