"""Asset allocation by rule of thumb, and the trades that restore a target mix.

The rule of thumb (110 or 120 minus your age, in stocks) gives a range rather than a
number, because the two versions differ by ten points and neither knows your risk
tolerance. Rebalancing compares each holding with its target share of the total; the
trades always net to zero, since money only moves between holdings.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from vested.calculate.base import (
    CalcContext,
    CalculationResult,
    CalculatorInputError,
    CalculatorSpec,
)
from vested.calculate.checks import MAX_AMOUNT
from vested.calculate.money import money, parse_amount, percent
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.allocation import AllocationInputs, RebalanceInputs


RULES_AS_OF = "2025"
HUNDRED = Decimal(100)
LOW_RULE = 110
HIGH_RULE = 120

RULE_OF_THUMB = Citation(
    source="guide-2025",
    section="Managing Your 401k Investments",
    paragraph=4,
    quote="A guideline for determining stock allocation is to subtract one’s age from 110 or 120",
)
MORE_CONSERVATIVE = Citation(
    source="faq-2019",
    section="Investment Choices",
    paragraph=4,
    quote="As you near retirement, you might want to switch "
    "your investments to more conservative funds to preserve their value.",
)
REBALANCING = Citation(
    source="guide-2025",
    section="Managing Your 401k Investments",
    paragraph=5,
    quote="selling investments that have become an oversized portion of "
    "the portfolio and buying more of those that are underrepresented",
)
REBALANCE_PERIODICALLY = Citation(
    source="primer-2025",
    section="## Practical Use",
    paragraph=1,
    quote="Rebalance periodically and monitor fees (expense ratios, plan administrative fees)",
)

_ALIASES = {
    "stock": "stocks",
    "equity": "stocks",
    "equities": "stocks",
    "bond": "bonds",
    "fixed income": "bonds",
    "cash": "cash",
}
_POSITIONAL_NAMES = {2: ("stocks", "bonds"), 3: ("stocks", "bonds", "cash")}
# Format parsers of a typed mix or holdings ("stocks=60, bonds=40", "60% stocks", "60/40");
# tests/test_format_parsers.py.
_NAMED_SHARE = re.compile(r"([a-z][a-z0-9 _-]*?)\s*[=:]\s*(\d+(?:\.\d+)?)\s*%?")
_SHARE_NAMED = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*(?:in\s+)?([a-z][a-z _-]*)")
_NAMED_AMOUNT = re.compile(r"([a-z][a-z0-9 _-]*?)\s*[=:]\s*(\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:k|m)\b)?)")


_SEPARATORS = re.compile(r"(?:[\s,;&+]|\band\b)*")


def _pairs(text: str, pattern: re.Pattern[str], name_first: bool) -> list[tuple[str, str]]:
    """(asset, number) for each match, when the matches are all the text holds.

    Anything else left over ("100% of the first 1000%") means the text was not understood,
    and an asset named twice ("stocks=60, stocks=40") is a mistake, not a last word.
    """
    found = list(pattern.finditer(text))
    if not found:
        return []
    gaps = [
        text[: found[0].start()],
        *(text[a.end() : b.start()] for a, b in pairwise(found)),
        text[found[-1].end() :],
    ]
    if any(not _SEPARATORS.fullmatch(gap) for gap in gaps):
        raise ValueError(f"could not be read as a whole from {text!r}; write it like 'stocks=60, bonds=40'")
    pairs = [(_asset(m.group(1)), m.group(2)) if name_first else (_asset(m.group(2)), m.group(1)) for m in found]
    names = [name for name, _ in pairs]
    if twice := next((name for name in names if names.count(name) > 1), None):
        raise ValueError(f"names {twice} twice in {text!r}; give each asset once")
    return pairs


def _asset(name: str) -> str:
    words = [word for word in name.strip(" ,;-_").split() if word not in ("and", "in", "of")]
    cleaned = " ".join(words)
    return _ALIASES.get(cleaned, cleaned)


def _mix(value: Any) -> Any:
    """'60/40', 'stocks=60, bonds=40' or '60% stocks, 40% bonds' -> {asset: fraction}."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?%?(?:\s*/\s*\d+(?:\.\d+)?%?)+", text):
        parts = [Decimal(part.strip(" %")) / HUNDRED for part in text.split("/")]
        names = _POSITIONAL_NAMES.get(len(parts))
        if names is None:
            raise ValueError(f"{value!r}: name the assets, e.g. 'stocks=50, bonds=30, cash=15, other=5'")
        return dict(zip(names, parts, strict=True))
    pairs = _pairs(text, _NAMED_SHARE, name_first=True) or _pairs(text, _SHARE_NAMED, name_first=False)
    if not pairs:
        raise ValueError(f"could not be read from {value!r}; write it like '60/40' or 'stocks=60, bonds=40'")
    return {name: Decimal(share) / HUNDRED for name, share in pairs}


