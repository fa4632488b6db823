"""Reading employer match formulas written in words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vested.calculate.match import MatchFormulaError, parse_match_formula

D = Decimal
BASIC = ((D(1), D("0.03")), (D("0.5"), D("0.02")))


@pytest.mark.parametrize(
    ("text", "tiers", "non_elective"),
    [
        ("100% of the first 3% and 50% of the next 2%", BASIC, 0),
        ("100% on the first 3%, 50% on the next 2%", BASIC, 0),
        ("100% of first 3% + 50% of next 2%", BASIC, 0),
        ("dollar-for-dollar on the first 3% of pay and 50 cents on the dollar for the next 2%", BASIC, 0),
        (
            "a dollar-for-dollar match on the first 3% of an employee’s salary and a "
            "50-cent-on-the-dollar match for the next 2%",
            BASIC,
            0,
        ),
        ("100% up to 3%, then 50% up to 5%", BASIC, 0),
        ("safe harbor match", BASIC, 0),
        ("enhanced safe harbor", ((D(1), D("0.04")),), 0),
        ("50% up to 6%", ((D("0.5"), D("0.06")),), 0),
        ("50% of contributions up to 6% of salary", ((D("0.5"), D("0.06")),), 0),
        ("50 percent of the first 6 percent", ((D("0.5"), D("0.06")),), 0),
        ("half of the first 6%", ((D("0.5"), D("0.06")),), 0),
        ("50 cents per dollar up to 6%", ((D("0.5"), D("0.06")),), 0),
        ("matches the first 6% at 50%", ((D("0.5"), D("0.06")),), 0),
        ("50% match capped at 6%", ((D("0.5"), D("0.06")),), 0),
        ("half of what i put in, up to 7 percent of salary", ((D("0.5"), D("0.07")),), 0),
        ("100% of my contributions, capped at 4%", ((D(1), D("0.04")),), 0),
        ("dollar for dollar up to 4%", ((D(1), D("0.04")),), 0),
        ("Dollar For Dollar up to 4%", ((D(1), D("0.04")),), 0),
        ("100% match up to 4.5% of pay", ((D(1), D("0.045")),), 0),
        ("25% on the first 8%", ((D("0.25"), D("0.08")),), 0),
        ("50%", ((D("0.5"), None),), 0),
        ("50% match", ((D("0.5"), None),), 0),
        ("3% non-elective", (), D("0.03")),
        ("nonelective 3%", (), D("0.03")),
        ("a flat 4% of pay", (), D("0.04")),
        ("5% profit sharing", (), D("0.05")),
        ("3% safe harbor nonelective", (), D("0.03")),
        ("50% up to 6% plus 2% non-elective", ((D("0.5"), D("0.06")),), D("0.02")),
        # A cap on the employer's side: the deferral it matches is the cap over the rate.
        ("a 50% match up to a maximum employer contribution of 3% of pay", ((D("0.5"), D("0.06")),), 0),
        ("75% of contributions, maximum match of 4.5%", ((D("0.75"), D("0.06")),), 0),
        ("25 cents on the dollar with a maximum company contribution of 2%", ((D("0.25"), D("0.08")),), 0),
        ("$0.50 on the dollar", ((D("0.5"), None),), 0),
        # A band written as its two ends, its rate before or after it.
        (
            "100% of the first 4%, then 50% on deferrals between 4% and 8%",
            ((D(1), D("0.04")), (D("0.5"), D("0.04"))),
            0,
        ),
        (
            "dollar for dollar on the first 2%, and from 2% to 5%, the firm adds 25%",
            ((D(1), D("0.02")), (D("0.25"), D("0.03"))),
            0,
        ),
        ("$.25 per dollar up to 8%", ((D("0.25"), D("0.08")),), 0),
        ("100% of the first 3%; 50% of the next 2%; 3% non-elective", BASIC, D("0.03")),
        # An ordinal after the first band is the band after it, like "next".
        ("the first 3% of salary dollar for dollar and the second 2% 50 cents on the dollar", BASIC, 0),
        ("dollar for dollar up to 3% then 50 cents up to 5%", BASIC, 0),
        ("a dollar for every dollar on the first 3%, plus 50 cents on the next 2%", BASIC, 0),
        (
            "100% of the first 2%, 50% of the second 2% and 25% of the third 2%",
            ((D(1), D("0.02")), (D("0.5"), D("0.02")), (D("0.25"), D("0.02"))),
            0,
        ),
    ],
)
def test_formulas_read_as_tiers(text, tiers, non_elective):
    formula = parse_match_formula(text)
    assert tuple((tier.rate, tier.width) for tier in formula.tiers) == tiers
    assert formula.non_elective == non_elective


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("bananas", "no match rate"),
        ("generous", "no match rate"),
        ("150% of the first 3%", "at most 100%"),
        ("100% of the first 3% and 50% up to 2%", "above the one before"),
        ("50% and 100% of the first 3%", "after one with no limit"),
        ("100% of the first 80% and 50% of the next 30%", "more than 100%"),
    ],
)
def test_unreadable_or_impossible_formulas_say_why(text, message):
    with pytest.raises(MatchFormulaError, match=message):
        parse_match_formula(text)


def test_formula_description_and_full_match_deferral():
    formula = parse_match_formula("100% of the first 3% and 50% of the next 2%; 3% non-elective")
    assert formula.describe() == (
        "100% of the first 3% of pay, then 50% of the next 2% of pay; plus 3% of pay whatever you defer"
    )
    assert formula.full_match_deferral == D("0.05")
    assert formula.match_rate(D("0.04")) == D("0.035")
    assert parse_match_formula("50%").full_match_deferral is None


# --- a match on the first dollars contributed, in a question -------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    salary=st.integers(min_value=30, max_value=150).map(lambda n: n * 1000),
    dollars=st.integers(min_value=4, max_value=40).map(lambda n: n * 100),
    rate=st.sampled_from([None, 25, 50, 100]),
    deferral=st.integers(min_value=1, max_value=12),
)
def test_a_match_on_the_first_dollars_is_the_rate_capped_at_those_dollars(assistant, salary, dollars, rate, deferral):
    said = "" if rate is None else f"{rate}% of "
    answer = assistant.ask(
        f"Bea earns ${salary:,} and defers {deferral}% of pay. Her employer matches {said}the first ${dollars:,} "
        "she contributes each year. How much will the employer put in?"
    )
    assert answer.calculation is not None and answer.calculation.tool == "employer_match", answer.answer
    share = D(rate or 100) / 100
    expected = min(share * salary * deferral / 100, share * dollars)
    assert D(answer.calculation.outputs["match"]) == expected


def test_full_advantage_of_a_dollar_match_is_those_dollars_from_each_side(assistant):
    answer = assistant.ask(
        "Mei makes $64,000. Her company matches the first $1,800 she puts in during the year. For the whole "
        "match, how much goes into her 401(k) each year, hers and theirs?"
    )
    assert answer.calculation is not None and answer.calculation.tool == "employer_match", answer.answer
    assert answer.calculation.outputs["total_contribution"] == "3600"
