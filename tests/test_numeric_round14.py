"""Numeric questions of round 14: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=40, deadline=None)
@given(
    age=st.integers(min_value=52, max_value=59),
    months=st.integers(min_value=1, max_value=11),
    said=st.sampled_from(
        [
            "I'm {age} and {months} {unit}. Any penalty if I take {amount} out of my 401k?",
            "i am {age} years and {months} {unit} old, pulling {amount} from the 401k. whats the penalty on that",
            "Im {age}, {months} {unit}, and want to withdraw {amount} from my 401(k). How much is the penalty?",
        ]
    ),
    amount=st.sampled_from([("50k", 50000), ("$18,000", 18000)]),
)
def test_an_age_and_the_months_past_it_are_one_age(assistant, age, months, said, amount):
    """ "I'm 59 and 8 months. Any penalty if I take 50k out?" read the age 59 and gave the 8 months to the
    Roth five-year clock: a $5,000 additional tax, though 59 and 8 months is past 59 1/2."""
    question = said.format(age=age, months=months, unit="month" if months == 1 else "months", amount=amount[0])
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "early_withdrawal", (question, answer.answer)
    inputs = answer.calculation.inputs
    assert Decimal(inputs["age"]) == (age + Decimal(months) / 12).quantize(Decimal("0.01")), question
    assert inputs.get("roth_years") is None, question
    past = age * 12 + months >= 59 * 12 + 6
    additional = Decimal(answer.calculation.outputs["additional_tax"])
    assert additional == (0 if past else Decimal(amount[1]) / 10), question


def test_months_counted_to_something_are_no_part_of_an_age(assistant):
    answer = assistant.ask("I'm 59 and 8 months from retiring. What's the penalty on taking 20k out of my 401k now?")
    assert answer.kind == "calculation" and answer.calculation.inputs["age"] == "59", answer.answer
    assert answer.calculation.outputs["additional_tax"] == "2000"
