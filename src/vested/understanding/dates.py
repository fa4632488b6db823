"""Relative years ("this year", "last year", "next year") as the calendar years they mean.

Limits change every year, so "what's the limit this year?" must be read as the year the
clock says, the same as asking with the year spelled out; "last year" is the year before.
These are patterns that parse dates, so they stay in code (tests/test_reading.py).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from vested.understanding.patterns import LazyPattern

# Date parsers: relative years ("last year", "this tax year") and years spelled out; tested in
# tests/test_reading.py and tests/test_format_parsers.py.
_RELATIVE_YEAR = LazyPattern(
    r"\b(this|the current|current|next|last|previous|the coming)\s+(?:tax\s+|calendar\s+|plan\s+)?year\b|"
    r"\b(right now|nowadays|these days|currently|today)\b"
    # "today's dollars" is money measured at today's prices (inflation), not a year to read
    r"(?!['’]s\s+(?:dollars|money|terms|prices|buying power|purchasing power|value)\b)",
    re.IGNORECASE,
)
_SPELLED_YEAR = LazyPattern(r"\b(?:19|20)\d\d\b")
_YEAR_OFFSET = {"next": 1, "the coming": 1, "last": -1, "previous": -1}


MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def month_number(name: str) -> int | None:
    """1 to 12 for a month's name or its abbreviation ("Aug", "Sept."), else None."""
    key = name.strip(" .").lower()[:3]
    return next((number for number, month in enumerate(MONTHS, 1) if key and month.startswith(key)), None)


class Dated(NamedTuple):
    """A calendar year the dating put in a question: where it stands in the dated text, and the words it replaced."""

    start: int
    end: int
    words: str


# A figure of the story's: a digit outside a plan's name ("401k", "403(b)", "457").
_A_FIGURE = LazyPattern(r"(?!(?:401|403|457)\b|(?:401|403)\s*[\(\[-]?\s*[kb]\b)(?<!\d)\d")
_SENTENCE_END = LazyPattern(r"[.?!;\n]")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or clause after a semicolon) that holds text[start:end]."""
    before = _SENTENCE_END.split(text[:start])[-1]
    after = _SENTENCE_END.split(text[end:])[0]
    return before + after


def with_calendar_years(question: str, today: date) -> str:
    """The question with its relative years written as calendar years, from the clock.

    A year spelled out wins: "this year (2025)" means 2025, whatever the clock says, so a
    question that spells one out is left as it is. "Right now", "currently", "today" and the
    like are the present year only in a sentence with no number of its own ("what's the limit
    today?"): in one with numbers they date the story ("right now it's $190,000 in stocks"),
    and a year put there was one more number for the calculators to place (a rebalancing
    question was sent to the RMD calculator, a salary "currently" earned got a year beside it).
    """
    return _dated(question, today)[0]


# A format parser: the point of a month's abbreviation before its day or year ("Aug. 1952", "Sept. 15, 2022"),
# which is no sentence's end: read as one, it cut "born in" off the year after it. The dated text leaves it out.
_MONTH_POINT = LazyPattern(r"(?<![a-z])(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.(?=\s*\d)", re.IGNORECASE)


@lru_cache(maxsize=16)
def _dated(question: str, today: date) -> tuple[str, tuple[Dated, ...]]:
    """with_calendar_years's text, and where in it each year put there stands with the words it replaced
    (kept for the quotes of the same question's answer, which ask for it once each). A month's abbreviation
    loses its point (_MONTH_POINT)."""
    question = _MONTH_POINT.sub(r"\1", question)
    if _SPELLED_YEAR.search(question):
        return question, ()
    spans: list[Dated] = []
    pieces: list[str] = []
    position = length = 0
    for found in _RELATIVE_YEAR.finditer(question):
        if found.group(1) is None and _A_FIGURE.search(_sentence_around(question, found.start(), found.end())):
            continue  # "I currently earn $40,000": the story's present, not a year to read
        relative = (found.group(1) or "this").lower()
        year = str(today.year + _YEAR_OFFSET.get(relative, 0))
        before = question[position : found.start()]
        length += len(before)
        spans.append(Dated(length, length + len(year), found.group(0)))
        length += len(year)
        pieces += (before, year)
        position = found.end()
    pieces.append(question[position:])
    return "".join(pieces), tuple(spans)


def in_askers_words(quote: str, question: str, today: date) -> str:
    """A quote of the dated question (with_calendar_years's), with each year the dating put there
    given back in the asker's words: a calculation quotes "my RMD of $8,200 last year", as written."""
    dated, spans = _dated(question, today)
    at = dated.find(quote)
    if not spans or at < 0:
        return quote
    pieces: list[str] = []
    position = at
    for span in spans:
        if at <= span.start and span.end <= at + len(quote):
            pieces += (dated[position : span.start], span.words)
            position = span.end
    pieces.append(dated[position : at + len(quote)])
    return "".join(pieces)
