"""Numeric questions of round 12: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st


def _cents(value: Decimal | str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@settings(max_examples=25, deadline=None)
@given(
    saved=st.sampled_from([("310k", 310000), ("$145,000", 145000), ("90 grand", 90000)]),
    stop=st.sampled_from(
        [
            "not adding anything more",
            "i'm not contributing anything else",
            "no longer putting in any more",
        ]
    ),
    ages=st.sampled_from([(52, 67, 15), (45, 65, 20)]),
)
def test_a_sum_saved_with_nothing_more_added_is_the_start(assistant, saved, stop, ages):
    """ "i have 310k saved at 52. not adding anything more. if it earns 5% until 67 what's it worth" read
    $310,000 as a deposit made every year ($6,689,355); "not adding" was no word of no more deposits, and a
    sum "saved" after it only hinted at the balance."""
    now, then, years = ages
    question = f"i have {saved[0]} saved at {now}. {stop}. if it earns 5% until {then} what's it worth"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", (question, answer.answer)
    assert answer.calculation.inputs["starting_balance"] == str(saved[1]), question
    assert Decimal(answer.calculation.inputs["contribution"]) == 0
    expected = _cents(saved[1] * Decimal("1.05") ** years)
    assert _cents(answer.calculation.outputs["future_value"]) == expected


@settings(max_examples=15, deadline=None)
@given(saved=st.sampled_from([("310k", 310000), ("$145,000", 145000)]))
def test_a_sum_saved_is_never_the_yearly_deposit(assistant, saved):
    """Without a word of what goes in each year, a sum "saved" is no deposit: a figure then would make the
    balance a yearly payment."""
    answer = assistant.ask(f"i have {saved[0]} saved at 52. if it earns 5% until 67 what's it worth")
    if answer.kind == "calculation":
        assert answer.calculation.inputs.get("contribution") != str(saved[1]), answer.answer


def test_not_adding_more_than_a_sum_is_no_stop(assistant):
    """ "not adding more than $200 a month" caps a deposit; it does not stop them."""
    answer = assistant.ask(
        "I have $40,000 saved, not adding more than $200 a month. at 6% what will I have in 10 years?"
    )
    assert answer.kind != "calculation" or answer.calculation.inputs["contribution"] == "200", answer.answer


@settings(max_examples=30, deadline=None)
@given(
    put=st.sampled_from(["ive put", "i’ve put", "ive already put", "so far this year ive put"]),
    deferred=st.sampled_from([("$17,250", 17250), ("$9,000", 9000)]),
    age=st.sampled_from([(55, 32500), (44, 24500), (61, 35750)]),
    me=st.sampled_from(["i'm", "im"]),
)
def test_a_cue_said_without_its_apostrophe_still_names_the_sum(assistant, put, deferred, age, me):
    """ "so far this year ive put $17,250 into my 401k, i'm 55. how much more can i contribute" read
    $17,250 as last year's FICA wages and answered the whole $32,500: the cue "i've put" did not find "ive put"."""
    question = f"{put} {deferred[0]} into my 401k, {me} {age[0]}. how much more can i contribute before dec 31"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "contribution_limit", (question, answer.answer)
    assert answer.calculation.inputs["contributed"] == str(deferred[1]), question
    assert answer.calculation.inputs["prior_year_fica_wages"] is None
    assert answer.calculation.outputs["room_left"] == str(age[1] - deferred[1])


PERIOD_SUMS = [
    ("to cover my daughter's tuition, it's", "$22,000 a year"),
    ("for rent, which is", "$1,900 a month"),
    ("to pay off the car, payment is", "$389/mo"),
    ("for daycare that runs", "$1,250 per month"),
]


@settings(max_examples=20, deadline=None)
@given(said=st.sampled_from(PERIOD_SUMS))
def test_a_sum_said_for_a_period_is_no_vested_balance(assistant, said):
    """ "how much could i borrow from my 401k to cover my daughter's tuition, it's $22,000 a year" lent
    $11,000 against the tuition read as a $22,000 vested balance."""
    why, sum_said = said
    answer = assistant.ask(f"how much could i borrow from my 401k {why} {sum_said}")
    assert answer.calculation is None or "vested" not in answer.calculation.inputs, answer.answer
    assert answer.kind != "calculation", answer.answer


