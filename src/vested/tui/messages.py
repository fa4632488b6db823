"""Messages the chat's workers and widgets post; handlers on the screens update widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from vested.core.answer import Answer, ReadingRecord
    from vested.session import ChatSession
    from vested.tui.catalog import Catalog


class SessionReady(Message):
    """The knowledge base, assistant and answer log are loaded, and the catalog built from them."""

    def __init__(self, session: ChatSession, catalog: Catalog):
        super().__init__()
        self.session = session
        self.catalog = catalog


class SessionFailed(Message):
    """The knowledge base could not be loaded; `problem` says why in words."""

    def __init__(self, problem: str):
        super().__init__()
        self.problem = problem


class AnswerReady(Message):
    """The assistant answered the question of the pending turn `turn`."""

    def __init__(self, turn: int, answer: Answer):
        super().__init__()
        self.turn = turn
        self.answer = answer


class AnswerFailed(Message):
    """The assistant raised instead of answering; the chat shows it and carries on."""

    def __init__(self, turn: int, question: str, problem: str):
        super().__init__()
        self.turn = turn
        self.question = question
        self.problem = problem


class LogProblem(Message):
    """The answer log could not record something; shown once as a notification."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text


class AskQuestion(Message):
    """A widget (a suggestion, an example, a palette entry) wants this question asked."""

    def __init__(self, question: str):
        super().__init__()
        self.question = question


class OpenEntry(Message):
    """Show this knowledge-base entry's answer in the chat (FAQ browser, palette)."""

    def __init__(self, entry_id: str):
        super().__init__()
        self.entry_id = entry_id


class ShowCalculator(Message):
    """Show this calculator's card in the chat (welcome panel, palette)."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name


class EditCalculation(Message):
    """Open calculator `tool`'s form filled with the values an answer used (a card's `e`).

    `values` are the answer's recorded inputs (none: an empty form), `reading` what was read
    from the question for them.
    """

    def __init__(self, tool: str, values: dict[str, Any] | None = None, reading: ReadingRecord | None = None):
        super().__init__()
        self.tool = tool
        self.values = values or {}
        self.reading = reading


class StartWalkthrough(Message):
    """Open this walkthrough's form (welcome panel, palette)."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name


class ConversationRead(Message):
    """A past conversation's answers, read back from the answer log to be reopened."""

    def __init__(self, answers: list[Answer], problem: str | None = None):
        super().__init__()
        self.answers = answers
        self.problem = problem
