"""Numeric questions of round 10: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=25, deadline=None)
@given(
    start=st.sampled_from([("$25k", 25000), ("$40,000", 40000), ("18 grand", 18000)]),
    deposit=st.sampled_from([("$500", 500), ("$350", 350)]),
    adds=st.sampled_from(["I'll add", "I will add", "I'm adding", "we'll add", "and add"]),
    shape=st.sampled_from(
        [
            "I'm 30 with {start} saved, and {adds} {deposit} a month. At 7% what will I have at 65?",
            "I have {start} saved; {adds} {deposit} a month. At 7% a year, how much will I have in 35 years?",
        ]
    ),
)
def test_a_sum_added_each_month_is_the_deposit_and_the_sum_saved_the_start(assistant, start, deposit, adds, shape):
    """ "I'm 30 with $25k saved and I'll add $500 a month": $25,000 was worked as the monthly deposit and
    $500 as the start ($42.8 million)."""
    question = shape.format(start=start[0], deposit=deposit[0], adds=adds)
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", answer.answer
    inputs = answer.calculation.inputs
    assert inputs["contribution"] == str(deposit[1]), (question, inputs)
    assert inputs["starting_balance"] == str(start[1]), (question, inputs)


@settings(max_examples=30, deadline=None)
@given(
    roth=st.sampled_from([("$3,000", 3000), ("$4,500", 4500)]),
    pretax=st.sampled_from([("$19,000", 19000), ("$12,250", 12250)]),
    shape=st.sampled_from(
        [
            "I put {a} into my Roth 401k and {b} into the traditional side so far this year. I'm 44. "
            "How much more can I contribute?",
            "So far this year I've contributed {a} to Roth and {b} pre-tax. I'm 44. How much more can I put in?",
            "I'm 44. I've deferred {a} as Roth and {b} as pre-tax this year. How much more can I defer?",
        ]
    ),
)
def test_sums_deferred_in_one_list_add_up_to_what_went_in_so_far(assistant, roth, pretax, shape):
    """ "I put $3,000 into my Roth 401k and $19,000 into the traditional side": the $19,000 was read as last
    year's FICA wages and $21,500 more allowed; $2,500 is."""
    question = shape.format(a=roth[0], b=pretax[0])
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "contribution_limit", answer.answer
    assert answer.calculation.inputs["contributed"] == str(roth[1] + pretax[1]), (question, answer.answer)
    assert answer.calculation.inputs.get("prior_year_fica_wages") is None
    assert answer.calculation.outputs["room_left"] == str(24500 - roth[1] - pretax[1])


def test_wages_beside_a_sum_deferred_stay_the_wages(assistant):
    answer = assistant.ask("I'm 52 and make $140k, and I've put in $10,000 so far. How much more can I contribute?")
    assert answer.calculation.inputs["contributed"] == "10000"
    assert answer.calculation.outputs["room_left"] == "22500"


@settings(max_examples=20, deadline=None)
@given(
    other=st.sampled_from(["at another", "at another job", "with another employer", "at the second job"]),
    first=st.sampled_from([("$19,500", 19500), ("$16,000", 16000)]),
)
def test_a_deferral_at_another_job_counts_toward_the_limit(assistant, other, first):
    """ "I contributed $19,500 at one job and $9,000 at another": the $9,000 was read as last year's FICA
    wages and $5,000 more allowed, where the two together are $4,000 over the limit."""
    answer = assistant.ask(
        f"I contributed {first[0]} at one job and $9,000 {other} in 2026, I'm 40. How much over the limit am I?"
    )
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation.tool in {"excess_deferral", "contribution_limit"}
    assert answer.calculation.outputs["excess"] == str(first[1] + 9000 - 24500)


@settings(max_examples=20, deadline=None)
@given(
    balance=st.sampled_from(["My 401k balance is $80k", "I have $80,000 in my account", "My balance is $80,000"]),
    partly=st.sampled_from(["but I'm only 60% vested", "and I'm 60% vested", "though I'm just 40% vested"]),
)
def test_a_balance_beside_a_partial_vesting_share_is_not_the_vested_balance(assistant, balance, partly):
    """ "My 401k balance is $80k but I'm only 60% vested": the whole $80,000 was taken as vested ($40,000 to
    borrow). Only the employer's money vests, so the vested part is asked for, never assumed."""
    answer = assistant.ask(f"{balance} {partly}. How much could I take as a loan?")
    assert answer.kind == "clarify", answer.answer
    assert "$40,000.00" not in answer.answer.split("Meanwhile")[0]


