"""The Assistant's decisions: answer, decline, follow the conversation, route to calculators."""

from __future__ import annotations

import json
from datetime import date

import pytest

from vested.core.answer import Answer
from vested.core.assistant import Assistant
from vested.core.conversation import Conversation


def test_faq_answer_cites_its_entry(assistant):
    answer = assistant.ask("What does an indirect rollover mean?")
    assert answer.kind == "faq"
    assert answer.entry is not None and answer.entry.startswith("rollovers.")
    assert answer.sources and all(source.title for source in answer.sources)
    assert 0 < answer.confidence <= 1


@pytest.mark.parametrize(
    "question",
    [
        "Where can I get the best tacos in Austin?",
        "What's the 2025 HSA contribution limit?",
        "how do 529 plans work",
        "what's my credit score",
        "write me a poem about taxes",
        "",
        "asdfgh qwerty",
        "how do I open a bank account",
        "how do I get a job at Google",
        "nhl playoff bracket",
        "how many months of expenses belong in an emergency fund",
        "which software should I use to file my taxes",
        "how does a SEP IRA work",
        "I'm self-employed, can I open a 401(k)?",
        "what is a solo 401k",
        "Could you draft a cover letter for a nursing job for me?",
        "Is a payday loan smart if I'm short $300 until payday?",
        "Which budgeting app should I use now that Mint is gone?",
        "I make $30k from a side business. What tax bracket is that, and do I pay quarterly estimated taxes?",
        "is a balance transfer card worth it for my credit card debt",
        "will the money left in my FSA roll over into next year",
        "what staking yield does binance pay",
        "how much do movers cost for a two bedroom apartment",
        "how late can I file for a tax extension",
        "is a vacation timeshare worth the money",
        "what's the estate tax exemption this year",
        "how are capital gains on my brokerage stocks taxed",
    ],
)
def test_out_of_scope_falls_back_saying_what_vested_covers(assistant, question):
    answer = assistant.ask(question)
    assert answer.kind == "fallback"
    assert "401(k)" in answer.answer
    assert answer.sources == []


@pytest.mark.parametrize(
    "question",
    [
        "Should I buy Amazon stock inside my 401k?",
        "what's the best index fund to buy",
        "is Apple a smart buy for my retirement account",
        "Fidelity Contrafund or Vanguard Wellington, which one should I buy?",
        "My coworker says to buy Palantir shares, should I move my savings there?",
        "should I put all my savings into Tesla",
    ],
)
def test_personal_pick_is_declined_with_the_general_principle(assistant, question):
    answer = assistant.ask(question)
    assert answer.kind == "fallback"
    assert "diversif" in answer.answer.lower()
    assert "recommend" in answer.answer.lower()


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("is a Roth 401k a good investment", None),
        ("can my 401k serve as my emergency fund", "misconceptions.penalty-free-access"),
        ("explain the ACP test", "rules.nondiscrimination"),
        ("are solo 401(k)s shielded from creditors?", "protections.creditors"),
        ("my mother died and I'm named on her 401(k), now what?", "rmds.beneficiaries"),
        ("my 401k or an IRA, which should I put my money in?", "comparisons.401k-vs-ira"),
        ("do I pay capital gains tax when the funds in my 401k rise", "basics.tax-benefits"),
        ("is rebalancing worth it", "investing.rebalancing"),
    ],
)
def test_plan_questions_near_the_gates_are_still_answered(assistant, question, entry):
    answer = assistant.ask(question)
    assert answer.kind == "faq"
    assert entry is None or answer.entry == entry


def test_fallback_suggests_nearest_topics_when_close(assistant):
    """A plan question too vague for any entry: declined, with the nearest entries offered."""
    answer = assistant.ask("tell me something about 401k percents")
    assert answer.kind == "fallback"
    assert 1 <= len(answer.suggestions) <= 3
    assert "nearest topics" in answer.answer


def test_follow_up_reads_the_previous_answer(assistant):
    conversation = Conversation()
    first = assistant.ask("What is the contribution limit for 2025?", conversation)
    assert (first.kind, first.entry) == ("faq", "contributions.limit-2025")
    follow = assistant.ask("and the catch-up?", conversation)
    assert follow.kind == "faq"
    assert "catch" in follow.answer.lower()


def test_why_repeats_the_explanation(assistant):
    conversation = Conversation()
    first = assistant.ask("If I cash out my 401(k), what happens?", conversation)
    again = assistant.ask("why?", conversation)
    assert again.entry == first.entry


