"""The matcher's parts: normalization, the speller's limits, the classifier, the gates."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vested.knowledge.records import replace
from vested.retrieval.english import english_words
from vested.retrieval.matching import Matcher, NaiveBayes, TokenizedKnowledge, _all_rounded, _best_rounded, _rounded
from vested.understanding.language import language
from vested.understanding.scope import shipped_scope
from vested.understanding.text import content_tokens, shipped, stem


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("rebalance", "rebalancing"),
        ("my employer's plan", "my employer plan"),
        ("companies", "employer"),
        ("disabled", "disability"),
        ("court order", "QDRO"),
        ("pay back my loan", "repay my loan"),
        ("required distribution", "RMD"),
        ("early distribution", "early withdrawal"),
        ("the rule of fifty five for early retirees", "the rule of 55 for early retirees"),
        ("put money in my 401k", "contribute money in my 401k"),
        ("non-matching employer money", "profit sharing employer money"),
        ("how do I sign up for the plan", "how do I enroll in the plan"),
        ("participating in my 401k", "enrollment in my 401k"),
        ("does the penalty not apply to me", "penalty exceptions"),
        ("can the penalty be waived", "penalty exception"),
        ("blew the RMD deadline", "missed the RMD deadline"),
        ("forgot my RMD deadline", "miss RMD deadline"),
        ("overall limit", "total limit"),
        ("my previous employer's plan", "my old employer plan"),
        ("my wife's 401k", "my spouse 401k"),
        ("how old must I be", "what age must I be"),
        ("bump up my contributions", "increase my contributions"),
        ("can I swap my funds", "can I change my funds"),
        ("tweaking my allocation", "changing my allocation"),
        ("I was made redundant", "I was laid off"),
        ("got the sack", "got fired"),
        ("I was sacked", "I was laid off"),
        ("can I defer my RMD", "can I delay my RMD"),
        ("what even is that", "explain it like I'm five"),
        ("so what exactly is a 401(k)?", "define 401k"),
        ("move my 401(k) into bonds", "change my 401k into bonds"),
        ("me and my employer together", "me and my employer combined"),
        ("I'm being sued, is my 401k safe", "creditors, is my 401k safe"),
        ("what not to do with a 401k", "mistakes with a 401k"),
        ("can I take out a loan", "can I loan"),
        ("start taking money out of my 401k", "start withdrawals from my 401k"),
        ("what's the 2060 fund in my 401k", "what's the target date fund in my 401k"),
        ("what should i never do with my old 401k", "mistakes with my old 401k"),
        ("i got put into the plan without asking", "i was enrolled in the plan without asking"),
        ("why did they return some of my contributions", "why did they refund my contributions"),
        ("do I own my match yet", "am I vested in my match yet"),
        ("when does the company money become mine", "when does the company money vest"),
        ("can I count on it", "is it guaranteed"),
        ("I was enrolled last week", "enrolling"),
        ("a 401k loan for a down payment", "a 401k loan for a home purchase"),
        ("took a loan last month, how do I pay it back", "took a loan, how do I repay it"),
        ("what to do w/ my old 401k", "what to do with my old 401k"),
        ("can creditors come after my 401k", "can creditors seize my 401k"),
        ("ok dumb question: what's a 401(k)?", "what is a 401k plan"),
        ("can you explain what a 401k plan is", "what does 401k mean"),
        ("what's the math behind the projection", "what's the formula behind the projection"),
        ("how do I figure out my RMD", "how do I calculate my RMD"),
        ("pausing my deferrals", "stop my deferrals"),
        ("they paused the match", "they stop the match"),
        ("raising my rate", "increase my rate"),
        ("decreasing my contributions", "reduce my contributions"),
    ],
)
def test_forms_of_one_idea_meet(first, second):
    assert content_tokens(first) == content_tokens(second)


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        ("is that fine?", "penalty"),
        ("should I quit contributing", "leav"),
        ("quitting my 401k contributions", "leav"),
        ("I moved to Ohio", "rollover"),
        ("we shared the cost", "stock"),
        ("what if i blow it", "below"),
        ("move my 401k to an IRA", "chang"),
        ("what is a 401k loan", "defin"),
        ("what is it worth", "defin"),
        ("50% up to 6%", "increas"),
        ("filling out my benefits form", "advantag"),
        ("the return on my contributions", "refund"),
        ("I own part of the company, does that make me an HCE?", "vest"),
        ("my own contributions", "vest"),
        ("what happens to my 401k after I go", "creditor"),
        ("what is a 401k loan", "whatis401k"),
        ("my benefits team said to enroll", "advantag"),
    ],
)
def test_ordinary_words_keep_their_ordinary_meaning(question, absent):
    assert absent not in content_tokens(question)


def test_everyday_words_map_onto_the_knowledge_bases_own_words(kb):
    """A key the curated text used would merge its distinctions; a target it lacks helps nothing.

    Alternates are users' own phrasings, so they may use everyday words: both sides go through
    the everyday words alike.
    """
    everyday_words = language().words.everyday
    rewritten = shipped().rewritten_words
    used = {word for entry in kb.entries for text in (entry.question, entry.answer) for word in rewritten(text)}
    assert not {word for group in everyday_words for word in group.words} & used
    known = {
        token
        for entry in kb.entries
        for text in (entry.question, *entry.alternates, entry.answer)
        for token in content_tokens(text)
    }
    for target in {group.to for group in (*everyday_words, *language().phrases.everyday)}:
        assert set(content_tokens(target)) <= known, target


def test_early_withdrawal_penalty_keeps_what_kind_of_penalty():
    assert {"early", "withdraw", "penalty"} <= set(content_tokens("early withdrawal penalty"))


# Words, and words built to stack the endings the stemmer strips ("holdings", "exceededs").
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14) | st.from_regex(
    r"[a-z]{1,8}(?:ies|sses|ing|edly|ed|es|e|s){1,3}", fullmatch=True
)


@given(WORDS)
def test_stemming_is_idempotent_and_never_empties_a_word(word):
    stemmed = stem(word)
    assert stemmed
    assert stem(stemmed) == stemmed


def test_every_word_of_the_knowledge_base_stems_to_a_stem(kb):
    words = {word for entry in kb.entries for text in (entry.question, *entry.alternates) for word in text.split()}
    assert [word for word in words if stem(stem(word)) != stem(word)] == []


@pytest.mark.parametrize(
    "forms",
    [
        ("exceed", "exceeded", "exceeds"),
        ("earning", "earnings", "earned"),
        ("holding", "holdings"),
        ("rebalance", "rebalancing", "rebalanced"),
    ],
)
def test_a_words_forms_meet_on_one_stem(forms):
    assert len({stem(form) for form in forms}) == 1


def test_domain_and_product_words_are_in_the_matchers_own_form():
    """The gates compare against matcher tokens, so their words must be normalized too."""
    scope = shipped_scope()
    for word in scope.domain_terms.words | scope.other_products.words:
        assert word in content_tokens(word), word


def test_speller_repairs_typos_but_keeps_other_real_words(assistant):
    matcher = assistant.matcher
    assert "contribut" in matcher.tokens("contibution limit")
    assert "layoff" not in matcher.tokens("nhl playoff bracket")
    assert "below" not in matcher.tokens("what if i blow it")


@pytest.mark.parametrize(
    ("word", "misread_as"),
    [
        ("consultant", "constant"),
        ("heard", "hard"),
        ("policy", "police"),
        ("weather", "whether"),
        ("exercise", "excise"),
        ("restaurant", "restart"),
        ("player", "payer"),
    ],
)
def test_an_english_word_is_no_typo_of_a_domain_word(assistant, word, misread_as):
    """The speller judged by spelling alone: "work as a consultant" was read "work as a constant"."""
    assert assistant.matcher.correct(word) == word, misread_as


@pytest.mark.parametrize(
    ("typo", "meant"), [("retirment", "retirement"), ("hardhsip", "hardship"), ("penelty", "penalty")]
)
def test_a_typo_absent_from_the_english_list_is_still_repaired(assistant, typo, meant):
    assert assistant.matcher.correct(typo) == meant


def test_an_english_word_of_the_phrasings_is_no_planted_typo(kb):
    """An English word only an alternate uses is no typo of a word of the entries' own text: "designation" had
    been taken for a planted "destination", and questions were then read the same wrong way. A planted typo
    that is no English word is still repaired, on both sides."""
    first, second = kb.entries[:2]
    tiny = [
        replace(first, alternates=[*first.alternates, "the beneficiary designation form", "a retirment plan"]),
        replace(second, answer=second.answer + " Pick a destination for the retirement money."),
    ]
    small = replace(kb, entries=tiny, digest="")
    repaired = TokenizedKnowledge.build(tiny).repaired
    assert "designation" not in repaired and repaired.get("retirment") == "retirement", repaired
    matcher = Matcher(small)
    assert matcher.correct("designation") == "designation"
    assert matcher.correct("retirment") == "retirement"


def test_the_english_list_holds_real_words_and_not_common_misspellings():
    words = english_words()
    assert {"consultant", "refinance", "withdrew", "participate"} <= words
    assert not {"seperate", "recieve", "definately", "retirment"} & words


@pytest.mark.parametrize(
    ("question", "kept", "not_made"),
    [
        # a word of a phrase rule ("cashing out") is not "repaired" into the knowledge base's "crashing"
        ("would cashing in my old 401k be smart", "cash", "crash"),
        ("thinking about cashing in the plan from my last job", "cash", "crash"),
        # ... nor the other way round: "crash" is a word the rules map to ("meltdown" -> "crash")
        ("if the stock market is crashing should I stop contributing", "crash", "cash"),
        ("what happens to my balance when stocks crash", "crash", "cash"),
        # a scope word reaches the scope rules as typed
        ("should I refinance rather than borrow", "refinanc", "refin"),
    ],
)
def test_speller_leaves_the_rules_their_words(assistant, question, kept, not_made):
    tokens = assistant.matcher.tokens(question)
    assert kept in tokens and not_made not in tokens, tokens


@pytest.mark.parametrize(
    ("question", "token"),
    [
        ("requird minimum distributon at 73", "rmd"),
        ("is a taget date fund fine for 2050", "tdf"),
        ("I got layed off in the spring", "leav"),
    ],
)
def test_typos_inside_a_phrase_are_repaired_before_the_phrase_rules(assistant, question, token):
    assert token in assistant.matcher.tokens(question)


def test_classifier_posterior_is_a_distribution(kb):
    classifier = NaiveBayes(TokenizedKnowledge.build(kb.entries))
    posterior = classifier.posterior(content_tokens("can I borrow money out of my 401k"), range(len(kb.entries)))
    assert math.isclose(sum(posterior), 1.0)
    best = max(range(len(posterior)), key=posterior.__getitem__)
    assert kb.entries[best].id.startswith("loans.")


def test_words_spread_over_several_alternates_still_find_the_entry(kb):
    """No single alternate holds both words; the entry's phrasings together do."""
    entry = kb.by_id["loans.maximum"]
    tiny = [
        replace(entry, alternates=["how much can i borrow", "loan ceiling", "loan size", "a", "b", "c"]),
        kb.by_id["rmds.overview"],
        kb.by_id["roth.difference"],
    ]
    matcher = Matcher(replace(kb, entries=tiny, digest=""))
    assert matcher.rank("borrow ceiling", 1)[0].entry.id == "loans.maximum"


