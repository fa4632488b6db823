"""Regular expressions compiled when first used, not when their module is imported.

Python compiles a pattern in Python code, a fraction of a millisecond each and more for long
ones, and a module's patterns mostly serve some questions only: those with numbers, those
asking for a calculation. Compiled on import, a `vested ask` about anything paid for all of
them (benchmarks/startup.py); declared as LazyPattern, it compiles the ones its question needs,
and once the compiled knowledge is loaded, reads them as compiled by an earlier run
(vested.knowledge.compiled.pattern).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from vested.knowledge import compiled as compiled_knowledge


class LazyPattern:
    """A regular expression that compiles itself on first use; it answers what a compiled one does."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0):
        self._source = pattern
        self._flags = int(flags)

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return compiled_knowledge.pattern(self._source, self._flags)

    def __getattr__(self, name: str) -> Any:
        """search, match, finditer, sub, pattern...: the compiled pattern's, kept here once asked for
        (Python calls this only for names it does not find, so the next use costs nothing extra)."""
        if name.startswith("_"):  # this object's own, asked for before they are set (copy, pickle)
            raise AttributeError(name)
        found = getattr(self.compiled, name)
        setattr(self, name, found)
        return found
