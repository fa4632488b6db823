"""Numeric questions -> a calculator and its inputs, or a request for the missing one.

What is asked decides: a figure is computed only when the sentence that asks wants one
(the Reading's `asks_for`); "can I / should I / what happens" with numbers in it is a
question about the rule, answered from the knowledge base.

Which calculator: the ones the knowledge base's top-ranked entries link (an entry's
`calculator`), so the same ranking that picks the FAQ answer picks the calculator; the
first whose required inputs the question fills wins. Which number is which input: numbers
found by vested.understanding.quantities carry a kind (money, percent, age, year,
duration) and the words around them; each calculator input has a unit and a name and
description. A number goes to the input of its kind whose words are nearest it
("$25,000 after-tax basis" -> basis), so the routing follows the calculators' own models
rather than a table of phrasings.

In a conversation, a reply that only supplies a number ("80k", "what about 120k?",
"and if I'm 55?") fills the input that was missing or reruns the last calculation with
that input changed.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from vested.calculate.language import calculator_language
from vested.calculate.requests import CANDIDATE_ENTRIES, CalculationMemory, CalculatorRequest
from vested.calculate.worded_inputs import extract_settings, service_since
from vested.core.answer import Answer, CalculationRecord, ReadingRecord, ReadInput
from vested.knowledge.loader import KnowledgeBase
from vested.knowledge.regex_store import compile_pattern
from vested.retrieval.calibration import CONFIDENT
from vested.understanding.dates import month_number
from vested.understanding.patterns import LazyPattern
from vested.understanding.quantities import Quantity
from vested.understanding.reading import (
    clause_after,
    clause_before,
    offered_as_a_choice,
    outside_the_plan,
    quotes_a_rule_rate,
)
from vested.understanding.rules import number_words, rule_book
from vested.understanding.text import stopwords

if TYPE_CHECKING:
    from collections.abc import Callable

    from vested.calculate.base import CalculatorSpec
    from vested.knowledge.models import Entry
    from vested.retrieval.matching import Match
    from vested.understanding.reading import Reading

CUE_REACH = 40
# A cue that names an input outweighs one that only hints at it ("vested" vs "have").
CUE_WEIGHT = 3.0
WEAK_CUE_WEIGHT = 1.5
# A format parser: a number next to another by "to", "through" or a dash is one end of a range
# ("60 to 63"); tests/test_format_parsers.py. The words that make a number a threshold ("over
# 150k") or open-ended ("50 and older") are language: knowledge/language/numbers.toml.
_IN_A_RANGE = LazyPattern(r"\d\s*(?:to|through|thru|-|–)\s*#|#\s*(?:to|through|thru|-|–)\s*\$?\d", re.IGNORECASE)
# How many of the top-ranked entries offer their linked calculator (CANDIDATE_ENTRIES to a question
# that asks for a figure, vested.calculate.requests). A question whose form does not say it wants a
# figure ("max loan 64k vested") is offered only the calculators of the top three: the design review
# found they link the calculator a numeric question needs in 174 of 176 cases. Each candidate reads
# the numbers; its evidence is the summed cue affinity of the numbers it takes. A reading far weaker
# than the strongest (under VIABLE_EVIDENCE of it: "I make 80k" is a salary, not a vested balance) is
# not viable; of the viable ones the best-ranked complete one runs, else the strongest asks for what it lacks.
UNMARKED_CANDIDATE_ENTRIES = 3
# An entry far below the top one (under LINKED_SHARE of its score) offers no calculator: when the top
# entry, a clear answer, links none ("How much of my company's stock is too much?", "Is there a cap on how
# much pay counts?"), a calculator linked far down the ranking answers another question.
LINKED_SHARE = 0.25
VIABLE_EVIDENCE = 0.75
# A question that does not say it wants a figure is computed only when the words around its
# numbers point at the calculator's inputs: more than a required input's head start (0.5) alone
# ("an $8,000 balance ... need a hardship withdrawal" is not the amount to withdraw).
UNMARKED_EVIDENCE = 1.0
# A number whose own form says which input it is (an age, a year, a duration for an input of
# that kind) is evidence on its own, words or not.
TELLING_EVIDENCE = 1.0
# A format parser: where a sentence ends, so a cue word counts only within its own sentence.
_SENTENCE_END = LazyPattern(r"[.?!;](?:\s|$)")
# A format parser: the clause after a number ends at "and" before words ("contributions total $32,000
# and accumulated earnings total $18,000"): the cue words past it speak of the next number.
_NEXT_CLAUSE = LazyPattern(r"\s(?=and\s+[a-z])")
# Format parsers: where a clause ends at a comma or a semicolon, and a digit. A clause joined by "and"
# that holds no number of its own still speaks of the number before it ("keeps $8,000 and deposits it
# in an IRA"); one that holds a number speaks of that one.
_CLAUSE_END = LazyPattern(r"[,;]\s")
_A_DIGIT = LazyPattern(r"\d")
# A format parser: the unit written right after a number ("3-year", "18 months").
_OWN_UNIT = LazyPattern(r"[\s-]*(?:years?|yrs?|months?|mos?)\b", re.IGNORECASE)
OPTIONAL_EVIDENCE = 0.5
# A required input's head start in a number's affinity (see Router._affinity).
REQUIRED_HEAD_START = 0.5
# How much two placements must outweigh the one they replace before a number is moved (_better_placements):
# "my vested balance is $38,000 but my total balance is $52,000" gained 0.07 by putting the total in the
# vested balance and the vested $38,000 in last year's highest loan balance (a name word, "balance"), and
# the loan limit was worked on the wrong sum. The move it exists for (a payout read first as the sum rolled
# over, tests/test_figures_the_asker_gives.py) gains 2.79; no question of any set moves a number at all.
PLACEMENT_MARGIN = 0.5
# A calculation's confidence (reading_confidence): what an input filled by a number with no cue
# word of its own, and a number left unused, take off 1.0, and the least it can fall to.
UNSURE_INPUT_DOUBT = 0.1
UNUSED_NUMBER_DOUBT = 0.05
LEAST_READING_CONFIDENCE = 0.6

# Settings read from the person's own numbers (a birth date from "turned 73 in 2024", balances at
# several year-ends), not from words alone ("a graded schedule"): they make a question personal.
_PERSONAL_SETTINGS = frozenset({"date", "balances", "money", "age", "holdings"})  # holdings: "$90k in stocks"

_KIND_FOR_UNIT = {
    "money": ("money",),
    "percent": ("percent",),
    "age": ("age", "number"),
    "years": ("duration", "number"),
    "year": ("year",),
    "date": ("year",),
    "count": ("number", "duration"),
}


class Router:
    """Finds the calculator a question needs and fills its inputs from the numbers."""

    def __init__(self, kb: KnowledgeBase, rank: Callable[[str, int], list[Match]] | None = None):
        self.kb = kb
        self._rank = rank

    def _rule_entry(self, question: str, calculator: str, ranked: list[Match] | None = None) -> Entry | None:
        """The entry to show beside a clarify answer: of those linked to the calculator, the
        one the question matches best ("total going into my account" is the worked example,
        not the 401(k)-vs-IRA comparison that also links the match calculator)."""
        candidates = list(ranked or ()) + (self._rank(question, 10) if self._rank else [])
        for match in candidates:
            if match.entry.calculator == calculator:
                return match.entry
        return _general_entry(self.kb, calculator)

    @staticmethod
    def spec(name: str) -> CalculatorSpec | None:
        """The named calculator, its module loaded only now (vested.calculate.spec)."""
        from vested.calculate import spec

        return spec(name)

    def route(
        self,
        reading: Reading,
        conversation: CalculationMemory,
        ranked: list[Match],
        carried: CalculationRecord | None = None,
    ) -> Answer | None:
        """A calculation or clarify Answer, or None when the question does not ask for a figure.

        `carried`: the calculation of the part before, when this part of a question builds on its
        figure ("she leaves that amount untouched"); the same calculator starts from it (spec.carries).
        """
        question, today = reading.text, reading.today
        quantities = list(reading.quantities)
        reach = CANDIDATE_ENTRIES if reading.asks_for == "figure" else UNMARKED_CANDIDATE_ENTRIES
        # A choice between sums the question names ("is it $53,000 or $59,000?") asks for the figure
        # outright, as an [[asked_by]] rule does: every linked calculator is offered, however far down.
        every_link = reading.asking_form == "which-sum"
        candidates = self._candidates(ranked[:reach], quantities, question, reading.asking, every_link=every_link)
        pending = conversation.pending
        if pending is not None and quantities and not (reading.asks_for == "figure" and candidates):
            return self._run(question, self._fill(pending, quantities, only_missing=True), conversation, today)
        last = conversation.last_request
        if last is not None and quantities and self._is_follow_up(question, quantities, last):
            changed = self._fill(last, quantities, only_missing=False, replace_only=True)
            return self._run(question, changed, conversation, today)
        if reading.asks_for == "other" or not candidates:
            return None
        requests = [
            self._fill(self._started(name, carried), quantities, only_missing=False, question=question, today=today)
            for name in candidates
        ]
        request = self._choose(requests)
        spec = self.spec(request.name)
        assert spec is not None
        _age_turned_after_the_year(request, quantities, today)
        _age_now_in_an_earlier_year(request, quantities, today)
        if reading.asks_for == "unmarked" and request.evidence < UNMARKED_EVIDENCE:
            return None  # neither the question's form nor the words around its numbers ask for this figure
        if reading.asks_for == "unmarked" and reading.is_story and request.missing:
            return None  # a story that asks for no figure is not asked back for one: the rule answers it
        if reading.asks_for == "unmarked" and _told_in_passing(spec, request, ranked):
            return None  # "I'm 57 ... what is that notice?": facts told in passing ask for no figure
        wants_calculation = reading.asking_form == "work-it-out"
        if not self._personal(spec, request, question) and not wants_calculation:
            return None  # nothing personal to compute with: the FAQ answer serves better
        if request.missing and not wants_calculation and not self._has_amount(spec, request, quantities):
            return None  # "I turn 55 and leave, penalty-free?" asks about the rule, not for a sum
        problem = None if request.missing else self._doubt(spec, request, today)
        if problem is not None and reading.asks_for == "unmarked" and reading.is_story:
            return None  # nor asked what its numbers stand for: "What did I do wrong?" wants the rule
        if problem is not None:
            conversation.pending = None
            entry = self._rule_entry(question, spec.name, ranked)
            return clarify_answer(question, spec, request.inputs, [], self.kb, problem=problem, entry=entry)
        return self._run(question, request, conversation, today, ranked)

    def _started(self, name: str, carried: CalculationRecord | None) -> CalculatorRequest:
        """A request for the calculator, started from the figure of the part before when it is this
        calculator's and carries into one of its inputs (a projection's result as the next one's start)."""
        spec = self.spec(name)
        if carried is None or spec is None or carried.tool != name:
            return CalculatorRequest(name)
        inputs = {
            into: Decimal(str(carried.outputs[output]))
            for output, into in spec.carries.items()
            if carried.outputs.get(output) is not None
        }
        return CalculatorRequest(name, inputs, words=dict.fromkeys(inputs, "the figure of the part before"))

    def _doubt(self, spec: CalculatorSpec, request: CalculatorRequest, today: date) -> str | None:
        """Why a complete reading still gives no figure, in the person's words: sums of different
        periods added as one, or numbers left unread that could change the figure."""
        mismatch = _period_mismatch(request)
        if mismatch is not None:
            return mismatch
        split = self._birth_year_split(spec, request)
        if split is not None:
            return split
        doubtful = self._could_change_the_figure(spec, request, today)
        if not doubtful:
            return None
        texts = ", ".join(f"“{quantity.text}”" for quantity in doubtful)
        return (
            f"I'm not sure what {texts} stands for, and it could change the figure, so I haven't computed "
            "one. Ask again with each number named (for example “my vested balance is ...”)."
        )

    def _birth_year_split(self, spec: CalculatorSpec, request: CalculatorRequest) -> str | None:
        """A birth year said without its month, in a year an RMD age's cut-off falls inside ("born in 1949":
        70½ before July 1, 72 from it): read as January 1, it told half the people born that year a wrong
        RMD age and first deadline. Both ages are said, and the month is asked for."""
        said = request.inputs.get("birth_date") if spec.name == "rmd" else None
        if not isinstance(said, str) or not said.isdigit():
            return None
        year = int(said)
        rules = self.kb.figures.rmd_ages
        for before, after in pairwise(rules):
            cut = date.fromisoformat(after.born_from) if after.born_from else None
            if cut is None or cut.year != year or (cut.month, cut.day) == (1, 1):
                continue
            return (
                f"born in {year}, your RMD age depends on the month: {_rmd_age_words(before.age)} if you were born "
                f"before {cut:%B} {cut.day}, {year}, {_rmd_age_words(after.age)} if on or after it. Ask again with "
                f"your birth month (for example “born in March {year}”)."
            )
        return None

    def worked_figure(
        self, reading: Reading, conversation: CalculationMemory, ranked: list[Match], calculator: str | None
    ) -> Answer | None:
        """The figure a question about a rule carries with it, to show beneath the rule's answer
        when it is the answered entry's own calculator's (nothing is run, or remembered for a
        follow-up, for a figure that would not be shown).

        "They withheld 20% of my $100,000 and I want to roll it all over: should they refund it?"
        asks about the rule, and its numbers also fill the indirect-rollover calculator exactly.
        The worked figure is given only when the reading is complete: every input filled by a number
        whose own words name it (a sum is not taken by its form alone, as a figure question may),
        no number left unexplained, none that could change the figure, and words around the
        numbers that point at this calculator (UNMARKED_EVIDENCE).
        """
        if reading.asks_for != "other" or calculator is None:
            return None
        question, quantities = reading.text, list(reading.quantities)
        candidates = self._candidates(ranked[:UNMARKED_CANDIDATE_ENTRIES], quantities, question, reading.asking)
        if not candidates:
            return None
        request = self._choose(
            [
                self._fill(
                    CalculatorRequest(name), quantities, only_missing=False, question=question, today=reading.today
                )
                for name in candidates
            ]
        )
        if request.name != calculator:
            return None
        spec = self.spec(request.name)
        assert spec is not None
        _age_turned_after_the_year(request, quantities, reading.today)
        _age_now_in_an_earlier_year(request, quantities, reading.today)
        complete = (
            not request.missing
            and not request.by_form  # "I have $250,000 in my 401(k)" is not the sum to withdraw
            and reading_confidence(request) == 1.0
            and request.evidence >= UNMARKED_EVIDENCE
        )
        if (
            not complete
            or not self._personal(spec, request, question)
            or self._doubt(spec, request, reading.today) is not None
        ):
            return None
        answer = self._run(question, request, conversation, reading.today, ranked)
        return answer if answer.kind == "calculation" else None

    @staticmethod
    def _could_change_the_figure(spec: CalculatorSpec, request: CalculatorRequest, today: date) -> list[Quantity]:
        """The numbers left unread that one of the calculator's inputs could have taken, and that its
        language does not name as context it never needs (knowledge/calculators, [[not_needed]]).

        Not the current year ("I'm 73 this year") while no year is read: a calculator told no year
        works on this one, so reading it into a year input could not change the figure. When another
        year was read ("two RMDs next year"), the current one might be the year meant instead.
        """
        year_read = any(spec.fields[name].unit.kind == "year" for name in request.inputs)
        return [
            quantity
            for quantity in Router._unplaced_numbers(spec, request)
            if _context_closeness(quantity, request.name) < OPTIONAL_EVIDENCE
            and (year_read or not (quantity.kind == "year" and quantity.value == today.year))
        ]

    @staticmethod
    def _unplaced_numbers(spec: CalculatorSpec, request: CalculatorRequest) -> list[Quantity]:
        """The numbers left unread of a kind one of the calculator's inputs takes.

        Not counted: money outside the plan ("a 5k car loan"), a value already read (the same
        $50,000 said twice), a rate the rule fixes, quoted with it ("the 10% penalty"), and a sum said
        for a period when every sum the calculator takes is a balance ("tuition, $22,000 a year").
        Boundaries ("under 50", "50+", "aged 60 to 63") were never candidates (_boundary).
        """
        kinds = {kind for info in spec.fields.values() for kind in _KIND_FOR_UNIT.get(info.unit.kind, ())}
        read_values = [value for value in request.inputs.values() if isinstance(value, Decimal | int)]
        balances = set(calculator_language(spec.name).balances)
        # A calculator whose sums are all balances takes no sum said for a period ("tuition, $22,000 a year").
        only_balances = bool(balances) and all(
            name in balances for name, info in spec.fields.items() if info.unit.kind == "money"
        )
        return [
            quantity
            for quantity in request.unused
            if quantity.kind in kinds
            and not (only_balances and quantity.kind == "money" and _period_right_after(quantity)[0])
            and quantity.kind != "number"
            and quantity.value not in read_values  # by value: "$271,000.00" again is the "271k" already read
            and not outside_the_plan(quantity)
            and not quotes_a_rule_rate(quantity)
            and not offered_as_a_choice(quantity)  # "$0, $2,000 or $8,000?": answers offered, not inputs
        ]

    @staticmethod
    def _choose(requests: list[CalculatorRequest]) -> CalculatorRequest:
        """Of the candidates' readings, the best-ranked complete one among those the numbers point at
        nearly as strongly as at the best (VIABLE_EVIDENCE); else the best-ranked of those, to ask.

        A weaker reading that takes a sum by its form alone (`by_form`: "$9,500" as the sum paid out)
        does not win over the strongest for being complete: "I forgot my $9,500 RMD" is no rollover.
        Of the complete ones, one that reads every sum of the plan's comes first: "My RMD this year is $14,200
        and I've only taken $9,000" is the rest of a stated RMD, not an RMD to work that leaves $14,200 unread."""
        strongest = max(requests, key=lambda request: request.evidence)
        viable = [request for request in requests if request.evidence >= VIABLE_EVIDENCE * strongest.evidence]
        complete = [request for request in viable if request.complete and (request is strongest or not request.by_form)]
        return next(
            (request for request in complete if _reads_every_sum(request)), complete[0] if complete else viable[0]
        )

    def _candidates(
        self, ranked: list[Match], quantities: list[Quantity], question: str, asking: str, *, every_link: bool = False
    ) -> list[str]:
        """The calculators the asking sentences name outright ([[asked_by]]) when any does, else
        those the top-ranked entries link, best first; of them, those the numbers suit.

        What is asked decides: "How much can I borrow?" wants the loan maximum even when the
        story's two sums would fill an indirect rollover more completely.

        A calculator is left out when the question raises a situation it does not model
        (its [[beyond_model]] data): the FAQ answer covers it better than a figure that ignores it.
        """
        if not quantities:  # no number to compute with (_fits): the calculators (and pydantic) need not be loaded
            return []
        from vested.calculate import names

        named = [name for name in names() if calculator_language(name).asks_for_it(asking)]
        least = LINKED_SHARE * ranked[0].score if ranked and not every_link else 0.0
        linked = [match.entry.calculator for match in ranked if match.entry.calculator and match.score >= least]
        return [
            name
            for name in dict.fromkeys(named or linked)
            if self.spec(name) is not None
            and self._fits(name, quantities)
            and calculator_language(name).beyond(question) is None
        ]

    @staticmethod
    def _has_amount(spec: CalculatorSpec, request: CalculatorRequest, quantities: list[Quantity]) -> bool:
        """Did the question give a sum or a rate of its own?

        An age or a year alone does not ask for one, and neither does a threshold: "if I made
        over 150k" names where a rule starts, and the rule is the answer.
        """
        own = [
            q
            for q in quantities
            if q.kind in {"money", "percent"} and not number_words().pattern("threshold-lead").search(q.before)
        ]
        return bool(own) and any(spec.fields[name].unit.kind in {"money", "percent"} for name in request.inputs)

    def _fits(self, name: str, quantities: list[Quantity]) -> bool:
        """At least one number in the question is of a kind the calculator takes."""
        spec = self.spec(name)
        if spec is None:
            return False
        kinds = {kind for info in spec.fields.values() for kind in _KIND_FOR_UNIT.get(info.unit.kind, ())}
        return any(quantity.kind in kinds for quantity in quantities)

    @staticmethod
    def _personal(spec: CalculatorSpec, request: CalculatorRequest, question: str) -> bool:
        """Did the question give a number about the asker (a balance, an age), not just a year?

        "What was the limit in 2019?" and "how does 3-year cliff vesting work?" are general
        questions for the FAQ; "I'm 55, what can I put in?" is a calculation.
        """
        settings, _ = extract_settings(request.name, question)
        return any(
            spec.fields[name].unit.kind != "year"
            for name in request.inputs
            if name not in settings or spec.fields[name].unit.kind in _PERSONAL_SETTINGS
        )

    def _is_follow_up(self, question: str, quantities: list[Quantity], last: CalculatorRequest) -> bool:
        """ "what about 120k?", "and if I'm 55?", or a bare "80k": a number for the last calculator."""
        words = re.findall(r"[a-z']+", question.lower())
        short = (bool(rule_book("turns.toml").pattern("follow-up-lead").match(question)) and len(words) <= 8) or len(
            words
        ) <= 2
        return short and self._fits(last.name, quantities)

    def _fill(
        self,
        request: CalculatorRequest,
        quantities: list[Quantity],
        *,
        only_missing: bool,
        question: str = "",
        replace_only: bool = False,
        today: date | None = None,
    ) -> CalculatorRequest:
        """Assign numbers to inputs: strongest word affinity first, then in reading order.

        With today's date, an input the calculator's language lets a start date give (`service_since`) is
        read from "since March 2023" when nothing else gives it."""
        spec = self.spec(request.name)
        if spec is None:
            return request
        inputs = dict(request.inputs)
        found, consumed = extract_settings(request.name, question) if question else ({}, [])
        dated: dict[str, str] = {}
        dated_inputs = calculator_language(request.name).service_since if question and today else ()
        since, spans = service_since(question, today) if dated_inputs and today else ({}, [])
        for name in dated_inputs:
            if name in since and name not in found:
                found, consumed = {**found, name: since[name]}, [*consumed, *spans]
                start, end = spans[0]
                dated[name] = f"{question[start:end]} (to {today:%B %Y})"
        inputs.update(found)
        # A value the words only imply (the deferral that earns the whole match, for "how much is the full
        # match?") gives way to a number said for that input with its own cue words ("I put in 4%").
        implied = {
            name
            for name, value in found.items()
            if isinstance(value, Decimal) and name in spec.fields and spec.fields[name].unit.kind == "percent"
        }
        fields = {
            name: info.unit.kind
            for name, info in spec.fields.items()
            if (not only_missing or name in request.missing) and (name not in found or name in implied)
        }
        preferred = set(request.inputs) if replace_only else set()
        free = [
            q for q in quantities if not any(start <= q.start < end for start, end in consumed) and not _boundary(q)
        ]
        quoting_a_rule = {position for position, quantity in enumerate(free) if quotes_a_rule_rate(quantity)}
        balances = calculator_language(request.name).balances
        pairs = sorted(
            (
                (
                    -self._affinity(quantity, spec, name) - 2 * (name in preferred),
                    order,
                    position,
                    quantity,
                    name,
                )
                for position, quantity in enumerate(free)
                # "a 5k car loan", "my son is 8", the answers a multiple-choice question offers: never an input
                if not outside_the_plan(quantity) and not offered_as_a_choice(quantity)
                for order, (name, unit) in enumerate(fields.items())
                if quantity.kind in _KIND_FOR_UNIT.get(unit, ())
                # a rate quoted with its rule ("the 10 percent penalty exception") fills only an input its words name
                and (position not in quoting_a_rule or _cued(quantity, request.name, name))
                # a sum said for a period ("$22,000 a year") is no balance
                and not (name in balances and quantity.kind == "money" and _period_right_after(quantity)[0])
            ),
            key=lambda pair: pair[:3],
        )
        required = set(spec.required_inputs())
        listed = _listed_sums(
            free, request.name, [name for name in calculator_language(request.name).summed if name in fields]
        )
        if listed:
            pairs = [pair for pair in pairs if pair[2] not in listed or pair[4] == listed[pair[2]][0]]
        by_words_only = calculator_language(request.name).by_words_only
        money_fields = sum(unit == "money" and name not in by_words_only for name, unit in fields.items())
        year_fields = sum(unit == "year" for unit in fields.values())
        duration_fields = sum(_KIND_FOR_UNIT.get(unit, ("",))[0] == "duration" for unit in fields.values())
        used_fields: set[str] = set()
        used_quantities: set[int] = set()
        filled_by: dict[str, int] = {}
        unsure = [name for name in request.unsure if name in inputs and name not in preferred]
        by_form = [name for name in request.by_form if name in inputs and name not in preferred]
        # A setting read from the question's numbers ("$420,000 at the end of 2025": a year-end balance) is
        # evidence for each number it read, as strong as those numbers read one by one into inputs.
        read_by_settings = sum(any(start <= q.start < end for start, end in consumed) for q in quantities)
        evidence = float(max(len(found), read_by_settings))
        words = {name: value for name, value in request.words.items() if name in inputs}
        # A setting read in words: its words as said ("monthly"); one the words imply (a yes or no, the
        # deferral that earns the whole match) is shown by its label and value alone.
        words.update({name: value if isinstance(value, str) else "" for name, value in found.items()})
        words.update(dated)
        for negative_affinity, _, position, quantity, name in pairs:
            if name in used_fields or position in used_quantities:
                continue
            optional = name not in required
            # A number's own form tells its input when the calculator has one input of that form; a
            # year among several ("an RMD for 2026, balance at the end of 2025") needs its words.
            telling = (
                (
                    quantity.kind in {"age", "duration"}
                    and _KIND_FOR_UNIT[fields[name]][0] == quantity.kind
                    and (quantity.kind == "age" or duration_fields == 1)  # "2 years" beside a service and a cliff
                )
                or (quantity.kind == "money" and money_fields == 1)
                or (quantity.kind == "year" and year_fields == 1)
            )
            if optional and not telling and name not in preferred and -negative_affinity < OPTIONAL_EVIDENCE:
                continue  # an optional refinement is filled only when words point at it
            if name not in preferred and _context(quantity, request.name, every=optional) > -negative_affinity:
                continue  # context the calculator never needs ("$110,000 in my 401k, of which ..."): not an input
            if fields[name] == "date" and name not in preferred and not _cued(quantity, request.name, name):
                continue  # a year is a birth date only when the words say so ("born in"), not "an RMD in 2019"
            if name in by_words_only and name not in preferred and not _cued(quantity, request.name, name):
                continue  # "I make $140k" is no sum deferred so far
            if name in implied and not _cued(quantity, request.name, name):
                continue  # only a number said for it replaces what the words imply
            inputs[name] = self._value(quantity, fields[name])
            words[name] = _words_around(quantity)
            if not telling and -negative_affinity < OPTIONAL_EVIDENCE:
                unsure.append(name)
            elif (
                quantity.kind == "money"
                and -negative_affinity - REQUIRED_HEAD_START * (not optional) < OPTIONAL_EVIDENCE
            ):
                by_form.append(name)
            evidence += max(-negative_affinity, TELLING_EVIDENCE if telling else 0.0)
            used_fields.add(name)
            used_quantities.add(position)
            filled_by[name] = position
        if not only_missing and not replace_only:
            affinity = {(position, name): -negative for negative, _, position, _, name in pairs}
            for position, name, holder, other, gain in _better_placements(free, fields, required, affinity, filled_by):
                inputs[name], words[name] = self._value(free[position], fields[name]), _words_around(free[position])
                inputs[other], words[other] = self._value(free[holder], fields[other]), _words_around(free[holder])
                filled_by[name], filled_by[other] = position, holder
                used_fields.add(other)
                used_quantities.add(position)
                unsure = [each for each in unsure if each != name]
                by_form = [each for each in by_form if each != name]
                evidence += gain
        for position, (name, first) in listed.items():
            if filled_by.get(name) == first and position not in used_quantities:
                # a sum listed after the input's own ("... $3,000 into my Roth 401k and $19,000"): it adds up
                inputs[name] = inputs[name] + free[position].value
                words[name] = f"{words[name]} … {_words_around(free[position])}"
                used_quantities.add(position)
                evidence += TELLING_EVIDENCE
        for name, beside in calculator_language(request.name).own_words_beside.items():
            if (
                name in filled_by
                and name not in preferred
                and any(other in used_fields for other in beside)
                and not _cued(free[filled_by[name]], request.name, name)
            ):
                del inputs[name]  # "My 401k balance is $80k but I'm only 60% vested": not all of it is vested
                words.pop(name, None)
                used_quantities.discard(filled_by.pop(name))
                used_fields.discard(name)
                unsure = [each for each in unsure if each != name]
                by_form = [each for each in by_form if each != name]
        for name, others in spec.stand_ins.items():
            if name in found and all(other in used_fields for other in others):
                # Numbers the person stated beat a value the words only imply: "$710 every month" on a
                # $65,000 salary is the deferral, whatever "the maximum the company adds" would assume.
                del inputs[name]
                words.pop(name, None)
        _keep_in_order(spec, inputs, words, used_fields)
        _made_yearly(spec.name, inputs, words, free, filled_by)
        span = _age_span(fields, inputs, free, used_quantities)
        if span is not None:
            name, years, ages = span
            inputs[name] = years
            words[name] = " … ".join(_words_around(free[position]) for position in ages)
            evidence += TELLING_EVIDENCE
            used_quantities.update(ages)
        missing = spec.missing_inputs(inputs)
        unused = [quantity for position, quantity in enumerate(free) if position not in used_quantities]
        return CalculatorRequest(
            request.name, inputs, missing, len(used_quantities) + len(found), evidence, words, unused, unsure, by_form
        )

    @staticmethod
    def _value(quantity: Quantity, unit: str) -> Any:
        if unit == "date":  # a year, with its month when one is said before it ("born in August 1949")
            month = number_words().pattern("month-before").search(quantity.before)
            said = month_number(month.group(0)) if month else None
            return f"{int(quantity.value)}-{said:02d}-01" if said else str(int(quantity.value))
        if unit in {"count", "year"}:
            return int(quantity.value)
        return quantity.value

    def _affinity(self, quantity: Quantity, spec: CalculatorSpec, name: str) -> float:
        """How strongly the words around a number point at this input: nearer words weigh more.

        Required inputs get a small head start, so a lone number fills what the calculator
        cannot do without rather than an optional refinement.
        """
        words = _input_words(spec, name)
        score = sum(_closeness(quantity, word) for word in words.named)
        score += 0.3 * sum(_closeness(quantity, word) for word in words.described)
        cued = max(
            [
                0.0,
                *(_closeness(quantity, cue) for cue in words.cues),
                *(_closeness(quantity, cue, before_too=False) for cue in words.after_cues),
            ]
        )
        hinted = max((_closeness(quantity, cue) for cue in words.weak_cues), default=0.0)
        score += max(CUE_WEIGHT * cued, WEAK_CUE_WEIGHT * hinted)
        return score + words.head_start

    def _run(
        self,
        question: str,
        request: CalculatorRequest,
        conversation: CalculationMemory,
        today: date,
        ranked: list[Match] | None = None,
    ) -> Answer:
        from vested.calculate.base import CalcContext, CalculatorInputError
        from vested.calculate.present import result_answer

        spec = self.spec(request.name)
        assert spec is not None
        if request.missing:
            conversation.pending = request
            return clarify_answer(
                question,
                spec,
                request.inputs,
                request.missing,
                self.kb,
                entry=self._rule_entry(question, spec.name, ranked),
                reading=reading_record(spec, request),
            )
        # Inputs the plain validator passes run without pydantic; the model judges the rest (and words any refusal).
        inputs = spec.plainly_validated(request.inputs)
        try:
            if inputs is None:
                inputs = _validated_by_model(spec, request.inputs)
            result = spec.run(inputs, CalcContext(self.kb.figures, today))
        except (InputsRefused, CalculatorInputError) as error:
            conversation.pending = None
            return input_error_answer(
                question, spec, error, self.kb, entry=self._rule_entry(question, spec.name, ranked)
            )
        conversation.pending = None
        conversation.last_request = CalculatorRequest(request.name, dict(request.inputs))
        return result_answer(question, result, self.kb, reading_record(spec, request), reading_confidence(request))


