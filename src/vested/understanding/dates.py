"""Relative years ("this year", "last year", "next year") as the calendar years they mean.

Limits change every year, so "what's the limit this year?" must be read as the year the
clock says, the same as asking with the year spelled out; "last year" is the year before.
These are patterns that parse dates, so they stay in code (tests/test_reading.py).
"""

from __future__ import annotations

import re
from datetime import date

from vested.understanding.patterns import LazyPattern

# Date parsers: relative years ("last year", "this tax year") and years spelled out; tested in
# tests/test_reading.py and tests/test_format_parsers.py.
_RELATIVE_YEAR = LazyPattern(
    r"\b(this|the current|current|next|last|previous|the coming)\s+(?:tax\s+|calendar\s+|plan\s+)?year\b|"
    r"\b(right now|nowadays|these days|currently|today)\b",
    re.IGNORECASE,
)
_SPELLED_YEAR = LazyPattern(r"\b(?:19|20)\d\d\b")
_YEAR_OFFSET = {"next": 1, "the coming": 1, "last": -1, "previous": -1}


def with_calendar_years(question: str, today: date) -> str:
    """The question with its relative years written as calendar years, from the clock.

    A year spelled out wins: "this year (2025)" means 2025, whatever the clock says, so a
    question that spells one out is left as it is.
    """
    if _SPELLED_YEAR.search(question):
        return question

    def year_of(found: re.Match[str]) -> str:
        relative = (found.group(1) or "this").lower()
        return str(today.year + _YEAR_OFFSET.get(relative, 0))

    return _RELATIVE_YEAR.sub(year_of, question)