def _check_mix(mix: dict[str, Decimal]) -> dict[str, Decimal]:
    for name, share in mix.items():
        if not 0 <= share <= 1:
            raise ValueError(f"must give each asset 0% to 100% ({name}: {percent(share)})")
    total = sum(mix.values(), Decimal(0))
    if total != 1:
        raise ValueError(f"must add up to 100%, not {percent(total)}")
    return mix


def _holdings(value: Any) -> Any:
    """'stocks=187500, bonds=62,500' (or 187.5k) -> {asset: amount}."""
    if not isinstance(value, str):
        return value
    found = _pairs(value.strip().lower(), _NAMED_AMOUNT, name_first=True)
    if not found:
        raise ValueError(f"could not be read from {value!r}; write it like 'stocks=187500, bonds=62500'")
    return {name: parse_amount(amount) for name, amount in found}


def _check_holdings(holdings: dict[str, Decimal]) -> dict[str, Decimal]:
    for name, amount in holdings.items():
        if amount < 0:
            raise ValueError(f"must not be negative ({name}: {amount})")
        if amount > MAX_AMOUNT:
            raise ValueError(f"must be at most {money(MAX_AMOUNT)} each ({name})")
    return holdings


def _rule_step(rule: int, age: int, share: Decimal) -> str:
    """One rule of thumb worked out; a result past 100 or below 0 is said in words, never shown as a share."""
    if rule - age > HUNDRED:
        return f"{rule} − {age} is more than 100: all of it, {percent(share)}, in stocks"
    if rule < age:
        return f"{rule} is less than your age: {percent(share)} in stocks"
    return f"{rule} − {age} = {percent(share)} in stocks"


def allocation(inputs: AllocationInputs, context: CalcContext) -> CalculationResult:
    """110 and 120 minus your age, as a range of the share in stocks."""
    low = max(Decimal(0), min(HUNDRED, Decimal(LOW_RULE - inputs.age))) / HUNDRED
    high = max(Decimal(0), min(HUNDRED, Decimal(HIGH_RULE - inputs.age))) / HUNDRED
    steps = [_rule_step(LOW_RULE, inputs.age, low), _rule_step(HIGH_RULE, inputs.age, high)]
    steps.append(f"the rest in bonds: {percent(1 - high)} to {percent(1 - low)}")
    outputs: dict[str, Any] = {
        "stocks_low": low,
        "stocks_high": high,
        "bonds_low": 1 - high,
        "bonds_high": 1 - low,
    }
    summary = (
        f"At {inputs.age}, the rule of thumb puts {percent(low)} to {percent(high)} in stocks "
        f"and the rest, {percent(1 - high)} to {percent(1 - low)}, in bonds."
    )
    if inputs.balance is not None:
        low_amount, high_amount = inputs.balance * low, inputs.balance * high
        steps.append(f"of {money(inputs.balance)}: {money(low_amount)} to {money(high_amount)} in stocks")
        outputs.update(stocks_low_amount=low_amount, stocks_high_amount=high_amount)
        summary += f" Of {money(inputs.balance)}, that is {money(low_amount)} to {money(high_amount)} in stocks."
    return CalculationResult(
        tool="allocation",
        summary=summary,
        inputs=inputs.model_dump(),
        outputs=outputs,
        steps=steps,
        citations=[RULE_OF_THUMB, MORE_CONSERVATIVE],
        caveats=[
            "A rule of thumb, not advice: your other savings, pension and comfort with losses "
            "matter as much as your age.",
            "A target-date fund does this shifting for you.",
        ],
        as_of=RULES_AS_OF,
    )


