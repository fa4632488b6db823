"""Helpers shared by the subcommands: errors, the assistant and the answer log."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


class UsageError(Exception):
    """Bad input from the user: printed as one clear line, exit status 2."""


def sources_dir(args: argparse.Namespace) -> Path | None:
    """--sources, else $VESTED_SOURCES: where the seed texts are, if anywhere."""
    from pathlib import Path  # not on `vested ask`'s path (benchmarks/README.md, issue 20)

    value = getattr(args, "sources", None) or os.environ.get("VESTED_SOURCES")
    return Path(value) if value else None


FIRST_START_NOTICE = "vested: preparing the knowledge base for this version (once; up to a minute)..."


def tell_a_slow_first_start() -> None:
    """At a terminal, say once why a start builds the compiled knowledge; scripts and pipes see nothing."""
    from vested.knowledge import compiled

    told = False

    def notice(_part: str) -> None:
        nonlocal told
        if not told and sys.stderr is not None and sys.stderr.isatty():
            told = True
            print(FIRST_START_NOTICE, file=sys.stderr, flush=True)

    compiled.on_build(notice)


def build_assistant(args: argparse.Namespace):
    """The Assistant over the installed knowledge base, or a clear error if it is broken."""
    from vested.knowledge.loader import KnowledgeError

    tell_a_slow_first_start()
    try:
        from vested.core.assistant import Assistant  # importing it loads the language rules

        return Assistant()
    except KnowledgeError as error:
        raise UsageError(f"the knowledge base has problems; run `vested kb check`:\n{error}") from None
