"""Deterministic calculators over Decimal, one module per family.

`registry()` maps a calculator's name to its spec; modules register themselves in
`_MODULES` order so `vested calc` lists them in a stable, sensible order.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from vested.calculators.base import CalcContext, CalculationResult, CalculatorInputError, CalculatorSpec

__all__ = ["CalcContext", "CalculationResult", "CalculatorInputError", "CalculatorSpec", "registry"]

_MODULES: tuple[str, ...] = (
    "loans",
    "rollover",
    "basis",
    "growth",
    "match",
    "vesting",
    "limits",
    "withdrawals",
    "rmd",
    "allocation",
)


@cache
def registry() -> dict[str, CalculatorSpec]:
    specs: dict[str, CalculatorSpec] = {}
    for module_name in _MODULES:
        module = import_module(f"vested.calculators.{module_name}")
        for spec in module.CALCULATORS:
            specs[spec.name] = spec
    return specs
