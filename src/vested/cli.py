"""`vested`: the chat with no arguments, or one of the subcommands.

argparse rather than a CLI framework: it costs little at start-up, and start-up speed
is part of the product for `vested ask` in scripts. For the same reason a command line that
names its command builds that command's parser alone: registering every command imports
every command module (the log's queries, the calculators' flags) and translates every help
text, which cost `vested ask` more than answering (benchmarks/startup.py); and a plain `vested
ask` line is read without argparse at all, from the same declarations (vested.commands.arguments).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from vested import __version__
from vested.commands import streams
from vested.commands.arguments import Argument, read_plainly
from vested.commands.common import UsageError

if TYPE_CHECKING:
    import argparse

COMMANDS = ("ask", "calc", "walk", "log", "kb")
"""The subcommands, in the order `vested --help` lists them; each is the module vested.commands.<name>."""
_OPTIONS_WITH_VALUES = ("--db", "--sources")
_OPTIONS_THAT_STOP = ("-h", "--help", "--version")

INTERNAL_ERROR = 70
"""Exit status for a bug of Vested's (EX_SOFTWARE): never confused with a usage error (2)."""

SHARED_OPTIONS = (
    Argument("--db", metavar="PATH", help="answer log database (default: $VESTED_DB or the user data dir)"),
    Argument("--no-log", action="store_true", help="do not log answers ($VESTED_NO_LOG=1)"),
    Argument("--sources", metavar="DIR", help="folder with the source texts ($VESTED_SOURCES)"),
)
"""--db, --no-log and --sources: before the command or after it ("vested ask --no-log ...")."""
DEBUG_TIMING = Argument("--debug-timing", action="store_true", help="chat: print start-up timings on exit")


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class Parser(argparse.ArgumentParser):
        """A mistake on the command line is one line (exit 2), not argparse's usage dump;
        every command's parser is one of these (argparse makes subparsers of the parent's class)."""

        def error(self, message: str):
            streams.say(f"{self.prog}: {message}; see {self.prog} --help")
            raise SystemExit(2)

    return Parser


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given the arguments, with only the command they name (all when they name none)."""
    parser = _parser_class()(
        prog="vested",
        description="Vested: answers about US 401(k) plans, with sources and worked numbers. "
        "Run with no command to open the chat.",
        epilog="Educational information, not tax or legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"vested {__version__}")
    _add_shared_options(parser)
    DEBUG_TIMING.add_to(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = named_command(argv) if argv is not None else None
    for name in (named,) if named else COMMANDS:
        import_module(f"vested.commands.{name}").register(commands)
    for subcommand in _nested_parsers(parser):
        _add_shared_options(subcommand, inherited=True)
    return parser


def _add_shared_options(parser: argparse.ArgumentParser, inherited: bool = False) -> None:
    """SHARED_OPTIONS, before the command or after it.

    After a command they default to SUPPRESS, so leaving them out there keeps what was given
    before it; a command that defines one of them itself keeps its own.
    """
    import argparse

    for option in SHARED_OPTIONS:
        if option.flags[0] in parser._option_string_actions:
            continue
        after_the_command: dict[str, Any] = {"default": argparse.SUPPRESS} if inherited else {}
        option.add_to(parser, **after_the_command)


def named_command(argv: Sequence[str]) -> str | None:
    """The command the arguments name, or None when they name none or ask for the help or version
    before it (then every command must be known, to be listed)."""
    tokens = iter(argv)
    for token in tokens:
        if token in _OPTIONS_THAT_STOP or token == "--":
            return None
        if token in _OPTIONS_WITH_VALUES:
            next(tokens, None)
        elif not token.startswith("-"):
            return token if token in COMMANDS else None
    return None


def _nested_parsers(parser: argparse.ArgumentParser):
    """Every command's parser, and their actions' (`vested log stats`), depth first."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                yield child
                yield from _nested_parsers(child)


def parse(arguments: list[str]) -> Any:
    """The parsed arguments (an argparse Namespace, or its like): read plainly when the command
    declares its arguments (`ARGUMENTS`, with its handler `run`) and the line is plain, else by argparse."""
    named = named_command(arguments)
    command = import_module(f"vested.commands.{named}") if named else None
    if named and command is not None and hasattr(command, "ARGUMENTS"):
        before, after = (*SHARED_OPTIONS, DEBUG_TIMING), (*command.ARGUMENTS, *SHARED_OPTIONS)
        plain = read_plainly(arguments, named, before, after)
        if plain is not None:
            plain.handler = command.run
            return plain
    return build_parser(arguments).parse_args(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    streams.guard()
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = parse(arguments)
    try:
        if getattr(args, "db", None) == "":
            raise UsageError("--db needs a file path (leave it out for the default log)")
        if args.command is None:
            from vested.commands.chat import run_chat

            status = run_chat(args)
        else:
            status = args.handler(args)
        sys.stdout.flush()  # inside the try: a full or closed stdout is met here, not at exit
        return status
    except KeyboardInterrupt:
        streams.say("interrupted")
        return 130
    except UsageError as error:
        streams.say(f"vested: {error}")
        return 2
    except OSError as error:
        if not streams.is_output_error(error):
            return _internal_error(error)
        streams.silence_stdout()
        if not isinstance(error, BrokenPipeError):
            streams.say(f"vested: could not write the output: {error.strerror or error}")
            return 1
        return 0
    except Exception as error:
        # The language rules load when the core is first imported: broken ones are reported like broken entries.
        from vested.knowledge.loader import KnowledgeError

        if not isinstance(error, KnowledgeError):
            return _internal_error(error)
        print(f"vested: the knowledge base has problems; run `vested kb check`:\n{error}", file=sys.stderr)
        return 2


def _internal_error(error: Exception) -> int:
    """A bug of Vested's: one line, not a traceback (VESTED_DEBUG=1 shows it), exit 70."""
    if os.environ.get("VESTED_DEBUG"):
        raise error
    streams.say(f"vested: something went wrong inside Vested ({type(error).__name__}); please report it")
    return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
