"""`vested`: the chat with no arguments, or one of the subcommands.

argparse rather than a CLI framework: it costs nothing at start-up, and start-up speed
is part of the product for `vested ask` in scripts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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
    parser.add_argument("--db", metavar="PATH", help="answer log database (default: $VESTED_DB or the user data dir)")
    parser.add_argument("--no-log", action="store_true", help="do not log answers ($VESTED_NO_LOG=1)")
    parser.add_argument("--sources", metavar="DIR", help="folder with the source texts ($VESTED_SOURCES)")
    parser.add_argument("--debug-timing", action="store_true", help="chat: print start-up timings on exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (ask, calc, walk, log, kb):
        module.register(commands)
    return parser


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


if __name__ == "__main__":
    sys.exit(main())
