"""The words and limits of amounts as people write them, shared by the question reader and the
calculators' amount parser (vested.calculate.money.parse_amount): "80k", "80 grand" and "$1.2m"
mean the same wherever they are typed."""

from __future__ import annotations

from decimal import Decimal

UNREADABLE = Decimal("1e100")
"""A number in a question at least this large is not read as one at all: 9e9999999 would
overflow Decimal or take minutes to turn into an int. Below it, the validators explain."""
SCALES: dict[str, Decimal] = {
    "k": Decimal(1000),
    "K": Decimal(1000),
    "thousand": Decimal(1000),
    "grand": Decimal(1000),
    "m": Decimal(1_000_000),
    "M": Decimal(1_000_000),
    "mm": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "mil": Decimal(1_000_000),
    "b": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}
