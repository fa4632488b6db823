"""Numeric questions -> a calculator and its inputs, or a request for the missing one.

Which calculator: each has an intent, a pattern over the question's words ("borrow" or
"loan" with "how much" or "max"). Which number is which input: numbers found by
vested.understanding.quantities carry a kind (money, percent, age, year, duration) and the words around
them; each calculator input has a unit and a name and description. A number goes to the
input of its kind whose words are nearest it ("$25,000 after-tax basis" -> basis), so
the routing follows the calculators' own models rather than a table of phrasings.

In a conversation, a reply that only supplies a number ("80k", "what about 120k?",
"and if I'm 55?") fills the input that was missing or reruns the last calculation with
that input changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from vested.calculate.worded_inputs import extract_settings
from vested.core.answer import Answer
from vested.knowledge.loader import KnowledgeBase
from vested.understanding.quantities import Quantity, extract_quantities
from vested.understanding.text import STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Callable

    from vested.calculate.base import CalculatorSpec
    from vested.core.assistant import Conversation
    from vested.knowledge.models import Entry
    from vested.retrieval.matching import Match

# The question words that say which calculator is wanted, checked in this order.
# "X, then later Y" is written ^(?>.*?X).*Y: the atomic group settles on the first X, so
# the text after it is scanned once; X.*Y rescanned it from every X, quadratic in length.
INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("rmd", r"\b(rmds?|required minimum|minimum (required )?distribution|born (in|on)\b)"),
        (
            "after_tax_basis_share",
            r"\b(basis|after[\s-]?tax (money|contributions?|dollars|part|portion)|(of it|is|are) after[\s-]?tax|"
            r"\d[\d,.]*\s*k?\s+(of\s+)?(in\s+)?after[\s-]?tax|"
            r"pro[\s-]?rata|tax[\s-]?free part|non[\s-]?taxable|"
            r"how much (of it )?(is|would be|will be) tax[\s-]?free)\b",
        ),
        (
            "indirect_rollover",
            r"\b(indirect|60[\s-]day|check (for|of)|rollover check|redeposit|paid to me|withh[eo]ld|"
            r"make up the (difference|shortfall|missing))|"
            r"^(?>.*?\broll(ing|ed)? (it )?over ).*check|^(?>.*?\bcheck\b).*\broll(ing|ed)?[\s-]?over",
        ),
        (
            "loan_repayment",
            r"^(?>.*?\b(loan|borrow\w*)\b).*\b(payments?|repay\w*|amortiz\w*|per (month|paycheck)|"
            r"interest)\b|^(?>.*?\b(payments?|repay\w*)\b).*\bloan\b",
        ),
        ("loan_maximum", r"\b(borrow\w*|loans?)\b"),
        (
            "rebalance",
            r"\brebalanc\w*|\btarget (mix|allocation)\b|^(?>.*?\b\d{1,3}\s*/\s*\d{1,3}\b).*\b(want|target)",
        ),
        # a projection over a stated number of years, before the match: "contributions plus
        # match come to $5,000 a year ... for 15 years, how much will I end up with"
        (
            "future_value",
            r"^(?=.*\b\d+[\s-]*(years?|yrs?)\b).*\b(fv|future value|end up( with)?|be worth|grows? to|will i have|"
            r"\d+(\.\d+)?\s*%\s*(an?nual(ly)?\s+|yearly\s+|a year\s+)?(return|growth|gain)s?)\b",
        ),
        (
            "employer_match",
            r"\bmatch\w*|\b(contributes|adds|puts in|gives|kicks in|chips in|pitches in|throws in) \d+(\.\d+)?\s*%"
            r"|\bnon[\s-]?elective|\bprofit[\s-]?sharing",
        ),
        (
            "vesting",
            r"^(?>.*?\b(vest(ed|ing)?)\b).*\b(cliff|graded|schedule|years? of service|after \d+ years?)\b|"
            r"\b(cliff|graded)\b",
        ),
        (
            "early_withdrawal",
            r"\b(cash(ing)?[\s-]?out|withdraw\w*|take (out|money)|hardship|penalt\w*|early distribution|"
            r"(take|taking|took|pull\w*)\b(\s+\S+){1,3}?\s+out|(additional|extra) (10\s*%\s*)?tax)\b",
        ),
        (
            "future_value",
            r"\b(will i have|grow|end up|be worth|future value|fv|project\w*|after \d+ years|"
            r"for \d+ years|in \d+ years|retire with)\b",
        ),
        ("contribution_limit", r"\b(contribut\w*|defer\w*|put in|limit|max\w*|most (i|you|we|one) can|save)\b"),
        ("allocation", r"\b(stocks?|bonds?|allocat\w*|equit\w*)\b"),
    )
)

# Words that tie a number to an input, by the input's name (beyond the words of its title
# and description, which count too).
_CUES: dict[str, tuple[str, ...]] = {
    "basis": ("basis", "after-tax", "after tax", "aftertax", "post-tax", "nondeductible"),
    "account_value": ("account", "balance", "worth", "value", "grown", "total"),
    "distribution": ("withdraw", "distribution", "take", "taking", "pull", "cash"),
    "vested": ("vested", "balance", "account", "have", "worth"),
    "outstanding": ("owe", "outstanding", "still", "existing", "current loan", "already", "remaining"),
    "highest_balance_12m": ("highest", "peak", "last 12", "past 12", "past year", "last year", "previous"),
    "salary": ("salary", "earn", "make", "paid", "income", "pay", "wage", "comp"),
    "deferral_rate": ("defer", "contribute", "put in", "save", "saving", "i put"),
    "redeposited": ("redeposit", "deposit", "put back", "only"),
    "annual_return": ("return", "at", "grow", "earn", "interest"),
    "annual_rate": ("interest", "rate", "at", "apr"),
    "marginal_rate": ("bracket", "marginal", "tax rate", "taxed at"),
    "starting_balance": ("balance", "have", "already", "start", "saved"),
    "contribution": ("a year", "per year", "annually", "each year", "yearly", "contribute", "a month", "per month"),
    "employer_match": ("match", "employer adds", "company adds"),
    "years_of_service": ("service", "worked", "employed", "after", "been", "there for", "anniversary", "tenure"),
    "prior_year_fica_wages": ("wages", "fica", "earned last year", "made last year"),
    "birth_date": ("born", "birth", "birthday", "dob"),
    "balance": ("have", "balance", "account", "total", "worth", "with"),
    "prior_year_balance": ("balance", "have", "account", "worth", "with", "last year"),
    "amount": ("amount", "take", "withdraw", "cash", "borrow", "loan", "rollover", "check", "of"),
}
# Situations a calculator does not model: a question that raises one asks about the rule,
# and the FAQ answer, which covers the situation, serves it better than a figure that ignores it.
_BEYOND_MODEL: dict[str, re.Pattern[str]] = {
    "rmd": re.compile(
        r"\bstill (?:working|employed|on the job)\b|\bnot (?:yet )?retired\b|\bhaven'?t retired\b|"
        r"\binherit\w*|\bbeneficiar\w*",
        re.IGNORECASE,
    ),
    # Roth money comes out with its contributions untaxed; the calculator models pre-tax money.
    "early_withdrawal": re.compile(r"\broth\b", re.IGNORECASE),
}
# "over 150k", "more than 5%": a rule's boundary, not the asker's own sum.
_THRESHOLD_LEAD = re.compile(
    r"\b(?:over|above|more than|less than|under|below|at least|exceed\w*|up to)\s*$", re.IGNORECASE
)
CUE_REACH = 40
_OWN_UNIT = re.compile(r"[\s-]*(?:years?|yrs?|months?|mos?)\b", re.IGNORECASE)
OPTIONAL_EVIDENCE = 0.5

_FOLLOW_UP_LEAD = re.compile(r"^\s*(what about|how about|and|also|what if|if|same|now|ok|okay|then)\b", re.IGNORECASE)
_KIND_FOR_UNIT = {
    "money": ("money",),
    "percent": ("percent",),
    "age": ("age", "number"),
    "years": ("duration", "number"),
    "year": ("year",),
    "date": ("year",),
    "count": ("number", "duration"),
}


@dataclass
class CalculatorRequest:
    """A calculator and the inputs gathered for it so far."""

    name: str
    inputs: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


class Router:
    """Finds the calculator a question needs and fills its inputs from the numbers."""

    def __init__(self, kb: KnowledgeBase, rank: Callable[[str, int], list[Match]] | None = None):
        self.kb = kb
        self._rank = rank

    def _rule_entry(self, question: str, calculator: str) -> Entry | None:
        """The entry to show beside a clarify answer: of those linked to the calculator, the
        one the question matches best ("total going into my account" is the worked example,
        not the 401(k)-vs-IRA comparison that also links the match calculator)."""
        for match in self._rank(question, 10) if self._rank else ():
            if match.entry.calculator == calculator:
                return match.entry
        return _general_entry(self.kb, calculator)

    @staticmethod
    def specs() -> dict[str, CalculatorSpec]:
        from vested.calculate import registry

        return registry()

    def spec(self, name: str) -> CalculatorSpec | None:
        return self.specs().get(name)

    def route(self, question: str, conversation: Conversation, today: date) -> Answer | None:
        """A calculation or clarify Answer, or None when the question is not numeric."""
        quantities = extract_quantities(question)
        pending = conversation.pending
        if pending is not None and quantities and not self._intent(question, quantities):
            return self._run(question, self._fill(pending, quantities, only_missing=True), conversation, today)
        last = conversation.last_request
        if last is not None and quantities and self._is_follow_up(question, quantities, last):
            changed = self._fill(last, quantities, only_missing=False, replace_only=True)
            return self._run(question, changed, conversation, today)
        name = self._intent(question, quantities)
        if name is None or (name in _BEYOND_MODEL and _BEYOND_MODEL[name].search(question)):
            return None
        spec = self.spec(name)
        if spec is None:
            return None
        request = self._fill(CalculatorRequest(name), quantities, only_missing=False, question=question)
        wants_calculation = self._wants_calculation(question)
        if not self._personal(spec, request, question) and not wants_calculation:
            return None  # nothing personal to compute with: the FAQ answer serves better
        if request.missing and not wants_calculation and not self._has_amount(spec, request, quantities):
            return None  # "I turn 55 and leave, penalty-free?" asks about the rule, not for a sum
        return self._run(question, request, conversation, today)

    @staticmethod
    def _has_amount(spec: CalculatorSpec, request: CalculatorRequest, quantities: list[Quantity]) -> bool:
        """Did the question give a sum or a rate of its own?

        An age or a year alone does not ask for one, and neither does a threshold: "if I made
        over 150k" names where a rule starts, and the rule is the answer.
        """
        from vested.calculate.fields import unit_of

        own = [q for q in quantities if q.kind in {"money", "percent"} and not _THRESHOLD_LEAD.search(q.before)]
        return bool(own) and any(
            unit_of(spec.inputs.model_fields[name]).kind in {"money", "percent"} for name in request.inputs
        )

    def _intent(self, question: str, quantities: list[Quantity]) -> str | None:
        if not quantities:
            return None
        for name, pattern in INTENTS:
            if pattern.search(question) and self._fits(name, quantities):
                return name
        return None

    def _fits(self, name: str, quantities: list[Quantity]) -> bool:
        """At least one number in the question is of a kind the calculator takes."""
        spec = self.spec(name)
        if spec is None:
            return False
        from vested.calculate.fields import unit_of

        kinds = {
            kind for info in spec.inputs.model_fields.values() for kind in _KIND_FOR_UNIT.get(unit_of(info).kind, ())
        }
        return any(quantity.kind in kinds for quantity in quantities)

    @staticmethod
    def _personal(spec: CalculatorSpec, request: CalculatorRequest, question: str) -> bool:
        """Did the question give a number about the asker (a balance, an age), not just a year?

        "What was the limit in 2019?" and "what does 3-year cliff vesting mean?" are general
        questions for the FAQ; "I'm 55, what can I put in?" is a calculation.
        """
        from vested.calculate.fields import unit_of

        settings, _ = extract_settings(request.name, question)
        return any(
            unit_of(spec.inputs.model_fields[name]).kind != "year" for name in request.inputs if name not in settings
        )

    @staticmethod
    def _wants_calculation(question: str) -> bool:
        return bool(re.search(r"\b(calculate|compute|work out|figure out)\b", question, re.IGNORECASE))

    def _is_follow_up(self, question: str, quantities: list[Quantity], last: CalculatorRequest) -> bool:
        """ "what about 120k?", "and if I'm 55?", or a bare "80k": a number for the last calculator."""
        words = re.findall(r"[a-z']+", question.lower())
        short = (bool(_FOLLOW_UP_LEAD.match(question)) and len(words) <= 8) or len(words) <= 2
        return short and self._fits(last.name, quantities)

    def _fill(
        self,
        request: CalculatorRequest,
        quantities: list[Quantity],
        *,
        only_missing: bool,
        question: str = "",
        replace_only: bool = False,
    ) -> CalculatorRequest:
        """Assign numbers to inputs: strongest word affinity first, then in reading order."""
        from vested.calculate.fields import unit_of

        spec = self.spec(request.name)
        if spec is None:
            return request
        inputs = dict(request.inputs)
        found, consumed = extract_settings(request.name, question) if question else ({}, [])
        inputs.update(found)
        fields = {
            name: unit_of(info).kind
            for name, info in spec.inputs.model_fields.items()
            if (not only_missing or name in request.missing) and name not in found
        }
        preferred = set(request.inputs) if replace_only else set()
        free = [q for q in quantities if not any(start <= q.start < end for start, end in consumed)]
        pairs = sorted(
            (
                (
                    -self._affinity(quantity, name, spec.inputs.model_fields[name]) - 2 * (name in preferred),
                    order,
                    position,
                    quantity,
                    name,
                )
                for position, quantity in enumerate(free)
                for order, (name, unit) in enumerate(fields.items())
                if quantity.kind in _KIND_FOR_UNIT.get(unit, ())
            ),
            key=lambda pair: pair[:3],
        )
        money_fields = sum(unit == "money" for unit in fields.values())
        used_fields: set[str] = set()
        used_quantities: set[int] = set()
        for negative_affinity, _, position, quantity, name in pairs:
            if name in used_fields or position in used_quantities:
                continue
            optional = not spec.inputs.model_fields[name].is_required()
            telling = (
                quantity.kind in {"age", "year", "duration"} and _KIND_FOR_UNIT[fields[name]][0] == quantity.kind
            ) or (quantity.kind == "money" and money_fields == 1)
            if optional and not telling and name not in preferred and -negative_affinity < OPTIONAL_EVIDENCE:
                continue  # an optional refinement is filled only when words point at it
            if fields[name] == "date" and name not in preferred and not _cued(quantity, name):
                continue  # a year is a birth date only when the words say so ("born in"), not "an RMD in 2019"
            inputs[name] = self._value(quantity, fields[name])
            used_fields.add(name)
            used_quantities.add(position)
        missing = [name for name in spec.required_inputs() if name not in inputs]
        return CalculatorRequest(request.name, inputs, missing)

    @staticmethod
    def _value(quantity: Quantity, unit: str) -> Any:
        if unit == "date":
            return str(int(quantity.value))
        if unit in {"count", "year"}:
            return int(quantity.value)
        return quantity.value

    @staticmethod
    def _affinity(quantity: Quantity, name: str, info: Any) -> float:
        """How strongly the words around a number point at this input: nearer words weigh more.

        Required inputs get a small head start, so a lone number fills what the calculator
        cannot do without rather than an optional refinement.
        """
        named = set(re.findall(r"[a-z]{3,}", name.replace("_", " ").lower()))
        described = set(re.findall(r"[a-z]{4,}", f"{info.title or ''} {info.description or ''}".lower()))
        described -= STOPWORDS | named
        score = sum(_closeness(quantity, word) for word in named)
        score += 0.3 * sum(_closeness(quantity, word) for word in described)
        score += 3 * max((_closeness(quantity, cue) for cue in _CUES.get(name, ())), default=0.0)
        return score + (0.5 if info.is_required() else 0.0)

    def _run(self, question: str, request: CalculatorRequest, conversation: Conversation, today: date) -> Answer:
        from vested.calculate.base import CalcContext, CalculatorInputError
        from vested.calculate.present import result_answer

        spec = self.spec(request.name)
        assert spec is not None
        if request.missing:
            conversation.pending = request
            return clarify_answer(
                question, spec, request.inputs, request.missing, self.kb, entry=self._rule_entry(question, spec.name)
            )
        try:
            model = spec.inputs.model_validate(request.inputs)
            result = spec.run(model, CalcContext(self.kb.figures, today))
        except (ValidationError, CalculatorInputError) as error:
            conversation.pending = None
            return input_error_answer(question, spec, error, self.kb, entry=self._rule_entry(question, spec.name))
        conversation.pending = None
        conversation.last_request = CalculatorRequest(request.name, dict(request.inputs))
        return result_answer(question, result, self.kb)


def _cued(quantity: Quantity, name: str) -> bool:
    """Is one of the input's own cue words close to the number?"""
    return any(_closeness(quantity, cue) >= OPTIONAL_EVIDENCE for cue in _CUES.get(name, ()))


