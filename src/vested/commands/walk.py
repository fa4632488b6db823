"""`vested walk`: list the walkthroughs, run one question by question, or from an answers file.

On a terminal each question is asked with input(): a bad answer is explained in one line
and asked again, Enter takes the suggestion shown in brackets, "back" returns to the
previous question, "?" explains the question. After the result, what-ifs ("age 56") are
computed beside the first answers and shown as old, new and difference. With --answers
FILE.json nothing is asked, for scripts and tests. Every result is logged like any answer.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vested.commands.common import UsageError

if TYPE_CHECKING:
    from vested.core.answer import Answer
    from vested.log.writer import AnswerLog
    from vested.walkthroughs.engine import Comparison, Scenario, WalkContext, WalkSession, Walkthrough
    from vested.walkthroughs.models import Step

BACK = frozenset({"back", "b", "<"})
HELP = frozenset({"?", "help"})
QUIT = frozenset({"quit", "q", "exit"})
NEXT_HINT = (
    'What next? Type a change to compare, like "age 56" (several: "age 56; tax_rate 24"), '
    '"edit N" to change answer N, "compare" for all scenarios side by side, or "quit".'
)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "walk",
        help="guided what-if walkthroughs (with no name: list them)",
        description="Guided walkthroughs of a decision: a few questions, then the numbers, what "
        "they mean and the sources, with what-if comparisons. With no NAME, lists them.",
        epilog="examples:  vested walk\n"
        "           vested walk leaving-job\n"
        "           vested walk leaving-job --questions\n"
        "           vested walk leaving-job --answers answers.json --json\n\n"
        "An answers file is a JSON object of answers by question name, written as you would\n"
        'type them ({"balance": "45000", "age": 41, "tax_rate": "22%"}); questions left out\n'
        'take their defaults. To compare scenarios: {"answers": {...}, "what_if": [{"age": 56}]}.',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the walkthrough to run")
    parser.add_argument("--answers", metavar="FILE", help="answer from a JSON file (- for stdin): no questions asked")
    parser.add_argument("--json", action="store_true", help="print JSON (the list, or the results)")
    parser.add_argument("--questions", action="store_true", help="list NAME's questions (for an answers file)")
    parser.set_defaults(handler=run)


def today() -> date:
    """The date deadlines count from and "this year" means; tests replace it."""
    return date.today()


def run(args: argparse.Namespace) -> int:
    from vested.walkthroughs import get, registry

    if args.name is None:
        if args.answers or args.questions:
            raise UsageError("name the walkthrough, e.g. vested walk leaving-job --answers answers.json")
        return _list(registry(), args.json)
    walkthrough = get(args.name)
    if walkthrough is None:
        raise UsageError(f"no walkthrough called {args.name!r}; choose one of: {', '.join(registry())}")
    if args.questions:
        return _questions(walkthrough, args.json)
    context = _context()
    if args.answers:
        return _from_file(args, walkthrough, context)
    if args.json:
        raise UsageError("--json needs --answers FILE (the questions are asked on a terminal)")
    return _interactive(args, walkthrough, context)


def _context() -> WalkContext:
    from vested.knowledge.loader import KnowledgeError, load_knowledge_base
    from vested.walkthroughs.engine import WalkContext

    try:
        kb = load_knowledge_base()
    except KnowledgeError as error:
        raise UsageError(f"the knowledge base has problems; run `vested kb check`:\n{error}") from None
    return WalkContext(kb, today())


def _open_log(args: argparse.Namespace, context: WalkContext) -> AnswerLog:
    from vested.log.writer import open_answer_log

    return open_answer_log(args, interface="walk", kb_digest=context.kb.digest)


def _close_log(log: AnswerLog) -> None:
    for notice in log.close():
        print(f"vested: {notice}", file=sys.stderr)


# ------------------------------------------------------------------------ listings


def _list(walkthroughs: dict[str, Walkthrough], as_json: bool) -> int:
    if as_json:
        listing = [
            {"name": flow.name, "title": flow.title, "description": flow.description, "questions": len(flow.steps)}
            for flow in walkthroughs.values()
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return 0
    width = max(len(name) for name in walkthroughs)
    print("Walkthroughs (run one with: vested walk NAME)\n")
    for flow in walkthroughs.values():
        print(f"  {flow.name:<{width}}  {flow.title}")
        print(f"  {'':<{width}}  {flow.description}")
    return 0


def _questions(walkthrough: Walkthrough, as_json: bool) -> int:
    rows = []
    for step in walkthrough.steps:
        rows.append(
            {
                "name": step.field,
                "label": step.label,
                "type": step.type,
                "prompt": step.prompt,
                "default": step.default,
                "choices": [choice.value for choice in step.choices],
                "asked_when": [condition.model_dump(exclude_none=True, mode="json") for condition in step.when],
            }
        )
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"{walkthrough.title}: the questions (names for an answers file)\n")
    for step in walkthrough.steps:
        extras = []
        if step.choices:
            extras.append("one of " + ", ".join(choice.value for choice in step.choices))
        if step.default is not None:
            shown = ("yes" if step.default else "no") if isinstance(step.default, bool) else step.default
            extras.append(f"default {shown}")
        if step.when:
            extras.append("asked when " + " and ".join(condition.describe() for condition in step.when))
        print(f"  {step.field} ({step.type}{'; ' + '; '.join(extras) if extras else ''})")
        print(f"      {step.prompt}")
    return 0


# -------------------------------------------------------------------- answers file


MAX_ANSWERS_BYTES = 1_000_000
"""An answers file holds a few answers: a megabyte is far more than any needs (/dev/zero is not one)."""
MAX_WHAT_IFS = 20
"""What-ifs compared in one run: each is a full scenario and a column of the comparison."""


def _read_text(source: str) -> str:
    """The answers file's text (or stdin's), at most MAX_ANSWERS_BYTES, as UTF-8."""
    try:
        if source == "-":
            stream = getattr(sys.stdin, "buffer", sys.stdin) if sys.stdin is not None else None
            raw = stream.read(MAX_ANSWERS_BYTES + 1) if stream is not None else b""
        else:
            with open(source, "rb") as handle:
                raw = handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        raise UsageError(f"can't read the answers file {source}: {error.strerror or error}") from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise UsageError(f"the answers file {source} is over {MAX_ANSWERS_BYTES:,} bytes: it can't be an answers file")
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"the answers file {source} is not UTF-8 text (byte {error.start + 1} is not)") from None


class _NotANumber(ValueError):
    """JSON's NaN, Infinity or -Infinity: not a value any answer can take."""


