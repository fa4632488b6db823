"""The FAQ browser: every entry under its topic, filtered as you type.

A tree of topics (each entry's first tag) and questions; the highlighted question's
answer previews beside it (below it on narrow terminals); Enter opens it in the chat.
The filter is a plain word search over what the browser lists, not the assistant's
matcher: it narrows a list the user is looking at rather than answering a question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, Static, Tree

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widgets.tree import TreeNode

    from vested.knowledge.loader import KnowledgeBase
    from vested.knowledge.models import Entry
    from vested.tui.catalog import Catalog


def entry_words(entry: Entry) -> str:
    """The text a search looks in: the question, its phrasings, tags and id."""
    return " ".join([entry.question, *entry.alternates, *entry.tags, entry.id]).lower()


def filter_entries(kb: KnowledgeBase, query: str) -> dict[str, list[Entry]]:
    """Entries of each topic containing every word of query (all of them for no query)."""
    words = query.lower().split()
    found: dict[str, list[Entry]] = {}
    for tag, entries in kb.topics.items():
        kept = [entry for entry in entries if all(word in entry_words(entry) for word in words)]
        if kept:
            found[tag] = kept
    return found


def preview_markdown(entry: Entry, kb: KnowledgeBase) -> str:
    sources = []
    for number, citation in enumerate(entry.citations, 1):
        source = kb.sources.get(citation.source)
        title = source.title if source else citation.source
        where = citation.section.lstrip("# ") if citation.section else ""
        paragraph = f" ¶{citation.paragraph}" if citation.paragraph else ""
        sources.append(f"{number}. *{title}* ({citation.source}) {where}{paragraph}")
    as_of = f"*As of {entry.as_of}.* " if entry.as_of else ""
    return f"## {entry.question}\n\n{entry.answer.strip()}\n\n{as_of}**Sources**\n\n" + "\n".join(sources)


# Columns a question's label loses to the tree's guides and the scrollbar.
LEAF_INDENT = 8


class FaqBrowserScreen(Screen[str | None]):
    """Dismisses with the chosen entry's id, or None when the user goes back."""

    CSS_PATH = "faq_browser.tcss"
    AUTO_FOCUS = "#faq-search"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 - Screen's own is no ClassVar
    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back to chat", id="faq-back"),
        Binding("enter", "open", "Open in chat", id="faq-open"),
        Binding("slash", "search", "Search", show=False, id="faq-search"),
    ]

    def __init__(self, kb: KnowledgeBase, catalog: Catalog, topic: str | None = None):
        super().__init__()
        self.kb = kb
        self.labels = {item.tag: item.label for item in catalog.topics}
        self.topic = topic
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Static(
            f"Browse the FAQ · {len(self.kb.entries)} questions in {len(self.kb.topics)} topics",
            id="faq-title",
        )
        yield Input(placeholder="Type to filter the questions…", id="faq-search")
        with Horizontal(id="faq-body"):
            tree: Tree[str] = Tree("Topics", id="faq-tree")
            tree.show_root = False
            tree.guide_depth = 3
            yield tree
            with VerticalScroll(id="faq-preview"):
                yield Markdown("", id="faq-answer")
        yield Footer()

    def on_mount(self) -> None:
        search = self.query_one("#faq-search", Input)
        search.cursor_blink = getattr(self.app, "blink", True)
        self.fill("")
        if self.topic is not None:
            self.query_one(Tree).focus()

    def fill(self, query: str) -> None:
        """Rebuild the tree for query, expanding topics whenever a filter is on."""
        tree = self.query_one("#faq-tree", Tree)
        tree.clear()
        found = filter_entries(self.kb, query)
        first_leaf = None
        for tag, entries in found.items():
            label = f"{self.labels.get(tag, tag)} ({len(entries)})"
            node = tree.root.add(label, data=None, expand=bool(query) or tag == self.topic)
            for entry in entries:
                leaf = node.add_leaf(self._fit(entry.question), data=entry.id)
                if first_leaf is None and (query or tag == self.topic):
                    first_leaf = leaf
        shown = sum(len(entries) for entries in found.values())
        self.query_one("#faq-search", Input).border_subtitle = f"{shown} of {len(self.kb.entries)}" if query else ""
        self._generation += 1
        if first_leaf is not None:
            # Node lines exist once the tree has laid itself out again; by then a newer
            # keystroke may have rebuilt the tree, and this leaf is gone.
            self.call_after_refresh(self._highlight, first_leaf, self._generation)
        elif not found:
            self._preview(None)

    def _fit(self, question: str) -> str:
        """A question shortened with an ellipsis to the tree's width (the preview has it whole)."""
        width = self.query_one("#faq-tree", Tree).scrollable_content_region.width
        room = max(24, (width or self.size.width) - LEAF_INDENT)
        return question if len(question) <= room else question[: room - 1].rstrip() + "…"

    def on_resize(self) -> None:
        self.call_after_refresh(self.fill, self.query_one("#faq-search", Input).value)

    def _highlight(self, leaf: TreeNode[str], generation: int) -> None:
        if generation == self._generation:
            self.query_one("#faq-tree", Tree).move_cursor(leaf)
            # The cursor may stay on the same line (a new node): no highlight event then.
            self._preview(leaf.data)

    @on(Input.Changed, "#faq-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#faq-search")
    def _search_submitted(self) -> None:
        self.action_open()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node is event.control.cursor_node:  # not a leftover from an earlier filter
            self._preview(event.node.data)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data is not None:
            self.dismiss(event.node.data)

    @work(exclusive=True, group="preview")
    async def _preview(self, entry_id: str | None) -> None:
        """Show an entry's answer; a newer highlight cancels an update still running."""
        entry = self.kb.by_id.get(entry_id) if entry_id else None
        text = (
            preview_markdown(entry, self.kb)
            if entry is not None
            else "*Choose a question to read its answer here; Enter opens it in the chat.*"
        )
        await self.query_one("#faq-answer", Markdown).update(text)
        self.query_one("#faq-preview").scroll_home(animate=False)

    def action_open(self) -> None:
        """Open the highlighted question (or the first one the filter shows)."""
        tree = self.query_one("#faq-tree", Tree)
        node = tree.cursor_node
        if node is None or node.data is None:
            node = next((leaf for topic in tree.root.children for leaf in topic.children), None)
        if node is not None and node.data is not None:
            self.dismiss(node.data)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_search(self) -> None:
        self.query_one("#faq-search", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Down from the search box goes to the questions."""
        if event.key == "down" and self.focused is self.query_one("#faq-search"):
            event.stop()
            self.query_one("#faq-tree", Tree).focus()
