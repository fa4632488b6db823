"""The Assistant: the one door every front end uses to turn a question into an Answer.

Order of decisions, each one honest about what it knows:
1. a pending clarification or a follow-up that changes one number reruns the last
   calculation;
2. a question carrying numbers for a calculator is computed (or, missing an input,
   answered with "clarify" naming it);
3. requests for personal picks and topics outside 401(k)s are declined, saying why;
4. otherwise the matcher picks an entry, reading short follow-ups ("what about Roth?")
   in the light of the previous answer; below the confidence threshold it falls back
   with the nearest topics instead of guessing.
"""

from __future__ import annotations

import time
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from vested.calculate.questions import EXAMPLE_QUESTIONS
from vested.calculate.requests import CANDIDATE_ENTRIES, CalculationMemory
from vested.core.answer import Answer, SourceRef
from vested.core.conversation import Conversation
from vested.core.coverage import Coverage, shipped_coverage
from vested.core.parts import PartAnswer, combined_answer
from vested.core.situations import applies, note_text
from vested.core.years import year_not_in_table
from vested.knowledge.loader import KnowledgeBase, shipped_knowledge_base
from vested.knowledge.models import Entry
from vested.knowledge.records import replace
from vested.retrieval.calibration import CONFIDENT, NEAR_TIE, calibrated
from vested.retrieval.matching import Match, Matcher, shipped_matcher
from vested.understanding.dates import in_askers_words
from vested.understanding.follow_up import follow_up_rest, opening_pattern
from vested.understanding.patterns import LazyPattern
from vested.understanding.reading import Reading, incidental_terms, question_parts, read, without_money_asides
from vested.understanding.scope import shipped_scope

if TYPE_CHECKING:
    from vested.calculate.router import Router

# Confidence cut-offs, chosen on the dev and paraphrase sets (benchmarks/README.md): below
# CONFIDENT (vested.retrieval.calibration) the assistant falls back; KNOWN_SHARE is how much of a
# question's weight must be words the knowledge base uses at all. A runner-up within NEAR_TIE of
# the best is offered as "did you mean".
KNOWN_SHARE = 0.15

COVERAGE_NOTE = (
    "Vested answers questions about US 401(k) plans: contribution limits, the employer match "
    "and vesting, Roth vs Traditional, investing inside the plan, loans, hardship and early "
    "withdrawals, required minimum distributions, beneficiaries, changing jobs and rollovers, "
    "after-tax money, and the rules that protect the account. It also calculates loan limits, "
    "rollover shortfalls, matches, vesting, contribution limits, projections and RMDs."
)


# A question about a retirement topic the knowledge base does not cover (its sources are about
# employees' plans) is answered only when it closely matches an entry that speaks to it ("is a
# solo 401(k) protected from creditors"), else declined ("what is a solo 401(k)").
UNCOVERED_CONFIDENT = 0.6
# A question placed in the domain only by generic words ("tax", "worth it", "balance", "stock") is
# answered only on a clear match, its confidence discounted by the share of its words the knowledge
# base does not know: the in-scope questions of every question set that carry no strong word score
# 0.37 or more so discounted, while "is a timeshare worth it" (0.50 x 0.33), "is staking ETH worth
# it" and "should I put everything in <a company>" score under 0.2.
WEAK_DOMAIN_CONFIDENT = 0.33


# A quote in an answer: of the question's words when a calculation says what it read.
_QUOTE = LazyPattern(r"“([^”]*)”")

PERSONAL_PICK_ANSWER = (
    "I can't tell you what to buy or sell: Vested gives general education, not personal "
    "investment recommendations. The general principles the sources share: diversify rather "
    "than concentrate (especially in your employer's stock), keep an eye on fund fees, match "
    "your mix of stocks and bonds to how far you are from retirement, and rebalance now and then."
)


