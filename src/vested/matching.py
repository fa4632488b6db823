"""Question -> ranked knowledge-base entries."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from vested.knowledge.loader import KnowledgeBase
from vested.knowledge.models import Entry


@dataclass(frozen=True)
class Match:
    entry: Entry
    score: float


class Matcher:
    """Fuzzy matching over each entry's question and alternates."""

    def __init__(self, kb: KnowledgeBase):
        self._kb = kb
        self._phrases: list[str] = []
        self._owners: list[Entry] = []
        for entry in kb.entries:
            for phrase in [entry.question, *entry.alternates]:
                self._phrases.append(phrase.lower())
                self._owners.append(entry)

    def rank(self, question: str, limit: int = 5) -> list[Match]:
        best: dict[str, Match] = {}
        for _, score, index in process.extract(
            question.lower(), self._phrases, scorer=fuzz.WRatio, limit=limit * 8
        ):
            entry = self._owners[index]
            if entry.id not in best or best[entry.id].score < score / 100:
                best[entry.id] = Match(entry, score / 100)
        return sorted(best.values(), key=lambda match: -match.score)[:limit]
