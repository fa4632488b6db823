"""Questions asked in parts, and Roth 401(k) payouts (issue 15). Our own questions, names and numbers.

A question asked in parts ("a. ... b. ...", "(a) ... (b) ...", "1. ... 2. ...", "BONUS: ...") is read
part by part with the story before the parts, each part routed on its own; the reply carries every
part, and the JSON calculation is the first computed part's. A Roth 401(k) payout taxes only its
earnings (pro rata for part of the account) unless it is qualified.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vested.calculate import registry
from vested.calculate.base import CalcContext, CalculatorInputError
from vested.knowledge.loader import shipped_knowledge_base
from vested.understanding.reading import question_parts, split_sentences

TODAY = date(2026, 5, 1)


def _calculated(assistant, question, tool):
    """The assistant's reply to question, which must be a calculation by tool."""
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation is not None and answer.calculation.tool == tool
    return answer


def _run(**raw):
    kb = shipped_knowledge_base()
    return registry()["early_withdrawal"].compute(raw, CalcContext(kb.figures, TODAY))


# --- the parts of a question -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "markers"),
    [
        (
            "Omar earns $70,000 and saves 6%. a. What does he put in a year? b. What is his match if the firm "
            "adds half of the first 6%?",
            ["a.", "b."],
        ),
        (
            "Rina is 50. Her rate is 22%. (a) If she takes out $9,000 now, what will she keep? (b) If she "
            "leaves first and then takes $9,000, what will she keep?",
            ["(a)", "(b)"],
        ),
        ("1. What is 5% of $40,000? 2. What would a 3% match on it be?", ["1.", "2."]),
        (
            "Lee has 4 years of service and $20,000 of match money. How much is vested on a 2-to-6 graded "
            "schedule? BONUS: How much with a 3-year cliff instead?",
            ["", "BONUS:"],
        ),
    ],
)
def test_the_parts_and_their_markers(assistant, question, markers):
    parts = question_parts(assistant.read(question))
    assert [part.marker for part in parts] == markers


def test_each_part_carries_the_story_but_not_the_other_parts(assistant):
    question = (
        "Rina is 50. Her rate is 22%. (a) If she takes out $9,000 now, what will she keep? (b) If she "
        "leaves first and then takes $12,000, what will she keep?"
    )
    first, second = question_parts(assistant.read(question))
    assert first.text.startswith("Rina is 50. Her rate is 22%.") and "$12,000" not in first.text
    assert second.text.startswith("Rina is 50. Her rate is 22%.") and "$9,000" not in second.text
    assert "(b)" not in second.text


def test_a_question_without_parts_has_none(assistant):
    assert question_parts(assistant.read("I'm 45 with 80k vested. How much can I borrow?")) == []
    assert question_parts(assistant.read("a. How much can I borrow on 80k vested?")) == []


def test_a_marker_at_the_end_of_a_sentence_opens_the_next_one():
    sentences = [text for text, _ in split_sentences("Ann earns $50,000. a. What is 4% of it? b. And 6%?")]
    assert sentences == ["Ann earns $50,000.", "a. What is 4% of it?", "b. And 6%?"]
    assert [text for text, _ in split_sentences("1. Ann saves. 2. Bo saves.")] == ["1. Ann saves.", "2. Bo saves."]
    assert [text for text, _ in split_sentences("I have $1.5m. It is U.S. money.")] == [
        "I have $1.5m.",
        "It is U.S. money.",
    ]


# --- a question asked in parts, answered part by part ---------------------------------------------


def test_two_withdrawals_one_still_working_one_after_leaving(assistant):
    answer = _calculated(
        assistant,
        "Marcus, age 57, works at Delta Tooling. His traditional 401(k) holds $84,000. His marginal tax "
        "rate is 22 percent. (a) If Marcus takes a $10,000 distribution, how much will he be able to keep "
        "after taxes and penalties? (b) If Marcus retires from Delta and then he receives a $10,000 "
        "distribution, how much will he be able to keep?",
        "early_withdrawal",
    )
    # (a) still working: 22% + 10% -> keeps $6,800; (b) left at 57: no 10% -> keeps $7,800
    assert answer.calculation.outputs["net_after_tax"] == "6800"
    assert "### Part a" in answer.answer and "### Part b" in answer.answer
    assert "$6,800.00" in answer.answer and "$7,800.00" in answer.answer


