"""Numbers in plain-English questions: amounts, percentages, ages, years and durations.

"I'm 55 with 80k vested and a $12,000 loan, 5 years of service" holds four numbers of
four kinds; which is which comes from the number's own form ($, k, %, a four-digit year)
and the words around it ("I'm", "age", "years of service"). Each Quantity keeps its
position and neighbouring words so a calculator can tell a vested balance from a loan.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal, NamedTuple

from vested.knowledge import compiled as compiled_knowledge
from vested.understanding.amounts import SCALES, UNREADABLE
from vested.understanding.literals import Needs, may_match_ignoring_case, needed_ignoring_case
from vested.understanding.patterns import LazyPattern
from vested.understanding.rules import number_words as _words

QuantityKind = Literal["money", "percent", "age", "year", "duration", "days", "number", "ratio"]

HUNDRED = Decimal(100)
MAX_AMOUNT = Decimal("1e12")

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD_NUMBERS = {"zero": 0, **_ONES, **_TEENS, **_TENS}
_FRACTIONS = {
    "half": Decimal("0.5"),
    "a half": Decimal("0.5"),
    "a third": Decimal(1) / 3,
    "a quarter": Decimal("0.25"),
    "quarter": Decimal("0.25"),
}
_SCALE = SCALES  # the same scale words as a typed amount (vested.calculate.money)

# The patterns below are format parsers: how numbers, scales, percentages, units ("years old",
# "months", "days"), minus signs and names glued to a number ("401(k)", "1099-R") are written.
# They are tested in tests/test_numbers.py and tests/test_format_parsers.py. The words around a
# number that say what it is (an age, a rule's age, a form's name, a sum per period) are
# language: knowledge/language/numbers.toml.
_NUMBER = r"\d+(?:\.\d+)?[eE][+-]?\d+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_TOKEN = LazyPattern(
    rf"""
    (?P<dollar>\$\s?)?
    (?P<num>{_NUMBER})
    (?:\s?(?P<fraction>½|1/2|\s1/2|and\s+a\s+half\b))?
    (?:\s?(?P<scale>k|K|mm|m|M|b|thousand|grand|million|mil|billion)\b)?
    (?:[\s-]?(?P<pct>%|percent\b|pct\b|per\s?cent\b))?
    (?P<dollars>\s?(?:dollars|bucks|usd)\b)?
    """,
    re.VERBOSE,
)
# A number written in words: "forty two", "fifty-nine", "one hundred twenty", with "and a half", a scale
# ("fifteen thousand", "nine grand") and a unit ("percent", "years"). Without a scale or a unit it is read only
# as an age, after the words that say one ("i'm forty two"; numbers.toml age-before).
_TENS_WORDS = "|".join(_TENS)
_SMALL_WORDS = "|".join(sorted(["zero", *_ONES, *_TEENS], key=len, reverse=True))
_UNDER_HUNDRED = rf"(?:(?:{_TENS_WORDS})(?:[\s-]+(?:{'|'.join(_ONES)}))?|{_SMALL_WORDS})"
_SPELLED_SOURCE = (
    rf"\b(?P<words>{_UNDER_HUNDRED}(?:\s+hundred(?:\s+(?:and\s+)?{_UNDER_HUNDRED})?)?)\b"
    r"(?P<half>\s+and\s+a\s+half)?"
    r"(?:\s+(?P<scale>thousand|grand|million)\b)?"
    r"(?:\s*(?P<unit>percent\b|years?\b|decades?\b|%))?"
)
_SPELLED = LazyPattern(_SPELLED_SOURCE, re.IGNORECASE)
# "a quarter million", "half a million", "a half million": a sum said as a fraction of a million.
_FRACTION_OF_A_MILLION = LazyPattern(r"\b(?:(a\s+)?(quarter|half)(?:\s+a)?)\s+(?:million|mil)\b", re.IGNORECASE)
_HALF_PERCENT_SOURCE = r"\b(half|a third|a quarter)\b(?:\s+of)?"
_HALF_PERCENT = LazyPattern(_HALF_PERCENT_SOURCE, re.IGNORECASE)

# A number glued to what comes before it: a letter, a hyphen, or a parenthesis that itself
# follows a word or another parenthesis ("401(a)(9)", "72(p)(2)"), not one after a space.
_INSIDE_A_NAME = LazyPattern(r"(?:[a-zA-Z-]|(?<=[\w)])\()$")
# A minus sign of its own ("at -5%", "-$3", "$-3"), not a hyphen inside a name ("1-800", "Q-4").
_MINUS = LazyPattern(r"(?:^|[\s($])[-−]$")
_AGE_AFTER = LazyPattern(r"^\s*(?:-|\s)?(?:years?|yrs?|y/?o)[\s-]*old|^\s*(?:yo|y/o)\b", re.IGNORECASE)
_DURATION_AFTER = LazyPattern(
    r"^[\s-]*(?:years?|yrs?)\b(?!\s*old)|^[\s-]*(?:months?|mos?)\b|^[\s-]*decades?\b", re.IGNORECASE
)
_DECADES_AFTER = LazyPattern(r"^[\s-]*decades?\b", re.IGNORECASE)
# "years" and then the clause ends ("I am 56 years.", "she's 61 years, and ..."): with a being verb before, an age.
_YEARS_THEN_CLAUSE_END = LazyPattern(r"^\s*years?\s*(?:[.,;!?)]|$|and\b|with\b|but\b)", re.IGNORECASE)
_MONTHS_AFTER = LazyPattern(r"^[\s-]*(?:months?|mos?)\b", re.IGNORECASE)
_YEARS_THEN = LazyPattern(r"[\s-]*(?:years?|yrs?)\s*(?:,|and|&)?\s*", re.IGNORECASE)
# "within 60 days", "a 90-day window": a deadline in days, which no calculator input takes (never an age)
_DAYS_AFTER = LazyPattern(r"^[\s-]*(?:days?|weeks?)\b", re.IGNORECASE)
_NAME_AFTER = LazyPattern(r"^-?[a-z]\b|^\s*forms?\b", re.IGNORECASE)  # 1099-R, 5498-SA, 8606 form
# Tax forms, and the code sections people name by number alone ("the 415 limit").
_KNOWN_FORMS = frozenset({"1099", "5498", "8606", "5500", "5329", "8915", "1040", "4972", "415", "402"})
# The letter that makes 401, 403 or 457 a plan's name, however it is written: 401k, 401-k,
# 401 (k), 401-ks.
_PLAN_LETTER = LazyPattern(r"\s?-?\s?\(?\s?[kKbB]\)?(?:s|'s)?\b")
# "in my 30s", "people in their 50s": a decade of life, too vague to be an age input.
_DECADE = LazyPattern(r"^(?:'?s)\b", re.IGNORECASE)


class Quantity(NamedTuple):
    """One number found in a question, with what it looks like and where it is.

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    kind: QuantityKind
    value: Decimal
    start: int
    end: int
    text: str
    before: str = ""
    after: str = ""
    # An answer the question offers to be checked, found over the whole question rather than the
    # words beside the number (vested.understanding.reading.offered_by_the_asker): never an input.
    offered: bool = False


