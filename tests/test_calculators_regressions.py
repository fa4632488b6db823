"""The calculator defects of the numeric-questions review, each pinned so it cannot come back.

The review (shared/reviews/numeric-questions.md, pattern 7) found an RMD printed after
saying it could wait, the age-55 claim accepted at any age and not recognised at 54, a
division by a salary of 0, negative intermediate steps, and hardship withdrawals shown with
nothing withheld. The last test runs every calculator on drawn inputs and reads its steps.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.calculator_fixtures import SAMPLES, compute, context
from vested.calculate import registry
from vested.calculate.base import CalculatorInputError
from vested.calculate.fields import plain_type, unit_of

# RMD ----------------------------------------------------------------------------------


def test_still_working_with_no_retirement_year_prints_no_rmd():
    result = compute("rmd", birth_date="1951-03-02", prior_year_balance=500000, still_working=True)
    assert result.outputs["rmd"] == 0
    assert result.outputs["required_beginning_date"] is None
    assert result.outputs["first_rmd_year"] is None
    assert not any("÷" in step for step in result.steps), result.steps
    assert "the RMD is $" not in result.summary
    assert "while you keep working there" in result.summary


def test_still_working_with_a_retirement_year_computes_from_then():
    before = compute(
        "rmd", birth_date="1951-03-02", prior_year_balance=500000, still_working=True, retirement_year=2027
    )
    assert before.outputs["rmd"] == 0
    retired = compute(
        "rmd", birth_date="1951-03-02", prior_year_balance=500000, still_working=True, retirement_year=2025
    )
    assert retired.outputs["rmd"] > 0


# The age-55 claim ---------------------------------------------------------------------

LEFT_AT_55 = [
    ("early_withdrawal", {"amount": 20000}, "additional_tax", Decimal(2000)),
    ("indirect_rollover", {"amount": 20000, "redeposited": 0}, "additional_tax", Decimal(2000)),
    (
        "loan_repayment",
        {"amount": 20000, "annual_rate": "0.05", "years": 5, "leave_after_years": 0},
        "additional_tax_on_unpaid",
        Decimal(2000),
    ),
    ("loan_offset", {"loan_balance": 20000}, "additional_tax", Decimal(2000)),
]


@pytest.mark.parametrize(("name", "raw", "output", "ten_percent"), LEFT_AT_55)
def test_the_age_55_claim_is_ignored_with_a_caveat_when_the_age_rules_it_out(name, raw, output, ten_percent):
    result = compute(name, **raw, age=45, separated_at_55=True)
    assert result.outputs[output] == ten_percent
    assert any("at 45 that can't be" in caveat for caveat in result.caveats), result.caveats


@pytest.mark.parametrize(("name", "raw", "output", "ten_percent"), LEFT_AT_55)
def test_leaving_at_54_in_the_year_of_turning_55_is_recognised(name, raw, output, ten_percent):
    result = compute(name, **raw, age=54, separated_at_55=True)
    assert result.outputs[output] == 0
    assert any("calendar year you turn 55" in step for step in result.steps), result.steps
    owed = compute(name, **raw, age=54)
    assert owed.outputs[output] == ten_percent
    assert any("even at 54" in caveat for caveat in owed.caveats), owed.caveats


def test_hardship_is_taken_while_working_so_the_age_55_rule_is_not_applied():
    result = compute("early_withdrawal", amount=20000, age=56, kind="hardship", separated_at_55=True)
    assert result.outputs["additional_tax"] == Decimal(2000)
    assert any("age-55 rule does not apply" in caveat for caveat in result.caveats)


# Salary 0, over 100% of pay, negative intermediates -----------------------------------


def test_employer_match_with_a_salary_of_0_does_not_raise():
    result = compute("employer_match", formula="50% up to 6%", salary=0, deferral_rate="0.06")
    assert result.outputs["match"] == 0 and result.outputs["total_contribution"] == 0
    assert "no salary" in result.summary


def test_employer_match_refuses_more_than_all_of_pay():
    with pytest.raises(CalculatorInputError, match="capped at 100% of pay") as caught:
        compute("employer_match", formula="100% of the first 3% and 50% of the next 2%", deferral_rate="0.99")
    assert caught.value.field == "deferral_rate"


@pytest.mark.parametrize(
    "raw",
    [
        {"vested": 40000, "outstanding": 32000},
        {"vested": 80000, "highest_balance_12m": 60000, "outstanding": 5000},
        {"vested": 200000, "highest_balance_12m": 50000},
    ],
)
def test_loan_steps_never_print_a_negative_or_a_false_subtraction(raw):
    result = compute("loan_maximum", **raw)
    assert result.outputs["max_new_loan"] == 0
    assert result.outputs["cap_after_reduction"] >= 0
    assert not [step for step in result.steps if "-$" in step]
    # "$20,000.00 − $32,000.00 still owed = $0.00" would be a false subtraction
    assert not [step for step in result.steps if re.search(r"− \$[\d,.]+ still owed = \$0\.00", step)]
    assert "can't borrow" in result.summary


def test_allocation_never_shows_a_share_above_100_percent():
    result = compute("allocation", age=5)
    assert not _bad_steps(result.steps)
    assert "110 − 5 is more than 100: all of it, 100%, in stocks" in result.steps


# Hardship withholding -----------------------------------------------------------------


def test_a_hardship_withdrawal_shows_the_default_10_percent_withheld():
    result = compute("early_withdrawal", amount=20000, age=45, kind="hardship", marginal_rate="0.22")
    assert result.outputs["withheld"] == Decimal(2000)
    assert result.outputs["paid_out"] == Decimal(18000)
    assert result.outputs["due_at_filing"] == Decimal(4400)
    assert "$2,000.00 is withheld" in result.summary
    assert "irc-3405b" in {citation.source for citation in result.citations}


# Every step of every calculator, on drawn inputs --------------------------------------

_PERCENT = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)%")
_DRAWN_UNITS = {"money", "percent", "age", "years", "year", "flag", "choice"}


def _value(unit: str, info: Any) -> st.SearchStrategy:
    """Values of an input's unit, within what its validator accepts (refusals are tested elsewhere)."""
    if unit == "money":
        return st.decimals(min_value=0, max_value=2_000_000, places=2)
    if unit == "percent":
        return st.decimals(min_value=0, max_value=1, places=4)
    if unit == "age":
        return st.integers(0, 120) if plain_type(info) is int else st.decimals(min_value=0, max_value=120, places=1)
    if unit == "years":
        return st.decimals(min_value=0, max_value=40, places=1)
    if unit == "year":
        return st.integers(2018, 2027)
    if unit == "flag":
        return st.booleans()
    choices = get_args(plain_type(info))
    return st.sampled_from(choices)


