"""Deterministic calculators over Decimal, one module per family.

`registry()` maps every calculator's name to its spec, in the order `vested calc` lists them;
`spec(name)` loads one calculator's module alone. A question with a number asks for the few
calculators its best entries link: loading all fourteen modules, and building every input model
in them, cost that question about 45 ms more (benchmarks/README.md, issue 20). The modules import
no pydantic: the input models are vested.calculate.inputs, and a calculation asked with `vested ask`
validates its inputs from their description (vested.calculate.described).

Nothing is imported here until a calculator is asked for: the chat imports
`vested.calculate.questions` before its first frame, and that must not pull in pydantic
and the knowledge loader (benchmarks/startup.py).
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vested.calculate.base import CalculatorSpec

__all__ = ["names", "registry", "spec"]

_MODULE_OF: dict[str, str] = {
    "loan_maximum": "loans",
    "loan_repayment": "loans",
    "loan_offset": "offset",
    "indirect_rollover": "rollover",
    "after_tax_basis_share": "basis",
    "future_value": "growth",
    "employer_match": "match",
    "vesting": "vesting",
    "contribution_limit": "limits",
    "excess_deferral": "excess",
    "early_withdrawal": "withdrawals",
    "hardship_withdrawal": "hardship",
    "rmd": "rmd",
    "missed_rmd": "excise",
    "allocation": "allocation",
    "rebalance": "allocation",
}
"""Each calculator's name and the module (vested.calculate.<module>) that registers it, in the order
`vested calc` lists them (tests/test_routing.py checks it against the modules' own CALCULATORS)."""
_MODULES = tuple(dict.fromkeys(_MODULE_OF.values()))
"""The calculators' modules, each once, in that order."""


def names() -> tuple[str, ...]:
    """Every calculator's name, in the registry's order, without loading any."""
    return tuple(_MODULE_OF)


@cache
def _module_specs(module_name: str) -> dict[str, CalculatorSpec]:
    module = import_module(f"vested.calculate.{module_name}")
    return {calculator.name: calculator for calculator in module.CALCULATORS}


def spec(name: str) -> CalculatorSpec | None:
    """The named calculator's spec, its module alone loaded; None for a name no calculator has."""
    module_name = _MODULE_OF.get(name)
    return _module_specs(module_name).get(name) if module_name else None


@cache
def registry() -> dict[str, CalculatorSpec]:
    specs: dict[str, CalculatorSpec] = {}
    for module_name in _MODULES:
        specs.update(_module_specs(module_name))
    return specs