def test_ranking_is_best_first_and_scores_stay_between_0_and_1(assistant):
    matches = assistant.matcher.rank("what happens to my 401k when I quit", 5)
    scores = [match.score for match in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 1 for score in scores)


def test_classifier_over_no_candidates_is_empty_not_an_error(kb):
    """With a large base, BM25 picks the candidates; it may pick none."""
    classifier = NaiveBayes(TokenizedKnowledge.build(kb.entries))
    assert classifier.posterior(content_tokens("401k loan"), []) == []


def test_a_year_named_in_the_question_outranks_the_entries_of_other_years(kb):
    """The limit entries are each about one year; naming 2019 must not land on this year's."""
    entry_ids = [
        match.entry.id for match in Matcher(kb).rank("what was the IRS elective deferral ceiling for tax year 2019", 5)
    ]
    assert entry_ids[0] == "contributions.limit-2019"
    assert entry_ids.index("contributions.limit-2019") < entry_ids.index("contributions.limit-2026")


def test_a_storys_when_goes_but_a_rules_period_stays():
    assert content_tokens("I took a loan last month") == content_tokens("I took a loan")
    assert "month" in content_tokens("the highest balance in the last 12 months")


@given(st.floats(min_value=0.0, max_value=1.0) | st.integers(0, 20000).map(lambda halves: halves / 20000))
def test_the_fast_rounding_gives_rounds_float(score):
    """_rounded stands in for round(score, 4) on every score: the same float, halves included."""
    assert _rounded(score).hex() == round(score, 4).hex()


@given(st.lists(st.floats(min_value=0.0, max_value=1.0) | st.integers(0, 20000).map(lambda halves: halves / 20000)))
def test_rounding_every_score_at_once_gives_rounds_floats(scores):
    """_all_rounded, the comprehension a story's blend rounds with, is round(score, 4) score by score."""
    assert [rounded.hex() for rounded in _all_rounded(scores)] == [round(score, 4).hex() for score in scores]


@given(st.lists(st.integers(0, 40).map(lambda step: 0.5 + step * 0.000013), max_size=30), st.integers(0, 32))
def test_the_best_rounded_scores_are_those_a_sort_of_every_rounded_score_gives(scores, limit):
    """Only the scores that can reach the limit are rounded, yet the positions and ties come out as
    sorting all of them rounded (ties in their own order) would give them; the steps make many ties."""
    rounded = [round(score, 4) for score in scores]
    expected = sorted(range(len(scores)), key=lambda at: -rounded[at])[:limit]
    assert _best_rounded(scores, limit) == [(at, rounded[at]) for at in expected]
