"""One chat session: the assistant, its conversation, the answer log and the transcript.

Everything here is plain Python with no Textual, so the screens stay thin: they hand a
question to `ChatSession.ask` inside a worker thread and render the Answer that comes
back. Matching, calculation and SQL all happen behind the Assistant and the answer log.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vested.tui.catalog import Catalog, build_catalog

if TYPE_CHECKING:
    from vested.core.answer import Answer
    from vested.core.assistant import Assistant
    from vested.knowledge.source_text import SourceText

LOG_CLOSE_TIMEOUT = 10.0
DISCLAIMER = "Educational information, not tax or legal advice."


class AnswerLogWriter:
    """The answer log, driven from one thread of its own.

    A SQLite connection belongs to the thread that opened it, and a locked database can
    hold a write for seconds; one dedicated thread keeps both away from the UI and from
    the assistant's workers while keeping every answer in order.
    """

    def __init__(self, log_args: argparse.Namespace, kb_digest: str, on_problem: Callable[[str], None]):
        self._on_problem = on_problem
        self._reported: set[str] = set()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vested-log")
        self._log: Future[Any] = self._executor.submit(self._open, log_args, kb_digest)

    def _open(self, log_args: argparse.Namespace, kb_digest: str) -> Any:
        from vested.log.writer import open_answer_log

        try:
            return open_answer_log(log_args, interface="chat", kb_digest=kb_digest, on_notice=self._report)
        except Exception as error:  # the chat must keep answering whatever the log does
            self._report(f"Answers are not being logged: {error}")
            return None

    def _report(self, message: str) -> None:
        """Pass a log problem on to the chat, once each (called on the log's thread)."""
        if message not in self._reported:
            self._reported.add(message)
            self._on_problem(message)

    def describe(self) -> str:
        """Where this chat's answers go, in words (the palette's "show the log path")."""
        log = self._log.result()
        if log is None or log.path is None:
            return "Answers are not being logged in this chat (--no-log or $VESTED_NO_LOG)."
        if not log.enabled:
            return f"Answers are not being logged: the log at {log.path} cannot be written."
        return f"Answers are logged to {log.path}"

    def record(self, answer: Answer, duration_ms: float) -> Future[None]:
        return self._executor.submit(self._record, answer, duration_ms)

    def _record(self, answer: Answer, duration_ms: float) -> None:
        log = self._log.result()
        if log is None:
            return
        log.record(answer, duration_ms)

    def close(self) -> list[str]:
        """Close the log and return what it has to tell the user (printed after exit)."""

        def close_log() -> list[str]:
            log = self._log.result()
            return list(log.close()) if log is not None else []

        try:
            return self._executor.submit(close_log).result(timeout=LOG_CLOSE_TIMEOUT)
        except TimeoutError:
            return ["the answer log did not close in time; the last answers may be missing"]
        finally:
            self._executor.shutdown(wait=False)


@dataclass
class ChatSession:
    """The state of one chat: what was asked and answered, and where it is logged."""

    assistant: Assistant
    catalog: Catalog
    source_texts: dict[str, SourceText]
    log: AnswerLogWriter | None
    today: date | None = None
    answers: list[Answer] = field(default_factory=list)
    conversation: Any = None

    def __post_init__(self) -> None:
        if self.conversation is None:
            from vested.core.assistant import Conversation

            self.conversation = Conversation()

    @property
    def kb(self):
        return self.assistant.kb

    def ask(self, question: str) -> Answer:
        """Answer in the context of the conversation and log it (called in a worker thread)."""
        answer, duration_ms = self.assistant.timed_ask(question, self.conversation)
        self.keep(answer, duration_ms)
        return answer

    def open_entry(self, entry_id: str) -> Answer:
        """An entry's answer as chosen from the FAQ browser or the palette, not matched."""
        entry = self.kb.by_id[entry_id]
        answer = self.assistant.answer_entry(entry.question, entry, 1.0)
        self.keep(answer, 0.0)
        return answer

    def keep(self, answer: Answer, duration_ms: float) -> None:
        """Keep an answer for the export and log it (also the walkthrough form's recorder)."""
        self.answers.append(answer)
        if self.log is not None:
            self.log.record(answer, duration_ms)

    def calculator_inputs(self, name: str) -> list[tuple[str, bool]]:
        """(label, required) for each input of a calculator, for its card."""
        from vested.calculate import registry

        spec = registry().get(name)
        if spec is None:
            return []
        return [
            (info.title or field_name.replace("_", " "), info.is_required())
            for field_name, info in spec.inputs.model_fields.items()
        ]

    def paragraph(self, source: str, section: str, number: int | None) -> str | None:
        """The whole cited paragraph, when the source texts were given (--sources)."""
        text = self.source_texts.get(source)
        if text is None or number is None:
            return None
        return text.paragraph(section, number)

    def export_markdown(self) -> str:
        """The conversation as Markdown: each question, its answer, sources and suggestions."""
        from vested.core.render import answer_markdown

        day = self.today or date.today()
        parts = [f"# Vested conversation, {day.day} {day:%B %Y}", f"_{DISCLAIMER}_"]
        for answer in self.answers:
            parts.append(f"## {answer.question or '(empty question)'}")
            parts.append(answer_markdown(answer).strip())
        return "\n\n".join(parts) + "\n"

    def export(self, path: Path) -> Path:
        """Write the conversation to a new private file (never over one); OSError is the caller's to show."""
        from vested.core.private_files import write_new_private_file

        path = path.expanduser()
        write_new_private_file(path, self.export_markdown())
        return path.resolve()

    def close(self) -> list[str]:
        return self.log.close() if self.log is not None else []


def open_session(
    *,
    assistant: Assistant | None,
    today: date | None,
    log_args: argparse.Namespace | None,
    sources_dir: Path | None,
    on_log_problem: Callable[[str], None],
) -> ChatSession:
    """Load the knowledge base and everything else the chat needs (run in a worker).

    Raises KnowledgeError when the knowledge base is broken: the screen shows it.
    """
    if assistant is None:
        from vested.core.assistant import Assistant

        assistant = Assistant(today=today)
    catalog = build_catalog(assistant.kb)
    texts: dict[str, SourceText] = {}
    if sources_dir is not None:
        from vested.knowledge.check import load_source_texts

        texts = load_source_texts(assistant.kb, sources_dir)
    log = AnswerLogWriter(log_args, assistant.kb.digest, on_log_problem) if log_args is not None else None
    return ChatSession(assistant=assistant, catalog=catalog, source_texts=texts, log=log, today=today)