def _decimal(text: str) -> Decimal | None:
    """The number, or None when it is too large to read at all (see money.UNREADABLE)."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.copy_abs() < UNREADABLE else None


def _classify(match: re.Match[str], value: Decimal, before: str, after: str) -> QuantityKind:
    if match.group("pct"):
        return "percent"
    if match.group("dollar") or match.group("scale") or match.group("dollars"):
        return "money"
    if match.group("fraction"):
        # "been there 4 and a half years" is a time served; "I am 59 and a half", "70½ years old" are ages
        if _DURATION_AFTER.match(after) and not _words().pattern("being-an-age-before").search(before):
            return "duration"
        return "age"
    if _AGE_AFTER.match(after):
        return "age"
    if (
        _YEARS_THEN_CLAUSE_END.match(after)
        and 15 <= value <= 120
        and _words().pattern("being-an-age-before").search(before)
    ):
        return "age"  # "I am 56 years.": an age with "old" left out
    if _DURATION_AFTER.match(after):
        return "duration"
    if _DAYS_AFTER.match(after):
        return "days"
    if after.startswith("/") or before.endswith("/"):
        return "ratio"  # a mix such as 75/25: never an age or a count
    integral = value == value.to_integral_value()
    if integral and 1900 <= value <= 2100 and "," not in match.group("num"):
        return "year"
    if integral and 15 <= value <= 120 and _words().pattern("age-before").search(before):
        return "age"
    if value >= 1000 or "," in match.group("num") or _words().pattern("per-period-after").match(after):
        return "money"  # "8,800", "80000", or a sum per period: "500 a month"
    return "number"


def _names_something(match: re.Match[str], before: str, after: str) -> bool:
    """A form, section or notice number, "SECURE 2.0", a rule's age, or a decade ("my 30s")."""
    if any(match.group(unit) for unit in ("dollar", "pct", "scale", "dollars")):
        return False
    number = match.group("num")
    words = _words()
    if (
        words.pattern("name-before").search(before)
        or _DECADE.match(after)
        or words.pattern("rule-age-before").search(before)
        or words.pattern("age-rule-after").match(after)
        or (number.isdigit() and int(number) <= 31 and words.pattern("month-before").search(before))
    ):
        return True  # "is the RMD age still 70 1/2?" names the rule's age, not the asker's; "December 31" a day
    if number not in _KNOWN_FORMS:
        return False
    return _NAME_AFTER.match(after) is not None or not before.rstrip().endswith(("$", "of"))


