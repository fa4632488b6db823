"""The plain validator of a calculation's inputs (vested.calculate.described) agrees with the pydantic models.

`vested ask` validates a calculation's inputs without pydantic, from a description of each input model
kept in the compiled knowledge; the model stays the judge of everything the plain validator passes on.
So whatever the plain validator accepts, the model accepts, with the same values of the same types.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from vested.calculate import names, spec
from vested.calculate.described import InputsDescription, describe, described, plainly_validated

STRUCTURED_UNITS = {"formula", "mix", "holdings", "schedule", "periods", "balances", "limits"}
"""Units of inputs that only the model reads (text parsed into a formula or a table, series)."""

NUMBERS = st.one_of(
    st.decimals(min_value=0, max_value=10**9, places=2),
    st.decimals(min_value=-5, max_value=200, places=3),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal("1e15"), Decimal("1e-13"), Decimal("1.000"), Decimal("0.6")]),
    st.integers(min_value=-5, max_value=3000),
    st.integers(),
)
OTHER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=12),
    st.sampled_from(["1958-03-14", "1958", "monthly", "yearly", "weekly", "2:20, 3:40", "50% up to 6%", "yes"]),
    st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.floats(allow_nan=False, max_value=1e6, min_value=-1e6),
    st.lists(st.integers(0, 100), max_size=2),
)
VALUES = st.one_of(NUMBERS, NUMBERS, OTHER_VALUES)
LIKELY = {
    "money": st.decimals(min_value=0, max_value=10**7, places=2) | st.integers(0, 10**6),
    "percent": st.decimals(min_value=0, max_value=1, places=4),
    "age": st.integers(18, 99) | st.decimals(min_value=18, max_value=99, places=1),
    "years": st.integers(1, 40) | st.decimals(min_value=0, max_value=40, places=1),
    "year": st.integers(1990, 2040),
    "count": st.integers(0, 40),
    "date": st.dates(min_value=date(1930, 1, 1), max_value=date(2005, 12, 31))
    | st.sampled_from(["1958-03-14", "1961"]),
    "flag": st.booleans(),
}
"""Values of the sort the router reads, most of them valid: so the plain validator often vouches for them."""


def _typed(values: dict[str, Any]) -> dict[str, tuple[type, str]]:
    """Each value with its type and text: Decimal("1.0") and Decimal("1") are equal, yet read differently."""
    return {name: (type(value), str(value)) for name, value in values.items()}


@st.composite
def _raw_inputs(draw: st.DrawFn, description: InputsDescription) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for name, field in description.fields.items():
        if draw(st.integers(0, 2)) == 0 and not field.required:
            continue  # left out
        if draw(st.integers(0, 12)) == 0:
            continue  # left out, required or not
        likely = st.sampled_from(field.choices) if field.choices else LIKELY.get(field.unit.kind, VALUES)
        raw[name] = draw(VALUES if draw(st.integers(0, 10)) == 0 else likely)
    if draw(st.integers(0, 20)) == 0:
        raw["not_an_input"] = draw(VALUES)
    return raw


@pytest.mark.parametrize("name", names())
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_what_the_plain_validator_accepts_the_model_accepts_alike(name, data):
    calculator = spec(name)
    assert calculator is not None
    description = describe(calculator.inputs)
    raw = data.draw(_raw_inputs(description))
    plain = plainly_validated(description, raw)
    if plain is None:
        return  # the model decides, and words any refusal
    try:
        model = calculator.inputs.model_validate(raw)
    except ValidationError as error:  # pragma: no cover - a failure's report
        pytest.fail(f"the plain validator passed {raw!r}, the model refused it: {error}")
    assert _typed(plain.model_dump()) == _typed(model.model_dump())
    assert list(plain.model_dump()) == list(model.model_dump())
    for field_name in description.fields:
        assert _typed({field_name: getattr(plain, field_name)}) == _typed({field_name: getattr(model, field_name)})


@pytest.mark.parametrize("name", names())
def test_every_input_model_is_described_whole(name):
    """Every model validates only in the ways the description knows (its fields' checks and its cross checks),
    every input the router reads is of a kind the plain validator reads, and the compiled knowledge keeps
    the description as it was made."""
    calculator = spec(name)
    assert calculator is not None
    description = describe(calculator.inputs)
    assert description.plain
    for field_name, field in description.fields.items():
        assert (field.kind == "other") == (field.unit.kind in STRUCTURED_UNITS or field.unit.many), field_name
    assert described(name) == description


def test_typical_inputs_are_validated_without_the_model():
    """What the router reads from a question runs plainly, the rules across inputs included."""
    loan = spec("loan_maximum")
    assert loan is not None
    inputs = loan.plainly_validated({"vested": Decimal("80000")})
    assert inputs is not None and inputs.vested == Decimal("80000") and inputs.outstanding == Decimal(0)
    assert loan.plainly_validated({"outstanding": Decimal("1000")}) is None, "neither the balance nor its parts"
    assert loan.plainly_validated({"vested": Decimal("-1")}) is None, "a negative balance: the model says why"
    growth = spec("future_value")
    assert growth is not None
    projected = growth.plainly_validated({"contribution": 6000, "annual_return": Decimal("0.07"), "years": 30})
    assert projected is not None and projected.contribution == Decimal(6000) and projected.frequency == "yearly"
