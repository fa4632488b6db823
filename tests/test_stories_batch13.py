"""Stories batch 13 (benchmarks/README.md, session 25): what its misses taught, each as data.

Rules of others that a 401(k) story runs into (overtime pay, a home office deduction, the child tax credit,
a relocation package's tax), an age said as "too old", a calculator on a website that "comes up with" its
number, work "on top of my day job", and the limits asked over a run of years. Every question is written for
these tests; none is an evaluation question.
"""

from __future__ import annotations

from decimal import Decimal

import pytest


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        (
            "I'm 28 and defer 7% into my 401k. My manager has me working 48 hours a week. "
            "Does the company have to pay overtime for the hours over 40?",
            True,
        ),
        (
            "We both put 6% into our 401ks. Lots of weekend shifts lately. Is time and a half required on weekends?",
            True,
        ),
        ("I work remotely and max my 401k. Is a home office deductible if I'm a W-2 employee?", True),
        (
            "My wife and I both defer 10% into our 401ks and we have two toddlers. Does the child tax credit "
            "phase out for a couple making 230k?",
            True,
        ),
        (
            "I'm 50 and moving states for a new role; my 401k is going into the new plan. The new employer gives a "
            "relocation package of $8,000. Is that relocation package taxed as income?",
            True,
        ),
        ("Our home office in Ohio runs payroll. How do I lower my 401k deferral from 8% to 5%?", False),
        ("Do my 401k deferrals qualify for the saver's credit on a $31,000 salary?", False),
        ("I'm relocating for a new job next month. What should I do with the 401k at my old company?", False),
    ],
)
def test_overtime_a_home_office_the_child_credit_and_relocation_pay_are_declined(assistant, question, declined):
    """Each asked inside a 401(k) story, and deposit-timing, first-home, beneficiaries and new-employer-plan
    answered them at 0.91 as if they were the plan's rules (st459, st460, st461, st465)."""
    answer = assistant.ask(question)
    assert (answer.kind == "fallback") is declined, (answer.kind, answer.entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # "too old" is an age, not a former plan: "old" alone read as leave-in-old-plan's "old".
        (
            "someone at work told my mom she's too old for the 401k now that she's 72. is that correct",
            "contributions.older-workers",
        ),
        # A website's calculator that "comes up with" its figure is one that calculates it.
        (
            "My son, 26, asked how the 401k calculator on his benefits site comes up with the number it shows for "
            "age 67. What's the math it uses?",
            "projections.future-value-formula",
        ),
        # Work on top of a day job, with its own money: a side business, the solo 401(k) entry's.
        (
            "I'm 33 and tutor kids in the evenings on top of my day job, where I defer 8% into the 401k. "
            "Could I set up a 401k of my own for the tutoring income?",
            "contributions.side-business",
        ),
    ],
)
def test_a_story_told_in_other_words_reaches_its_entry(assistant, question, entry):
    answer = assistant.ask(question)
    assert answer.kind == "faq", (answer.kind, answer.entry, answer.confidence)
    assert answer.entry == entry, (answer.entry, answer.confidence)


def test_the_limits_over_a_run_of_years_are_their_history_not_one_year(assistant):
    """ "How much has the limit gone up over the last several years, from 2018 to now" asks the table of
    years; the contribution-limit calculator worked 2018 alone at today's age (st439)."""
    answer = assistant.ask(
        "I'm 52 and started saving in 2017. How much have the 401k limits gone up over the past few years?"
    )
    assert answer.kind == "faq", (answer.kind, answer.answer[:200])
    assert answer.entry == "contributions.limits-history"


def test_what_went_in_is_what_was_deferred_not_last_years_wages(assistant):
    """ "Her 401k statement says $27,000 went in" is what she deferred that year: read as last year's FICA wages
    it was listed among what the calculator read (st436), a sum the question never gave."""
    answer = assistant.ask(
        "My brother was 61 in 2021, and his 401k statement for that year says $26,000 went in. What was the 2021 "
        "limit for someone his age?"
    )
    assert answer.kind == "calculation", answer.answer[:200]
    inputs = answer.calculation.inputs
    assert inputs["prior_year_fica_wages"] is None, inputs
    assert Decimal(inputs["contributed"]) == 26000, inputs


@pytest.mark.parametrize(
    ("question", "age", "limit"),
    [
        # 53 today is 47 at the end of 2020: no catch-up. Worked at 53, the catch-up was added ($26,000).
        ("I'm 53 now and cleaning out old files. What was the most I could defer back in 2020?", 47, "19500"),
        ("My sister is currently 57. What was her 401k max for 2021?", 52, "26000"),
        # An age said of the year asked about is its own.
        ("I was 51 in 2022. What was my 401k limit that year?", 51, "27000"),
    ],
)
def test_an_age_said_now_is_fewer_years_in_an_earlier_year(assistant, question, age, limit):
    """ "I'm 38 now" with "what was the 2021 limit" is 33 at the end of 2021 (st427, worked at 38)."""
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer[:200]
    assert answer.calculation.inputs["age"] == age or answer.calculation.inputs.get("birth_date"), answer.answer[:300]
    assert Decimal(answer.calculation.outputs["total_employee_limit"]) == Decimal(limit), answer.answer[:300]


def test_a_form_box_is_no_age(assistant):
    """ "$23,500 in box 12 code D" names a W-2's box: read as an age, the limit was worked for a 12-year-old (st434)."""
    answer = assistant.ask(
        "The W-2 I got for last year has $22,000 in box 12 code D from my 401k. Was that the whole 2025 limit or "
        "could I have put in more?"
    )
    assert answer.kind in ("faq", "calculation"), answer.kind
    assert answer.calculation is None or answer.calculation.inputs.get("age") != 12, answer.answer[:300]
    assert "age 12" not in answer.answer, answer.answer[:300]