def _needs(source: str) -> Needs | None:
    """The strings every match of a pattern matched ignoring case holds (vested.understanding.literals): a
    question without them is not searched for spelled-out numbers or fractions (most questions). Read from
    the compiled knowledge: reading them from the patterns took each `vested ask` 1.6 ms."""
    return _spelled_needs()[source]


def _spelled_needs() -> dict[str, Needs | None]:
    """Both patterns' needed strings, by source, built with the compiled knowledge."""
    return compiled_knowledge.part(
        "spelled_number_needs",
        lambda: {source: needed_ignoring_case(source) for source in (_SPELLED_SOURCE, _HALF_PERCENT_SOURCE)},
    )


def _spelled_value(words: str) -> Decimal:
    """ "forty two" -> 42, "one hundred twenty" -> 120."""
    total = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "hundred":
            total = (total or 1) * 100
        elif word != "and":
            total += _WORD_NUMBERS[word]
    return Decimal(total)


# What may follow an age in words and what may not: "fifty cents on the dollar" is a rate, "two kids" a count.
_NOT_AN_AGE_AFTER = LazyPattern(
    r"^\s*(?:cents?|dollars?|bucks|percent|%|per\b|k\b|times|of\b|a (?:year|month|week)|each|every|kids|children)",
    re.IGNORECASE,
)


def _spelled(match: re.Match[str], text: str) -> Quantity | None:
    """A number written in words, when its scale or unit says what it is, or the words before it say an age."""
    value = _spelled_value(match.group("words")) + (Decimal("0.5") if match.group("half") else 0)
    scale, unit = match.group("scale"), (match.group("unit") or "").lower()
    start = match.start("words")
    end = match.end("scale") if scale else match.end("half") if match.group("half") else match.end("words")
    before, after = text[max(0, start - 60) : start], text[end : end + 60]
    kind: QuantityKind
    if scale:
        value *= _SCALE[scale.lower()]
        kind = "money"
    elif unit in {"percent", "%"}:
        kind, value = "percent", value / HUNDRED
    elif unit.startswith("decade"):
        kind, value = "duration", value * 10  # "in three decades": 30 years
    elif unit.startswith("year"):
        being = _words().pattern("being-an-age-before").search(before) and _YEARS_THEN_CLAUSE_END.match(after)
        kind = "age" if _AGE_AFTER.match(after) or being else "duration"  # "fifty years old", else a time
    elif 15 <= value <= 120 and _words().pattern("age-before").search(before) and not _NOT_AN_AGE_AFTER.match(after):
        kind = "age"  # "i'm forty two", "she is fifty-nine and a half"
    else:
        return None
    return Quantity(kind, value, start, end, text[start:end], before, after)


