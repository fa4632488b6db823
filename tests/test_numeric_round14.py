"""Numeric questions of round 14: stories written for the round, each reading a cause fixed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=40, deadline=None)
@given(
    age=st.integers(min_value=52, max_value=59),
    months=st.integers(min_value=1, max_value=11),
    said=st.sampled_from(
        [
            "I'm {age} and {months} {unit}. Any penalty if I take {amount} out of my 401k?",
            "i am {age} years and {months} {unit} old, pulling {amount} from the 401k. whats the penalty on that",
            "Im {age}, {months} {unit}, and want to withdraw {amount} from my 401(k). How much is the penalty?",
        ]
    ),
    amount=st.sampled_from([("50k", 50000), ("$18,000", 18000)]),
)
def test_an_age_and_the_months_past_it_are_one_age(assistant, age, months, said, amount):
    """ "I'm 59 and 8 months. Any penalty if I take 50k out?" read the age 59 and gave the 8 months to the
    Roth five-year clock: a $5,000 additional tax, though 59 and 8 months is past 59 1/2."""
    question = said.format(age=age, months=months, unit="month" if months == 1 else "months", amount=amount[0])
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "early_withdrawal", (question, answer.answer)
    inputs = answer.calculation.inputs
    assert Decimal(inputs["age"]) == (age + Decimal(months) / 12).quantize(Decimal("0.01")), question
    assert inputs.get("roth_years") is None, question
    past = age * 12 + months >= 59 * 12 + 6
    additional = Decimal(answer.calculation.outputs["additional_tax"])
    assert additional == (0 if past else Decimal(amount[1]) / 10), question


def test_months_counted_to_something_are_no_part_of_an_age(assistant):
    answer = assistant.ask("I'm 59 and 8 months from retiring. What's the penalty on taking 20k out of my 401k now?")
    assert answer.kind == "calculation" and answer.calculation.inputs["age"] == "59", answer.answer
    assert answer.calculation.outputs["additional_tax"] == "2000"


def test_a_stated_disability_is_the_exception_not_the_ten_percent(assistant):
    """ "I'm 52, disabled and can't work anymore. pulling $30,000 ... do I owe the early withdrawal penalty?"
    charged the 10% additional tax ($3,000): the early-withdrawal calculator had no exception input, and no
    calculator read a disability said in words."""
    for question, tool in (
        (
            "I'm 52, disabled and can't work anymore. pulling $30,000 from my 401(k). do I owe the early "
            "withdrawal penalty?",
            "early_withdrawal",
        ),
        ("I'm on SSDI, 50 years old, and want $12,000 from the 401k. How much will I keep?", "hardship_withdrawal"),
        (
            "got laid off at 44 owing $9,000 on my 401k loan, and I'm permanently disabled now. 22% bracket. "
            "What will the offset cost me?",
            "loan_offset",
        ),
    ):
        answer = assistant.ask(question)
        assert answer.kind == "calculation" and answer.calculation.tool == tool, (question, answer.answer)
        assert answer.calculation.inputs["exception"] is True, question
        assert answer.calculation.outputs["additional_tax"] == "0", (question, answer.calculation.outputs)
        assert "substantial gainful work" in answer.answer, question


def test_someone_elses_disability_is_no_exception(assistant):
    answer = assistant.ask("my son is disabled and I need $20,000 from my 401k for his care. I'm 45, what will I owe?")
    assert answer.kind == "calculation" and answer.calculation.outputs["additional_tax"] == "2000", answer.answer


@settings(max_examples=30, deadline=None)
@given(
    order=st.permutations(["basis", "balance", "taken"]),
    labels=st.sampled_from(
        [
            {"basis": "Basis", "balance": "Balance", "taken": "Taking out"},
            {"basis": "My after-tax part", "balance": "Plan value", "taken": "Pulling"},
            {"basis": "after-tax sum", "balance": "401k total", "taken": "withdrawing"},
        ]
    ),
    sums=st.sampled_from([(12500, 100000, 16000), (30000, 120000, 8000), (9000, 45000, 5000)]),
    ask=st.sampled_from(["What part is tax-free?", "how much of it is taxable?"]),
)
def test_a_label_on_its_own_line_names_its_own_value(assistant, order, labels, sums, ask):
    """ "Balance: $100,000 / Basis: $12,500 / Taking out: $16,000 / how much is taxable?" said one a line read
    $100,000 as the basis (the next line's label stood right after it) and $16,000 as the account: all
    $12,500 tax-free. The question is read flat, and a line break after a label's value was no boundary."""
    value = dict(zip(("basis", "balance", "taken"), sums, strict=True))
    lines = [f"{labels[name]}: ${value[name]:,}" for name in order]
    question = "\n".join([*lines, ask])
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "after_tax_basis_share", (question, answer)
    inputs = answer.calculation.inputs
    assert inputs["basis"] == str(value["basis"]), question
    assert inputs["account_value"] == [str(value["balance"])], question
    expected = Decimal(value["taken"]) * value["basis"] / value["balance"]
    assert Decimal(answer.calculation.outputs["tax_free"]) == expected, question


@settings(max_examples=40, deadline=None)
@given(
    rate=st.sampled_from(
        [
            ("a dollar for every two i put in", Decimal("0.5")),
            ("one dollar for every two I contribute", Decimal("0.5")),
            ("50 cents for every dollar i put in", Decimal("0.5")),
            ("25 cents for each dollar I contribute", Decimal("0.25")),
            ("a dollar for every four I put in", Decimal("0.25")),
        ]
    ),
    cap=st.sampled_from([4, 5, 6]),
    deferral=st.sampled_from([3, 6, 10]),
    salary=st.sampled_from([("72,000", 72000), ("$58k", 58000)]),
    giver=st.sampled_from(["they give me", "my company gives me", "my employer chips in"]),
)
def test_a_rate_for_every_dollar_put_in_keeps_its_cap(assistant, rate, cap, deferral, salary, giver):
    """ "they give me a dollar for every two i put in, up to 6% of pay ..." asked for the deferral already given
    (the formula read was "put in 6%"), and "gives me 50 cents for every dollar i put in, up to 6% of pay" lost its
    cap: "i put in" was taken for the asker's own deferral, ending the formula before "up to 6%"."""
    question = (
        f"{giver} {rate[0]}, up to {cap}% of wages. my pay is {salary[0]} and i defer {deferral}%. what do they add"
    )
    answer = assistant.ask(question)
    assert answer.kind == "calculation" and answer.calculation.tool == "employer_match", (question, answer.answer)
    expected = rate[1] * min(deferral, cap) * salary[1] / 100
    assert Decimal(answer.calculation.outputs["match"]) == expected, (question, answer.calculation.outputs)


@settings(max_examples=30, deadline=None)
@given(
    start=st.sampled_from([("85k", 85000), ("$120,000", 120000)]),
    stop=st.sampled_from(["adding nothing more", "with nothing more going in"]),
    span=st.sampled_from([("two decades", 20), ("2 decades", 20), ("a couple of decades", None)]),
    rate=st.sampled_from([("6 percent", "0.06"), ("7%", "0.07")]),
)
def test_decades_and_nothing_more_added_make_a_projection(assistant, start, stop, span, rate):
    """ "have 85k in my 401k now, adding nothing more. whats it worth in three decades at 6 percent" answered a
    worked example of someone else's savings: "adding nothing more" was no stop to deposits, and "three decades"
    no span of years."""
    question = f"have {start[0]} in my 401k now, {stop}. whats it worth in {span[0]} at {rate[0]}"
    answer = assistant.ask(question)
    if span[1] is None:  # no number of decades: never a figure over some other span
        assert answer.kind != "calculation", (question, answer.answer)
        return
    assert answer.kind == "calculation" and answer.calculation.tool == "future_value", (question, answer.answer)
    inputs = answer.calculation.inputs
    assert (inputs["years"], inputs["contribution"], inputs["starting_balance"]) == (span[1], "0", str(start[1]))
    expected = Decimal(start[1]) * (1 + Decimal(rate[1])) ** span[1]
    assert abs(Decimal(answer.calculation.outputs["future_value"]) - expected) < Decimal("0.01"), question


@settings(max_examples=20, deadline=None)
@given(
    said=st.sampled_from(
        [("a quarter million", 250000), ("half a million", 500000), ("a half million", 500000), ("quarter mil", 250000)]
    ),
    rate=st.sampled_from([("5%", "0.05"), ("6 percent", "0.06")]),
)
def test_a_fraction_of_a_million_is_the_sum(assistant, said, rate):
    """ "vested balance is a quarter million. how much can i take out as a loan" gave the loan rule: the sum said
    as a fraction of a million was no number at all."""
    loan = assistant.ask(f"i've got {said[0]} vested. most i can borrow?")
    assert loan.kind == "calculation" and loan.calculation.inputs["vested"] == str(said[1]), loan.answer
    assert loan.calculation.outputs["max_new_loan"] == "50000", loan.calculation.outputs
    question = f"i have {said[0]} in my 401k, adding nothing more. what will it be worth in 10 years at {rate[0]}"
    grown = assistant.ask(question)
    assert grown.kind == "calculation" and grown.calculation.inputs["starting_balance"] == str(said[1]), question
    expected = said[1] * (1 + Decimal(rate[1])) ** 10
    assert abs(Decimal(grown.calculation.outputs["future_value"]) - expected) < Decimal("0.01"), question