# A format parser: a sum said as a part of another ("$30,000 of a $50,000 distribution", "$50,000 of my").
_PART_OF = LazyPattern(r"\d\s*k?\s+of\s+(?:a|an|the|my|his|her|their|our|that|its)\b", re.IGNORECASE)


def _age_turned_after_the_year(request: CalculatorRequest, quantities: list[Quantity], today: date) -> None:
    """An age at the end of the year worked that the person turns on a birthday after that year's end is one
    less ("turning 60 next march", said in December 2026, is 59 at the end of 2026): the birthday's month
    after "next" (numbers.toml `a-birthday-next-month`) is in the next calendar year when it is this month or
    one already past, or "next month" said in December. Other months after "next" are left as said."""
    words = number_words()
    for name in calculator_language(request.name).year_end_ages:
        age = request.inputs.get(name)
        said = request.words.get(name)
        if not isinstance(age, int | Decimal) or said is None:
            continue
        found = next(
            (
                quantity
                for quantity in quantities
                if quantity.kind == "age" and quantity.value == age and _words_around(quantity) == said
            ),
            None,
        )
        month = words.pattern("a-birthday-next-month").match(found.after) if found is not None else None
        if found is None or month is None or not words.pattern("an-age-to-turn").search(found.before):
            continue
        named = month_number(month.group(1)) if month.group(1).lower() != "month" else today.month % 12 + 1
        birthday_year = today.year + (named is not None and named <= today.month)
        year = request.inputs.get("year")
        worked = year if isinstance(year, int) else today.year
        if named is not None and birthday_year > worked:
            request.inputs[name] = age - 1
            request.words[name] = f"{said} (so {age - 1} at the end of {worked})"


