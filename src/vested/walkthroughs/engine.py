"""Running a walkthrough: steps in order, back and edit, results, what-ifs and the Answer.

One engine serves every front end. `WalkSession` is the step-by-step state (the current
question, the answers so far, going back, changing any answer later, the scenarios);
`Walkthrough.resolve` checks a whole answers file at once; `scenario_answer` turns a
result into the Answer the log records and the front ends show. No front end computes:
the terminal and the chat form only ask `WalkSession` what to show next.

The engine never imports textual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vested.calculate.base import CalcContext, CalculationResult, CalculatorInputError, jsonable
from vested.core.answer import Answer, CalculationRecord, SourceRef
from vested.knowledge.loader import KnowledgeBase
from vested.knowledge.models import Citation
from vested.walkthroughs.answers import AnswerError, parse_answer, show_answer, typed_form
from vested.walkthroughs.models import Step, WalkthroughDefinition
from vested.walkthroughs.results import (
    Metric,
    MetricUnit,
    WalkResult,
    markdown_table,
    show_difference,
    show_value,
)

STEP_UNITS: dict[str, MetricUnit] = {
    "money": "money",
    "percent": "percent",
    "age": "age",
    "years": "years",
    "year": "count",
    "date": "date",
}


class AnswerProblems(ValueError):
    """Several answers that can't be used (an answers file is checked all at once)."""

    def __init__(self, problems: list[AnswerError]):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class WalkContext:
    """What a walkthrough's arithmetic may use: the knowledge base and today's date."""

    kb: KnowledgeBase
    today: date

    def calculate(
        self, tool: str, inputs: Mapping[str, Any], fields: Mapping[str, str] | None = None
    ) -> CalculationResult:
        """Run a registered calculator, so the numbers are exactly `vested calc`'s.

        `fields` maps the calculator's input names to the walkthrough's steps, so an
        input the calculator refuses points the user back at the question to change.
        """
        from vested.calculate import registry

        spec = registry()[tool]
        try:
            return spec.compute(inputs, CalcContext(self.kb.figures, self.today))
        except CalculatorInputError as error:
            step = (fields or {}).get(error.field or "")
            raise AnswerError(step, _sentence(str(error))) from None

    def entry_citations(self, entry_id: str) -> list[Citation]:
        """A knowledge entry's citations, for a rule the walkthrough applies itself."""
        entry = self.kb.entry(entry_id)
        return list(entry.citations) if entry else []

    def source_ref(self, citation: Citation) -> SourceRef:
        return self.kb.cite(citation)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


Compute = Callable[[dict[str, Any], WalkContext], WalkResult]


