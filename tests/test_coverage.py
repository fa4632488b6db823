"""An entry answers only questions that name what it is about (an entry's `requires`)."""

from __future__ import annotations

import pytest

from vested.core.coverage import Coverage, requires_problems
from vested.knowledge.records import replace
from vested.understanding.text import content_tokens


def _entry(kb, entry_id, requires):
    return replace(kb.by_id[entry_id], requires=requires)


def test_a_required_phrase_is_named_only_when_all_its_words_are(kb):
    entry = _entry(kb, "comparisons.brokerage-vs-401k", ["brokerage", "investing account"])
    coverage = Coverage([entry], content_tokens)
    assert coverage.addresses(entry, content_tokens("is an account for investing better than the plan"))
    assert coverage.addresses(entry, content_tokens("brokerage or 401k first?"))
    assert not coverage.addresses(entry, content_tokens("the company invests it for me on a regular basis"))


def test_an_entry_that_requires_nothing_addresses_every_question(kb):
    entry = kb.by_id["withdrawals.hardship"]
    assert Coverage([entry], content_tokens).addresses(entry, [])


def test_kb_check_reports_a_required_word_read_as_nothing_and_an_entry_that_cannot_answer_itself(kb):
    empty = _entry(kb, "comparisons.403b-vs-401k", ["the"])
    unmet = _entry(kb, "comparisons.pension-vs-401k", ["annuity"])
    problems = requires_problems(replace(kb, entries=[empty, unmet]), content_tokens)
    assert [problem.message for problem in problems] == [
        "requires 'the', which the matcher reads as no word",
        "its own question names none of the words it requires",
        "its own question names none of the words it requires",
    ]


def test_a_question_sharing_words_with_a_comparison_it_never_names_is_not_answered_by_it(assistant):
    answer = assistant.ask("Our owner has been skipping the regular deposits of what we defer. Who do we tell?")
    assert answer.entry != "comparisons.brokerage-vs-401k"


def test_the_entries_passed_over_are_those_whose_required_words_the_question_never_names(kb):
    brokerage = _entry(kb, "comparisons.brokerage-vs-401k", ["brokerage"])
    hardship = kb.by_id["withdrawals.hardship"]
    coverage = Coverage([hardship, brokerage], content_tokens)
    assert coverage.passed_over(content_tokens("does a flooded basement count as a hardship")) == frozenset({1})
    assert coverage.passed_over(content_tokens("a brokerage account or more in the plan?")) == frozenset()


def test_an_entry_passed_over_is_no_rival_its_share_of_belief_goes_to_the_others(assistant):
    """The classifier's belief is a share over the entries: one that cannot apply takes none of it,
    so what the question does ask about is not left looking doubtful."""
    reading = assistant.read("I keep money in a taxable brokerage account, and my 401(k) gets a regular deposit.")
    entries = assistant.matcher.entries
    brokerage = next(at for at, entry in enumerate(entries) if entry.id == "comparisons.brokerage-vs-401k")
    free = assistant.matcher.rank_reading(reading, 5)
    assert free[0].entry.id == "comparisons.brokerage-vs-401k"
    passed = assistant.matcher.rank_reading(reading, 5, frozenset({brokerage}))
    assert "comparisons.brokerage-vs-401k" not in [match.entry.id for match in passed]
    runner_up = free[1]
    assert next(match.score for match in passed if match.entry == runner_up.entry) > runner_up.score


def test_a_question_that_names_no_ira_is_not_told_about_ira_limits(assistant):
    answer = assistant.ask("I hold two part-time jobs with a 401k at each. Is there one deferral ceiling for both?")
    assert answer.entry != "contributions.ira-doesnt-reduce"


def test_every_loan_entry_requires_a_loan_and_names_one_in_each_phrasing(kb, assistant):
    loans = [entry for entry in kb.entries if entry.id.startswith("loans.")]
    assert loans and all(entry.requires for entry in loans)
    for entry in loans:
        for phrasing in (entry.question, *entry.alternates):
            assert assistant.coverage.addresses(entry, assistant.matcher.tokens(phrasing)), phrasing


def test_a_living_parents_withdrawal_is_not_answered_as_a_surviving_spouses_choice(assistant):
    answer = assistant.ask("My father is 81 with 70k in an old 401k. Can part of his yearly payout go to his temple?")
    assert answer.entry != "rmds.surviving-spouse"


def test_a_topic_the_base_lacks_counts_only_where_the_question_is(assistant):
    """Social Security asked about is beyond the base; named in passing three sentences back, it is story."""
    asked = assistant.ask("I draw Social Security at 68. Will cashing out part of my 401k make my benefits taxable?")
    assert asked.kind == "fallback"
    story = assistant.ask(
        "I am 64 and retired. I have not started Social Security yet. My wife still works. "
        "The 401k holds my employer's shares. Can I take the shares out and pay capital gains on the growth?"
    )
    assert story.kind == "faq"  # answered from the base, not declined as beyond it


def test_an_entry_named_only_after_the_question_takes_no_belief_from_the_answer(assistant):
    """A story told on after the question ("she also defaulted on a plan loan") names the loan entries
    for the calculators, but they are no rivals for the answer, which the question's scene decides."""
    story = (
        "The hospital is suing my mother for an old bill. Can her retirement savings be taken? "
        "She borrowed from her plan once and defaulted on that loan. She lives alone."
    )
    reading = assistant.read(story)
    loan = next(entry for entry in assistant.matcher.entries if entry.id == "loans.default")
    assert assistant.coverage.addresses(loan, reading.tokens)
    assert not assistant.coverage.addresses(loan, reading.near_tokens)
    answer = assistant.ask(story)
    assert (answer.kind, answer.entry) == ("faq", "protections.creditors")


@pytest.mark.parametrize(
    "question",
    [
        "Will the nursing home make my dad spend down his 401k before Medicaid pays?",
        "Do colleges see my 401k balance when we fill out the FAFSA?",
        "My side job offers a SIMPLE IRA and my day job a 401k. Can I fund both?",
        "Is a whole life policy a better place for my savings than the 401k?",
    ],
)
def test_a_topic_beside_the_401k_that_the_base_lacks_is_declined_not_answered_by_a_neighbour(assistant, question):
    """Medicaid, college aid forms, SIMPLE and SEP IRAs and life insurance come up next to a 401(k),
    which kept them in scope; no entry answers them, so none may answer in their place."""
    assert assistant.ask(question).kind == "fallback"