def _age_now_in_an_earlier_year(request: CalculatorRequest, quantities: list[Quantity], today: date) -> None:
    """An age the person is now ("I'm 38 now", "my dad is 58"), worked for an earlier year asked about ("what was
    the 2021 limit"), is the age at the end of that year: the years between fewer. "I'm 52 now. What was my limit
    in 2021?" was worked at 52, with a catch-up, for someone 47 at the end of 2021. An age said of that year ("I
    was 31 in 2019", "retired in 2020 at 64") is left as said (numbers.toml `an-age-said-now`, `an-age-now-after`)."""
    year = request.inputs.get("year")
    if not isinstance(year, int) or year >= today.year:
        return
    words = number_words()
    for name in calculator_language(request.name).year_end_ages:
        age = request.inputs.get(name)
        said = request.words.get(name)
        if not isinstance(age, int | Decimal) or said is None or "(so " in said:
            continue
        found = next(
            (
                quantity
                for quantity in quantities
                if quantity.kind in ("age", "number") and quantity.value == age and _words_around(quantity) == said
            ),
            None,
        )
        if found is None:
            continue
        now = words.pattern("an-age-said-now").search(found.before) or words.pattern("an-age-now-after").match(
            found.after
        )
        then = age - (today.year - year)
        if now and then > 0:
            request.inputs[name] = then
            request.words[name] = f"{said} (so {then} at the end of {year})"


