"""The chat screen: transcript, sources panel and input.

The screen owns the flow of a turn: the input's question goes into a queue, one worker
thread at a time asks the session (so follow-ups see the previous answer), the worker
posts AnswerReady, and the handler mounts the card and points the sources panel at it.
A message that asks to be walked through a decision ("walk me through leaving my job")
opens that walkthrough's form instead, as the palette and the welcome list do.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from vested.tui.messages import (
    AnswerFailed,
    AnswerReady,
    AskQuestion,
    LogProblem,
    OpenEntry,
    SessionFailed,
    SessionReady,
)
from vested.tui.widgets.answer_card import (
    AnswerCard,
    CalculatorCard,
    NoticeCard,
    PendingLine,
    QuestionLine,
    SelectableCard,
)
from vested.tui.widgets.chat_input import CLARIFY_PLACEHOLDER, PLACEHOLDER, ChatInput
from vested.tui.widgets.sources_panel import SourcesPanel
from vested.tui.widgets.transcript import Transcript
from vested.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from vested.core.answer import Answer
    from vested.tui.app import VestedApp
    from vested.tui.catalog import WalkthroughItem
    from vested.tui.session import ChatSession


class ChatScreen(Screen[None]):
    """Vested's main screen."""

    CSS_PATH = "chat.tcss"
    AUTO_FOCUS = "#ask"
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]

    BINDINGS: ClassVar = [
        Binding("f1", "app.help", "Help", id="help", tooltip="What you can ask, and every key"),
        Binding("f2", "app.faq", "FAQ", id="faq-browser", tooltip="Browse every question by topic"),
        Binding(
            "f3",
            "toggle_sources",
            "Sources",
            id="toggle-sources",
            tooltip="Show or hide the sources panel",
        ),
        Binding(
            "ctrl+y",
            "copy_answer",
            "Copy",
            id="copy-answer",
            tooltip="Copy the selected answer with its sources",
        ),
        Binding("ctrl+s", "export", "Export", id="export", tooltip="Save the conversation as Markdown"),
        Binding(
            "escape",
            "focus_input",
            "Ask",
            show=False,
            id="focus-input",
            tooltip="Back to the input",
        ),
        Binding(
            "ctrl+up",
            "select_answer(-1)",
            "Previous answer",
            show=False,
            id="previous-answer",
            tooltip="Select the previous answer; the sources panel follows",
        ),
        Binding(
            "ctrl+down",
            "select_answer(1)",
            "Next answer",
            show=False,
            id="next-answer",
            tooltip="Select the next answer",
        ),
        Binding("pageup", "scroll_transcript(-1)", show=False),
        Binding("pagedown", "scroll_transcript(1)", show=False),
    ]

    app: VestedApp

    def __init__(self) -> None:
        super().__init__()
        self._queue: deque[tuple[int, str]] = deque()
        self._pending: dict[int, PendingLine] = {}
        self._busy = False
        self._turns = 0
        self._selected: SelectableCard | None = None
        self._load_problem: str | None = None

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Transcript(id="transcript"):
                yield Welcome(id="welcome")
            yield SourcesPanel(id="sources")
        yield ChatInput(self.app.history, blink=self.app.blink, id="ask")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        """The window is painted: note the time and only now load the heavy parts."""
        self.app.timer.mark("first paint")
        self._load_session()

    @work(thread=True, exclusive=True, group="load")
    def _load_session(self) -> None:
        from vested.knowledge.loader import KnowledgeError

        try:
            session = self.app.open_session()
        except KnowledgeError as error:
            problems = "\n".join(str(problem) for problem in error.problems[:5])
            self.post_message(SessionFailed(f"{problems}\nRun `vested kb check` for the full list."))
            return
        except Exception as error:  # say what broke in the window, never a traceback
            self.post_message(SessionFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(SessionReady(session))

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def sources(self) -> SourcesPanel:
        return self.query_one(SourcesPanel)

    @property
    def input(self) -> ChatInput:
        return self.query_one(ChatInput)

    @property
    def session(self) -> ChatSession | None:
        return self.app.session

    # --------------------------------------------------------------- loading

    def on_session_ready(self, message: SessionReady) -> None:
        self.app.session = message.session
        self.app.timer.mark("knowledge base ready")
        self.sources.texts_available = bool(message.session.source_texts)
        self.query_one(Welcome).show_catalog(message.session.catalog)
        if self.app.sources_dir is not None and not message.session.source_texts:
            self.notify(
                f"No source texts found in {self.app.sources_dir}; citations show quotes only.",
                severity="warning",
            )
        self._next_turn()

    def on_session_failed(self, message: SessionFailed) -> None:
        self._load_problem = message.problem
        for pending in self._pending.values():
            pending.remove()
        self._pending.clear()
        self._queue.clear()
        self.transcript.mount(NoticeCard("The knowledge base could not be loaded", message.problem))
        self.transcript.scroll_end(animate=False)

    def on_log_problem(self, message: LogProblem) -> None:
        self.notify(message.text, title="Answer log", severity="warning", timeout=8)

    # ----------------------------------------------------------------- asking

    @on(Input.Submitted, "#ask")
    def _submitted(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        if not question:
            return
        self.input.clear()
        self.ask(question)

    def on_ask_question(self, message: AskQuestion) -> None:
        message.stop()
        self.ask(message.question)
        self.input.focus(scroll_visible=False)

    def ask(self, question: str) -> None:
        """Show the question at once and queue it for the assistant (or a walkthrough's form)."""
        if self._load_problem is not None:
            self.notify("I can't answer until the knowledge base loads; see above.", severity="error")
            return
        self.app.remember(question)
        self._turns += 1
        self._pending[self._turns] = self.transcript.add_question(question)
        self._queue.append((self._turns, question))
        self._next_turn()

    def _next_turn(self) -> None:
        """Start the oldest waiting turn: a walkthrough request opens its form, any other
        question goes to the assistant (one at a time, so follow-ups see the last answer).

        Requests are told apart here rather than when typed, so one typed while the
        knowledge base loads is still recognised, and turns keep their order.
        """
        while not self._busy and self._queue and self.session is not None:
            turn, question = self._queue.popleft()
            walkthrough = self._walkthrough_asked_for(question)
            if walkthrough is not None:
                self.call_later(self._open_requested_walkthrough, turn, walkthrough)
                continue
            self._busy = True
            self._answer(self.session, turn, question)

    def _walkthrough_asked_for(self, question: str) -> WalkthroughItem | None:
        """The walkthrough question asks to be taken through, if the chat offers it.

        A request that names none ("walk me through it") is left to the assistant, and so
        is every message when the walkthroughs failed to load (the catalog lists none).
        """
        if self.session is None or not self.session.catalog.walkthroughs:
            return None
        from vested.walkthroughs import match_request

        found = match_request(question)
        return self.session.catalog.walkthrough(found.name) if found is not None else None

    async def _open_requested_walkthrough(self, turn: int, item: WalkthroughItem) -> None:
        """Say in the transcript which walkthrough the message opened, then open its form."""
        note = Static(
            Content.from_markup("Walkthrough opened: [b]$title[/b] (its results come back here)", title=item.title),
            classes="walkthrough-opened",
        )
        await self.transcript.answer(self._pending.pop(turn, None), note)
        self.action_start_walkthrough(item.name)

    @work(thread=True, group="ask")
    def _answer(self, session: ChatSession, turn: int, question: str) -> None:
        try:
            answer = session.ask(question)
        except Exception as error:  # a bug in one answer must not end the chat
            self.post_message(AnswerFailed(turn, question, f"{type(error).__name__}: {error}"))
            return
        self.post_message(AnswerReady(turn, answer))

    async def on_answer_ready(self, message: AnswerReady) -> None:
        self._busy = False
        await self.show_answer(message.answer, self._pending.pop(message.turn, None))
        self._next_turn()

    async def on_answer_failed(self, message: AnswerFailed) -> None:
        self._busy = False
        card = NoticeCard(
            "Something went wrong answering that",
            f"{message.problem}\nThe chat carries on; try asking another way.",
        )
        await self.transcript.answer(self._pending.pop(message.turn, None), card)
        self._next_turn()

    async def show_answer(self, answer: Answer, pending: PendingLine | None) -> AnswerCard:
        calculator = None
        if answer.calculation is not None and self.session is not None:
            item = self.session.catalog.calculator(answer.calculation.tool)
            calculator = item.title if item else None
        card = AnswerCard(answer, calculator)
        following = await self.transcript.answer(pending, card)
        if following:
            self._select(card)
        else:
            self.notify("A new answer arrived below (Ctrl+↓ to go to it).", timeout=4)
        self.input.placeholder = CLARIFY_PLACEHOLDER if answer.kind == "clarify" else PLACEHOLDER
        return card

    async def on_open_entry(self, message: OpenEntry) -> None:
        await self.open_entry(message.entry_id)

    async def open_entry(self, entry_id: str) -> None:
        """An entry chosen in the FAQ browser: its answer, as if its question were asked."""
        if self.session is None or entry_id not in self.session.kb.by_id:
            return
        answer = self.session.open_entry(entry_id)
        await self.transcript.mount(QuestionLine(answer.question))
        self.transcript.scroll_end(animate=False)
        await self.show_answer(answer, None)
        self.input.focus(scroll_visible=False)

    # -------------------------------------------------------------- selection

    def _cards(self) -> list[SelectableCard]:
        return list(self.transcript.query(SelectableCard))

    def _select(self, card: SelectableCard) -> None:
        if self._selected is not None and self._selected is not card:
            self._selected.selected = False
        self._selected = card
        card.selected = True
        if isinstance(card, AnswerCard):
            self.sources.show_answer(card.answer, self._paragraph)

    def _paragraph(self, source: str, section: str, number: int | None) -> str | None:
        return self.session.paragraph(source, section, number) if self.session else None

    @property
    def selected_answer(self) -> Answer | None:
        card = self._selected
        return card.answer if isinstance(card, AnswerCard) else None

    def on_selectable_card_selected(self, message: SelectableCard.Selected) -> None:
        self._select(message.card)

    def on_answer_card_source_requested(self, message: AnswerCard.SourceRequested) -> None:
        self._select(message.card)
        self.action_reveal_source(message.number)

    def action_select_answer(self, step: int) -> None:
        """Move the selection by step; with nothing selected, start from the newest."""
        cards = self._cards()
        if not cards:
            return
        current = cards.index(self._selected) if self._selected in cards else len(cards)
        index = current + step
        if not 0 <= index < len(cards):
            self.app.bell()
            return
        card = cards[index]
        if isinstance(self.focused, SelectableCard):
            card.focus()
        else:
            self._select(card)
            self.transcript.scroll_to_widget(card, top=True, animate=True, duration=0.15)

    def action_focus_answers(self) -> None:
        cards = self._cards()
        if cards:
            target = self._selected if self._selected in cards else cards[-1]
            target.focus()

    def action_focus_input(self) -> None:
        self.input.focus()

    def action_scroll_transcript(self, pages: int) -> None:
        if pages < 0:
            self.transcript.scroll_page_up()
        else:
            self.transcript.scroll_page_down()

    # ----------------------------------------------------------------- panels

    def action_toggle_sources(self) -> None:
        self.toggle_class("-sources-toggled")

    def action_reveal_source(self, number: int) -> None:
        if not self.sources.display:
            self.toggle_class("-sources-toggled")
        self.call_after_refresh(self.sources.reveal, number)

    def show_calculator(self, name: str) -> None:
        if self.session is None:
            return
        item = self.session.catalog.calculator(name)
        if item is None:
            return
        card = CalculatorCard(item, self.session.calculator_inputs(name))
        self.transcript.mount(card)
        self.transcript.scroll_to_widget(card, top=True, animate=True, duration=0.15)
        card.focus(scroll_visible=False)

    def action_show_calculator(self, name: str) -> None:
        self.show_calculator(name)

    def action_start_walkthrough(self, name: str) -> None:
        """Open the walkthrough's form; its results come back to the transcript as answers."""
        if self.session is None:
            return
        item = self.session.catalog.walkthrough(name)
        if item is None:
            return
        from vested.tui.screens.walkthrough import WalkthroughScreen

        session = self.session

        async def show_results(answers: list[Answer] | None) -> None:
            for answer in answers or []:
                await self.show_answer(answer, None)

        self.app.push_screen(WalkthroughScreen(name, session.kb, session.today, record=session.keep), show_results)

    # ---------------------------------------------------------- copy, export

    def action_copy_answer(self) -> None:
        answer = self.selected_answer
        if answer is None:
            self.notify("Select an answer first (Ctrl+↑ / Ctrl+↓ or a click).", severity="warning")
            return
        from vested.core.render import answer_markdown

        self.app.copy_to_clipboard(answer_markdown(answer))
        self.notify("Copied the answer and its sources to the clipboard.")

    def action_export(self) -> None:
        if self.session is None or not self.session.answers:
            self.notify("Nothing to export yet: ask a question first.", severity="warning")
            return
        from vested.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.app.default_export_path()), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None or self.session is None:
            return
        try:
            written = self.session.export(path)
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror or error}", severity="error")
            return
        count = len(self.session.answers)
        self.notify(
            f"{written}",
            title=f"Exported {count} answer{'s' if count != 1 else ''}",
            timeout=10,
        )
