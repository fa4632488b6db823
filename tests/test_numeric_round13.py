"""Numeric questions of round 13: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st


def _cents(value: Decimal | str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@settings(max_examples=30, deadline=None)
@given(
    value=st.sampled_from([("120k", 120000), ("$84,000", 84000), ("250 grand", 250000)]),
    basis=st.sampled_from([("30k", 30000), ("$21,000", 21000)]),
    said=st.sampled_from(
        [
            "the account is worth {value}, basis is {basis}",
            "my 401k is worth {value}, the basis is {basis}",
            "account's worth {value}, after-tax part is {basis}",
        ]
    ),
    taken=st.sampled_from([("8k", 8000), ("$6,000", 6000)]),
)
def test_a_cue_after_a_comma_names_the_number_of_its_own_clause(assistant, value, basis, said, taken):
    """ "the account is worth 120k, basis is 30k. if i take out 8k ..., what's tax free" read the 120k as the
    basis (the word "basis" was two characters after it) and the 30k as the account: 100% tax-free."""
    question = said.format(value=value[0], basis=basis[0]) + f". if i take out {taken[0]}, what's tax free"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "after_tax_basis_share", (question, answer)
    assert answer.calculation.inputs["basis"] == str(basis[1]), question
    expected = _cents(Decimal(taken[1]) * basis[1] / value[1])
    assert _cents(answer.calculation.outputs["tax_free"]) == expected, question


def test_a_total_before_of_which_is_still_the_total(assistant):
    """The comma stops an input's cue, not a context's: "$300k, of which $140,000 is vested" is a total."""
    answer = assistant.ask("My 401(k) balance is $300k, of which $140,000 is vested. How much could I borrow?")
    assert answer.kind == "calculation" and answer.calculation.inputs["vested"] == "140000", answer.answer