def _told_in_passing(spec: CalculatorSpec, request: CalculatorRequest, ranked: list[Match]) -> bool:
    """Did the request read only what a question tells in passing, an age, a year or a sum taken by its
    form alone ("I'm 70 with $350k in an old 401k", "lost 18% this year"), for a calculator not of an
    entry the question confidently asks about? A question that asks for no figure tells such facts as
    often as not; they are no sign that it wants the figure they complete (the limits a 57-year-old may
    defer, $350k paid out as a check), unless it asks about that very figure's entry ("I'm 30: what
    share belongs in stocks?")."""
    read = [name for name in request.inputs if name in spec.fields]
    asked_about = bool(ranked) and ranked[0].entry.calculator == spec.name and ranked[0].score >= CONFIDENT
    passing = all(spec.fields[name].unit.kind in {"age", "year"} or name in request.by_form for name in read)
    return bool(read) and passing and not asked_about


def _reads_every_sum(request: CalculatorRequest) -> bool:
    """No sum of the plan's left unread ("a 5k car loan" is not the plan's)."""
    return not any(quantity.kind == "money" and not outside_the_plan(quantity) for quantity in request.unused)


def _rmd_age_words(age: Decimal) -> str:
    """An RMD age as people say it: 70½, 72, 73."""
    return "70½" if age == Decimal("70.5") else f"{age:f}"


