"""The welcome panel at the top of the transcript: what Vested is and what to try.

It paints before the knowledge base has loaded (the examples are fixed), then fills in
the calculators and walkthroughs from the catalog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from vested.tui.session import DISCLAIMER
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


def _links(action: str, items: list[tuple[str, str]]) -> Content:
    """Clickable titles separated by dots, wrapping like a sentence."""
    parts: list[Content] = []
    for name, title in items:
        if not name.replace("-", "_").isidentifier():
            continue  # names come from the registries; anything else cannot be an action argument
        parts.append(Content.from_markup(f"[@click=screen.{action}('{name}')][u]$title[/u][/]", title=title))
    return Content(" · ").join(parts)


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
        yield Static("Loading the knowledge base…", id="welcome-catalog", classes="welcome-catalog")
        yield Static(
            Content.from_markup(
                "[b]F1[/b] help · [b]F2[/b] browse the FAQ · [b]Ctrl+P[/b] commands · "
                "[b]Tab[/b] picks a suggestion by number"
            ),
            classes="welcome-keys",
        )

    def show_catalog(self, catalog: Catalog) -> None:
        """List the calculators and walkthroughs once the knowledge base is loaded."""
        sections: list[Content] = []
        if catalog.calculators:
            sections.append(
                Content.assemble(
                    ("Calculators\n", "bold"),
                    _links(
                        "show_calculator",
                        [(item.name, item.title) for item in catalog.calculators],
                    ),
                )
            )
        if catalog.walkthroughs:
            sections.append(
                Content.assemble(
                    ("Walkthroughs\n", "bold"),
                    _links(
                        "start_walkthrough",
                        [(item.name, item.title) for item in catalog.walkthroughs],
                    ),
                )
            )
        topics = len(catalog.topics)
        sections.append(Content(f"{topics} topics to browse with F2, or just ask in your own words."))
        self.query_one("#welcome-catalog", Static).update(Content("\n\n").join(sections))
