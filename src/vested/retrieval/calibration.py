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

# (lowest raw score of the band, share right), re-measured 2026-12-06 (session 16) on FAQ replies
# to real-shaped questions: shared/eval/real-dev.jsonl's answer rows (`benchmarks/reliability.py
# --fit`, judged by the evaluator's rules: 57 of 65 right under 0.6, 27 of 28 at 0.6 or more) pooled
# with tests/data/stories.jsonl, our own stories, which the matching was never tuned on (15 of 21
# under 0.6, 18 of 18 at 0.6 or more): 72 of 86 (0.84) and 45 of 46. The top band shows 0.95, not
# 0.98: two small samples, and no reply is certain. Real questions only: the dev-shaped sets,
# written to be answerable, would make every band look surer than it is.
SCORE_BANDS: tuple[tuple[float, float], ...] = (
    (0.0, 0.84),
    (0.6, 0.95),
)


def calibrated(score: float) -> float:
    """The measured share of answers right at this raw match score."""
    lows = [low for low, _ in SCORE_BANDS]
    return SCORE_BANDS[max(bisect_right(lows, score) - 1, 0)][1]
