"""Am I getting the whole match: the employer_match calculator at your deferral and at the
deferral that captures the whole match, beside contribution_limit for the year and age.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vested.calculate.money import money, percent
from vested.walkthroughs.engine import WalkContext
from vested.walkthroughs.flows.common import caveats_of, prefixed
from vested.walkthroughs.results import Metric, ResultTable, WalkResult

ZERO = Decimal(0)
FIELDS = {"formula": "formula", "deferral_rate": "deferral", "salary": "salary", "year": "year", "age": "age"}


def compute(answers: dict[str, Any], context: WalkContext) -> WalkResult:
    salary: Decimal = answers["salary"]
    year: int = answers["year"]
    match_inputs = {"formula": answers["formula"], "salary": salary, "year": year}
    limits = context.calculate("contribution_limit", {"age": answers["age"], "year": year}, FIELDS)
    limit: Decimal = limits.outputs["total_employee_limit"]
    current = context.calculate("employer_match", {**match_inputs, "deferral_rate": answers["deferral"]}, FIELDS)
    capped = current.outputs["full_match_deferral"]
    limit_rate = min(limit / salary, Decimal(1))
    full_rate: Decimal = capped if capped is not None else limit_rate
    full = context.calculate("employer_match", {**match_inputs, "deferral_rate": full_rate}, FIELDS)

    captured: Decimal = current.outputs["match"]
    available: Decimal = full.outputs["match"]
    missed = max(available - captured, ZERO)
    yours: Decimal = current.outputs["employee_contribution"]
    room = max(limit - yours, ZERO)  # over the limit, there is no room: how far over is said below
    over = max(yours - limit, ZERO)
    needed_dollars: Decimal = full.outputs["employee_contribution"]
    non_elective: Decimal = current.outputs["non_elective"]

    metrics = [
        Metric("match_captured", "Match you get", captured, "money"),
        Metric("match_available", "Match available", available, "money"),
        Metric("match_missed", "Match missed", missed, "money"),
        Metric("deferral_for_full_match", "Deferral for the whole match", full_rate, "percent"),
        Metric("your_contribution", "Your contribution", yours, "money"),
        Metric("employee_limit", f"Your {year} limit", limit, "money"),
        Metric("room_left", "Room left under the limit", room, "money"),
        Metric("deferral_to_max_out", "Deferral that reaches the limit", limit_rate, "percent"),
    ]
    if non_elective:
        metrics.append(Metric("non_elective", "Non-elective contribution", non_elective, "money"))
    rows = [
        [
            "You defer",
            f"{percent(answers['deferral'])} ({money(yours)})",
            f"{percent(full_rate)} ({money(needed_dollars)})",
        ],
        ["Employer match", money(captured), money(available)],
        ["Total going in", money(current.outputs["total_contribution"]), money(full.outputs["total_contribution"])],
    ]
    if missed:
        headline = (
            f"You get {money(captured)} of a possible {money(available)} match: deferring "
            f"{percent(full_rate)} would add {money(missed)} a year from your employer."
        )
    else:
        headline = f"You get the whole match, {money(captured)} a year."
    consequences = [
        f"In {year} you may defer up to {money(limit)}; at {percent(answers['deferral'])} you put in "
        + (
            f"{money(yours)}, leaving {money(room)} of room ({percent(limit_rate)} of pay would reach the limit)."
            if not over
            else f"{money(yours)}, {money(over)} over the limit: the plan would stop your deferrals there."
        ),
    ]
    if missed:
        consequences.insert(
            0,
            f"The {money(missed)} you miss is pay your employer offers and you leave behind; "
            f"it costs you {money(needed_dollars - yours)} more of your own deferral to collect.",
        )
    if capped is None:
        consequences.append("Your formula has no cap, so every extra percent you defer is matched, up to the limit.")
    if needed_dollars > limit:
        consequences.append(
            f"Deferring {percent(full_rate)} would pass the {money(limit)} limit; your deferrals "
            "(and a per-paycheck match) would stop when you reach it, unless the plan has a true-up."
        )
    steps = [
        *prefixed("Now", current),
        *prefixed("Whole match", full),
        *prefixed("Limit", limits),
        (
            f"Room left = {money(limit)} − {money(yours)} = {money(room)}"
            if not over
            else f"Room left: none, {money(yours)} − {money(limit)} = {money(over)} over the limit"
        ),
    ]
    return WalkResult(
        headline=headline,
        metrics=metrics,
        tables=[ResultTable("Your match", ["", "Now", "For the whole match"], rows)],
        consequences=consequences,
        steps=steps,
        caveats=caveats_of(current, limits),
        calculations=[current, limits],
        as_of=str(year),
    )
