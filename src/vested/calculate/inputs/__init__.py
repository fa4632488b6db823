"""The calculators' input models: pydantic, the source of truth for what each calculator takes.

Kept apart from the calculators' modules, which import no pydantic: a calculation asked with
`vested ask` validates its inputs from a plain description of these models kept in the compiled
knowledge (vested.calculate.described), so it runs without importing pydantic or building a
model, which took most of its start-up (benchmarks/README.md, issue 20). The models still
validate everything else (`vested calc`, the walkthroughs, the chat's form) and whatever the
plain validator cannot vouch for, with the messages people see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator


class CalculatorInputs(BaseModel):
    """A calculator's inputs: unknown names refused, and rules across inputs as plain functions.

    A rule across inputs ("the vested balance, or the parts it is made of") is a function of the
    calculator's own module in `cross_checks`, raising ValueError, rather than a validator of the
    model's own: the plain validator applies the same functions (vested.calculate.described).
    """

    model_config = ConfigDict(extra="forbid")

    cross_checks: ClassVar[tuple[Callable[[Any], None], ...]] = ()

    @model_validator(mode="after")
    def _cross_checked(self) -> CalculatorInputs:
        for check in self.cross_checks:
            check(self)
        return self
