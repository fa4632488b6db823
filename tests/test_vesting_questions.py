"""Vesting questions in words (issue 15): a graduated schedule, the law's slowest one, service in
months, and "how much is vested" asks for the vesting figure, never a loan limit. Our own questions."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st


def _vested(assistant, question):
    """The assistant's reply to question, which must be a vesting calculation."""
    answer = assistant.ask(question)
    assert answer.calculation is not None and answer.calculation.tool == "vesting", answer.answer
    return answer


def test_the_least_generous_graduated_schedule_and_months_of_service(assistant):
    answer = assistant.ask(
        "Our plan uses the least generous graduated vesting schedule the law permits. Dana has been with the "
        "firm for 44 months. Her employer contributions are $7,000 and her own deferrals are $15,000. "
        "How much of her account is vested?"
    )
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation is not None and answer.calculation.tool == "vesting"
    assert "$17,800.00" in answer.answer and "about 3.67 years" in answer.answer


def test_a_graduated_schedule_written_with_its_years(assistant):
    answer = assistant.ask(
        "The firm has a 3-to-7 year graduated schedule. Lin worked there 6 years and has $30,000 of employer "
        "match money. How much is vested?"
    )
    assert answer.calculation is not None and answer.calculation.tool == "vesting"
    assert "$24,000.00" in answer.answer


# --- an account told in pieces, by whose money each is -----------------------------------------------

_PIECES = [
    "Employer: contributions ${er_c:,}, earnings ${er_e:,}. Employee: contributions ${ee_c:,}, earnings ${ee_e:,}.",
    "Her own contributions come to ${ee_c:,} with ${ee_e:,} of earnings on them; the company match is ${er_c:,} "
    "and it has earned ${er_e:,}.",
    "The match adds up to ${er_c:,} plus ${er_e:,} of earnings on it, and her salary deferrals are ${ee_c:,} "
    "plus ${ee_e:,} of growth.",
]


@settings(max_examples=30, deadline=None)
@given(
    pieces=st.sampled_from(_PIECES),
    years=st.integers(min_value=0, max_value=8),
    er_c=st.integers(min_value=1, max_value=60).map(lambda n: n * 500),
    er_e=st.integers(min_value=1, max_value=40).map(lambda n: n * 250),
    ee_c=st.integers(min_value=1, max_value=80).map(lambda n: n * 500),
    ee_e=st.integers(min_value=1, max_value=40).map(lambda n: n * 250),
)
def test_each_source_sums_its_pieces_and_only_the_employers_is_scheduled(
    assistant, pieces, years, er_c, er_e, ee_c, ee_e
):
    question = (
        f"Noor's plan uses a 2-to-6 year graded schedule and she has {years} years of service. "
        + pieces.format(er_c=er_c, er_e=er_e, ee_c=ee_c, ee_e=ee_e)
        + " How much of her account is vested?"
    )
    answer = _vested(assistant, question)
    share = Decimal(min(max(years - 1, 0), 5)) / 5
    assert Decimal(answer.calculation.outputs["total_vested"]) == ee_c + ee_e + share * (er_c + er_e)


def test_time_in_the_plan_is_not_service(assistant):
    answer = _vested(
        assistant,
        "A top-heavy plan must use at least the least generous graduated vesting schedule. Omar left after five "
        "years with the company; he was a plan participant for 38 months. Company: contributions $6,000, earnings "
        "$1,500. Employee: contributions $9,000, earnings $2,500. What is his vested account balance?",
    )
    # five years of service on 2-to-6 graded: 80% of $7,500 + $11,500 = $17,500 (38 months would give 40%)
    assert answer.calculation.outputs["total_vested"] == "17500"
    assert any("38 months" in unused for unused in answer.reading.unused)


def test_a_piece_whose_source_is_not_said_is_not_guessed(assistant):
    answer = assistant.ask(
        "Kai has 4 years of service on a 3-year cliff schedule. The account holds contributions of $8,000, "
        "earnings of $2,000 and more contributions of $5,000. How much is vested?"
    )
    assert answer.kind != "calculation" or "$15,000.00" not in answer.answer


def test_a_schedule_supposed_instead_is_the_one_worked(assistant):
    answer = _vested(
        assistant,
        "Rosa's employer uses a 2-to-6 year graded schedule. Rosa has 3 years of service and $18,000 of "
        "employer contributions. How much of it is vested? BONUS: If the employer had a 3-year cliff "
        "schedule instead, how much would be vested?",
    )
    first, bonus = answer.answer.split("### Part BONUS")
    assert "$7,200.00 of the $18,000.00" in first  # 40% on the graded schedule
    assert "$18,000.00 of the $18,000.00" in bonus and "graded" not in bonus.split("**How")[0]


# --- pieces said as a product or a share of another piece ----------------------------------------------

_WORKED_PIECES = [
    "{name} has deferred ${yearly:,} every year for {span} years; the firm matched it by {share}%. The employer's "
    "profit sharing comes to ${ps:,}, and the account earned ${ee_e:,} on {name}s contributions.",
    "{name} put in ${yearly:,} a year for {span} years and her employer matched it at {share}%. Profit-sharing "
    "contributions total ${ps:,}, and {name}'s contributions have earned ${ee_e:,}.",
]
_COUNTS = {3: "three", 4: "four", 5: "five", 6: "six"}


@settings(max_examples=30, deadline=None)
@given(
    shape=st.sampled_from(_WORKED_PIECES),
    name=st.sampled_from(["Ines", "Tomas", "Priya"]),
    yearly=st.integers(min_value=2, max_value=40).map(lambda n: n * 250),
    span=st.sampled_from(sorted(_COUNTS)),
    worded=st.booleans(),
    share=st.sampled_from([25, 50, 100]),
    ps=st.integers(min_value=1, max_value=40).map(lambda n: n * 500),
    ee_e=st.integers(min_value=1, max_value=40).map(lambda n: n * 125),
    service=st.integers(min_value=0, max_value=7),
)
def test_a_yearly_sum_over_years_and_the_share_matched_on_it(
    assistant, shape, name, yearly, span, worded, share, ps, ee_e, service
):
    question = (
        "The plan vests on a 2-to-6 year graded schedule. "
        + shape.format(name=name, yearly=yearly, span=_COUNTS[span] if worded else span, share=share, ps=ps, ee_e=ee_e)
        + f" {name} leaves after {service} years of service. How much of the account is vested?"
    )
    answer = _vested(assistant, question)
    own = yearly * span
    matched = Decimal(own * share) / 100
    vested_share = Decimal(min(max(service - 1, 0), 5)) / 5
    assert Decimal(answer.calculation.outputs["total_vested"]) == own + ee_e + vested_share * (matched + ps)


def test_a_share_matched_with_a_cap_is_not_read_as_a_piece(assistant):
    answer = assistant.ask(
        "Bo has 4 years of service on a 3-year cliff schedule. He contributed $6,000 a year for 3 years, which "
        "his employer matched at 50% up to 6% of pay; profit sharing adds $2,000 and his contributions earned "
        "$1,000. How much is vested?"
    )
    assert answer.kind != "calculation" or "$30,000.00" not in answer.answer
