"""Numeric questions of round 13: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st


def _cents(value: Decimal | str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@settings(max_examples=30, deadline=None)
@given(
    value=st.sampled_from([("120k", 120000), ("$84,000", 84000), ("250 grand", 250000)]),
    basis=st.sampled_from([("30k", 30000), ("$21,000", 21000)]),
    said=st.sampled_from(
        [
            "the account is worth {value}, basis is {basis}",
            "my 401k is worth {value}, the basis is {basis}",
            "account's worth {value}, after-tax part is {basis}",
        ]
    ),
    taken=st.sampled_from([("8k", 8000), ("$6,000", 6000)]),
)
def test_a_cue_after_a_comma_names_the_number_of_its_own_clause(assistant, value, basis, said, taken):
    """ "the account is worth 120k, basis is 30k. if i take out 8k ..., what's tax free" read the 120k as the
    basis (the word "basis" was two characters after it) and the 30k as the account: 100% tax-free."""
    question = said.format(value=value[0], basis=basis[0]) + f". if i take out {taken[0]}, what's tax free"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "after_tax_basis_share", (question, answer)
    assert answer.calculation.inputs["basis"] == str(basis[1]), question
    expected = _cents(Decimal(taken[1]) * basis[1] / value[1])
    assert _cents(answer.calculation.outputs["tax_free"]) == expected, question


def test_a_total_before_of_which_is_still_the_total(assistant):
    """The comma stops an input's cue, not a context's: "$300k, of which $140,000 is vested" is a total."""
    answer = assistant.ask("My 401(k) balance is $300k, of which $140,000 is vested. How much could I borrow?")
    assert answer.kind == "calculation" and answer.calculation.inputs["vested"] == "140000", answer.answer


@settings(max_examples=30, deadline=None)
@given(
    ends=st.sampled_from([("60", "65 thousand"), ("$40k", "$45k"), ("110", "120 grand"), ("$20,000", "$25,000")]),
    said=st.sampled_from(
        [
            "i've got somewhere between {low} and {high} vested in my 401k. {ask}",
            "My vested balance is between {low} and {high}. {ask}",
            "vested is anywhere between {low} & {high}, {ask}",
        ]
    ),
    ask=st.sampled_from(["whats the max i could borrow", "How much can I take as a loan?"]),
)
def test_a_balance_said_as_a_range_between_two_sums_is_no_one_figure(assistant, ends, said, ask):
    """ "i've got somewhere between 60 and 65 thousand vested ... whats the max i could borrow" lent $32,500
    on the higher end, read as the vested balance; the lower end was left unused."""
    question = said.format(low=ends[0], high=ends[1], ask=ask)
    answer = assistant.ask(question)
    assert answer.kind != "calculation", (question, answer.answer)


@settings(max_examples=20, deadline=None)
@given(ends=st.sampled_from([("5", "6 thousand"), ("$4,000", "$6,000"), ("8k", "10k")]))
def test_a_deposit_said_as_a_range_is_no_age_and_no_deposit(assistant, ends):
    """ "contributing somewhere between 5 and 6 thousand a year for 25 years at 6%, whats the total" was worked
    as the 2026 deferral limit of a five-year-old (the 5 read as an age, the 6 thousand as last year's wages)."""
    question = f"contributing somewhere between {ends[0]} and {ends[1]} a year for 25 years at 6%, whats the total"
    answer = assistant.ask(question)
    assert answer.kind != "calculation", (question, answer.answer)


def test_one_sum_and_another_are_no_range(assistant):
    answer = assistant.ask("I put $14,000 into my old 401k and $13,500 into the new one this year. Did I go over?")
    assert answer.kind != "calculation" or answer.calculation.tool == "excess_deferral", answer.answer


MONTHS = {"january": 1, "march": 3, "june": 6, "october": 10, "december": 12}


@settings(max_examples=40, deadline=None)
@given(
    month=st.sampled_from([*MONTHS, "month"]),
    today=st.sampled_from([date(2026, 12, 7), date(2026, 7, 15), date(2026, 2, 10)]),
    turning=st.sampled_from(
        ["turning {age} next {month}", "I turn {age} next {month}", "i'm {now}, turning {age} next {month}"]
    ),
    ages=st.sampled_from([(60, 35750, 32500), (50, 32500, 24500), (64, 32500, 35750)]),
)
def test_an_age_turned_next_month_after_the_years_end_is_one_less(kb, month, today, turning, ages):
    """ "turning 60 next march. whats my 401k max for this year", asked in December 2026, read 60 as the age at
    the end of 2026 and gave the 60-to-63 limit ($35,750); the birthday is in March 2027, so 59: $32,500.
    A month still to come this year ("next october" said in July) is left as said."""
    from vested.core.assistant import Assistant

    age, limit_at_age, limit_a_year_younger = ages
    said = turning.format(age=age, now=age - 1, month=month)
    answer = Assistant(kb, today=today).ask(f"{said}. whats my 401k max for this year")
    assert answer.kind == "calculation" and answer.calculation.tool == "contribution_limit", (said, answer.answer)
    next_year = today.month == 12 if month == "month" else MONTHS[month] <= today.month
    assert answer.calculation.inputs["age"] == (age - 1 if next_year else age), (said, today)
    expected = limit_a_year_younger if next_year else limit_at_age
    assert answer.calculation.outputs["total_employee_limit"] == str(expected), (said, today, answer.answer)


MONTH_NAMES = ["January", "March", "June", "August", "Oct", "december"]


@settings(max_examples=40, deadline=None)
@given(
    start=st.sampled_from([(month, year) for month in MONTH_NAMES for year in (2019, 2022, 2023, 2024)]),
    today=st.sampled_from([date(2026, 12, 7), date(2026, 5, 20)]),
    said=st.sampled_from(
        [
            "I've been at my job since {start}",
            "started in {start}",
            "she was hired in {start}",
            "been with the company since {start}",
        ]
    ),
    balance=st.sampled_from([("$11,200", 11200), ("8k", 8000)]),
)
def test_years_of_service_from_the_month_work_began(kb, start, today, said, balance):
    """ "started in august 2024, 6 year graded vesting, 8k of company match in there. how much of it is vested"
    asked for the years of service: the start date was read as nothing (and "since March 2023 ... If I leave now
    how much do I keep?" went to the early-withdrawal calculator). Counted to today's month: 2 years 4 months."""
    from vested.core.assistant import Assistant
    from vested.understanding.dates import month_number

    month, year = start
    months = (today.year - year) * 12 + today.month - (month_number(month) or 0)
    story = said.format(start=f"{month} {year}")
    question = f"{story}, 6 year graded vesting, employer money is {balance[0]}. how much of it is vested"
    answer = Assistant(kb, today=today).ask(question)
    if months % 12 == 0:  # the starting month again: the unsaid day decides whether the year is complete
        assert answer.kind != "calculation", (question, today, answer.answer)
        return
    assert answer.kind == "calculation" and answer.calculation.tool == "vesting", (question, today, answer.answer)
    completed = months // 12
    assert answer.calculation.outputs["completed_years"] == completed, (question, today)
    share = Decimal(min(max(completed - 1, 0), 5)) * Decimal("0.2")
    assert Decimal(answer.calculation.outputs["vested_employer"]) == balance[1] * share, (question, today)


def test_time_in_the_plan_since_a_date_is_no_service(kb):
    from vested.core.assistant import Assistant

    answer = Assistant(kb, today=date(2026, 12, 7)).ask(
        "I've been contributing since March 2023, 6 year graded vesting, employer money is $9,000. how much is vested"
    )
    assert answer.kind != "calculation" or answer.calculation.inputs.get("years_of_service") is None, answer.answer


@settings(max_examples=20, deadline=None)
@given(
    leaving=st.sampled_from(["If I leave now how much do I keep?", "if i quit next week, how much would i keep"]),
    service=st.sampled_from([("2 years", 0), ("4 years", 1)]),
)
def test_what_leaving_keeps_is_the_vested_share_not_a_withdrawal(assistant, leaving, service):
    """ "If I leave now how much do I keep?" was read as a withdrawal's cost (the early-withdrawal calculator's
    asking rule let a leaving clause stand before the asking words) and asked for the age."""
    question = f"I have {service[0]} of service. 3-year cliff vesting, employer money is $11,200. {leaving}"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "vesting", (question, answer.answer)
    assert Decimal(answer.calculation.outputs["vested_employer"]) == 11200 * service[1]


ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]


