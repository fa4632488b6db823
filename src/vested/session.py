"""One conversation with the assistant: its answers, its follow-up state, its log, its export.

The chat (`vested`) and `vested ask --session` both hold a ChatSession, so a follow-up
reads the same earlier turns and every answer is logged the same way whichever front end
asked. Plain Python (no Textual, no Rich); importing this module loads nothing heavy, so
the chat can use it before its first frame, and the assistant is built only by
`open_session`, in the chat's worker thread.
"""

from __future__ import annotations

import atexit
import os
import queue
import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from vested.core.answer import Answer
    from vested.core.assistant import Assistant
    from vested.core.conversation import Conversation
    from vested.knowledge.loader import KnowledgeBase
    from vested.knowledge.source_text import SourceText
    from vested.log.writer import AnswerLog

LOG_CLOSE_TIMEOUT = 10.0
Result = TypeVar("Result")
DISCLAIMER = "Educational information, not tax or legal advice."


class _Job(Generic[Result]):
    """One call run on the log's thread; `result` waits for what it returned or raised."""

    __slots__ = ("_call", "_done", "_error", "_value")

    def __init__(self, call: Callable[[], Result]):
        self._call = call
        self._done = threading.Event()
        self._value: Result | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._value = self._call()
        except BaseException as error:  # kept for whoever waits on it, as a future keeps it
            self._error = error
        finally:
            self._done.set()

    def result(self, timeout: float | None = None) -> Result:
        """What the call returned; its exception raised again; TimeoutError when not done within timeout."""
        if not self._done.wait(timeout):
            raise TimeoutError
        if self._error is not None:
            raise self._error
        return cast(Result, self._value)


class _LogThread:
    """One thread running the calls given to it in order, until `finish`.

    A thread and a queue rather than a ThreadPoolExecutor: concurrent.futures imports logging
    and traceback, which cost `vested ask` more than writing its answer (benchmarks/startup.py).
    A daemon, so a writer never closed does not hold the process open; once finished, the
    process waits for it at exit, as for an executor's thread: the calls queued before `finish`
    still run, and a slow log's last answers are written before the process ends.
    """

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[_Job[Any] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="vested-log", daemon=True)
        self._thread.start()

    def submit(self, call: Callable[[], Result]) -> _Job[Result]:
        job = _Job(call)
        self._calls.put(job)
        return job

    def finish(self) -> None:
        """End the thread once the calls already given have run; returns at once."""
        self._calls.put(None)
        atexit.register(self._thread.join)

    def _run(self) -> None:
        while (job := self._calls.get()) is not None:
            job.run()


class AnswerLogWriter:
    """The answer log, driven from one thread of its own.

    A SQLite connection belongs to the thread that opened it, and a locked database can
    hold a write for seconds; one dedicated thread keeps both away from the UI and from
    the assistant's workers while keeping every answer in order. Every touch of the log
    runs on that thread, so `new_session` needs no lock.
    """

    def __init__(
        self,
        log_args: argparse.Namespace | None,
        interface: str,
        kb_digest: str,
        on_problem: Callable[[str], None] | None = None,
        wait_for_each: bool = False,
    ):
        """
        Args:
            wait_for_each: return from `record` only once the log has taken the answer (the log
                itself waits for the commit while it is healthy and queues while it is locked),
                so a batch killed mid-way loses at most the answer in flight; the chat leaves it
                off, its UI never waiting on the disk.
            log_args: the parsed --db/--no-log options (None: the environment decides).
            interface: the front end, as the log's sessions table names it ("chat", "ask").
            kb_digest: the knowledge base's digest, stored with the session.
            on_problem: told each log problem once as it happens (on the log's thread);
                without it, problems are returned by `close()` for printing.
        """
        self._args = log_args
        self._interface = interface
        self._digest = kb_digest
        self._on_problem = on_problem
        self._wait_for_each = wait_for_each
        self._reported: set[str] = set()
        self._undelivered: list[str] = []
        self._log: AnswerLog | None = None
        self._thread = _LogThread()
        self._thread.submit(self._open)

    def _open(self) -> None:
        from vested.log.writer import open_answer_log

        notice = self._report if self._on_problem is not None else None
        try:
            self._log = open_answer_log(self._args, interface=self._interface, kb_digest=self._digest, on_notice=notice)
        except Exception as error:  # the front end must keep answering whatever the log does
            self._log = None
            self._report(f"Answers are not being logged: {error}")

    def _report(self, message: str) -> None:
        """Pass a log problem on, once each (called on the log's thread); kept for `close` without a listener."""
        if message in self._reported:
            return
        self._reported.add(message)
        if self._on_problem is not None:
            self._on_problem(message)
        else:
            self._undelivered.append(message)

    @property
    def path(self) -> str | None:
        """The log file, once opened and while logging is on."""
        log = self._log
        return log.path if log is not None and log.enabled else None

    @property
    def session_id(self) -> int | None:
        """This conversation's row in the log's sessions table, once its first answer is written."""
        log = self._log
        return log.session_id if log is not None else None

    def describe(self) -> str:
        """Where this conversation's answers go, in words (the chat's /log).

        Reads only attributes the log thread sets, so a log waiting on a lock never
        blocks the caller.
        """
        log = self._log
        if log is None or log.path is None:
            return "Answers are not being logged in this chat (--no-log or $VESTED_NO_LOG)."
        if not log.enabled:
            return f"Answers are not being logged: the log at {log.path} cannot be written."
        return f"Answers are logged to {log.path}"

    def record(self, answer: Answer, duration_ms: float) -> None:
        taken = self._thread.submit(lambda: self._record(answer, duration_ms))
        if self._wait_for_each:
            taken.result()

    def _record(self, answer: Answer, duration_ms: float) -> None:
        if self._log is not None:
            self._log.record(answer, duration_ms)

    def new_session(self) -> None:
        """Close this session in the log and start another (a new chat is a new conversation)."""

        def restart() -> None:
            if self._log is not None:
                for notice in self._log.close():
                    self._report(notice)
            self._open()

        self._thread.submit(restart)

    def close(self) -> list[str]:
        """Close the log and return what it has to tell the user (printed after exit)."""

        def close_log() -> list[str]:
            said = list(self._log.close()) if self._log is not None else []
            return [*self._undelivered, *said]

        try:
            return self._thread.submit(close_log).result(timeout=LOG_CLOSE_TIMEOUT)
        except TimeoutError:
            return ["the answer log did not close in time; the last answers may be missing"]
        finally:
            self._thread.finish()