class Walkthrough:
    """A definition (the steps, as data) joined to the arithmetic that reads its answers."""

    def __init__(self, definition: WalkthroughDefinition, compute: Compute):
        self.definition = definition
        self.compute = compute

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def description(self) -> str:
        return self.definition.description

    @property
    def steps(self) -> list[Step]:
        return self.definition.steps

    def step(self, field_name: str) -> Step:
        for step in self.steps:
            if step.field == field_name:
                return step
        raise KeyError(field_name)

    def find_step(self, text: str) -> Step | None:
        """A step by its field name or its label, as a user names it in a what-if."""
        wanted = text.strip().lower()
        for step in self.steps:
            if wanted in (step.field, step.label.lower()):
                return step
        return None

    def visible(self, answers: Mapping[str, Any]) -> list[Step]:
        """The steps asked for these answers: a condition sees only steps asked before it."""
        asked: dict[str, Any] = {}
        shown = []
        for step in self.steps:
            if all(condition.holds(asked) for condition in step.when):
                shown.append(step)
                if step.field in answers:
                    asked[step.field] = answers[step.field]
        return shown

    def inputs(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answers the arithmetic sees: only those of steps that are asked."""
        return {step.field: answers[step.field] for step in self.visible(answers) if step.field in answers}

    def default(self, step: Step, today: date) -> Any:
        """The step's default as a checked value, or None when it has none."""
        if step.default is None:
            return None
        return parse_answer(step, step.default, today)

    def resolve(self, given: Mapping[str, Any], today: date) -> dict[str, Any]:
        """A whole answers file -> checked answers, defaults filled in; every problem at once."""
        problems: list[AnswerError] = []
        names = {step.field for step in self.steps}
        for key in given:
            if key not in names:
                problems.append(
                    AnswerError(
                        key,
                        f"{key!r} is not a question of {self.name} (its questions: "
                        f"{', '.join(step.field for step in self.steps)})",
                    )
                )
        answers: dict[str, Any] = {}
        refused: set[str] = set()
        for step in self.steps:
            if any(condition.field in refused for condition in step.when):
                refused.add(step.field)  # can't tell whether it is asked: its condition's answer was refused
                continue
            if not all(condition.holds(answers) for condition in step.when):
                if step.field in given:
                    when = " and ".join(condition.describe() for condition in step.when)
                    problems.append(AnswerError(step.field, f"{step.field!r} is given but only asked when {when}"))
                continue
            try:
                if step.field in given:
                    answers[step.field] = parse_answer(step, given[step.field], today)
                elif step.default is not None:
                    answers[step.field] = self.default(step, today)
                else:
                    problems.append(AnswerError(step.field, f"{step.field!r} ({step.label}) is missing"))
            except AnswerError as problem:
                problems.append(problem)
                refused.add(step.field)
        if problems:
            raise AnswerProblems(problems)
        return answers

    def complete(self, answers: Mapping[str, Any], today: date) -> dict[str, Any]:
        """Answers after a change: steps newly asked take their defaults, or are reported."""
        filled = dict(answers)
        for step in self.visible(filled):
            if step.field in filled:
                continue
            if step.default is None:
                raise AnswerError(step.field, f"{step.label} also needs an answer with this change")
            filled[step.field] = self.default(step, today)
        return self.inputs(filled)

    def run(self, answers: Mapping[str, Any], context: WalkContext) -> WalkResult:
        return self.compute(self.inputs(answers), context)

    def describe_answers(self, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
        """(label, answer as shown) for each asked step."""
        return [
            (step.label, show_answer(step, answers[step.field]))
            for step in self.visible(answers)
            if step.field in answers
        ]


@dataclass
class Scenario:
    """One set of answers and its result; `changes` says how it differs from the first."""

    label: str
    answers: dict[str, Any]
    result: WalkResult
    changes: dict[str, Any] = field(default_factory=dict)


class WalkSession:
    """A walkthrough in progress: which question is next, going back, editing, what-ifs.

    The cursor moves through the steps that are asked for the current answers. After an
    answer it moves to the next step (showing any earlier answer as the default); after
    `edit` from the review it skips ahead over steps already answered, so changing one
    answer doesn't mean answering everything again.
    """

    def __init__(self, walkthrough: Walkthrough, context: WalkContext, answers: Mapping[str, Any] | None = None):
        """Start at the first question, or with checked answers (from a file) at the end."""
        self.walkthrough = walkthrough
        self.context = context
        self.answers: dict[str, Any] = dict(answers or {})
        self.scenarios: list[Scenario] = []
        self._index = len(self.visible) if answers else 0
        self._resume = False

    @property
    def visible(self) -> list[Step]:
        return self.walkthrough.visible(self.answers)

    @property
    def current(self) -> Step | None:
        steps = self.visible
        return steps[self._index] if self._index < len(steps) else None

    @property
    def position(self) -> tuple[int, int]:
        """(number of the current question, questions asked for these answers), for 'Step 2 of 7'."""
        return self._index + 1, len(self.visible)

    @property
    def complete(self) -> bool:
        """Every question asked for these answers has one (wherever the cursor is)."""
        return all(step.field in self.answers for step in self.visible)

    def suggestion(self, step: Step) -> str | None:
        """What Enter accepts: the earlier answer, else the step's default, as typed."""
        if step.field in self.answers:
            return typed_form(step, self.answers[step.field])
        default = self.walkthrough.default(step, self.context.today)
        return None if default is None else typed_form(step, default)

    def answer(self, raw: Any) -> Any:
        """Check and keep the answer to the current question, then move on.

        A blank answer takes the suggestion; AnswerError leaves the cursor where it is.
        """
        step = self.current
        if step is None:
            raise AnswerError(None, "every question is answered")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raw = self.suggestion(step)
        value = parse_answer(step, raw, self.context.today)
        self.answers[step.field] = value
        steps = self.visible
        position = steps.index(step) + 1
        if self._resume:
            while position < len(steps) and steps[position].field in self.answers:
                position += 1
        self._index = position
        if position >= len(steps):
            self._resume = False
        return value

    def back(self) -> bool:
        """Return to the previous question; False when already at the first."""
        if self._index == 0:
            return False
        self._index = min(self._index, len(self.visible)) - 1
        self._resume = False
        return True

    def edit(self, field_name: str) -> None:
        """Go to any asked question to change its answer, then skip on to what is missing."""
        steps = self.visible
        for index, step in enumerate(steps):
            if step.field == field_name:
                self._index = index
                self._resume = True
                return
        raise AnswerError(field_name, f"{field_name!r} is not one of the questions asked")

    def review(self) -> list[tuple[Step, str]]:
        """Each asked step with its answer as shown, for the summary before the result."""
        return [
            (step, show_answer(step, self.answers[step.field])) for step in self.visible if step.field in self.answers
        ]

    def result(self) -> Scenario:
        """The result for the current answers; it becomes (or replaces) the first scenario."""
        missing = next((step for step in self.visible if step.field not in self.answers), None)
        if missing is not None:
            raise AnswerError(missing.field, f"{missing.label} still needs an answer")
        answers = self.walkthrough.inputs(self.answers)
        scenario = Scenario("Your answers", answers, self.walkthrough.run(answers, self.context))
        if self.scenarios:
            self.scenarios[0] = scenario
        else:
            self.scenarios.append(scenario)
        return scenario

    def what_if(self, changes: Mapping[str, Any]) -> Scenario:
        """A new scenario: the first one's answers with some changed, kept beside it."""
        if not self.scenarios:
            self.result()
        base = self.scenarios[0]
        parsed = {}
        for name, raw in changes.items():
            step = self.walkthrough.find_step(name)
            if step is None:
                raise AnswerError(name, f"{name!r} is not one of the questions")
            parsed[step.field] = parse_answer(step, raw, self.context.today)
        answers = self.walkthrough.complete({**base.answers, **parsed}, self.context.today)
        label = ", ".join(
            f"{self.walkthrough.step(name).label}: {show_answer(self.walkthrough.step(name), value)}"
            for name, value in parsed.items()
        )
        scenario = Scenario(label, answers, self.walkthrough.run(answers, self.context), parsed)
        self.scenarios.append(scenario)
        return scenario

    def comparison(self) -> Comparison:
        return compare(self.walkthrough, self.scenarios)


def parse_changes(walkthrough: Walkthrough, text: str) -> dict[str, str]:
    """A what-if as typed -> {question: value}: "what if I leave at 56", "age 56; tax_rate 24%".

    The reading lives in vested.walkthroughs.what_if; every front end comes through here.
    """
    from vested.walkthroughs.what_if import read_changes

    return read_changes(walkthrough, text)


@dataclass
class Comparison:
    """Scenarios side by side: the inputs that differ, the key figures, the differences."""

    columns: list[str]
    rows: list[list[str]]

    def markdown(self) -> str:
        return markdown_table(self.columns, self.rows)

    def to_dict(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows}


def compare(walkthrough: Walkthrough, scenarios: list[Scenario]) -> Comparison:
    """One table: a column per scenario, then each one's difference from the first."""
    if not scenarios:
        raise ValueError("nothing to compare yet")
    many = len(scenarios) > 2
    columns = [""] + [
        f"{number}. {scenario.label}" if many else scenario.label for number, scenario in enumerate(scenarios, 1)
    ]
    if len(scenarios) == 2:
        columns.append("Difference")
    elif many:
        columns += [f"{number} vs 1" for number in range(2, len(scenarios) + 1)]
    rows: list[list[str]] = []
    for step in walkthrough.steps:
        values = [scenario.answers.get(step.field) for scenario in scenarios]
        if all(value == values[0] for value in values):
            continue
        unit = STEP_UNITS.get(step.type, "text")
        shown = [show_answer(step, value) if value is not None else "n/a" for value in values]
        diffs = [show_difference(values[0], value, unit) for value in values[1:]]
        rows.append([step.label, *shown, *diffs])
    metrics: dict[str, Metric] = {}
    for scenario in scenarios:
        for metric in scenario.result.metrics:
            if metric.compare:
                metrics.setdefault(metric.key, metric)
    for key, metric in metrics.items():
        values = [_metric_value(scenario.result, key) for scenario in scenarios]
        shown = [show_value(value, metric.unit) for value in values]
        diffs = [show_difference(values[0], value, metric.unit) for value in values[1:]]
        # A label that names an input ("Your 2026 limit") names each scenario's own.
        labels = dict.fromkeys(_metric_label(scenario.result, key) or metric.label for scenario in scenarios)
        rows.append([" / ".join(labels), *shown, *diffs])
    return Comparison(columns, rows)


def _metric_label(result: WalkResult, key: str) -> str | None:
    found = next((metric for metric in result.metrics if metric.key == key), None)
    return found.label if found else None


def _metric_value(result: WalkResult, key: str) -> Any:
    found = next((metric for metric in result.metrics if metric.key == key), None)
    return found.value if found else None


# --------------------------------------------------------------------- the Answer


def sources_for(result: WalkResult, context: WalkContext) -> list[SourceRef]:
    """Every citation behind the result, once each, with the source's title and date."""
    refs: list[SourceRef] = []
    seen: set[tuple] = set()
    for citation in result.all_citations():
        key = (citation.source, citation.section, citation.paragraph, citation.quote)
        if key not in seen:
            seen.add(key)
            refs.append(context.source_ref(citation))
    return refs


def result_markdown(walkthrough: Walkthrough, scenario: Scenario) -> str:
    """The result as a person reads it: headline, answers, tables, meaning, arithmetic."""
    result = scenario.result
    parts = [f"**{result.headline}**"]
    parts.append(
        markdown_table(["Your answers", ""], [list(row) for row in walkthrough.describe_answers(scenario.answers)])
    )
    for table in result.tables:
        parts.append(f"**{table.title}**\n\n{markdown_table(table.columns, table.rows)}")
    if result.consequences:
        parts.append("**What it means**\n\n" + "\n".join(f"- {line}" for line in result.consequences))
    if result.steps:
        parts.append(
            "**How it's worked out**\n\n"
            + "\n".join(f"{number}. {step}" for number, step in enumerate(result.steps, 1))
        )
    if result.caveats:
        parts.append("**Keep in mind**\n\n" + "\n".join(f"- {caveat}" for caveat in result.caveats))
    return "\n\n".join(parts)


def scenario_answer(
    walkthrough: Walkthrough,
    scenario: Scenario,
    context: WalkContext,
    comparison: Comparison | None = None,
) -> Answer:
    """A scenario as an Answer (kind "calculation", the walkthrough as the tool) for the log.

    A what-if's answer opens with the comparison table, so the log keeps the old and
    new figures together.
    """
    result = scenario.result
    text = result_markdown(walkthrough, scenario)
    if scenario.changes:
        question = f"{walkthrough.title}: what if {scenario.label}?"
        if comparison is not None:
            text = f"**What if {scenario.label}?**\n\n{comparison.markdown()}\n\n{text}"
    else:
        question = f"{walkthrough.definition.question} ({_answers_line(walkthrough, scenario.answers)})"
    outputs: dict[str, Any] = {metric.key: metric.value for metric in result.metrics}
    if result.series is not None:
        outputs["series"] = [{"age": age, "balance": balance} for age, balance in result.series.points]
    suggestions = [
        entry.question
        for entry in (context.kb.entry(entry_id) for entry_id in walkthrough.definition.entries)
        if entry is not None
    ]
    return Answer(
        question=question,
        kind="calculation",
        answer=text,
        confidence=1.0,
        as_of=result.as_of,
        sources=sources_for(result, context),
        calculation=CalculationRecord(
            tool=walkthrough.name,
            inputs=jsonable(dict(scenario.answers)),
            outputs=jsonable(outputs),
            steps=list(result.steps),
        ),
        suggestions=suggestions[:4],
    )


def _answers_line(walkthrough: Walkthrough, answers: Mapping[str, Any]) -> str:
    return ", ".join(f"{label.lower()} {value}" for label, value in walkthrough.describe_answers(answers))
