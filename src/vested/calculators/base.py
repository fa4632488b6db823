"""What every calculator shares: its result type and its registry entry.

A calculator is a pure function of a validated pydantic input model and the dated
figures; it returns a CalculationResult holding the outputs at full precision, the steps
in words (amounts shown to the cent), the rule it applied with citations, and caveats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from vested.knowledge.figures import Figures
from vested.knowledge.models import Citation


@dataclass(frozen=True)
class CalcContext:
    """What a calculator may depend on besides its inputs: figures and today's date."""

    figures: Figures
    today: date


@dataclass
class CalculationResult:
    """Outputs, the arithmetic in words, the cited rule and caveats."""

    tool: str
    summary: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    steps: list[str]
    citations: list[Citation]
    caveats: list[str] = field(default_factory=list)
    table: list[dict[str, Any]] = field(default_factory=list)
    as_of: str | None = None


@dataclass(frozen=True)
class CalculatorSpec:
    """A registered calculator: its name, what it is for, its inputs and the function."""

    name: str
    title: str
    description: str
    inputs: type[BaseModel]
    run: Callable[[Any, CalcContext], CalculationResult]
    examples: tuple[str, ...] = ()

    def required_inputs(self) -> list[str]:
        return [name for name, info in self.inputs.model_fields.items() if info.is_required()]


class CalculatorInputError(ValueError):
    """Inputs that validate one by one but make no sense together (distribution > account)."""


def jsonable(value: Any) -> Any:
    """Decimals as strings, dates as ISO text, for the Answer contract and the log."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value