def test_a_part_not_computed_is_said_plainly(assistant):
    answer = _calculated(
        assistant,
        "1. Nora deposits $3,000 at the start of each year for 8 years at 5% a year. How much will she have "
        "after 8 years? 2. Nora then stops and lets that sum grow for 20 more years. How much will it be "
        "worth then?",
        "future_value",
    )
    assert "I worked out 1 of them (not Part 2" in answer.answer
    assert "Not worked out" in answer.answer


def test_a_tiered_match_part_with_the_tax_it_saves(assistant):
    answer = _calculated(
        assistant,
        "Theo sets aside 7 percent of each paycheck in his 401(k) and earns $62,000 a year; he is in the 24 "
        "percent tax bracket. a. How much does he put in a year? b. How much tax does that save him? c. If his "
        "employer matches the first 4% of pay dollar for dollar and the second 4% at 50 cents on the dollar, "
        "how much will the employer put in this year?",
        "employer_match",
    )
    outputs = answer.calculation.outputs
    # 7% x 62,000 = 4,340 his; 24% of it = 1,041.60 less tax; 4% + 50% x 3% = 5.5% x 62,000 = 3,410 match
    assert (outputs["employee_contribution"], outputs["tax_saving"], outputs["match"]) == ("4340", "1041.6", "3410")
    assert "$4,960.00" not in answer.answer  # the whole match, which a 7% deferral does not earn


def test_a_question_asked_again_with_one_change_is_a_part_of_its_own(assistant):
    question = (
        "Vera retired from the mill at the end of 2024; her 401(k) held $640,000 at the end of 2023. "
        "What is her RMD for 2024 if she turns 74 in 2024? What would it be if she turns 77 in 2024?"
    )
    parts = question_parts(assistant.read(question))
    assert [(part.marker, part.again) for part in parts] == [("", False), ("", True)]
    assert "turns 74" not in parts[1].text and parts[1].text.startswith("Vera retired")
    answer = _calculated(assistant, question, "rmd")
    # 640,000 / 25.5 (age 74) = 25,098.04; 640,000 / 22.9 (age 77) = 27,947.60
    assert "$25,098.04" in answer.answer and "$27,947.60" in answer.answer


def test_a_part_that_builds_on_the_figure_before_starts_from_it(assistant):
    answer = _calculated(
        assistant,
        "1. Ravi puts $3,000 into his 401(k) at the start of each year for 12 years, earning 5% a year. How much "
        "will he have after 12 years? 2. Ravi then stops contributing and lets that balance grow for 20 more years "
        "at 6% compounded monthly. How much will the account be worth then?",
        "future_value",
    )
    first = Decimal(3000) * ((Decimal("1.05") ** 12 - 1) / Decimal("0.05")) * Decimal("1.05")
    second = first * (1 + Decimal("0.005")) ** 240
    assert f"${first:,.2f}" in answer.answer and f"${second:,.2f}" in answer.answer
    assert "I worked out each in turn" in answer.answer


def test_a_second_question_that_names_its_own_figure_is_not_asked_again(assistant):
    parts = question_parts(
        assistant.read("I'm 45 with 80k vested. How much can I borrow? What is it like to repay a loan?")
    )
    assert not any(part.again for part in parts)


# --- Roth 401(k) payouts ------------------------------------------------------------------------


def test_a_roth_cash_out_before_59_and_a_half_taxes_the_earnings_only():
    result = _run(roth_contributions=40000, roth_earnings=10000, age=42, marginal_rate=Decimal("0.22"))
    # 22% x 10,000 + 10% x 10,000 = 3,200; the $40,000 comes back tax-free
    assert result.outputs["total_tax"] == Decimal("3200")
    assert result.outputs["net_after_tax"] == Decimal("46800")
    assert result.outputs["paid_out"] == Decimal("48000")  # 20% of the taxable $10,000 withheld


