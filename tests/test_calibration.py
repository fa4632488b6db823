"""The confidence shown is the measured accuracy of a match score's band: monotone, within [0, 1]."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vested.retrieval.calibration import NEAR_TIE, NEAR_TIE_SHARE, SCORE_BANDS, calibrated
from vested.retrieval.matching import Match


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_a_higher_score_never_shows_a_lower_confidence(first, second):
    low, high = sorted((first, second))
    assert 0 <= calibrated(low) <= calibrated(high) <= 1


def test_each_band_starts_where_the_table_says():
    for start, share in SCORE_BANDS:
        assert calibrated(start) == share


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=NEAR_TIE, exclude_max=True))
def test_a_near_tie_never_shows_more_than_its_measured_share(score, margin):
    assert calibrated(score, margin) <= NEAR_TIE_SHARE
    assert calibrated(score, margin) <= calibrated(score)


def test_an_answer_whose_runner_up_is_a_near_tie_shows_the_tie_and_offers_the_runner_up(assistant):
    answer_entry, runner_up = assistant.kb.entry("roth.how-to-choose"), assistant.kb.entry("roth.difference")
    tied = assistant.answer_entry("q", answer_entry, 0.5, [Match(runner_up, 0.5 - NEAR_TIE / 2, 0.5, 0.5)])
    clear = assistant.answer_entry("q", answer_entry, 0.5, [Match(runner_up, 0.5 - NEAR_TIE * 2, 0.5, 0.5)])
    assert tied.confidence == NEAR_TIE_SHARE < clear.confidence == calibrated(0.5)
    assert f"Did you mean: {runner_up.question}" in tied.suggestions
    assert not any(suggestion.startswith("Did you mean") for suggestion in clear.suggestions)
    assert tied.answer.startswith(f"*The closest I have answers “{answer_entry.question}”")
    assert clear.answer == answer_entry.answer.strip()
