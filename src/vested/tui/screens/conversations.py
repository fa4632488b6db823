"""Past chats: the conversations kept in the answer log, newest first; Enter reopens one.

Like Elia's list of chats, but read from the same SQLite log `vested log` shows, so
nothing is stored twice. The list loads in a worker (a locked log can take a moment);
the screen dismisses with the chosen conversation's session id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from vested.session import ChatSession, PastConversation

NOT_LOGGED = (
    "Conversations are kept in the answer log, and this chat logs nothing (--no-log or $VESTED_NO_LOG), "
    "so there are none to reopen."
)


LABEL_LENGTH = 90
"""A first question longer than this is shortened in the list (a pasted story would fill it)."""


def conversation_label(conversation: PastConversation) -> Content:
    count = conversation.answers
    question = " ".join(conversation.first_question.split()) or "(empty question)"
    if len(question) > LABEL_LENGTH:
        question = question[: LABEL_LENGTH - 1].rstrip() + "…"
    return Content.from_markup(
        "[b]$question[/b]\n[dim]$when · $count[/dim]",
        question=question,
        when=conversation.started_at,
        count=f"{count} answer{'s' if count != 1 else ''}",
    )


class ConversationsScreen(ModalScreen[int | None]):
    """Lists earlier chats; dismisses with the chosen one's session id, or None."""

    CSS_PATH = "conversations.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "close", "Back to chat", id="chats-close"),
    ]

    def __init__(self, session: ChatSession, logging: bool):
        super().__init__()
        self.session = session
        self.logging = logging
        self.conversations: list[PastConversation] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="chats-dialog") as dialog:
            dialog.border_title = "Past chats"
            dialog.border_subtitle = "Enter reopens · Esc closes"
            yield Static("Reading the answer log…", id="chats-status")
            yield OptionList(id="chats-list")

    def on_mount(self) -> None:
        self.query_one("#chats-list").display = False
        if not self.logging:
            self.query_one("#chats-status", Static).update(NOT_LOGGED)
            return
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        try:
            found = self.session.past_conversations()
        except Exception as error:  # a damaged or locked log is said, not raised
            self.app.call_from_thread(self._show, [], f"The answer log could not be read: {error}")
            return
        self.app.call_from_thread(self._show, found, None)

    def _show(self, found: list[PastConversation], problem: str | None) -> None:
        self.conversations = found
        status = self.query_one("#chats-status", Static)
        if problem or not found:
            status.update(problem or "No earlier chats yet: each conversation is listed here once it has an answer.")
            return
        status.update(f"{len(found)} earlier chat{'s' if len(found) != 1 else ''}, newest first")
        options = self.query_one("#chats-list", OptionList)
        options.add_options([Option(conversation_label(item), id=str(item.session_id)) for item in found])
        options.display = True
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#chats-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_close(self) -> None:
        self.dismiss(None)
