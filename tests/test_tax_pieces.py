"""An account with after-tax money told in pieces: only the after-tax contributions are basis, and the
account is all its parts (vested.calculate.tax_pieces)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from vested.calculate.tax_pieces import basis_pieces
from vested.understanding.quantities import extract_quantities


def _read(question: str) -> dict[str, object]:
    return basis_pieces(question, extract_quantities(question))[0]


def test_the_contributions_not_the_after_tax_part_are_the_basis() -> None:
    question = (
        "Her plan has $64,000 pre-tax and $21,000 after-tax. Of the after-tax money, $8,000 is what she "
        "contributed herself. What share of a withdrawal is tax-free?"
    )
    assert _read(question) == {"basis": Decimal(8000), "account_value": Decimal(85000)}


def test_a_stated_total_that_the_parts_make_is_the_account() -> None:
    question = "Pre-tax $40,000, after-tax $10,000, total $50,000. How much of a $5,000 withdrawal is taxable?"
    settings_read, spans = basis_pieces(question, extract_quantities(question))
    assert settings_read == {"basis": Decimal(10000), "account_value": Decimal(50000)}
    assert len(spans) == 3  # the $5,000 withdrawal is left for the router


def test_a_larger_later_value_is_left_for_the_router() -> None:
    question = "I put $30,000 pre-tax and $10,000 after-tax into the plan; it is worth $65,000 now."
    assert _read(question) == {"basis": Decimal(10000)}


def test_pieces_that_do_not_tell_a_whole_story_are_not_read() -> None:
    assert _read("My after-tax basis is $15,000 in a $90,000 account; I'd take out $6,000.") == {}
    assert _read("I have $12,000 after-tax and $9,000 after-tax in two plans, and $40,000 pre-tax.") == {}
    # contributions larger than the after-tax part they belong to: a misreading somewhere
    assert _read("$50,000 pre-tax, $7,000 after-tax; after-tax contributions of $9,000.") == {}


@settings(max_examples=60, deadline=None)
@given(
    pre=st.integers(1, 900).map(lambda n: Decimal(n * 500)),
    basis=st.integers(1, 200).map(lambda n: Decimal(n * 250)),
    earned=st.integers(1, 200).map(lambda n: Decimal(n * 125)),
)
def test_any_pieces_read_exactly(pre: Decimal, basis: Decimal, earned: Decimal) -> None:
    question = (
        f"The account holds ${pre:,} pre-tax and ${basis + earned:,} after-tax; ${basis:,} of the "
        "after-tax part is my own contributions. How much of a withdrawal is tax-free?"
    )
    assert _read(question) == {"basis": basis, "account_value": pre + basis + earned}
