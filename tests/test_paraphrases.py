"""The paraphrase set: questions phrased as users type them, each naming the entry that answers it.

The set measures the matcher, so it is written independently of it: its questions must not
repeat an entry's own question or alternates (that would test recall of strings, not
matching), every entry gets several, and out-of-scope questions are there to be declined.
The issue's target is 95% top-1 on in-scope questions; the assistant reaches 87.9% today
(benchmarks/README.md), so MIN_ACCURACY is a regression floor just under the measured figure,
not the target. No out-of-scope question may be answered as if Vested knew.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import DATA
from tests.scoring import load_rows

ROWS = load_rows(DATA / "paraphrases.jsonl")
IN_SCOPE = [row for row in ROWS if row["entry"]]
OUT_OF_SCOPE = [row for row in ROWS if not row["entry"]]
MIN_PER_ENTRY = 3
MIN_OUT_OF_SCOPE = 40
MIN_ACCURACY = 0.85


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).rstrip("?.! ")


def test_rows_have_the_documented_shape():
    assert all(set(row) == {"id", "q", "entry"} for row in ROWS)
    assert all(isinstance(row["q"], str) and row["q"].strip() for row in ROWS)
    ids = [row["id"] for row in ROWS]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert len({_plain(row["q"]) for row in ROWS}) == len(ROWS), "a question appears twice"


def test_every_expected_entry_exists(kb):
    unknown = sorted({row["entry"] for row in IN_SCOPE} - set(kb.by_id))
    assert unknown == []


def test_every_entry_has_several_paraphrases(kb):
    counts = Counter(row["entry"] for row in IN_SCOPE)
    thin = {entry.id: counts[entry.id] for entry in kb.entries if counts[entry.id] < MIN_PER_ENTRY}
    assert thin == {}


def test_enough_out_of_scope_questions():
    assert len(OUT_OF_SCOPE) >= MIN_OUT_OF_SCOPE


def test_no_question_copies_an_entry_phrase(kb):
    phrases = {_plain(phrase) for entry in kb.entries for phrase in (entry.question, *entry.alternates)}
    copied = [row["q"] for row in ROWS if _plain(row["q"]) in phrases]
    assert copied == []


@pytest.fixture(scope="module")
def replies(assistant):
    """The assistant's answer to every question of the set, asked without context."""
    return {row["id"]: assistant.ask(row["q"]) for row in ROWS}


def test_in_scope_questions_find_their_entry(replies):
    misses = [
        f"{row['id']} {row['q']!r}: expected {row['entry']}, got {replies[row['id']].kind} {replies[row['id']].entry}"
        for row in IN_SCOPE
        if replies[row["id"]].entry != row["entry"] or replies[row["id"]].kind == "fallback"
    ]
    accuracy = 1 - len(misses) / len(IN_SCOPE)
    assert accuracy >= MIN_ACCURACY, f"top-1 accuracy {accuracy:.1%} ({len(misses)} misses):\n" + "\n".join(misses)


def test_out_of_scope_questions_are_not_answered(replies):
    answered = [
        f"{row['id']} {row['q']!r}: {replies[row['id']].kind} {replies[row['id']].entry}"
        for row in OUT_OF_SCOPE
        if replies[row["id"]].kind in {"faq", "calculation"}
    ]
    assert answered == []
