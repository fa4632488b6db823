"""Deterministic calculators over Decimal, one module per family.

`registry()` maps a calculator's name to its spec; modules register themselves in
`_MODULES` order so `vested calc` lists them in a stable, sensible order.

Nothing is imported here until `registry()` is called: the chat imports
`vested.calculate.questions` before its first frame, and that must not pull in pydantic
and the knowledge loader (benchmarks/startup.py).
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vested.calculate.base import CalculatorSpec

__all__ = ["registry"]

_MODULES: tuple[str, ...] = (
    "loans",
    "offset",
    "rollover",
    "basis",
    "growth",
    "match",
    "vesting",
    "limits",
    "excess",
    "withdrawals",
    "hardship",
    "rmd",
    "excise",
    "allocation",
)


@cache
def registry() -> dict[str, CalculatorSpec]:
    specs: dict[str, CalculatorSpec] = {}
    for module_name in _MODULES:
        module = import_module(f"vested.calculate.{module_name}")
        for spec in module.CALCULATORS:
            specs[spec.name] = spec
    return specs
