"""The matcher's fast paths give the same floats as the plain computations they replace.

Each signal is computed once the plain way (every phrase scored on its own and fuzz.ratio asked
of every phrase, one FTS5 query over all the terms, the perceptron's votes added one by one) and
compared float for float with what the matcher computes: a faster path that changed a ranking's
last digit would change a confidence somewhere (benchmarks/README.md, session 19).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from vested.knowledge.loader import shipped_knowledge_base
from vested.retrieval import perceptron
from vested.retrieval.matching import (
    FUZZ_FLOOR,
    FUZZ_SHARE,
    Matcher,
    _add_weight,
    shipped_matcher,
    tokenized_knowledge,
)

DATA = Path(__file__).parent / "data"


def paraphrase_tokens(matcher: Matcher) -> list[list[str]]:
    questions = [
        json.loads(line)["q"] for line in (DATA / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return [matcher.tokens(question) for question in questions[::10]]


def plain_phrase_scores(matcher: Matcher, tokens: frozenset[str]) -> list[float]:
    """Each entry's best phrase, every phrase scored on its own: its shared words' weights added in the
    order the matcher adds them (the rarer words, then a ubiquitous word only to a phrase sharing a
    rarer one), and fuzz.ratio asked of every phrase, whatever its length."""
    text = " ".join(sorted(tokens))
    known = [token for token in tokens if token in matcher._idf]
    rare = [token for token in known if token not in matcher._ubiquitous]
    ubiquitous = list(set(known) - set(rare)) if rare else []
    question_weight = matcher._weight(tokens)
    best = [0.0] * len(matcher.entries)
    for phrase, phrase_text in enumerate(matcher._phrase_sorted):
        words = set(phrase_text.split())
        score = None
        if shared := [token for token in rare or known if token in words]:
            overlap = 0.0
            for token in shared + [token for token in ubiquitous if token in words]:
                overlap += matcher._idf[token]
            score = 2 * (1 - FUZZ_SHARE) * overlap / (question_weight + matcher._phrase_weight[phrase])
        ratio = fuzz.ratio(text, phrase_text)
        if ratio >= FUZZ_FLOOR:
            score = (score or 0.0) + FUZZ_SHARE / 100 * ratio
        owner = matcher._phrase_owner[phrase]
        if score is not None and score > best[owner]:
            best[owner] = score
    return best


def plain_bm25(matcher: Matcher, index: sqlite3.Connection, tokens: list[str]) -> list[float]:
    """One FTS5 query over all the terms, each entry's score over the best one's (0.0 where none is found)."""
    terms = sorted({token for token in tokens if token in matcher._idf})
    if not terms:
        return [0.0] * len(matcher.entries)
    query = " OR ".join(f'"{term}"' for term in terms)
    found = dict(index.execute("SELECT rowid, -bm25(entries, 2.0, 1.0) FROM entries WHERE entries MATCH ?", (query,)))
    best = max(found.values(), default=0.0)
    return [found.get(entry, 0.0) / best if best > 0 else 0.0 for entry in range(len(matcher.entries))]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return shipped_matcher()


@pytest.fixture(scope="module")
def index(matcher: Matcher) -> sqlite3.Connection:
    """The FTS5 index of the shipped base, as the matcher was built over (it keeps only the terms' shares)."""
    kb = shipped_knowledge_base()
    assert [entry.id for entry in kb.entries] == [entry.id for entry in matcher.entries]
    return Matcher._build_index(tokenized_knowledge(kb))


@pytest.fixture(scope="module")
def vocabulary(matcher: Matcher) -> list[str]:
    return sorted(matcher.vocabulary)


def test_each_entrys_best_phrase_is_the_plain_computations_on_the_paraphrases(matcher):
    """The length window fuzz.ratio is asked in loses no phrase it would rate FUZZ_FLOOR or more,
    and each phrase's score reaches its owner's best as the plain loop makes it."""
    everything = range(len(matcher.entries))
    for tokens in paraphrase_tokens(matcher):
        words = frozenset(tokens)
        assert matcher._phrase_scores(words, " ".join(sorted(words)), everything) == plain_phrase_scores(matcher, words)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_each_entrys_best_phrase_is_the_plain_computations_for_any_words(matcher, vocabulary, data):
    """Any words of the base's vocabulary (and one it does not know), short questions and long."""
    tokens = data.draw(st.lists(st.sampled_from([*vocabulary, "zzyzx"]), min_size=1, max_size=25))
    words = frozenset(tokens)
    everything = range(len(matcher.entries))
    assert matcher._phrase_scores(words, " ".join(sorted(words)), everything) == plain_phrase_scores(matcher, words)


def test_bm25_is_one_query_over_all_the_terms(matcher, index):
    """The shares kept by word, added column by column in the terms' order, are FTS5's own sums."""
    for tokens in paraphrase_tokens(matcher):
        assert matcher._bm25(tokens) == plain_bm25(matcher, index, tokens)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_bm25_is_one_query_over_all_the_terms_for_any_words(matcher, index, vocabulary, data):
    tokens = data.draw(st.lists(st.sampled_from([*vocabulary, "zzyzx"]), max_size=25))
    assert matcher._bm25(tokens) == plain_bm25(matcher, index, tokens)


def test_the_perceptrons_rows_give_its_posterior_on_the_paraphrases(matcher):
    everything = range(len(matcher.entries))
    for tokens in paraphrase_tokens(matcher):
        assert matcher._perceptron_posterior(tokens, everything) == perceptron.posterior(
            matcher._votes, tokens, everything
        )


votes_by_word = st.dictionaries(
    st.sampled_from(["loan", "401k", "amount", "max", "allow", "plan"]),
    st.dictionaries(st.integers(0, 5), st.floats(-3, 3, allow_nan=False).filter(bool), max_size=6),
)


@given(votes_by_word, st.lists(st.sampled_from(["loan", "401k", "amount", "max", "allow", "plan", "other"])))
def test_rows_added_column_by_column_are_the_votes_added_one_by_one(votes, tokens):
    """posterior_of_rows over the rows of the words that vote, in set(tokens) order, is posterior over every entry."""
    entries = 6
    rows = [perceptron.row(votes[word], entries) for word in set(tokens) if votes.get(word)]
    assert perceptron.posterior_of_rows(rows, entries) == perceptron.posterior(votes, tokens, range(entries))


@given(st.lists(st.tuples(st.lists(st.integers(0, 30), unique=True), st.floats(0.01, 9))))
def test_weights_added_in_c_are_the_weights_added_in_a_loop(additions):
    """_add_weight, into an empty dict and after, is shared[phrase] += weight in a loop."""
    shared: dict[int, float] = {}
    plain: dict[int, float] = {}
    for phrases, weight in additions:
        _add_weight(shared, phrases, weight)
        for phrase in phrases:
            plain[phrase] = plain.get(phrase, 0.0) + weight
    assert shared == plain
