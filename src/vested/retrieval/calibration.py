"""What a match score means: the share of answers at that score that were right.

The matcher's score ranks entries well but is not a probability: on real people's long
questions an answer scored 0.35 was right about two times in three, and one scored 0.9 not
always. The Answer's `confidence` is the measured accuracy of the score band its match fell
in, measured on the real-question development set, made monotone (pool-adjacent-violators)
and re-measured by benchmarks/reliability.py. Decisions (fall back, hedge) still read the raw
score; only the number shown is calibrated.
"""

from __future__ import annotations

from bisect import bisect_right

# (lowest raw score of the band, share right), measured 2026-12-06 by
# `benchmarks/reliability.py --fit` on shared/eval/real-dev.jsonl: FAQ replies to its answer
# rows, judged by the evaluator's rules (38 replies under 0.4, 18 in 0.4-0.5, 11 in 0.5-0.6,
# 24 at 0.6 or more). Real questions only: the dev-shaped sets, written to be answerable, would
# make every band look surer than it is for the people who actually ask.
SCORE_BANDS: tuple[tuple[float, float], ...] = (
    (0.0, 0.65),
    (0.5, 0.7),
    (0.6, 0.83),
)


def calibrated(score: float) -> float:
    """The measured share of answers right at this raw match score."""
    lows = [low for low, _ in SCORE_BANDS]
    return SCORE_BANDS[max(bisect_right(lows, score) - 1, 0)][1]
