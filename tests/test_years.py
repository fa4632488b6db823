"""A limits question about a year the table does not hold gets a plain answer, never another year's figures."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "said", "shown"),
    [
        ("how much can someone under 50 defer in 2031?", "2031 is not in my table yet", "2026"),
        ("I'm 52, how much could I put in my 401k next year?", "2027 is not in my table yet", "2026"),
        ("what was the 401(k) deferral limit back in 2009", "2009 is before my table", "2015"),
        (
            "I'm 54 and our debts are finally gone. We can save a lot more next year. What extra does my age allow?",
            "2027 is not in my table yet",
            "2026",
        ),
    ],
)
def test_a_year_outside_the_table_is_named_and_the_nearest_year_labelled(assistant, question, said, shown):
    answer = assistant.ask(question)
    assert answer.kind == "faq"
    assert said in answer.answer
    assert f"These are {shown}'s figures" in answer.answer
    assert answer.as_of == shown
    assert answer.sources and answer.sources[0].source.startswith("irs-notice-")


def test_a_year_in_the_table_is_answered_from_its_own_entry(assistant):
    answer = assistant.ask("what could an employee under 50 defer in 2022?")
    assert answer.entry == "contributions.limit-2022"


def test_a_year_in_a_question_about_something_else_is_left_alone(assistant):
    answer = assistant.ask("I left my job in 2011, can I still roll my old 401k into an IRA?")
    assert "not in my table" not in answer.answer


def test_a_story_year_does_not_turn_a_rule_question_into_a_limits_table(assistant):
    answer = assistant.ask(
        "My pay jumped in 2010 and the plan capped my deferrals that year. I also turned 50 then. "
        "Was I still allowed the extra catch-up amount?"
    )
    assert "before my table" not in answer.answer
    assert answer.entry == "contributions.catch-up-50"


def test_a_year_named_where_the_question_asks_is_still_answered_plainly(assistant):
    answer = assistant.ask("I turn 50 soon and my plan allows catch-ups. What will the catch-up limit be in 2031?")
    assert "2031 is not in my table yet" in answer.answer


def test_a_year_to_come_in_the_story_of_a_question_asking_for_no_figure_is_left_alone(assistant):
    answer = assistant.ask(
        "I'm 56 and earn about $230,000, making pre-tax catch-ups. A colleague says that ends next year. "
        "What's changing for someone like me?"
    )
    assert "not in my table" not in answer.answer


@pytest.mark.parametrize(
    ("year", "deferral", "additions"), [(2016, "$18,000.00", "$53,000.00"), (2017, "$18,000.00", "$54,000.00")]
)
def test_a_year_the_table_holds_but_no_entry_speaks_of_is_answered_from_its_row(assistant, year, deferral, additions):
    answer = assistant.ask(f"what was the 401k limit in {year}?")
    assert answer.kind == "faq"
    assert f"{year}'s limits" in answer.answer and deferral in answer.answer and additions in answer.answer
    assert answer.sources[0].source.startswith("irs-notice-")


def test_a_rule_asked_of_a_year_not_in_the_table_is_answered_by_the_rules_entry(assistant):
    """Whether catch-ups must go in as Roth in a later year is the rule's (it applies from 2026 on), not
    the table's "not published yet"."""
    answer = assistant.ask("I earn $170,000 and I'm 55. Will my catch-up have to be Roth in 2028?")
    assert answer.entry == "contributions.roth-catch-up-high-earners"