def _closeness(quantity: Quantity, cue: str) -> float:
    """1 for a cue touching the number, falling towards 0 at CUE_REACH characters away."""
    pattern = re.compile(rf"\b{re.escape(cue)}", re.IGNORECASE)
    before = quantity.before[-CUE_REACH:]
    after = quantity.after[:CUE_REACH]
    unit = _OWN_UNIT.match(after)  # the number's own unit: "3-year" says nothing of a "year" input
    distances = [len(before) - found.end() for found in pattern.finditer(before)]
    distances += [found.start() for found in pattern.finditer(after, unit.end() if unit else 0)]
    if not distances:
        return 0.0
    return 1 / (1 + min(distances) / 8)


def _general_entry(kb: KnowledgeBase, name: str) -> Entry | None:
    return next((entry for entry in kb.entries if entry.calculator == name), None)


def _describe(spec: CalculatorSpec, field_name: str) -> str:
    info = spec.inputs.model_fields[field_name]
    return (info.description or field_name.replace("_", " ")).rstrip(".")


def clarify_answer(
    question: str,
    spec: CalculatorSpec,
    inputs: dict[str, Any],
    missing: list[str],
    kb: KnowledgeBase,
    problem: str | None = None,
    entry: Entry | None = None,
) -> Answer:
    """Ask for what is missing (or wrong), and give the general rule meanwhile (entry's, when given)."""
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
        suggestions=list(spec.examples[:2]),
    )


def input_error_answer(
    question: str, spec: CalculatorSpec, error: Exception, kb: KnowledgeBase, entry: Entry | None = None
) -> Answer:
    """Inputs that cannot be used: say which and why, in words, never a traceback."""
    if isinstance(error, ValidationError):
        problems = []
        for item in error.errors():
            name = str(item["loc"][0]) if item["loc"] else ""
            label = _describe(spec, name) if name in spec.inputs.model_fields else "input"
            problems.append(f"{label} {item['msg'].removeprefix('Value error, ')}")
        message = "; ".join(problems)
    else:
        message = str(error)
    return clarify_answer(question, spec, {}, [], kb, problem=message, entry=entry)