def _better_placements(
    free: list[Quantity],
    fields: dict[str, str],
    required: set[str],
    affinity: dict[tuple[int, str], float],
    filled_by: dict[str, int],
) -> list[tuple[int, str, int, str, float]]:
    """Numbers left over whose words name an input another number took, when that number's words name an
    input still empty: "take a $60,000 distribution ... roll $30,000 into an IRA" reads the $30,000 as
    the sum paid out first (its "roll"), leaving the $60,000 unread; moving it to what was redeposited
    lets both be read. The inputs are filled as one assignment: a move is made when the words of both
    numbers point at their new inputs (OPTIONAL_EVIDENCE, without a required input's head start) and
    the two placements together outweigh the one they replace.

    Returns (the number left over, the input it takes, the number moved, the input it moves to, the gain).
    """

    def said(position: int, name: str) -> float | None:
        found = affinity.get((position, name))
        if found is None or fields[name] == "date":
            return None
        words_only = found - (REQUIRED_HEAD_START if name in required else 0.0)
        return found if words_only >= OPTIONAL_EVIDENCE else None

    moves: list[tuple[int, str, int, str, float]] = []
    taken = set(filled_by.values())
    for position in range(len(free)):
        if position in taken:
            continue
        best: tuple[int, str, int, str, float] | None = None
        for name, holder in filled_by.items():
            arriving = said(position, name)
            if arriving is None:
                continue
            for other in fields:
                leaving = said(holder, other) if other not in filled_by else None
                if leaving is None:
                    continue
                gain = arriving + leaving - affinity[(holder, name)]
                if gain > PLACEMENT_MARGIN and (best is None or gain > best[4]):
                    best = (position, name, holder, other, gain)
        if best is not None:
            moves.append(best)
            taken.add(best[0])
            filled_by = {**filled_by, best[1]: best[0], best[3]: best[2]}
    return moves


