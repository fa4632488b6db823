"""A calculator's form, opened from a calculation in the chat to correct what was read.

One labelled field per input of the calculator's model, filled with the values the
calculation used; those read from the question say so, with the words they came from, and
the numbers the question held but the calculation did not use are listed above the fields.
Enter (or Ctrl+S, or the Calculate button) reads the form with the calculators' own reader
and model: a value that cannot be used is one line of words under its field, and the
calculation runs in a worker as `vested calc` runs it. The screen dismisses with the
FormCalculation for the chat to show and log, or None when Esc cancels.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from vested.calculate import registry
from vested.calculate.form import FieldProblem, check_value, form_fields, read_form, recorded_values, typed_text
from vested.tui.widgets.calculator_field import CalculatorField

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from vested.core.answer import ReadingRecord
    from vested.session import FormCalculation

Calculate = Callable[[str, dict[str, Any]], "FormCalculation"]


class CalculatorFormScreen(ModalScreen["tuple[FormCalculation, float] | None"]):
    """Dismisses with (the calculation, the milliseconds it took), or None when cancelled."""

    CSS_PATH = "calculator_form.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 - Screen's own is no ClassVar
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", id="form-cancel", tooltip="Back to the chat; nothing is calculated"),
        Binding("ctrl+s", "calculate", "Calculate", id="form-calculate", tooltip="Run the calculation (Enter too)"),
    ]

    class Calculated(Message):
        """The worker ran the calculation."""

        def __init__(self, calculation: FormCalculation, duration_ms: float):
            super().__init__()
            self.calculation = calculation
            self.duration_ms = duration_ms

    class Refused(Message):
        """The calculator could not use the inputs together; field names the one at fault."""

        def __init__(self, problem: str, field: str | None):
            super().__init__()
            self.problem = problem
            self.field = field

    def __init__(
        self,
        name: str,
        calculate: Calculate,
        values: Mapping[str, Any] | None = None,
        reading: ReadingRecord | None = None,
    ):
        """
        Args:
            name: the calculator, as vested.calculate.registry() names it.
            calculate: runs it on the form's raw inputs (ChatSession.calculate), in a worker.
            values: the values the calculation used (Answer.calculation.inputs); none: empty.
            reading: what was read from the question (Answer.reading), to mark those fields.
        Raises:
            KeyError: no calculator has that name.
        """
        super().__init__()
        self.spec = registry()[name]
        self.calculate = calculate
        self.values = recorded_values(self.spec, values or {})
        self.reading = reading
        self.fields = form_fields(self.spec)

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        read = self.reading.inputs if self.reading is not None else {}
        with Vertical(id="form-dialog") as dialog:
            dialog.border_title = self.spec.title
            dialog.border_subtitle = "Esc cancels"
            yield Static(self._about(), id="form-about")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    value = self.values.get(field.name)
                    shown: str | bool = bool(value) if field.kind == "flag" else typed_text(field, value)
                    words = read[field.name].source if field.name in read else None
                    yield CalculatorField(field, shown, words)
            yield Static("", id="form-problem")
            with Horizontal(id="form-buttons"):
                yield Static("Enter calculates · Tab next field", id="form-keys")
                yield Button("Cancel", id="form-cancel-button")
                yield Button("Calculate", variant="primary", id="form-calculate-button")
        yield Footer()

    def _about(self) -> Content:
        parts = [Content(self.spec.description)]
        reading = self.reading
        if reading is not None and reading.inputs:
            parts.append(Content.from_markup("[$text-success]✓[/] marks what I read from your question; change any."))
        if reading is not None and reading.unused:
            unused = ", ".join(f"“{text}”" for text in reading.unused)
            parts.append(Content.from_markup("[dim]Not used from your question: $unused[/]", unused=unused))
        return Content("\n").join(parts)

    def on_mount(self) -> None:
        """Focus the first required field still empty (what a clarify asked for), else the first."""
        rows = list(self.query(CalculatorField))
        empty = [row for row in rows if row.field.required and row.value in (None, "")]
        if rows:
            self.call_after_refresh((empty or rows)[0].control.focus)

    # --------------------------------------------------------------- actions

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#form-calculate-button")
    def action_calculate(self) -> None:
        """Read every field; the first problem is shown under its field, else the worker runs."""
        rows = list(self.query(CalculatorField))
        self._form_problem(None)
        first_wrong: CalculatorField | None = None
        for row in rows:
            problem = check_value(row.field, row.value)
            row.show_problem(problem)
            if problem is not None and first_wrong is None:
                first_wrong = row
        if first_wrong is not None:
            self._point_at(first_wrong)
            return
        try:
            raw = read_form(self.spec, {row.field.name: row.value for row in rows})
        except FieldProblem as problem:
            self._refused(str(problem), problem.field)
            return
        self.query_one("#form-calculate-button", Button).disabled = True
        self._run(raw)

    @on(Button.Pressed, "#form-cancel-button")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @work(thread=True, exclusive=True, group="calculate")
    def _run(self, raw: dict[str, Any]) -> None:
        started = time.perf_counter()
        try:
            calculation = self.calculate(self.spec.name, raw)
        except FieldProblem as problem:
            self.post_message(self.Refused(str(problem), problem.field))
            return
        except Exception as error:  # a bug in one calculation must not end the chat
            self.post_message(self.Refused(f"Something went wrong: {type(error).__name__}: {error}", None))
            return
        self.post_message(self.Calculated(calculation, (time.perf_counter() - started) * 1000))

    def on_calculator_form_screen_calculated(self, message: CalculatorFormScreen.Calculated) -> None:
        self.dismiss((message.calculation, message.duration_ms))

    def on_calculator_form_screen_refused(self, message: CalculatorFormScreen.Refused) -> None:
        self.query_one("#form-calculate-button", Button).disabled = False
        self._refused(message.problem, message.field)

    # ---------------------------------------------------------------- problems

    def _refused(self, problem: str, field: str | None) -> None:
        row = next((row for row in self.query(CalculatorField) if row.field.name == field), None)
        if row is None:
            self._form_problem(problem)
            return
        row.show_problem(problem)
        self._point_at(row)

    def _point_at(self, row: CalculatorField) -> None:
        row.control.focus(scroll_visible=False)
        self.query_one("#form-fields", VerticalScroll).scroll_to_widget(row, animate=False)

    def _form_problem(self, problem: str | None) -> None:
        box = self.query_one("#form-problem", Static)
        box.update(f"✗ {problem}" if problem else "")
        box.set_class(problem is not None, "-shown")