def test_part_of_a_roth_account_is_paid_pro_rata():
    result = _run(amount=6000, roth_contributions=20000, roth_earnings=10000, age=40, marginal_rate=Decimal("0.12"))
    # 6,000 x 10,000 / 30,000 = 2,000 taxable; 12% + 10% of it = 440
    assert result.outputs["total_tax"] == Decimal("440")
    assert any("pro rata" in step for step in result.steps)


def test_a_qualified_roth_payout_is_tax_free_and_one_without_its_clock_asks():
    qualified = _run(roth_contributions=20000, roth_earnings=15000, age=63, roth_years=9, marginal_rate=Decimal("0.22"))
    assert qualified.outputs["total_tax"] == 0 and qualified.outputs["net_after_tax"] == Decimal("35000")
    young_clock = _run(
        roth_contributions=20000, roth_earnings=15000, age=63, roth_years=3, marginal_rate=Decimal("0.22")
    )
    assert young_clock.outputs["total_tax"] == Decimal("3300")  # earnings taxed, no 10% past 59½
    with pytest.raises(CalculatorInputError, match="five years"):
        _run(roth_contributions=20000, roth_earnings=15000, age=63)


def test_a_roth_question_in_words(assistant):
    answer = _calculated(
        assistant,
        "Priya opened a Roth 401(k) nine years ago when she was 30. She quit this year and took the whole "
        "account in cash. Her Roth contributions total $27,000 and the earnings total $13,000. With a 32% "
        "marginal tax rate, how much tax and penalty will Priya owe?",
        "early_withdrawal",
    )
    # at 39: 32% + 10% of the $13,000 of earnings = 5,460
    assert answer.calculation.outputs["total_tax"] == "5460"
    assert answer.reading is not None and answer.reading.inputs["age"].value == "39"


def test_a_roth_sum_alone_is_not_priced_as_taxable(assistant):
    answer = assistant.ask("I'm 40, how much will I owe if I pull $10,000 out of my Roth 401k?")
    assert answer.calculation is None or answer.calculation.tool != "early_withdrawal"


@settings(max_examples=25, deadline=None)
@given(
    contributions=st.integers(min_value=2, max_value=90).map(lambda n: n * 1000),
    earnings=st.integers(min_value=1, max_value=60).map(lambda n: n * 500),
    age_then=st.integers(min_value=25, max_value=45),
    years=st.integers(min_value=2, max_value=12),
    rate=st.sampled_from([10, 12, 22, 24, 32]),
    shape=st.sampled_from(
        [
            "{name} started a Roth 401(k) {years} years ago when {pronoun} was {age}. {Pronoun} left the job "
            "and cashed it all out. The contributions total ${c:,} and the earnings total ${e:,}. At a {rate}% "
            "marginal tax rate, how much will {pronoun} owe?",
            "Roth 401(k) cash-out: earnings of ${e:,} on contributions of ${c:,}. {name} began {years} years ago, "
            "back when {pronoun} was {age}, and is in the {rate}% bracket. How much tax and penalty will "
            "{pronoun} owe?",
        ]
    ),
)
def test_the_reader_recovers_a_roth_payout(assistant, contributions, earnings, age_then, years, rate, shape):
    name, pronoun = "Tobias", "he"
    question = shape.format(
        name=name,
        pronoun=pronoun,
        Pronoun=pronoun.title(),
        years=years,
        age=age_then,
        c=contributions,
        e=earnings,
        rate=rate,
    )
    answer = assistant.ask(question)
    assert answer.calculation is not None and answer.calculation.tool == "early_withdrawal", answer.answer
    inputs = answer.calculation.inputs
    assert Decimal(inputs["roth_contributions"]) == contributions
    assert Decimal(inputs["roth_earnings"]) == earnings
    assert Decimal(inputs["age"]) == age_then + years
    assert Decimal(inputs["marginal_rate"]) == Decimal(rate) / 100
