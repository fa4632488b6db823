"""Figures a question gives besides its inputs: a sum the asker splits to ask whether that is right
(vested.understanding.reading.parts_the_asker_adds), the answers asked between ("would the cap be $X,
or $Y?", asking.toml `which-sum`), and yearly limits quoted by name, which name their year when the
question names none that fits them (vested.calculate.worded_inputs._year_of_quoted_limits).

Every question here is written for these tests, in our own words; none is an evaluation question.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.calculator_fixtures import compute
from tests.conftest import TODAY
from vested.calculate.base import CalculatorInputError
from vested.calculate.worded_inputs import extract_settings
from vested.understanding.reading import offered_as_a_choice, read


def _words(text: str):
    from vested.retrieval.matching import shipped_matcher

    return shipped_matcher().normalize(text)


def _offered(question: str) -> list[str]:
    return [quantity.text for quantity in read(question, TODAY, _words).quantities if offered_as_a_choice(quantity)]


# ---------------------------------------------------------------- a sum the asker splits


def test_the_parts_of_a_sum_split_in_the_asking_sentence_are_offered_not_inputs() -> None:
    question = (
        "The plan cut him a $40,000 check after keeping 10%. Does he redeposit $30,000, or would it be "
        "$26,000 of the check plus the $4,000 kept back to make the $30,000?"
    )
    assert _offered(question) == ["$26,000", "$4,000", "$30,000"]


def test_a_story_that_adds_its_own_sums_states_facts() -> None:
    question = "I got $7,500 plus $2,500 withheld, for a total of $10,000. How much do I need to put back?"
    assert _offered(question) == []


def test_parts_that_do_not_add_up_are_not_the_askers_working() -> None:
    question = "Would it be $6,000 from savings plus the $1,500 withheld to make the $8,000?"
    assert _offered(question) == []


def test_a_split_total_said_for_the_first_time_stays_a_number_of_the_question() -> None:
    question = "Is it the $9,000 check plus the $1,000 withheld for a total of $10,000?"
    assert _offered(question) == ["$9,000", "$1,000"]


PAYOUT_TEXTS = (
    "Suppose her 401(k) plan pays out {amount} and keeps {rate}% back for federal tax.",
    "A {amount} distribution came from her old 401(k), less {rate}% withheld.",
    "His former employer's 401(k) distributed {amount} to him with {rate}% held back for taxes.",
)
SPLIT_ASKS = (
    "Would she put the {rolled} into an IRA, or would it be {net} of the check plus {kept} withheld to equal "
    "the {rolled}?",
    "Does he redeposit {rolled}, or would it be {net} from the cash plus the {kept} withheld to make the {rolled}?",
)


def _dollars(value: int) -> str:
    return f"${value:,}"


@settings(max_examples=25, deadline=None)
@given(
    thousands=st.integers(20, 300),
    rate=st.sampled_from([10, 15, 25, 30]),
    share=st.sampled_from([Decimal("0.25"), Decimal("0.4"), Decimal("0.5"), Decimal("0.6")]),
    payout=st.sampled_from(PAYOUT_TEXTS),
    ask=st.sampled_from(SPLIT_ASKS),
    car=st.integers(3, 30),
)
def test_a_partial_rollover_asked_with_the_askers_own_split_reads_what_was_said(
    assistant, thousands, rate, share, payout, ask, car
) -> None:
    amount = thousands * 1000
    rolled = int(amount * share)
    kept = rolled * rate // 100
    story = payout.format(amount=_dollars(amount), rate=rate)
    asked = ask.format(rolled=_dollars(rolled), net=_dollars(rolled - kept), kept=_dollars(kept))
    question = f"We still owe ${car},000 on a car loan. {story} {asked}"
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation.tool == "indirect_rollover"
    inputs = answer.calculation.inputs
    assert Decimal(str(inputs["amount"])) == amount
    assert Decimal(str(inputs["redeposited"])) == rolled
    assert Decimal(str(inputs["withholding_rate"])) == Decimal(rate) / 100
    received = amount - amount * rate // 100
    assert Decimal(str(answer.calculation.outputs["received"])) == received


# ---------------------------------------------------------------- which of two sums


@pytest.mark.parametrize(
    ("question", "asks_for"),
    [
        ("The loan cap: would it be $25,000, or $50,000 on my $100,000?", "figure"),
        ("Does she roll the check over alone, or would it be $9,600 from her savings too?", "figure"),
        ("Should I borrow $5,000 or $10,000 on my $60,000 balance?", "other"),
    ],
)
def test_asking_which_of_two_sums_is_right_asks_for_the_figure(question: str, asks_for: str) -> None:
    assert read(question, TODAY, _words).asks_for == asks_for


# ---------------------------------------------------------------- limits quoted by name


def test_limits_quoted_without_a_year_that_fits_name_their_year() -> None:
    question = (
        "My husband turns 52 this year. The 402(g) limit is $18,000 plus a $6,000 catch-up, and the annual "
        "additions limit is $54,000. How much can go in altogether?"
    )
    found, _ = extract_settings("contribution_limit", question.replace("this year", "2026"))
    assert found == {
        "year": 2017,
        "quoted_limits": {"deferral": Decimal(18000), "catch_up_50": Decimal(6000), "annual_additions": Decimal(54000)},
    }


def test_limits_quoted_for_a_year_named_leave_the_years_as_said() -> None:
    question = "In 2019 the deferral limit was $19,000. I'm 52; what can I put in for 2026?"
    found, spans = extract_settings("contribution_limit", question)
    assert found == {}
    assert [question[start:end] for start, end in spans] == ["$19,000"]


def test_limits_that_fit_years_whose_limits_differ_are_not_read() -> None:
    # $19,500 and $6,500 were the limits of 2020 and of 2021, whose 415(c) caps differ.
    question = "The deferral limit is $19,500 and the catch-up limit $6,500. I'm 55: what's the most I can add?"
    assert extract_settings("contribution_limit", question) == ({}, [])


@pytest.mark.parametrize(
    "question",
    [
        "I make $260k and I'm 55. How much can I put in my 401k this year?",
        "I'm 61 with a salary of 95k, what's the most I can contribute?",
    ],
)
def test_a_lone_sum_is_still_read_as_the_wages(assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.kind == "calculation"
    assert answer.calculation.inputs["prior_year_fica_wages"] is not None


def test_a_quoted_limit_is_never_read_as_wages(assistant) -> None:
    answer = assistant.ask(
        "I turn 61 in 2026 and I've heard the elective deferral limit is $24,500. What's the most I can put in?"
    )
    assert answer.kind == "calculation"
    assert answer.calculation.inputs.get("prior_year_fica_wages") is None
    assert answer.calculation.inputs["year"] == 2026


def test_the_quoted_limits_must_be_the_years() -> None:
    with pytest.raises(CalculatorInputError, match="not 2026's"):
        compute("contribution_limit", age=52, year=2026, quoted_limits={"deferral": Decimal(18000)})


def test_the_step_names_every_year_the_quoted_limits_fit() -> None:
    quoted = {"deferral": Decimal(18000), "annual_additions": Decimal(53000)}
    result = compute("contribution_limit", age=50, year=2016, quoted_limits=quoted)
    assert result.steps[0] == (
        "the limits you quote (deferral limit $18,000.00, 415(c) limit $53,000.00) are 2016's "
        "(also 2015's, the same limits)"
    )
    assert result.outputs["annual_additions_with_catch_up"] == Decimal(59000)
    assert any("$53,000.00 + $6,000.00 = $59,000.00" in step for step in result.steps)


DEFERRAL_NAMES = ("the elective deferral limit is {x}", "the 402(g) limit is {x}", "the 401(k) limit is {x}")
CATCH_UP_NAMES = ("the catch-up is {x}", "a catch-up contribution of {x} is allowed", "catch-ups are capped at {x}")
ADDITIONS_NAMES = ("the 415(c) limit is {x}", "the annual additions limit is {x}", "the overall cap is {x}")
ASKS = (
    "Is the most that can go in for her {a}, or {b}?",
    "Would the cap on everything be {a} or {b}?",
    "How much can go in altogether, counting the employer's money?",
)


@settings(max_examples=30, deadline=None)
@given(
    row_year=st.sampled_from([2016, 2017, 2019, 2022, 2023, 2024, 2025]),
    names=st.tuples(st.sampled_from(DEFERRAL_NAMES), st.sampled_from(CATCH_UP_NAMES), st.sampled_from(ADDITIONS_NAMES)),
    order=st.permutations([0, 1, 2]),
    age=st.integers(50, 59),
    ask=st.sampled_from(ASKS),
    kid=st.integers(3, 15),
)
def test_limits_quoted_in_any_order_are_worked_in_their_year(assistant, row_year, names, order, age, ask, kid):
    table = assistant.kb.figures
    row = table.limits_for(row_year)
    figures = (row.deferral, row.catch_up_50, row.annual_additions)
    clauses = [names[index].format(x=_dollars(int(figures[index]))) for index in order]
    total = row.annual_additions + row.catch_up_50
    question = (
        f"Our son is {kid}. My wife turns {age} this year. As I understand it, {clauses[0]}, {clauses[1]}, "
        f"and {clauses[2]}. " + ask.format(a=_dollars(int(row.annual_additions)), b=_dollars(int(total)))
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation.tool == "contribution_limit"
    inputs = answer.calculation.inputs
    fitting = [
        other.year for other in table.limits if (other.deferral, other.catch_up_50, other.annual_additions) == figures
    ]
    assert inputs["year"] in fitting
    quoted = inputs["quoted_limits"]
    assert [Decimal(str(quoted[name])) for name in ("deferral", "catch_up_50", "annual_additions")] == list(figures)
    assert Decimal(str(answer.calculation.outputs["annual_additions_with_catch_up"])) == total


# ---------------------------------------------------------------- asides about money outside the plan


@pytest.mark.parametrize(
    "question",
    [
        "We keep $7,400 in a savings account. I did an indirect rollover of $88,000 and they withheld 20%. "
        "How much do I have to add to roll it all over?",
        "I also owe $3,900 on a credit card. Rent is $1,650 a month. My 401(k) held $412,000 at the end of last "
        "year and I'm 79 and retired. What's my RMD this year?",
        "There's $2,300 in my checking. My employer matches 50% up to 6% of pay; I earn $71,000 and defer 8%. "
        "What is the match worth a year?",
    ],
)
def test_an_aside_about_another_account_does_not_put_the_question_out_of_scope(assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "I have $20,000 in an HSA. How much can I contribute?",
        "My checking account has $4,000 in it. What is the overdraft fee at most banks?",
    ],
)
def test_a_question_about_another_product_stays_declined(assistant, question: str) -> None:
    assert assistant.ask(question).kind == "fallback"


# ---------------------------------------------------------------- one assignment over all the numbers


@settings(max_examples=20, deadline=None)
@given(thousands=st.integers(10, 400), share=st.sampled_from([Decimal("0.3"), Decimal("0.5"), Decimal("0.75")]))
def test_a_sum_rolled_over_said_after_the_payout_is_what_was_redeposited(assistant, thousands, share) -> None:
    amount = thousands * 1000
    rolled = int(amount * share)
    answer = assistant.ask(
        f"If I take a {_dollars(amount)} distribution from my 401k and the plan withholds 20%, then roll "
        f"{_dollars(rolled)} into an IRA within 60 days, how much is taxable?"
    )
    assert answer.kind == "calculation", answer.answer
    inputs = answer.calculation.inputs
    assert Decimal(str(inputs["amount"])) == amount
    assert Decimal(str(inputs["redeposited"])) == rolled


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "I had $150,000 in my 401(k) and took it all as a check; they held back 20%. Would I need to "
            "redeposit $120,000, or $150,000, to avoid taxes?",
            {"amount": 150000, "withholding_rate": Decimal("0.2"), "redeposited": None},
        ),
        (
            "A 401(k) paid her $80,000 less 20% withholding. If she redeposits $64,000 within 60 days, is the "
            "taxable amount $16,000 or $0?",
            {"amount": 80000, "withholding_rate": Decimal("0.2"), "redeposited": 64000},
        ),
        (
            "My husband is 52. The 402(g) limit for this year is $19,000 and the catch-up is $6,000, and the "
            "415(c) limit is $56,000. Can the total going into his account be $62,000, or only $56,000?",
            {"year": 2019, "age": 52},
        ),
    ],
)
def test_the_sums_asked_between_are_answers_never_inputs(assistant, question: str, expected: dict) -> None:
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    inputs = answer.calculation.inputs
    for name, value in expected.items():
        read = inputs.get(name)
        assert read is None if value is None else Decimal(str(read)) == Decimal(str(value)), (name, read)