def _spell(number: int, joiner: str) -> str:
    """1 to 999 in words: 42 -> "forty two" or "forty-two", 120 -> "one hundred twenty"."""
    hundreds, rest = divmod(number, 100)
    words = f"{ONES[hundreds]} hundred" if hundreds else ""
    if 10 <= rest < 20:
        tail = TEENS[rest - 10]
    elif rest >= 20:
        tail = TENS[rest // 10] + (joiner + ONES[rest % 10] if rest % 10 else "")
    else:
        tail = ONES[rest]
    return " ".join(part for part in (words, tail) if part)


@settings(max_examples=40, deadline=None)
@given(
    age=st.integers(min_value=21, max_value=54),
    thousands=st.sampled_from([9, 15, 25, 40, 120]),
    joiner=st.sampled_from([" ", "-"]),
    scale=st.sampled_from(["thousand", "grand"]),
)
def test_numbers_in_words_are_read_as_the_age_and_the_sum(assistant, age, thousands, joiner, scale):
    """ "i'm forty two and thinking of taking fifteen thousand out of my 401k. 22% bracket. how much will i actually
    get" asked for the amount and the age: only one-word numbers before "percent" or "years" were read."""
    question = (
        f"i'm {_spell(age, joiner)} and thinking of taking {_spell(thousands, joiner)} {scale} out of my 401k. "
        "22% bracket. how much will i actually get after taxes and the penalty?"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "early_withdrawal", (question, answer.answer)
    assert answer.calculation.inputs["age"] == str(age), question
    assert answer.calculation.inputs["amount"] == str(thousands * 1000), question
    assert _cents(answer.calculation.outputs["net_after_tax"]) == _cents(thousands * 1000 * Decimal("0.68"))


def test_words_that_count_or_rate_are_no_age():
    from vested.understanding.quantities import extract_quantities

    assert extract_quantities("my two kids") == []
    said = extract_quantities("they match fifty cents on the dollar")
    assert all(quantity.kind != "age" for quantity in said)
    assert [(q.kind, q.value) for q in extract_quantities("I am fifty-nine and a half")] == [("age", Decimal("59.5"))]
    assert [(q.kind, q.value) for q in extract_quantities("a loan for five years")] == [("duration", Decimal(5))]


@settings(max_examples=25, deadline=None)
@given(
    children=st.sampled_from(["Kids are 6 and 9", "the children are 4 and 7", "twins aged 3"]),
    term=st.sampled_from([("five years", 5), ("3 years", 3), ("four years", 4)]),
)
def test_childrens_ages_said_without_my_are_no_loan_term(assistant, children, term):
    """ "Kids are 6 and 9, car payment $389/mo. Thinking of a $12,000 401(k) loan at 7.5% for five years ... What
    would I pay each month" read the 6 as the loan's term in years (and asked what "five" stood for): children's
    ages were context only after "my", "our", "his" or "her"."""
    question = (
        f"{children}, car payment $389/mo. Thinking of a $12,000 401(k) loan at 7.5% for {term[0]} to clear the car."
        " What would I pay each month?"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "loan_repayment", (question, answer.answer)
    assert Decimal(answer.calculation.inputs["years"]) == term[1], question


@settings(max_examples=25, deadline=None)
@given(
    owed=st.sampled_from([("6k", 6000), ("$9,500", 9500)]),
    put=st.sampled_from(
        [
            "put {rolled} of it into my ira from savings",
            "deposited {rolled} into my new plan",
            "put {rolled} into the new plan from other money",
        ]
    ),
    rolled=st.sampled_from([("4k", 4000), ("$1,500", 1500)]),
    rate=st.sampled_from([("12%", Decimal("0.12")), ("22%", Decimal("0.22"))]),
)
def test_what_was_put_into_an_ira_from_savings_is_the_offset_rolled_over(assistant, owed, put, rolled, rate):
    """ "left my job with a loan balance of 6k. put 4k of it into my ira from savings. im 36, 12% bracket. what do
    i owe on the rest" asked what "4k" stood for: "into my ira" and "from savings" were no cues of the sum rolled."""
    story = put.format(rolled=rolled[0])
    question = (
        f"left my job with a loan balance of {owed[0]}. {story}. im 36, {rate[0]} bracket. what do i owe on the rest"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "loan_offset", (question, answer.answer)
    assert answer.calculation.inputs["rolled_over"] == str(rolled[1]), question
    rest = owed[1] - rolled[1]
    assert _cents(answer.calculation.outputs["total_tax"]) == _cents(rest * (rate[1] + Decimal("0.1"))), question


UNIFORM = {73: "26.5", 75: "24.6", 78: "22.0"}


@settings(max_examples=25, deadline=None)
@given(
    age=st.sampled_from(sorted(UNIFORM)),
    then=st.sampled_from([("300k", 300000), ("$212,000", 212000)]),
    now=st.sampled_from(["about 310k now", "$330,000 today", "roughly 305k right now"]),
)
def test_the_balance_held_now_beside_the_year_end_one_is_context(assistant, age, then, now):
    """ "my 401k had 300k in it on dec 31 2025 and about 310k now. how much must i take?" asked what "310k"
    stood for: a balance said with "now" after it was no word of the balance held today."""
    question = f"I'm {age}. my 401k had {then[0]} in it on dec 31 2025 and {now}. how much must i take this year?"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "rmd", (question, answer.answer)
    assert _cents(answer.calculation.outputs["rmd"]) == _cents(Decimal(then[1]) / Decimal(UNIFORM[age])), question


@settings(max_examples=30, deadline=None)
@given(
    stocks=st.sampled_from([("$90k", 90000), ("105k", 105000), ("$64,000", 64000)]),
    bonds=st.sampled_from([("$30k", 30000), ("45k", 45000)]),
    where=st.sampled_from(["in stocks", "in stock funds", "in equities"]),
    bond_words=st.sampled_from(["in bonds", "in bond funds"]),
    target=st.sampled_from([(70, 30), (60, 40)]),
    order=st.booleans(),
)
def test_sums_held_in_stocks_and_bonds_are_the_holdings(assistant, stocks, bonds, where, bond_words, target, order):
    """ "I have $90k in stocks and $30k in bonds, target is 70/30. what trades?" read the $90k as the balance and
    asked what "$30k" stood for: a sum said with the asset it sits in was no holding."""
    held = [f"{stocks[0]} {where}", f"{bonds[0]} {bond_words}"]
    if order:
        held.reverse()
    question = f"I have {held[0]} and {held[1]}, target is {target[0]}/{target[1]}. what trades?"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "rebalance", (question, answer.answer)
    total = stocks[1] + bonds[1]
    move = stocks[1] - total * target[0] // 100
    assume(move != 0)
    assert str(abs(move)) in answer.answer.replace(",", ""), (question, answer.answer)


@settings(max_examples=30, deadline=None)
@given(
    pay=st.sampled_from([("$15,000 a month", 180000), ("$6,500 every two weeks", 169000), ("$9,000 a month", 108000)]),
    verb=st.sampled_from(["I make", "I get paid", "i earn"]),
    age=st.sampled_from([52, 57]),
)
def test_pay_said_for_a_month_or_a_paycheck_is_made_yearly_for_the_roth_catch_up(assistant, pay, verb, age):
    """ "I'm 52. I make $15,000 a month. How much can I put in my 401k in 2026?" read $15,000 as last year's
    wages, under the $150,000 past which the catch-up must go in as Roth; the year's pay is $180,000."""
    question = f"I'm {age}. {verb} {pay[0]}. How much can I put in my 401k in 2026?"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "contribution_limit", (question, answer.answer)
    assert answer.calculation.inputs["prior_year_fica_wages"] == str(pay[1]), question
    assert ("must go in as Roth" in answer.answer) is (pay[1] > 150000), (question, answer.answer)