def _as_asked(answer: Answer, question: str, reading: Reading) -> Answer:
    """A calculation read from the dated question ("last year" as 2025), shown in the asker's words:
    its question as asked, and its quotes of the question ("my RMD of $8,200 last year") as written."""

    def asked(quote: str) -> str:
        return in_askers_words(quote, reading.question, reading.today)

    record = answer.reading
    if record is not None:
        record = replace(
            record,
            inputs={name: replace(read, source=asked(read.source)) for name, read in record.inputs.items()},
            unused=[asked(words) for words in record.unused],
        )
    text = _QUOTE.sub(lambda quoted: f"“{asked(quoted.group(1))}”", answer.answer)
    return replace(answer, question=question, answer=text, reading=record)


class Assistant:
    """Matches questions to entries, routes numeric ones to calculators, never guesses."""

    def __init__(self, kb: KnowledgeBase | None = None, today: date | None = None):
        """Over the shipped knowledge base, compiled (vested.knowledge.compiled), unless given another."""
        self.kb = kb or shipped_knowledge_base()
        self._today = today
        self.matcher = Matcher(kb) if kb is not None else shipped_matcher()
        self.scope = shipped_scope()
        self.coverage = (
            Coverage(self.matcher.entries, self.matcher.tokens)
            if kb is not None
            else shipped_coverage(self.matcher.tokens)
        )
        self._cited: dict[str, tuple[SourceRef, ...]] = {}  # _sources's, by entry id
        # Parts only some questions use, asked for now so a rebuilt cache holds them whatever is asked first.
        opening_pattern()
        incidental_terms()

    @cached_property
    def router(self) -> Router:
        """Made for the first question with a number: without one the router takes nothing (its
        candidates are the calculators the numbers suit), so an FAQ answer does not import it."""
        from vested.calculate.router import Router

        return Router(self.kb, self.matcher.rank)

    @property
    def today(self) -> date:
        """The pinned date in tests; the system clock otherwise ("this year" is the clock's)."""
        return self._today or date.today()

    def timed_ask(self, question: str, conversation: Conversation | None = None) -> tuple[Answer, float]:
        """The answer and how long it took, in milliseconds (for the log)."""
        started = time.perf_counter()
        answer = self.ask(question, conversation)
        return answer, (time.perf_counter() - started) * 1000

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer one question; with a conversation, follow-ups read the earlier turns.

        A question pasted over several lines is one question; its line breaks still end
        sentences for the Reading.
        """
        answer = self._answer(question, conversation or Conversation())
        if conversation is not None:
            conversation.history.append(answer)
            if answer.entry:
                conversation.last_entry = answer.entry
        return answer

    def read(self, question: str) -> Reading:
        """The one Reading of a question that every stage below uses."""
        return read(question, self.today, self.matcher.normalize)

    def _answer(self, asked: str, conversation: Conversation) -> Answer:
        question = " ".join(asked.split())
        if not question:
            return self._fallback(question, [], "Ask me something about your 401(k).")
        reading = self.read(asked)
        normalized = reading.normalized
        tokens = list(reading.tokens)
        if self.scope.other_product(normalized) and not self._other_product_only_in_asides(reading):
            return self._fallback(question, [], asked=reading.focus)
        # The asking sentences with the one a pointing question is about ("HR offers disability insurance.
        # Should I sign up for it?"): what "it" names is what is asked about.
        if reading.is_story and self.scope.asks_beside_the_plan(self.matcher.normalize(reading.focus)):
            return self._fallback(question, [], asked=reading.focus)
        if self.scope.personal_pick(question):
            return self._fallback(question, self.matcher.rank(question, 3, tokens), PERSONAL_PICK_ANSWER)
        # The router looks this far for calculators; an entry the question does not name is no rival.
        named_nowhere = self.coverage.passed_over(tokens)
        ranked = self.matcher.rank_reading(reading, CANDIDATE_ENTRIES, named_nowhere)
        out_of_table = year_not_in_table(reading, ranked, self.kb)
        if out_of_table is not None:
            return out_of_table
        # No calculator's figure answers a topic the knowledge base does not cover, asked about in so many
        # words ("Will Ohio tax what we take out?"): the entries decline it or answer it below.
        computable = bool(reading.quantities) and not self.scope.uncovered(self.matcher.normalize(reading.asking))
        routed = self._in_parts(reading, conversation) if computable else None
        if routed is None and computable:
            routed = self.router.route(reading, conversation.calculations, ranked)
        if routed is not None:
            return _as_asked(routed, question, reading) if reading.text != question else routed
        contextual = self._contextual(question, conversation)
        known_share = self.matcher.known_share(tokens)
        if not contextual and (not self.scope.in_domain(normalized) or known_share < KNOWN_SHARE):
            return self._fallback(question, [], asked=reading.focus)
        # An answer must be named by the question's scene, not by the story's far end: an entry named only
        # there (a car loan told three sentences before "can a lawsuit reach my savings?") is no rival for the
        # answer either, so the entries are ranked again without it (a long story's cost, 17 of real-dev's 150).
        not_in_scene = self.coverage.passed_over(reading.near_tokens)
        if not_in_scene != named_nowhere:
            ranked = self.matcher.rank_reading(reading, CANDIDATE_ENTRIES, not_in_scene)
        matches = [match for match in ranked if self.coverage.addresses(match.entry, reading.near_tokens)]
        if contextual and (not matches or contextual[0].score > matches[0].score):
            matches = contextual
        if not matches or matches[0].score < CONFIDENT:
            return self._fallback(question, matches[:3], asked=reading.focus)
        if self.scope.uncovered(reading.scene) and matches[0].score < UNCOVERED_CONFIDENT:
            return self._fallback(question, matches[:3], asked=reading.focus)
        weak = not contextual and not self.scope.strong_domain(normalized)
        if weak and matches[0].score * known_share < WEAK_DOMAIN_CONFIDENT:
            return self._fallback(question, matches[:3], asked=reading.focus)
        entry = matches[0].entry
        answer = self.answer_entry(question, entry, matches[0].score, matches[1:], reading)
        if not reading.quantities:
            return answer
        worked = self.router.worked_figure(reading, conversation.calculations, ranked, entry.calculator)
        return answer if worked is None else with_worked_figure(answer, worked)

    def _other_product_only_in_asides(self, reading: Reading) -> bool:
        """Is another product named only in the story's asides about money outside the plan ("I have
        $6,000 in a checking account."), the rest naming the plan unmistakably ("I did an indirect rollover
        of $40,000")? Such a question stays in scope; "I have $20,000 in an HSA. How much can I
        contribute?" does not: without its aside it names no plan at all."""
        rest = self.matcher.normalize(without_money_asides(reading))
        return not self.scope.other_product(rest) and self.scope.strong_domain(rest)

    def _in_parts(self, reading: Reading, conversation: Conversation) -> Answer | None:
        """A question asked in parts, each part routed on its own with the story (vested.core.parts);
        None when it has no parts or none of them is computed."""
        parts = question_parts(reading)
        if not parts:
            return None
        answered: list[PartAnswer] = []
        ranked: list[Match] = []
        for part in parts:
            own = self.read(part.text)
            memory = CalculationMemory()
            routed = None
            before = answered[-1].answer if answered else None
            figure_before = before.calculation if before is not None and before.kind == "calculation" else None
            if own.quantities:
                if part.again and figure_before is not None:
                    # Asked again with one thing changed: the same figure, so the part before's calculator.
                    ranked = [match for match in ranked if match.entry.calculator == figure_before.tool]
                else:
                    ranked = self.matcher.rank_reading(own, CANDIDATE_ENTRIES, self.coverage.passed_over(own.tokens))
                routed = self.router.route(own, memory, ranked, figure_before if part.builds_on else None)
            answered.append(PartAnswer(part, routed, memory))
        return combined_answer(reading.question, answered, conversation.calculations)

    def _contextual(self, question: str, conversation: Conversation) -> list[Match]:
        """A short follow-up ("what about Roth?") matched together with the last entry."""
        previous = self.kb.entry(conversation.last_entry) if conversation.last_entry else None
        rest = follow_up_rest(question)
        if previous is None or rest is None or len(question.split()) > 8:
            return []
        stripped = rest.strip(" ?.!")
        if not stripped:  # "why?", "and?": the previous answer is the explanation
            return [Match(previous, 1.0, 1.0, 1.0)]
        return self.matcher.rank(f"{stripped} {previous.question}", 5)

    def answer_entry(
        self,
        question: str,
        entry: Entry,
        confidence: float,
        others: list[Match] | tuple = (),
        reading: Reading | None = None,
    ) -> Answer:
        """An FAQ answer: the entry's text, its citations, a close runner-up, related entries,
        and beneath it what the question's own facts add (knowledge/situations.toml)."""
        margin = confidence - others[0].score if others else 1.0
        suggestions = [f"Did you mean: {others[0].entry.question}"] if margin < NEAR_TIE else []
        suggestions += [self.kb.by_id[related].question for related in entry.related if related in self.kb.by_id]
        if entry.calculator in EXAMPLE_QUESTIONS:
            suggestions.append(EXAMPLE_QUESTIONS[entry.calculator])
        text, citations, sources = entry.answer.strip(), list(entry.citations), list(self._sources(entry))
        if margin < NEAR_TIE:
            text = f"{_closest_i_have(entry)}\n\n{text}"
        for situation in self.kb.situations:
            if reading is not None and applies(situation, entry, reading):
                text += "\n\n" + note_text(situation, reading)
                noted = self.kb.by_id[situation.entry]
                added = [at for at, cited in enumerate(noted.citations) if cited not in citations]
                citations += [noted.citations[at] for at in added]
                sources += [self._sources(noted)[at] for at in added]
        return Answer(
            question=question,
            kind="faq",
            answer=text,
            entry=entry.id,
            confidence=calibrated(confidence, margin),
            as_of=entry.as_of,
            sources=sources,
            suggestions=list(dict.fromkeys(suggestions))[:4],
        )

    def _sources(self, entry: Entry) -> tuple[SourceRef, ...]:
        """The entry's citations as the Answer shows them, made once per entry: each took as long to
        make as a tenth of the rest of an FAQ answer."""
        sources = self._cited.get(entry.id)
        if sources is None:
            sources = self._cited[entry.id] = tuple(self.kb.cite(citation) for citation in entry.citations)
        return sources

    def _fallback(
        self, question: str, nearest: list[Match], lead: str | None = None, asked: str | None = None
    ) -> Answer:
        """Decline, naming what was asked in the person's own words, with the nearest topics."""
        topic = _in_their_words(asked or question)
        lead = lead or f"I don't have a reliable answer to {topic} in my knowledge base, so I won't guess."
        text = f"{lead}\n\n{COVERAGE_NOTE}"
        if nearest:
            text += "\n\nThe nearest topics I do cover are listed below."
        return Answer(
            question=question,
            kind="fallback",
            answer=text,
            confidence=round(min(max(nearest[0].score, 0.0), 1.0), 3) if nearest else 0.0,
            suggestions=[match.entry.question for match in nearest[:3]],
        )


