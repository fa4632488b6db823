"""Follow-up openings ("what about Roth?", "and for 2025?"), from knowledge/language/conversation.toml.

A short question that opens like this is read in the light of the previous answer; what
follows the opening is what the follow-up asks about. The pattern is kept in the compiled
knowledge (vested.knowledge.compiled) and compiled when a conversation first needs it.
"""

from __future__ import annotations

import re
from functools import cache

from vested.knowledge import compiled
from vested.knowledge.regex_store import compile_pattern


def opening_pattern() -> str:
    """The follow-up openings' pattern, as the language rules write it."""
    return compiled.part("follow_up", _read_pattern)


def _read_pattern() -> str:
    from vested.understanding.language import language

    return language().conversation.follow_up.pattern


@cache
def _opening() -> re.Pattern[str]:
    return compile_pattern(opening_pattern())


def follow_up_rest(question: str) -> str | None:
    """What a follow-up asks about once its opening is gone ("what about Roth?" -> " Roth?"), else None."""
    opening = _opening().match(question)
    return question[opening.end() :] if opening else None
