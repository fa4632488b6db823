"""The question input: Enter sends, Up and Down recall earlier questions."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.widgets import Input

from vested.tui.history import InputHistory

PLACEHOLDER = "Ask about your 401(k)…   ↑ earlier questions · F1 help"
CLARIFY_PLACEHOLDER = "Type the detail asked for above, e.g. 80k or age 55…"


class ChatInput(Input):
    """An Input that walks an InputHistory with the arrow keys."""

    BINDINGS: ClassVar = [
        Binding(
            "up",
            "history_previous",
            "Earlier question",
            show=False,
            tooltip="Recall an earlier question (kept across runs)",
        ),
        Binding("down", "history_next", "Later question", show=False, tooltip="Recall a later question"),
        Binding(
            "tab",
            "screen.focus_answers",
            "Suggestions",
            show=False,
            id="focus-answers",
            tooltip="Go to the answers to pick a suggestion by its number",
        ),
    ]

    def __init__(self, history: InputHistory, *, blink: bool = True, id: str | None = None):
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
        self.history = history
        self.cursor_blink = blink

    def _recall(self, text: str | None) -> None:
        if text is None:
            self.app.bell()
            return
        self.value = text
        self.cursor_position = len(text)

    def action_history_previous(self) -> None:
        self._recall(self.history.previous(self.value))

    def action_history_next(self) -> None:
        self._recall(self.history.next())
