"""The contribution limit goes by the age reached by December 31 of the year asked about; an age said
for another year ("turned 60 in October 2024") is read as a birth date (worded_inputs._limit_settings)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.calculator_fixtures import compute
from vested.calculate.base import CalculatorInputError
from vested.calculate.worded_inputs import extract_settings

MONTHS = ("February", "April", "July", "November")


def test_an_age_reached_the_year_before_counts_a_year_older() -> None:
    result = compute("contribution_limit", birth_date="1963-11-01", year=2025)
    assert result.outputs["catch_up"] == Decimal(11250)
    assert "age 62 by December 31, 2025" in result.steps[1]


def test_an_age_that_disagrees_with_the_birth_date_is_said() -> None:
    with pytest.raises(CalculatorInputError, match="not 60"):
        compute("contribution_limit", birth_date="1964", age=60, year=2025)


def test_the_year_of_the_age_is_the_year_asked_when_no_other_is_named() -> None:
    found, _ = extract_settings("contribution_limit", "Sam was 52 in 2021. What catch-up could he add that year?")
    assert found == {"birth_date": "1969", "year": 2021}


@settings(max_examples=40, deadline=None)
@given(age=st.integers(45, 70), year=st.integers(2020, 2026), month=st.sampled_from(MONTHS))
def test_any_age_said_for_the_year_before_is_read_as_a_birth_date(age: int, year: int, month: str) -> None:
    question = f"Dana turned {age} in {month} {year - 1}. How much can Dana defer in {year}?"
    found, _ = extract_settings("contribution_limit", question)
    assert found["birth_date"].startswith(str(year - 1 - age))
    assert "year" not in found  # the year asked is the router's: a different one was named
