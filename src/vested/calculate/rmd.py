"""Required minimum distributions: when they start, how much, and the cost of missing one.

The RMD age depends on the birth date (70½, 72, 73 or 75 after the SECURE Acts), read from
figures.toml. The first RMD is for the year that age is reached and may wait until
April 1 of the next year (the required beginning date); someone still working who owns
no more than 5% of the employer can wait until April 1 after retiring. Each year's amount
is the prior year-end balance divided by the Uniform Lifetime Table's period for the age
reached that year. A missed RMD owes an excise tax of 25% of the shortfall, 10% if
corrected in time.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from vested.calculate.base import (
    CalcContext,
    CalculationResult,
    CalculatorInputError,
    CalculatorSpec,
)
from vested.calculate.checks import (
    MAX_AGE,
    check_amount,
)
from vested.calculate.excise import EXCISE_CORRECTED, EXCISE_LAW, GUIDE_PENALTY, excise_on
from vested.calculate.money import long_date, money, parse_amount, percent
from vested.knowledge.figures import RmdAgeRule
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.rmd import RmdInputs


TABLE_FROM_YEAR = 2022
RULES_AS_OF = "2025"

GUIDE_START = Citation(
    source="guide-2025",
    section="Accessing Your 401k Funds",
    paragraph=5,
    quote="These mandatory annual withdrawals must begin by April 1 of the year after an individual turns 73.",
)
FAQ_70_HALF = Citation(
    source="faq-2019",
    section="Withdrawal and Loan Rules",
    paragraph=8,
    quote="Participants in 401(k) plans must begin taking distributions by age 70 1/2",
)
FAQ_STILL_WORKING = Citation(
    source="faq-2019",
    section="Withdrawal and Loan Rules",
    paragraph=9,
    quote="you own less than 5% of the company that maintains the plan, you continue to work at that same company",
)
SEVENTY_AND_A_HALF = Decimal("70.5")
# A distribution period as a question may state one (the tables print 1.9 to 60 years).
LONGEST_PERIOD = Decimal(60)

# A format parser of typed "key=value" rows ("72=27.4, 73=26.5", "2025=400000");
# tests/test_format_parsers.py.
_ROW = re.compile(r"(\d+)\s*[:=]\s*\$?\s*([\d,]*\.?\d+\s*[kKmM]?)")


def _rows(value: Any, example: str) -> Any:
    if not isinstance(value, str):
        return value
    rows = _ROW.findall(value)
    if not rows:
        raise ValueError(f"could not be read from {value!r}; write it like {example!r}")
    return {int(key): item.strip() for key, item in rows}


PERIODS_EXAMPLE = "72=27.4, 73=26.5"
BALANCES_EXAMPLE = "2024=400000, 2025=425000"


def _period_rows(value: Any) -> Any:
    """'72=27.4, 73=26.5' (age = distribution period) -> {72: Decimal('27.4'), ...}."""
    rows = _rows(value, PERIODS_EXAMPLE)
    try:
        return {int(age): Decimal(str(period).replace(",", "")) for age, period in rows.items()}
    except (InvalidOperation, ValueError):
        raise ValueError(f"could not be read from {value!r}; write it like {PERIODS_EXAMPLE!r}") from None


def _check_periods(table: dict[int, Decimal]) -> dict[int, Decimal]:
    for age, period in table.items():
        if not 0 < age <= MAX_AGE:
            raise ValueError(f"must give ages from 1 to {MAX_AGE} (got {age})")
        if not 0 < period <= LONGEST_PERIOD:
            raise ValueError(f"must give periods above 0 and at most {LONGEST_PERIOD} years (age {age}: {period})")
    return dict(sorted(table.items()))


def _balance_rows(value: Any) -> Any:
    """'2024=400000, 2025=425000' (year-end balances) -> {2024: Decimal('400000'), ...}."""
    rows = _rows(value, BALANCES_EXAMPLE)
    return {
        int(year): parse_amount(str(amount)) if isinstance(amount, str) else amount for year, amount in rows.items()
    }


def _check_balances(balances: dict[int, Decimal]) -> dict[int, Decimal]:
    for year, amount in balances.items():
        if not 1900 <= year <= 2200:
            raise ValueError(f"must give calendar years like 2025 (got {year})")
        check_amount(amount)
    return dict(sorted(balances.items()))


def _rule_for(context: CalcContext, born: date) -> RmdAgeRule:
    for rule in context.figures.rmd_ages:
        start = date.fromisoformat(rule.born_from) if rule.born_from else date.min
        end = date.fromisoformat(rule.born_until) if rule.born_until else date.max
        if start <= born <= end:
            return rule
    raise CalculatorInputError(f"my RMD table has no rule for people born {born.isoformat()}")


def _age_text(age: Decimal) -> str:
    return "70½" if age == Decimal("70.5") else f"{age:f}"


def _rmd_year(born: date, age: Decimal) -> int:
    """The calendar year in which the RMD age is reached (70½ lands six months after a birthday)."""
    whole = int(age)
    if age == whole:
        return born.year + whole
    month = born.month + 6
    return born.year + whole + (1 if month > 12 else 0)


def rmd(inputs: RmdInputs, context: CalcContext) -> CalculationResult:
    """RMD age and deadline, the year's amount, and the excise tax on a missed one."""
    if inputs.birth_date is None and inputs.age is None and inputs.missed_amount is None:
        raise CalculatorInputError(
            "give your birth date (or your age), or the amount of a missed RMD", field="birth_date"
        )
    if inputs.prior_year_balance is not None and inputs.year_end_balances is not None:
        raise CalculatorInputError(
            "give either last year's balance or the year-end balances, not both", field="year_end_balances"
        )
    year = inputs.distribution_year or _year_of_balances(inputs) or context.today.year
    steps: list[str] = []
    outputs: dict[str, Any] = {}
    citations: list[Citation] = []
    caveats: list[str] = []
    summary_parts: list[str] = []
    if inputs.birth_date is not None or inputs.age is not None:
        _schedule(inputs, context, year, steps, outputs, citations, caveats, summary_parts)
    if inputs.taken is not None:
        _still_to_take(inputs.taken, outputs, steps, summary_parts)
    if inputs.missed_amount is not None:
        _excise(inputs, steps, outputs, citations, summary_parts)
    caveats.append(
        "Roth 401(k) accounts need no RMDs during your life from 2024; the rules here are for pre-tax money."
    )
    return CalculationResult(
        tool="rmd",
        summary=" ".join(summary_parts),
        inputs=inputs.model_dump(),
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=RULES_AS_OF,
    )


