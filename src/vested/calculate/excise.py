"""The excise tax on a missed RMD: 25% of the shortfall, 10% if corrected in time.

IRC 4974 as amended by SECURE 2.0 sec. 302, for RMDs falling due from 2023; before that
the tax was 50%. The shortfall is the RMD required for the year less what was taken for
it. "Corrected in time" means the shortfall is taken and reported within the correction
window (4974(e)): it ends when the IRS mails a notice of deficiency or assesses the tax,
and at the latest on the last day of the second year after the year the tax arose.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from vested.calculate.base import CalcContext, CalculationResult, CalculatorSpec
from vested.calculate.money import money, percent
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.excise import MissedRmdInputs


EXCISE = Decimal("0.25")
EXCISE_CORRECTED = Decimal("0.10")
EXCISE_BEFORE_2023 = Decimal("0.50")
SECURE_2_RATES_FROM = 2023
RULES_AS_OF = "2025"

GUIDE_PENALTY = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=5,
    quote="Failing to take the full RMD results in a 25% penalty on the amount that should have been withdrawn.",
)
EXCISE_LAW = Citation(source="irc-4974", section="4974(a), (d) and (e)")
SECURE_2_EXCISE = Citation(source="secure-2-act-2022", section="sec. 302")


class Excise(NamedTuple):
    """The tax on a shortfall at both rates, the one that applies, and the steps that show them."""

    tax: Decimal
    full: Decimal
    reduced: Decimal
    steps: tuple[str, ...]


def excise_on(shortfall: Decimal, corrected_in_time: bool) -> Excise:
    """25% of the shortfall, or 10% when corrected within the window; both are shown."""
    full = shortfall * EXCISE
    reduced = shortfall * EXCISE_CORRECTED
    steps = (
        f"excise tax: 25% of {money(shortfall)} missed = {money(full)}",
        f"corrected in time: 10% of {money(shortfall)} = {money(reduced)}",
    )
    return Excise(reduced if corrected_in_time else full, full, reduced, steps)


def missed_rmd(inputs: MissedRmdInputs, context: CalcContext) -> CalculationResult:
    """The shortfall and the excise tax on it, at the rate for the year and the correction."""
    required, taken = inputs.required_rmd, inputs.taken
    outputs: dict[str, Any] = {"shortfall": Decimal(0), "excise_tax": Decimal(0)}
    citations = [GUIDE_PENALTY, EXCISE_LAW, SECURE_2_EXCISE]
    caveats = [
        "The missed amount still has to be taken out: the tax is owed on top, not instead.",
        "The tax is reported on Form 5329, where you can also ask the IRS to waive it for a reasonable "
        "error you are putting right.",
    ]
    if taken >= required:
        steps = [f"{money(taken)} taken is at least the {money(required)} required: nothing is short"]
        summary = f"You took {money(taken)} of the {money(required)} required: nothing is short, so no excise tax."
        return _result(inputs, summary, outputs, steps, citations, caveats)
    shortfall = required - taken
    outputs["shortfall"] = shortfall
    steps = [f"{money(required)} required − {money(taken)} taken = {money(shortfall)} missed"]
    if inputs.year is not None and inputs.year < SECURE_2_RATES_FROM:
        tax = shortfall * EXCISE_BEFORE_2023
        steps.append(f"due in {inputs.year}, before SECURE 2.0 cut the rate: 50% of {money(shortfall)} = {money(tax)}")
        outputs["excise_tax"] = tax
        summary = f"For an RMD due in {inputs.year}, missing {money(shortfall)} owes {money(tax)} (50%) in excise tax."
        caveats.append("The 10% rate for a timely correction applies to RMDs due from 2023.")
        return _result(inputs, summary, outputs, steps, citations, caveats)
    excise = excise_on(shortfall, inputs.corrected_in_time)
    steps.extend(excise.steps)
    outputs.update(excise_tax=excise.tax, excise_tax_uncorrected=excise.full, excise_tax_corrected=excise.reduced)
    if inputs.year is not None and inputs.year >= context.today.year and not inputs.corrected_in_time:
        # This year's RMD, its deadline not yet past: what is left to take, and what missing it would cost.
        outputs["still_to_take"] = shortfall
        summary = (
            f"You still have {money(shortfall)} of the {money(required)} RMD to take by December 31, {inputs.year} "
            "(April 1 of the next year for a first RMD); taken in time, nothing more is owed. Missed, it would cost "
            f"{money(excise.full)} ({percent(EXCISE)}) in excise tax, or {money(excise.reduced)} "
            f"({percent(EXCISE_CORRECTED)}) if corrected in time."
        )
        return _result(inputs, summary, outputs, steps, citations, caveats)
    if inputs.corrected_in_time:
        summary = (
            f"Missing {money(shortfall)} of the RMD and correcting it in time costs {money(excise.reduced)} "
            f"({percent(EXCISE_CORRECTED)}) in excise tax."
        )
    else:
        summary = (
            f"Missing {money(shortfall)} of the RMD costs {money(excise.full)} ({percent(EXCISE)}) in excise tax, "
            f"or {money(excise.reduced)} ({percent(EXCISE_CORRECTED)}) if you correct it in time."
        )
        caveats.append(
            "In time means taking the missed amount and filing Form 5329 before the IRS assesses the tax "
            "or mails a notice of deficiency, and at the latest by the end of the second year after the "
            "year it was due."
        )
    return _result(inputs, summary, outputs, steps, citations, caveats)


def _result(
    inputs: MissedRmdInputs,
    summary: str,
    outputs: dict[str, Any],
    steps: list[str],
    citations: list[Citation],
    caveats: list[str],
) -> CalculationResult:
    return CalculationResult(
        tool="missed_rmd",
        summary=summary,
        inputs=inputs.model_dump(),
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=str(inputs.year) if inputs.year is not None else RULES_AS_OF,
    )


CALCULATORS = (
    CalculatorSpec(
        name="missed_rmd",
        title="Missed RMD excise tax",
        description="The excise tax on an RMD not taken in full: 25% of the shortfall, 10% if "
        "corrected in time (50% for RMDs due before 2023).",
        inputs_model="vested.calculate.inputs.excise:MissedRmdInputs",
        run=missed_rmd,
        examples=(
            "vested calc missed_rmd --required-rmd 12000 --taken 4000",
            "vested calc missed_rmd --required-rmd 12000 --taken 0 --corrected-in-time",
        ),
    ),
)
