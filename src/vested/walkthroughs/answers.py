"""Reading one answer as typed (or as given in an answers file) into a checked value.

The same function serves the terminal prompt, the chat form and `--answers FILE.json`,
so "45k", "45 grand", "$45,000" and 45000 mean the same everywhere (the one amount reader,
`vested.calculate.money.parse_amount`, which `vested calc` flags use too), and a percentage
is always written as people say it ("22", "22%" and 22 are all 22%). After parsing, the
value is validated with the calculators' own types and checks (Money, Rate, Age,
check_years), so an answer the walkthrough accepts is one the calculators accept, with the
same wording on refusal.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from vested.calculate.base import input_problems
from vested.calculate.checks import check_number, check_years
from vested.calculate.fields import Age, CalendarYear, Money, Rate
from vested.calculate.money import money, parse_amount, parse_decimal, parse_percent, percent
from vested.walkthroughs.models import Step

HUNDRED = Decimal(100)
_YES = frozenset({"y", "yes", "true", "1", "on"})
_NO = frozenset({"n", "no", "false", "0", "off"})
# Format parsers of typed answers: a US date ("3/14/1961") and the separators of a list of amounts;
# tests/test_format_parsers.py.
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_LIST_SEPARATORS = re.compile(r"\s*(?:;|,\s+|\band\b|\s)\s*")

_MONEY = TypeAdapter(Money)
_RATE = TypeAdapter(Rate)
_AGE = TypeAdapter(Age)
_YEAR = TypeAdapter(CalendarYear)
_MONEY_LIST = TypeAdapter(list[Money])

EXAMPLES = {
    "money": "an amount like 45000 or $45,000",
    "percent": "a percentage like 22 or 22%",
    "age": "an age like 41",
    "years": "a whole number of years like 5",
    "year": "a year like 2026",
    "date": "a date like 2026-11-20 or 11/20/2026",
    "yes_no": "yes or no",
    "money_list": "one or more amounts like 10000 12000 (spaces or semicolons between them)",
}


class AnswerError(ValueError):
    """An answer that can't be used, in one line that says what would be accepted.

    `field` names the step at fault so a front end can ask it again; None when the
    problem lies in the answers together rather than in one of them.
    """

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


def parse_answer(step: Step, raw: Any, today: date) -> Any:
    """A typed or file-given answer -> the checked value the calculations use.

    Raises AnswerError with a message that starts with the step's label.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise AnswerError(step.field, f"{step.label} needs an answer: {_expected(step)}")
    value = _parse(step, raw, today)
    _check_bounds(step, value, today)
    return value


def show_answer(step: Step, value: Any) -> str:
    """A stored answer as a person reads it: $45,000.00, 22%, yes, 2026-11-20."""
    if value is None:
        return ""
    match step.type:
        case "money":
            return money(value)
        case "percent":
            return percent(value)
        case "money_list":
            return ", ".join(money(item) for item in value)
        case "yes_no":
            return "yes" if value else "no"
        case "date":
            return value.isoformat()
        case "choice":
            return next((choice.label for choice in step.choices if choice.value == value), str(value))
        case "age":
            return f"{value:f}" if isinstance(value, Decimal) else str(value)
        case "years":
            return f"{value} {'year' if value == 1 else 'years'}"
        case _:
            return str(value)


def typed_form(step: Step, value: Any) -> str:
    """A stored answer written back as the user would type it (an editable default)."""
    match step.type:
        case "money":
            return f"{value:f}"
        case "percent":
            return f"{(value * HUNDRED).normalize():f}%"
        case "money_list":
            return " ".join(f"{item:f}" for item in value)
        case "choice":
            return str(value)
        case "years":
            return str(value)
        case _:
            return show_answer(step, value)


def _expected(step: Step) -> str:
    if step.type == "choice":
        return "one of " + ", ".join(choice.value for choice in step.choices)
    if step.type == "text":
        return step.help.splitlines()[0] if step.help else "some text"
    return EXAMPLES[step.type]


def _refuse(step: Step, detail: str | None = None) -> AnswerError:
    return AnswerError(step.field, f"{step.label} {detail or 'must be ' + _expected(step)}")


def _validated(adapter: TypeAdapter, step: Step, value: Any) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        _, message = input_problems(error)[0]
        raise AnswerError(step.field, f"{step.label} {message}") from None


