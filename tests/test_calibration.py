"""The confidence shown is the measured accuracy of a match score's band: monotone, within [0, 1]."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vested.retrieval.calibration import SCORE_BANDS, calibrated


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1))
def test_a_higher_score_never_shows_a_lower_confidence(first, second):
    low, high = sorted((first, second))
    assert 0 <= calibrated(low) <= calibrated(high) <= 1


def test_each_band_starts_where_the_table_says():
    for start, share in SCORE_BANDS:
        assert calibrated(start) == share
