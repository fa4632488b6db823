"""The question input: Enter sends, Shift+Enter or Ctrl+J starts a new line, a paste stays whole.

A TextArea rather than an Input because people paste their situation as a story of
several paragraphs, and Input keeps only a paste's first line. It grows with its text up
to a few lines. Up and Down recall earlier questions from the first and last lines.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from vested.tui.history import InputHistory

PLACEHOLDER = "Ask about your 401(k)…  Enter sends · Shift+Enter new line · ↑ history"
CLARIFY_PLACEHOLDER = "Type the detail asked for above, e.g. 80k or age 55…"
NEWLINE_KEYS = ("shift+enter", "ctrl+j", "alt+enter")


class ChatInput(TextArea):
    """A few-line editor whose Enter submits; walks an InputHistory (`questions`; TextArea keeps
    its undo history in `history`) with the arrow keys."""

    ALLOW_MAXIMIZE = False  # maximised, the input hides the conversation it is for
    BINDINGS: ClassVar = [
        Binding(",".join(NEWLINE_KEYS), "newline", "New line", show=False, tooltip="Start a new line"),
        Binding(
            "up",
            "history_previous",
            "Earlier question",
            show=False,
            tooltip="Recall an earlier question (from the first line; kept across runs)",
        ),
        Binding(
            "down",
            "history_next",
            "Later question",
            show=False,
            tooltip="Recall a later question (from the last line)",
        ),
        Binding(
            "tab",
            "screen.focus_answers",
            "Suggestions",
            show=False,
            id="focus-answers",
            tooltip="Go to the answers to pick a suggestion by its number",
        ),
        # The editor's own meanings of these keys give way to the chat's.
        Binding("ctrl+y", "screen.copy_answer", show=False),
        Binding("pageup", "screen.scroll_transcript(-1)", show=False),
        Binding("pagedown", "screen.scroll_transcript(1)", show=False),
    ]

    class Submitted(Message):
        """Enter was pressed: `value` is the whole text, newlines kept."""

        def __init__(self, chat_input: ChatInput, value: str):
            super().__init__()
            self.chat_input = chat_input
            self.value = value

        @property
        def control(self) -> ChatInput:
            return self.chat_input

    def __init__(self, history: InputHistory, *, blink: bool = True, id: str | None = None):
        super().__init__(
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            compact=False,
            highlight_cursor_line=False,
            placeholder=PLACEHOLDER,
        )
        self.questions = history
        self.cursor_blink = blink

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)

    def action_newline(self) -> None:
        self.insert("\n")

    def _recall(self, text: str | None) -> None:
        if text is None:
            self.app.bell()
            return
        self.value = text

    def action_history_previous(self) -> None:
        if self.cursor_location[0] > 0:
            self.action_cursor_up()
            return
        self._recall(self.questions.previous(self.text))

    def action_history_next(self) -> None:
        if self.cursor_location[0] < self.document.line_count - 1:
            self.action_cursor_down()
            return
        self._recall(self.questions.next())
