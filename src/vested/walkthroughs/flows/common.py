"""Small helpers the walkthrough flows share."""

from __future__ import annotations

from collections.abc import Iterable

from vested.calculate.base import CalculationResult


def prefixed(label: str, result: CalculationResult) -> list[str]:
    """A calculator's steps labelled with the option they belong to."""
    return [f"{label}: {step}" for step in result.steps]


def caveats_of(*results: CalculationResult | None, extra: Iterable[str] = ()) -> list[str]:
    """The calculators' caveats and the flow's own, each once, in order."""
    seen: dict[str, None] = {}
    for result in results:
        if result is not None:
            seen.update(dict.fromkeys(result.caveats))
    seen.update(dict.fromkeys(extra))
    return list(seen)
