"""The matcher's per-word tables, pickled row by row (vested.retrieval.packed)."""

from __future__ import annotations

import pickle

from vested.retrieval.packed import PackedTable

ROWS = {"loan": {3: 1.25, 1: -0.5}, "vest": {0: 2.0}, "empty": {}}


def test_a_table_made_in_memory_answers_as_its_dict():
    table = PackedTable(ROWS)
    assert dict(table) == ROWS and list(table) == list(ROWS) and len(table) == 3
    assert table["loan"] == {3: 1.25, 1: -0.5} and table.get("rmd", {}) == {} and "vest" in table
    assert table["empty"] == {} and table.get("empty", None) == {}


def test_unpickled_it_makes_each_row_when_first_looked_up_and_keeps_its_order():
    loaded = pickle.loads(pickle.dumps(PackedTable(ROWS)))
    assert loaded._rows == {}
    assert list(loaded["loan"].items()) == [(3, 1.25), (1, -0.5)], "each row keeps its own order"
    assert list(loaded._rows) == ["loan"], "the other rows are still packed"
    assert loaded.get("rmd") is None and "rmd" not in loaded and "vest" in loaded
    assert dict(loaded) == ROWS and list(loaded) == list(ROWS)
    again = pickle.loads(pickle.dumps(loaded))
    assert dict(again) == ROWS, "a loaded table pickles again as it was loaded"


def test_an_empty_table_is_false():
    assert not PackedTable({}) and not pickle.loads(pickle.dumps(PackedTable({})))
