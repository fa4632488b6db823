"""Changing, pausing or stopping one's own deferrals (knowledge/faq: contributions.change-or-stop).

The knowledge base answered this only in a paragraph of the fund-changes entry, so a parent pausing
for daycare, a plan that allows changes once a quarter or a wish to turn a deferral back on were
matched to the penalty-free-access, eligibility or limit entries, or declined. Our own questions."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "question",
    [
        "Money is tight after the twins arrived. Can I pause my 401k for a few months and restart it in the spring?",
        "My plan says deferral changes are allowed only in January and July. Is that allowed?",
        "I want to cut my 401-k from 12% to 5% for a few months. Do I lose anything?",
        "I stopped deferring last year when I was laid off briefly. Now I'm back, how do I turn it back on?",
        "How long after I change my contribution rate does my paycheck reflect it?",
        "The plan's auto-escalation raised me another 1% this January. Can I turn that off?",
    ],
)
def test_a_change_to_ones_own_deferral_gets_the_entry_that_answers_it(assistant, question):
    answer = assistant.ask(question)
    assert answer.entry == "contributions.change-or-stop", (answer.kind, answer.entry)


def test_auto_escalation_alone_names_the_plan(assistant):
    """ "Auto-escalation" is a deferral feature; with no other plan word the question had been declined as
    outside the domain, with no nearest topics at all (confidence 0)."""
    answer = assistant.ask("my auto escalation went up to 8% again, how do I stop it")
    assert answer.kind == "faq", (answer.kind, answer.entry)


def test_an_employer_that_stops_depositing_is_a_late_deposit_not_my_own_choice(assistant):
    """The employer stopping is its duty to deposit on time; the new entry about one's own election
    must not take it for the asker's change of rate."""
    answer = assistant.ask(
        "For three months the company has taken 401k money out of my checks but stopped depositing it."
    )
    assert answer.entry == "contributions.deposit-timing", (answer.kind, answer.entry)


def test_the_fund_changes_entry_still_answers_moving_money_between_funds(assistant):
    answer = assistant.ask("how many times a year can I move my 401k money between funds")
    assert answer.entry == "investing.changing-investments", (answer.kind, answer.entry)


@pytest.mark.parametrize(
    "question",
    [
        "I've put in 5% for two years. I'm thinking of quitting contributions to save for our wedding. "
        "What would I give up?",
        "Thinking about quitting my 401k contributions for a year to build cash. Is there a catch?",
    ],
)
def test_quitting_contributions_is_stopping_them_and_its_cost_is_asked_of_the_sentence_before(assistant, question):
    """ "Quitting my 401k contributions" was read as leaving the job (the rule's lookahead let "quitting"
    backtrack to "quittin", and "401k" is spaced out before phrase rules run), and a question with no
    topic of its own ("Is there a catch?", "What would I give up?") was weighed alone."""
    answer = assistant.ask(question)
    assert answer.entry == "contributions.change-or-stop", (answer.kind, answer.entry)
