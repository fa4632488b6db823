"""An averaged perceptron over entries: the words that tell neighbouring entries apart.

The naive Bayes classifier and the phrase scorer both ask how much a question looks like
an entry's phrasings; neither asks which words separate an entry from the one next to it.
"How much can I borrow" and "can I borrow" share every topical word, and only "amount"
says the first is about the loan maximum, not whether loans exist. A perceptron learns
exactly that: trained on every phrasing, it moves weight onto a word only when the word
is needed to pull a phrasing away from the entry it was confused with.

Training visits the phrasings in a fixed order (each entry's first phrasing, then each
entry's second, ...), so the weights are the same on every machine without a random seed,
and averages the weights over every step, which keeps the late updates from dominating.
It costs about a second on the real knowledge base, so the weights are kept with the
tokenized phrases (vested.retrieval.matching.TokenizedKnowledge) in the compiled knowledge
(vested.knowledge.compiled).
"""

from __future__ import annotations

import math

EPOCHS = 10
# A phrasing counts as learnt only when its entry leads the runner-up by this much; without
# a margin the perceptron stops at the first separating weights, which generalize worse.
MARGIN = 1.0
DIGITS = 4  # weights are rounded for the cache; the fifth digit never changes a ranking

WordVotes = dict[str, dict[int, float]]


def train(phrases: list[list[list[str]]]) -> WordVotes:
    """Averaged weights: for each word, its vote for each entry that needed it.

    phrases holds each entry's phrasings as token lists, the entry being its position.
    """
    examples = [
        (sorted(set(entry_phrases[depth])), owner)
        for depth in range(max((len(entry_phrases) for entry_phrases in phrases), default=0))
        for owner, entry_phrases in enumerate(phrases)
        if depth < len(entry_phrases) and entry_phrases[depth]
    ]
    weights: WordVotes = {}
    # The average of the weights over all steps, kept the cheap way: each update at step t
    # also adds t times itself to `timed`, and the average is weights - timed / steps.
    timed: WordVotes = {}
    step = 1
    for _ in range(EPOCHS):
        for words, owner in examples:
            scores: dict[int, float] = {}
            for word in words:
                for entry, weight in weights.get(word, {}).items():
                    scores[entry] = scores.get(entry, 0.0) + weight
            own = scores.pop(owner, 0.0)
            rival = max(scores, key=scores.__getitem__) if scores else None
            if rival is None or scores[rival] + MARGIN > own:
                for word in words:
                    _add(weights, timed, word, owner, 1.0, step)
                    if rival is not None:
                        _add(weights, timed, word, rival, -1.0, step)
            step += 1
    return {
        word: {
            entry: round(weight - timed[word][entry] / step, DIGITS)
            for entry, weight in votes.items()
            if round(weight - timed[word][entry] / step, DIGITS)
        }
        for word, votes in weights.items()
    }


def _add(weights: WordVotes, timed: WordVotes, word: str, entry: int, change: float, step: int) -> None:
    votes = weights.setdefault(word, {})
    votes[entry] = votes.get(entry, 0.0) + change
    history = timed.setdefault(word, {})
    history[entry] = history.get(entry, 0.0) + change * step


def posterior(votes: WordVotes, tokens: list[str], owners: range | list[int]) -> list[float]:
    """A softmax over the owners' summed votes: a share of belief for each, summing to 1."""
    totals: dict[int, float] = {}
    for word in set(tokens):
        for entry, weight in votes.get(word, {}).items():
            totals[entry] = totals.get(entry, 0.0) + weight
    if not totals or not owners:
        return [0.0 for _ in owners]
    scores = [totals.get(owner, 0.0) for owner in owners]
    best = max(scores)
    relative = [math.exp(score - best) for score in scores]
    total = sum(relative)
    return [value / total for value in relative]
