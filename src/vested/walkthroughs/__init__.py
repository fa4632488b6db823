"""Guided walkthroughs: decisions taken a question at a time, with what-if comparisons.

Each walkthrough is a definition in definitions/<name>.toml (its steps, as data) and a
module flows/<name with underscores>.py whose `compute(answers, context)` turns the
answers into a WalkResult using the calculators. `registry()` loads them all, in the
order of ORDER, so every front end lists them alike.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import import_module
from importlib.resources import files

from vested.understanding.rules import rule_book
from vested.walkthroughs.engine import Walkthrough
from vested.walkthroughs.models import WalkthroughDefinition

__all__ = ["ORDER", "Walkthrough", "get", "match_request", "registry"]

ORDER = (
    "leaving-job",
    "indirect-rollover",
    "borrow-or-withdraw",
    "whole-match",
    "projection",
    "after-tax-basis",
)


def load(name: str) -> Walkthrough:
    """One walkthrough: its definition file validated, joined to its arithmetic."""
    text = (files(__package__) / "definitions" / f"{name}.toml").read_text(encoding="utf-8")
    definition = WalkthroughDefinition.model_validate(tomllib.loads(text))
    if definition.name != name:
        raise ValueError(f"definitions/{name}.toml names itself {definition.name!r}")
    module = import_module(f"vested.walkthroughs.flows.{name.replace('-', '_')}")
    return Walkthrough(definition, module.compute)


@cache
def registry() -> dict[str, Walkthrough]:
    return {name: load(name) for name in ORDER}


def get(name: str) -> Walkthrough | None:
    """A walkthrough by name; a title or a unique start of a name also finds it."""
    walkthroughs = registry()
    wanted = name.strip().lower()
    if wanted in walkthroughs:
        return walkthroughs[wanted]
    by_title = [flow for flow in walkthroughs.values() if flow.title.lower() == wanted]
    starts = [flow for key, flow in walkthroughs.items() if key.startswith(wanted)]
    found = by_title or starts
    return found[0] if len(found) == 1 else None


def match_request(text: str) -> Walkthrough | None:
    """The walkthrough a message asks for ("walk me through leaving my job"), if any.

    Only a message that asks to be walked through something counts; the walkthrough is
    the one whose name or keywords it mentions most (the first in ORDER on a tie).
    """
    if not rule_book("turns.toml").pattern("walkthrough-request").search(text):  # the words: data
        return None
    lowered = " ".join(text.lower().split())
    best, best_hits = None, 0
    for name, flow in registry().items():
        hits = sum(1 for phrase in (name, *flow.definition.keywords) if _mentions(lowered, phrase))
        if hits > best_hits:
            best, best_hits = flow, hits
    return best


def _mentions(lowered: str, phrase: str) -> bool:
    """Whether the message holds phrase as whole words.

    Lookarounds rather than \\b, because a keyword may end in punctuation ("old 401(k)"),
    where \\b would demand a letter right after it. The keywords are the definitions' data.
    """
    return re.search(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", lowered) is not None