@settings(max_examples=20, deadline=None)
@given(said=st.sampled_from(PERIOD_SUMS), vested=st.sampled_from([("$60,000", 60000), ("140k", 140000)]))
def test_a_sum_said_for_a_period_beside_the_vested_balance_is_context(assistant, said, vested):
    why, sum_said = said
    question = f"I have {vested[0]} vested. how much could i borrow from my 401k {why} {sum_said}"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "loan_maximum", (question, answer.answer)
    assert answer.calculation.outputs["max_new_loan"] == str(min(vested[1] // 2, 50000))


UNIFORM = {73: "26.5", 74: "25.5", 75: "24.6", 77: "22.9", 79: "21.1"}


@settings(max_examples=25, deadline=None)
@given(
    age=st.sampled_from(sorted(UNIFORM)),
    said=st.sampled_from(
        ["I'm {age}, what is my RMD", "my age is {age}, how much is my rmd", "im {age}, whats my RMD"]
    ),
)
def test_an_age_beside_the_word_rmd_is_the_askers_age(assistant, age, said):
    """ "I turned 73 this year, what is my RMD" read 73 as the RMD age the question works under (the input's
    name "assumed RMD age" stood beside "RMD") and asked for an age or a birth date, though one was given."""
    answer = assistant.ask(said.format(age=age))
    assert answer.kind == "calculation" and answer.calculation.tool == "rmd", answer.answer
    assert answer.calculation.inputs["age"] == age
    assert answer.calculation.inputs["assumed_rmd_age"] is None


@settings(max_examples=20, deadline=None)
@given(age=st.sampled_from(sorted(UNIFORM)), balance=st.sampled_from([("$212,000", 212000), ("640k", 640000)]))
def test_the_askers_age_beside_rmd_works_the_figure(assistant, age, balance):
    answer = assistant.ask(f"I'm {age}, my 401k was {balance[0]} at the end of last year, what's my RMD")
    assert answer.kind == "calculation" and answer.calculation.tool == "rmd", answer.answer
    expected = _cents(Decimal(balance[1]) / Decimal(UNIFORM[age]))
    assert _cents(answer.calculation.outputs["rmd"]) == expected


def test_an_rmd_age_said_as_the_rule_is_still_read(assistant):
    answer = assistant.ask(
        "Using an RMD age of 72, what is the first RMD for someone born in 1951 with $300,000 at the end of 2022?"
    )
    assert answer.calculation is None or answer.calculation.inputs.get("age") != 72, answer.answer


@settings(max_examples=25, deadline=None)
@given(
    rmd=st.sampled_from([("$14,200", 14200), ("$8,400", 8400)]),
    stated=st.sampled_from(["My RMD this year is {rmd}", "my rmd for this year is {rmd}", "This year's RMD is {rmd}"]),
    taken=st.sampled_from(["I've only taken $3,000 so far", "I've taken $3,000", "ive taken $3,000 already"]),
)
def test_the_rest_of_an_rmd_stated_for_this_year(assistant, rmd, stated, taken):
    """ "My RMD this year is $14,200 and I've only taken $9,000 so far. How much more?" was read by the RMD
    calculator (the year and the sum taken), which left the $14,200 unread and asked what it stood for."""
    question = f"{stated.format(rmd=rmd[0])} and {taken}. How much more do I need to take?"
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "missed_rmd", (question, answer.answer)
    assert answer.calculation.outputs["shortfall"] == str(rmd[1] - 3000)


@settings(max_examples=25, deadline=None)
@given(
    served=st.sampled_from(
        [("four and a half years", 4), ("4 and a half years", 4), ("three and a half years", 3), ("5½ years", 5)]
    ),
    balance=st.sampled_from([("$21,000", 21000), ("$9,500", 9500)]),
)
def test_years_and_a_half_of_service_are_a_duration(assistant, served, balance):
    """ "been there four and a half years, 6-year graded vesting, company's put in $21,000 total" asked for the
    years of service: a number with "and a half" was always read as an age, and a spelled-out one not at all."""
    said, completed = served
    question = (
        f"been there {said}, 6-year graded vesting, company's put in {balance[0]} total. how much is mine if i quit"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "vesting", (question, answer.answer)
    assert answer.calculation.outputs["completed_years"] == completed
    share = {3: Decimal("0.4"), 4: Decimal("0.6"), 5: Decimal("0.8")}[completed]
    assert Decimal(answer.calculation.outputs["vested_employer"]) == balance[1] * share


def test_an_age_and_a_half_stays_an_age():
    from vested.understanding.quantities import extract_quantities

    assert [(q.kind, q.value) for q in extract_quantities("I am 59 and a half years.")] == [("age", Decimal("59.5"))]
    assert [(q.kind, q.value) for q in extract_quantities("she is 70 1/2 years old")] == [("age", Decimal("70.5"))]
    assert [(q.kind, q.value) for q in extract_quantities("two and a half percent")] == [("percent", Decimal("0.025"))]