class PastConversation(NamedTuple):
    """A conversation read back from the answer log, as the list of past chats shows it.

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    session_id: int
    started_at: str
    answers: int
    first_question: str


def answer_from_log(row: dict[str, Any]) -> Answer:
    """An answer as the log keeps it (vested.log.queries.export_answers) -> an Answer again.

    The log keeps no suggestions, so a conversation read back offers none.
    """
    from vested.core.answer import Answer

    return Answer.from_dict({**row, "confidence": row.get("confidence") or 0.0})


def write_private(path: Path, text: str, *, replace: bool = False) -> Path:
    """Write text to a file only the user can read (0600); the absolute path written.

    Without `replace`, an existing file is left alone and FileExistsError raised, so the
    caller can ask before overwriting. The text goes to a temporary file first, so a
    replaced file is never left half-written.
    """
    from pathlib import Path  # only for an export: `vested ask` never imports pathlib (issue 20)

    path = Path(path).expanduser().absolute()
    if path.exists() and not replace:
        raise FileExistsError(17, "the file is already there; choose another name", str(path))
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)  # a folder made for it is as private as the file
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


class FormCalculation(NamedTuple):
    """A calculation run from a calculator's form: its Answer and the inputs as read from the form."""

    answer: Answer
    name: str
    inputs: dict[str, Any]


