"""What the question's own facts add to an entry's answer (knowledge/situations.toml).

An entry answers the question it was written for. When the story says more (the asker is 57,
has left the job, holds the money in an IRA), a rule beyond that entry may apply; a
Situation says when, and this module decides from the one Reading of the question.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from vested.knowledge.models import Entry, Situation
from vested.understanding.reading import Reading


def asker_age(reading: Reading) -> Decimal | None:
    """The first age the question states ("I'm 57", "age 56"), if any."""
    return next((quantity.value for quantity in reading.quantities if quantity.kind == "age"), None)


def applies(situation: Situation, entry: Entry, reading: Reading) -> bool:
    """Does the situation's note belong under this entry's answer to this question?"""
    if entry.id == situation.entry or not set(situation.for_tags) & set(entry.tags):
        return False
    if situation.unless_said and _answer_says(situation.unless_said, entry.answer):
        return False
    if situation.story and not re.search(situation.story, reading.text, re.IGNORECASE):
        return False
    if situation.age_from is not None or situation.age_below is not None:
        age = asker_age(reading)
        if age is None:
            return False
        if situation.age_from is not None and age < situation.age_from:
            return False
        if situation.age_below is not None and age >= situation.age_below:
            return False
    return True


@lru_cache(maxsize=1024)
def _answer_says(pattern: str, answer: str) -> bool:
    """Whether an entry's answer says what the pattern looks for: the same for every question the
    entry answers, so searched once (a third of what the situations cost an FAQ answer)."""
    return re.search(pattern, answer) is not None


def note_text(situation: Situation, reading: Reading) -> str:
    """The note, with the asker's age where it names one and the words each named group of the
    story pattern read ("{ceiling}" from "they match half of the first (?P<ceiling>...)%")."""
    age = asker_age(reading)
    note = situation.note.replace("{age}", f"{age:f}" if age is not None else "your age")
    found = re.search(situation.story, reading.text, re.IGNORECASE) if situation.story else None
    for name, words in (found.groupdict() if found else {}).items():
        note = note.replace(f"{{{name}}}", words or "")
    return note
