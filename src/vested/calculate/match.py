"""Employer match: tiered formulas read from plain text, in dollars and as a share of pay.

Plans describe their match in words ("100% of the first 3% and 50% of the next 2%",
"50 cents on the dollar up to 6%", "a 3% non-elective contribution"), so the formula is
parsed from text into tiers: each tier matches a rate on a band of pay. The deferral
needed to capture the whole match is the top of the last capped band.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vested.calculate.base import CalcContext, CalculationResult, CalculatorInputError, CalculatorSpec
from vested.calculate.checks import (
    EACH_PERIOD,
    PERIODS_PER_YEAR,
)
from vested.calculate.limits import year_limits
from vested.calculate.money import money, percent
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.match import EmployerMatchInputs, MatchFormula, MatchTier


HUNDRED = Decimal(100)

GUIDE_FORMULA = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=3,
    quote="a dollar-for-dollar match on the first 3% of an employee’s salary and a "
    "50-cent-on-the-dollar match for the next 2%",
)
NON_ELECTIVE = Citation(
    source="guide-2025",
    section="Contribution Rules and Types",
    paragraph=3,
    quote="Some employers offer non-elective contributions, also known as profit-sharing",
)
PRIMER_FORMULA = Citation(
    source="primer-2025",
    section="## Formula & Variables",
    paragraph=2,
    quote="m = match_rate * min(contribution_percent, match_limit_percent) * salary",
)
PRIMER_EXAMPLE = Citation(
    source="primer-2025",
    section="## Worked Example",
    paragraph=1,
    quote="Employer match = 0.5 * min(8%, 6%) * $80,000 = 0.5 * 0.06 * $80,000 = $2,400/year",
)
WIDGET_TOTAL = Citation(
    source="faq-2019",
    section="What is a 401(k) Plan?",
    paragraph=6,
    quote="Total contribution to the Widget plan in this example would be 10.5% of the employee’s salary.",
)
FREE_MONEY = Citation(
    source="primer-2025",
    section="## Practical Use",
    paragraph=1,
    quote="Contribute at least up to the employer match (“free money”).",
)


class MatchFormulaError(ValueError):
    """Formula text that cannot be read as tiers; the message shows how to write it."""


# A formula parser: the grammar of a match formula as typed ("50% up to 6%", "dollar for dollar on the
# first 4%", "3% non-elective", "safe harbor"); tests/test_calculators_match_formula.py.
_NUMBER = r"(\d+(?:\.\d+)?)"
_PCT = rf"{_NUMBER}\s*(?:%|percent\b|pct\b)"
_PERCENT = re.compile(_PCT)
# "the second 2%" (and third) is the band after the one before, like "the next 2%".
_CAP = re.compile(
    rf"\b(first|next|second|third|up\s*to|to|capped\s+at|max(?:imum)?(?:\s+of)?|limit(?:ed)?\s+(?:to|of|at))"
    rf"\s+(?:the\s+)?(?:first\s+)?{_PCT}"
)
# A cap on what the employer puts in rather than on the deferral it matches ("a 75% match up to a
# maximum employer contribution of 4.5%", "a maximum match of 3% of pay"): the band it covers is
# the cap divided by the rate. ("50% match capped at 6%" caps the deferral, as plans say it.)
_EMPLOYER_CAP = re.compile(
    rf"\b(?:up\s+to\s+|to\s+)?(?:a\s+)?max(?:imum)?\s+(?:employer\s+|company\s+)?(?:contribution|match)\s+"
    rf"(?:of\s+)?{_PCT}"
)
# A band of pay written as its two ends ("from 6% to 12%", "between 3% and 5%"), its rate often in
# the clause after ("from 6% to 12%, the employer matches 50%").
_BAND = re.compile(rf"\bfrom\s+{_PCT}\s+(?:to|through|up\s+to)\s+{_PCT}")
_BETWEEN = re.compile(rf"\bbetween\s+{_PCT}\s+and\s+{_PCT}")
# "a full match up to 4%" is dollar for dollar; "how much is the full match?", with no share of pay after
# it, asks for the most the formula gives and names no rate.
_DOLLAR_FOR_DOLLAR = re.compile(
    r"dollar[\s-]+for[\s-]+(?:every\s+|each\s+)?dollar|\bfull match\b(?=[^.?!]*?\d\s*(?:%|percent\b))"
)
_CENTS = re.compile(
    r"(?:(\d+)[\s-]*cents?|\$0?\.(\d\d))[\s-]+(?:on|per|for)[\s-]+(?:(?:the|each|every|a)[\s-]+)?dollar"
)
# "a dollar for every two I put in": one dollar for every two (or four) deferred, a rate of 50% (25%).
_ONE_FOR_EVERY = re.compile(r"\b(?:a|one|\$1)\s+(?:dollar\s+)?for\s+(?:every|each)\s+(two|four|\$?2|\$?4)\b")
_EVERY = {"two": Decimal("0.5"), "2": Decimal("0.5"), "four": Decimal("0.25"), "4": Decimal("0.25")}
# "then 50 cents up to 5%": cents said alone, the dollar they are on left unsaid, are the same rate.
_CENTS_ALONE = re.compile(r"(?<![\d.])(\d{1,2})[\s-]*cents?\b")
_HALF = re.compile(r"\bhalf\b")
_NON_ELECTIVE = re.compile(
    r"non[\s-]?elective|profit[\s-]?sharing|regardless|whether or not|even if you|whatever you defer|"
    r"\bflat\b|automatic(?:ally)?|of (?:all )?(?:eligible )?(?:pay|salary|compensation) for everyone"
)
_CLAUSES = re.compile(r"\s*(?:[,;+]|\band then\b|\bthen\b|\bplus\b|\band\b)\s*")
_SAFE_HARBOR_BASIC = "100% of the first 3% and 50% of the next 2%"
_SAFE_HARBOR_ENHANCED = "100% of the first 4%"
EXAMPLE_FORMULAS = '"100% of the first 3% and 50% of the next 2%", "50% up to 6%", "3% non-elective"'


def names_a_rate(text: str, *, half: bool = True) -> bool:
    """Does text state a match rate: a percentage, "50 cents on the dollar", "dollar for dollar",
    or (unless half is False) "half"?"""
    lowered = text.lower()
    rates = (_PERCENT, _CENTS, _DOLLAR_FOR_DOLLAR, _ONE_FOR_EVERY, *([_HALF] if half else []))
    return any(found.search(lowered) for found in rates)


def _fraction(text: str) -> Decimal:
    return Decimal(text) / HUNDRED


def parse_match_formula(text: str) -> MatchFormula:
    """Read a match formula written in words; MatchFormulaError if it can't be read.

    A formula is a pydantic model (vested.calculate.inputs.match), imported only now: this module
    imports no pydantic, so a calculation that reads no formula runs without it.
    """
    from vested.calculate.inputs.match import MatchFormula

    cleaned = " ".join(text.lower().replace("–", "-").split())
    if re.search(r"\benhanced safe harbou?r\b", cleaned):
        cleaned = cleaned.replace("enhanced", "").strip()
        cleaned = re.sub(r"safe harbou?r( match)?", _SAFE_HARBOR_ENHANCED, cleaned)
    elif re.search(r"safe harbou?r", cleaned) and not _NON_ELECTIVE.search(cleaned):
        cleaned = re.sub(r"(basic )?safe harbou?r( match)?", _SAFE_HARBOR_BASIC, cleaned)
    if not cleaned:
        raise MatchFormulaError(f"it is empty; write it like {EXAMPLE_FORMULAS}")
    cleaned = _BETWEEN.sub(r"from \1% to \2%", cleaned)  # the "and" of a band does not split clauses
    tiers: list[MatchTier] = []
    non_elective = Decimal(0)
    upper = Decimal(0)
    previous = ""  # the clause of the last tier, while that tier has no limit
    band = ""  # a band stated before its rate, waiting for the clause that has it
    for clause in (part for part in _CLAUSES.split(cleaned) if part.strip()):
        if band:
            clause, band = f"{clause} {band}", ""
        elif _only_a_band(clause):
            band = clause
            continue
        if _NON_ELECTIVE.search(clause):
            found = _PERCENT.search(clause)
            if not found:
                raise MatchFormulaError(f"no percentage for the non-elective part {clause!r}")
            non_elective += _fraction(found.group(1))
            continue
        if previous and (_CAP.match(clause.strip()) or _only_an_employer_cap(clause)):
            tiers.pop()  # "half of what you put in, up to 7%": the limit belongs to the clause before
            clause = f"{previous} {clause}"
        tier, upper = _read_tier(clause, upper)
        previous = clause if tier is not None and tier.width is None else ""
        if tier is None:
            continue
        if tiers and tiers[-1].width is None:
            raise MatchFormulaError("a tier comes after one with no limit")
        tiers.append(tier)
    if not tiers and not non_elective:
        raise MatchFormulaError(f"no match rate in {text!r}; write it like {EXAMPLE_FORMULAS}")
    either = len(tiers) == 1 and not non_elective and _employer_share_of_pay(cleaned) is not None
    formula = MatchFormula(tiers=tuple(tiers), non_elective=non_elective, either_match_or_flat=either)
    _check_formula(formula)
    return formula


def _only_a_band(clause: str) -> bool:
    """ "from 6% to 12%": a clause that names a band of pay and no rate for it."""
    return _only(_BAND, clause)


def _only_an_employer_cap(clause: str) -> bool:
    """ "..., the match is capped at 3% of pay": a clause that only caps the tier before it."""
    return _only(_EMPLOYER_CAP, clause)


def _only(part: re.Pattern[str], clause: str) -> bool:
    """Does the clause hold this part and, outside it, no rate of its own?"""
    found = part.search(clause)
    if found is None:
        return False
    rest = clause[: found.start()] + " " + clause[found.end() :]
    return not (_PERCENT.search(rest) or _DOLLAR_FOR_DOLLAR.search(rest) or _CENTS.search(rest) or _HALF.search(rest))


# A match named only by a small percentage ("a 4% match", "they match 5% of pay", "matches up to 6%") is said
# as a share of pay: the employer matches dollar for dollar up to that share. Read as a rate on every dollar
# deferred it gave 4% of 6% of pay, a figure no one meant. A larger one ("a 50% match") is a rate, as
# written, and a clause that says what the share is of ("5% of your contributions") is read as written.
_BARE_MATCH = re.compile(
    rf"{_PCT}\s*(?:employer\s+|company\s+)?match(?:ing)?(?:\s+contributions?)?$"
    rf"|\bmatch(?:es|ed)?\s+(?:up\s+to\s+)?{_PCT}(?:\s+of\s+(?:(?:my|your|his|her|their)\s+)?(?:gross\s+)?"
    rf"(?:pay|salary|compensation|wages|earnings))?$"
)
# The employer said to put in a small share of pay, with no word of a match ("my employer puts in 4%", "the
# company adds 5% of pay"): a share of pay like a bare match, not a rate on every dollar deferred (read so, it
# gave 4% of 10% of pay). Whether it follows the deferral is unsaid: a deferral at or above the share gets it
# either way, one below it is asked about (MatchFormula.either_match_or_flat, unsure_below).
_EMPLOYER_SHARE = re.compile(
    rf"\b(?:employer|company|firm|work|job|they|plan)\b[^%]*?\b(?:puts?|putting|adds?|adding|contributes?|contributing|"
    rf"gives?|giving|kicks?|chips?|deposits?)\s+(?:in\s+)?(?:another\s+|an?\s+(?:extra|additional)\s+)?{_PCT}"
    rf"(?:\s+of\s+(?:(?:my|your|his|her|their)\s+)?(?:gross\s+)?(?:pay|salary|compensation|wages|earnings))?$"
)
_NOT_BARE = re.compile(r"\b(?:half|cents?|dollar|first|next|of\s+(?:what|every|each|employee|the employee))\b")
LARGEST_SHARE_OF_PAY_MATCH = Decimal("0.10")


def _share_of_pay_match(clause: str) -> Decimal | None:
    """The share of pay a match said only by a small percentage goes up to (see _BARE_MATCH), else None."""
    text = clause.strip()
    bare = _BARE_MATCH.search(text)
    if bare is None or len(_PERCENT.findall(text)) != 1 or _NOT_BARE.search(text):
        return None
    share = _fraction(next(group for group in bare.groups() if group is not None))
    return share if share <= LARGEST_SHARE_OF_PAY_MATCH else None


def _employer_share_of_pay(clause: str) -> Decimal | None:
    """The share of pay an employer is said to put in with no word of a match (see _EMPLOYER_SHARE), else None."""
    text = clause.strip()
    said = _EMPLOYER_SHARE.search(text)
    if said is None or "match" in text or len(_PERCENT.findall(text)) != 1 or _NOT_BARE.search(text):
        return None
    share = _fraction(said.group(1))
    return share if share <= LARGEST_SHARE_OF_PAY_MATCH else None


def _read_tier(clause: str, upper: Decimal) -> tuple[MatchTier | None, Decimal]:
    """One clause -> a tier and the new top of the matched pay; (None, upper) for filler."""
    from vested.calculate.inputs.match import MatchTier

    share = None if upper else (_share_of_pay_match(clause) or _employer_share_of_pay(clause))
    if share is not None:
        return MatchTier(rate=Decimal(1), width=share), share
    employer_cap = _EMPLOYER_CAP.search(clause)
    if employer_cap is not None:
        tier, top = _read_tier(clause[: employer_cap.start()] + " " + clause[employer_cap.end() :], upper)
        if tier is None or tier.width is not None:
            raise MatchFormulaError(f"a cap on the match and a cap on the deferral in {clause.strip()!r}")
        width = _fraction(employer_cap.group(1)) / tier.rate
        return MatchTier(rate=tier.rate, width=width), top + width
    band = _BAND.search(clause)
    if band is not None:
        low, high = _fraction(band.group(1)), _fraction(band.group(2))
        tier, _ = _read_tier(clause[: band.start()] + " " + clause[band.end() :], upper)
        if tier is None or tier.width is not None or low != upper or high <= low:
            raise MatchFormulaError(f"the band in {clause.strip()!r} does not follow the one before")
        return MatchTier(rate=tier.rate, width=high - low), high
    cap = _CAP.search(clause)
    rest = clause[: cap.start()] + " " + clause[cap.end() :] if cap else clause
    rate: Decimal | None = None
    if _DOLLAR_FOR_DOLLAR.search(rest):
        rate = Decimal(1)
    elif cents := _CENTS.search(rest):
        rate = _fraction(cents.group(1) or cents.group(2))
    elif one := _ONE_FOR_EVERY.search(rest):
        rate = _EVERY[one.group(1).lstrip("$")]
    elif cents := _CENTS_ALONE.search(rest):
        rate = _fraction(cents.group(1))
    elif _HALF.search(rest):
        rate = Decimal("0.5")
    percents = [_fraction(found.group(1)) for found in _PERCENT.finditer(rest)]
    if rate is None and percents:
        rate = percents.pop(0)
    if rate is None:
        if cap is None and not _PERCENT.search(clause):
            return None, upper
        raise MatchFormulaError(f"no match rate in {clause.strip()!r}; write it like {EXAMPLE_FORMULAS}")
    if cap is not None:
        bound = _fraction(cap.group(2))
        width = bound if cap.group(1) in {"next", "second", "third"} else bound - upper
    elif percents:
        width = percents[0] - upper
    else:
        return MatchTier(rate=rate), upper
    if width <= 0:
        raise MatchFormulaError("each tier must cover pay above the one before")
    return MatchTier(rate=rate, width=width), upper + width


def _check_formula(formula: MatchFormula) -> None:
    for tier in formula.tiers:
        if not 0 < tier.rate <= 1:
            raise MatchFormulaError("a match rate must be more than 0% and at most 100%")
    top = formula.full_match_deferral
    if top is not None and top > 1:
        raise MatchFormulaError("the matched pay adds up to more than 100%")
    if formula.non_elective > 1:
        raise MatchFormulaError("the non-elective contribution is over 100% of pay")


def _formula(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_match_formula(value)
        except MatchFormulaError as error:
            raise ValueError(f"could not be read: {error}") from None
    return value


def a_deferral(inputs: EmployerMatchInputs) -> None:
    """The match follows what you defer: as a share of pay, or in dollars out of a salary."""
    if inputs.deferral_rate is None and (inputs.contribution is None or inputs.salary is None):
        raise ValueError("give the share of pay you defer, or what you contribute and your salary")
    if inputs.deferral_rate is None and inputs.salary == 0:
        raise ValueError("a contribution in dollars needs a salary above $0 to be a share of pay")
    if inputs.contribution is None or not inputs.salary:
        return
    yearly = inputs.contribution * PERIODS_PER_YEAR[inputs.frequency]
    if yearly > inputs.salary:
        raise ValueError(f"what you contribute ({money(yearly)} a year) can't be more than your salary")


# A dollar contribution said beside the share of pay it is may be rounded ("about $5,500, 6% of $92,000").
SAID_TWICE_TOLERANCE = Decimal("0.01")


def _deferral(inputs: EmployerMatchInputs, steps: list[str]) -> Decimal:
    """The share of pay deferred: as given, or a dollar contribution over the salary. Both given with the
    salary must agree: a sum that is not that share of pay is something else, and a figure on either
    would be a confident wrong one."""
    if inputs.deferral_rate is not None:
        if inputs.contribution is not None and inputs.salary:
            yearly = inputs.contribution * PERIODS_PER_YEAR[inputs.frequency]
            share = inputs.salary * inputs.deferral_rate
            if abs(yearly - share) > max(Decimal(1), share * SAID_TWICE_TOLERANCE):
                raise CalculatorInputError(
                    f"{money(yearly)} a year is not the {percent(inputs.deferral_rate)} of {money(inputs.salary)} you "
                    f"defer ({money(share)}); say which one you put in",
                    field="contribution",
                )
        return inputs.deferral_rate
    assert inputs.contribution is not None and inputs.salary  # checked before the run (a_deferral)
    per_year = PERIODS_PER_YEAR[inputs.frequency]
    yearly = inputs.contribution * per_year
    deferral = yearly / inputs.salary
    made_yearly = f" × {per_year} = {money(yearly)} a year" if per_year > 1 else ""
    steps.append(
        f"{money(inputs.contribution)} {EACH_PERIOD[inputs.frequency]}{made_yearly}, "
        f"{percent(deferral, 2)} of {money(inputs.salary)}"
    )
    return deferral


def employer_match(inputs: EmployerMatchInputs, context: CalcContext) -> CalculationResult:
    """The match for a deferral rate, the total going in, and the deferral for the full match."""
    formula = inputs.formula
    steps: list[str] = []
    deferral = _deferral(inputs, steps)
    formula.unsure_below(deferral)
    match_rate = formula.match_rate(deferral)
    for tier, lower, used in formula.bands(deferral):
        if lower and not used:
            continue
        band = (f"your deferral above {percent(lower)}" if lower else "your deferral") + (
            "" if tier.width is None else f" up to {percent(lower + tier.width)}"
        )
        steps.append(f"{percent(tier.rate)} of {percent(used)} ({band}) = {percent(tier.rate * used)} of pay")
    if len(formula.tiers) > 1:
        steps.append(f"match = {percent(match_rate)} of pay")
    employer_rate = match_rate + formula.non_elective
    total_rate = deferral + employer_rate
    if total_rate > 1:
        raise CalculatorInputError(
            f"deferring {percent(deferral)} with the employer's {percent(employer_rate)} of pay would put in "
            "more than all your pay; everything going in is capped at 100% of pay (IRC 415(c))",
            field="deferral_rate",
        )
    if formula.non_elective:
        steps.append(f"non-elective contribution = {percent(formula.non_elective)} of pay")
    steps.append(
        f"{percent(deferral)} yours + {percent(employer_rate)} employer = {percent(total_rate)} of pay in total"
    )
    outputs: dict[str, Any] = {
        "match_rate_of_pay": match_rate,
        "non_elective_rate": formula.non_elective,
        "employer_rate_of_pay": employer_rate,
        "total_contribution_rate": total_rate,
        "full_match_deferral": formula.full_match_deferral,
    }
    citations = [GUIDE_FORMULA, PRIMER_FORMULA, WIDGET_TOTAL]
    if formula.non_elective:
        citations.append(NON_ELECTIVE)
    caveats = [
        "Plans differ: some match each paycheck rather than the year (a true-up fixes that), "
        "and the match may vest over time.",
    ]
    full = formula.full_match_deferral
    missed_rate = formula.match_rate(full) - match_rate if full is not None else Decimal(0)
    if full is not None and missed_rate > 0:
        outputs["missed_match_rate"] = missed_rate
        steps.append(
            f"deferring {percent(full)} would capture the whole match: {percent(missed_rate)} of "
            "pay more from the employer"
        )
        citations.append(FREE_MONEY)
    if inputs.salary is None:
        summary = (
            f"Deferring {percent(deferral)}, the employer adds {percent(employer_rate)} of pay: "
            f"{percent(total_rate)} of pay in total."
        )
    else:
        summary = _dollars(inputs, deferral, context, match_rate, steps, outputs, citations, caveats)
    paid = inputs.salary != 0  # with no pay there is no match to capture, and the summary says so
    # What more deferring would bring, not the whole match: beside the match a deferral earns, the whole
    # one reads as a second answer to "how much will the employer put in" (real questions took it so).
    most = outputs.get("most_match")
    if paid and full is not None and missed_rate > 0 and most is not None:
        more = most - outputs["match"]
        summary += f" Deferring {percent(full)} would capture the whole match, {money(more)} a year more."
    elif paid and full is not None and missed_rate > 0:
        summary += f" Deferring {percent(full)} would capture the whole match."
    elif paid and full is not None and formula.tiers:
        summary += " You capture the whole match."
    if any(tier.rate == Decimal("0.5") and tier.width == Decimal("0.06") for tier in formula.tiers):
        citations.insert(2, PRIMER_EXAMPLE)
    year = inputs.year or context.today.year
    return CalculationResult(
        tool="employer_match",
        summary=summary,
        # How often says something only of a contribution in dollars.
        inputs={
            name: value
            for name, value in {**inputs.model_dump(), "formula": formula.describe()}.items()
            if name != "frequency" or inputs.contribution is not None
        },
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=str(year),
    )


def _dollars(
    inputs: EmployerMatchInputs,
    deferral: Decimal,
    context: CalcContext,
    match_rate: Decimal,
    steps: list[str],
    outputs: dict[str, Any],
    citations: list[Citation],
    caveats: list[str],
) -> str:
    """Turn the rates into dollars of the salary; returns the summary sentence."""
    assert inputs.salary is not None
    salary = inputs.salary
    per_year = PERIODS_PER_YEAR[inputs.frequency]
    if inputs.year is not None:
        limits = year_limits(context, inputs.year)  # a year asked for and missing is said, never replaced
    else:
        limits = context.figures.limits_for(context.today.year) or context.figures.latest
        if limits.year != context.today.year:
            caveats.append(f"My table has no {context.today.year} limits yet; the {limits.year} ones were used.")
    pay_for_match = salary
    if salary > limits.compensation:
        pay_for_match = limits.compensation
        steps.append(
            f"only the first {money(limits.compensation)} of pay counts for employer contributions in {limits.year}"
        )
        citations.append(Citation(source=limits.notice, section="401(a)(17) compensation limit"))
    match = pay_for_match * match_rate
    full = inputs.formula.full_match_deferral
    if full is not None:
        most = pay_for_match * inputs.formula.match_rate(full)
        outputs["most_match"] = most if inputs.max_match is None else min(most, inputs.max_match)
    if inputs.max_match is not None and match > inputs.max_match:
        steps.append(f"{money(match)} is capped at the plan's {money(inputs.max_match)} a year")
        match = inputs.max_match
    else:
        steps.append(f"{percent(match_rate)} of {money(pay_for_match)} = {money(match)} match")
    non_elective = pay_for_match * inputs.formula.non_elective
    if non_elective:
        steps.append(
            f"{percent(inputs.formula.non_elective)} of {money(pay_for_match)} = {money(non_elective)} non-elective"
        )
    yours = salary * deferral if inputs.contribution is None else inputs.contribution * per_year
    if inputs.contribution is None:
        steps.append(f"{percent(deferral)} of {money(salary)} = {money(yours)} from you")
    if inputs.marginal_rate is not None:
        _tax_saving(yours, inputs.marginal_rate, steps, outputs, caveats)
    outputs.update(
        match=match,
        non_elective=non_elective,
        employee_contribution=yours,
        total_contribution=yours + match + non_elective,
    )
    each = ""
    if per_year > 1:
        outputs["match_each_period"] = match / per_year
        steps.append(f"{money(match)} ÷ {per_year} = {money(match / per_year)} match {EACH_PERIOD[inputs.frequency]}")
        each = f", {money(match / per_year)} {EACH_PERIOD[inputs.frequency]}"
    if yours > limits.deferral:
        caveats.append(
            f"Your {money(yours)} is above the {limits.year} deferral limit of "
            f"{money(limits.deferral)} (more with catch-up at 50+); the plan would stop your "
            "deferrals there, and the match with them."
        )
    employer = match + non_elective
    if not salary:
        return "With no salary, nothing is deferred and nothing is matched: a match is a share of pay."
    match_text = f"a {money(match)} match a year ({percent(match / salary)} of pay{each})" if match else "no match"
    extra = f" and {money(non_elective)} non-elective" if non_elective else ""
    if inputs.contribution is None:
        deferring = f"Deferring {percent(deferral)} of {money(salary)}"
    else:
        deferring = (
            f"Contributing {money(inputs.contribution)} {EACH_PERIOD[inputs.frequency]} "
            f"({percent(deferral, 2)} of {money(salary)})"
        )
    return (
        f"{deferring}, you get {match_text}{extra}; "
        f"{money(yours + employer)} goes in altogether, "
        f"{percent((yours + employer) / salary)} of pay."
    )


def _tax_saving(yours: Decimal, rate: Decimal, steps: list[str], outputs: dict[str, Any], caveats: list[str]) -> None:
    """What a pre-tax deferral takes off this year's income tax: it is not taxable pay now, so the
    person's marginal rate on it is the saving (a textbook's "tax savings from the contribution")."""
    saving = yours * rate
    outputs["tax_saving"] = saving
    steps.append(f"{percent(rate)} of {money(yours)} deferred before tax = {money(saving)} less income tax this year")
    caveats.append(
        "The tax saving holds for pre-tax deferrals: a Roth deferral is taxed now, Social Security and Medicare "
        "tax still apply, and the money is taxed when it comes out."
    )


CALCULATORS = (
    CalculatorSpec(
        name="employer_match",
        title="Employer match",
        description="The employer match for your deferral rate, in dollars and as a share of "
        "pay, the total going in, and the deferral that captures the whole match.",
        inputs_model="vested.calculate.inputs.match:EmployerMatchInputs",
        run=employer_match,
        stand_ins={"deferral_rate": ("contribution", "salary")},
        examples=(
            'vested calc employer_match --formula "100% of the first 3% and 50% of the next 2%" '
            "--salary 50000 --deferral-rate 6",
            'vested calc employer_match --formula "50% up to 6%" --salary 80000 --deferral-rate 8',
        ),
    ),
)