def test_without_a_conversation_follow_ups_stand_alone(assistant):
    answer = assistant.ask("why?")
    assert answer.kind == "fallback"


def test_misspelled_question_still_matches(assistant):
    answer = assistant.ask("wat hapens to my lone if i quit my jbo")
    assert answer.kind == "faq"
    assert answer.entry == "loans.leaving-job"


def test_answer_contract_keys(assistant):
    payload = assistant.ask("Am I allowed to borrow against my 401k?").to_dict()
    assert set(payload) >= {
        "question",
        "kind",
        "answer",
        "entry",
        "confidence",
        "as_of",
        "sources",
        "calculation",
        "suggestions",
    }
    source = payload["sources"][0]
    assert set(source) >= {"source", "title", "section", "paragraph", "quote"}
    assert len(source["quote"].split()) <= 20


@pytest.mark.parametrize(
    ("today", "question", "entry"),
    [
        (date(2026, 11, 25), "what is the 401k limit this year", "contributions.limit-2026"),
        (date(2025, 6, 1), "what is the 401k limit this year", "contributions.limit-2025"),
        (date(2026, 11, 25), "what was the 401k deferral limit last year", "contributions.limit-2025"),
        (date(2026, 11, 25), "what's the current 401k contribution limit", "contributions.limit-2026"),
    ],
)
def test_this_year_is_the_clocks_year(kb, today, question, entry):
    assert Assistant(kb, today=today).ask(question).entry == entry


def test_a_match_formula_stops_where_the_asker_talks_about_themselves(assistant):
    answer = assistant.ask("my employer matches 100% up to 4% and I make 90k and put in 5%")
    assert answer.kind == "calculation"
    assert "$3,600.00" in answer.answer


def test_what_i_put_in_belongs_to_the_formula_not_to_my_own_rate(assistant):
    answer = assistant.ask("my job matches 100% of what i put in up to 4% of salary. i make $65,000 and put in 5%")
    assert answer.kind == "calculation"
    assert "$2,600.00" in answer.answer


@pytest.mark.parametrize(
    ("question", "kind", "entry"),
    [
        # a stock/bond mix is never taken for an age
        (
            "my 401k was 70/30 stocks and bonds but now its like 80/20. how do i rebalance it",
            "faq",
            "investing.rebalancing",
        ),
        # several entries link the match calculator; a clarify shows the question's, not the first
        ("I make 80k, total going into my account with the match?", "clarify", "match-vesting.widget-example"),
    ],
)
def test_numbers_that_do_not_make_a_calculation_leave_the_right_entry(assistant, question, kind, entry):
    answer = assistant.ask(question)
    assert (answer.kind, answer.entry) == (kind, entry)


def test_a_year_spelled_out_wins_over_this_year(assistant):
    answer = assistant.ask("I'm 34 and want to max out my 401k this year (2025). what's the most I can put in?")
    assert answer.kind == "calculation"
    assert "$23,500.00" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "so what exactly is a 401k plan",
        "I have $80,000 vested. How much can I borrow?",
        "how much can I borrow from my 401k",
        "what is the weather in Paris",
        "What's the 401(k) limit for 2031?",
    ],
)
def test_an_answer_read_back_from_its_json_is_the_same_answer(assistant, question):
    """The contract's JSON keeps everything: the log reads answers back from it (Answer.from_dict)."""
    answer = assistant.ask(question)
    assert Answer.from_dict(json.loads(answer.to_json())) == answer


@pytest.mark.parametrize(("kind", "confidence"), [("guess", 0.5), ("faq", 1.5), ("faq", -0.1)])
def test_an_answer_outside_the_contract_cannot_be_made(kind, confidence):
    with pytest.raises(ValueError):
        Answer(question="q", kind=kind, answer="a", confidence=confidence)


def test_which_way_the_money_moves_decides_the_entry(assistant):
    roll_in = assistant.ask("could I roll my rollover IRA into my current job's 401k?")
    assert roll_in.entry == "rollovers.ira-into-401k"
    # The reverse move shares every word; the point is that it never gets the roll-in answer.
    roll_out = assistant.ask("once I leave this job, can my 401k be rolled into an IRA?")
    assert roll_out.kind == "faq"
    assert roll_out.entry != "rollovers.ira-into-401k"
