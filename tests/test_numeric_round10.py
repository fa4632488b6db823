"""Numeric questions of round 10: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=25, deadline=None)
@given(
    start=st.sampled_from([("$25k", 25000), ("$40,000", 40000), ("18 grand", 18000)]),
    deposit=st.sampled_from([("$500", 500), ("$350", 350)]),
    adds=st.sampled_from(["I'll add", "I will add", "I'm adding", "we'll add", "and add"]),
    shape=st.sampled_from(
        [
            "I'm 30 with {start} saved, and {adds} {deposit} a month. At 7% what will I have at 65?",
            "I have {start} saved; {adds} {deposit} a month. At 7% a year, how much will I have in 35 years?",
        ]
    ),
)
def test_a_sum_added_each_month_is_the_deposit_and_the_sum_saved_the_start(assistant, start, deposit, adds, shape):
    """ "I'm 30 with $25k saved and I'll add $500 a month": $25,000 was worked as the monthly deposit and
    $500 as the start ($42.8 million)."""
    question = shape.format(start=start[0], deposit=deposit[0], adds=adds)
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", answer.answer
    inputs = answer.calculation.inputs
    assert inputs["contribution"] == str(deposit[1]), (question, inputs)
    assert inputs["starting_balance"] == str(start[1]), (question, inputs)
