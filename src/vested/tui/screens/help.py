"""F1 help: what can be asked, with examples, the slash commands and every key binding.

The key table is built from the bindings the chat hands over, so it cannot drift from
them; this module imports neither the app nor the chat screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from vested.tui.catalog import Catalog

BindingGroups = list[tuple[str, list[Binding]]]

_KEY_NAMES = {
    "escape": "Esc",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "enter": "Enter",
    "tab": "Tab",
}

ASKING = """\
Ask in your own words, the way you'd ask a friend who knows benefits. Every answer cites
the passage of the source it rests on; press **F3** to read the citations in full.

- **Questions about the rules**: *can I borrow from my 401(k)?*, *what happens to my match
  if I quit?*, *how does a Roth 401(k) differ from a traditional one?*
- **Numbers are calculated**, with the arithmetic shown: *I have $80,000 vested, how much can
  I borrow?*, *I'm 60, what's my contribution limit in 2026?*
- **If a number is missing I ask for it**; reply with just the detail (*80k*, *age 55*).
- **Follow-ups** rerun the last calculation with one change: *what about 120k?*, *and if I'm
  55?*
- **Outside what I cover**, I say so and suggest the nearest topics instead of guessing.

Suggestions under an answer are numbered: press **Tab** to reach the answers, then the
number (or click it). **Enter** sends your question; **Shift+Enter** or **Ctrl+J** starts a
new line, and a pasted story stays whole.
"""


def key_label(keys: str) -> str:
    """'ctrl+y' -> 'Ctrl+Y', 'f1' -> 'F1', 'ctrl+up' -> 'Ctrl+↑'."""
    key = keys.split(",")[0]
    parts = key.split("+")
    named = [_KEY_NAMES.get(part, part.upper() if len(part) <= 3 else part.title()) for part in parts]
    return "+".join(part if part not in ("CTRL", "Ctrl") else "Ctrl" for part in named)


def slash_table(commands: list[tuple[str, str]]) -> str:
    """The slash commands typed in the input, as a Markdown table."""
    return "\n".join(["| Type | Does |", "|---|---|", *(f"| {name} | {does} |" for name, does in commands)])


def keys_table(groups: BindingGroups) -> str:
    """A Markdown table of every described binding, grouped by where it works."""
    rows = [
        "| Key | Does | Where |",
        "|---|---|---|",
        "| Enter | Ask the question | in the input |",
        "| Shift+Enter, Ctrl+J | Start a new line | in the input |",
        "| Ctrl+P | Command palette: topics, calculators, export, themes | anywhere |",
    ]
    seen: set[tuple[str, str]] = set()
    for where, bindings in groups:
        for binding in bindings:
            if not binding.description:
                continue
            key = binding.key_display or key_label(binding.key)
            if (key, binding.description) in seen:
                continue
            seen.add((key, binding.description))
            rows.append(f"| {key} | {binding.tooltip or binding.description} | {where} |")
    return "\n".join(rows)


def help_markdown(catalog: Catalog | None, groups: BindingGroups, slash: list[tuple[str, str]]) -> str:
    parts = ["# Vested help", "## What you can ask", ASKING]
    if catalog is not None:
        topics = " · ".join(topic.label for topic in catalog.topics)
        parts.append(f"**Topics** (browse them with **F2**): {topics}")
        if catalog.calculators:
            parts.append("## Calculators")
            parts.append("\n".join(f"- **{item.title}**: {item.description}" for item in catalog.calculators))
        if catalog.walkthroughs:
            parts.append("## Walkthroughs")
            parts.append("\n".join(f"- **{item.title}**: {item.description}" for item in catalog.walkthroughs))
    parts.append("## Commands")
    parts.append(slash_table(slash))
    parts.append("## Keys")
    parts.append(keys_table(groups))
    return "\n\n".join(parts) + "\n"


class HelpScreen(ModalScreen[None]):
    """A scrollable help page over the chat; Esc, F1 or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar = [
        Binding("escape,f1,q", "dismiss", "Close", id="close-help"),
    ]

    def __init__(self, text: str):
        """text: the page, from help_markdown."""
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "Esc closes"
            yield Markdown(self.text)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
