"""The command palette's Vested commands: actions, topics, calculators, walkthroughs.

Textual's own commands (theme switching, keys, quit, screenshot) stay beside these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from vested.tui.app import VestedApp


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    run: Callable[[], object]


def palette_commands(app: VestedApp) -> list[PaletteCommand]:
    """Everything the palette offers, in the order it lists them before any typing."""
    commands = [
        PaletteCommand(
            "Export conversation",
            "Save the questions, answers and sources as Markdown",
            app.action_export,
        ),
        PaletteCommand(
            "Show the log path",
            "Where the answers of this chat are logged",
            app.action_show_log_path,
        ),
        PaletteCommand("Toggle sources", "Show or hide the sources panel (F3)", app.action_toggle_sources),
        PaletteCommand(
            "Copy answer",
            "Copy the selected answer with its sources (Ctrl+Y)",
            app.action_copy_answer,
        ),
        PaletteCommand("Browse the FAQ", "Every question by topic, searchable (F2)", app.action_faq),
        PaletteCommand("Help", "What you can ask, with examples, and the keys (F1)", app.action_help),
    ]
    session = app.session
    if session is None:
        return commands
    catalog = session.catalog
    commands += [
        PaletteCommand(
            f"Walkthrough: {item.title}",
            item.description,
            partial(app.action_walkthrough, item.name),
        )
        for item in catalog.walkthroughs
    ]
    commands += [
        PaletteCommand(f"Calculator: {item.title}", item.description, partial(app.action_calculator, item.name))
        for item in catalog.calculators
    ]
    commands += [
        PaletteCommand(
            f"Topic: {topic.label}",
            f"{topic.count} question{'s' if topic.count != 1 else ''} in the FAQ browser",
            partial(app.action_faq, topic.tag),
        )
        for topic in catalog.topics
    ]
    return commands


class VestedCommands(Provider):
    """Searches the Vested commands with the palette's fuzzy matcher."""

    def _commands(self) -> list[PaletteCommand]:
        from vested.tui.app import VestedApp

        return palette_commands(self.app) if isinstance(self.app, VestedApp) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
