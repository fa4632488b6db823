"""The perceptron: it learns the words that separate neighbours, the same way every time."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from vested.retrieval import perceptron
from vested.retrieval.matching import TokenizedKnowledge
from vested.understanding.text import content_tokens

# Two entries that share their topical words; only "amount" and "max" tell the first apart.
NEIGHBOURS = [
    [["amount", "loan", "401k"], ["max", "loan"], ["loan", "limit", "401k"]],
    [["loan", "401k"], ["loan", "allow"], ["loan", "401k", "plan"]],
]


def test_a_word_only_one_neighbour_uses_votes_for_it():
    votes = perceptron.train(NEIGHBOURS)
    assert votes["amount"][0] > votes["amount"].get(1, 0.0)
    assert votes["allow"][1] > votes["allow"].get(0, 0.0)
    belief = perceptron.posterior(votes, ["amount", "loan", "401k"], range(2))
    assert belief[0] > belief[1]


def test_training_needs_no_seed_and_gives_the_same_weights_twice():
    assert perceptron.train(NEIGHBOURS) == perceptron.train(NEIGHBOURS)


words = st.lists(st.sampled_from(["loan", "401k", "amount", "max", "allow", "plan", "unknown"]), max_size=6)


@given(words)
def test_posterior_is_a_distribution_or_all_zero_when_no_word_votes(tokens):
    belief = perceptron.posterior(perceptron.train(NEIGHBOURS), tokens, range(2))
    assert len(belief) == 2
    assert all(0.0 <= share <= 1.0 for share in belief)
    assert math.isclose(sum(belief), 1.0) or belief == [0.0, 0.0]


def test_posterior_over_no_candidates_is_empty_not_an_error():
    assert perceptron.posterior(perceptron.train(NEIGHBOURS), ["loan"], []) == []


def test_on_the_real_base_how_much_points_to_the_loan_maximum_not_to_whether_loans_exist(kb):
    """The kind of neighbours the perceptron is for: every topical word is shared."""
    tokenized = TokenizedKnowledge.build(kb.entries)
    position = {entry.id: number for number, entry in enumerate(kb.entries)}
    pair = [position["loans.maximum"], position["loans.availability"]]
    how_much, whether = (
        perceptron.posterior(tokenized.votes, content_tokens(question), pair)
        for question in ("how much am I allowed to borrow from the plan", "am I allowed to borrow from the plan")
    )
    assert how_much[0] > how_much[1]
    assert how_much[0] > whether[0]
