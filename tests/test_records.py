"""Records (vested.knowledge.records) behave as the frozen dataclasses they replace, validation included."""

from __future__ import annotations

import pickle

import pytest
from pydantic import ValidationError

from vested.knowledge.models import Citation, Entry, validated
from vested.knowledge.records import FrozenRecordError, Record, field, record_fields, replace


class Point(Record):
    x: int
    label: str = ""
    tags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.x < 0:
            raise ValueError("x is never negative")


class Counter(Record, frozen=False):
    count: int = 0


def test_a_record_is_made_compared_hashed_and_shown_by_its_fields():
    point = Point(x=1, label="a")
    assert point == Point(x=1, label="a", tags=[])
    assert point != Point(x=2, label="a")
    assert record_fields(Point) == ("x", "label", "tags")
    assert repr(point) == "Point(x=1, label='a', tags=[])"
    assert Point(x=1).tags is not Point(x=1).tags, "a default factory makes each record its own"
    assert hash(Point(x=1, label="b", tags=())) == hash(Point(x=1, label="b", tags=()))  # type: ignore[arg-type]


def test_a_record_is_frozen_unless_declared_otherwise():
    with pytest.raises(FrozenRecordError):
        Point(x=1).x = 2  # type: ignore[misc]
    counter = Counter()
    counter.count += 1
    assert counter == Counter(count=1)
    with pytest.raises(TypeError):
        hash(counter)


def test_arguments_are_checked_as_a_dataclass_checks_them():
    with pytest.raises(TypeError, match="missing"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected"):
        Point(x=1, y=2)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="never negative"):
        Point(x=-1)
    with pytest.raises(ValueError, match="never negative"):
        replace(Point(x=1), x=-1)
    assert replace(Point(x=1, label="a"), x=3) == Point(x=3, label="a")


def test_a_record_pickles_and_reads_back_equal():
    point = Point(x=1, label="a", tags=["t"])
    assert pickle.loads(pickle.dumps(point)) == point


def test_pydantic_validates_a_record_with_its_fields_constraints_and_post_init():
    citation = validated(Citation, {"source": "irs", "paragraph": 2, "quote": "a short quote"})
    assert citation == Citation(source="irs", paragraph=2, quote="a short quote")
    assert type(citation) is Citation
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        validated(Citation, {"source": "irs", "paragraph": 0})
    with pytest.raises(ValidationError, match="Unexpected keyword argument"):
        validated(Citation, {"source": "irs", "paragraf": 2})
    with pytest.raises(ValidationError, match="words; at most"):
        validated(Citation, {"source": "irs", "quote": " ".join(["word"] * 30)})
    entry = {
        "id": "loans.maximum",
        "question": "How much can I borrow?",
        "alternates": ["a", "b", "c", "d", "e", "f"],
        "answer": "Up to half.",
        "tags": ["loans"],
        "citations": [{"source": "irs"}],
    }
    made = validated(Entry, entry)
    assert type(made.citations[0]) is Citation
    with pytest.raises(ValidationError, match="at least 6 items"):
        validated(Entry, {**entry, "alternates": ["a"]})
