"""What a walkthrough computes: named figures, tables, consequences, steps and sources.

A result keeps its figures as Metrics (a key, a label, a value and its unit) rather than
as finished text, so the same result can be shown as a table, compared with a what-if
(old, new, difference) and written to the log as exact numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from vested.calculate.base import CalculationResult
from vested.calculate.money import money, percent
from vested.knowledge.models import Citation

MetricUnit = Literal["money", "percent", "date", "count", "years", "age", "text"]
NUMERIC_UNITS = ("money", "percent", "count", "years", "age")


@dataclass(frozen=True)
class Metric:
    """One figure of a result; `compare` marks the figures a what-if table shows."""

    key: str
    label: str
    value: Decimal | int | date | str | None
    unit: MetricUnit
    compare: bool = True


@dataclass(frozen=True)
class ResultTable:
    """A table of finished text cells, in the order a person reads it."""

    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Series:
    """Points for a chart (the projection's balance by year): x is an age, y an amount."""

    title: str
    x_label: str
    y_label: str
    points: list[tuple[int, Decimal]]


@dataclass
class WalkResult:
    """Everything a walkthrough found for one set of answers."""

    headline: str
    metrics: list[Metric]
    tables: list[ResultTable] = field(default_factory=list)
    consequences: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    calculations: list[CalculationResult] = field(default_factory=list)
    series: Series | None = None
    as_of: str | None = None

    def metric(self, key: str) -> Metric:
        return next(metric for metric in self.metrics if metric.key == key)

    def value(self, key: str) -> Any:
        return self.metric(key).value

    def all_citations(self) -> list[Citation]:
        """The calculators' citations first, then the walkthrough's own."""
        cited = [citation for result in self.calculations for citation in result.citations]
        return [*cited, *self.citations]


def show_value(value: Any, unit: MetricUnit) -> str:
    """A metric value for a table cell: $45,000.00, 22%, 2027-04-15, 25 years."""
    if value is None:
        return "n/a"
    if unit == "money":
        return money(value)
    if unit == "percent":
        return percent(value)
    if unit == "date":
        return value.isoformat()
    if unit == "years":
        return f"{value} {'year' if value == 1 else 'years'}"
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def show_difference(old: Any, new: Any, unit: MetricUnit) -> str:
    """new − old with its sign (+$4,500.00, −3 pts, +20 days), or 'same' / 'changed'."""
    if old == new:
        return "same"
    if old is None or new is None:
        return "changed"
    if unit == "date":
        days = (new - old).days
        return f"{days:+d} days"
    if unit not in NUMERIC_UNITS:
        return "changed"
    difference = Decimal(new) - Decimal(old)
    sign = "+" if difference > 0 else "−"
    if unit == "money":
        return sign + money(abs(difference))
    if unit == "percent":
        points = percent(abs(difference)).removesuffix("%")
        return f"{sign}{points} {'point' if points == '1' else 'points'}"
    return f"{sign}{abs(difference):f}"


def markdown_table(columns: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join(cell(column) for column in columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    lines.extend("| " + " | ".join(cell(item) for item in row) + " |" for row in rows)
    return "\n".join(lines)
