"""`vested`: the chat with no arguments, or one of the subcommands.

argparse rather than a CLI framework: it costs nothing at start-up, and start-up speed
is part of the product for `vested ask` in scripts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from vested import __version__
from vested.commands import ask, calc, kb, log, walk
from vested.commands.common import UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vested",
        description="Vested: answers about US 401(k) plans, with sources and worked numbers. "
        "Run with no command to open the chat.",
        epilog="Educational information, not tax or legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"vested {__version__}")
    _add_shared_options(parser)
    parser.add_argument("--debug-timing", action="store_true", help="chat: print start-up timings on exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (ask, calc, walk, log, kb):
        module.register(commands)
    for subcommand in _nested_parsers(parser):
        _add_shared_options(subcommand, inherited=True)
    return parser


def _add_shared_options(parser: argparse.ArgumentParser, inherited: bool = False) -> None:
    """--db, --no-log and --sources, before the command or after it ("vested ask --no-log ...").

    After a command they default to SUPPRESS, so leaving them out there keeps what was given
    before it; a command that defines one of them itself keeps its own.
    """
    options: tuple[tuple[str, dict[str, Any]], ...] = (
        ("--db", {"metavar": "PATH", "help": "answer log database (default: $VESTED_DB or the user data dir)"}),
        ("--no-log", {"action": "store_true", "help": "do not log answers ($VESTED_NO_LOG=1)"}),
        ("--sources", {"metavar": "DIR", "help": "folder with the source texts ($VESTED_SOURCES)"}),
    )
    for flag, settings in options:
        if flag in parser._option_string_actions:
            continue
        after_the_command: dict[str, Any] = {"default": argparse.SUPPRESS} if inherited else {}
        parser.add_argument(flag, **settings, **after_the_command)


def _nested_parsers(parser: argparse.ArgumentParser):
    """Every command's parser, and their actions' (`vested log stats`), depth first."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield child
                yield from _nested_parsers(child)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from vested.commands.chat import run_chat

            return run_chat(args)
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except UsageError as error:
        print(f"vested: {error}", file=sys.stderr)
        return 2
    except Exception as error:
        # The language rules load when the core is first imported: broken ones are reported like broken entries.
        from vested.knowledge.loader import KnowledgeError

        if not isinstance(error, KnowledgeError):
            raise
        print(f"vested: the knowledge base has problems; run `vested kb check`:\n{error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
