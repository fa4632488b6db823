"""An entry answers only questions that name what it is about (an entry's `requires`)."""

from __future__ import annotations

from vested.core.coverage import Coverage, requires_problems
from vested.knowledge.records import replace
from vested.understanding.text import content_tokens


def _entry(kb, entry_id, requires):
    return replace(kb.by_id[entry_id], requires=requires)


def test_a_required_phrase_is_named_only_when_all_its_words_are(kb):
    entry = _entry(kb, "comparisons.brokerage-vs-401k", ["brokerage", "regular account"])
    coverage = Coverage([entry], content_tokens)
    assert coverage.addresses(entry, content_tokens("is an account that's just regular better than the plan"))
    assert coverage.addresses(entry, content_tokens("brokerage or 401k first?"))
    assert not coverage.addresses(entry, content_tokens("the company pays into it on a regular basis"))


def test_an_entry_that_requires_nothing_addresses_every_question(kb):
    entry = kb.by_id["loans.maximum"]
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
