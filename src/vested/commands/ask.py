"""`vested ask`: one question (or one a line from stdin) -> an answer, readable or JSON."""

from __future__ import annotations

import argparse
import sys

from vested.commands.common import UsageError, build_assistant


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "ask",
        help="answer one question (or one a line from stdin with -)",
        description="Answer a 401(k) question from the knowledge base or a calculator.",
        epilog='examples:  vested ask "can I borrow from my 401k"\n'
        '           echo "max loan with 80k vested" | vested ask --json -',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("question", nargs="*", help="the question, or - to read one a line from stdin")
    parser.add_argument("--json", action="store_true", help="print the Answer object (JSON Lines with -)")
    parser.add_argument("--session", action="store_true", help="treat the questions as one conversation (follow-ups)")
    parser.set_defaults(handler=run)


def _questions(args: argparse.Namespace):
    if args.question == ["-"]:
        for line in sys.stdin:
            yield line.rstrip("\n")
        return
    question = " ".join(args.question).strip()
    if not question:
        raise UsageError('ask needs a question, e.g. vested ask "how much can I borrow from my 401k?"')
    yield question


def run(args: argparse.Namespace) -> int:
    from vested.answer_log import open_answer_log
    from vested.assistant import Conversation
    from vested.render import print_answer

    assistant = build_assistant(args)
    conversation = Conversation() if args.session else None
    log = open_answer_log(args, interface="ask", kb_digest=assistant.kb.digest)
    try:
        for question in _questions(args):
            answer, duration_ms = assistant.timed_ask(question, conversation)
            if args.json:
                sys.stdout.write(answer.to_json() + "\n")
                sys.stdout.flush()
            else:
                print_answer(answer)
            log.record(answer, duration_ms)  # after showing it: a locked log must not delay the answer
    finally:
        for notice in log.close():
            print(f"vested: {notice}", file=sys.stderr)
    return 0
