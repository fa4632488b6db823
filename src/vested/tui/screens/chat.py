"""The chat screen: transcript, sources panel, find bar and input.

The screen owns the flow of a turn: the input's question goes into a queue, one worker
thread at a time asks the session (so follow-ups see the previous answer), the worker
posts AnswerReady, and the handler mounts the card and points the sources panel at it.
A message that asks to be walked through a decision ("walk me through leaving my job")
opens that walkthrough's form instead, as the palette and the welcome list do; a message
starting with "/" is a command (/help, /new, /export, /log…), never a question.

Every key, palette command and widget message of the chat ends up here; the app only
keeps what outlives the screen (settings, session, history, preferences).
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from vested.tui.messages import (
    AnswerFailed,
    AnswerReady,
    AskQuestion,
    ConversationRead,
    EditCalculation,
    LogProblem,
    OpenEntry,
    SessionFailed,
    SessionReady,
    ShowCalculator,
    StartWalkthrough,
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
from vested.tui.widgets.find_bar import FindBar
from vested.tui.widgets.sources_panel import SourcesPanel
from vested.tui.widgets.transcript import Transcript
from vested.tui.widgets.welcome import Welcome

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widget import Widget

    from vested.core.answer import Answer, ReadingRecord
    from vested.session import ChatSession, FormCalculation
    from vested.tui.app import VestedApp
    from vested.tui.catalog import Catalog, WalkthroughItem

# Typed in the input: the command and what it does (the help lists them).
SLASH_COMMANDS = {
    "/help": ("help", "What you can ask, the commands and every key (F1)"),
    "/new": ("new_chat", "Start a new conversation (Ctrl+N)"),
    "/chats": ("chats", "Reopen an earlier conversation (F5)"),
    "/find": ("find", "Search this conversation (Ctrl+F)"),
    "/export": ("export", "Save the conversation as Markdown (Ctrl+S)"),
    "/copy": ("copy_answer", "Copy the selected answer with its sources (Ctrl+Y)"),
    "/save": ("save_answer", "Save the selected answer to a file"),
    "/edit": ("edit_calculation", "Correct the selected (or latest) calculation's inputs in its form (e)"),
    "/log": ("show_log_path", "Where this chat's answers are logged"),
    "/sources": ("toggle_sources", "Show or hide the sources panel (F3)"),
}
HELP_WORDS = frozenset({"help", "?", "/?"})


class ChatScreen(Screen[None]):
    """Vested's main screen."""

    CSS_PATH = "chat.tcss"
    AUTO_FOCUS = "#ask"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 - Screen's own is no ClassVar

    BINDINGS: ClassVar = [
        Binding("f1", "help", "Help", id="help", tooltip="What you can ask, the commands, and every key"),
        # F2 stays off the footer so that Quit still fits at 80 columns with a card selected.
        Binding("f2", "faq", "FAQ", show=False, id="faq-browser", tooltip="Browse every question by topic"),
        Binding("f3", "toggle_sources", "Sources", id="toggle-sources", tooltip="Show or hide the sources panel"),
        Binding("f5", "chats", "Chats", id="past-chats", tooltip="Reopen an earlier conversation"),
        Binding("ctrl+n", "new_chat", "New", id="new-chat", tooltip="Start a new conversation"),
        Binding("ctrl+f", "find", "Find", id="find", tooltip="Find in this conversation"),
        Binding("ctrl+s", "export", "Export", show=False, id="export", tooltip="Save the conversation as Markdown"),
        Binding(
            "ctrl+y",
            "copy_answer",
            "Copy",
            show=False,
            id="copy-answer",
            tooltip="Copy the selected answer with its sources",
        ),
        Binding("ctrl+end", "jump_latest", "Latest", show=False, id="jump-latest", tooltip="Jump to the latest answer"),
        Binding("escape", "focus_input", "Ask", show=False, id="focus-input", tooltip="Back to the input"),
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
        self._matches: list[Widget] = []
        self._match = -1

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Transcript(id="transcript"):
                yield Welcome(id="welcome")
            yield SourcesPanel(id="sources")
        yield FindBar(id="find-bar")
        yield ChatInput(self.app.history, blink=self.app.blink, id="ask")
        yield Footer()

    def _report_log_problem(self, text: str) -> None:
        """Called on the log's thread: the problem reaches the screen as a message."""
        self.post_message(LogProblem(text))

    def on_mount(self) -> None:
        self.query_one(FindBar).display = False
        self.set_class(not self.app.preferences.sources_panel, "-sources-off")
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        """The window is painted: note the time and only now load the heavy parts."""
        self.app.timer.mark("first paint")
        self._load_session()

    @work(thread=True, exclusive=True, group="load")
    def _load_session(self) -> None:
        from vested.knowledge.loader import KnowledgeError
        from vested.session import open_session
        from vested.tui.catalog import build_catalog

        settings = self.app.settings
        try:
            session = open_session(
                assistant=settings.assistant,
                today=settings.today,
                log_args=settings.log_args,
                sources_dir=settings.sources_dir,
                on_log_problem=self._report_log_problem,
                log=settings.log_args is not None,
            )
            catalog = build_catalog(session.kb)
        except KnowledgeError as error:
            problems = "\n".join(str(problem) for problem in error.problems[:5])
            self.post_message(SessionFailed(f"{problems}\nRun `vested kb check` for the full list."))
            return
        except Exception as error:  # say what broke in the window, never a traceback
            self.post_message(SessionFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(SessionReady(session, catalog))

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

    @property
    def catalog(self) -> Catalog | None:
        return self.app.catalog

    # --------------------------------------------------------------- loading

    async def on_session_ready(self, message: SessionReady) -> None:
        self.app.session = message.session
        self.app.catalog = message.catalog
        self.app.timer.mark("knowledge base ready")
        self.sources.texts_available = bool(message.session.source_texts)
        await self.query_one(Welcome).show_catalog(message.catalog)
        sources_dir = self.app.settings.sources_dir
        if sources_dir is not None and not message.session.source_texts:
            self.notify(f"No source texts found in {sources_dir}; citations show quotes only.", severity="warning")
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

    @on(ChatInput.Submitted, "#ask")
    def _submitted(self, event: ChatInput.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        self.input.clear()
        if not self.run_command(text):
            self.ask(text)

    def run_command(self, text: str) -> bool:
        """Run a slash command (or a bare "help"); False when text is a question."""
        word = text.split()[0].lower()
        if text.lower() in HELP_WORDS:
            word = "/help"
        elif not text.startswith("/"):
            return False
        command = SLASH_COMMANDS.get(word)
        if command is None:
            names = " ".join(SLASH_COMMANDS)
            self.notify(f"{word} is not a command. The commands: {names}", title="Commands", severity="warning")
            return True
        getattr(self, f"action_{command[0]}")()
        return True

    def on_ask_question(self, message: AskQuestion) -> None:
        message.stop()
        self.ask(message.question)
        self.input.focus(scroll_visible=False)

    def ask(self, question: str) -> None:
        """Show the question at once and queue it for the assistant (or a walkthrough's form).

        The turn starts after the next refresh, so the question and the working line are
        on screen before the assistant's thread competes with the interface for the CPU.
        """
        if self._load_problem is not None:
            self.notify("I can't answer until the knowledge base loads; see above.", severity="error")
            return
        self.app.remember(question)
        self._turns += 1
        self._pending[self._turns] = self.transcript.add_question(question)
        self._queue.append((self._turns, question))
        self.call_after_refresh(self._next_turn)

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
        if self.catalog is None or not self.catalog.walkthroughs:
            return None
        from vested.walkthroughs import match_request

        found = match_request(question)
        return self.catalog.walkthrough(found.name) if found is not None else None

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

    def _card(self, answer: Answer) -> AnswerCard:
        title = None
        editable = False
        if answer.calculation is not None and self.catalog is not None:
            title = self.catalog.tool_title(answer.calculation.tool)
            is_calculator = self.catalog.calculator(answer.calculation.tool) is not None
            editable = answer.kind in ("calculation", "clarify") and is_calculator
        suggestions = self.session.suggestions(answer) if self.session is not None else None
        return AnswerCard(answer, title, suggestions, editable=editable)

    async def show_answer(self, answer: Answer, pending: PendingLine | None) -> AnswerCard:
        card = self._card(answer)
        following = await self.transcript.answer(pending, card)
        if following:
            self._select(card)
        else:
            self.notify("A new answer arrived below (Ctrl+End goes to it).", timeout=4)
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

    def _select(self, card: SelectableCard | None) -> None:
        if self._selected is not None and self._selected is not card:
            self._selected.selected = False
        self._selected = card
        if card is None:
            self.sources.show_answer(None, self._paragraph)
            return
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

    def action_jump_latest(self) -> None:
        """To the end of the conversation, selecting its newest answer."""
        self.transcript.follow()
        cards = self._cards()
        if cards:
            self._select(cards[-1])

    # ----------------------------------------------------------------- panels

    def action_toggle_sources(self) -> None:
        """Show or hide the sources panel; on a wide terminal the choice is kept for next time."""
        if self.has_class("-narrow"):
            self.toggle_class("-sources-on")
            return
        self.toggle_class("-sources-off")
        self.app.preferences.sources_panel = not self.has_class("-sources-off")
        self.app.save_preferences()

    def action_reveal_source(self, number: int) -> None:
        if not self.sources.display:
            self.remove_class("-sources-off")
            self.add_class("-sources-on")
        self.call_after_refresh(self.sources.reveal, number)

    def action_help(self) -> None:
        from vested.tui.screens.help import HelpScreen, help_markdown

        groups = [
            ("anywhere", _described([*type(self.app).BINDINGS, *self.BINDINGS])),
            ("in the input", _described(ChatInput.BINDINGS)),
            ("on a selected answer", _described([*SelectableCard.BINDINGS, *AnswerCard.BINDINGS])),
        ]
        slash = [(name, does) for name, (_, does) in SLASH_COMMANDS.items()]
        self.app.push_screen(HelpScreen(help_markdown(self.catalog, groups, slash)))

    def action_faq(self, topic: str | None = None) -> None:
        if self.session is None or self.catalog is None:
            self.notify("The knowledge base is still loading…")
            return
        from vested.tui.screens.faq_browser import FaqBrowserScreen

        def opened(entry_id: str | None) -> None:
            if entry_id is not None:
                self.post_message(OpenEntry(entry_id))

        self.app.push_screen(FaqBrowserScreen(self.session.kb, self.catalog, topic), opened)

    async def on_show_calculator(self, message: ShowCalculator) -> None:
        message.stop()
        await self.show_calculator(message.name)

    async def show_calculator(self, name: str) -> None:
        """The calculator's card at the end of the transcript, scrolled into view and focused."""
        item = self.catalog.calculator(name) if self.catalog is not None else None
        if item is None:
            return
        card = CalculatorCard(item)
        await self.transcript.mount(card)
        card.focus(scroll_visible=False)
        self.transcript.follow(card)

    # ------------------------------------------------------ calculator form

    def on_edit_calculation(self, message: EditCalculation) -> None:
        message.stop()
        self.open_calculator_form(message.tool, message.values, message.reading)

    def action_edit_calculation(self) -> None:
        """The selected calculation's form (/edit, the palette); with none selected, the latest one's."""
        editable = [card for card in self._cards() if isinstance(card, AnswerCard) and card.editable]
        card = self._selected if self._selected in editable else (editable[-1] if editable else None)
        if not isinstance(card, AnswerCard) or card.answer.calculation is None:
            self.notify("No calculation to correct yet: ask one with your numbers first.", severity="warning")
            return
        record = card.answer.calculation
        self.open_calculator_form(record.tool, record.inputs, card.answer.reading)

    def open_calculator_form(self, tool: str, values: dict, reading: ReadingRecord | None) -> None:
        """The calculator's form with the values filled in; its calculation comes back as a new card."""
        if self.session is None or self.catalog is None or self.catalog.calculator(tool) is None:
            self.notify("That calculator's form is not available.", severity="warning")
            return
        from vested.tui.screens.calculator_form import CalculatorFormScreen

        session = self.session

        async def show(done: tuple[FormCalculation, float] | None) -> None:
            if done is None:
                self.input.focus(scroll_visible=False)
                return
            calculation, duration_ms = done
            session.keep_calculation(calculation, duration_ms)
            await self.transcript.mount(QuestionLine(calculation.answer.question))
            self.transcript.following = True
            await self.show_answer(calculation.answer, None)
            self.input.focus(scroll_visible=False)

        self.app.push_screen(CalculatorFormScreen(tool, session.calculate, values, reading), show)

    def on_start_walkthrough(self, message: StartWalkthrough) -> None:
        message.stop()
        self.action_start_walkthrough(message.name)

    def action_start_walkthrough(self, name: str) -> None:
        """Open the walkthrough's form; its results come back to the transcript as answers."""
        if self.session is None or self.catalog is None or self.catalog.walkthrough(name) is None:
            return
        from vested.tui.screens.walkthrough import WalkthroughScreen

        session = self.session

        async def show_results(answers: list[Answer] | None) -> None:
            for answer in answers or []:
                await self.transcript.mount(QuestionLine(answer.question))
                self.transcript.following = True
                await self.show_answer(answer, None)

        self.app.push_screen(WalkthroughScreen(name, session.kb, session.today, record=session.keep), show_results)

    # ------------------------------------------------------- conversations

    def action_new_chat(self) -> None:
        """A fresh conversation: the transcript cleared, follow-ups forgotten, a new one in the log."""
        if self.session is None:
            self.notify("The knowledge base is still loading…")
            return
        if self._busy or self._queue:
            self.notify("Wait for the answer on its way, then start a new chat.", severity="warning")
            return
        had_answers = bool(self.session.answers)
        self.session.start_over()
        self._clear_transcript()
        self.input.focus()
        if had_answers and self.app.settings.logging:
            self.notify("The last conversation is in the answer log: F5 reopens it.", title="New chat")
        else:
            self.notify("Started a new conversation.", title="New chat")

    def _clear_transcript(self) -> None:
        self._select(None)
        self._close_find()
        for child in list(self.transcript.children):
            if not isinstance(child, Welcome):
                child.remove()
        self.transcript.scroll_home(animate=False)
        self.transcript.following = True
        self.input.placeholder = PLACEHOLDER

    def action_chats(self) -> None:
        if self.session is None:
            self.notify("The knowledge base is still loading…")
            return
        from vested.tui.screens.conversations import ConversationsScreen

        def chosen(session_id: int | None) -> None:
            if session_id is not None:
                self._read_conversation(session_id)

        self.app.push_screen(ConversationsScreen(self.session, self.app.settings.logging), chosen)

    @work(thread=True, exclusive=True, group="resume")
    def _read_conversation(self, session_id: int) -> None:
        assert self.session is not None
        try:
            answers = self.session.read_conversation(session_id)
        except Exception as error:  # a damaged log is said, not raised
            self.post_message(ConversationRead([], f"The answer log could not be read: {error}"))
            return
        self.post_message(ConversationRead(answers))

    async def on_conversation_read(self, message: ConversationRead) -> None:
        """Show a past conversation; new questions continue it (logged as a new conversation)."""
        if message.problem or not message.answers or self.session is None:
            self.notify(message.problem or "That conversation has no answers left.", severity="warning")
            return
        if self._busy or self._queue:
            self.notify("Wait for the answer on its way, then reopen a chat.", severity="warning")
            return
        self.session.start_over(message.answers)
        self._clear_transcript()
        for answer in message.answers:
            await self.transcript.mount(QuestionLine(answer.question))
            await self.transcript.mount(self._card(answer))
        self.action_jump_latest()
        self.input.focus()
        count = len(message.answers)
        self.notify(
            f"Reopened {count} answer{'s' if count != 1 else ''}. Follow-ups start afresh; "
            "new questions are logged as a new conversation.",
            title="Past chat",
        )

    # ------------------------------------------------------------------ find

    def action_find(self) -> None:
        self.query_one(FindBar).open(self.app.blink)

    def _turn_text(self, widget: Widget) -> str | None:
        if isinstance(widget, QuestionLine):
            return widget.question
        if isinstance(widget, AnswerCard):
            return " ".join([widget.answer.answer, *widget.suggestions])
        if isinstance(widget, CalculatorCard):
            return f"{widget.item.title} {widget.item.description}"
        return None

    def on_find_bar_search(self, message: FindBar.Search) -> None:
        """Mark the turns that hold the words; step to the next or previous one."""
        wanted = message.query.casefold().strip()
        for widget in self._matches:
            widget.remove_class("-match", "-current-match")
        self._matches = []
        bar = self.query_one(FindBar)
        if not wanted:
            self._match = -1
            bar.show_count("")
            return
        for widget in self.transcript.children:
            text = self._turn_text(widget)
            if text is not None and wanted in text.casefold():
                self._matches.append(widget)
                widget.add_class("-match")
        if not self._matches:
            self._match = -1
            bar.show_count("no match")
            return
        if message.step == 0 or not 0 <= self._match < len(self._matches):
            self._match = len(self._matches) - 1  # typing shows the newest match
        else:
            self._match = (self._match + message.step) % len(self._matches)
        current = self._matches[self._match]
        current.add_class("-current-match")
        bar.show_count(f"{self._match + 1} of {len(self._matches)}")
        self.transcript.following = False
        self.transcript.scroll_to_widget(current, top=True, animate=False)

    def on_find_bar_closed(self, message: FindBar.Closed) -> None:
        self._close_find()
        self.input.focus()

    def _close_find(self) -> None:
        for widget in self._matches:
            widget.remove_class("-match", "-current-match")
        self._matches = []
        self._match = -1
        self.query_one(FindBar).display = False

    # ---------------------------------------------------- copy, save, export

    def _selected_markdown(self) -> str | None:
        answer = self.selected_answer
        if answer is None:
            self.notify("Select an answer first (Ctrl+↑ / Ctrl+↓ or a click).", severity="warning")
            return None
        from vested.core.render import answer_markdown
        from vested.knowledge.records import replace  # here: the chat paints before the core is imported

        suggestions = self.session.suggestions(answer) if self.session else answer.suggestions
        return answer_markdown(replace(answer, suggestions=suggestions))

    def action_copy_answer(self) -> None:
        text = self._selected_markdown()
        if text is None:
            return
        from vested.tui.clipboard import copy_notice, to_tmux_buffer

        self.app.copy_to_clipboard(text)
        self.notify(copy_notice("the answer and its sources", os.environ, to_tmux_buffer(text)), timeout=8)

    def action_save_answer(self) -> None:
        """The selected answer as a Markdown file, readable by the user only."""
        text = self._selected_markdown()
        if text is None:
            return
        from vested.session import write_private

        path = self.app.unique_path("vested-answer", ".md")
        try:
            written = write_private(path, text)
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror or error}", severity="error")
            return
        self.notify(f"{written}\n(readable by you only)", title="Answer saved", timeout=10)

    def action_show_log_path(self) -> None:
        log = self.session.log if self.session is not None else None
        text = log.describe() if log is not None else "Answers are not being logged in this chat."
        self.notify(text, title="Answer log", timeout=10)

    def action_export(self) -> None:
        if self.session is None or not self.session.answers:
            self.notify("Nothing to export yet: ask a question first.", severity="warning")
            return
        from vested.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.app.unique_path("vested-conversation", ".md")), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        if path is None or self.session is None:
            return
        target = path.expanduser().absolute()
        if not target.exists():
            self._write_export(target, replace=False)
            return
        from vested.tui.screens.confirm import ConfirmScreen

        def answered(replace: bool | None) -> None:
            if replace:
                self._write_export(target, replace=True)
            else:
                self.notify("Nothing was exported; the file is as it was.")

        self.app.push_screen(
            ConfirmScreen(f"Replace {target.name}?", f"{target} already exists.", yes="Replace it", no="Keep it"),
            answered,
        )

    def _write_export(self, path: Path, *, replace: bool) -> None:
        assert self.session is not None
        try:
            written = self.session.export(path, replace=replace)
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror or error}", severity="error")
            return
        count = len(self.session.answers)
        self.notify(
            f"{written}\n(readable by you only)",
            title=f"Exported {count} answer{'s' if count != 1 else ''}",
            timeout=10,
        )


def _described(bindings: list[BindingType]) -> list[Binding]:
    """The bindings declared as Binding objects (the ones with descriptions the help lists)."""
    return [binding for binding in bindings if isinstance(binding, Binding)]
