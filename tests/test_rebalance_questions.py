"""Rebalancing questions in words (issue 15): a mix said as "70% stocks and 30% bonds", the mix it
drifted to, the value now (not the sum first invested), and "how much should she move" asks for the
trade. Our own questions, names and numbers."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

SHAPES = [
    "Lena put ${first:,} into a fund of {target}% stocks and {rest}% bonds. A year later the stocks had grown to "
    "{now}% and the bonds had shrunk to {now_rest}%, and the account is now worth ${value:,}. How much should "
    "she move from stocks to bonds to rebalance to {target}% stocks and {rest}% bonds?",
    "Her account's value is ${value:,} today, split {now}% stocks and {now_rest}% bonds. Lena's target is "
    "{target}% stocks and {rest}% bonds. How much does she need to sell to rebalance?",
]


@settings(max_examples=25, deadline=None)
@given(
    shape=st.sampled_from(SHAPES),
    target=st.integers(min_value=40, max_value=80),
    drift=st.integers(min_value=2, max_value=12),
    first=st.integers(min_value=20, max_value=200).map(lambda n: n * 1000),
    value=st.integers(min_value=30, max_value=300).map(lambda n: n * 1000 + 400),
)
def test_a_worded_mix_rebalances_the_value_now(assistant, shape, target, drift, first, value):
    now = target + drift
    question = shape.format(first=first, target=target, rest=100 - target, now=now, now_rest=100 - now, value=value)
    answer = assistant.ask(question)
    assert answer.calculation is not None and answer.calculation.tool == "rebalance", answer.answer
    trade = Decimal(value) * drift / 100
    assert Decimal(answer.calculation.outputs["trades"]["stocks"]) == -trade