def _current(inputs: RebalanceInputs) -> dict[str, Decimal]:
    if inputs.holdings is not None:
        if inputs.balance is not None or inputs.current_mix is not None:
            raise CalculatorInputError(
                "give either the holdings, or a balance with its current mix, not both",
                field="holdings",
            )
        return dict(inputs.holdings)
    if inputs.balance is None or inputs.current_mix is None:
        raise CalculatorInputError(
            "give what you hold: the holdings by asset, or a balance with its current mix",
            field="holdings" if inputs.balance is None else "current_mix",
        )
    return {name: inputs.balance * share for name, share in inputs.current_mix.items()}


def _mix_text(mix: dict[str, Decimal]) -> str:
    return " / ".join(f"{percent(share)} {name}" for name, share in mix.items())


def rebalance(inputs: RebalanceInputs, context: CalcContext) -> CalculationResult:
    """Target amount per asset minus what is held: positive buys, negative sells."""
    current = _current(inputs)
    total = sum(current.values(), Decimal(0))
    if total <= 0:
        raise CalculatorInputError("the holdings add up to $0.00: nothing to rebalance", field="holdings")
    assets = list(dict.fromkeys([*current, *inputs.target]))
    steps = [f"total: {money(total)}"]
    trades: dict[str, Decimal] = {}
    table = []
    for asset in assets:
        held = current.get(asset, Decimal(0))
        share = inputs.target.get(asset, Decimal(0))
        wanted = total * share
        trade = wanted - held
        trades[asset] = trade
        action = "buy" if trade > 0 else "sell" if trade < 0 else "no change"
        amount = f" {money(abs(trade))}" if trade else ""
        steps.append(
            f"{asset}: {percent(share)} of {money(total)} = {money(wanted)}; you hold {money(held)} → {action}{amount}"
        )
        table.append(
            {
                "Asset": asset,
                "Now": money(held),
                "Now %": percent(held / total),
                "Target %": percent(share),
                "Target": money(wanted),
                "Trade": f"{action}{amount}",
            }
        )
    sells = [f"sell {money(-trade)} of {asset}" for asset, trade in trades.items() if trade < 0]
    buys = [f"buy {money(trade)} of {asset}" for asset, trade in trades.items() if trade > 0]
    current_mix = {asset: current.get(asset, Decimal(0)) / total for asset in assets}
    if sells or buys:
        summary = (
            f"To move {money(total)} from {_mix_text(current_mix)} to "
            f"{_mix_text(inputs.target)}: {_join([*sells, *buys])}."
        )
    else:
        summary = f"Your {money(total)} already matches {_mix_text(inputs.target)}: no trades needed."
    return CalculationResult(
        tool="rebalance",
        summary=summary,
        inputs={**inputs.model_dump(), "holdings": current},
        outputs={"total": total, "current_mix": current_mix, "trades": trades},
        steps=steps,
        citations=[REBALANCING, REBALANCE_PERIODICALLY],
        caveats=[
            "Trades inside a 401(k) owe no tax; some funds limit frequent trading.",
            "Steering new contributions toward the underweight asset rebalances without selling.",
        ],
        table=table,
        as_of=RULES_AS_OF,
    )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


CALCULATORS = (
    CalculatorSpec(
        name="allocation",
        title="Allocation rule of thumb",
        description="The share in stocks by the 110-or-120-minus-age rule of thumb, as a range.",
        inputs_model="vested.calculate.inputs.allocation:AllocationInputs",
        run=allocation,
        examples=("vested calc allocation --age 35", "vested calc allocation --age 50 --balance 300000"),
    ),
    CalculatorSpec(
        name="rebalance",
        title="Rebalance",
        description="The trades that bring your holdings back to a target mix.",
        inputs_model="vested.calculate.inputs.allocation:RebalanceInputs",
        run=rebalance,
        examples=(
            "vested calc rebalance --balance 250000 --current-mix 75/25 --target 60/40",
            'vested calc rebalance --holdings "stocks=187500, bonds=62500" --target 60/40',
        ),
    ),
)
