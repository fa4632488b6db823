"""The transcript's turns: a question, and the answer card that replies to it.

An answer card shows, at a glance, which of the four kinds it is (a coloured badge and
edge), the answer as Markdown with citation markers that open the sources panel, a one-
line-per-citation strip, and the suggestions, numbered so a key or a click asks them.
An out-of-scope reply puts its suggestions right under its first sentence, above the
paragraph on what Vested covers, so the useful part is what a small terminal shows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Markdown, Static

from vested.tui.messages import AskQuestion, EditCalculation
from vested.tui.widgets.tables import FittedMarkdown

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from vested.core.answer import Answer, SourceRef
    from vested.tui.catalog import CalculatorItem

KIND_BADGE = {
    "faq": "ANSWER",
    "calculation": "CALCULATION",
    "clarify": "ONE MORE DETAIL",
    "fallback": "OUTSIDE WHAT I COVER",
}
SUGGESTION_HEADING = {"fallback": "Did you mean", "clarify": "Meanwhile"}
MAX_SUGGESTIONS = 9

# Suggestions may carry a short label before the question ("Did you mean: ...",
# "Calculate it: ..."): shown to the user, but only the question is asked.
_LABELLED = re.compile(r"^(?P<label>[A-Z][\w ]{2,24}?):\s+(?P<question>\S.*)$")
_MARKER = re.compile(r"(?<![\\\[])\[(\d{1,2})\](?!\()")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>|```)")


def split_suggestion(suggestion: str) -> tuple[str | None, str]:
    """'Did you mean: How do loans work?' -> ('Did you mean', 'How do loans work?')."""
    match = _LABELLED.match(suggestion)
    if match:
        return match["label"], match["question"]
    return None, suggestion


def unique_suggestions(suggestions: list[str]) -> list[str]:
    """Suggestions asking the same question twice (once labelled) are shown once."""
    seen: set[str] = set()
    kept: list[str] = []
    for suggestion in suggestions:
        question = split_suggestion(suggestion)[1].casefold()
        if question not in seen:
            seen.add(question)
            kept.append(suggestion)
    return kept


def with_citation_markers(text: str, count: int) -> str:
    """Citation markers [1] [2] in the answer, as links that open the sources panel.

    Markers the assistant already wrote become links; an answer without any gets them
    after its final paragraph (or as a paragraph of their own after a list or table).
    """
    if count == 0:
        return text

    def link(match: re.Match[str]) -> str:
        number = int(match[1])
        return f"[\\[{number}\\]](source:{number})" if 1 <= number <= count else match[0]

    if _MARKER.search(text):
        return _MARKER.sub(link, text)
    markers = " ".join(f"[\\[{number}\\]](source:{number})" for number in range(1, count + 1))
    text = text.rstrip()
    last_block = text.rsplit("\n\n", 1)[-1]
    last_line = last_block.rsplit("\n", 1)[-1]
    if _BLOCK_START.match(last_line):
        return f"{text}\n\n{markers}"
    return f"{text} {markers}"


def split_lead(text: str) -> tuple[str, str]:
    """An out-of-scope reply's first paragraph, and the rest without its pointer to "below".

    The suggestions go between the two, so a sentence saying they are listed below would
    point the wrong way.
    """
    lead, _, rest = text.partition("\n\n")
    kept = [paragraph for paragraph in rest.split("\n\n") if paragraph.strip() and "below" not in paragraph]
    return lead, "\n\n".join(kept)


def citation_summary(number: int, source: SourceRef) -> Content:
    """'[1] guide-2025 · Accessing Your 401k Funds ¶1': one line of the card's strip."""
    where = " · ".join(
        part
        for part in (
            source.section.lstrip("# ") if source.section else "",
            f"¶{source.paragraph}" if source.paragraph else "",
        )
        if part
    )
    return Content.from_markup(
        "[b $text-accent]\\[$number][/] $source[dim]$as_of[/] [dim]$where[/]",
        number=str(number),
        source=source.source,
        as_of=f" ({source.as_of})" if source.as_of else "",
        where=f"· {where}" if where else "",
    )


class QuestionLine(Static):
    """What the user asked, as the transcript shows it (a pasted story keeps its lines)."""

    def __init__(self, question: str):
        super().__init__(Content.from_markup("[b]❯[/b] $question", question=question.strip()))
        self.question = question


SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class PendingLine(Static):
    """Shown between a question and its answer while the assistant works.

    It ticks with the seconds waited, so an answer slowed by a busy machine still shows
    that something is happening.
    """

    TICK = 0.25

    def __init__(self, text: str = "Looking that up…") -> None:
        super().__init__(text)
        self.text = text
        self._ticks = 0

    def on_mount(self) -> None:
        self.set_interval(self.TICK, self._tick)

    def _tick(self) -> None:
        self._ticks += 1
        waited = self._ticks * self.TICK
        self.update(f"{SPINNER[self._ticks % len(SPINNER)]} {self.text} {waited:.0f} s" if waited >= 1 else self.text)


class NoticeCard(Static):
    """Something went wrong (the knowledge base, an unexpected error): said plainly."""

    def __init__(self, title: str, detail: str):
        super().__init__(Content.from_markup("[b]$title[/b]\n$detail", title=title, detail=detail))


class Suggestion(Horizontal):
    """A numbered question under an answer: a click (or its number key) asks it.

    The number sits in a column of its own so a long question wraps under its text.
    """

    def __init__(self, number: int, suggestion: str):
        super().__init__()
        self.number = number
        self.label, self.question = split_suggestion(suggestion)

    def compose(self) -> ComposeResult:
        yield Static(
            Content.from_markup("[b $text-accent]$number[/] [dim]›[/]", number=str(self.number)),
            classes="suggestion-number",
        )
        yield Static(
            Content.from_markup(
                "[dim]$label[/]$question",
                label=f"{self.label}: " if self.label else "",
                question=self.question,
            ),
            classes="suggestion-text",
        )

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(AskQuestion(self.question))


class CitationLine(Static):
    """One citation in a card's strip; a click shows it in full in the sources panel."""

    class Clicked(Message):
        def __init__(self, number: int):
            super().__init__()
            self.number = number

    def __init__(self, number: int, source: SourceRef):
        super().__init__(citation_summary(number, source))
        self.number = number

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.number))


class SelectableCard(Vertical, can_focus=True):
    """A focusable block in the transcript whose suggestions number keys can ask.

    Focusing a card selects it; the selection stays visible (and drives the sources
    panel) after focus goes back to the input.
    """

    BINDINGS: ClassVar = [
        Binding(
            "1",
            "choose(1)",
            "Ask",
            key_display="1-9",
            id="choose-suggestion",
            tooltip="Ask the suggestion with that number",
        ),
        *(Binding(str(number), f"choose({number})", show=False) for number in range(2, 10)),
        Binding("up", "screen.select_answer(-1)", "Previous", show=False, tooltip="Previous answer"),
        Binding("down", "screen.select_answer(1)", "Next", show=False, tooltip="Next answer"),
    ]

    selected: reactive[bool] = reactive(False)

    class Selected(Message):
        """The user focused or clicked a card."""

        def __init__(self, card: SelectableCard):
            super().__init__()
            self.card = card

    def watch_selected(self, selected: bool) -> None:
        self.set_class(selected, "-selected")

    def action_choose(self, number: int) -> None:
        suggestions = list(self.query(Suggestion))
        if 1 <= number <= len(suggestions):
            self.post_message(AskQuestion(suggestions[number - 1].question))
        else:
            self.app.bell()

    def on_focus(self) -> None:
        self.post_message(self.Selected(self))

    def on_click(self, event: events.Click) -> None:
        if not self.has_focus:
            self.focus(scroll_visible=False)


