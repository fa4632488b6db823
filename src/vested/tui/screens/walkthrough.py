"""A walkthrough in the chat: one question at a time, the result, what-ifs side by side.

The screen only shows what the engine's WalkSession says: the list of answers (beside
the form when there is room, folded behind F4 on narrow terminals) is every question
asked for the current answers (select one to change it), the form asks the current
question, and after the last one the result appears with its sources, the projection's
chart, and a what-if box that reads changes in plain words ("what if I leave at 56")
and builds the scenarios up in one comparison table. Tables are FittedMarkdown, so no
figure is ever cut short. It dismisses with the Answers it produced, in order, so the
chat can add them to the conversation; each is also handed to `record` as it is made,
for the answer log. Leaving with answers typed but no result yet asks first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from vested.core.render import answer_markdown
from vested.tui.widgets.tables import FittedMarkdown
from vested.walkthroughs import get
from vested.walkthroughs.answers import EXAMPLES, AnswerError
from vested.walkthroughs.engine import (
    Scenario,
    WalkContext,
    WalkSession,
    compare,
    parse_changes,
    scenario_answer,
)

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from vested.core.answer import Answer
    from vested.knowledge.loader import KnowledgeBase
    from vested.walkthroughs.models import Step
    from vested.walkthroughs.results import Series

Recorder = Callable[["Answer", float], None]
BACK_WORDS = frozenset({"back", "<"})


class WalkthroughScreen(Screen[list["Answer"]]):
    """Runs one walkthrough; dismisses with the Answers it made (empty if none)."""

    CSS_PATH = "walkthrough.tcss"
    AUTO_FOCUS = "#walk-input"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 - Screen's own is no ClassVar
    BINDINGS: ClassVar = [
        Binding("escape", "close", "Close", id="walk-close", tooltip="Back to the chat (results go with you)"),
        Binding("ctrl+b", "back", "Back", id="walk-back-key", tooltip="The previous question"),
        Binding("f4", "focus_steps", "Answers", id="walk-steps-key", tooltip="Pick any answer to change"),
        Binding("pageup", "scroll_result(-1)", show=False),
        Binding("pagedown", "scroll_result(1)", show=False),
    ]

    def __init__(
        self,
        name: str,
        kb: KnowledgeBase,
        today: date | None = None,
        record: Recorder | None = None,
    ):
        """
        Args:
            name: the walkthrough, as listed by vested.walkthroughs.registry().
            kb: the loaded knowledge base (titles of sources, citations, figures).
            today: pins the date (deadlines, "this year"); default the system clock.
            record: called with each Answer and the milliseconds it took, to log it.
        Raises:
            ValueError: no walkthrough has that name.
        """
        super().__init__()
        walkthrough = get(name)
        if walkthrough is None:
            raise ValueError(f"no walkthrough called {name!r}")
        self.walk = WalkSession(walkthrough, WalkContext(kb, today or date.today()))
        self.record = record
        self.answers: list[Answer] = []

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        walkthrough = self.walk.walkthrough
        yield Header()
        with Horizontal(id="walk-body"):
            steps = OptionList(id="walk-steps")
            steps.border_title = "Your answers"
            yield steps
            with ContentSwitcher(initial="walk-question", id="walk-main"):
                with Vertical(id="walk-question") as question:
                    question.border_title = walkthrough.title
                    yield Static(walkthrough.description, id="walk-description")
                    yield Static(id="walk-progress")
                    yield Static(id="walk-prompt")
                    yield Input(id="walk-input")
                    yield Static(id="walk-error")
                    yield Static(id="walk-help")
                    with Horizontal(classes="walk-buttons"):
                        yield Button("Back", id="walk-back")
                        yield Button("Next", variant="primary", id="walk-next")
                with Vertical(id="walk-result") as result:
                    result.border_title = walkthrough.title
                    with VerticalScroll(id="walk-result-scroll"):
                        yield FittedMarkdown(id="walk-comparison")
                        yield PlotextPlot(id="walk-chart")
                        yield FittedMarkdown(id="walk-result-text")
                    yield Static(_what_if_hint(walkthrough.definition.what_if), id="walk-whatif-hint")
                    yield Static(id="walk-whatif-error")
                    with Horizontal(id="walk-whatif-row"):
                        yield Input(placeholder="What if…?", id="walk-whatif")
                        yield Button("Change answers", id="walk-edit")
                        yield Button("Done", variant="primary", id="walk-done")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.walk.walkthrough.title
        blink = getattr(self.app, "blink", True)
        for box in self.query(Input):
            box.cursor_blink = blink
        self.show_question()

    # ---------------------------------------------------------------- questions

    def show_question(self, problem: str | None = None) -> None:
        """Ask the current question, or show the result once all are answered."""
        step = self.walk.current
        if step is None:
            self.show_result()
            return
        number, total = self.walk.position
        self.query_one("#walk-progress", Static).update(f"Question {number} of {total}")
        self.query_one("#walk-prompt", Static).update(step.prompt)
        box = self.query_one("#walk-input", Input)
        box.value = ""
        suggestion = self.walk.suggestion(step)
        box.placeholder = f"{suggestion}  (Enter keeps it)" if suggestion else _example(step)
        hint = f"Or type {_example(step)}." if suggestion and step.type not in ("choice", "text") else ""
        self.query_one("#walk-help", Static).update("\n".join(part for part in (step.help, hint) if part))
        self._problem("#walk-error", problem)
        self.query_one("#walk-back", Button).disabled = number == 1
        self.query_one(ContentSwitcher).current = "walk-question"
        self.refresh_steps()
        box.focus()

    def refresh_steps(self) -> None:
        """The list of questions asked so far, with their answers; the current one marked."""
        steps = self.query_one("#walk-steps", OptionList)
        current = self.walk.current
        answered = dict((step.field, shown) for step, shown in self.walk.review())
        steps.clear_options()
        for step in self.walk.visible:
            if step is current:
                label = f"▸ {step.label}"
            elif step.field in answered:
                label = f"✓ {step.label}: {answered[step.field]}"
            else:
                label = f"  {step.label}"
            steps.add_option(Option(label, id=step.field))
        if current is not None:
            steps.highlighted = steps.get_option_index(current.field)

    @on(Input.Submitted, "#walk-input")
    @on(Button.Pressed, "#walk-next")
    def submit_answer(self) -> None:
        typed = self.query_one("#walk-input", Input).value
        if typed.strip().lower() in BACK_WORDS:
            self.action_back()
            return
        try:
            self.walk.answer(typed)
        except AnswerError as error:
            self._problem("#walk-error", str(error))
            return
        self.show_question()

    @on(Button.Pressed, "#walk-back")
    def action_back(self) -> None:
        if self.walk.back():
            self.show_question()

    @on(OptionList.OptionSelected, "#walk-steps")
    def change_answer(self, event: OptionList.OptionSelected) -> None:
        """Go to any question in the list to change its answer."""
        if event.option.id is not None:
            self.remove_class("-steps-open")
            self.walk.edit(event.option.id)
            self.show_question()

    @on(Button.Pressed, "#walk-edit")
    def action_focus_steps(self) -> None:
        """Go to the list of answers; on a narrow terminal it unfolds above the form."""
        self.add_class("-steps-open")
        steps = self.query_one("#walk-steps", OptionList)
        steps.focus()
        if steps.highlighted is None and steps.option_count:
            steps.highlighted = 0

    def _fold_steps(self) -> None:
        """Fold the answers list away again (narrow terminals) and go back to typing."""
        self.remove_class("-steps-open")
        target = "#walk-whatif" if self.query_one(ContentSwitcher).current == "walk-result" else "#walk-input"
        self.query_one(target, Input).focus()

    # ------------------------------------------------------------------ results

    def show_result(self) -> None:
        """Compute the result for the answers (it replaces the first scenario) and show it."""
        started = time.perf_counter()
        try:
            scenario = self.walk.result()
        except AnswerError as error:
            self._refused(error)
            return
        answer = self._keep(scenario, started)
        self.query_one("#walk-result-text", FittedMarkdown).update(answer_markdown(answer))
        self._chart(scenario.result.series)
        self._comparison()
        self.query_one(ContentSwitcher).current = "walk-result"
        self.refresh_steps()
        self.query_one("#walk-whatif", Input).focus()
        self.query_one("#walk-result-scroll", VerticalScroll).scroll_home(animate=False)

    def _refused(self, error: AnswerError) -> None:
        """Answers that clash: ask the question at fault again, saying why."""
        if error.field is not None:
            self.walk.edit(error.field)
        elif self.walk.visible:
            self.walk.edit(self.walk.visible[0].field)
        self.show_question(str(error))

    @on(Input.Submitted, "#walk-whatif")
    def what_if(self) -> None:
        box = self.query_one("#walk-whatif", Input)
        started = time.perf_counter()
        try:
            changes = parse_changes(self.walk.walkthrough, box.value)
            scenario = self.walk.what_if(changes)
        except AnswerError as error:
            self._problem("#walk-whatif-error", str(error))
            return
        self._keep(scenario, started)
        box.value = ""
        self._problem("#walk-whatif-error", None)
        self._comparison()
        self.query_one("#walk-result-scroll", VerticalScroll).scroll_home(animate=False)

    def _keep(self, scenario: Scenario, started: float) -> Answer:
        """The scenario's Answer (a what-if's opens with its comparison), recorded."""
        walkthrough = self.walk.walkthrough
        pair = compare(walkthrough, [self.walk.scenarios[0], scenario]) if scenario.changes else None
        answer = scenario_answer(walkthrough, scenario, self.walk.context, pair)
        self.answers.append(answer)
        if self.record is not None:
            self.record(answer, (time.perf_counter() - started) * 1000)
        return answer

    def _comparison(self) -> None:
        table = self.query_one("#walk-comparison", FittedMarkdown)
        if len(self.walk.scenarios) < 2:
            table.display = False
            return
        table.display = True
        table.border_title = "Scenarios side by side"
        table.update(self.walk.comparison().markdown())

    def _chart(self, series: Series | None) -> None:
        """The balance by age; plotted in thousands of dollars (floats only for drawing)."""
        chart = self.query_one("#walk-chart", PlotextPlot)
        chart.display = series is not None
        if series is None:
            return
        plot = chart.plt
        plot.clear_figure()
        ages = [age for age, _ in series.points]
        plot.plot(ages, [float(balance) / 1000 for _, balance in series.points])
        step = max(1, -(-(ages[-1] - ages[0]) // 5))  # whole ages: nobody is 42.5
        plot.xticks(list(range(ages[0], ages[-1] + 1, step)))
        plot.title(f"{series.title} ($ thousands)")
        plot.xlabel(series.x_label)
        chart.refresh()

    # -------------------------------------------------------------------- misc

    def _problem(self, selector: str, text: str | None) -> None:
        line = self.query_one(selector, Static)
        line.update(f"✗ {text}" if text else "")
        line.set_class(bool(text), "-shown")

    def action_scroll_result(self, pages: int) -> None:
        scroll = self.query_one("#walk-result-scroll", VerticalScroll)
        if pages < 0:
            scroll.scroll_page_up()
        else:
            scroll.scroll_page_down()

    @on(Button.Pressed, "#walk-done")
    def action_close(self) -> None:
        """Back to the chat with the results; answers typed but not yet worked out are asked about."""
        if self.has_class("-steps-open") and self.has_class("-narrow"):
            self._fold_steps()
            return
        if self.answers or not self.walk.answers:
            self.dismiss(list(self.answers))
            return
        from vested.tui.screens.confirm import ConfirmScreen

        count = len(self.walk.answers)

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss([])

        self.app.push_screen(
            ConfirmScreen(
                "Leave this walkthrough?",
                f"You have answered {count} question{'s' if count != 1 else ''} and there is no result yet; "
                "leaving now throws those answers away.",
                yes="Leave",
                no="Keep answering",
            ),
            leave,
        )


def _what_if_hint(examples: list[str]) -> str:
    """The line above the what-if box: what to type, in this walkthrough's own words."""
    shown = " or ".join(f"“{example}”" for example in examples[:2]) or "“age 56”"
    return f"What if…? Type a change in your own words, like {shown}; Enter compares it."


def _example(step: Step) -> str:
    if step.type == "choice":
        return " / ".join(choice.label for choice in step.choices)
    if step.type == "text":
        return step.help.splitlines()[0] if step.help else ""
    return EXAMPLES[step.type]