def extract_quantities(text: str) -> list[Quantity]:
    """Every number in text, classified; percentages as fractions (6% -> 0.06)."""
    quantities: list[Quantity] = []
    for match in _TOKEN.finditer(text):
        number = match.group("num")
        start, end = match.span()
        # Only the 60 characters around a number are read: both patterns look at most a
        # few characters back, and reading the whole text before each number made a long
        # question quadratic.
        before, after = text[max(0, start - 60) : start], text[end : end + 60]
        negative = _MINUS.search(before) is not None
        if _INSIDE_A_NAME.search(before) and not _words().pattern("age-hyphen").search(before) and not negative:
            continue  # "Q4", "401(a)(9)", "1-800" are names, not numbers; "over-50" is an age, "(2025)" a year
        if text[end : end + 1] == "(" or (
            number in {"401", "403", "457"} and (match.group("scale") or _PLAN_LETTER.match(text, end))
        ):
            continue
        if _names_something(match, before, after):
            continue
        value = _decimal(number)
        if value is None:
            continue
        if match.group("fraction"):
            value += Decimal("0.5")
        if match.group("scale"):
            value *= _SCALE[match.group("scale")]
        if negative:
            value = -value  # "-5 years": said so it can be refused, not read as 5
        kind = _classify(match, value, before, after)
        if kind == "percent":
            value = value / HUNDRED
        elif kind == "duration" and _MONTHS_AFTER.match(after):
            value = value / 12
        elif kind == "duration" and _DECADES_AFTER.match(after):
            value = value * 10  # "in 3 decades": 30 years
        quantities.append(Quantity(kind, value, start, end, match.group(0).strip(), before, after))
    for match in _SPELLED.finditer(text) if may_match_ignoring_case(_needs(_SPELLED_SOURCE), text) else ():
        spelled = _spelled(match, text)
        if spelled is not None:
            quantities.append(spelled)
    for match in _FRACTION_OF_A_MILLION.finditer(text) if "mil" in text.lower() else ():
        start, end = match.span()
        value = _FRACTIONS[match.group(2).lower()] * _SCALE["million"]
        quantities.append(
            Quantity("money", value, start, end, match.group(0), text[max(0, start - 60) : start], text[end : end + 60])
        )
    for match in _HALF_PERCENT.finditer(text) if may_match_ignoring_case(_needs(_HALF_PERCENT_SOURCE), text) else ():
        start, end = match.span()
        after = text[end : end + 40].lower()
        taken = _words().pattern("share-taken-before").search(text[max(0, start - 40) : start])
        if _words().pattern("share-of").match(after) or taken:
            quantities.append(
                Quantity(
                    "percent",
                    _FRACTIONS[match.group(1).lower()],
                    start,
                    end,
                    match.group(0),
                    text[max(0, start - 60) : start],
                    text[end : end + 60],
                )
            )
    return _joined_durations(sorted(quantities, key=lambda quantity: quantity.start), text)


def _joined_durations(quantities: list[Quantity], text: str) -> list[Quantity]:
    """ "2 years and 11 months" is one duration of 2.92 years, not two: the months would otherwise be
    left over as a second number for some other input to take. An age and the months past it ("I'm 59
    and 8 months", numbers.toml months-of-an-age) are one age, to the hundredth of a year (59.67)."""
    joined: list[Quantity] = []
    for quantity in quantities:
        years = joined[-1] if joined else None
        if (
            years is not None
            and years.kind == "age"
            and quantity.kind == "duration"
            and years.value == years.value.to_integral_value()
            and _MONTHS_AFTER.match(quantity.after)
            and quantity.value < 1
            and _words().pattern("months-of-an-age").match(years.after)
        ):
            joined[-1] = years._replace(
                value=(years.value + quantity.value).quantize(Decimal("0.01")),
                end=quantity.end,
                text=text[years.start : quantity.end],
                after=quantity.after,
            )
        elif (
            years is not None
            and years.kind == quantity.kind == "duration"
            and not _MONTHS_AFTER.match(years.after)
            and _MONTHS_AFTER.match(quantity.after)
            and _YEARS_THEN.fullmatch(text[years.end : quantity.start])
        ):
            joined[-1] = Quantity(
                "duration",
                years.value + quantity.value,
                years.start,
                quantity.end,
                text[years.start : quantity.end],
                years.before,
                quantity.after,
            )
        else:
            joined.append(quantity)
    return joined