def _keep_in_order(spec: CalculatorSpec, inputs: dict[str, Any], words: dict[str, str], filled: set[str]) -> None:
    """Swap two sums read into inputs the calculator orders (spec.no_more_than) the wrong way round.

    "He rolls over $30,000 of a $50,000 distribution": both sums sit next to words of the amount
    paid out; the part rolled over can never be more than the whole, so the larger is the whole.
    Only numbers read from this question are swapped, never a value the person set before, and
    never a sum said as the part ("$50,000 of my $40,000"): that question is impossible as asked,
    and the calculator's own check says so rather than a figure for the other reading.
    """
    for smaller, larger in spec.no_more_than.items():
        if smaller in filled and larger in filled and inputs[smaller] > inputs[larger]:
            if _PART_OF.search(words[smaller]):
                continue  # "I rolled over $50,000 of my $40,000": said as the part, so no misreading to undo
            inputs[smaller], inputs[larger] = inputs[larger], inputs[smaller]
            words[smaller], words[larger] = words[larger], words[smaller]


def _made_yearly(
    calculator: str, inputs: dict[str, Any], words: dict[str, str], free: list[Quantity], filled_by: dict[str, int]
) -> None:
    """A yearly sum said for a shorter period, made yearly: "I get paid $2,400 every two weeks" is $62,400 of
    yearly pay (read as $2,400 a year, it gave a $72 match). A sum each paycheck is made yearly by the pay
    frequency when one is said; when none is, _period_mismatch asks for it."""
    from vested.calculate.checks import PERIODS_PER_YEAR

    for name in calculator_language(calculator).yearly:
        position = filled_by.get(name)
        if position is None or name not in inputs:
            continue
        quantity = free[position]
        period, said = _period_right_after(quantity)
        if period == PER_PAYCHECK:
            period = inputs.get("frequency")
        if period is None or period == "yearly" or period not in PERIODS_PER_YEAR:
            continue
        inputs[name] = quantity.value * PERIODS_PER_YEAR[period]
        words[name] = " ".join([*clause_before(quantity).split()[-4:], quantity.text + said]).strip(" ,.;:?!")


# A format parser: what may stand between a sum and its period ("$2,400 every two weeks", "$5,000 gross a
# month"); a comma may not: "I earn $90,000, paid every two weeks" is yearly pay and how often it is paid.
_TO_ITS_PERIOD = LazyPattern(r"\s*(?:(?:gross|net|pre-?tax|before taxes?)\s+)?", re.IGNORECASE)


def _period_right_after(quantity: Quantity) -> tuple[str | None, str]:
    """The period said right after a number ("every two weeks": biweekly; "a paycheck"), with the words
    through it as written; (None, "") when none is."""
    after = _SENTENCE_END.split(quantity.after)[0][:40]
    settings = rule_book("settings.toml")
    for rule in [*settings.section("frequency"), *settings.section("sum_period")]:  # "bi-weekly" before "weekly"
        found = rule.regex.search(after) if rule.finds(after) else None
        if found is not None and _TO_ITS_PERIOD.fullmatch(after[: found.start()]):
            return rule.name, after[: found.end()]
    return None, ""


def _age_span(
    fields: dict[str, str], inputs: dict[str, Any], free: list[Quantity], used: set[int]
) -> tuple[str, int, list[int]] | None:
    """A number of years told as two ages ("I'm 30 and retire at 65": 35 years), for a
    calculator that takes years and no age, when the question gives no years of its own.

    Returns the input's name, the years and the positions of the two ages.
    """
    if any(unit == "age" for unit in fields.values()):
        return None
    missing = [name for name, unit in fields.items() if unit == "years" and name not in inputs]
    ages = [
        position
        for position, quantity in enumerate(free)
        if position not in used and quantity.kind == "age" and not outside_the_plan(quantity)
    ]
    if len(missing) != 1 or len(ages) != 2:
        return None
    start, end = sorted(free[position].value for position in ages)
    years = end - start
    if years <= 0 or years != int(years):
        return None
    return missing[0], int(years), ages


def _boundary(quantity: Quantity) -> bool:
    """A rule's boundary or one end of a range, not the asker's own number: "over 150k", "50+", "50 and
    older", "aged 60 to 63", "between 60 and 65 thousand"."""
    return bool(
        (
            quantity.kind != "duration" and number_words().pattern("threshold-lead").search(quantity.before)
        )  # "over 5 years" is a term
        or number_words().pattern("open-ended").match(quantity.after)
        or _IN_A_RANGE.search(quantity.before[-12:] + "#" + quantity.after[:12])
        or number_words().pattern("range-between").search(quantity.before)  # "between 60 and 65 thousand"
    )


# The period of a sum taken from each paycheck (settings.toml [[sum_period]] "paycheck"): the pay frequency.
PER_PAYCHECK = "paycheck"


