"""One input of a calculator's form: its label and help, the control, and what was read for it.

The control suits the input: a text box checked by the calculators' own reader (amounts as
"80k" or "$1.2m", percentages as "6%") for numbers and text, a switch for yes-or-no, a list
for a fixed set of choices. A value taken from the question says so beside the box, with
the words it came from, until it is changed. A problem is one line under the box, in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Select, Static, Switch

from vested.calculate.form import FormField, check_value, typed_text

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widget import Widget


class FieldCheck(Validator):
    """Textual's validator over the form's reader: a failure is the reader's one line of words."""

    def __init__(self, field: FormField):
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        problem = check_value(self.field, value)
        return self.failure(problem, value) if problem else self.success()


def _placeholder(field: FormField) -> str:
    if field.required:
        return f"needed: {field.example}" if field.example else "needed"
    if field.default not in (None, False) and field.kind != "flag":
        return f"empty for {typed_text(field, field.default)}"
    return f"optional: {field.example}" if field.example else "optional"


class CalculatorField(Vertical):
    """One labelled field of the calculator form."""

    def __init__(self, field: FormField, value: str | bool, read_from: str | None = None):
        """
        Args:
            field: the input, as vested.calculate.form describes it.
            value: the value the calculation used, as typed (a bool for a switch).
            read_from: the words of the question the value was read from, if it was.
        """
        super().__init__(classes="calc-field")
        self.field = field
        self.initial = value
        self.read_from = read_from
        self.set_class(read_from is not None, "-read")

    @property
    def control_id(self) -> str:
        return f"field-{self.field.name}"

    def compose(self) -> ComposeResult:
        field = self.field
        with Horizontal(classes="field-row"):
            with Vertical(classes="field-about"):
                yield Static(Content.from_markup("[b]$label[/b]", label=field.label), classes="field-label")
                if field.required:
                    yield Static("required", classes="field-need")
            with Vertical(classes="field-entry"):
                if self.field.kind == "flag":
                    with Horizontal(classes="switch-row"):
                        yield self._control()
                        yield Static("yes" if self.initial else "no", classes="switch-state")
                else:
                    yield self._control()
                if self.read_from is not None:
                    yield Static(self._read_note(changed=False), classes="field-read")
                yield Static("", classes="field-problem")
        yield Static(field.help, classes="field-help")

    def _control(self) -> Widget:
        field = self.field
        if field.kind == "flag":
            return Switch(value=bool(self.initial), id=self.control_id)
        if field.kind == "choice":
            options = [(choice.replace("_", " "), choice) for choice in field.choices]
            chosen = self.initial or (field.default if field.default is not None else None)
            if chosen in field.choices:
                return Select(options, value=chosen, allow_blank=not field.required, id=self.control_id)
            return Select(options, prompt="Choose…", allow_blank=True, id=self.control_id)
        return Input(
            value=str(self.initial),
            placeholder=_placeholder(field),
            validators=[FieldCheck(field)],
            validate_on=["blur", "submitted"],
            id=self.control_id,
        )

    def _read_note(self, changed: bool) -> Content:
        # A yes-or-no setting read in words has no number's words to quote.
        where = "“$words”" if self.read_from else "your question"
        if changed:
            return Content.from_markup(f"[dim]changed; I had read it from {where}[/]", words=self.read_from or "")
        return Content.from_markup(f"✓ read from {where}", words=self.read_from or "")

    def on_mount(self) -> None:
        blink = getattr(self.app, "blink", True)
        for box in self.query(Input):
            box.cursor_blink = blink

    @property
    def control(self) -> Widget:
        return self.query_one(f"#{self.control_id}")

    @property
    def value(self) -> str | bool | None:
        """What the field holds now: the text typed, the switch, or the choice (None: none)."""
        control = self.control
        if isinstance(control, Switch):
            return control.value
        if isinstance(control, Select):
            return None if control.is_blank() else str(control.value)
        assert isinstance(control, Input)
        return control.value

    def show_problem(self, problem: str | None) -> None:
        """One line under the control in words; None clears it."""
        self.query_one(".field-problem", Static).update(f"✗ {problem}" if problem else "")
        self.set_class(problem is not None, "-problem")
        control = self.control
        if isinstance(control, Input):
            control.set_class(problem is not None, "-invalid")

    @property
    def problem(self) -> bool:
        return self.has_class("-problem")

    def _changed(self) -> None:
        changed = self.value != self.initial
        self.set_class(changed, "-changed")
        if self.read_from is not None:
            self.query_one(".field-read", Static).update(self._read_note(changed))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._changed()
        if self.problem:  # once a problem is shown, it goes as soon as the value reads
            self.show_problem(check_value(self.field, event.value))

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.show_problem(result.failure_descriptions[0])

    @on(Switch.Changed)
    def _switched(self, event: Switch.Changed) -> None:
        self.query_one(".switch-state", Static).update("yes" if event.value else "no")
        self._changed()

    @on(Select.Changed)
    def _chosen(self) -> None:
        self._changed()
        self.show_problem(None)