class AnswerCard(SelectableCard):
    """One answer: badge, Markdown body, citations and suggestions."""

    BINDINGS: ClassVar = [
        Binding("c", "screen.copy_answer", "Copy", show=False, tooltip="Copy this answer"),
        Binding("s", "screen.reveal_source(1)", "Sources", show=False, tooltip="Show its sources"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="edit-calculation",
            tooltip="Open the calculator's form with the values it read, to correct them",
        ),
    ]

    class SourceRequested(Message):
        """Show citation `number` of this card's answer in the sources panel."""

        def __init__(self, card: AnswerCard, number: int):
            super().__init__()
            self.card = card
            self.number = number

    def __init__(
        self,
        answer: Answer,
        tool_title: str | None = None,
        suggestions: list[str] | None = None,
        editable: bool = False,
    ):
        """
        Args:
            answer: what the assistant (or a walkthrough) answered.
            tool_title: the title of the calculator or walkthrough behind a calculation.
            suggestions: the questions to offer, when not the answer's own (the chat
                offers only questions a person can ask, never shell commands).
            editable: a calculator's answer (a calculation, or a clarify asking for one
                of its inputs) whose form `e` opens.
        """
        super().__init__(classes=f"answer -{answer.kind}")
        self.answer = answer
        self.tool_title = tool_title
        self.suggestions = answer.suggestions if suggestions is None else suggestions
        self.editable = editable

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e` is offered (and shown in the footer) only on a calculator's answer."""
        if action == "edit":
            return self.editable
        return True

    def action_edit(self) -> None:
        calculation = self.answer.calculation
        if calculation is not None:
            self.post_message(EditCalculation(calculation.tool, calculation.inputs, self.answer.reading))

    def _header(self) -> Content:
        answer = self.answer
        facts: list[str] = []
        if answer.kind == "calculation" and (self.tool_title or answer.calculation):
            facts.append(self.tool_title or (answer.calculation.tool if answer.calculation else ""))
        if answer.as_of:
            facts.append(f"as of {answer.as_of}")
        if answer.sources:
            count = len(answer.sources)
            facts.append(f"{count} source{'s' if count > 1 else ''}")
        return Content.from_markup(
            "[b reverse] $badge [/]  [dim]$facts[/]",
            badge=KIND_BADGE[answer.kind],
            facts=" · ".join(facts),
        )

    def compose(self) -> ComposeResult:
        answer = self.answer
        yield Static(self._header(), classes="card-header")
        body = with_citation_markers(answer.answer.strip(), len(answer.sources))
        suggestions = unique_suggestions(self.suggestions)[:MAX_SUGGESTIONS]
        lead, rest = split_lead(body) if answer.kind == "fallback" and suggestions else (body, "")
        yield FittedMarkdown(lead, open_links=False, classes="card-body")
        if answer.kind == "clarify":
            yield Static(
                "Type the missing detail below and press Enter; I'll finish the answer.",
                classes="card-hint",
            )
        if rest:
            yield from self._suggestions(suggestions)
            yield FittedMarkdown(rest, open_links=False, classes="card-body card-more")
        if answer.sources:
            with Vertical(classes="card-sources"):
                for number, source in enumerate(answer.sources, 1):
                    yield CitationLine(number, source)
        if not rest:
            yield from self._suggestions(suggestions)

    def _suggestions(self, suggestions: list[str]) -> ComposeResult:
        if suggestions:
            heading = SUGGESTION_HEADING.get(self.answer.kind, "Related")
            with Vertical(classes="card-suggestions"):
                yield Static(heading, classes="suggestions-heading")
                for number, suggestion in enumerate(suggestions, 1):
                    yield Suggestion(number, suggestion)

    @on(Markdown.LinkClicked)
    def _marker_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        prefix, _, number = event.href.partition(":")
        if prefix == "source" and number.isdigit():
            self.post_message(self.SourceRequested(self, int(number)))

    def on_citation_line_clicked(self, event: CitationLine.Clicked) -> None:
        event.stop()
        self.post_message(self.SourceRequested(self, event.number))


class CalculatorCard(SelectableCard):
    """What a calculator does and needs, chosen from the welcome panel or the palette; `e` opens its form."""

    BINDINGS: ClassVar = [
        Binding("e", "edit", "Fill in", id="fill-calculator", tooltip="Open the calculator's form for your numbers"),
    ]

    def __init__(self, item: CalculatorItem):
        super().__init__(classes="answer -calculator")
        self.item = item
        self.inputs = item.inputs

    def compose(self) -> ComposeResult:
        item = self.item
        yield Static(
            Content.from_markup("[b reverse] CALCULATOR [/]  [dim]$title[/]", title=item.title),
            classes="card-header",
        )
        needed = ", ".join(label for label, required in self.inputs if required)
        optional = ", ".join(label for label, required in self.inputs if not required)
        lines = [item.description]
        if needed:
            lines.append(f"**Needs:** {needed}.")
        if optional:
            lines.append(f"**Optional:** {optional}.")
        lines.append("Ask with your numbers in plain words and I'll show the arithmetic, or press **e** for its form.")
        if item.command:
            lines.append(f"From a shell: `{item.command}`")
        yield FittedMarkdown("\n\n".join(lines), classes="card-body")
        if item.example:
            with Vertical(classes="card-suggestions"):
                yield Static("Try", classes="suggestions-heading")
                yield Suggestion(1, item.example)

    def action_edit(self) -> None:
        self.post_message(EditCalculation(self.item.name))
