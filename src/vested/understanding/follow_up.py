"""Follow-up openings ("what about Roth?", "and for 2025?"), from knowledge/language/conversation.toml.

A short question that opens like this is read in the light of the previous answer; what
follows the opening is what the follow-up asks about.
"""

from __future__ import annotations

import re
from functools import cache

from vested.understanding.language import language


@cache
def _opening() -> re.Pattern[str]:
    return re.compile(language().conversation.follow_up.pattern)


def follow_up_rest(question: str) -> str | None:
    """What a follow-up asks about once its opening is gone ("what about Roth?" -> " Roth?"), else None."""
    opening = _opening().match(question)
    return question[opening.end() :] if opening else None
