"""Numeric questions of round 11: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

EMPLOYER_PUTS_IN = ["puts in", "contributes", "adds", "kicks in", "chips in", "gives"]


@settings(max_examples=30, deadline=None)
@given(
    verb=st.sampled_from(EMPLOYER_PUTS_IN),
    who=st.sampled_from(["my employer", "the company", "my job"]),
    share=st.sampled_from([3, 4, 5]),
    of_pay=st.sampled_from(["", " of pay", " of my salary"]),
    salary=st.sampled_from([("$80,000", 80000), ("$64k", 64000)]),
    deferral=st.sampled_from([6, 10]),
)
def test_a_small_share_the_employer_puts_in_is_a_share_of_pay(assistant, verb, who, share, of_pay, salary, deferral):
    """ "My salary is $80,000, I save 10% and my employer puts in 4%" was worked as 4 cents on every dollar
    deferred ($320 a year, a 25-year projection of $526,232); the employer puts in 4% of pay, $3,200."""
    question = (
        f"My salary is {salary[0]}, I save {deferral}% and {who} {verb} {share}%{of_pay}. "
        "If it grows 7% a year for 25 years, what's the total?"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", (question, answer.answer)
    assert answer.calculation.outputs["employer_contributions"] == str(salary[1] * share // 100 * 25), question
    assert answer.calculation.outputs["employee_contributions"] == str(salary[1] * deferral // 100 * 25)


@settings(max_examples=15, deadline=None)
@given(verb=st.sampled_from(EMPLOYER_PUTS_IN), share=st.sampled_from([4, 5]))
def test_the_employers_share_is_the_match_figure_too(assistant, verb, share):
    answer = assistant.ask(f"I make $90,000, defer 8% and my employer {verb} {share}%. What's my match in dollars?")
    assert answer.kind == "calculation" and answer.calculation.tool == "employer_match", answer.answer
    assert answer.calculation.outputs["match"] == str(90000 * share // 100)


@settings(max_examples=15, deadline=None)
@given(verb=st.sampled_from(EMPLOYER_PUTS_IN), deferral=st.sampled_from([1, 2, 3]))
def test_a_deferral_below_the_employers_share_asks_which_it_is(assistant, verb, deferral):
    """Deferring 2% beside "my employer puts in 4%": a match gives 2% of pay, a flat contribution 4%; the
    words do not say which, so no figure is given."""
    answer = assistant.ask(
        f"My salary is $80,000, I save {deferral}% and my employer {verb} 4%. "
        "If it grows 7% a year for 25 years, what's the total?"
    )
    assert answer.kind == "clarify", answer.answer
    assert "match on what you defer" in answer.answer


def test_the_parser_reads_the_employers_share_and_leaves_rates_alone():
    from vested.calculate.match import parse_match_formula

    said = parse_match_formula("my employer puts in 4%")
    assert said.full_match_deferral == Decimal("0.04") and said.either_match_or_flat
    assert said.match_rate(Decimal("0.10")) == Decimal("0.04")
    matched = parse_match_formula("my employer matches 4%")
    assert matched.full_match_deferral == Decimal("0.04") and not matched.either_match_or_flat
    half = parse_match_formula("the company puts in 50% of what I put in")
    assert half.full_match_deferral is None and half.match_rate(Decimal("0.06")) == Decimal("0.03")
    flat = parse_match_formula("my employer puts in 3% regardless")
    assert flat.non_elective == Decimal("0.03") and not flat.tiers


@settings(max_examples=30, deadline=None)
@given(
    spouse=st.sampled_from(["wife", "husband", "spouse", "partner"]),
    ages=st.sampled_from([(52, 47), (44, 61), (38, 55)]),
    asking=st.sampled_from(
        [
            "how much can we put in together this year?",
            "what's the most we can defer combined in 2026?",
            "how much can the two of us contribute this year?",
            "how much can both of us put away in 2026?",
        ]
    ),
)
def test_two_peoples_limits_together_get_no_one_persons_figure(assistant, spouse, ages, asking):
    """ "me 52, wife 47 ... how much can we put in together?" was answered with the 52-year-old's $32,500
    alone, a figure for a couple's question."""
    question = f"me {ages[0]}, my {spouse} {ages[1]}, we both have 401ks. {asking}"
    answer = assistant.ask(question)
    assert answer.kind != "calculation", (question, answer.answer)
    assert answer.calculation is None or answer.calculation.tool != "contribution_limit"


def test_one_persons_limit_beside_a_spouse_is_still_worked(assistant):
    answer = assistant.ask("I'm 52 and my wife doesn't work. How much can I contribute this year?")
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation.outputs["total_employee_limit"] == "32500"


