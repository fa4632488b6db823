"""VestedApp: the Textual application behind `vested` with no command.

The app holds what outlives a screen (the session, the input history, the start-up
timings) and the actions the footer, the palette and the screens share. The knowledge
base is loaded by the chat screen after its first frame, so the window appears at once.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding

from vested.tui.commands import VestedCommands
from vested.tui.history import InputHistory, default_history_path
from vested.tui.messages import LogProblem, OpenEntry
from vested.tui.screens.chat import ChatScreen
from vested.tui.timing import StartupTimer

if TYPE_CHECKING:
    from vested.core.assistant import Assistant
    from vested.tui.session import ChatSession


class VestedApp(App[None]):
    """The chat. Every argument has a default so `VestedApp()` is the real thing."""

    TITLE = "Vested"
    SUB_TITLE = "401(k) answers with sources"
    COMMANDS: ClassVar = App.COMMANDS | {VestedCommands}
    # A mode rather than get_default_screen(): Textual loads a screen's CSS_PATH only for
    # screens it creates from MODES or pushes.
    MODES: ClassVar = {"chat": ChatScreen}
    DEFAULT_MODE: ClassVar = "chat"
    # The chat screen repeats these with footer labels, in the order it shows them.
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
        Binding("f1", "help", "Help", show=False, id="app-help"),
    ]

    def __init__(
        self,
        *,
        today: date | None = None,
        log_args: argparse.Namespace | None = None,
        sources_dir: Path | None = None,
        history_path: Path | None = None,
        export_dir: Path | None = None,
        assistant: Assistant | None = None,
        blink: bool = True,
        timer: StartupTimer | None = None,
    ):
        """
        Args:
            today: pins the date the assistant and the export use (tests).
            log_args: the parsed CLI arguments for the answer log (--db, --no-log);
                None logs nothing.
            sources_dir: folder of the source texts, to show whole cited paragraphs.
            history_path: the input-history file; default beside the answer log.
            export_dir: where the export dialog proposes to write; default the cwd.
            assistant: an already built Assistant (tests share one).
            blink: False keeps the cursor still, so screenshots are reproducible.
            timer: start-up timer begun by the caller, to include its imports.
        """
        super().__init__()
        self.today = today
        self.log_args = log_args
        self.sources_dir = sources_dir
        self.export_dir = export_dir
        self.blink = blink
        self.timer = timer or StartupTimer()
        self.history = InputHistory(history_path or default_history_path())
        self.session: ChatSession | None = None
        self._assistant = assistant
        self._history_warned = False

    @property
    def chat(self) -> ChatScreen:
        """The chat screen, at the bottom of the stack under any dialog."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ChatScreen)
        return screen

    def open_session(self) -> ChatSession:
        """Load everything the chat needs; called by the chat screen in a worker."""
        from vested.tui.session import open_session

        return open_session(
            assistant=self._assistant,
            today=self.today,
            log_args=self.log_args,
            sources_dir=self.sources_dir,
            on_log_problem=self._log_problem,
        )

    def _log_problem(self, text: str) -> None:
        """Called on the log's thread: hand the problem to the chat screen's queue."""
        self.chat.post_message(LogProblem(text))

    def remember(self, question: str) -> None:
        """Add a question to the input history; say once if it cannot be saved."""
        try:
            self.history.add(question)
        except OSError as error:
            if not self._history_warned:
                self._history_warned = True
                self.notify(
                    f"Earlier questions won't be kept: {error.strerror or error}",
                    title="Input history",
                    severity="warning",
                )

    def default_export_path(self) -> Path:
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
        return (self.export_dir or Path.cwd()) / f"vested-conversation-{stamp}.md"

    # ------------------------------------------------ actions (footer, palette)

    def action_help(self) -> None:
        from vested.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_faq(self, topic: str | None = None) -> None:
        if self.session is None:
            self.notify("The knowledge base is still loading…")
            return
        from vested.tui.screens.faq_browser import FaqBrowserScreen

        def opened(entry_id: str | None) -> None:
            if entry_id is not None:
                self.chat.post_message(OpenEntry(entry_id))

        self.push_screen(FaqBrowserScreen(self.session.kb, self.session.catalog, topic), opened)

    def action_export(self) -> None:
        self.chat.action_export()

    def action_toggle_sources(self) -> None:
        self.chat.action_toggle_sources()

    def action_copy_answer(self) -> None:
        self.chat.action_copy_answer()

    def action_calculator(self, name: str) -> None:
        self.chat.show_calculator(name)

    def action_walkthrough(self, name: str) -> None:
        self.chat.action_start_walkthrough(name)

    def action_show_log_path(self) -> None:
        self.notify(self.log_description(), title="Answer log", timeout=10)

    def log_description(self) -> str:
        if self.log_args is None or self.session is None or self.session.log is None:
            return "Answers are not being logged in this chat."
        return self.session.log.describe()

    def close_session(self) -> list[str]:
        """Close the answer log (after the app has exited); its notices, once."""
        session, self.session = self.session, None
        return session.close() if session is not None else []
