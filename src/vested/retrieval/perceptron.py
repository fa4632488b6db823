"""An averaged perceptron over entries: the words that tell neighbouring entries apart.

The naive Bayes classifier and the phrase scorer both ask how much a question looks like
an entry's phrasings; neither asks which words separate an entry from the one next to it.
"How much can I borrow" and "can I borrow" share every topical word, and only "amount"
says the first is about the loan maximum, not whether loans exist. A perceptron learns
exactly that: trained on every phrasing, it moves weight onto a word only when the word
is needed to pull a phrasing away from the entry it was confused with.

Training visits the phrasings in fixed orders (each entry's first phrasing, then each
entry's second, ...), so the weights are the same on every machine without a random seed,
and averages the weights over every step, which keeps the late updates from dominating.

One perceptron's weights depend on the order it saw the phrasings in: a single new alternate
shifts every later update, and with them the ranking of questions about unrelated entries.
So ORDERINGS perceptrons are trained, each over the same phrasings in another order (the
sequence started at another point, every other one backwards), and their weights averaged:
what one ordering learnt by accident the others outvote. It costs a second or so a
perceptron on the real knowledge base, so the weights are kept with the tokenized phrases
(vested.retrieval.matching.TokenizedKnowledge) in the compiled knowledge
(vested.knowledge.compiled).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from operator import add

EPOCHS = 10
# A phrasing counts as learnt only when its entry leads the runner-up by this much; without
# a margin the perceptron stops at the first separating weights, which generalize worse.
MARGIN = 1.0
DIGITS = 4  # weights are rounded for the cache; the fifth digit never changes a ranking
# How many orderings are averaged. Measured 2026-12-06 by adding 22 alternates to 11 entries
# and counting the questions of tests/data's sets whose reply moved (benchmarks/README.md,
# session 15): 10 with one ordering, 6 with four (5 with no perceptron at all). Measured again
# 2026-12-07 (session 21) on the full golden set when one phrase rule was added: 8 rows moved with
# four orderings, 4 with eight; and eight against four scored paraphrases 493/524 (490), probes
# 263/277 (261), stories 185/235 (181), every other set the same (six: 492, 260, 182; sixteen: 493,
# 262, 184). Each ordering costs about 4 seconds when the compiled knowledge is rebuilt.
ORDERINGS = 8

WordVotes = dict[str, dict[int, float]]


def train(phrases: list[list[list[str]]]) -> WordVotes:
    """Averaged weights: for each word, its vote for each entry that needed it, averaged over
    ORDERINGS perceptrons that saw the phrasings in different orders.

    phrases holds each entry's phrasings as token lists, the entry being its position.
    """
    examples = [
        (sorted(set(entry_phrases[depth])), owner)
        for depth in range(max((len(entry_phrases) for entry_phrases in phrases), default=0))
        for owner, entry_phrases in enumerate(phrases)
        if depth < len(entry_phrases) and entry_phrases[depth]
    ]
    summed: dict[str, dict[int, float]] = {}
    for ordering in range(ORDERINGS):
        start = ordering * len(examples) // ORDERINGS
        ordered = examples[start:] + examples[:start]
        for word, votes in _train_once(ordered[::-1] if ordering % 2 else ordered).items():
            word_sum = summed.setdefault(word, {})
            for entry, weight in votes.items():
                word_sum[entry] = word_sum.get(entry, 0.0) + weight
    return {
        word: {
            entry: round(total / ORDERINGS, DIGITS)
            for entry, total in votes.items()
            if round(total / ORDERINGS, DIGITS)
        }
        for word, votes in summed.items()
    }


def _train_once(examples: list[tuple[list[str], int]]) -> WordVotes:
    """One averaged perceptron over the examples (a phrasing's words and its entry) in the order given."""
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
        word: {entry: weight - timed[word][entry] / step for entry, weight in votes.items()}
        for word, votes in weights.items()
    }


def _add(weights: WordVotes, timed: WordVotes, word: str, entry: int, change: float, step: int) -> None:
    votes = weights.setdefault(word, {})
    votes[entry] = votes.get(entry, 0.0) + change
    history = timed.setdefault(word, {})
    history[entry] = history.get(entry, 0.0) + change * step


def posterior(votes: Mapping[str, dict[int, float]], tokens: list[str], owners: range | list[int]) -> list[float]:
    """A softmax over the owners' summed votes: a share of belief for each, summing to 1."""
    totals: dict[int, float] = {}
    for word in set(tokens):
        for entry, weight in votes.get(word, {}).items():
            totals[entry] = totals.get(entry, 0.0) + weight
    if not totals or not owners:
        return [0.0 for _ in owners]
    return _softmax([totals.get(owner, 0.0) for owner in owners])


def row(word_votes: Mapping[int, float], entries: int) -> list[float]:
    """A word's votes over every entry, 0.0 where it casts none: the form `posterior_of_rows` adds up."""
    dense = [0.0] * entries
    for entry, weight in word_votes.items():
        dense[entry] = weight
    return dense


def posterior_of_rows(rows: list[list[float]], entries: int) -> list[float]:
    """`posterior` over every entry, from the rows (`row`) of the question's words that cast a vote,
    in the order of set(tokens): the same floats, the rows added column by column in C instead of
    each vote in a loop (0.14 -> 0.115 ms a question; benchmarks/README.md, session 19).

    Each entry's total adds the same votes in the same order; an entry a word casts no vote for
    adds 0.0, which leaves a sum as it is (x + 0.0 == x; a zero's sign never reaches the softmax).
    """
    if not rows or not entries:
        return [0.0] * entries
    totals = rows[0]
    for following in rows[1:]:
        totals = list(map(add, totals, following))
    return _softmax(totals)


def _softmax(scores: list[float]) -> list[float]:
    best = max(scores)
    relative = [math.exp(score - best) for score in scores]
    total = sum(relative)
    return [value / total for value in relative]
