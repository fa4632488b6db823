"""Regular expressions compiled when first used, not when their module is imported.

Python compiles a pattern in Python code, a fraction of a millisecond each and more for long
ones, and a module's patterns mostly serve some questions only: those with numbers, those
asking for a calculation. Compiled on import, a `vested ask` about anything paid for all of
them (benchmarks/startup.py); declared as LazyPattern, it compiles the ones its question needs.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from vested.knowledge.regex_store import compile_pattern


class LazyPattern:
    """A regular expression that compiles itself on first use; it answers what a compiled one does."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0):
        self._source = pattern
        self._flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return compile_pattern(self._source, self._flags)

    def __getattr__(self, name: str) -> Any:
        """search, match, finditer, sub, pattern...: the compiled pattern's, kept here once asked for
        (Python calls this only for names it does not find, so the next use costs nothing extra)."""
        if name.startswith("_"):  # this object's own, asked for before they are set (copy, pickle)
            raise AttributeError(name)
        found = getattr(self.compiled, name)
        setattr(self, name, found)
        return found

    def __getstate__(self) -> dict[str, Any]:
        """The source and flags only: kept in the compiled knowledge, it is compiled again only when used."""
        return {"_source": self._source, "_flags": self._flags}
