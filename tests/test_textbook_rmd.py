"""Textbook RMD questions that state their own table, several year-end balances, the date an age
is reached, or a starting age of 70½ (issue 15): the figure uses the question's own distribution
period and the balance at the end of the year before, and says which table and rule it used.

The questions are our own; the numbers were worked by hand with exact decimals.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.calculator_fixtures import compute
from vested.calculate.base import CalculatorInputError
from vested.calculate.worded_inputs import extract_settings


def test_the_questions_own_period_replaces_the_table_and_says_so():
    result = compute(
        "rmd",
        birth_date="1940",
        year_end_balances="2016=880000, 2017=910000",
        distribution_year=2017,
        stated_periods="76=22.0, 77=21.2, 78=20.3",
    )
    assert result.outputs["divisor"] == Decimal("21.2")
    assert result.outputs["rmd"] == Decimal(880000) / Decimal("21.2")
    assert "question's distribution period" in result.summary and "Uniform Lifetime Table" in result.summary
    assert any("not the one at the end of 2017" in step for step in result.steps)


def test_a_missing_period_or_balance_year_is_said_not_guessed():
    with pytest.raises(CalculatorInputError, match="age 77"):
        compute("rmd", birth_date="1940", prior_year_balance=500000, distribution_year=2017, stated_periods="80=18.7")
    with pytest.raises(CalculatorInputError, match="end of 2016"):
        compute("rmd", birth_date="1940", year_end_balances="2018=1, 2019=2", distribution_year=2017)


def test_the_first_rmd_under_the_seventy_and_a_half_rule_the_question_assumes():
    result = compute(
        "rmd",
        birth_date="1955-04-10",
        year_end_balances="2024=330000, 2025=360000",
        distribution_year=2025,
        stated_periods="70=27.4, 71=26.5",
        assumed_rmd_age="70.5",
    )
    assert result.outputs["rmd"] == Decimal(330000) / Decimal("27.4")
    assert "RMD age is 73" in result.summary and "no RMD would be due for 2025" in result.summary


def test_the_year_of_retiring_delays_the_first_rmd(assistant):
    answer = assistant.ask(
        "Hugo spent his whole career at one firm and retires at the end of 2024. His 401(k) balance at the end "
        "of 2023 was $1,200,000. What is his RMD for 2024 if he turns 74 during 2024, and by when is it due?"
    )
    assert answer.kind == "calculation", answer.answer
    assert "$47,058.82" in answer.answer and "April 1, 2025" in answer.answer


# The reading of a stated table and of dated balances, drawn with hypothesis: whatever the values and
# which of our wordings states them, the reader recovers exactly the table and the balances stated.
TABLE_WORDINGS = [
    "The divisors for ages {ages} are {periods}, respectively.",
    "Use these life expectancy factors: ages {ages} are {periods}.",
    "Using the IRS table (distribution period: {pairs}), work it out.",
]
BALANCE_WORDINGS = [
    "The plan held {first} at the end of {year} and {second} at the end of {next_year}.",
    "On December 31, {year} the balance was {first}; on December 31, {next_year} it was {second}.",
    "Its value was {first} and {second} on January 1, {after} and January 1, {after_next}, respectively.",
]


def _joined(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    first_age=st.integers(min_value=70, max_value=95),
    tenths=st.lists(st.integers(min_value=30, max_value=299), min_size=2, max_size=4, unique=True),
    table=st.sampled_from(TABLE_WORDINGS),
    amounts=st.lists(st.integers(min_value=20, max_value=3000), min_size=2, max_size=2, unique=True),
    year=st.integers(min_value=2005, max_value=2030),
    wording=st.sampled_from(BALANCE_WORDINGS),
)
def test_a_stated_table_and_dated_balances_are_read_exactly(first_age, tenths, table, amounts, year, wording):
    ages = [first_age + step for step in range(len(tenths))]
    periods = [f"{Decimal(value) / 10:.1f}" for value in sorted(tenths, reverse=True)]
    first, second = (f"${amount * 1000:,}" for amount in amounts)
    question = " ".join(
        [
            f"Kim turned {first_age} during {year}.",
            wording.format(
                first=first, second=second, year=year, next_year=year + 1, after=year + 1, after_next=year + 2
            ),
            table.format(
                ages=_joined([str(age) for age in ages]),
                periods=_joined(periods),
                pairs=", ".join(f"age {age} {period}" for age, period in zip(ages, periods, strict=True)),
            ),
            "What is Kim's required minimum distribution?",
        ]
    )
    found, _ = extract_settings("rmd", question)
    assert found["stated_periods"] == ", ".join(f"{age}={period}" for age, period in zip(ages, periods, strict=True))
    assert found["year_end_balances"] == f"{year}={amounts[0] * 1000}, {year + 1}={amounts[1] * 1000}"
    assert found["birth_date"] == str(year - first_age)


@pytest.mark.parametrize(
    "question",
    [
        "Ruth turned 73 on March 2, 2024. Her account balance was $310,000 at the end of 2023 and $335,000 at the "
        "end of 2024. She only takes a distribution of $6,000 for 2024. How much is her corrective distribution?",
        "Ruth's account balance was $310,000 at the end of 2023 and $335,000 at the end of 2024, and she takes a "
        "distribution of $6,000. How much is taxable?",
    ],
)
def test_two_year_end_balances_and_a_withdrawal_are_never_an_after_tax_basis(assistant, question):
    """No after-tax money is named: the later balance is no basis, so no tax-free share is worked."""
    answer = assistant.ask(question)
    assert answer.calculation is None or answer.calculation.tool != "after_tax_basis_share", answer.answer


def test_what_was_taken_leaves_the_rest_to_take():
    result = compute("rmd", age=76, prior_year_balance=420000, distribution_year=2026, taken=8000)
    rmd = Decimal(420000) / Decimal("23.7")
    assert result.outputs["still_to_take"] == rmd - 8000
    assert any("taken = " in step and "still to take for 2026" in step for step in result.steps)


def test_what_was_taken_that_covers_the_rmd_leaves_nothing():
    result = compute("rmd", age=76, prior_year_balance=100000, distribution_year=2026, taken=9000)
    assert result.outputs["still_to_take"] == 0


def test_an_amount_taken_without_a_balance_is_asked_about_never_dropped():
    with pytest.raises(CalculatorInputError, match="what is left to take"):
        compute("rmd", age=76, distribution_year=2026, taken=3000)


@pytest.mark.parametrize(
    "question",
    [
        "Tomas turned 75 in June 2025. His 401(k) held $280,000 at the end of 2024 and $301,000 at the end of "
        "2025. He took only $4,000 toward his 2025 RMD. What corrective distribution does he owe?",
        "I'm 78 and retired; my 401k balance on December 31 last year was $515,000, and I have already taken "
        "$9,000 this year. How much more must I withdraw for my RMD?",
    ],
)
def test_an_rmd_partly_taken_reads_what_was_taken(assistant, question):
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation.tool == "rmd"
    assert answer.calculation.outputs["still_to_take"] is not None
    assert answer.calculation.inputs["taken"] in ("4000", "9000", 4000, 9000)


def test_a_balance_at_a_year_end_is_as_strong_as_a_sum_read_alone(assistant):
    # The year-end balance reading takes two numbers (the year and the sum): it is no weaker than the
    # contribution limit's reading of the same sum as wages by its form alone.
    answer = assistant.ask(
        "I'm 81 and retired. The 401k was worth $260,000 at the end of last year. How much do I need to "
        "withdraw for my RMD?"
    )
    assert answer.kind == "calculation"
    assert answer.calculation.tool == "rmd"


def test_a_textbook_rmd_partly_taken_gives_the_corrective_distribution(assistant):
    answer = assistant.ask(
        "Marta turned 72 on March 3rd of 2022. Her 401(k) balance was $300,000 at the end of 2021 and $320,000 at "
        "the end of 2022. Assume the distribution periods for ages 71, 72 and 73 are 26.5, 25.6 and 24.7. If Marta "
        "takes only $4,000 for 2022, what is her corrective distribution? $7,718.75, $8,500.00 or $11,718.75?"
    )
    assert answer.kind == "calculation", answer.answer
    outputs = answer.calculation.outputs
    assert Decimal(str(outputs["rmd"])) == Decimal("11718.75")
    assert Decimal(str(outputs["still_to_take"])) == Decimal("7718.75")
