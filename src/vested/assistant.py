"""The Assistant: the one door every front end uses to turn a question into an Answer."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from vested.answer import Answer, SourceRef
from vested.knowledge.loader import KnowledgeBase, load_knowledge_base
from vested.knowledge.models import Citation, Entry
from vested.matching import Matcher

CONFIDENT = 0.80

COVERAGE_NOTE = (
    "I answer questions about US 401(k) plans: contributions and limits, employer match and "
    "vesting, Roth vs Traditional, investing in the plan, loans, hardship and early withdrawals, "
    "RMDs, changing jobs and rollovers, after-tax money, and the rules that protect the account. "
    "I can also calculate loan limits, rollover shortfalls, matches, vesting, projections and RMDs."
)


@dataclass
class Conversation:
    """What the assistant remembers between questions of one conversation."""

    history: list[Answer] = field(default_factory=list)

    @property
    def last(self) -> Answer | None:
        return self.history[-1] if self.history else None


class Assistant:
    """Matches questions to entries, routes numeric ones to calculators, never guesses."""

    def __init__(self, kb: KnowledgeBase | None = None, today: date | None = None):
        self.kb = kb or load_knowledge_base()
        self._today = today
        self.matcher = Matcher(self.kb)

    @property
    def today(self) -> date:
        return self._today or date.today()

    def source_ref(self, citation: Citation) -> SourceRef:
        source = self.kb.sources.get(citation.source)
        return SourceRef(
            source=citation.source,
            title=source.title if source else citation.source,
            section=citation.section,
            paragraph=citation.paragraph,
            quote=citation.quote,
            as_of=source.as_of if source else None,
        )

    def answer_entry(self, question: str, entry: Entry, confidence: float) -> Answer:
        return Answer(
            question=question,
            kind="faq",
            answer=entry.answer.strip(),
            entry=entry.id,
            confidence=round(confidence, 3),
            as_of=entry.as_of,
            sources=[self.source_ref(citation) for citation in entry.citations],
            suggestions=[
                self.kb.by_id[related].question for related in entry.related if related in self.kb.by_id
            ][:3],
        )

    def timed_ask(self, question: str, conversation: Conversation | None = None) -> tuple[Answer, float]:
        """The answer and how long it took, in milliseconds (for the log)."""
        started = time.perf_counter()
        answer = self.ask(question, conversation)
        return answer, (time.perf_counter() - started) * 1000

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        matches = self.matcher.rank(question)
        if matches and matches[0].score >= CONFIDENT:
            answer = self.answer_entry(question, matches[0].entry, matches[0].score)
        else:
            answer = Answer(
                question=question,
                kind="fallback",
                answer=f"I can't answer that from my knowledge base. {COVERAGE_NOTE}",
                confidence=round(matches[0].score, 3) if matches else 0.0,
                suggestions=[match.entry.question for match in matches[:3]],
            )
        if conversation is not None:
            conversation.history.append(answer)
        return answer