def _not_a_number(word: str) -> None:
    raise _NotANumber(word)


def _read_answers(source: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(answers, what-ifs) from a JSON file; numbers stay exact (Decimal, never float).

    Whatever the file holds, the outcome is the answers or one clear line: JSON's NaN and
    Infinity are refused, and so are integers too long for Python (ValueError, not a
    JSONDecodeError) and nesting too deep to parse (RecursionError).
    """
    text = _read_text(source)
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_not_a_number)
    except json.JSONDecodeError as error:
        raise UsageError(f"the answers file {source} is not valid JSON: {error}") from None
    except _NotANumber as error:
        raise UsageError(f"the answers file {source} holds {error}, which no answer can be") from None
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        raise UsageError(f"the answers file {source} holds a number far too long to be an answer") from None
    except RecursionError:
        raise UsageError(f"the answers file {source} is nested too deeply to be an answers file") from None
    if not isinstance(data, dict):
        raise UsageError(f"the answers file {source} must hold a JSON object of answers by question name")
    if isinstance(data.get("answers"), dict):
        unknown = set(data) - {"answers", "what_if"}
        if unknown:
            raise UsageError(
                f"the answers file has {', '.join(sorted(unknown))}; only answers and what_if belong there"
            )
        what_ifs = data.get("what_if", [])
        if not isinstance(what_ifs, list) or not all(isinstance(item, dict) for item in what_ifs):
            raise UsageError('what_if must be a list of objects of changes, like [{"age": 56}]')
        if len(what_ifs) > MAX_WHAT_IFS:
            raise UsageError(f"what_if has {len(what_ifs):,} scenarios; compare at most {MAX_WHAT_IFS} at a time")
        return data["answers"], what_ifs
    return data, []


def _from_file(args: argparse.Namespace, walkthrough: Walkthrough, context: WalkContext) -> int:
    from vested.walkthroughs.answers import AnswerError
    from vested.walkthroughs.engine import AnswerProblems, WalkSession

    given, what_ifs = _read_answers(args.answers)
    try:
        answers = walkthrough.resolve(given, context.today)
    except AnswerProblems as problems:
        if len(problems.problems) == 1:  # one problem, one line
            raise UsageError(f"{walkthrough.name}: {problems.problems[0]}") from None
        lines = "\n".join(f"  - {problem}" for problem in problems.problems)
        raise UsageError(f"{walkthrough.name}: the answers can't be used:\n{lines}") from None
    session = WalkSession(walkthrough, context, answers)
    log = _open_log(args, context)
    try:
        answered: list[tuple[Scenario, Answer]] = []
        try:
            answered.append(_timed(session, log, None))
        except AnswerError as error:
            raise UsageError(f"{walkthrough.name}: {error}") from None
        for number, changes in enumerate(what_ifs, 1):
            try:
                answered.append(_timed(session, log, changes))
            except AnswerError as error:
                raise UsageError(f"{walkthrough.name}, what-if {number}: {error}") from None
        comparison = session.comparison() if len(answered) > 1 else None
        if args.json:
            print(json.dumps(_json_result(walkthrough, answered, comparison), ensure_ascii=False))
        else:
            _print_results(answered, comparison)
    finally:
        _close_log(log)
    return 0


def _timed(session: WalkSession, log: AnswerLog, changes: dict[str, Any] | None) -> tuple[Scenario, Answer]:
    """Compute a scenario (the answers, or a what-if), log its Answer, return both."""
    from vested.walkthroughs.engine import scenario_answer

    started = time.perf_counter()
    scenario = session.result() if changes is None else session.what_if(changes)
    comparison = compare_pair(session, scenario) if changes is not None else None
    answer = scenario_answer(session.walkthrough, scenario, session.context, comparison)
    log.record(answer, (time.perf_counter() - started) * 1000)
    return scenario, answer


def compare_pair(session: WalkSession, scenario: Scenario) -> Comparison:
    """The first scenario against this what-if: old, new and the difference."""
    from vested.walkthroughs.engine import compare

    return compare(session.walkthrough, [session.scenarios[0], scenario])


def _json_result(
    walkthrough: Walkthrough, answered: list[tuple[Scenario, Answer]], comparison: Comparison | None
) -> dict[str, Any]:
    from vested.calculate.base import jsonable

    return {
        "walkthrough": walkthrough.name,
        "title": walkthrough.title,
        "scenarios": [
            {"label": scenario.label, "changes": jsonable(scenario.changes), "answer": answer.to_dict()}
            for scenario, answer in answered
        ],
        "comparison": comparison.to_dict() if comparison else None,
    }


def _print_results(answered: list[tuple[Scenario, Answer]], comparison: Comparison | None) -> None:
    from vested.commands.render import print_answer

    print_answer(answered[0][1])
    if comparison is not None:
        _print_markdown(f"**Scenarios side by side**\n\n{comparison.markdown()}")


def _print_markdown(text: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    Console(file=sys.stdout, highlight=False).print(Markdown(text))


# ---------------------------------------------------------------------- terminal


class _EndOfInput(Exception):
    """stdin closed (Ctrl-D or the end of piped answers): finish quietly."""


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise _EndOfInput from None


def _interactive(args: argparse.Namespace, walkthrough: Walkthrough, context: WalkContext) -> int:
    from vested.walkthroughs.engine import WalkSession

    session = WalkSession(walkthrough, context)
    print(f"{walkthrough.title}\n{walkthrough.description}\n")
    print('Enter takes the [suggestion]; "back" goes to the previous question, "?" explains it, "quit" stops.\n')
    log = _open_log(args, context)
    try:
        _ask_steps(session)
        _review(session)
        _show_result(session, log)
        _what_next(session, log)
    except _EndOfInput:
        print()
    finally:
        _close_log(log)
    return 0


def _ask_steps(session: WalkSession) -> None:
    """Ask until every question shown for the current answers has one."""
    from vested.walkthroughs.answers import AnswerError

    while (step := session.current) is not None:
        number, total = session.position
        reply = _ask(_prompt(session, step, number, total)).strip()
        command = reply.lower()
        if command in QUIT:
            raise _EndOfInput
        if command in BACK:
            if not session.back():
                print("  (this is the first question)")
            continue
        if command in HELP:
            print(_indent(step.help or "No more to say about this one.") + "\n")
            continue
        try:
            session.answer(reply)
        except AnswerError as error:
            print(f"  ✗ {error}")


def _prompt(session: WalkSession, step: Step, number: int, total: int) -> str:
    hints = {"yes_no": "yes/no", "choice": " / ".join(choice.label for choice in step.choices)}
    parts = [f"{number}/{total} {step.prompt}"]
    if step.type in hints:
        parts.append(f"({hints[step.type]})")
    suggestion = session.suggestion(step)
    if suggestion:
        parts.append(f"[{suggestion}]")
    return " ".join(parts) + "\n> "


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())


def _review(session: WalkSession) -> None:
    """Show every answer; a number changes that one, Enter goes on to the result."""
    while True:
        print("\nYour answers:")
        rows = session.review()
        for number, (step, shown) in enumerate(rows, 1):
            print(f"  {number}. {step.label}: {shown}")
        reply = _ask("Press Enter for the result, or type a number to change that answer.\n> ").strip().lower()
        if not reply:
            return
        if reply in QUIT:
            raise _EndOfInput
        if reply.isdigit() and 1 <= int(reply) <= len(rows):
            session.edit(rows[int(reply) - 1][0].field)
            _ask_steps(session)
        else:
            print(f"  ✗ type a number from 1 to {len(rows)}, or press Enter")


def _show_result(session: WalkSession, log: AnswerLog) -> None:
    """Compute and show the result; an answer the arithmetic refuses is asked again."""
    from vested.commands.render import print_answer
    from vested.walkthroughs.answers import AnswerError

    while True:
        try:
            _, answer = _timed(session, log, None)
        except AnswerError as error:
            print(f"  ✗ {error}")
            if error.field is not None:
                session.edit(error.field)
                _ask_steps(session)
            _review(session)
            continue
        print()
        print_answer(answer)
        return


def _what_next(session: WalkSession, log: AnswerLog) -> None:
    from vested.walkthroughs.answers import AnswerError
    from vested.walkthroughs.engine import parse_changes

    while True:
        reply = _ask(f"\n{NEXT_HINT}\n> ").strip()
        command = reply.lower()
        if command in QUIT:
            return
        if not command:
            continue
        if command == "compare":
            if len(session.scenarios) < 2:
                print('  Nothing to compare yet: type a change first, like "age 56".')
            else:
                _print_markdown(session.comparison().markdown())
            continue
        if command.startswith("edit"):
            _edit(session, log, command.removeprefix("edit").strip())
            continue
        try:
            changes = parse_changes(session.walkthrough, reply)
            scenario, _ = _timed(session, log, changes)
        except AnswerError as error:
            print(f"  ✗ {error}")
            continue
        print(f"\n{scenario.result.headline}\n")
        _print_markdown(compare_pair(session, scenario).markdown())


def _edit(session: WalkSession, log: AnswerLog, which: str) -> None:
    rows = session.review()
    if not (which.isdigit() and 1 <= int(which) <= len(rows)):
        for number, (step, shown) in enumerate(rows, 1):
            print(f"  {number}. {step.label}: {shown}")
        print(f'  Type "edit N" with N from 1 to {len(rows)}.')
        return
    session.edit(rows[int(which) - 1][0].field)
    _ask_steps(session)
    _show_result(session, log)
