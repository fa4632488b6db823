"""Command-line arguments declared once, as data: argparse builds the parsers from them, and a
plain command line is read from them without argparse.

`vested ask "what is a 401k"` in a script should cost little more than starting Python, and
importing argparse, building the parsers and parsing (with gettext translating every help
text and shutil measuring the terminal for a help that is never shown) took about 12 ms of it
(benchmarks/startup.py). So a command whose arguments are declared as `Argument`s (`vested
ask`) has its command line read directly when it is plain: known flags and options spelt out
in full, and the words of the question together. Anything else (--help, an abbreviation,
`--db=PATH`, a mistake) goes to argparse, built from the same declarations, which prints the
help or the error.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse


class Argument:
    """One argument as argparse's `add_argument` takes it: a positional list of words (nargs "*"),
    a flag (action "store_true") or an option with a value (a metavar)."""

    __slots__ = ("flags", "settings")

    def __init__(self, *flags: str, **settings: Any):
        self.flags = flags
        self.settings = settings

    @property
    def dest(self) -> str:
        return self.flags[0].lstrip("-").replace("-", "_")

    @property
    def is_flag(self) -> bool:
        return self.settings.get("action") == "store_true"

    @property
    def positional(self) -> bool:
        return not self.flags[0].startswith("-")

    @property
    def default(self) -> Any:
        """What argparse sets when the argument is not given: False for a flag, [] for words, else None."""
        if "default" in self.settings:
            return self.settings["default"]
        return False if self.is_flag else [] if self.positional else None

    def add_to(self, parser: argparse.ArgumentParser, **overrides: Any) -> None:
        parser.add_argument(*self.flags, **{**self.settings, **overrides})


def read_plainly(
    argv: Sequence[str], command: str, before: Sequence[Argument], after: Sequence[Argument]
) -> SimpleNamespace | None:
    """The arguments as argparse would parse them, when the command line is plain; else None.

    Plain: before the command, only the `before` options; after it, the `after` ones (one of
    them positional, the words) and the words together, not split by an option. Options are
    spelt out in full, and a value never starts with "-".
    """
    values = {argument.dest: argument.default for argument in before}
    values["command"] = command
    position = _read_options(argv, 0, before, values, stop=command)
    if position is None:
        return None
    for argument in after:  # an option of both keeps what was given before the command (argparse's SUPPRESS)
        values.setdefault(argument.dest, argument.default)
    words = next(argument for argument in after if argument.positional)
    position += 1
    taken: list[str] | None = None
    while position < len(argv):
        if argv[position].startswith("-"):
            read = _read_options(argv, position, after, values, stop=None, once=True)
            if read is None:
                return None
            position = read
            continue
        if taken is not None:  # words on both sides of an option: argparse's error to tell
            return None
        end = position
        while end < len(argv) and not argv[end].startswith("-"):
            end += 1
        taken = values[words.dest] = list(argv[position:end])
        position = end
    return SimpleNamespace(**values)


def _read_options(
    argv: Sequence[str],
    position: int,
    known: Sequence[Argument],
    values: dict[str, Any],
    stop: str | None,
    once: bool = False,
) -> int | None:
    """Read known options from position up to stop (or one option with once); where it stopped, or None
    when a token is not a known option spelt out in full or a value is missing."""
    by_flag = {flag: argument for argument in known if not argument.positional for flag in argument.flags}
    while position < len(argv) and argv[position] != stop:
        argument = by_flag.get(argv[position])
        if argument is None:
            return None
        if argument.is_flag:
            values[argument.dest] = True
            position += 1
        else:
            if position + 1 >= len(argv) or argv[position + 1].startswith("-"):
                return None
            values[argument.dest] = argv[position + 1]
            position += 2
        if once:
            return position
    return position if stop is None or position < len(argv) else None
