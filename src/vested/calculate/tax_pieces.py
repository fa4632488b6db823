"""An account holding after-tax money, told in pieces: which sum is the basis, which the account.

"$90,000 pre-tax, $88,000 after-tax, total $178,000; of the after-tax amount, $37,000 is his
after-tax contribution" gives four sums for two inputs. Read one number at a time, the after-tax
part (contributions and their earnings) looks like the basis and the pre-tax part like the
account's value, and the figure is confidently wrong. The law is plain: only the after-tax
contributions are basis (their earnings are taxable), and the account is all its parts.

Each sum is classed by its own clause (vested.calculate.sources.own_clause): pre-tax, after-tax,
or after-tax and named as what was put in. It is read only when the pieces tell a whole story
(a pre-tax part beside an after-tax one, or the after-tax part beside its contributions), each
class holds one value, and the contributions are no more than the after-tax part; otherwise
nothing is read and the router reads the sums one by one. The same sum said again ("the
after-tax total ($88k)") is the same piece, by its own words. The words are language: settings.toml [[tax_piece]].
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vested.calculate.sources import own_clause
from vested.understanding.rules import rule_book

if TYPE_CHECKING:
    from decimal import Decimal

    from vested.understanding.quantities import Quantity

Span = tuple[int, int]


def _piece(question: str, quantity: Quantity) -> str | None:
    """The class of a sum: pre-tax, after-tax, the after-tax basis, or None (its earnings, or
    unnamed). Its own clause names the class; a sum said as what was put in may take it from its
    sentence before ("Of the after-tax money, $8,000 is what she contributed")."""
    words = rule_book("settings.toml")
    clause, earlier = own_clause(question, quantity)
    if words.pattern("earnings-named").search(clause):
        return None
    named = bool(words.pattern("basis-named").search(clause))
    pre = bool(words.pattern("pre-tax-piece").search(clause))
    after = bool(words.pattern("after-tax-piece").search(clause))
    if not pre and not after and named:
        last = max(
            (
                (found.start(), name)
                for name in ("pre-tax-piece", "after-tax-piece")
                for found in words.pattern(name).finditer(earlier)
            ),
            default=None,
        )
        pre, after = (last is not None and last[1] == name for name in ("pre-tax-piece", "after-tax-piece"))
    if pre == after:
        return None
    if pre:
        return "pre"
    return "basis" if named else "after"


def basis_pieces(question: str, quantities: list[Quantity]) -> tuple[dict[str, Any], list[Span]]:
    """The basis (and, when the parts add up to it, the account's value) of an account told in
    pieces, with the spans of every sum used; nothing when the pieces do not tell a whole story."""
    from vested.understanding.reading import offered_as_a_choice, outside_the_plan

    sums = [
        quantity
        for quantity in quantities
        if quantity.kind == "money" and not outside_the_plan(quantity) and not offered_as_a_choice(quantity)
    ]
    classes: dict[str, set[Decimal]] = {}
    classed: list[Quantity] = []
    for quantity in sums:
        piece = _piece(question, quantity)
        if piece is not None:
            classes.setdefault(piece, set()).add(quantity.value)
            classed.append(quantity)
    if any(len(values) > 1 for values in classes.values()):
        return {}, []
    pre, after, basis = (next(iter(classes.get(name, ())), None) for name in ("pre", "after", "basis"))
    whole_story = (pre is not None and (after is not None or basis is not None)) or (
        after is not None and basis is not None
    )
    if not whole_story or (after is not None and basis is not None and basis > after):
        return {}, []
    settings: dict[str, Any] = {"basis": basis if basis is not None else after}
    read = list(classed)
    if pre is not None:
        after_tax = after if after is not None else basis
        assert after_tax is not None
        total = pre + after_tax
        # The parts are the whole account, said or not; a larger sum is a value the account grew to.
        if all(quantity.value <= total for quantity in sums):
            settings["account_value"] = total
            read += [quantity for quantity in sums if quantity.value == total]
    elif after is not None and basis is not None:
        # The after-tax money's value and its basis, no pre-tax money said: the after-tax account is the
        # whole the withdrawal is shared out of ("$18,000 of contributions; the after-tax account is worth $27,000").
        settings["account_value"] = after
    # A sum is read only as the piece its words name: a withdrawal the size of the basis stays a withdrawal.
    return settings, [(quantity.start, quantity.end) for quantity in read]
