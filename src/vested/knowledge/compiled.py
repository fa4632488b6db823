"""The compiled knowledge: what the assistant builds from knowledge/, kept in one cache file.

Reading the knowledge base's TOML, validating it and building what the assistant works with
(the normalizer's rules, the scope's word sets, the forms of asking, the matcher's index)
takes about a second; unpickling what was built takes milliseconds. So each part is built
once and kept in one file in the user's cache folder ($VESTED_CACHE; empty turns the cache
off), as long as nothing it was built from changes: the file is keyed by a digest of every
TOML file under the knowledge folder and of the code that defines and builds the parts (the
knowledge, understanding and retrieval packages, and the calculators' language module). When
any of them changes, each part is built again the first time it is asked for and the file
rewritten; `vested kb check` never reads the cache and validates every file.

Each module asks for its own parts by name (`part("normalizer", build)`), so no layer reaches
above its own; the parts are pickled together, so one that holds another's objects (the
matcher holds the entries) holds the same objects again when loaded. Loading the file
imports the modules of every part, so no module may ask for a part while it is imported.

Two processes building at once each write a whole file under a temporary name and rename it
into place (os.replace is atomic): a reader sees one file or the other, never a mix, and
either is current. The file is a pickle read only from the user's own cache folder.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

CACHE_ENV = "VESTED_CACHE"
FILE_NAME = "compiled-knowledge.pickle"
# The packages and modules whose code defines or builds what is kept: editing any of them rebuilds it.
BUILDERS = ("knowledge", "understanding", "retrieval", "calculate/language.py")
PACKAGE = Path(__file__).resolve().parent.parent

Part = TypeVar("Part")


class CompiledKnowledge:
    """The parts, read from the cache file on first use and kept for the process (thread-safe)."""

    def __init__(self, path: Path | None, key: bytes):
        """
        Args:
            path: the cache file; None keeps the parts in memory only.
            key: the digest of the sources (`source_key`): a file with another key is stale.
        """
        self.path = path
        self._key = key
        self._parts: dict[str, Any] | None = None
        self._lock = threading.RLock()  # a part's build may ask for another (the matcher for the entries)

    def part(self, name: str, build: Callable[[], Part]) -> Part:
        """The named part from the cache when current, else built, kept and saved."""
        with self._lock:
            if self._parts is None:
                self._parts = self._read()
            if name not in self._parts:
                self._parts[name] = build()
                self._save(self._parts)
            return self._parts[name]

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as handle:
                if handle.read(len(self._key)) != self._key:
                    return {}
                parts = _unpickled(handle)
        except Exception:  # missing, damaged or written by other code: only costs the rebuild
            return {}
        return parts if isinstance(parts, dict) else {}

    def _save(self, parts: dict[str, Any]) -> None:
        if self.path is None:
            return
        scratch = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with scratch.open("wb") as handle:
                handle.write(self._key)
                pickle.dump(parts, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(scratch, self.path)
        except OSError:  # a cache that cannot be written only costs the next start its time
            scratch.unlink(missing_ok=True)


def _unpickled(handle: BinaryIO) -> Any:
    """The pickle's objects, made with the cyclic collector paused: they hold no garbage for it to
    find, and it would walk them again and again as they are made (a tenth of the load)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if collecting:
            gc.enable()


def source_key(knowledge_dir: Path) -> bytes:
    """The digest of everything the parts are built from: the knowledge folder's TOML and the builders' code."""
    digest = hashlib.sha256(str(knowledge_dir.resolve()).encode())
    sources = sorted(knowledge_dir.rglob("*.toml"))
    sources += sorted(module for builder in BUILDERS for module in _modules(PACKAGE / builder))
    for path in sources:
        content = path.read_bytes()
        digest.update(f"\0{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest().encode() + b"\n"


def _modules(builder: Path) -> list[Path]:
    return sorted(builder.rglob("*.py")) if builder.is_dir() else [builder]


def cache_dir() -> Path | None:
    """$VESTED_CACHE, else the user's cache folder; None when the variable is set empty (no cache)."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) if override else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("vested"))


@cache
def shipped() -> CompiledKnowledge:
    """The compiled knowledge of the shipped knowledge folder ($VESTED_KNOWLEDGE, the wheel's or the repository's)."""
    from vested.knowledge.loader import default_knowledge_dir

    folder = cache_dir()
    return CompiledKnowledge(folder / FILE_NAME if folder else None, source_key(default_knowledge_dir()))


def part(name: str, build: Callable[[], Part]) -> Part:
    """The named part of the shipped knowledge, compiled (see the module docstring)."""
    return shipped().part(name, build)
