"""The question sets: questions phrased as users type them, each naming the entry that answers it.

The sets measure the matcher, so they are written independently of it: their questions must
not repeat an entry's own question or alternates (that would test recall of strings, not
matching), every entry gets several, and out-of-scope questions are there to be declined.
paraphrases.jsonl is the issue's set; probes.jsonl was written later, by a hand that never saw
the alternates (see benchmarks/matching.py). The issue's target is 95% top-1 on in-scope
questions; each set is held to a floor a few questions under its measured figure, both kept in
tests/data/floors.toml (re-measured by benchmarks/floors.py). No out-of-scope question may be
answered as if Vested knew.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from tests.accuracy import load_floors, problems
from tests.conftest import DATA
from tests.scoring import load_rows

FLOORS = load_floors()


@dataclass(frozen=True)
class QuestionSet:
    """One file of questions and what it promises."""

    name: str
    min_per_entry: int
    min_out_of_scope: int

    @property
    def rows(self) -> list[dict]:
        return load_rows(DATA / self.name)

    @property
    def in_scope(self) -> list[dict]:
        return [row for row in self.rows if row["entry"]]

    @property
    def out_of_scope(self) -> list[dict]:
        return [row for row in self.rows if not row["entry"]]


SETS = [
    QuestionSet("paraphrases.jsonl", min_per_entry=3, min_out_of_scope=40),
    QuestionSet("probes.jsonl", min_per_entry=1, min_out_of_scope=30),
    # real-shaped stories of our own (a life, numbers that do not matter, then the question)
    QuestionSet("stories.jsonl", min_per_entry=0, min_out_of_scope=5),
]
each_set = pytest.mark.parametrize("question_set", SETS, ids=[s.name for s in SETS])


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).rstrip("?.! ")


@each_set
def test_rows_have_the_documented_shape(question_set):
    rows = question_set.rows
    assert all(set(row) == {"id", "q", "entry"} for row in rows)
    assert all(isinstance(row["q"], str) and row["q"].strip() for row in rows)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert len({_plain(row["q"]) for row in rows}) == len(rows), "a question appears twice"


@each_set
def test_every_expected_entry_exists(kb, question_set):
    unknown = sorted({row["entry"] for row in question_set.in_scope} - set(kb.by_id))
    assert unknown == []


@each_set
def test_every_entry_has_several_questions(kb, question_set):
    counts = Counter(row["entry"] for row in question_set.in_scope)
    thin = {entry.id: counts[entry.id] for entry in kb.entries if counts[entry.id] < question_set.min_per_entry}
    assert thin == {}


@each_set
def test_enough_out_of_scope_questions(question_set):
    assert len(question_set.out_of_scope) >= question_set.min_out_of_scope


@each_set
def test_no_question_copies_an_entry_phrase(kb, question_set):
    phrases = {_plain(phrase) for entry in kb.entries for phrase in (entry.question, *entry.alternates)}
    copied = [row["q"] for row in question_set.rows if _plain(row["q"]) in phrases]
    assert copied == []


@pytest.fixture(scope="module")
def replies(assistant):
    """The assistant's answer to every question of every set, asked without context."""
    return {(s.name, row["id"]): assistant.ask(row["q"]) for s in SETS for row in s.rows}


@each_set
def test_in_scope_questions_find_their_entry(replies, question_set):
    misses = []
    for row in question_set.in_scope:
        reply = replies[(question_set.name, row["id"])]
        if found := problems(question_set.name, row, reply.to_dict()):
            misses.append(f"{row['id']} {row['q']!r}: {found[0]}")
    right, floor = len(question_set.in_scope) - len(misses), FLOORS[question_set.name].floor
    assert right >= floor, f"top-1 {right}/{len(question_set.in_scope)}, floor {floor}:\n" + "\n".join(misses)


@each_set
def test_out_of_scope_questions_are_not_answered(replies, question_set):
    answered = [
        f"{row['id']} {row['q']!r}: {replies[(question_set.name, row['id'])].kind}"
        for row in question_set.out_of_scope
        # an entry's text or a calculation: either one answers as if Vested knew
        if replies[(question_set.name, row["id"])].kind in {"faq", "calculation"}
    ]
    assert answered == []
