"""Notes the question's own facts add beneath an answer (knowledge/situations.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vested.knowledge.loader import KnowledgeError, load_knowledge_base
from vested.knowledge.models import Situation


def _lead(situation: Situation) -> str:
    """The note's wording after its first placeholder, up to the next, enough to recognise it in an answer."""
    return situation.note.split("}", 1)[-1].split("{", 1)[0][:60]


def _cases(kind: str) -> list[tuple[str, str]]:
    kb = load_knowledge_base()
    return [(situation.id, text) for situation in kb.situations for text in getattr(situation, kind)]


@pytest.mark.parametrize(("situation_id", "question"), _cases("examples"))
def test_each_example_gets_its_note_with_the_backing_sources(assistant, kb, situation_id, question):
    situation = next(s for s in kb.situations if s.id == situation_id)
    answer = assistant.ask(question)
    assert answer.kind == "faq"
    # answered by the note's own entry, the rule is the answer; by another entry, the note says it
    assert answer.entry == situation.entry or _lead(situation) in answer.answer
    backing = {citation.source for citation in kb.by_id[situation.entry].citations}
    assert backing <= {source.source for source in answer.sources}


@pytest.mark.parametrize(("situation_id", "question"), _cases("counter_examples"))
def test_no_counter_example_gets_the_note(assistant, kb, situation_id, question):
    situation = next(s for s in kb.situations if s.id == situation_id)
    assert _lead(situation) not in assistant.ask(question).answer


def test_the_age_read_is_the_one_named_in_the_note(assistant):
    answer = assistant.ask("I am 57 and need cash for a hardship. Can my plan give me a hardship withdrawal?")
    assert "**At 57, one more rule may help:**" in answer.answer


def test_the_match_ceiling_read_from_the_story_is_the_one_named_in_the_note(assistant, kb):
    """Under whichever decision entry answers it (the note's wording, not the ranking, is tested)."""
    question = (
        "I have 14k on two cards and my employer matches half of the first 7 percent. Is a 401k loan a good idea?"
    )
    answer = assistant.answer_entry(question, kb.by_id["loans.pros-cons"], 0.7, reading=assistant.read(question))
    assert (
        "**Your employer matches up to 7% of pay:** whatever you decide, keep at least 7% of your pay" in answer.answer
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        # a note naming a placeholder its story pattern has no group for
        ("keep at least {ceiling}%", "keep at least {floor}%", r"names \{floor\}, no group of its story"),
        # a note backed by an entry that does not exist
        ('entry = "withdrawals.age-55-rule"', 'entry = "no.such"', r"unknown entry 'no\.such'"),
    ],
)
def test_a_broken_situation_is_a_knowledge_error(tmp_path: Path, old, new, problem):
    copy = _copy_of_knowledge(tmp_path)
    situations = copy / "situations.toml"
    situations.write_text(situations.read_text().replace(old, new))
    with pytest.raises(KnowledgeError, match=problem):
        load_knowledge_base(copy)


def _copy_of_knowledge(tmp_path: Path) -> Path:
    source = load_knowledge_base().root
    copy = tmp_path / "knowledge"
    for path in source.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return copy