def _year_of_balances(inputs: RmdInputs) -> int | None:
    """With one year-end balance and no year named, the RMD it serves: the next year's."""
    balances = inputs.year_end_balances
    if inputs.first_rmd or not balances or len(balances) != 1:
        return None
    return next(iter(balances)) + 1


def _born(inputs: RmdInputs, year: int, caveats: list[str]) -> date:
    """The birth date given, checked against the age; or one worked back from the age."""
    if inputs.birth_date is not None:
        born = inputs.birth_date
        if inputs.age is not None and year - born.year == inputs.age + 1:
            # "He is 58, born in 1967" in 2026: the age people say is the one before this year's birthday.
            caveats.append(
                f"Born in {born.year}, you reach {year - born.year} in {year}; "
                f"{inputs.age} is your age before that birthday."
            )
        elif inputs.age is not None and year - born.year != inputs.age:
            raise CalculatorInputError(
                f"born in {born.year}, you reach {year - born.year} in {year}, not {inputs.age}",
                field="age",
            )
        if born.year > year:
            raise CalculatorInputError(
                f"a birth date in {born.year} is after {year}: no RMD is due for someone not yet born",
                field="birth_date",
            )
        return born
    caveats.append(
        "Worked from your age, not your birth date; near a rule's cut-off date the exact "
        "birth date can change the RMD age."
    )
    return date(year - (inputs.age or 0), 12, 31)


