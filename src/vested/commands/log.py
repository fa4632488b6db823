"""`vested log`: what was asked, what was answered, from which sources, what fell back.

Plain text sized to the terminal (80 columns when piped), no rich: the output is meant
to be read, grepped and piped as much as looked at. --json and --csv are for tools.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from vested.core.answer import ANSWER_KINDS

if TYPE_CHECKING:
    from sqlite_utils import Database

Handler = Callable[[argparse.Namespace, "Database"], int]

DEFAULT_LIMIT = 20
LIST_MARKER = re.compile(r"([-*]|\d+\.|\[\d+\]) ")
CSV_COLUMNS = (
    "id",
    "asked_at",
    "session_id",
    "interface",
    "kind",
    "entry",
    "confidence",
    "as_of",
    "duration_ms",
    "question",
    "answer",
    "sources",
    "calculation_tool",
)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
    return value


def _date(text: str) -> str:
    from vested.log.queries import parse_local_date

    try:
        return parse_local_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "log",
        help="what was asked and answered, with sources (the answer log)",
        description="List, search, show, export and summarize logged answers.",
        epilog="examples:  vested log -q loan --since 2026-11-01\n"
        "           vested log show 12\n"
        "           vested log --kind fallback --csv > fallbacks.csv\n"
        "           vested log stats\n"
        "           sqlite3 \"$(vested log path)\" 'select count(*) from answers'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-q", "--query", metavar="TEXT", help="full-text search in questions and answers")
    parser.add_argument("--source", metavar="ID", help="answers citing this source (e.g. guide-2025)")
    parser.add_argument("--kind", choices=ANSWER_KINDS, help="answers of this kind")
    parser.add_argument("--since", metavar="DATE", type=_date, help="answers from this date on (YYYY-MM-DD)")
    parser.add_argument("--session", metavar="ID", type=_positive_int, help="answers of one session")
    parser.add_argument(
        "-n",
        "--limit",
        metavar="N",
        type=_positive_int,
        help=f"how many (default {DEFAULT_LIMIT} when listing, all when exporting)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="export JSON Lines: one answer with its sources a line")
    output.add_argument("--csv", action="store_true", help="export CSV: one answer a row")
    parser.set_defaults(handler=run_list)

    actions = parser.add_subparsers(dest="log_command", metavar="ACTION")
    show = actions.add_parser("show", help="one answer in full, with its sources and calculation")
    show.add_argument("id", type=_positive_int, help="the answer's id (first column of `vested log`)")
    show.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="as one JSON object")
    show.set_defaults(handler=run_show)
    path = actions.add_parser("path", help="print where the log file is")
    path.set_defaults(handler=run_path)
    stats = actions.add_parser("stats", help="counts by kind and interface, top entries and sources, what fell back")
    stats.add_argument(
        "--since", metavar="DATE", type=_date, default=argparse.SUPPRESS, help="only answers from this date on"
    )
    stats.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="as one JSON object")
    stats.set_defaults(handler=run_stats)
    purge = actions.add_parser("purge", help="delete logged answers (asks first)")
    purge.add_argument("--before", metavar="DATE", type=_date, help="only answers asked before this date")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    purge.set_defaults(handler=run_purge)


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((80, 24)).columns, 160))


def _shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _reading(when_missing: int) -> Callable[[Handler], Callable[[argparse.Namespace], int]]:
    """Open the existing log for a handler, and close it after.

    Reading never creates or moves a file: a missing log is "nothing logged yet" (exit
    `when_missing`), an unreadable one is one line on stderr (exit 1).
    """

    def decorate(handler: Handler) -> Callable[[argparse.Namespace], int]:
        @functools.wraps(handler)
        def run(args: argparse.Namespace) -> int:
            from vested.log.writer import LogMissing, LogUnreadable, log_path, open_for_reading

            path = log_path(args)
            try:
                db = open_for_reading(path)
            except LogMissing:
                print(f"no answers logged yet (the log will be {path})")
                return when_missing
            except LogUnreadable as error:
                print(f"vested: {error}", file=sys.stderr)
                return 1
            with db:
                return handler(args, db)

        return run

    return decorate


def _filter(args: argparse.Namespace):
    from vested.log.queries import LogFilter

    return LogFilter(text=args.query, source=args.source, kind=args.kind, since=args.since, session=args.session)


@_reading(when_missing=0)
def run_list(args: argparse.Namespace, db: Database) -> int:
    if args.json or args.csv:
        return _export(db, args)
    return _print_list(db, args)


def _print_list(db: Database, args: argparse.Namespace) -> int:
    from vested.log.queries import count_answers, latest_answers, local_time

    log_filter = _filter(args)
    limit = args.limit or DEFAULT_LIMIT
    rows = latest_answers(db, log_filter, limit)
    if not rows:
        print("no answers match" if log_filter.active else "no answers logged yet")
        return 0
    id_width = max(2, len(str(rows[0]["id"])))
    source_width = max(6, min(18, max(len(row["first_source"] or "") for row in rows)))
    question_width = _width() - (id_width + 2 + 16 + 2 + 11 + 2 + 2 + source_width)
    print(f"{'ID':>{id_width}}  {'WHEN':<16}  {'KIND':<11}  {'QUESTION':<{question_width}}  SOURCE")
    for row in rows:
        print(
            f"{row['id']:>{id_width}}  {local_time(row['asked_at']):<16}  {row['kind']:<11}  "
            f"{_shorten(row['question'], question_width):<{question_width}}  "
            f"{_shorten(row['first_source'] or '-', source_width)}"
        )
    total = count_answers(db, log_filter)
    if total > len(rows):
        print(f"(latest {len(rows)} of {total}; -n N for more, `vested log show ID` for one in full)")
    return 0


def _export(db: Database, args: argparse.Namespace) -> int:
    import csv

    from vested.log.queries import export_answers

    answers = export_answers(db, _filter(args), args.limit)
    if args.json:
        for answer in answers:
            sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for answer in answers:
        row = {column: answer.get(column) for column in CSV_COLUMNS}
        row["sources"] = "; ".join(dict.fromkeys(source["source"] for source in answer["sources"]))
        row["calculation_tool"] = answer["calculation"]["tool"] if answer["calculation"] else ""
        writer.writerow(row)
    return 0


@_reading(when_missing=1)
def run_show(args: argparse.Namespace, db: Database) -> int:
    from vested.log.queries import get_answer

    answer = get_answer(db, args.id)
    if answer is None:
        print(f"vested: no answer {args.id} in the log (see `vested log`)", file=sys.stderr)
        return 1
    if getattr(args, "json", False):
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0
    print("\n".join(answer_lines(answer, _width())))
    return 0


def _wrap(text: str, width: int, indent: str = "  ") -> list[str]:
    """Wrap Markdown-ish text line by line, keeping its paragraphs and hanging list items."""
    lines: list[str] = []
    for line in text.strip().splitlines():
        if not line.strip():
            lines.append("")
            continue
        stripped = line.lstrip()
        marker = LIST_MARKER.match(stripped)
        hang = " " * (len(line) - len(stripped) + (marker.end() if marker else 0))
        lines.extend(
            textwrap.wrap(
                line,
                width,
                initial_indent=indent,
                subsequent_indent=indent + hang,
                break_on_hyphens=False,
            )
        )
    return lines


def _source_line(number: int, source: dict[str, Any]) -> str:
    origin = source["source"] + (f", {source['as_of']}" if source.get("as_of") else "")
    parts = [f"{source['title']} ({origin})"]
    if source.get("section"):
        parts.append(f"section “{source['section'].lstrip('# ')}”")
    if source.get("paragraph"):
        parts.append(f"¶{source['paragraph']}")
    return f"[{number}] " + ", ".join(parts)


def _value(value: Any) -> str:
    """A calculation value as stored (amounts are exact decimal strings), readable."""
    if isinstance(value, str):
        return value
    return "not given" if value is None else json.dumps(value, ensure_ascii=False)


def answer_lines(answer: dict[str, Any], width: int = 80) -> list[str]:
    """`vested log show`: the answer as the user saw it, then where it came from."""
    from vested.log.queries import local_time

    facts = [answer["kind"]]
    if answer["entry"]:
        facts.append(f"entry {answer['entry']}")
    facts.append(f"confidence {answer['confidence']:.2f}")
    if answer["as_of"]:
        facts.append(f"as of {answer['as_of']}")
    took = f" in {answer['duration_ms']:g} ms" if answer["duration_ms"] is not None else ""
    lines = [
        f"Answer {answer['id']} · session {answer['session_id']} "
        f"({answer['interface']}, Vested {answer['app_version']})",
        f"Asked {local_time(answer['asked_at'], seconds=True)}, answered{took}",
        " · ".join(facts),
        "",
        "Question",
        *_wrap(answer["question"], width),
        "",
        "Answer",
        *_wrap(answer["answer"], width),
    ]
    if answer["sources"]:
        lines += ["", "Sources"]
        for number, source in enumerate(answer["sources"], 1):
            lines += _wrap(_source_line(number, source), width)
            if source.get("quote"):
                lines += _wrap(f"“{source['quote']}”", width, indent="      ")
    calculation = answer["calculation"]
    if calculation:
        lines += ["", f"Calculation: {calculation['tool']}"]
        for label in ("inputs", "outputs"):
            for name, value in calculation.get(label, {}).items():
                lines += _wrap(f"{label[:-1]:<6}  {name} = {_value(value)}", width)
        if calculation.get("steps"):
            lines.append("  steps")
            for step in calculation["steps"]:
                lines += _wrap(step, width, indent="    ")
    return lines


def run_path(args: argparse.Namespace) -> int:
    from vested.log.writer import log_path

    print(log_path(args))
    return 0


@_reading(when_missing=0)
def run_stats(args: argparse.Namespace, db: Database) -> int:
    from vested.log.queries import log_stats

    stats = log_stats(db, since=getattr(args, "since", None))
    if getattr(args, "json", False):
        print(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print("\n".join(stats_lines(stats, _width())))
    return 0


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def _table(title: str, pairs: list[tuple[str, int]], total: int | None, width: int) -> list[str]:
    if not pairs:
        return []
    count_width = max(len(f"{count:,}") for _, count in pairs)
    label_width = min(max(len(str(label)) for label, _ in pairs), width - count_width - 14)
    lines = [title]
    for label, count in pairs:
        share = f"  {count / total:6.1%}" if total else ""
        lines.append(f"  {_shorten(str(label), label_width):<{label_width}}  {count:>{count_width},}{share}")
    return lines


def stats_lines(stats, width: int = 80) -> list[str]:
    """`vested log stats` as text: each table short enough to read at a glance."""
    from vested.log.queries import local_time

    if not stats.answers:
        return ["no answers logged in that period"]
    span = f"{local_time(stats.first_asked)[:10]} to {local_time(stats.last_asked)[:10]}"
    lines = [
        f"{_plural(stats.answers, 'answer')} in {_plural(stats.sessions, 'session')}, {span}",
        f"Fallback rate: {stats.fallback_rate:.1%} ({stats.fallbacks:,} of {stats.answers:,} answers)",
        "",
    ]
    sections = [
        ("By kind", stats.by_kind, stats.answers),
        ("By interface", stats.by_interface, stats.answers),
        ("Top entries", stats.top_entries, None),
        ("Top sources (answers citing them)", stats.top_sources, None),
        ("Most frequent questions that fell back (what to cover next)", stats.fallback_questions, None),
    ]
    for title, pairs, total in sections:
        table = _table(title, pairs, total, width)
        if table:
            lines += [*table, ""]
    return lines[:-1]


@_reading(when_missing=0)
def run_purge(args: argparse.Namespace, db: Database) -> int:
    from vested.log.queries import LogFilter, count_answers, local_time, purge
    from vested.log.writer import log_path

    total = count_answers(db)
    doomed = total - count_answers(db, LogFilter(since=args.before)) if args.before else total
    if not doomed:
        print("nothing to purge")
        return 0
    scope = f" asked before {local_time(args.before)[:10]}" if args.before else ""
    if not args.yes and not _confirm(f"Delete {doomed:,} of {total:,} answers{scope} from {log_path(args)}?"):
        print("purge cancelled: nothing deleted", file=sys.stderr)
        return 1
    result = purge(db, args.before)
    print(
        f"deleted {_plural(result.answers, 'answer')}, {_plural(result.sources, 'source row')} "
        f"and {_plural(result.sessions, 'session')}; "
        f"{_plural(total - result.answers, 'answer')} "
        f"{'remains' if total - result.answers == 1 else 'remain'}"
    )
    if not result.compacted:
        print("(another program has the log open, so the file was not compacted)")
    return 0


def _confirm(question: str) -> bool:
    """y/yes on stdin; anything else, including no stdin at all (EOF), is no."""
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    reply = sys.stdin.readline() if sys.stdin is not None else ""
    if not reply:
        print(file=sys.stderr)
    return reply.strip().lower() in ("y", "yes")
