"""The regex store: a pattern built from stored code is re.compile's pattern, and a bad file costs only time."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vested.knowledge import regex_store
from vested.knowledge.regex_store import ENGINE, RegexStore

pytestmark = pytest.mark.skipif(ENGINE is None, reason="this interpreter has no _sre engine to build patterns with")

# Patterns of the shapes Vested compiles: alternations with lookarounds, named groups, case-insensitive cues.
PATTERNS = [
    (r"\b(?:take|took)\s+(?:out\s+)?a\s+loan(?=\s+from)", 0),
    (r"(?P<dollar>\$\s?)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>k|m)?\b", 0),
    (r"(?<![\d-])2024(?![\d-])", 0),
    (r"\bcatch[\s-]?up", re.IGNORECASE),
    (r"^(?:so|and|but)\s+(?P<rest>.+)$", re.IGNORECASE | re.MULTILINE),
    (r"(\w+)\s+\1", 0),
]
TEXTS = st.text(alphabet="abcdeklnoprstu $,.-0123456789\n", max_size=60) | st.sampled_from(
    ["I took a loan from my 401k", "$12,500 and 3k", "so what about 2024?", "Catch-up at 50", "the the plan"]
)


def _same(built: re.Pattern[str], expected: re.Pattern[str], text: str) -> None:
    assert (built.pattern, built.flags, built.groups, built.groupindex) == (
        expected.pattern,
        expected.flags,
        expected.groups,
        expected.groupindex,
    )
    assert [m.span() for m in built.finditer(text)] == [m.span() for m in expected.finditer(text)]
    assert [m.groupdict() for m in built.finditer(text)] == [m.groupdict() for m in expected.finditer(text)]


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, len(PATTERNS) - 1), text=TEXTS)
def test_a_pattern_from_stored_code_matches_as_re_compile_does(tmp_path_factory, index, text):
    path = tmp_path_factory.mktemp("store") / regex_store.FILE_NAME
    pattern, flags = PATTERNS[index]
    first = RegexStore(path)
    first.compile(pattern, flags)
    first.save()
    second = RegexStore(path)
    _same(second.compile(pattern, flags), re.compile(pattern, flags), text)


def test_stored_code_is_used_without_compiling_again(tmp_path, monkeypatch):
    path = tmp_path / regex_store.FILE_NAME
    first = RegexStore(path)
    first.compile(r"\bvest(?:ed|ing)\b")
    first.save()

    def no_compiling(pattern: str, flags: int) -> None:
        raise AssertionError(f"compiled again: {pattern}")

    monkeypatch.setattr(regex_store, "_made", no_compiling)
    assert RegexStore(path).compile(r"\bvest(?:ed|ing)\b").search("fully vested now")


def test_another_interpreters_file_is_not_read(tmp_path):
    path = tmp_path / regex_store.FILE_NAME
    with path.open("wb") as handle:
        pickle.dump(("another", "python"), handle)
        pickle.dump({(r"a+", 0): b"not this interpreter's code"}, handle)
    assert RegexStore(path).compile(r"a+").fullmatch("aaa")


@pytest.mark.parametrize("content", [b"", b"\x80\x05garbage", pickle.dumps(ENGINE) + b"truncated"])
def test_a_damaged_file_costs_only_compiling(tmp_path, content):
    path = tmp_path / regex_store.FILE_NAME
    path.write_bytes(content)
    store = RegexStore(path)
    assert store.compile(r"(\d+)%").search("a 6% match").group(1) == "6"
    store.save()
    assert RegexStore(path).compile(r"(\d+)%").search("a 4% match").group(1) == "4"


def test_an_invalid_pattern_raises_as_re_compile_does(tmp_path):
    with pytest.raises(re.error):
        RegexStore(tmp_path / regex_store.FILE_NAME).compile(r"(unclosed")


def test_without_a_cache_folder_nothing_is_written(tmp_path):
    store = RegexStore(None)
    assert store.compile(r"roth").search("a roth 401k")
    store.save()
    assert list(tmp_path.iterdir()) == []


def test_the_store_stops_growing_at_its_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_store, "MAX_PATTERNS", 3)
    path = tmp_path / regex_store.FILE_NAME
    store = RegexStore(path)
    for number in range(5):
        assert store.compile(rf"x{number}").fullmatch(f"x{number}")
    store.save()
    with path.open("rb") as handle:
        pickle.load(handle)
        assert len(pickle.load(handle)) == 3


def test_broken_internals_fall_back_to_re_compile(tmp_path, monkeypatch):
    def broken(pattern: str, flags: int) -> None:
        raise TypeError("the engine changed")

    monkeypatch.setattr(regex_store, "_made", broken)
    store = RegexStore(tmp_path / regex_store.FILE_NAME)
    assert store.compile(r"match(?:ed|ing)?").search("matching funds")
    store.save()
    assert not (tmp_path / regex_store.FILE_NAME).exists()