@settings(max_examples=30, deadline=None)
@given(
    pay=st.sampled_from(["make $58k", "making $61,000", "earn 72k", "earning $66,500"]),
    aside=st.sampled_from(["car payment is $410 a month", "rent is $1,350", "no other debt"]),
    balance=st.sampled_from([("$36,000", 36000), ("$44k", 44000)]),
)
def test_pay_said_without_its_subject_is_no_loan_input(assistant, pay, aside, balance):
    """ "I'm 34, make $58k, car payment is $410 a month. 401k balance $36,000, all of it my own
    contributions": the pay cue wanted "I make", so "$58k" was asked about instead of lending $18,000."""
    question = (
        f"I'm 34, {pay}, {aside}. 401k balance {balance[0]}, all of it my own contributions. how much can i borrow"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "loan_maximum", (question, answer.answer)
    assert answer.calculation.inputs["vested"] == str(balance[1])
    assert answer.calculation.outputs["max_new_loan"] == str(balance[1] // 2)


@settings(max_examples=20, deadline=None)
@given(
    who=st.sampled_from([("me", "i'm 41", "i only"), ("him", "he's 41", "he only"), ("her", "she's 41", "she only")]),
    paid=st.sampled_from([("$50k", 50000), ("$35,000", 35000)]),
)
def test_a_sum_the_plan_paid_someone_out_is_the_distribution(assistant, who, paid):
    """ "my 401k paid me out $50k, 20% withheld": $50,000 was read as the sum withheld and the distribution
    asked for; only the check was redeposited, so 20% of it is taxable."""
    pronoun, age, only = who
    question = (
        f"the 401k paid {pronoun} out {paid[0]}, 20% withheld. {only} deposited the check in an IRA. "
        f"{age}, 24% bracket. what is owed?"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "indirect_rollover", (question, answer.answer)
    assert answer.calculation.inputs["amount"] == str(paid[1])
    shortfall = Decimal(paid[1]) * Decimal("0.2")
    assert Decimal(answer.calculation.outputs["taxable_shortfall"]) == shortfall
    assert Decimal(answer.calculation.outputs["income_tax"]) == shortfall * Decimal("0.24")


@settings(max_examples=20, deadline=None)
@given(
    now=st.sampled_from(["this year it's $560k", "it's now $560k", "now it's $560,000", "today it's 560k"]),
    last=st.sampled_from([("$520k", 520000), ("$480,000", 480000)]),
)
def test_this_years_balance_beside_last_years_is_context(assistant, now, last):
    """ "my 401k balance at the end of last year was $520k and this year it's $560k": the later balance was
    asked about; the RMD divides last year's year-end balance."""
    from decimal import ROUND_HALF_UP

    question = (
        f"I'm 73 (born 1953), my balance at the end of last year was {last[0]} and {now}. How much must I take out?"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "rmd", (question, answer.answer)
    expected = (Decimal(last[1]) / Decimal("26.5")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(answer.calculation.outputs["rmd"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == expected


@settings(max_examples=25, deadline=None)
@given(
    verb=st.sampled_from(["contributing", "putting in", "depositing", "putting away"]),
    start=st.sampled_from([("$150k", 150000), ("$62,000", 62000)]),
    deposit=st.sampled_from([("$1,000", 1000), ("$450", 450)]),
)
def test_a_sum_said_after_contributing_is_the_deposit(assistant, verb, start, deposit):
    """ "I'm 40 with $150k saved, contributing $1,000 a month, expecting 5%. How much will I have at 65?"
    read $150,000 as the monthly deposit and $1,000 as the start: the cue "contribute" did not find
    "contributing" (a cue is a word's start)."""
    question = f"I'm 40 with {start[0]} saved, {verb} {deposit[0]} a month, expecting 5%. How much will I have at 65?"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", (question, answer.answer)
    inputs = answer.calculation.inputs
    assert (inputs["contribution"], inputs["starting_balance"]) == (str(deposit[1]), str(start[1])), question
    assert inputs["years"] == 25 and inputs["frequency"] == "monthly"
    growth = Decimal("1.05") ** 25
    monthly = Decimal("1.05") ** (Decimal(1) / 12) - 1  # the month's rate that compounds to 5% a year
    expected = start[1] * growth + deposit[1] * (growth - 1) / monthly
    assert abs(Decimal(answer.calculation.outputs["future_value"]) - expected) < Decimal("0.01")


@settings(max_examples=10, deadline=None)
@given(who=st.sampled_from(["the company", "my employer", "my company"]))
def test_an_employer_contributing_stays_the_match(assistant, who):
    answer = assistant.ask(
        f"What will I have in 25 years saving $3,000 a year at 6% with {who} contributing $900 a year?"
    )
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", answer.answer
    assert answer.calculation.inputs["contribution"] == "3000"
    assert answer.calculation.inputs["employer_match"] == "900"


@settings(max_examples=25, deadline=None)
@given(
    balance=st.sampled_from([("16 grand", 16000), ("$12,500", 12500), ("$30k", 30000)]),
    floor=st.sampled_from(
        [
            "my plan has the $10,000 exception",
            "the plan allows the 10k minimum",
            "my plan lets me borrow up to $10,000 even if that's more than half",
        ]
    ),
)
def test_the_plans_ten_thousand_floor_is_a_setting_not_a_sum(assistant, balance, floor):
    """ "My vested balance is 16 grand and my plan has the $10,000 exception": the $10,000 was asked about;
    it is the plan's floor, the limit the greater of half the vested balance and $10,000."""
    answer = assistant.ask(f"My vested balance is {balance[0]} and {floor}. How much could I borrow?")
    assert answer.kind == "calculation" and answer.calculation.tool == "loan_maximum", answer.answer
    assert answer.calculation.inputs["allow_10k_floor"] is True
    assert answer.calculation.outputs["max_new_loan"] == str(max(balance[1] // 2, 10000))


def test_a_floor_asked_about_is_not_assumed(assistant):
    answer = assistant.ask("I have $14,000 vested. does my plan have the $10,000 exception? how much can I borrow?")
    assert answer.kind != "calculation" or answer.calculation.inputs.get("allow_10k_floor") is not True
