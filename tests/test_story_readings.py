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


@pytest.mark.parametrize(
    ("text", "rate", "width"),
    [
        ("a 4% match", Decimal(1), Decimal("0.04")),
        ("our 5% company match", Decimal(1), Decimal("0.05")),
        ("a 50% match", Decimal("0.5"), None),
    ],
)
def test_a_match_named_by_a_small_percentage_is_a_share_of_pay(text: str, rate: Decimal, width) -> None:
    from vested.calculate.match import parse_match_formula

    (tier,) = parse_match_formula(text).tiers
    assert (tier.rate, tier.width) == (rate, width)


def test_a_4_percent_match_on_a_6_percent_deferral_is_4_percent_of_pay(assistant) -> None:
    answer = assistant.ask("I earn $72,000, defer 6% and my job offers a 4% match. How much is the match each year?")
    assert answer.kind == "calculation", answer.answer
    assert Decimal(str(answer.calculation.outputs["match"])) == Decimal(2880)


def test_saving_a_share_with_a_match_reads_both(assistant) -> None:
    inputs = _inputs(
        assistant,
        "I'm 40, make $66,000, and save 8% with a 3% match. With 5% returns and $25,000 saved today, what will "
        "I have at 67?",
    )
    assert Decimal(inputs["deferral_rate"]) == Decimal("0.08")
    assert inputs["years"] == 27


def test_a_forgotten_rmd_is_an_rmd_missed_never_a_rollover(assistant) -> None:
    answer = assistant.ask("My mother forgot her $6,800 RMD last year. She is 81. What's the penalty?")
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation.tool == "missed_rmd"
    assert Decimal(str(answer.calculation.outputs["excise_tax"])) == Decimal(1700)


def test_the_account_balance_is_context_for_a_loan_offset(assistant) -> None:
    inputs = _inputs(
        assistant,
        "I was laid off in April with a $9,000 401(k) loan unpaid. My account has $61,000. I'm 44 and in the 12% "
        "bracket. What will the unpaid loan cost me?",
    )
    assert Decimal(inputs["loan_balance"]) == 9000


def test_a_hardship_withdrawal_for_tuition_is_the_plans_money(assistant) -> None:
    inputs = _inputs(
        assistant,
        "Our son starts college in the fall. I'm 46 and need a $14,000 hardship withdrawal for his tuition. In "
        "the 22% bracket, how much will I net?",
    )
    assert Decimal(inputs["amount"]) == 14000


@pytest.mark.parametrize(
    ("pay", "yearly"),
    [("paid every two weeks", 26), ("with 24 paychecks a year", 24), ("paid weekly", 52)],
)
def test_a_sum_per_paycheck_is_made_yearly_by_the_pay_frequency(assistant, pay: str, yearly: int) -> None:
    answer = assistant.ask(
        f"I earn $90,000, {pay}, and put $150 a paycheck into my 401k. My employer matches 100% of the first 3%. "
        "How much is the match a year?"
    )
    assert answer.kind == "calculation", answer.answer
    match = min(Decimal(150) * yearly, Decimal("0.03") * 90000)
    assert Decimal(str(answer.calculation.outputs["match"])) == match


def test_a_sum_per_paycheck_with_no_pay_frequency_is_asked_about(assistant) -> None:
    answer = assistant.ask(
        "I earn $90,000 and put $150 a paycheck into my 401k. My employer matches 100% of the first 3%. "
        "How much is the match a year?"
    )
    assert answer.kind == "clarify"
    assert "how often" in answer.answer


def test_a_check_after_withholding_gives_the_amount_paid_out() -> None:
    result = compute("indirect_rollover", received=16000, withholding_rate=Decimal("0.2"))
    assert result.outputs["full_rollover"] == Decimal(20000)
    assert result.outputs["to_add"] == Decimal(4000)
    assert result.steps[0].startswith("a check of $16,000.00 after 20% withheld")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a plan that keeps promising and does nothing is stalling the release
        (
            "I left in March at 47. I've asked HR four times to send my 401k to my IRA and they keep promising "
            "to do it, but nothing happens. What can I do about it?",
            "rollovers.employer-wont-release",
        ),
        # an excess found once April 15 has passed is the late excess, not the two-jobs limit
        (
            "Between two jobs I put $900 too much into my 401ks last year. It's August now and April 15 came "
            "and went. I'm 42. What happens now?",
            "contributions.excess-deferral-late",
        ),
        # an old plan that makes a former employee move the money is a plan forcing them out
        (
            "I'm 41 and changing jobs in the spring with about $60k in the 401k at my current company. The index "
            "funds there are cheap. Can I keep it in that plan once I'm gone, or do they make you move it?",
            "rollovers.leave-in-old-plan",
        ),
        # a paycheck that went down by less than the deferral is take-home pay after a pre-tax deferral
        (
            "I'm 29 and raised my 401k to 8% last month. My paycheck only fell about $90, not the $150 I "
            "figured. I'm single, earning 60k. Why is that?",
            "contributions.pre-tax-deferral",
        ),
    ],
)
def test_a_story_told_in_other_words_reaches_its_entry(assistant, question: str, entry: str) -> None:
    """Everyday wording of a plan stalling a release, of the April 15 deadline passing and of an old plan
    making a former employee move the money, a paycheck that fell by less than the deferral: the options on
    leaving, the two-jobs limit, portability and nothing (a decline) answered instead."""
    answer = assistant.ask(question)
    assert answer.entry == entry, (answer.kind, answer.entry)
