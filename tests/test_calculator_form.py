"""The calculator form's core (vested.calculate.form): fields, values written as typed, read back.

Every sample calculation, written into its form as the chat pre-fills it and read back,
gives the same figures; what cannot be used is refused in one line of plain words.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.calculator_fixtures import SAMPLES, compute, context
from vested.calculate import registry
from vested.calculate.base import jsonable
from vested.calculate.form import (
    FieldProblem,
    check_value,
    form_fields,
    form_question,
    read_form,
    read_value,
    recorded_values,
    run_form,
    typed_text,
)

CASES = [
    pytest.param(name, raw, id=f"{name}-{number}")
    for name, samples in SAMPLES.items()
    for number, raw in enumerate(samples)
]


def prefilled(name: str, recorded: dict) -> dict:
    """The form's fields as the chat fills them from a recorded calculation."""
    typed: dict = {}
    recorded = recorded_values(registry()[name], recorded)
    for field in form_fields(registry()[name]):
        value = recorded.get(field.name)
        typed[field.name] = bool(value) if field.kind == "flag" else typed_text(field, value)
    return typed


@pytest.mark.parametrize(("name", "raw"), CASES)
def test_a_recorded_calculation_read_back_from_its_form_gives_the_same_figures(name, raw):
    result = compute(name, **raw)
    spec = registry()[name]
    again = run_form(spec, read_form(spec, prefilled(name, jsonable(result.inputs))), context())
    assert jsonable(again.outputs) == jsonable(result.outputs)


def test_every_input_of_every_calculator_is_a_field_with_its_label_and_help():
    for spec in registry().values():
        fields = form_fields(spec)
        assert [field.name for field in fields] == list(spec.inputs.model_fields)
        for field in fields:
            assert field.label and field.help, (spec.name, field.name)
            assert field.required == (field.name in spec.required_inputs())  # an input with stand-ins too


def test_an_input_left_empty_is_fine_when_its_stand_ins_are_filled():
    spec = registry()["loan_maximum"]
    typed = {"own_money": "50,000", "employer_money": "20,000", "employer_vested_share": "60", "allow_10k_floor": False}
    assert run_form(spec, read_form(spec, typed), context()).outputs["max_new_loan"] == 31000
    with pytest.raises(FieldProblem) as caught:
        read_form(spec, {"own_money": "50,000", "allow_10k_floor": False})
    assert caught.value.field == "vested"


def test_values_are_written_as_people_type_them():
    fields = {field.name: field for field in form_fields(registry()["loan_repayment"])}
    assert typed_text(fields["amount"], "20000") == "20,000"
    assert typed_text(fields["amount"], "20000.5") == "20,000.50"
    assert typed_text(fields["annual_rate"], "0.055") == "5.5%"
    assert typed_text(fields["years"], "5") == "5"
    assert typed_text(fields["age"], None) == ""
    assert typed_text(fields["frequency"], "monthly") == "monthly"


def test_amounts_read_as_everywhere_else():
    field = next(field for field in form_fields(registry()["loan_maximum"]) if field.name == "vested")
    assert read_value(field, "80k") == Decimal(80000)
    assert read_value(field, "$1.2m") == Decimal(1200000)
    assert read_value(field, "  ") is None


def test_a_value_that_is_not_a_number_is_one_line_in_plain_words():
    field = next(field for field in form_fields(registry()["loan_maximum"]) if field.name == "vested")
    problem = check_value(field, "lots")
    assert problem == "'lots' is not a number; write an amount like 80,000 or 80k"
    assert check_value(field, "") == "Vested balance is needed: an amount like 80,000 or 80k"


def test_the_model_refuses_out_of_range_values_naming_the_field():
    spec = registry()["loan_maximum"]
    with pytest.raises(FieldProblem) as caught:
        read_form(spec, {"vested": "-5", "allow_10k_floor": False})
    assert caught.value.field == "vested"
    assert str(caught.value) == "Vested balance must not be negative (got -5)"
    assert "pydantic" not in str(caught.value).lower()


def test_a_percentage_over_100_is_refused_in_words():
    spec = registry()["loan_repayment"]
    with pytest.raises(FieldProblem) as caught:
        read_form(spec, {"amount": "20k", "annual_rate": "140", "years": "5", "frequency": "monthly"})
    assert caught.value.field == "annual_rate"
    assert "between 0% and 100%" in str(caught.value)


def test_a_choice_reads_in_words_and_empty_optional_fields_are_left_out():
    spec = registry()["loan_repayment"]
    raw = read_form(spec, {"amount": "20k", "annual_rate": "5%", "years": "5", "frequency": "biweekly"})
    assert raw == {
        "amount": Decimal(20000),
        "annual_rate": Decimal("0.05"),
        "years": Decimal(5),
        "frequency": "biweekly",
    }


def test_the_question_line_names_the_calculator_and_the_values():
    assert form_question("Loan maximum", [("Vested balance", "$90,000.00")]) == (
        "Loan maximum, from the form: Vested balance $90,000.00"
    )