class ChatSession:
    """The state of one conversation: what was asked and answered, and where it is logged.

    A plain class, not a dataclass: `vested ask` makes one as it starts, where a dataclass's
    generated methods cost about a millisecond (benchmarks/README.md).
    """

    def __init__(
        self,
        assistant: Assistant,
        log: AnswerLogWriter | None = None,
        source_texts: dict[str, SourceText] | None = None,
        today: date | None = None,
        follow_ups: bool = True,
        answers: list[Answer] | None = None,
        conversation: Conversation | None = None,
    ):
        self.assistant = assistant
        self.log = log
        self.source_texts = {} if source_texts is None else source_texts
        self.today = today
        self.follow_ups = follow_ups
        self.answers = [] if answers is None else answers
        if conversation is None and follow_ups:
            conversation = self._fresh_conversation()
        self.conversation = conversation

    @staticmethod
    def _fresh_conversation() -> Conversation:
        from vested.core.conversation import Conversation

        return Conversation()

    @property
    def kb(self) -> KnowledgeBase:
        return self.assistant.kb

    def ask(self, question: str) -> Answer:
        """Answer in the context of the conversation and log it (the chat calls it in a worker)."""
        answer, duration_ms = self.answer(question)
        self.keep(answer, duration_ms)
        return answer

    def answer(self, question: str) -> tuple[Answer, float]:
        """The answer in the context of the conversation and its milliseconds, not yet kept or logged.

        `vested ask` shows an answer before keeping it, so the log's write never delays it.
        """
        return self.assistant.timed_ask(question, self.conversation)

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

    def calculate(self, name: str, raw: dict[str, Any]) -> FormCalculation:
        """Run a calculator on a form's inputs, as `vested calc` runs it; nothing is kept or logged yet.

        Raises vested.calculate.form.FieldProblem, in words, naming the input at fault.
        """
        from vested.calculate import registry
        from vested.calculate.base import CalcContext
        from vested.calculate.form import form_question, run_form
        from vested.calculate.present import input_rows, result_answer

        spec = registry()[name]
        result = run_form(spec, raw, CalcContext(figures=self.kb.figures, today=self.today or date.today()))
        question = form_question(spec.title, input_rows(result))
        return FormCalculation(result_answer(question, result, self.kb), name, dict(raw))

    def keep_calculation(self, calculation: FormCalculation, duration_ms: float) -> None:
        """Keep and log a form's calculation; "what about 120k?" then builds on its inputs."""
        self.keep(calculation.answer, duration_ms)
        if self.conversation is not None:
            from vested.calculate.requests import CalculatorRequest

            self.conversation.history.append(calculation.answer)
            self.conversation.calculations.pending = None
            self.conversation.calculations.last_request = CalculatorRequest(calculation.name, dict(calculation.inputs))

    def suggestions(self, answer: Answer) -> list[str]:
        """What the chat offers under an answer: the core's suggestions, which are always questions."""
        return list(answer.suggestions)

    def start_over(self, earlier: list[Answer] | None = None) -> None:
        """A new conversation (optionally continuing one read back from the log).

        The answers read back are shown and exported but not logged again, and follow-ups
        start afresh: the log keeps what was answered, not what the assistant remembered.
        """
        self.answers = list(earlier or [])
        self.conversation = self._fresh_conversation() if self.follow_ups else None
        if self.log is not None:
            self.log.new_session()

    def past_conversations(self, limit: int = 50) -> list[PastConversation]:
        """Earlier chats in the answer log, newest first, this one left out (slow: a worker's job).

        Empty when nothing is logged (--no-log) or nothing was yet.
        """
        from vested.log.queries import conversations, local_time

        rows = self._read_log(lambda db: conversations(db, "chat", limit + 1))
        current = self.log.session_id if self.log is not None else None
        return [
            PastConversation(row["id"], local_time(row["started_at"]), row["answers"], row["first_question"] or "")
            for row in rows
            if row["id"] != current
        ][:limit]

    def read_conversation(self, session_id: int) -> list[Answer]:
        """A past conversation's answers, oldest first, as the log kept them."""
        from vested.log.queries import LogFilter, export_answers

        def read(db: Any) -> list[Answer]:
            return [answer_from_log(row) for row in export_answers(db, LogFilter(session=session_id))]

        return self._read_log(read)

    def _read_log(self, read: Callable[[Any], list]) -> list:
        """What read finds in the answer log; nothing when there is no log or it cannot be read."""
        import sqlite3

        from vested.log.database import LogMissing, LogUnreadable, open_for_reading

        path = self.log.path if self.log is not None else None
        if path is None:
            return []
        try:
            conn, _ = open_for_reading(path)
        except (LogMissing, LogUnreadable):
            return []
        try:
            return read(conn)
        except sqlite3.Error:
            return []
        finally:
            conn.close()

    def paragraph(self, source: str, section: str, number: int | None) -> str | None:
        """The whole cited paragraph, when the source texts were given (--sources)."""
        text = self.source_texts.get(source)
        if text is None or number is None:
            return None
        return text.paragraph(section, number)

    def export_markdown(self) -> str:
        """The conversation as Markdown: each question, its answer, sources and suggestions."""
        from vested.core.render import answer_markdown
        from vested.knowledge.records import replace

        day = self.today or date.today()
        parts = [f"# Vested conversation, {day.day} {day:%B %Y}", f"_{DISCLAIMER}_"]
        for answer in self.answers:
            parts.append(f"## {answer.question or '(empty question)'}")
            shown = replace(answer, suggestions=self.suggestions(answer))
            parts.append(answer_markdown(shown).strip())
        return "\n\n".join(parts) + "\n"

    def export(self, path: Path, *, replace: bool = False) -> Path:
        """Write the conversation to path, readable by the user only; the absolute path.

        FileExistsError when the file exists and `replace` is false; other OSErrors are
        the caller's to show.
        """
        return write_private(path, self.export_markdown(), replace=replace)

    def close(self) -> list[str]:
        return self.log.close() if self.log is not None else []


def open_session(
    *,
    assistant: Assistant | None = None,
    today: date | None = None,
    log_args: argparse.Namespace | None = None,
    sources_dir: Path | None = None,
    interface: str = "chat",
    on_log_problem: Callable[[str], None] | None = None,
    log: bool = True,
) -> ChatSession:
    """Load the knowledge base and everything else a conversation needs (slow: a worker's job).

    Raises KnowledgeError when the knowledge base is broken, for the front end to show.
    """
    if assistant is None:
        from vested.core.assistant import Assistant

        assistant = Assistant(today=today)
    texts: dict[str, Any] = {}
    if sources_dir is not None:
        from vested.knowledge.check import load_source_texts

        texts = load_source_texts(assistant.kb, sources_dir)
    writer = AnswerLogWriter(log_args, interface, assistant.kb.digest, on_log_problem) if log else None
    return ChatSession(assistant=assistant, log=writer, source_texts=texts, today=today)
