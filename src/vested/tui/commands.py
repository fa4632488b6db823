"""The command palette's Vested commands: actions, topics, calculators, walkthroughs.

They act on the chat screen, so they are offered only when the palette is opened from it
(Textual's own commands, such as the theme, stay everywhere). Each runs one of the
screen's actions or posts it a message, exactly as a key or a click on it would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from vested.tui.messages import ShowCalculator, StartWalkthrough

if TYPE_CHECKING:
    from vested.tui.screens.chat import ChatScreen


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    run: Callable[[], object]


def palette_commands(screen: ChatScreen) -> list[PaletteCommand]:
    """Everything the palette offers on the chat, in the order it lists them before any typing."""
    commands = [
        PaletteCommand("New chat", "Start a new conversation (Ctrl+N, /new)", screen.action_new_chat),
        PaletteCommand("Past chats", "Reopen an earlier conversation from the answer log (F5)", screen.action_chats),
        PaletteCommand("Find in the chat", "Search the questions and answers (Ctrl+F)", screen.action_find),
        PaletteCommand("Jump to the latest answer", "Scroll to the end (Ctrl+End)", screen.action_jump_latest),
        PaletteCommand(
            "Export conversation",
            "Save the questions, answers and sources as Markdown (Ctrl+S, /export)",
            screen.action_export,
        ),
        PaletteCommand(
            "Copy answer",
            "Copy the selected answer with its sources (Ctrl+Y, /copy)",
            screen.action_copy_answer,
        ),
        PaletteCommand(
            "Save answer to a file",
            "The selected answer as Markdown, when copying does not reach your clipboard (/save)",
            screen.action_save_answer,
        ),
        PaletteCommand(
            "Show the log path",
            "Where the answers of this chat are logged (/log)",
            screen.action_show_log_path,
        ),
        PaletteCommand(
            "Correct a calculation",
            "The selected (or latest) calculation's form, with the values it read (e on the card, /edit)",
            screen.action_edit_calculation,
        ),
        PaletteCommand("Toggle sources", "Show or hide the sources panel (F3)", screen.action_toggle_sources),
        PaletteCommand("Browse the FAQ", "Every question by topic, searchable (F2)", screen.action_faq),
        PaletteCommand("Help", "What you can ask, with examples, and the keys (F1, /help)", screen.action_help),
    ]
    catalog = screen.app.catalog
    if catalog is None:
        return commands
    commands += [
        PaletteCommand(
            f"Walkthrough: {item.title}",
            item.description,
            partial(screen.post_message, StartWalkthrough(item.name)),
        )
        for item in catalog.walkthroughs
    ]
    commands += [
        PaletteCommand(
            f"Calculator: {item.title}",
            item.description,
            partial(screen.post_message, ShowCalculator(item.name)),
        )
        for item in catalog.calculators
    ]
    commands += [
        PaletteCommand(
            f"Topic: {topic.label}",
            f"{topic.count} question{'s' if topic.count != 1 else ''} in the FAQ browser",
            partial(screen.action_faq, topic.tag),
        )
        for topic in catalog.topics
    ]
    return commands


class VestedCommands(Provider):
    """Searches the chat's commands with the palette's fuzzy matcher."""

    def _commands(self) -> list[PaletteCommand]:
        from vested.tui.screens.chat import ChatScreen

        return palette_commands(self.screen) if isinstance(self.screen, ChatScreen) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
