"""A CalculationResult as the answer a user reads, and as an Answer for every front end.

The text leads with the result in one sentence, then the inputs it used (so a wrong
assumption is visible at a glance), the arithmetic step by step, any table, and the
caveats. Values are formatted by their input's unit: amounts to the cent, fractions as
percentages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from vested.calculate import spec as calculator_spec
from vested.calculate.base import CalculationResult, jsonable
from vested.calculate.checks import Unit
from vested.calculate.money import money, percent
from vested.core.answer import Answer, CalculationRecord, ReadingRecord, SourceRef
from vested.knowledge.loader import KnowledgeBase

# Years of service worked from months are shown to two places.
YEARS_SHOWN = Decimal("0.01")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_value(value: Any, unit: Unit) -> str:
    """One input value as a person reads it: $80,000.00, 6%, 5 years, yes."""
    if unit.many and isinstance(value, list):
        return ", ".join(format_value(item, Unit(unit.kind)) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return _format_mapping(value, unit)
    if isinstance(value, date):
        return value.isoformat()
    if unit.kind == "money":
        return money(Decimal(value))
    if unit.kind == "percent":
        return percent(Decimal(value))
    if unit.kind == "years":
        number = Decimal(value)
        if number != number.quantize(YEARS_SHOWN):  # months told as years ("44 months" is 3.666… years)
            return f"about {number.quantize(YEARS_SHOWN)} years"
        return f"{number:f} {'year' if number == 1 else 'years'}"
    if unit.kind == "choice":
        return str(value).replace("_", " ")
    return str(value)


def _format_mapping(value: dict, unit: Unit) -> str:
    if unit.kind == "mix":
        return " / ".join(f"{percent(share)} {name}" for name, share in value.items())
    if unit.kind == "holdings":
        return ", ".join(f"{name} {money(amount)}" for name, amount in value.items())
    if unit.kind == "schedule":
        return ", ".join(f"{years} yrs: {percent(share)}" for years, share in value.items())
    if unit.kind == "periods":
        return ", ".join(f"age {age}: {period}" for age, period in value.items())
    if unit.kind == "limits":
        from vested.calculate.limits import QUOTED_LABELS

        return ", ".join(f"{QUOTED_LABELS.get(name, name)} {money(Decimal(amount))}" for name, amount in value.items())
    if unit.kind == "balances":
        return ", ".join(f"end of {year}: {money(Decimal(amount))}" for year, amount in value.items())
    return ", ".join(f"{key}: {item}" for key, item in value.items())


def _shown(value: Any, default: Any) -> bool:
    """Leave out inputs that were not given and played no part (None, off, zero defaults)."""
    if value is None or value is False:
        return False
    return not (isinstance(value, Decimal) and value == 0 and default == value)


def input_rows(result: CalculationResult) -> list[tuple[str, str]]:
    """(label, value) for each input the calculation used, in the model's field order."""
    spec = calculator_spec(result.tool)
    if spec is None:
        return [(name.replace("_", " "), str(value)) for name, value in result.inputs.items()]
    rows = []
    for name, info in spec.fields.items():
        if name not in result.inputs:
            continue
        value = result.inputs[name]
        if not _shown(value, info.default):
            continue
        rows.append((spec.label(name), format_value(value, info.unit)))
    return rows


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(_cell(cell) for cell in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines.extend("| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def result_markdown(result: CalculationResult) -> str:
    """The answer text: result sentence, inputs table, numbered steps, table, caveats."""
    parts = [f"**{result.summary}**"]
    rows = input_rows(result)
    if rows:
        parts.append(_markdown_table(["Input", "Value"], [list(row) for row in rows]))
    if result.steps:
        parts.append(
            "**How it's worked out**\n\n"
            + "\n".join(f"{number}. {step}" for number, step in enumerate(result.steps, 1))
        )
    if result.table:
        header = list(result.table[0])
        parts.append(_markdown_table(header, [[str(row.get(key, "")) for key in header] for row in result.table]))
    if result.caveats:
        parts.append("**Keep in mind**\n\n" + "\n".join(f"- {caveat}" for caveat in result.caveats))
    return "\n\n".join(parts)


def source_refs(result: CalculationResult, kb: KnowledgeBase) -> list[SourceRef]:
    """The result's citations with each source's title and date, duplicates removed."""
    refs: list[SourceRef] = []
    seen: set[tuple] = set()
    for citation in result.citations:
        key = (citation.source, citation.section, citation.paragraph, citation.quote)
        if key in seen:
            continue
        seen.add(key)
        refs.append(kb.cite(citation))
    return refs


def read_sentence(reading: ReadingRecord | None, result: CalculationResult) -> str:
    """One sentence of what was read from the question, so a misreading shows at once."""
    if reading is None or not reading.inputs:
        return ""
    shown = dict(input_rows(result))
    spec = calculator_spec(result.tool)
    labelled = [(spec.label(name) if spec else name.replace("_", " "), item) for name, item in reading.inputs.items()]
    read = "; ".join(
        f"{label} {shown[label]}" + (f" (“{item.source}”)" if item.source else "")
        if label in shown
        else f"{label} from “{item.source}”"
        for label, item in labelled
    )
    sentence = f"I read: {read}."
    if reading.unused:
        sentence += " Not used: " + ", ".join(f"“{text}”" for text in reading.unused) + "."
    return sentence


def result_answer(
    question: str,
    result: CalculationResult,
    kb: KnowledgeBase,
    reading: ReadingRecord | None = None,
    confidence: float = 1.0,
) -> Answer:
    """A calculation as an Answer: what was read, the text above, its sources and the arithmetic record."""
    lead = read_sentence(reading, result)
    return Answer(
        question=question,
        kind="calculation",
        answer=(f"{lead}\n\n" if lead else "") + result_markdown(result),
        reading=reading,
        confidence=confidence,
        as_of=result.as_of,
        sources=source_refs(result, kb),
        calculation=CalculationRecord(
            tool=result.tool,
            inputs=jsonable(result.inputs),
            outputs=jsonable(result.outputs),
            steps=list(result.steps),
        ),
    )
