"""The golden file: every question of every set gets the reply it was recorded with.

A change of behaviour is deliberate only when benchmarks/golden.py rewrote
tests/data/golden.jsonl in the same commit, so the diff lists every question it moved.
"""

from __future__ import annotations

import json

from benchmarks.golden import GOLDEN, golden_rows


def test_every_recorded_reply_is_reproduced():
    recorded = {(row["set"], row["id"]): row for row in map(json.loads, GOLDEN.read_text().splitlines())}
    now = {(row["set"], row["id"]): row for row in golden_rows()}
    changed = {key: (recorded.get(key), row) for key, row in now.items() if recorded.get(key) != row}
    assert changed == {}, "run benchmarks/golden.py and review the diff"
    assert set(now) <= set(recorded)