def _drawn_inputs(name: str, data: st.DataObject) -> dict[str, Any]:
    """A sample's inputs with every plain field replaced by a drawn value (some left out)."""
    raw = dict(data.draw(st.sampled_from(SAMPLES[name])))
    for field, info in registry()[name].inputs.model_fields.items():
        unit = unit_of(info)
        if unit.many or unit.kind not in _DRAWN_UNITS:
            continue
        if not info.is_required() and data.draw(st.booleans()):
            raw.pop(field, None)
            continue
        raw[field] = data.draw(_value(unit.kind, info))
    return raw


def _bad_steps(steps: list[str]) -> list[str]:
    bad = []
    for step in steps:
        shares = [Decimal(found.replace(",", "")) for found in _PERCENT.findall(step)]
        if "-$" in step or any(share < 0 or share > 100 for share in shares):
            bad.append(step)
    return bad


@pytest.mark.parametrize("name", sorted(SAMPLES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_step_prints_a_negative_figure_or_a_share_above_100_percent(name, data):
    raw = _drawn_inputs(name, data)
    try:
        result = compute(name, **raw)
    except CalculatorInputError:
        return  # inputs that make no sense together are refused in words, which is right
    assert not _bad_steps(result.steps), (raw, _bad_steps(result.steps))


# A year missing from the limits table --------------------------------------------------


def test_a_year_missing_from_the_table_is_said_never_replaced():
    with pytest.raises(CalculatorInputError, match="2031 is not in my table"):
        compute("employer_match", formula="50% up to 6%", salary=400000, deferral_rate="0.06", year=2031)
    later = registry()["employer_match"].compute(
        {"formula": "50% up to 6%", "salary": 400000, "deferral_rate": "0.06"}, context(date(2031, 3, 1))
    )
    assert "My table has no 2031 limits yet; the 2026 ones were used." in later.caveats