def test_a_balance_named_vested_stays_the_vested_balance_beside_a_share(assistant):
    answer = assistant.ask("I have $60k vested and my employer money is 60% vested. How much can I borrow?")
    assert answer.calculation.outputs["max_new_loan"] == "30000"
    plain = assistant.ask("My 401k balance is $80k. How much could I take as a loan?")
    assert plain.calculation.outputs["max_new_loan"] == "40000"


@settings(max_examples=25, deadline=None)
@given(
    age=st.sampled_from([(34, True), (61, False)]),
    rate=st.sampled_from([("12%", "0.12"), ("22%", "0.22"), ("24%", "0.24")]),
    net=st.sampled_from([("$15,000", 15000), ("$8,500", 8500)]),
    asking=st.sampled_from(
        [
            "How much do I have to withdraw to net {net} after the penalty and tax?",
            "How much should I take out of my 401k to end up with {net} after taxes?",
            "What do I need to cash out to keep {net} in hand after tax and penalty?",
        ]
    ),
)
def test_the_cash_wanted_after_tax_is_worked_back_to_the_amount_taken(assistant, age, rate, net, asking):
    """ "How much do I have to withdraw to net $15,000 after the penalty and tax?" was answered as $15,000
    taken out ($11,700 kept): a figure, but not the one asked for."""
    from decimal import ROUND_UP, Decimal

    question = f"I'm {age[0]} and in the {rate[0]} bracket. " + asking.format(net=net[0])
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "early_withdrawal", answer.answer
    kept = 1 - Decimal(rate[1]) - (Decimal("0.10") if age[1] else 0)
    needed = (Decimal(net[1]) / kept).quantize(Decimal("0.01"), rounding=ROUND_UP)
    assert Decimal(answer.calculation.outputs["amount_needed"]) == needed, question
    assert Decimal(answer.calculation.outputs["net_after_tax"]) >= net[1]


def test_an_amount_said_beside_a_net_wanted_stays_the_amount(assistant):
    answer = assistant.ask("I'm 40, 22% bracket. If I cash out $20,000, how much do I net after the penalty?")
    assert answer.calculation.inputs["amount"] == "20000"
    assert "amount_needed" not in answer.calculation.outputs


