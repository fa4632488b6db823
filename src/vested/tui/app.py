"""VestedApp: the Textual application behind `vested` with no command.

The app holds what outlives a screen: the settings it was started with, the session once
loaded, the input history, the preferences and the start-up timings. What the user does
in the chat is the chat screen's business: its bindings, its palette commands and its
messages all end there, so the app forwards nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding

from vested.tui.commands import VestedCommands
from vested.tui.history import InputHistory, history_path
from vested.tui.preferences import Preferences, default_config_path
from vested.tui.screens.chat import ChatScreen
from vested.tui.timing import StartupTimer

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.theme import Theme

    from vested.core.assistant import Assistant
    from vested.session import ChatSession
    from vested.tui.catalog import Catalog


@dataclass(frozen=True)
class ChatSettings:
    """How this chat was started: what the session is built from and where files go."""

    today: date | None
    log_args: argparse.Namespace | None
    sources_dir: Path | None
    export_dir: Path | None
    assistant: Assistant | None
    blink: bool

    @property
    def logging(self) -> bool:
        """Whether answers (and so the questions' history) may be written down."""
        if self.log_args is None:
            return False
        from vested.log.writer import logging_enabled

        return logging_enabled(self.log_args)

    @property
    def save_dir(self) -> Path:
        """Where exports, saved answers and screenshots go: --export dir or the working directory."""
        return self.export_dir or Path.cwd()


class VestedApp(App[None]):
    """The chat. Every argument has a default so `VestedApp()` is the real thing."""

    TITLE = "Vested"
    SUB_TITLE = "401(k) answers with sources"
    COMMANDS: ClassVar = App.COMMANDS | {VestedCommands}
    # A mode rather than get_default_screen(): Textual loads a screen's CSS_PATH only for
    # screens it creates from MODES or pushes.
    MODES: ClassVar = {"chat": ChatScreen}
    DEFAULT_MODE: ClassVar = "chat"
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    def __init__(
        self,
        *,
        today: date | None = None,
        log_args: argparse.Namespace | None = None,
        sources_dir: Path | None = None,
        history_path: Path | None = None,
        export_dir: Path | None = None,
        config_path: Path | None = None,
        assistant: Assistant | None = None,
        blink: bool = True,
        timer: StartupTimer | None = None,
    ):
        """
        Args:
            today: pins the date the assistant and the export use (tests).
            log_args: the parsed CLI arguments for the answer log (--db, --no-log);
                None logs nothing and keeps no history file.
            sources_dir: folder of the source texts, to show whole cited paragraphs.
            history_path: the input-history file; default beside the answer log. Never
                used while logging is off.
            export_dir: where exports, saved answers and screenshots go; default the cwd.
            config_path: the preferences file; default config.toml in the user config dir.
            assistant: an already built Assistant (tests share one).
            blink: False keeps the cursor still, so screenshots are reproducible.
            timer: start-up timer begun by the caller, to include its imports.
        """
        super().__init__()
        self.settings = ChatSettings(today, log_args, sources_dir, export_dir, assistant, blink)
        self.timer = timer or StartupTimer()
        self.history = InputHistory(self._history_file(history_path))
        self.preferences = Preferences.load(config_path or default_config_path())
        self.session: ChatSession | None = None
        self.catalog: Catalog | None = None
        self._warned: set[str] = set()

    def on_mount(self) -> None:
        """Apply the saved theme before the first frame, then keep any change to it."""
        if self.preferences.theme in self.available_themes:
            self.theme = self.preferences.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _history_file(self, given: Path | None) -> Path | None:
        if not self.settings.logging:
            return None
        return given or history_path(self.settings.log_args)

    @property
    def blink(self) -> bool:
        return self.settings.blink

    def warn_once(self, key: str, text: str, title: str) -> None:
        """A warning the user needs to see once a run (a file that cannot be written)."""
        if key not in self._warned:
            self._warned.add(key)
            self.notify(text, title=title, severity="warning", timeout=8)

    def remember(self, question: str) -> None:
        """Add a question to the input history; say once if it cannot be saved."""
        try:
            self.history.add(question)
        except OSError as error:
            self.warn_once("history", f"Earlier questions won't be kept: {error.strerror or error}", "Input history")

    def save_preferences(self) -> None:
        try:
            self.preferences.save()
        except OSError as error:
            self.warn_once(
                "preferences",
                f"Preferences won't be kept: {self.preferences.path}: {error.strerror or error}",
                "Preferences",
            )

    def _theme_changed(self, theme: Theme) -> None:
        if self.preferences.theme != theme.name:
            self.preferences.theme = theme.name
            self.save_preferences()

    def unique_path(self, stem: str, suffix: str) -> Path:
        """A new file name in the save directory: vested-conversation-2026-12-06-1303.md, then -2, -3…"""
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
        folder = self.settings.save_dir
        candidate = folder / f"{stem}-{stamp}{suffix}"
        number = 1
        while candidate.exists():
            number += 1
            candidate = folder / f"{stem}-{stamp}-{number}{suffix}"
        return candidate

    # ------------------------------------------------------------- palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, with a screenshot that goes to a folder that exists and says where."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
        yield SystemCommand(
            "Screenshot",
            f"Save an SVG picture of the screen in {self.settings.save_dir}",
            lambda: self.set_timer(0.1, self.save_screen_picture),
        )

    def save_screen_picture(self) -> Path | None:
        """The screen as SVG in the save directory (never a folder that may not exist)."""
        path = self.unique_path("vested-screen", ".svg")
        try:
            from vested.session import write_private

            write_private(path, self.export_screenshot())
        except OSError as error:
            self.notify(f"Could not save the screenshot to {path}: {error.strerror or error}", severity="error")
            return None
        self.notify(str(path), title="Screenshot saved", timeout=10)
        return path

    def close_session(self) -> list[str]:
        """Close the answer log (after the app has exited); its notices, once."""
        session, self.session = self.session, None
        return session.close() if session is not None else []
