"""Does an entry address the question? The words an entry requires (knowledge/faq `requires`).

Sharing words is not addressing: "my employer stopped making my contributions on a regular
basis" shares "regular" and "contributions" with the entry comparing a regular brokerage
account with a 401(k), which never answers it. An entry about one product or situation names
the words a question must use for it to apply (`requires`), and the assistant passes over an
entry whose question names none of them, to the next best or to an honest decline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from vested.knowledge import compiled
from vested.knowledge.loader import KnowledgeBase, Problem, shipped_knowledge_base
from vested.knowledge.models import Entry

Tokenize = Callable[[str], list[str]]


class Coverage:
    """Each entry's required words as the matcher's tokens, read once: a required phrase
    ("regular account") is named when all its tokens are, in any order."""

    def __init__(self, entries: Sequence[Entry], tokens: Tokenize):
        self._required = {
            entry.id: [frozenset(tokens(phrase)) for phrase in entry.requires] for entry in entries if entry.requires
        }
        positions = {entry.id: position for position, entry in enumerate(entries)}
        # Every question asks which entries it passes over: each required phrase is kept, with its
        # entry's position, under one of its tokens (the first in order), so a question tests only the
        # phrases filed under its own tokens (testing each entry's took a question 0.07 ms).
        self._requiring = frozenset(positions[entry] for entry in self._required)
        self._by_token: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for entry, required in self._required.items():
            for phrase in required:
                if phrase:
                    self._by_token.setdefault(min(phrase), []).append((positions[entry], phrase))

    def passed_over(self, question_tokens: Iterable[str]) -> frozenset[int]:
        """The positions of the entries whose required words the question does not name."""
        named = frozenset(question_tokens)
        return self._requiring - {
            position for token in named for position, phrase in self._by_token.get(token, ()) if phrase <= named
        }

    def addresses(self, entry: Entry, question_tokens: Iterable[str]) -> bool:
        """True unless the entry requires words and the question names none of them."""
        required = self._required.get(entry.id)
        return required is None or _names(frozenset(question_tokens), required)


def _names(named: frozenset[str], required: list[frozenset[str]]) -> bool:
    """Does a question with these tokens name one of the required phrases (all of its tokens)?"""
    return any(phrase and phrase <= named for phrase in required)


def shipped_coverage(tokens: Tokenize) -> Coverage:
    """The shipped entries' required words, read by tokens (the shipped matcher's): from the compiled
    knowledge, since reading them took a start-up about 10 ms (benchmarks/README.md, issue 20)."""
    return compiled.part("coverage", lambda: Coverage(shipped_knowledge_base().entries, tokens))


def requires_problems(kb: KnowledgeBase, tokens: Tokenize) -> list[Problem]:
    """`vested kb check`: a required word the matcher reads as nothing, or an entry whose own
    question names none of its required words (it could never answer itself)."""
    problems = []
    coverage = Coverage(kb.entries, tokens)
    for entry in kb.entries:
        file = kb.entry_files.get(entry.id, "knowledge")
        for word in entry.requires:
            if not tokens(word):
                problems.append(Problem(file, f"requires {word!r}, which the matcher reads as no word", None, entry.id))
        if entry.requires and not coverage.addresses(entry, tokens(entry.question)):
            problems.append(Problem(file, "its own question names none of the words it requires", None, entry.id))
    return problems