def _schedule(
    inputs: RmdInputs,
    context: CalcContext,
    year: int,
    steps: list[str],
    outputs: dict[str, Any],
    citations: list[Citation],
    caveats: list[str],
    summary_parts: list[str],
) -> None:
    """The RMD age, the first RMD year and deadline, and this year's amount if a balance is given."""
    born = _born(inputs, year, caveats)
    rule = _rule_for(context, born)
    rmd_age = rule.age
    steps.append(f"born {born.year}: RMD age {_age_text(rmd_age)} ({rule.law})")
    law_first_year = _rmd_year(born, rmd_age)
    if inputs.assumed_rmd_age is not None and inputs.assumed_rmd_age != rmd_age:
        rmd_age = inputs.assumed_rmd_age
        steps.append(
            f"the question works under an RMD age of {_age_text(rmd_age)}"
            + (" (the rule before the SECURE Act of 2019)" if rmd_age == SEVENTY_AND_A_HALF else "")
            + ": worked under it"
        )
    first_year = _rmd_year(born, rmd_age)
    age_text = _age_text(rmd_age)
    # A year of retirement says the person worked there until then: the still-working delay
    # applies whether or not "still working" was also said.
    worked_on = inputs.still_working or inputs.retirement_year is not None
    delayed = worked_on and not inputs.five_percent_owner
    if delayed and not inputs.still_working:
        caveats.append(
            "Worked as someone who stayed with the plan's employer until retiring and owns no more "
            "than 5% of it; a 5% owner's first RMD cannot wait for retirement."
        )
    steps.append(f"you reach {age_text} in {first_year}" + ("" if delayed else f": your first RMD is for {first_year}"))
    citations.extend([FAQ_70_HALF, GUIDE_START] if rmd_age == SEVENTY_AND_A_HALF else [GUIDE_START])
    citations.append(Citation(source=rule.source, section="RMD age"))
    deadline_year: int | None = first_year + 1
    start_year = first_year
    if delayed:
        citations.append(FAQ_STILL_WORKING)
        if inputs.retirement_year is None:
            deadline_year = None
            steps.append(
                "still working there and not a 5% owner: the first RMD can wait until April 1 "
                "of the year after you retire"
            )
        else:
            start_year = max(first_year, inputs.retirement_year)
            deadline_year = start_year + 1
            steps.append(
                f"still working there and not a 5% owner, retiring in {inputs.retirement_year}: "
                f"the first RMD is for {start_year}"
            )
    elif worked_on:
        steps.append("as a 5% owner you can't delay RMDs for still working")
    if inputs.first_rmd and inputs.distribution_year is None and deadline_year is not None:
        year = start_year
    outputs.update(rmd_age=rmd_age, first_rmd_year=start_year if deadline_year is not None else None)
    if deadline_year is not None:
        deadline = date(deadline_year, 4, 1)
        outputs["required_beginning_date"] = deadline
        steps.append(f"required beginning date: {long_date(deadline)}")
        summary_parts.append(
            f"Your RMD age is {age_text}: the first RMD (for {start_year}) is due by {long_date(deadline)}."
        )
        if context.today.year <= deadline_year:
            caveats.append(
                "Waiting until April 1 for the first RMD means taking two in that year, the first "
                "and the second, which can raise that year's tax."
            )
    else:
        outputs["required_beginning_date"] = None
        summary_parts.append(
            f"Your RMD age is {age_text}, but while you keep working there your first RMD can "
            "wait until April 1 of the year after you retire."
        )
    if rmd_age != rule.age:
        law = f"Under the law for someone born in {born.year} ({rule.law}) the RMD age is {_age_text(rule.age)}"
        summary_parts.append(
            f"That is the rule the question works under. {law}"
            + (f", and no RMD would be due for {year}." if year < law_first_year and not delayed else ".")
        )
    balance = _prior_balance(inputs, year, steps)
    if balance is not None and deadline_year is None:
        outputs.update(distribution_year=year, rmd=Decimal(0))
        steps.append(f"no RMD from this plan is required for {year} while you keep working there")
        summary_parts.append(f"No RMD from this plan is required for {year} while you keep working there.")
    elif balance is None and year >= start_year:
        _divisor_only(context, year, born, steps, outputs, citations)
    elif balance is not None:
        _amount(inputs, balance, context, year, born, start_year, steps, outputs, citations, summary_parts)


