"""Regular expressions compiled once per machine, not once per process.

Python compiles a regular expression in Python code (re's parser and compiler), and the patterns
one question needs (the normalizer's phrase rules, the reading's clauses and numbers, a
calculation's cues) took `vested ask` about 11 ms before its first answer, every time
(benchmarks/README.md, session 19). What the compiler makes is a list of integers, from which the
regular expression engine (`_sre`, in C) builds the pattern object in microseconds. So the first
process to compile a pattern keeps its list in a small file beside the compiled knowledge, and
later processes build the pattern from the list.

This reaches below re's public interface, to the three calls re.compile itself makes
(`re._parser.parse`, `re._compiler._code`, `_sre.compile`), so it is guarded at each step:
- the file is keyed by the interpreter (its version and build) and the engine's MAGIC and
  CODESIZE: no other Python reads lists made by this one;
- where those internals are missing, or one of them fails other than by rejecting the pattern,
  every pattern is compiled by re.compile from then on, as before;
- tests/test_regex_store.py holds patterns built from the file to re.compile's own (the same
  pattern, flags and groups, the same matches on generated texts).

The file is rewritten when the process exits, only if it compiled patterns the file lacked;
two processes writing at once each write a whole file and rename it into place, so the worst
is a pattern compiled again by the next one. It is a pickle read only from the user's own cache
folder, as the compiled knowledge is, and holds at most MAX_PATTERNS patterns.
"""

from __future__ import annotations

import atexit
import importlib
import os
import pickle
import re
import sys
import threading
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import StrPath

FILE_NAME = "compiled-patterns.pickle"
# Far above what Vested compiles (about 1,500 patterns when every set has been asked): a bound,
# should some caller ever compile patterns made from what people type.
MAX_PATTERNS = 20_000

Key = tuple[str, int]
Made = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _engine_module() -> Any:
    """The regular expression engine (`_sre`, untyped), or None in an interpreter without it."""
    try:
        return importlib.import_module("_sre")
    except ImportError:
        return None


_SRE = _engine_module()


def _engine() -> tuple[Any, ...] | None:
    """What stored code depends on (the interpreter and the engine), or None where the internals are missing."""
    try:
        return (sys.implementation.name, sys.version, sys.implementation.cache_tag, _SRE.MAGIC, _SRE.CODESIZE)
    except AttributeError:
        return None


ENGINE = _engine()


def _made(pattern: str, flags: int) -> Made:
    """What re.compile hands the engine for pattern: its flags, code, group count and names."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code = [int(word) for word in _compiler._code(parsed, flags)]
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _built(pattern: str, made: Made) -> re.Pattern[str]:
    built: re.Pattern[str] = _SRE.compile(pattern, *made)
    return built


class RegexStore:
    """Compiled patterns' code, read from one file when first needed and kept for the process (thread-safe)."""

    def __init__(self, path: StrPath | None):
        """
        Args:
            path: the file; None keeps what is compiled in memory only (the cache turned off).
        """
        self.path = None if path is None else os.fspath(path)
        self._working = ENGINE is not None
        self._stored: dict[Key, bytes] | None = None
        self._added: dict[Key, bytes] = {}
        self._lock = threading.Lock()

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """What re.compile(pattern, flags) returns, from the stored code when the file has it.

        An invalid pattern raises re.error, as re.compile does.
        """
        flags = int(flags)
        if not self._working:
            return re.compile(pattern, flags)
        key = (pattern, flags)
        try:
            stored = self._known().get(key) or self._added.get(key)
            if stored is not None:
                return _built(pattern, pickle.loads(stored))
            made = _made(pattern, flags)
            compiled = _built(pattern, made)
        except re.error:
            raise
        except Exception:  # internals changed under us: re.compile from now on
            self._working = False
            return re.compile(pattern, flags)
        self._add(key, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        return compiled

    def _known(self) -> dict[Key, bytes]:
        if self._stored is None:
            with self._lock:
                if self._stored is None:
                    self._stored = self._read()
        return self._stored

    def _read(self) -> dict[Key, bytes]:
        """The file's patterns, when it was written by this interpreter; else none."""
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as handle:
                if pickle.load(handle) != ENGINE:
                    return {}
                stored = pickle.load(handle)
            return stored if isinstance(stored, dict) else {}
        except Exception:  # missing, damaged or another version's: only costs compiling again
            return {}

    def _add(self, key: Key, made: bytes) -> None:
        with self._lock:
            if len(self._added) + len(self._stored or ()) >= MAX_PATTERNS:
                return
            if not self._added and self.path is not None:
                atexit.register(self.save)
            self._added[key] = made

    def save(self) -> None:
        """Write the file with what this process added, and what another wrote meanwhile."""
        with self._lock:
            if self.path is None or not self._added:
                return
            from vested.knowledge.compiled import write_whole

            merged = {**self._read(), **(self._stored or {}), **self._added}
            chunks = (pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL) for part in (ENGINE, merged))
            if not write_whole(self.path, chunks):
                return  # a file that cannot be written only costs the next process its compiling
            self._stored, self._added = merged, {}


@cache
def shipped_store() -> RegexStore:
    """The store in the user's cache folder (vested.knowledge.compiled.cache_dir); in memory when the cache is off."""
    from vested.knowledge.compiled import cache_dir

    folder = cache_dir()
    return RegexStore(os.path.join(folder, FILE_NAME) if folder else None)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), built from stored code once any Vested process has compiled it here."""
    return shipped_store().compile(pattern, flags)
