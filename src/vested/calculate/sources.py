"""Sums told by whose money they are: the person's own, or the employer's.

A vesting question often lists an account in pieces ("Employer: contributions $9,000, earnings
$4,000. Employee: contributions $12,000, earnings $5,000", "$6,750 of earnings on the match").
Vesting turns on whose each piece is: the person's own contributions and their earnings are always
100% vested, the employer's (match, profit sharing, nonelective) and their earnings follow the
schedule. One number to one input cannot say that, so this reader gives each source the list of
its sums, and the vesting calculator adds them up in its steps.

A sum belongs to the source its own clause names ("$6,750 on the employer match"; a clause naming
both is read as neither), else to the last source named before it in its sentence (a heading:
"Employer: contributions $9,000, earnings $4,000").
A piece may be told as a product or a share of another: "$3,000 a year for four years, which the
employer matched at 40%" is $12,000 of the person's own and $4,800 of match.
It is read only when the reading is whole: every sum about the plan names a part of an account
(contributions, earnings, a match), each finds exactly one source, and one source has more than
one sum; otherwise nothing is read, and the router reads the sums one by one (or asks).
The words are language: knowledge/language/settings.toml [[money_source]].
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from vested.understanding.patterns import LazyPattern
from vested.understanding.rules import rule_book

if TYPE_CHECKING:
    from vested.understanding.quantities import Quantity

Span = tuple[int, int]
SOURCES = {"employer-money": "employer_balance", "own-money": "employee_balance"}
# A format parser: where a sentence ends ("$0.50" keeps its point).
_SENTENCE_EDGE = LazyPattern(r"[.?!](?!\d)")
# Fewer sums than this are read one by one, as before: a balance and a share, or one sum a source.
LEAST_SUMS = 3


def _sources_in(text: str) -> set[str]:
    """The sources text names."""
    words = rule_book("settings.toml")
    return {name for name in SOURCES if words.pattern(name).search(text)}


def _clause_span(question: str, quantity: Quantity) -> tuple[int, int, int]:
    """Where the sum's sentence starts, and its own clause's start and end."""
    edge = rule_book("settings.toml").pattern("piece-edge")
    sentence_start = max((found.end() for found in _SENTENCE_EDGE.finditer(question, 0, quantity.start)), default=0)
    edges_before = [found.end() for found in edge.finditer(question, sentence_start, quantity.start)]
    clause_start = edges_before[-1] if edges_before else sentence_start
    after = _SENTENCE_EDGE.search(question, quantity.end)
    sentence_end = after.start() if after else len(question)
    edge_after = edge.search(question, quantity.end, sentence_end)
    clause_end = edge_after.start() if edge_after else sentence_end
    return sentence_start, clause_start, clause_end


def own_clause(question: str, quantity: Quantity) -> tuple[str, str]:
    """The sum's own clause (the sum itself left out) and its sentence before that clause."""
    sentence_start, clause_start, clause_end = _clause_span(question, quantity)
    clause = f"{question[clause_start : quantity.start]} # {question[quantity.end : clause_end]}"
    return clause, question[sentence_start:clause_start]


def _worked_pieces(
    question: str, quantity: Quantity, quantities: list[Quantity], source: str
) -> tuple[list[tuple[str, Decimal]], list[Span]] | None:
    """The pieces a sum stands for, and the spans of the numbers that make them.

    A yearly sum over stated years is the sum times the years ("$3,000 a year for four years"); a
    share the employer matched on it in the next clause ("which the employer matched at 40%") is
    employer money of that share. None when the words say so but the numbers for it are
    not exactly one (a yearly sum with no span of years, "matched at 50% up to 6%"): not read whole.
    """
    words = rule_book("settings.toml")
    _, clause_start, clause_end = _clause_span(question, quantity)
    clause, _ = own_clause(question, quantity)
    value, spans = quantity.value, [(quantity.start, quantity.end)]
    if words.pattern("yearly").search(clause):  # [[sum_period]] "yearly"
        years = [found for found in quantities if found.kind == "duration" and clause_start <= found.start < clause_end]
        if len(years) != 1:
            return None
        value, spans = value * years[0].value, [*spans, (years[0].start, years[0].end)]
    pieces = [(source, value)]
    after = _SENTENCE_EDGE.search(question, clause_end)
    rest_end = after.start() if after else len(question)
    share = words.pattern("share-matched").search(question, clause_end, rest_end)
    if share:
        later = [found for found in quantities if clause_end <= found.start < rest_end]
        if len(later) != 1 or later[0].kind != "percent" or later[0].start < share.end():
            return None
        pieces.append(("employer-money", (value * later[0].value).quantize(Decimal("0.01"))))
        spans.append((later[0].start, later[0].end))
    return pieces, spans


def _source_of(clause: str, earlier: str) -> str | None:
    """The source a sum belongs to: the one its clause names, else the last one its sentence named
    before it; None when none is named, or its clause names both."""
    named = _sources_in(clause)
    if len(named) == 1:
        return named.pop()
    if named:
        return None
    words = rule_book("settings.toml")
    last = [(found.start(), name) for name in SOURCES for found in words.pattern(name).finditer(earlier)]
    return max(last)[1] if last else None


def sums_by_source(question: str, quantities: list[Quantity]) -> tuple[dict[str, list[Decimal]], list[Span]]:
    """Each source's sums (as vesting inputs: employer_balance, employee_balance) and their spans,
    or nothing when the sums cannot all be told apart (see the module's docstring)."""
    from vested.understanding.reading import offered_as_a_choice, outside_the_plan

    sums = [
        quantity
        for quantity in quantities
        if quantity.kind == "money" and not outside_the_plan(quantity) and not offered_as_a_choice(quantity)
    ]
    if len(sums) < LEAST_SUMS:
        return {}, []
    by_source: dict[str, list[Decimal]] = {}
    spans: list[Span] = []
    parts = rule_book("settings.toml").pattern("account-part")
    for quantity in sums:
        clause, earlier = own_clause(question, quantity)
        source = _source_of(clause, earlier)
        worked = _worked_pieces(question, quantity, quantities, source) if source else None
        if worked is None or not parts.search(clause):
            return {}, []
        for piece_source, value in worked[0]:
            by_source.setdefault(SOURCES[piece_source], []).append(value)
        spans += worked[1]
    if all(len(values) == 1 for values in by_source.values()):
        return {}, []
    return by_source, spans