def _closest_i_have(entry: Entry) -> str:
    """The label of an answer whose runner-up is a near tie: which question it answers, since which of
    the two comes first is close to a coin toss (calibration); the runner-up is offered beneath it."""
    return (
        f"*The closest I have answers “{entry.question}”, which may not be all you asked; "
        "another answer fits almost as well (“Did you mean”, below).*"
    )


def with_worked_figure(answer: Answer, worked: Answer) -> Answer:
    """The rule's answer with the figure its question's numbers give beneath it (a calculation,
    so the JSON, the log and the chat's calculator form carry what was read and each step)."""
    sources = answer.sources + [source for source in worked.sources if source not in answer.sources]
    return replace(
        answer,
        kind="calculation",
        answer=f"{answer.answer}\n\n**With your numbers**\n\n{worked.answer}",
        confidence=min(answer.confidence, worked.confidence),
        sources=sources,
        calculation=worked.calculation,
        reading=worked.reading,
    )


# How much of the asking sentence a decline quotes: enough to name the topic, short enough to read.
QUOTED_WORDS = 14


def _in_their_words(asked: str) -> str:
    """The question as the person put it, quoted and shortened: "I don't cover X" names X."""
    words = asked.split()
    quoted = " ".join(words[:QUOTED_WORDS]) + ("…" if len(words) > QUOTED_WORDS else "")
    return f"“{quoted.rstrip('?.! ')}”" if quoted else "that"
