"""Find in the chat: a one-line search over the questions and answers (Ctrl+F).

The bar only says what is being looked for; the chat screen finds the matching turns,
marks them and scrolls to the current one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from textual.app import ComposeResult


class FindBar(Horizontal):
    """Type to find (the newest match first); Enter or ↑ goes to an older match, ↓ to a newer one."""

    BINDINGS: ClassVar = [
        Binding("escape", "close", "Close find", id="find-close"),
        Binding("up", "step(-1)", "Older match", tooltip="The match before this one"),
        Binding("down", "step(1)", "Newer match", tooltip="The match after this one"),
    ]

    class Search(Message):
        """Find `query`; `step` moves the current match (0 keeps it while typing)."""

        def __init__(self, query: str, step: int):
            super().__init__()
            self.query = query
            self.step = step

    class Closed(Message):
        """The user is done finding."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Find in the chat…", id="find-input")
        yield Static("", id="find-count")

    @property
    def query_text(self) -> str:
        return self.query_one("#find-input", Input).value

    def open(self, blink: bool) -> None:
        self.display = True
        box = self.query_one("#find-input", Input)
        box.cursor_blink = blink
        box.focus()

    def show_count(self, text: str) -> None:
        self.query_one("#find-count", Static).update(text)

    @on(Input.Changed, "#find-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Search(event.value, 0))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Search(event.value, -1))

    def action_step(self, step: int) -> None:
        self.post_message(self.Search(self.query_text, step))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