def _prior_balance(inputs: RmdInputs, year: int, steps: list[str]) -> Decimal | None:
    """The balance at the end of the year before: given as such, or picked from the year-end balances."""
    balances = inputs.year_end_balances
    if balances is None:
        return inputs.prior_year_balance
    if year - 1 not in balances:
        given = " and ".join(str(each) for each in balances)
        raise CalculatorInputError(
            f"the {year} RMD is worked from the balance at the end of {year - 1}, and I read balances "
            f"for the end of {given} only",
            field="year_end_balances",
        )
    others = [each for each in balances if each != year - 1]
    steps.append(
        f"the {year} RMD uses the balance at the end of {year - 1}, {money(balances[year - 1])}"
        + (f" (not the one at the end of {' or '.join(str(each) for each in others)})" if others else "")
    )
    return balances[year - 1]


def _amount(
    inputs: RmdInputs,
    balance: Decimal,
    context: CalcContext,
    year: int,
    born: date,
    start_year: int,
    steps: list[str],
    outputs: dict[str, Any],
    citations: list[Citation],
    summary_parts: list[str],
) -> None:
    """This year's RMD: last year-end balance ÷ the distribution period (the question's, or the table's)."""
    stated = inputs.stated_periods
    if year < TABLE_FROM_YEAR and stated is None:
        raise CalculatorInputError(
            f"I use the Uniform Lifetime Table in force from {TABLE_FROM_YEAR}; {year} used an older table",
            field="distribution_year",
        )
    age_in_year = year - born.year
    outputs.update(distribution_year=year, age_in_year=age_in_year)
    if year < start_year:
        outputs["rmd"] = Decimal(0)
        steps.append(f"no RMD is required for {year}: the first is for {start_year}")
        summary_parts.append(f"No RMD is required for {year}.")
        return
    table_divisor = context.figures.divisor(age_in_year)
    if stated is not None:
        divisor = _stated_divisor(stated, age_in_year, year)
        current = f"{table_divisor} at {age_in_year}" if table_divisor is not None else f"no period at {age_in_year}"
        steps.append(
            f"age {age_in_year} in {year}: distribution period {divisor}, the question's own (the Uniform "
            f"Lifetime Table in force from {TABLE_FROM_YEAR} gives {current})"
        )
    elif table_divisor is None:
        raise CalculatorInputError(
            f"the Uniform Lifetime Table starts at age 72; at {age_in_year} in {year} use the rules your plan gives",
            field="distribution_year",
        )
    else:
        divisor = table_divisor
        steps.append(f"age {age_in_year} in {year}: Uniform Lifetime Table period {divisor}")
    amount = balance / divisor
    outputs.update(divisor=divisor, rmd=amount)
    steps.append(f"{money(balance)} ÷ {divisor} = {money(amount)} RMD for {year}")
    citations.append(_uniform_table(context))
    summary_parts.append(f"For {year}, at age {age_in_year}, the RMD is {money(amount)}.")
    if stated is not None:
        summary_parts.append(
            f"It uses the question's distribution period ({divisor}), not the IRS Uniform Lifetime Table "
            f"in force from {TABLE_FROM_YEAR}."
        )


def _stated_divisor(stated: dict[int, Decimal], age: int, year: int) -> Decimal:
    """The question's own period for the age reached in the year."""
    if age not in stated:
        ages = ", ".join(str(each) for each in stated)
        raise CalculatorInputError(
            f"the {year} RMD needs the distribution period for age {age}, the age reached in {year}, "
            f"and the periods given are for ages {ages}",
            field="stated_periods",
        )
    return stated[age]


