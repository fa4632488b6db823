"""`vested ask`: one question (or one a line from stdin) -> an answer, readable or JSON."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from vested.commands.arguments import Argument
from vested.commands.common import UsageError, build_assistant
from vested.core.question_input import (
    MAX_QUESTION_CHARS,
    decoded,
    shortened,
    stdin_lines,
    too_long,
    too_long_message,
)

if TYPE_CHECKING:
    import argparse

    from vested.core.answer import Answer
    from vested.session import ChatSession

ARGUMENTS = (
    Argument("question", nargs="*", help="the question, or - to read one a line from stdin"),
    Argument("--json", action="store_true", help="print the Answer object (JSON Lines with -)"),
    Argument("--session", action="store_true", help="treat the questions as one conversation (follow-ups)"),
)
"""The command's arguments, declared once: argparse's parser and the plain reading (vested.cli.parse) use them."""


def register(commands: argparse._SubParsersAction) -> None:
    import argparse

    parser = commands.add_parser(
        "ask",
        help="answer one question (or one a line from stdin with -)",
        description="Answer a 401(k) question from the knowledge base or a calculator. "
        f"Questions are read up to {MAX_QUESTION_CHARS:,} characters; any bytes are read "
        "(what is not UTF-8 as U+FFFD).",
        epilog='examples:  vested ask "can I borrow from my 401k"\n'
        '           echo "max loan with 80k vested" | vested ask --json -',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for argument in ARGUMENTS:
        argument.add_to(parser)
    parser.set_defaults(handler=run)


def _questions(args: argparse.Namespace):
    if args.question == ["-"]:
        yield from stdin_lines()
        return
    question = decoded(" ".join(args.question)).strip()
    if not question:
        raise UsageError('ask needs a question, e.g. vested ask "how much can I borrow from my 401k?"')
    if too_long(question):
        raise UsageError(too_long_message())
    yield question


def run(args: argparse.Namespace) -> int:
    """Answer each question through one ChatSession, as the chat does (follow-ups only with --session).

    Each answer is printed before it is logged, and the log is opened only once the first
    answer is out: opening it (and the write) never delays an answer.
    """
    # What is made until the first answer is out lives until the command exits (modules, the compiled
    # knowledge, for a calculation pydantic and its calculator) and holds next to no garbage, so the
    # cyclic collector is paused meanwhile; then what was made is frozen out of it, not walked again by
    # its collections, those of the interpreter's shutdown included. Its collections took about as long
    # as answering, and a calculation's imports (pydantic) ran some 55 more (benchmarks/README.md).
    collector = _PausedCollector()
    try:
        from vested.session import AnswerLogWriter, ChatSession

        assistant = build_assistant(args)
        session = ChatSession(assistant=assistant, follow_ups=args.session)
    except BaseException:
        collector.resume()
        raise
    try:
        for number, question in enumerate(_questions(args), 1):
            answer, duration_ms = _answer(session, question, number)
            _show(answer, args.json)
            collector.resume()
            if session.log is None:
                session.log = AnswerLogWriter(args, "ask", assistant.kb.digest, wait_for_each=True)
            session.keep(answer, duration_ms)
    finally:
        collector.resume()
        for notice in session.close():
            print(f"vested: {notice}", file=sys.stderr)
    return 0


class _PausedCollector:
    """The cyclic collector paused until `resume`, which freezes what was made meanwhile and turns it
    back on (once; left alone when it was off already). The first answer's own garbage, if any, is
    frozen with the rest: a question's worth, kept until the command exits."""

    def __init__(self) -> None:
        self._paused = gc.isenabled()
        gc.disable()

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            gc.freeze()
            gc.enable()


def _answer(session: ChatSession, question: str, number: int) -> tuple[Answer, float]:
    """The answer and its milliseconds, not yet kept, in its place in the output whatever happens:
    a refusal or a failure is one too."""
    if too_long(question):
        print(f"vested: line {number}: {too_long_message()}", file=sys.stderr)
        return _refused(question), 0.0
    try:
        return session.answer(question)
    except Exception as error:  # one broken answer must not end a batch or shift its lines
        from vested.core.safe_text import terminal_safe

        shown = terminal_safe(question if len(question) <= 80 else question[:79] + "…")
        print(f"vested: could not answer {shown!r}: {type(error).__name__}", file=sys.stderr)
        return _failed(question, error), 0.0


def _refused(question: str) -> Answer:
    from vested.core.answer import Answer

    return Answer(
        question=shortened(question),
        kind="fallback",
        answer=f"This question is longer than {MAX_QUESTION_CHARS:,} characters, the most Vested reads. "
        "Ask it in fewer words.",
        confidence=0.0,
    )


def _show(answer: Answer, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(answer.to_json() + "\n")
    else:
        from vested.commands.render import print_answer

        print_answer(answer)
    sys.stdout.flush()


def _failed(question: str, error: Exception) -> Answer:
    """The answer shown when Vested itself fails: a fallback that says so, in its place in the output."""
    from vested.core.answer import Answer

    return Answer(
        question=question,
        kind="fallback",
        answer=f"Something went wrong inside Vested while answering this ({type(error).__name__}), so I have "
        "no answer to show. Other questions still work; asking another way may help.",
        confidence=0.0,
    )
