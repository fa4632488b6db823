"""One's pay is never the sum withdrawn (knowledge/calculators/early_withdrawal.toml, `even_alone`).

"If I withdraw money to pay off my mortgage, how much tax will I owe? I'm 62 and make about 70k" was
worked as a $70,000 withdrawal: the pay was the only sum, and a context the calculator never needs was
set aside only for optional inputs. Our own phrasings, with hypothesis over ages, pay and wordings."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=20, deadline=None)
@given(
    age=st.integers(min_value=30, max_value=70),
    pay=st.integers(min_value=40, max_value=180),
    said=st.sampled_from(["make about {pay}k", "earn ${pay},000 a year", "my salary is {pay}k"]),
)
def test_pay_alone_is_not_worked_as_the_sum_taken_out(assistant, age, pay, said):
    question = (
        f"If I withdraw some of my 401k to pay off our credit cards, how much tax will I owe? I'm {age} and "
        + said.format(pay=pay)
        + "."
    )
    answer = assistant.ask(question)
    amount = answer.calculation.inputs.get("amount") if answer.calculation is not None else None
    assert amount is None or Decimal(str(amount)) != Decimal(pay * 1000), answer.answer


@settings(max_examples=15, deadline=None)
@given(age=st.integers(min_value=30, max_value=58), pay=st.integers(min_value=40, max_value=180))
def test_pay_beside_the_sum_taken_out_stays_unused(assistant, age, pay):
    answer = assistant.ask(f"I make {pay}k and want to take out 10k at {age}. How much will I keep?")
    assert answer.calculation is not None and answer.calculation.tool == "early_withdrawal", answer.answer
    assert Decimal(str(answer.calculation.inputs["amount"])) == Decimal(10000)