def _period_mismatch(request: CalculatorRequest) -> str | None:
    """What to say when a sum paid in each period was stated for another period than the
    contributions' ("$500 a month ... my employer adds $3,000 a year"): adding the two as one
    monthly deposit would be a confident wrong figure, so the person is asked to say both alike."""
    frequency = request.inputs.get("frequency", "yearly")
    for name in calculator_language(request.name).yearly:
        said = request.words.get(name)
        paycheck = said is not None and _stated_period(said) == PER_PAYCHECK
        if paycheck and name in request.inputs and "frequency" not in request.inputs:
            return (
                f"I read “{said}” as pay for each paycheck, but not how often you are paid, so I can't make it "
                "yearly pay. Ask again saying how often (every week, every two weeks, twice a month, or monthly)."
            )
    for name in calculator_language(request.name).per_period:
        said = request.words.get(name)
        period = _stated_period(said) if said and name in request.inputs else None
        if period == PER_PAYCHECK:
            if "frequency" in request.inputs:
                continue  # "$200 a paycheck ... paid every two weeks": each paycheck is the period said
            return (
                f"I read “{said}” as a sum taken from each paycheck, but not how often you are paid, so I can't "
                "make it a yearly sum. Ask again saying how often (every week, every two weeks, twice a month, "
                "or monthly)."
            )
        if period is not None and period != frequency:
            return (
                f"I read “{said}” as a {period} sum, but the contributions come {frequency}, and adding the two "
                f"as one deposit would give a wrong figure. Ask again with both for the same period "
                f"(for example each as a {frequency} amount)."
            )
    return None


def _stated_period(words: str) -> str | None:
    """The period a sum's own words give it ("$3,000 a year" is yearly), if they give one."""
    settings = rule_book("settings.toml")
    for rule in [*settings.section("frequency"), *settings.section("sum_period")]:  # "bi-weekly" before "weekly"
        if rule.finds(words):
            return rule.name
    return None


# A format parser: the words between two sums of one list under one verb ("$3,000 into my Roth 401k and
# $19,000", "$4,500 as Roth and $12,250"): no sentence end, no other sum, "and" right before the second.
_LISTED_AFTER = LazyPattern(
    r"(?:\s+(?:to|into|in|as|at|for|on)\b[^.?!;:$]{0,40}?)?,?\s+and\s+(?:also\s+)?", re.IGNORECASE
)


def _listed_sums(free: list[Quantity], calculator: str, summed: list[str]) -> dict[int, tuple[str, int]]:
    """The sums listed after a sum cued for a summed input (calculator language `summed`), each with that
    input and the position of the sum cued for it; a listed sum with cue words of its own for another
    input stays out of the list."""
    if not summed:
        return {}
    listed: dict[int, tuple[str, int]] = {}
    for first, quantity in enumerate(free):
        if quantity.kind != "money" or first in listed:
            continue
        name = next((each for each in summed if _cued(quantity, calculator, each)), None)
        if name is None:
            continue
        previous = quantity
        for position in range(first + 1, len(free)):
            following = free[position]
            gap = following.start - previous.end
            if following.kind != "money" or not 0 < gap <= len(following.before):
                break
            if not _LISTED_AFTER.fullmatch(following.before[-gap:]):
                break
            others = calculator_language(calculator).inputs
            if any(other != name and _cued(following, calculator, other) for other in others):
                break
            listed[position] = (name, first)
            previous = following
    return listed


def _words_around(quantity: Quantity) -> str:
    """The number with the words next to it, as the person wrote them ("80k vested")."""
    before = clause_before(quantity).split()[-4:]
    after = clause_after(quantity).split()[:2]
    return " ".join([*before, quantity.text, *after]).strip(" ,.;:?!")


def _context_closeness(quantity: Quantity, calculator: str, every: bool = True) -> float:
    """How near the number are the cue words of a number of its kind the calculator's language names as
    context it does not need ([[not_needed]]); `after_cues` only after it. Without `every`, only the
    contexts that hold even for a required input's only candidate (`even_alone`)."""
    found = 0.0
    for context in calculator_language(calculator).not_needed:
        if (context.kinds and quantity.kind not in context.kinds) or not (every or context.even_alone):
            continue
        found = max(
            [
                found,
                *(_closeness(quantity, cue, past_commas=True) for cue in context.cues),
                *(_closeness(quantity, cue, before_too=False, past_commas=True) for cue in context.after_cues),
            ]
        )
    return found


def _context(quantity: Quantity, calculator: str, every: bool = True) -> float:
    """How strongly the words around a number name it as context the calculator never needs
    ([[not_needed]]), on the scale of _affinity's cue weight; without `every`, only `even_alone` contexts."""
    return CUE_WEIGHT * _context_closeness(quantity, calculator, every)


class _InputWords(NamedTuple):
    """An input's words as Router._affinity weighs them: those of its name, those of its title and
    description (less the stopwords and the name's), its cue words, and its head start."""

    named: tuple[str, ...]
    described: tuple[str, ...]
    cues: tuple[str, ...]
    after_cues: tuple[str, ...]
    weak_cues: tuple[str, ...]
    head_start: float


_input_words_made: dict[tuple[str, str], _InputWords] = {}


def _input_words(spec: CalculatorSpec, name: str) -> _InputWords:
    """The input's words, made once per input: _affinity weighs every number against every input of
    every candidate calculator, and finding the words anew each time was a third of its cost.

    The word sets are kept in the order a set made of them iterates in, so each sum of closenesses
    adds the same floats in the same order as before.
    """
    key = (spec.name, name)
    words = _input_words_made.get(key)
    if words is None:
        info = spec.fields[name]
        named = set(re.findall(r"[a-z]{3,}", name.replace("_", " ").lower()))
        described = set(re.findall(r"[a-z]{4,}", f"{info.title or ''} {info.description or ''}".lower()))
        described -= stopwords() | named
        language = calculator_language(spec.name)
        words = _input_words_made[key] = _InputWords(
            tuple(named),
            tuple(described),
            language.cues(name),
            language.after_cues(name),
            language.weak_cues(name),
            REQUIRED_HEAD_START if name in spec.required_inputs() else 0.0,
        )
    return words


def _cued(quantity: Quantity, calculator: str, name: str) -> bool:
    """Is one of the input's own cue words close to the number?"""
    language = calculator_language(calculator)
    return any(_closeness(quantity, cue) >= OPTIONAL_EVIDENCE for cue in language.cues(name)) or any(
        _closeness(quantity, cue, before_too=False) >= OPTIONAL_EVIDENCE for cue in language.after_cues(name)
    )


def _closeness(quantity: Quantity, cue: str, before_too: bool = True, past_commas: bool = False) -> float:
    """1 for a cue touching the number, falling towards 0 at CUE_REACH characters away (after it only,
    without before_too). An input's cue after the number stops at a comma whose clause holds a number of
    its own; a context's (past_commas) reads on: "$586k, of which $257,500 is vested" is a total."""
    before, after, unit_end = _own_sentence(quantity.before, quantity.after, past_commas)
    if quantity.kind == "year":  # a year's month is part of its date: "born in February 1954" is born in 1954
        before = number_words().pattern("month-before").sub("", before)
    if (not before_too or _cannot_hold(before, cue)) and _cannot_hold(after[unit_end:], cue):
        return 0.0  # no need to compile the cue's pattern: a calculation asks about some 60 cues, most absent
    pattern = _cue_pattern(cue)
    distances = [len(before) - found.end() for found in pattern.finditer(before)] if before_too else []
    distances += [found.start() for found in pattern.finditer(after, unit_end)]
    if not distances:
        return 0.0
    return 1 / (1 + min(distances) / 8)


def _cannot_hold(text: str, cue: str) -> bool:
    """True when _cue_pattern(cue) cannot match in text: both are ASCII, where re's case-insensitive
    match of a literal is a match of the lower-cased strings, and the cue is not in the text (a cue's
    apostrophe may be missing from the text, as _cue_pattern allows)."""
    if "'" in cue:
        text, cue = text.replace("'", ""), cue.replace("'", "")
    return text.isascii() and cue.isascii() and cue.lower() not in text.lower()