def _number(step: Step, raw: Any) -> Decimal:
    """A number from text or JSON, as the step's type reads it: '45,000', '45k', '22%', 45000.

    A percentage comes back as the fraction the calculators use (0.22 for 22, "22" or
    "22%"). Whatever its source, a number that is not finite, or far from any a person
    could mean, is refused before any arithmetic.
    """
    if isinstance(raw, bool):
        raise _refuse(step)
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
        try:
            check_number(number)
        except ValueError as error:
            raise AnswerError(step.field, f"{step.label} {error}") from None
        return number / HUNDRED if step.type == "percent" else number
    if not isinstance(raw, str):
        raise _refuse(step)
    read = {"money": parse_amount, "money_list": parse_amount, "percent": parse_percent}.get(step.type, parse_decimal)
    try:
        number = read(raw)
    except ValueError as error:
        detail = str(error)
        if detail.endswith(("is not a number", "is not a percentage (write 6 or 6%)")):
            raise _refuse(step) from None  # "must be an amount like 45000": what would do
        raise AnswerError(step.field, f"{step.label}: {detail}") from None
    return number


def _whole(step: Step, number: Decimal) -> int:
    if number != number.to_integral_value():
        raise _refuse(step, "must be a whole number")
    return int(number)  # bounded already: check_number refuses anything near 1e15


def _parse(step: Step, raw: Any, today: date) -> Any:
    match step.type:
        case "money":
            return _validated(_MONEY, step, _number(step, raw))
        case "percent":
            return _validated(_RATE, step, _number(step, raw))
        case "age":
            age = _validated(_AGE, step, _number(step, raw))
            return _whole(step, age) if step.whole else age
        case "years":
            years = _whole(step, _number(step, raw))
            try:
                return check_years(years)
            except ValueError as error:
                raise _refuse(step, str(error)) from None
        case "year":
            text = raw.strip().lower() if isinstance(raw, str) else raw
            if text == "this year":
                return today.year
            return _validated(_YEAR, step, _whole(step, _number(step, raw)))
        case "date":
            return _date(step, raw, today)
        case "yes_no":
            return _yes_no(step, raw)
        case "choice":
            return _choice(step, raw)
        case "text":
            return _text(step, raw)
        case "money_list":
            return _money_list(step, raw)
    raise AssertionError(f"unknown step type {step.type}")


def _date(step: Step, raw: Any, today: date) -> date:
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise _refuse(step)
    text = raw.strip().lower()
    if text == "today":
        return today
    try:
        if found := _US_DATE.match(text):
            month, day, year = (int(part) for part in found.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise _refuse(step) from None


def _yes_no(step: Step, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise _refuse(step)


def _choice(step: Step, raw: Any) -> str:
    text = str(raw).strip().lower()
    for number, choice in enumerate(step.choices, 1):
        names = {choice.value.lower(), choice.label.lower(), str(number)}
        names.update(part.strip() for part in choice.label.lower().split("/"))
        if text in names:
            return choice.value
    raise _refuse(step)


def _text(step: Step, raw: Any) -> str:
    if not isinstance(raw, str):
        raise _refuse(step)
    text = " ".join(raw.split())
    if step.check == "match_formula":
        from vested.calculate.match import MatchFormulaError, parse_match_formula

        try:
            parse_match_formula(text)
        except MatchFormulaError as error:
            raise AnswerError(step.field, f"{step.label} could not be read: {error}") from None
    return text


def _money_list(step: Step, raw: Any) -> list[Decimal]:
    if isinstance(raw, str):
        parts = [part for part in _LIST_SEPARATORS.split(raw.strip()) if part]
    elif isinstance(raw, list):
        parts = raw
    else:
        parts = [raw]
    if not parts:
        raise _refuse(step)
    amounts = []
    for part in parts:
        try:
            amounts.append(_number(step, part))
        except AnswerError:
            raise _refuse(step, f"has {part!r}, which is not an amount; give {_expected(step)}") from None
    return _validated(_MONEY_LIST, step, amounts)


def _check_bounds(step: Step, value: Any, today: date) -> None:
    """The step's own minimum and maximum, written in the definition as a user would type them."""
    if step.type in ("yes_no", "choice", "text"):
        return
    values = value if isinstance(value, list) else [value]
    single = step.model_copy(update={"type": "money"}) if step.type == "money_list" else step
    low, high = ("on or after", "on or before") if step.type == "date" else ("at least", "at most")
    if step.minimum is not None:
        limit = _parse(single, step.minimum, today)
        if any(item < limit for item in values):
            raise AnswerError(step.field, f"{step.label} must be {low} {show_answer(single, limit)}")
    if step.maximum is not None:
        limit = _parse(single, step.maximum, today)
        if any(item > limit for item in values):
            raise AnswerError(step.field, f"{step.label} must be {high} {show_answer(single, limit)}")
