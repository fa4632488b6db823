"""The patterns that stay in code: parsers of how numbers, dates, ranges, mixes, tables and typed
answers are written. The words that signal a meaning are data under knowledge/language, checked in
tests/test_language.py; each parser here has a test of its own (the match formula's grammar is
tests/test_calculators_match_formula.py, the quantities' tests/test_numbers.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vested.calculate import allocation, checks, vesting, worded_inputs
from vested.calculate.router import _IN_A_RANGE, _OWN_UNIT
from vested.retrieval.matching import _bound_year
from vested.understanding.dates import with_calendar_years
from vested.understanding.reading import split_sentences
from vested.walkthroughs.answers import _LIST_SEPARATORS, _US_DATE


@pytest.mark.parametrize(
    ("around", "in_a_range"),
    [("aged 61 to #", True), ("# - $70", True), ("#–64", True), ("I have # vested", False), ("# to spare", False)],
)
def test_a_number_next_to_another_by_to_or_a_dash_is_one_end_of_a_range(around, in_a_range):
    assert bool(_IN_A_RANGE.search(around)) is in_a_range


@pytest.mark.parametrize(("after", "unit"), [("-year cliff", "-year"), (" months left", " months"), (" yrs", " yrs")])
def test_the_unit_written_right_after_a_number(after, unit):
    found = _OWN_UNIT.match(after)
    assert found is not None and found.group(0) == unit
    assert _OWN_UNIT.match(" dollars") is None


def test_sentences_end_at_a_full_stop_before_a_capital_not_inside_an_amount():
    text = "We have $1.5m saved. The U.S. plan allows it? Yes"
    assert [piece for piece, _ in split_sentences(text)] == ["We have $1.5m saved.", "The U.S. plan allows it?", "Yes"]


def test_a_story_typed_in_lower_case_is_still_told_in_sentences():
    text = "quit my job in may with 30k in the plan. the new job has no 401k yet. can i leave it there?"
    assert [piece for piece, _ in split_sentences(text)] == [
        "quit my job in may with 30k in the plan.",
        "the new job has no 401k yet.",
        "can i leave it there?",
    ]
    # not after an abbreviation, a one- or two-letter word, or a question mark followed by more of the question
    for whole in ("fees, loans etc. and the rest", "the u.s. plan", "is it taxed? asking for my dad"):
        assert [piece for piece, _ in split_sentences(whole)] == [whole]


def test_a_lower_case_sentence_ending_in_a_number_ends_there():
    """ "... when i turn 62. is that ..." is two sentences: the story's last word was a number, so the lower-case
    question after it had been read as part of the story."""
    text = "the tool says i'll have 1.1m when i turn 62. is that before tax or after"
    assert [piece for piece, _ in split_sentences(text)] == [
        "the tool says i'll have 1.1m when i turn 62.",
        "is that before tax or after",
    ]
    assert [piece for piece, _ in split_sentences("i saved $40k. then i left")] == ["i saved $40k.", "then i left"]
    # not after a one-digit number (a list's "2. roll it over"), nor inside a decimal
    for whole in ("option 2. roll it to the ira", "about 4.5% of pay"):
        assert [piece for piece, _ in split_sentences(whole)] == [whole]


def test_a_worded_setting_sentence_does_not_end_inside_a_decimal():
    text = "They add $0.25 per dollar, up to 4.5% of pay. I defer 6%."
    assert [found.group(0).strip() for found in worded_inputs._SENTENCE.finditer(text)] == [
        "They add $0.25 per dollar, up to 4.5% of pay.",
        "I defer 6%.",
    ]


def test_a_worded_setting_reads_only_its_own_sentence():
    assert [found.group(0) for found in worded_inputs._SENTENCE.finditer("One. Two; three")] == [
        "One.",
        " Two;",
        " three",
    ]


@pytest.mark.parametrize(
    ("text", "settings"),
    [
        ("3-to-7 year graded", {"schedule": "graded", "graded_start_year": 3, "graded_step": Decimal("0.2")}),
        ("graded from 2 through 6", {"schedule": "graded", "graded_start_year": 2, "graded_step": Decimal("0.2")}),
        ("a 4-to-8 year graduated plan", {"schedule": "graded", "graded_start_year": 4, "graded_step": Decimal("0.2")}),
        ("a 2 year cliff", {"schedule": "cliff", "cliff_years": 2}),
        ("cliff vesting after 4 years", {"schedule": "cliff", "cliff_years": 4}),
        ("a 30 year cliff", {"schedule": "cliff"}),
    ],
)
def test_a_schedule_written_with_its_years(text, settings):
    assert worded_inputs.extract_settings("vesting", text)[0] == settings


def test_a_mix_is_two_shares_that_sum_to_a_hundred():
    settings, spans = worded_inputs.extract_settings("rebalance", "sitting at 72/28, aiming for 55/45, not 3/4")
    assert settings == {"target": "55/45", "current_mix": "72/28"}
    assert len(spans) == 2


@pytest.mark.parametrize(
    ("typed", "mix"),
    [
        ("stocks=70, bonds=30", {"stocks": Decimal("0.7"), "bonds": Decimal("0.3")}),
        ("65% stocks, 35% bonds", {"stocks": Decimal("0.65"), "bonds": Decimal("0.35")}),
        ("50/40/10", {"stocks": Decimal("0.5"), "bonds": Decimal("0.4"), "cash": Decimal("0.1")}),
    ],
)
def test_a_typed_mix(typed, mix):
    assert allocation._mix(typed) == mix


def test_typed_holdings_in_dollars():
    assert allocation._holdings("stocks: $120k, bonds = 30,000") == {
        "stocks": Decimal("120000"),
        "bonds": Decimal("30000"),
    }


def test_a_typed_vesting_table():
    assert vesting._custom_table("2:25, 3 yrs = 50%, 4y:100") == {
        2: Decimal("0.25"),
        3: Decimal("0.5"),
        4: Decimal("1"),
    }


@pytest.mark.parametrize(("typed", "born"), [("1961-07-04", date(1961, 7, 4)), (" 1959 ", date(1959, 1, 1))])
def test_a_birth_date_or_a_bare_year(typed, born):
    assert checks.birth_date(typed) == born
    with pytest.raises(ValueError):
        checks.birth_date("July 1961")


def test_relative_years_are_read_from_the_clock():
    assert with_calendar_years("the limit next year", date(2026, 5, 1)) == "the limit 2027"


def test_a_us_date_and_the_separators_of_a_list():
    found = _US_DATE.match(" 3/14/1961 ")
    assert found is not None and found.groups() == ("3", "14", "1961")
    assert _US_DATE.match("1961-03-14") is None
    assert [part for part in _LIST_SEPARATORS.split("10k, 20k and 5k; 2k") if part] == ["10k", "20k", "5k", "2k"]


def test_an_entry_bound_to_the_year_its_phrasings_keep_naming():
    assert _bound_year([["limit", "2024"], ["max", "2024"], ["deferral"]]) == "2024"


@pytest.mark.parametrize(
    ("text", "joined"), [("my kids are 9 and ", True), ("ages 7 & ", True), ("I'm 9 ", False), ("9 and a half", False)]
)
def test_a_number_joined_to_the_one_before_it_by_and_or_ampersand(text, joined):
    from vested.understanding.reading import _JOINED

    assert bool(_JOINED.search(text)) is joined


# What a textbook RMD question states: a table of distribution periods, balances with their year-end,
# a birth date from an age reached on a date. Text -> (the setting, its value).
RMD_STATEMENTS = {
    "the divisors for ages 76, 77 and 78 are 23.7, 22.9 and 22.0": ("stated_periods", "76=23.7, 77=22.9, 78=22.0"),
    "factors of 20.2, 19.4 and 18.7 for ages 80, 81 and 82": ("stated_periods", "80=20.2, 81=19.4, 82=18.7"),
    "the table (distribution period: age 80 20.2, 81 19.4)": ("stated_periods", "80=20.2, 81=19.4"),
    "the life expectancy factor for age 77 is 22.9.": ("stated_periods", "77=22.9"),
    "use a factor of 21.1 for age 79": ("stated_periods", "79=21.1"),
    "It held $510,000 at the end of 2024, $530,000 at the end of 2025.": (
        "year_end_balances", "2024=510000, 2025=530000"
    ),
    "Worth $90,000, $95,000 and $99,000 on January 1, 2021, January 1, 2022 and January 1, 2023, respectively.": (
        "year_end_balances", "2020=90000, 2021=95000, 2022=99000"
    ),
    "On December 31, 2023 the plan held $61,000; on December 31, 2024 it held $64,000.": (
        "year_end_balances", "2023=61000, 2024=64000"
    ),
    "Nora turned 70 1/2 on March 9, 2018.": ("birth_date", "1947-09-09"),
    "He turned 70½ in August of 2019.": ("birth_date", "1949-02-01"),
    "Ira (age 78 at end of 2021) retired long ago.": ("birth_date", "1943"),
    "Ben turns 74 during 2025.": ("birth_date", "1951"),
    "she reached age 73 on June 2nd, 2024": ("birth_date", "1951-06-02"),
}  # fmt: skip


@pytest.mark.parametrize(("text", "setting"), RMD_STATEMENTS.items())
def test_what_a_textbook_rmd_question_states(text, setting):
    """A table of distribution periods, balances with their year-end, a birth date from an age reached on a date."""
    name, value = setting
    assert worded_inputs.extract_settings("rmd", text)[0][name] == value


def test_a_list_of_sums_is_not_a_table_of_periods():
    settings, _ = worded_inputs.extract_settings("rmd", "the factor table: balances $400,000, $425,000 and 12.5, 13.5")
    assert "stated_periods" not in settings


def test_the_year_of_retiring_and_the_first_rmd():
    settings, _ = worded_inputs.extract_settings(
        "rmd", "At the end of 2025, Ada retires. What is Ada's first required minimum distribution?"
    )
    assert settings["retirement_year"] == 2025 and settings["first_rmd"] is True
