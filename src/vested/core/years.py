"""A year the limits table does not hold, answered plainly instead of with another year's figures.

"What's the 401(k) limit for 2027?" asked before the IRS has published 2027's notice must not
get 2026's figures as if they were 2027's, nor a table of past years that never mentions 2027.
The reply says the year is not in the table, when the IRS usually publishes the next year's
limits, and the latest year's figures labelled as that year's.
"""

from __future__ import annotations

import re

from vested.calculate.money import money
from vested.core.answer import Answer
from vested.knowledge.figures import YearLimits
from vested.knowledge.loader import KnowledgeBase
from vested.knowledge.models import Citation
from vested.retrieval.matching import Match
from vested.understanding.reading import Reading

# 401(k) plans date from the Revenue Act of 1978: an earlier "year" is not a plan year at all.
FIRST_PLAN_YEAR = 1978
LIMITS_CALCULATOR = "contribution_limit"
# Of the ranked entries, how many are looked at to tell a question about the yearly limits.
TOP_ENTRIES = 3


def year_not_in_table(reading: Reading, ranked: list[Match], kb: KnowledgeBase) -> Answer | None:
    """The plain answer for a limits question about a year outside the table, else None."""
    if not _about_yearly_limits(ranked):  # first: most questions are not, and the years are sorted anew each time
        return None
    if reading.asks_for == "other" and ranked[0].entry.calculator != LIMITS_CALCULATOR:
        return None  # a rule asked of a later year ("must my catch-up go in as Roth next year?"): its entry answers
    years = kb.figures.years
    if not years:
        return None
    asked = [
        int(quantity.value)
        for quantity in reading.quantities
        if quantity.kind == "year" and quantity.value >= FIRST_PLAN_YEAR and int(quantity.value) not in years
    ]
    if reading.is_story:
        # "I turned 50 in 2008. Could I make the catch-up?" asks about a rule; the year is the
        # story's. A year is asked about when named where the question asks, or when it is a year
        # still to come named just before a question that may ask for a figure ("I can put more in
        # next year. What extra does my age allow?"; not "It changes next year. What's changing?").
        ahead = reading.asks_for != "other"
        asked = [
            year
            for year in asked
            if str(year) in reading.asking or (ahead and year > years[-1] and str(year) in reading.near_tokens)
        ]
    if not asked:
        return _a_year_no_entry_speaks_of(reading, ranked, kb)
    year = asked[0]
    latest = kb.figures.latest
    nearest = latest if year > latest.year else kb.figures.limits_for(years[0])
    assert nearest is not None
    if year > latest.year:
        lead = (
            f"**{year} is not in my table yet.** The IRS announces each year's 401(k) limits in a notice in the "
            f"autumn before (usually late October or November), and I only give figures I have a notice for. "
            f"The latest year I have is **{latest.year}**:"
        )
    else:
        lead = (
            f"**{year} is before my table.** I have the IRS limits from {years[0]} to {latest.year}, each from "
            f"its IRS notice; the earliest year I have is **{nearest.year}**:"
        )
    return _row_answer(reading, kb, nearest, lead, f"What is the 401(k) contribution limit for {nearest.year}?")


def _a_year_no_entry_speaks_of(reading: Reading, ranked: list[Match], kb: KnowledgeBase) -> Answer | None:
    """A year the table holds but no top entry about the limits speaks of ("what was the limit in 2016?",
    the table going back further than the entries' own tables): its row, from its IRS notice. Only for a
    question that is about that year's limits alone (no story: a story's year is the story's)."""
    if reading.is_story:
        return None
    limits_entries = [match.entry for match in ranked[:TOP_ENTRIES] if match.entry.calculator == LIMITS_CALCULATOR]
    for quantity in reading.quantities:
        row = kb.figures.limits_for(int(quantity.value)) if quantity.kind == "year" else None
        if row is None or str(row.year) not in reading.asking:
            continue
        said = re.compile(rf"(?<![\d-]){row.year}(?![\d-])")  # the year itself, not a notice's number ("2017-64")
        if any(said.search(entry.answer) for entry in limits_entries):
            return None
        lead = f"**{row.year}'s limits**, from its IRS notice:"
        latest = kb.figures.latest.year
        return _row_answer(reading, kb, row, lead, f"What is the 401(k) contribution limit for {latest}?")
    return None


def _row_answer(reading: Reading, kb: KnowledgeBase, row: YearLimits, lead: str, suggestion: str) -> Answer:
    """A year's row of the limits table as the answer: what is said of it, its figures, its IRS notice."""
    return Answer(
        question=reading.question,
        kind="faq",
        answer=f"{lead}\n\n{_figures(row)}",
        entry=None,
        confidence=1.0,
        as_of=str(row.year),
        sources=[kb.cite(Citation(source=row.notice))],
        suggestions=[suggestion],
    )


def _about_yearly_limits(ranked: list[Match]) -> bool:
    """Is one of the top entries about the yearly limits themselves, the ones the contribution-limit
    calculator computes (not an entry that merely touches limits, such as an excess deferral)?"""
    return any(match.entry.calculator == LIMITS_CALCULATOR for match in ranked[:TOP_ENTRIES])


def _figures(limits: YearLimits) -> str:
    lines = [
        f"- Employee deferral limit (402(g)): {money(limits.deferral)}",
        f"- Catch-up at 50 and over (414(v)): {money(limits.catch_up_50)}",
    ]
    if limits.catch_up_60_63 is not None:
        lines.append(f"- Catch-up at ages 60 to 63, if the plan offers it: {money(limits.catch_up_60_63)}")
    lines += [
        f"- Total additions from you and your employer (415(c)): {money(limits.annual_additions)}",
        f"- Pay that counts for plan purposes (401(a)(17)): {money(limits.compensation)}",
    ]
    return "\n".join(lines) + f"\n\nThese are {limits.year}'s figures, from its IRS notice."
