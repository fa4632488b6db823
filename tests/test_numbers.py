"""Number extraction: a table of phrasings as users type them, and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vested.understanding.quantities import extract_quantities

D = Decimal

TABLE = [
    ("I have $80,000 vested", [("money", D(80000))]),
    ("80k vested", [("money", D(80000))]),
    ("80K in my account", [("money", D(80000))]),
    ("80 thousand dollars", [("money", D(80000))]),
    ("80,000 dollars", [("money", D(80000))]),
    ("$1.2M balance", [("money", D("1200000"))]),
    ("1.5 million saved", [("money", D("1500000"))]),
    ("a $12,000 loan", [("money", D(12000))]),
    ("$500", [("money", D(500))]),
    ("$10,000.50", [("money", D("10000.50"))]),
    ("25 grand", [("money", D(25000))]),
    ("150000 in the plan", [("money", D(150000))]),
    ("$ 2,500", [("money", D(2500))]),
    ("5%", [("percent", D("0.05"))]),
    ("5 percent", [("percent", D("0.05"))]),
    ("less 20-percent withholding", [("percent", D("0.2"))]),
    ("I am 56 years. I have a 401k", [("age", D(56))]),
    ("I am 20 years from retiring", [("duration", D(20))]),
    ("she's 61 years and still working", [("age", D(61))]),
    ("6.5%", [("percent", D("0.065"))]),
    ("defer 8 pct", [("percent", D("0.08"))]),
    ("they match half of my contributions", [("percent", D("0.5"))]),
    ("five percent", [("percent", D("0.05"))]),
    ("100% of the first 3%", [("percent", D(1)), ("percent", D("0.03"))]),
    # A minus sign is kept, so the validators refuse the number rather than use it unsigned.
    ("-5 years of service", [("duration", D(-5))]),
    ("redeposit -$3", [("money", D(-3))]),
    ("call 1-800 about it", [("number", D(1))]),  # the 800 stays part of a name, not -800
    # Numbers no person means are not read at all (Decimal would overflow on them).
    ("a penalty on 9e9999999", []),
    ("I'm 61", [("age", D(61))]),
    ("im 45", [("age", D(45))]),
    ("I am 35", [("age", D(35))]),
    ("age 52", [("age", D(52))]),
    ("aged 50", [("age", D(50))]),
    ("turned 73 this year", [("age", D(73))]),
    ("when I turn 55", [("age", D(55))]),
    ("61 years old", [("age", D(61))]),
    ("a 40-year-old", [("age", D(40))]),
    ("at 59 1/2", [("age", D("59.5"))]),
    ("at 59½", [("age", D("59.5"))]),
    ("over 50", [("age", D(50))]),
    ("in 2025", [("year", D(2025))]),
    ("for 2019", [("year", D(2019))]),
    ("born in 1958", [("year", D(1958))]),
    ("5 years of service", [("duration", D(5))]),
    ("for 30 years", [("duration", D(30))]),
    ("3 yrs", [("duration", D(3))]),
    ("60 months", [("duration", D(5))]),
    ("thirty years", [("duration", D(30))]),
    ("a 5-year loan", [("duration", D(5))]),
    ("my 401k", []),
    ("my 401(k)", []),
    ("my 401-k deferrals", []),
    ("over-50 catch-up for 401-ks in 2019", [("age", D(50)), ("year", D(2019))]),
    ("a 401 (k) plan", []),
    ("my 457b", []),
    ("I heard it's called the 415 limit", []),
    ("max out my 401k this year (2025)", [("year", D(2025))]),
    ("500 a month", [("money", D(500))]),
    ("200 per paycheck", [("money", D(200))]),
    ("section 401(a)(9)", []),
    ("a 403(b)", []),
    ("IRC 72(t)", []),
    ("what is a 401k loan", []),
    ("I'm 55 with 80k vested", [("age", D(55)), ("money", D(80000))]),
    ("$60,000 and I'm 50", [("money", D(60000)), ("age", D(50))]),
    ("I'm 35 and cash out $20,000", [("age", D(35)), ("money", D(20000))]),
    ("$8,800 a year for 30 years at 6%", [("money", D(8800)), ("duration", D(30)), ("percent", D("0.06"))]),
    ("I earn $80,000 and defer 8%", [("money", D(80000)), ("percent", D("0.08"))]),
    ("basis $25,000, value $150,000", [("money", D(25000)), ("money", D(150000))]),
    ("55 in 2026", [("number", D(55)), ("year", D(2026))]),
    ("I'm 60 in 2026", [("age", D(60)), ("year", D(2026))]),
    ("$250,000 at 75/25", [("money", D(250000)), ("ratio", D(75)), ("ratio", D(25))]),
    ("the 110/120-minus-age rule at 48", [("age", D(48))]),
    ("12k missed", [("money", D(12000))]),
    ("what about 120k?", [("money", D(120000))]),
    ("and if I'm 55?", [("age", D(55))]),
    ("5.5% for 60 months", [("percent", D("0.055")), ("duration", D(5))]),
    ("$64k", [("money", D(64000))]),
    ("64,000", [("money", D(64000))]),
    ("2 million", [("money", D(2000000))]),
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[row[0] for row in TABLE])
def test_phrasing(text, expected):
    found = [(quantity.kind, quantity.value) for quantity in extract_quantities(text)]
    assert found == expected


def test_table_is_large_enough():
    assert len(TABLE) >= 60


@given(st.integers(min_value=1, max_value=10**9))
def test_dollar_amounts_round_trip(amount):
    [quantity] = extract_quantities(f"I have ${amount:,} saved")
    assert quantity.kind == "money"
    assert quantity.value == amount


@given(st.integers(min_value=1, max_value=100), st.integers(min_value=0, max_value=9))
def test_percentages_become_fractions(whole, tenth):
    [quantity] = extract_quantities(f"defer {whole}.{tenth}% of pay")
    assert quantity.kind == "percent"
    assert quantity.value == Decimal(f"{whole}.{tenth}") / 100


@given(st.text(max_size=200))
def test_never_raises(text):
    for quantity in extract_quantities(text):
        assert quantity.start <= quantity.end


@pytest.mark.parametrize(
    "text",
    [
        "where do I report my 1099-R",
        "do I need Form 8606",
        "the section 415 limit",
        "what SECURE 2.0 changed",
        "the rule of 55",
        "people in their 50s",
    ],
)
def test_numbers_that_name_things_are_not_quantities(text):
    assert extract_quantities(text) == []


def test_a_form_number_as_an_amount_is_still_money():
    assert [(q.kind, q.value) for q in extract_quantities("I withdrew $1,099 and 8606 dollars")] == [
        ("money", Decimal("1099")),
        ("money", Decimal("8606")),
    ]


@pytest.mark.parametrize(
    "text", ["Is the RMD age still 70 1/2?", "is the rmd age still 70 and a half", "the RMD age is 73"]
)
def test_a_rules_age_is_not_the_askers(text):
    assert extract_quantities(text) == []


def test_the_askers_age_after_the_word_age_still_counts():
    assert [(q.kind, q.value) for q in extract_quantities("I left at age 56")] == [("age", Decimal("56"))]


@given(
    st.integers(min_value=0, max_value=45),
    st.integers(min_value=1, max_value=11),
    st.sampled_from(["{y} years and {m} months", "{y} yrs, {m} mos", "{y} years {m} months", "{y} year and {m} month"]),
)
def test_years_and_months_are_one_duration(years, months, shape):
    """ "2 years and 11 months" of service is 2 11/12 years, one number, not a second one left over."""
    text = "I've worked there " + shape.format(y=years, m=months) + " in all"
    assert [(q.kind, q.value) for q in extract_quantities(text)] == [("duration", years + D(months) / 12)]


def test_months_told_apart_from_the_years_stay_apart():
    found = extract_quantities("5 years of service and 3 months ago I changed plans")
    assert [q.value for q in found] == [D(5), D(3) / 12]