@lru_cache(maxsize=4096)
def _cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue as a word-start pattern, compiled once: a question with numbers asks about hundreds
    of cues, more than re's own cache keeps, so re.compile kept compiling them anew.

    A contraction's apostrophe may be left out or curled: lower-case run-ons drop it ("so far this year
    ive put $17,250 into my 401k" says the cue "i've put"), phones curl it ("I’ve put")."""
    return compile_pattern(r"\b" + re.escape(cue).replace("'", "['’]?"), re.IGNORECASE)


@lru_cache(maxsize=256)
def _own_sentence(before: str, after: str, past_commas: bool = False) -> tuple[str, str, int]:
    """The text before and after a number within CUE_REACH and its own sentence, and where in
    the text after it the words past its own unit start; _closeness asks this for every cue.

    A cue speaks of the numbers of its own sentence ("My RMD was $9,000. I took $2,000": "took"
    is not the RMD's) and, after it, of its own clause and a clause joined by "and" or (past_commas) a
    comma that holds no number of its own; the number's own unit says nothing of an input ("3-year" of a
    "year").
    """
    before = _SENTENCE_END.split(before[-CUE_REACH:])[-1]
    after = _SENTENCE_END.split(after)[0]
    own, *rest = _NEXT_CLAUSE.split(after, maxsplit=1)
    if rest and _A_DIGIT.search(_CLAUSE_END.split(rest[0])[0]):
        after = own  # the next clause has a number of its own: its words speak of that one
    first, *later = _CLAUSE_END.split(after, maxsplit=1)
    if not past_commas and later and _A_DIGIT.search(_CLAUSE_END.split(later[0])[0]):
        after = first  # so does a clause after a comma ("worth 120k, basis is 30k": "basis" is the 30k's)
    after = after[:CUE_REACH]
    unit = _OWN_UNIT.match(after)
    return before, after, unit.end() if unit else 0


def reading_confidence(request: CalculatorRequest) -> float:
    """How complete the reading behind a figure was: every number placed by its own words is 1.0;
    each input a number filled with no cue of its own, and each number left over that is not
    understood (money outside the plan, a sum said again, the rule's own rate), costs some.

    The costs were measured on the generated numeric questions (benchmarks/numeric_reading.py
    --confidence): see benchmarks/README.md, session 14.
    """
    read_values = {str(value) for value in request.inputs.values()}
    unexplained = [
        quantity
        for quantity in request.unused
        if not outside_the_plan(quantity)  # a car loan is understood
        and str(quantity.value) not in read_values  # "$100,000 ... the entire $100,000": one sum said twice
        and not quotes_a_rule_rate(quantity)  # "they withheld 20%": the rule's rate, quoted
        and not offered_as_a_choice(quantity)  # "A. $0 B. $7,300": the answers offered
    ]
    doubt = UNSURE_INPUT_DOUBT * len(request.unsure) + UNUSED_NUMBER_DOUBT * len(unexplained)
    return round(max(LEAST_READING_CONFIDENCE, 1.0 - doubt), 2)


def reading_record(spec: CalculatorSpec, request: CalculatorRequest) -> ReadingRecord:
    """What the calculation read: each input taken from the question with its words, and the numbers left."""
    from vested.calculate.base import jsonable

    values = jsonable(request.inputs)
    # The answers a multiple-choice question offers are named together, never one by one: a reply
    # that repeats "$9,124" beside its own figure would seem to give the wrong choices too.
    offered = any(offered_as_a_choice(quantity) for quantity in request.unused)
    return ReadingRecord(
        inputs={name: ReadInput(value=values[name], source=words) for name, words in request.words.items()},
        unused=[_words_around(quantity) for quantity in request.unused if not offered_as_a_choice(quantity)]
        + (["the answers offered"] if offered else []),
    )


def _general_entry(kb: KnowledgeBase, name: str) -> Entry | None:
    return next((entry for entry in kb.entries if entry.calculator == name), None)


def _describe(spec: CalculatorSpec, field_name: str) -> str:
    info = spec.fields[field_name]
    return (info.description or field_name.replace("_", " ")).rstrip(".")


def clarify_answer(
    question: str,
    spec: CalculatorSpec,
    inputs: dict[str, Any],
    missing: list[str],
    kb: KnowledgeBase,
    problem: str | None = None,
    entry: Entry | None = None,
    reading: ReadingRecord | None = None,
) -> Answer:
    """Ask for what is missing (or wrong), and give the general rule meanwhile (entry's, when given).

    The reading (what was taken from the question so far, with its words) travels with the
    answer, so a front end can offer the calculator's form with those values marked.
    """
    from vested.calculate.base import jsonable
    from vested.core.answer import CalculationRecord

    if problem:
        lead = f"I couldn't run the {spec.title.lower()} calculation: {problem}"
    else:
        needed = "; ".join(f"**{_describe(spec, name)}**" for name in missing)
        lead = f"To work out the {spec.title.lower()}, I also need: {needed}. Reply with the number."
    entry = entry or _general_entry(kb, spec.name)
    text = lead
    sources = []
    if entry is not None:
        text += f"\n\nMeanwhile, the general rule:\n\n{entry.answer.strip()}"
        sources = [kb.cite(citation) for citation in entry.citations]
    return Answer(
        question=question,
        kind="clarify",
        answer=text,
        entry=entry.id if entry else None,
        confidence=1.0,
        as_of=entry.as_of if entry else None,
        sources=sources,
        calculation=CalculationRecord(tool=spec.name, inputs=jsonable(inputs), outputs={}, steps=[]),
        reading=reading,
        suggestions=_clarify_suggestions(spec, entry, kb),
    )


def _clarify_suggestions(spec: CalculatorSpec, entry: Entry | None, kb: KnowledgeBase) -> list[str]:
    """Questions a person can pick (never shell commands): the calculator's example, then related entries."""
    from vested.calculate.questions import EXAMPLE_QUESTIONS

    questions = [EXAMPLE_QUESTIONS[spec.name]] if spec.name in EXAMPLE_QUESTIONS else []
    if entry is not None:
        questions += [kb.by_id[related].question for related in entry.related if related in kb.by_id]
    return questions[:3]


class InputsRefused(ValueError):
    """The input model refused the inputs: each problem as (input name or None, words for people)."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        super().__init__("; ".join(problem for _, problem in problems))
        self.problems = problems


def _validated_by_model(spec: CalculatorSpec, raw: dict[str, Any]) -> Any:
    """The inputs validated by the calculator's pydantic model, or InputsRefused with its problems worded."""
    from pydantic import ValidationError

    from vested.calculate.base import input_problems

    try:
        return spec.inputs.model_validate(raw)
    except ValidationError as error:
        # Worded for people (base.input_problems): "must be a whole number", never pydantic's own text.
        raise InputsRefused(input_problems(error)) from None


def input_error_answer(
    question: str, spec: CalculatorSpec, error: Exception, kb: KnowledgeBase, entry: Entry | None = None
) -> Answer:
    """Inputs that cannot be used: say which and why, in words, never a traceback."""
    if isinstance(error, InputsRefused):
        message = "; ".join(
            f"{_describe(spec, name) if name in spec.fields else 'input'} {problem}" for name, problem in error.problems
        )
    else:
        message = str(error)
    return clarify_answer(question, spec, {}, [], kb, problem=message, entry=entry)
