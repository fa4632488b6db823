"""The dev question set, scored with the evaluator's rules: every row must pass."""

from __future__ import annotations

import pytest

from tests.conftest import DATA
from tests.scoring import judge, load_rows

ROWS = load_rows(DATA / "dev.jsonl")


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_dev_question(assistant, row):
    reply = assistant.ask(row["q"]).to_dict()
    assert judge(row, reply) == [], reply["answer"][:300]
