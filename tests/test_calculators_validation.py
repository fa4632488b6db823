"""Bad input is refused with one clear message, never a traceback."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.calculator_fixtures import SAMPLES, compute, context
from vested.calculate import registry
from vested.calculate.base import CalculatorInputError
from vested.calculate.fields import unit_of


def _fields_of_unit(kind: str):
    for name, spec in registry().items():
        for field, info in spec.inputs.model_fields.items():
            if unit_of(info).kind == kind and not unit_of(info).many:
                yield name, field


def _reject(name: str, raw: dict, *fragments: str) -> CalculatorInputError:
    with pytest.raises(CalculatorInputError) as caught:
        registry()[name].compute(raw, context())
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message
    return caught.value


def test_every_calculator_has_samples_that_run():
    assert set(SAMPLES) == set(registry())
    for name, samples in SAMPLES.items():
        for raw in samples:
            result = compute(name, **raw)
            assert result.tool == name
            assert result.summary and result.steps and result.citations


@pytest.mark.parametrize(("name", "field"), list(_fields_of_unit("money")))
def test_negative_and_absurd_amounts_are_refused(name, field):
    base = dict(SAMPLES[name][0])
    error = _reject(name, {**base, field: "-5"}, "must not be negative")
    assert error.field == field
    _reject(name, {**base, field: "1e12"}, "must be at most $1,000,000,000.00")
    _reject(name, {**base, field: "1e30"}, "is far too large")
    _reject(name, {**base, field: "1e-999"}, "too small to mean anything")
    _reject(name, {**base, field: "NaN"}, "finite")


@pytest.mark.parametrize(("name", "field"), list(_fields_of_unit("percent")))
def test_percentages_over_100_are_refused(name, field):
    base = dict(SAMPLES[name][0])
    _reject(name, {**base, field: "1.5"}, "between 0% and 100%", "150%")
    _reject(name, {**base, field: "-0.01"}, "between 0% and 100%")


@pytest.mark.parametrize(("name", "field"), list(_fields_of_unit("age")))
def test_ages_outside_0_to_120_are_refused(name, field):
    base = dict(SAMPLES[name][0])
    _reject(name, {**base, field: 121}, "between 0 and 120")
    _reject(name, {**base, field: -1}, "between 0 and 120")


def test_missing_and_unknown_inputs():
    spec = registry()["loan_maximum"]
    assert spec.required_inputs() == ["vested"]
    assert spec.missing_inputs({"outstanding": 5}) == ["vested"]
    _reject("loan_maximum", {}, "give your vested balance")
    _reject("loan_maximum", {"vested": 1000, "colour": "red"}, "is not an input")
    _reject("loan_maximum", {"vested": "lots"}, "must be a number")


@pytest.mark.parametrize(
    ("name", "raw", "fragments"),
    [
        ("after_tax_basis_share", {"basis": 1, "account_value": 100, "distribution": 101}, ["larger than the account"]),
        (
            "after_tax_basis_share",
            {"basis": 1, "account_value": [100, 90, 80], "distribution": [1, 2]},
            ["one per withdrawal"],
        ),
        ("contribution_limit", {"age": 50, "year": 2031}, ["2031 is not in my table; the latest I know is 2026"]),
        ("contribution_limit", {"age": 50, "year": 2014}, ["not in my table"]),
        ("loan_maximum", {"vested": 80000, "highest_balance_12m": 5000, "outstanding": 9000}, ["can't be less"]),
        ("loan_repayment", {"amount": 10000, "annual_rate": "0.05", "years": 10}, ["within 5 years"]),
        ("loan_repayment", {"amount": 60000, "annual_rate": "0.05", "years": 5}, ["can't be more than $50,000.00"]),
        ("indirect_rollover", {"amount": 1000, "redeposited": 2000}, ["can't redeposit more"]),
        ("indirect_rollover", {"amount": 10000, "withholding_rate": "0.2", "withheld": 3000}, ["not the $3,000.00"]),
        ("indirect_rollover", {"amount": 10000, "withheld": 2000, "received": 9000}, ["not the $9,000.00"]),
        ("indirect_rollover", {"amount": 10000, "received": 12000}, ["between $0 and"]),
        ("indirect_rollover", {"received": 0, "withheld": 0}, ["nothing paid out"]),
        (
            "indirect_rollover",
            {"amount": 1000, "redeposited": 500, "only_check_redeposited": True},
            ["one or the other"],
        ),
        ("rebalance", {"balance": 1000, "current_mix": "75/25", "target": "60/30"}, ["add up to 100%, not 90%"]),
        ("rebalance", {"target": "60/40"}, ["give what you hold"]),
        ("rebalance", {"target": "30/30/30/10"}, ["name the assets"]),
        ("vesting", {"schedule": "custom", "years_of_service": 3}, ["needs its table"]),
        ("vesting", {"schedule": "custom", "years_of_service": 3, "custom_schedule": "1:50, 2:20"}, ["go down"]),
        ("vesting", {"schedule": "custom", "years_of_service": 3, "custom_schedule": "soon"}, ["could not be read"]),
        ("rmd", {}, ["birth date"]),
        ("rmd", {"birth_date": "yesterday"}, ["must be a date like 1958-03-14"]),
        ("rmd", {"birth_date": "1958-02-30"}, ["real date"]),
        ("rmd", {"birth_date": "1958", "age": 50, "distribution_year": 2026}, ["not 50"]),
        ("rmd", {"birth_date": "1951-01-01", "prior_year_balance": 1000, "distribution_year": 2020}, ["2022"]),
        ("employer_match", {"formula": "bananas", "deferral_rate": "0.05"}, ["Match formula could not be read"]),
        (
            "employer_match",
            {"formula": "50% up to 6%", "salary": 50000, "contribution": 80000},
            ["can't be more than your salary"],
        ),
        (
            "employer_match",
            {"formula": "50% up to 6%", "salary": 50000, "deferral_rate": "0.06", "contribution": 20000},
            ["is not the 6% of $50,000.00 you defer", "say which one you put in"],
        ),
        ("future_value", {"contribution": 100, "annual_return": "0.05", "years": 0}, ["between 1 and 100"]),
        (
            "future_value",
            {"contribution": 100, "annual_return": "0.05", "years": 30, "frequency": "daily"},
            ["must be one of"],
        ),
    ],
)
def test_inputs_that_make_no_sense_together(name, raw, fragments):
    _reject(name, raw, *fragments)


def test_percent_fields_hold_fractions():
    result = compute("employer_match", formula="50% up to 6%", salary=80000, deferral_rate=Decimal("0.08"))
    assert result.inputs["deferral_rate"] == Decimal("0.08")


def test_a_hardship_withdrawal_withheld_at_a_chosen_rate_and_also_waived_is_refused():
    _reject(
        "hardship_withdrawal",
        {"amount": "12000", "age": "44", "waive_withholding": True, "withholding_rate": "0.2"},
        "withholding waived and withheld at 20%",
    )


def test_a_hardship_withdrawal_withheld_at_a_chosen_rate_settles_against_that_rate():
    result = compute("hardship_withdrawal", amount="12000", age="44", withholding_rate="0.2", marginal_rate="0.22")
    assert result.outputs["withheld"] == Decimal("2400")
    assert result.outputs["due_at_filing"] == Decimal("12000") * Decimal("0.32") - Decimal("2400")