@settings(max_examples=40, deadline=None)
@given(
    first=st.sampled_from(["dollar for dollar", "100%", "a dollar for every dollar"]),
    first_band=st.sampled_from(["on the first 3%", "up to 3%"]),
    joined=st.sampled_from([" then", " and", ", then", ", and then", " plus"]),
    cents=st.sampled_from([("50 cents", "0.5"), ("25 cents", "0.25"), ("50 cents on the dollar", "0.5")]),
    second_band=st.sampled_from(["on the next 2%", "up to 5%"]),
    deferral=st.sampled_from([2, 4, 6]),
    salary=st.sampled_from([("$62k", 62000), ("$85,000", 85000)]),
)
def test_a_tier_said_in_cents_alone_is_read_as_a_rate(
    assistant, first, first_band, joined, cents, second_band, deferral, salary
):
    """ "Dollar for dollar up to 3% then 50 cents up to 5%": the cents of the second tier, their dollar
    unsaid, were no rate, and the match was asked for again."""
    from decimal import Decimal

    question = (
        f"I earn {salary[0]} and put in {deferral}%. My company matches {first} {first_band}{joined} "
        f"{cents[0]} {second_band}. What's the match worth a year?"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "employer_match", answer.answer
    pay = Decimal(salary[1])
    d = Decimal(deferral) / 100
    expected = pay * min(d, Decimal("0.03")) + Decimal(cents[1]) * pay * max(
        Decimal(0), min(d, Decimal("0.05")) - Decimal("0.03")
    )
    assert Decimal(answer.calculation.outputs["match"]) == expected, question


@settings(max_examples=30, deadline=None)
@given(
    asking=st.sampled_from(
        ["How much is the full match?", "What's the maximum match I can get?", "What is the full company match?"]
    ),
    first=st.booleans(),
    salary=st.sampled_from([("$90,000", 90000), ("$64k", 64000)]),
    formula=st.sampled_from([("50% of the first 6%", "0.03"), ("100% up to 4%", "0.04")]),
)
def test_the_full_match_asked_with_no_deferral_is_the_most_the_formula_gives(assistant, asking, first, salary, formula):
    """ "How much is the full match? I make $90,000 and they match 50% of the first 6%." asked what 6% stood
    for ("full match" in the asking sentence was read as a dollar-for-dollar formula), and after the story the
    deferral was asked for."""
    from decimal import Decimal

    story = f"I make {salary[0]} and they match {formula[0]}."
    answer = assistant.ask(f"{asking} {story}" if first else f"{story} {asking}")
    assert answer.kind == "calculation" and answer.calculation.tool == "employer_match", answer.answer
    assert Decimal(answer.calculation.outputs["match"]) == salary[1] * Decimal(formula[1])


def test_a_deferral_said_beside_the_full_match_is_worked_as_said(assistant):
    answer = assistant.ask("I make $90,000 and put in 4%; they match 50% of the first 6%. How much is the full match?")
    assert answer.calculation.inputs["deferral_rate"] == "0.04"
    assert answer.calculation.outputs["match"] == "1800"


@settings(max_examples=30, deadline=None)
@given(
    got=st.sampled_from(["I received", "I got", "I only got"]),
    kept=st.sampled_from(["after $2,000 was withheld", "after they kept $2,000 for taxes"]),
    rolled=st.sampled_from(["If I only roll over the $8,000", "If I roll over only the $8,000"]),
)
def test_a_check_received_after_a_sum_withheld_is_what_came_and_the_rest_taxable(assistant, got, kept, rolled):
    """ "I received $8,000 ... after $2,000 was withheld. If I only roll over the $8,000": the $8,000 was read
    as the payout too, and the reading refused as $8,000 less $2,000 not being $8,000."""
    answer = assistant.ask(f"{got} $8,000 from my old 401k {kept}. {rolled}, what's taxable? I'm 40.")
    assert answer.kind == "calculation" and answer.calculation.tool == "indirect_rollover", answer.answer
    outputs = answer.calculation.outputs
    assert outputs["full_rollover"] == "10000"
    assert outputs["taxable_shortfall"] == "2000"


def test_sums_kept_for_taxes_are_the_withholding(assistant):
    """ "They kept $3k for taxes" named no input; the question got the rule and no figure."""
    answer = assistant.ask(
        "Got a distribution of $15k from my 401k, they kept $3k for taxes. I put $12k into a rollover IRA "
        "40 days later. What's taxable?"
    )
    assert answer.kind == "calculation" and answer.calculation.tool == "indirect_rollover", answer.answer
    assert answer.calculation.outputs["taxable_shortfall"] == "3000"


@settings(max_examples=30, deadline=None)
@given(
    ages=st.sampled_from([(49, 50, "32500"), (59, 60, "35750"), (63, 64, "32500")]),
    later=st.sampled_from(
        ["but turn {age} in December", ", turning {age} in October", "but will be {age} by year end"]
    ),
    asking=st.sampled_from(["How much can I put in my 401k for 2026?", "What's my max 401k contribution this year?"]),
)
def test_the_age_turned_later_this_year_is_the_age_at_year_end(assistant, ages, later, asking):
    """ "I'm 49 but turn 50 in December" asked what 49 stood for; the limit goes by the age at year end."""
    question = f"I'm {ages[0]} {later.format(age=ages[1])}. {asking}".replace(" ,", ",")
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "contribution_limit", answer.answer
    assert answer.calculation.inputs["age"] == ages[1], question
    assert answer.calculation.outputs["total_employee_limit"] == ages[2]


@settings(max_examples=20, deadline=None)
@given(
    pay=st.sampled_from(["I make $70,000", "I earn $70k a year", "My salary is $70,000"]),
    balance=st.sampled_from(["have $30,000 in my 401k", "have $30,000 vested"]),
)
def test_pay_beside_a_balance_is_no_part_of_the_loan_limit(assistant, pay, balance):
    """ "I make $70,000 and have $30,000 in my 401k, how much can I borrow?" asked what $70,000 stood for."""
    answer = assistant.ask(f"{pay} and {balance}. How much can I borrow?")
    assert answer.kind == "calculation" and answer.calculation.tool == "loan_maximum", answer.answer
    assert answer.calculation.outputs["max_new_loan"] == "15000"


@settings(max_examples=20, deadline=None)
@given(
    asking=st.sampled_from(
        ["How much can I still put in at the new job?", "How much can I still contribute this year?"]
    ),
    deferred=st.sampled_from([("$14,200", 14200), ("$9,000", 9000)]),
)
def test_what_can_still_go_in_after_a_job_change_is_the_room_left(assistant, asking, deferred):
    """ "Deferred $14,200 at the old place ... How much can I still put in at the new job?" went to the
    two-employer calculator, which asked for the new job's deferrals: the room left is the figure."""
    answer = assistant.ask(f"Changed jobs in June. Deferred {deferred[0]} at the old place. I'm 38. {asking}")
    assert answer.kind == "calculation" and answer.calculation.tool == "contribution_limit", answer.answer
    assert answer.calculation.outputs["room_left"] == str(24500 - deferred[1])


@settings(max_examples=20, deadline=None)
@given(
    they=st.sampled_from(["They've put", "They have put", "They contributed"]),
    service=st.sampled_from([("3 years and 8 months", "4800"), ("4 years", "7200")]),
)
def test_what_they_put_in_is_the_employers_money(assistant, they, service):
    """ "They've put $12,000 into my 401k" named no input (the vesting calculator asked what it stood for)."""
    answer = assistant.ask(
        f"I've been at this company {service[0]}. {they} $12,000 into my 401k and vesting is a 6-year graded "
        "schedule. If I quit now how much of their money do I get?"
    )
    assert answer.kind == "calculation" and answer.calculation.tool == "vesting", answer.answer
    assert answer.calculation.outputs["vested_employer"] == service[1]


@settings(max_examples=20, deadline=None)
@given(
    untouched=st.sampled_from(["don't touch it", "never touch it", "won't touch the money"]),
    sum_said=st.sampled_from([("$48,000", 48000), ("$30k", 30000)]),
)
def test_a_sum_left_untouched_grows_alone(assistant, untouched, sum_said):
    """ "If I leave $48,000 in my old 401k and don't touch it for 25 years, earning 6.5%, what's it worth?"
    got the entry on leaving money in an old plan, no figure."""
    from decimal import Decimal

    answer = assistant.ask(
        f"If I leave {sum_said[0]} in my old 401k and {untouched} for 25 years, earning 6.5%, what's it worth?"
    )
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", answer.answer
    expected = Decimal(sum_said[1]) * Decimal("1.065") ** 25
    assert abs(Decimal(answer.calculation.outputs["future_value"]) - expected) < Decimal("0.01")


@settings(max_examples=20, deadline=None)
@given(
    converting=st.sampled_from(["I'm converting", "I want to convert", "I plan a conversion of"]),
    part=st.sampled_from([("$40,000", 40000), ("$16,000", 16000)]),
)
def test_a_part_converted_to_a_roth_ira_carries_its_share_of_the_basis(assistant, converting, part):
    """ "I'm converting $40,000 of my 401k to a Roth IRA ... $20,000 of it is after-tax basis" asked what
    $40,000 stood for; the conversion is a distribution, pro rata."""
    from decimal import Decimal

    answer = assistant.ask(
        f"{converting} {part[0]} of my 401k to a Roth IRA. The account is $160,000 and $20,000 of it is "
        f"after-tax basis. How much of the {part[0]} is taxable?"
    )
    assert answer.kind == "calculation" and answer.calculation.tool == "after_tax_basis_share", answer.answer
    assert Decimal(answer.calculation.outputs["taxable"]) == Decimal(part[1]) * Decimal("0.875")


@settings(max_examples=10, deadline=None)
@given(paid=st.sampled_from(["paid off", "paid back", "repaid"]))
def test_a_loan_paid_off_is_still_the_highest_balance_beside_pay_words(assistant, paid):
    """Pay is no part of the loan limit, but "paid off a $20,000 loan" is last year's highest balance: a cue
    "paid" for pay had turned the limit into $50,000 during this round."""
    answer = assistant.ask(
        f"I have $140k vested but {paid} a $20,000 loan from the plan eight months ago. How much can I borrow now?"
    )
    assert answer.calculation.outputs["max_new_loan"] == "30000"
