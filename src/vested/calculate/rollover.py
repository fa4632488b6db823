"""Indirect rollovers: the 20% withheld, the cash to find, and the cost of a shortfall.

When the plan pays you instead of the new account, it must withhold 20%; to keep the whole
balance tax-deferred you redeposit the full amount within 60 days, making up the withheld
part from other money. Whatever is not redeposited is a taxable distribution, with the 10%
additional tax before 59½ unless you left the employer in or after the year you turned 55.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from vested.calculate.base import (
    CalcContext,
    CalculationResult,
    CalculatorInputError,
    CalculatorSpec,
)
from vested.calculate.money import money, percent
from vested.calculate.taxes import additional_tax
from vested.knowledge.models import Citation

if TYPE_CHECKING:
    from vested.calculate.inputs.rollover import IndirectRolloverInputs


WITHHOLDING = Decimal("0.20")
# A stated withholding or check may be rounded to the dollar ("about $8,000"): within a dollar it agrees.
STATED_SUM_TOLERANCE = Decimal(1)
RULES_AS_OF = "2025"

FAQ_EXAMPLE = Citation(
    source="faq-2019",
    section="Rollover Rules",
    paragraph=7,
    quote="Under current law you will receive $8,000 and the "
    "IRS will receive $2,000 against possible taxes on your withdrawal.",
)
GUIDE_RULE = Citation(
    source="guide-2025",
    section="Handling Your 401k When Changing Jobs",
    paragraph=4,
    quote="the plan must withhold 20% for federal taxes. You then have 60 days to deposit the full original amount",
)
GUIDE_SHORTFALL = Citation(
    source="guide-2025",
    section="Handling Your 401k When Changing Jobs",
    paragraph=4,
    quote="If you fail to deposit the full amount, the shortfall is considered a taxable distribution",
)
FAQ_WITHHELD_TOO = Citation(
    source="faq-2019",
    section="Rollover Rules",
    paragraph=6,
    quote="The 20% withheld must also be rolled into a new retirement account within 60 days, out of your own pocket",
)
AGE_55 = Citation(
    source="faq-2019",
    section="Withdrawal and Loan Rules",
    paragraph=5,
    quote="If the participant who separates from service is age 55 or more during the year of separation",
)
WITHHOLDING_LAW = Citation(source="irc-3405c", section="3405(c)")
SIXTY_DAYS_LAW = Citation(source="irc-402c", section="402(c)(3)")
EARLY_TAX_LAW = Citation(source="irc-72t", section="72(t)(1) and (2)(A)(v)")


def _withholding(inputs: IndirectRolloverInputs, amount: Decimal) -> tuple[Decimal, Decimal]:
    """The rate withheld and its dollars, from whichever the person stated, checked against each other.

    A rate, the dollars withheld and the check received each say the same thing when given with
    the amount paid out; a stated rate other than 20% is used as stated (more can be withheld on
    request; 10% is the default on a payment that is not an eligible rollover distribution).
    """
    if inputs.withholding_rate is not None:
        rate = inputs.withholding_rate
    elif inputs.withheld is not None:
        rate = inputs.withheld / amount
    elif inputs.received is not None:
        rate = (amount - inputs.received) / amount
    else:
        rate = WITHHOLDING
    withheld = inputs.withheld if inputs.withheld is not None else amount * rate
    if abs(withheld - amount * rate) > STATED_SUM_TOLERANCE:
        raise CalculatorInputError(
            f"{percent(rate)} of {money(amount)} is {money(amount * rate)}, not the {money(withheld)} you gave as "
            "withheld; check the amount paid out",
            field="withheld",
        )
    if inputs.received is not None and abs(amount - withheld - inputs.received) > STATED_SUM_TOLERANCE:
        raise CalculatorInputError(
            f"{money(amount)} paid out less {money(withheld)} withheld is {money(amount - withheld)}, not the "
            f"{money(inputs.received)} you gave as received; check the amounts",
            field="received",
        )
    if not Decimal(0) <= withheld <= amount:
        raise CalculatorInputError(
            f"the withholding ({money(withheld)}) must be between $0 and the amount paid out ({money(amount)})",
            field="withheld",
        )
    return rate, withheld


def _paid_out(inputs: IndirectRolloverInputs) -> tuple[Decimal, list[str]]:
    """The amount paid out: as given, or worked back from the check received and what was withheld (its
    dollars, its rate, or else the 20% the law withholds from an eligible rollover distribution)."""
    if inputs.amount is not None:
        return inputs.amount, []
    if inputs.received is None:
        raise CalculatorInputError("give the amount paid out, or the check you received", field="amount")
    if inputs.received <= 0:
        raise CalculatorInputError("a check of $0.00 leaves nothing paid out to work back from", field="received")
    if inputs.withheld is not None:
        amount = inputs.received + inputs.withheld
        return amount, [
            f"{money(inputs.received)} received + {money(inputs.withheld)} withheld = {money(amount)} paid out"
        ]
    rate = inputs.withholding_rate if inputs.withholding_rate is not None else WITHHOLDING
    if rate >= 1:
        raise CalculatorInputError("a withholding of 100% leaves no check to work back from", field="withholding_rate")
    amount = inputs.received / (1 - rate)
    return amount, [
        f"a check of {money(inputs.received)} after {percent(rate)} withheld: {money(inputs.received)} ÷ "
        f"{percent(1 - rate)} = {money(amount)} paid out"
    ]


def indirect_rollover(inputs: IndirectRolloverInputs, context: CalcContext) -> CalculationResult:
    """The withholding, the cash received and what a partial redeposit costs."""
    amount, worked_back = _paid_out(inputs)
    rate, withheld = _withholding(inputs, amount)
    received = amount - withheld
    steps = [
        *worked_back,
        f"{percent(rate)} of {money(amount)} withheld = {money(withheld)}",
        f"{money(amount)} − {money(withheld)} = {money(received)} paid to you",
        f"to roll over the full {money(amount)} within 60 days, deposit the {money(received)} you received "
        f"and add {money(withheld)} from other money",
    ]
    outputs: dict = {"withheld": withheld, "received": received, "to_add": withheld, "full_rollover": amount}
    citations = [FAQ_EXAMPLE, GUIDE_RULE, FAQ_WITHHELD_TOO, WITHHOLDING_LAW, SIXTY_DAYS_LAW]
    caveats = [
        f"The {money(withheld)} withheld is a tax prepayment: it comes back as a credit when "
        "you file your return for the year.",
        "A direct rollover (plan to plan or plan to IRA) avoids the withholding altogether.",
    ]
    if rate != WITHHOLDING:
        caveats.insert(
            0,
            f"I used the {percent(rate)} withholding you stated. An eligible rollover distribution paid to you "
            "has at least 20% withheld (more if you ask); 10% is the default on a payment that can't be rolled "
            "over, such as a hardship withdrawal, so check which kind of payment this was.",
        )
    redeposited = received if inputs.only_check_redeposited else inputs.redeposited
    if inputs.only_check_redeposited and inputs.redeposited is not None and inputs.redeposited != received:
        raise CalculatorInputError(
            f"you said only the check was redeposited ({money(received)}) but also gave "
            f"{money(inputs.redeposited)}; give one or the other",
            field="redeposited",
        )
    summary = (
        f"Of {money(amount)} you receive {money(received)} ({money(withheld)} is "
        f"withheld); to keep it all tax-free, roll over the full {money(amount)} within 60 days, "
        f"adding {money(withheld)} from other money."
    )
    if redeposited is not None and redeposited > amount:
        raise CalculatorInputError(
            f"you can't redeposit more ({money(redeposited)}) than was paid out ({money(amount)})",
            field="redeposited",
        )
    if redeposited is not None and redeposited < amount:
        shortfall = amount - redeposited
        outputs.update(redeposited=redeposited, taxable_shortfall=shortfall)
        steps.append(
            f"{money(amount)} − {money(redeposited)} redeposited = {money(shortfall)} "
            "not rolled over, taxed as a distribution"
        )
        citations.insert(1, GUIDE_SHORTFALL)
        summary = f"Redepositing {money(redeposited)} of {money(amount)} leaves {money(shortfall)} taxable"
        if redeposited <= received:
            kept = received - redeposited
            outputs["kept_in_hand"] = kept
            steps.append(
                f"{money(received)} received − {money(redeposited)} redeposited = {money(kept)} kept in hand; "
                f"the other {money(withheld)} of the shortfall was withheld"
            )
        costs = []
        if inputs.marginal_rate is not None:
            income_tax = shortfall * inputs.marginal_rate
            outputs["income_tax"] = income_tax
            steps.append(f"income tax at {percent(inputs.marginal_rate)} of {money(shortfall)} = {money(income_tax)}")
            costs.append(f"{money(income_tax)} income tax")
        if inputs.age is not None:
            penalty = additional_tax(shortfall, inputs.age, left_at_55=inputs.separated_at_55)
            steps.append(penalty.step)
            caveats.extend(penalty.caveats)
            outputs["additional_tax"] = penalty.amount
            if penalty.amount:
                costs.append(f"{money(penalty.amount)} additional tax")
            citations.extend([AGE_55, EARLY_TAX_LAW] if penalty.reason == "age 55" else [EARLY_TAX_LAW])
        else:
            caveats.append("Under 59½ the shortfall may also owe a 10% additional tax; give your age to include it.")
        summary += f", with {' and '.join(costs)}." if costs else "."
    elif redeposited is not None:
        outputs["redeposited"] = redeposited
        outputs["taxable_shortfall"] = Decimal(0)
        steps.append(f"all {money(amount)} redeposited: nothing is taxable now")
    return CalculationResult(
        tool="indirect_rollover",
        summary=summary,
        inputs={**inputs.model_dump(), "amount": amount, "redeposited": redeposited},
        outputs=outputs,
        steps=steps,
        citations=citations,
        caveats=caveats,
        as_of=RULES_AS_OF,
    )


CALCULATORS = (
    CalculatorSpec(
        name="indirect_rollover",
        title="Indirect rollover",
        description="A distribution paid to you: the 20% withheld, the cash you receive, what "
        "to add to roll over the full balance within 60 days, and the tax on any shortfall.",
        inputs_model="vested.calculate.inputs.rollover:IndirectRolloverInputs",
        run=indirect_rollover,
        no_more_than={"redeposited": "amount", "received": "amount", "withheld": "amount"},
        stand_ins={"amount": ("received",)},
        examples=(
            "vested calc indirect_rollover --amount 10000",
            "vested calc indirect_rollover --amount 60000 --only-check-redeposited --age 50",
        ),
    ),
)