def _uniform_table(context: CalcContext) -> Citation:
    """The regulation's table every divisor comes from."""
    return Citation(source=context.figures.uniform_lifetime_source, section="(c) Uniform Lifetime Table")


def _divisor_only(
    context: CalcContext,
    year: int,
    born: date,
    steps: list[str],
    outputs: dict[str, Any],
    citations: list[Citation],
) -> None:
    """Without a balance, the year's divisor: what the RMD will be worked out with."""
    age_in_year = year - born.year
    divisor = context.figures.divisor(age_in_year)
    if divisor is None or year < TABLE_FROM_YEAR:
        return
    outputs.update(distribution_year=year, age_in_year=age_in_year, divisor=divisor)
    steps.append(
        f"age {age_in_year} in {year}: Uniform Lifetime Table period {divisor}; the {year} RMD is the "
        f"balance at the end of {year - 1} ÷ {divisor}"
    )
    citations.append(_uniform_table(context))


def _still_to_take(taken: Decimal, outputs: dict[str, Any], steps: list[str], summary_parts: list[str]) -> None:
    """What is left of the year's RMD after what was taken: never worked without the RMD itself, so an
    amount taken is never dropped silently."""
    required = outputs.get("rmd")
    if required is None:
        raise CalculatorInputError(
            f"to tell what is left to take after the {money(taken)} taken, I need the year's RMD: give the "
            "balance at the end of the year before",
            field="prior_year_balance",
        )
    year = outputs["distribution_year"]
    left = max(required - taken, Decimal(0))
    outputs["still_to_take"] = left
    if left:
        steps.append(f"{money(required)} − {money(taken)} taken = {money(left)} still to take for {year}")
        summary_parts.append(
            f"With {money(taken)} taken, {money(left)} more must come out for {year}; once its deadline has "
            "passed, that shortfall is the corrective distribution to take at once."
        )
    else:
        steps.append(f"the {money(taken)} taken covers the {money(required)} RMD for {year}")
        summary_parts.append(f"The {money(taken)} taken covers it; nothing more is required for {year}.")


def _excise(
    inputs: RmdInputs,
    steps: list[str],
    outputs: dict[str, Any],
    citations: list[Citation],
    summary_parts: list[str],
) -> None:
    """25% of the amount not taken, or 10% when corrected within the window."""
    missed = inputs.missed_amount if inputs.missed_amount is not None else Decimal(0)
    excise = excise_on(missed, inputs.corrected_in_time)
    full, reduced = excise.full, excise.reduced
    steps.extend(excise.steps)
    outputs.update(excise_tax=excise.tax, excise_tax_uncorrected=full, excise_tax_corrected=reduced)
    citations.extend([GUIDE_PENALTY, EXCISE_LAW])
    if inputs.corrected_in_time:
        summary_parts.append(
            f"Missing {money(missed)} and correcting it in time costs {money(reduced)} "
            f"({percent(EXCISE_CORRECTED)}) in excise tax."
        )
    else:
        summary_parts.append(
            f"Missing {money(missed)} of RMD costs {money(full)} in excise tax ({money(reduced)} if corrected in time)."
        )


CALCULATORS = (
    CalculatorSpec(
        name="rmd",
        title="Required minimum distributions",
        description="Your RMD age and first deadline from your birth date, the year's RMD from "
        "last year's balance (Uniform Lifetime Table), and the excise tax on a missed RMD.",
        inputs_model="vested.calculate.inputs.rmd:RmdInputs",
        run=rmd,
        examples=(
            "vested calc rmd --birth-date 1958-05-20",
            "vested calc rmd --birth-date 1951-03-02 --prior-year-balance 500000 --distribution-year 2026",
            "vested calc rmd --missed-amount 12000",
        ),
    ),
)
