"""The welcome panel at the top of the transcript: what Vested is and what to try.

It paints before the knowledge base has loaded (the examples are fixed), then fills in
the calculators and walkthroughs from the catalog. Their titles flow like a sentence;
a click opens one, and so does the keyboard: Tab to the line, ← and → to choose, Enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from vested.session import DISCLAIMER
from vested.tui.messages import ShowCalculator, StartWalkthrough
from vested.tui.widgets.answer_card import SelectableCard, Suggestion

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from vested.tui.catalog import Catalog

# One question of each kind the assistant handles, so the first click shows its range.
EXAMPLES = (
    "Can I borrow from my 401(k)?",
    "I have $80,000 vested. How much can I borrow?",
    "What happens to my 401(k) when I leave my job?",
    "When do I have to start required minimum distributions?",
    "Should I choose Roth or Traditional 401(k) contributions?",
)


class LinkLine(Static, can_focus=True):
    """Titles separated by dots; click one, or choose it with ← → and open it with Enter."""

    BINDINGS: ClassVar = [
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
        Binding("enter,space", "open", "Open", tooltip="Open the chosen calculator or walkthrough"),
    ]

    cursor: reactive[int] = reactive(0)

    class Chosen(Message):
        """The user opened item `name` of this line."""

        def __init__(self, line: LinkLine, name: str):
            super().__init__()
            self.line = line
            self.name = name

    def __init__(self, heading: str, items: list[tuple[str, str]], *, kind: str):
        super().__init__(classes="link-line")
        self.heading = heading
        self.items = items
        self.kind = kind

    def render(self) -> Content:
        parts: list[Content] = []
        for index, (_, title) in enumerate(self.items):
            style = "reverse" if self.has_focus and index == self.cursor else "underline"
            parts.append(Content.from_markup(f"[@click=open_at({index})][{style}]$title[/][/]", title=title))
        return Content.assemble((f"{self.heading}\n", "bold"), Content(" · ").join(parts))

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.items)

    def action_open(self) -> None:
        self.action_open_at(self.cursor)

    def action_open_at(self, index: int) -> None:
        if 0 <= index < len(self.items):
            self.cursor = index
            self.post_message(self.Chosen(self, self.items[index][0]))


class Welcome(SelectableCard):
    """Greeting, disclaimer, example questions, calculators and walkthroughs."""

    def compose(self) -> ComposeResult:
        yield Static(
            Content.from_markup(
                "[b]Ask me about your US 401(k).[/b] I answer from cited sources and show the arithmetic."
            ),
            classes="welcome-title",
        )
        yield Static(DISCLAIMER, classes="welcome-disclaimer")
        with Vertical(classes="card-suggestions"):
            yield Static("Try asking", classes="suggestions-heading")
            for number, example in enumerate(EXAMPLES, 1):
                yield Suggestion(number, example)
        yield Vertical(Static("Loading the knowledge base…", classes="welcome-loading"), id="welcome-catalog")
        yield Static(
            Content.from_markup(
                "[b]F1[/b] help · [b]F2[/b] browse the FAQ · [b]F5[/b] past chats · [b]Ctrl+P[/b] commands · "
                "[b]Tab[/b] picks a suggestion by number, then the lists above (←/→, Enter)"
            ),
            classes="welcome-keys",
        )

    async def show_catalog(self, catalog: Catalog) -> None:
        """List the calculators and walkthroughs once the knowledge base is loaded."""
        lines: list[Static] = []
        if catalog.calculators:
            items = [(item.name, item.title) for item in catalog.calculators]
            lines.append(LinkLine("Calculators", items, kind="calculator"))
        if catalog.walkthroughs:
            items = [(item.name, item.title) for item in catalog.walkthroughs]
            lines.append(LinkLine("Walkthroughs", items, kind="walkthrough"))
        topics = len(catalog.topics)
        lines.append(
            Static(f"{topics} topics to browse with F2, or just ask in your own words.", classes="welcome-topics")
        )
        holder = self.query_one("#welcome-catalog", Vertical)
        await holder.remove_children()
        await holder.mount_all(lines)

    def on_link_line_chosen(self, event: LinkLine.Chosen) -> None:
        event.stop()
        message = ShowCalculator(event.name) if event.line.kind == "calculator" else StartWalkthrough(event.name)
        self.post_message(message)
