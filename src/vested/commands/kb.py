"""`vested kb check` and `vested kb coverage`: the knowledge base's own tests."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vested.commands.common import sources_dir


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("kb", help="check the knowledge base", description="Knowledge-base tools.")
    actions = parser.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate entries, citations, quotes, coverage and the language rules")
    check.add_argument("--sources", metavar="DIR", help="folder with the source texts ($VESTED_SOURCES)")
    check.add_argument("--knowledge", metavar="DIR", help="knowledge folder to check (default: the installed one)")
    check.set_defaults(handler=run_check)
    cover = actions.add_parser("coverage", help="print COVERAGE.md: which entries cite each source paragraph")
    cover.add_argument("--sources", metavar="DIR", help="folder with the source texts ($VESTED_SOURCES)")
    cover.add_argument("--knowledge", metavar="DIR", help="knowledge folder (default: the installed one)")
    cover.set_defaults(handler=run_coverage)


def _load(args: argparse.Namespace):
    from vested.knowledge.loader import KnowledgeError, load_knowledge_base

    try:
        return load_knowledge_base(Path(args.knowledge) if args.knowledge else None), []
    except KnowledgeError as error:
        return None, error.problems


def run_check(args: argparse.Namespace) -> int:
    from vested.calculate import registry
    from vested.calculate.language import calculator_language_problems
    from vested.core.coverage import requires_problems
    from vested.knowledge.check import check_knowledge_base, load_source_texts
    from vested.understanding.language_check import check_language
    from vested.understanding.text import content_tokens

    kb, problems = _load(args)
    texts = {}
    directory = sources_dir(args)
    if kb is not None:
        if directory is not None and not directory.is_dir():
            print(f"vested: sources folder {directory} not found", file=sys.stderr)
            return 2
        if directory is not None:
            texts = load_source_texts(kb, directory)
        problems = check_knowledge_base(kb, texts, calculators=registry())
        if (kb.root / "language").is_dir():  # the language rules shipped beside the entries
            problems += check_language(kb.root / "language")
        if (kb.root / "calculators").is_dir():  # how questions speak of each calculator
            problems += calculator_language_problems(kb.root / "calculators")
        problems += requires_problems(kb, content_tokens)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    quotes = "quotes checked against the sources" if texts else "quotes not checked (no --sources)"
    print(f"knowledge base OK: {len(kb.entries)} entries, {len(kb.sources)} sources; {quotes}")
    return 0


def run_coverage(args: argparse.Namespace) -> int:
    from vested.knowledge.check import load_source_texts
    from vested.knowledge.coverage_report import coverage_markdown

    kb, problems = _load(args)
    directory = sources_dir(args)
    if kb is None or directory is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        if directory is None:
            print("vested: coverage needs the source texts: --sources DIR", file=sys.stderr)
        return 2
    sys.stdout.write(coverage_markdown(kb, load_source_texts(kb, directory)))
    return 0
