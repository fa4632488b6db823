"""The compiled knowledge: what the assistant builds from knowledge/, kept in one cache file.

Reading the knowledge base's TOML, validating it and building what the assistant works with
(the normalizer's rules, the scope's word sets, the forms of asking, the matcher's index)
takes about a second; unpickling what was built takes milliseconds. So each part is built
once and kept in one file in the user's cache folder ($VESTED_CACHE; empty turns the cache
off), as long as nothing it was built from changes: every TOML file under the knowledge
folder and the code that defines and builds the parts (the knowledge, understanding,
retrieval and calculate packages, the last for the calculators' language and the description
of their inputs, and the reader of entries' required words). When any of them changes, each
part is built again the first time it is asked for and the file rewritten; `vested kb check`
never reads the cache and validates every file.

A start checks the sources by their stamp (each file's size and modification time), a few
dozen stats; only when the stamp differs is every file read and hashed, and if the digest
still matches (a checkout that touched the files), the file is kept and its stamp updated.

Each module asks for its own parts by name (`part("normalizer", build)`), so no layer reaches
above its own. The parts are pickled one after another by one pickler, in the order they were
first asked for: a part that holds another's objects (the matcher holds the entries) holds the
same objects again when loaded, and a process unpickles only the parts up to the last it asks
for (an FAQ answer never loads the calculators' language). Unpickling a part imports the
modules of its objects, so no module may ask for a part while it is imported.

Two processes building at once each write a whole file under a temporary name and rename it
into place (os.replace is atomic): a reader sees one file or the other, never a mix, and
either is current. The file is a pickle read only from the user's own cache folder.

A source edited while a process runs must not leave parts built from the old text under the new
text's digest (the next start would trust them). So the digest is taken before a part is built,
before the build reads the sources, and a process whose parts came from the file under another
digest than the sources have now does not save: the next start builds what changed.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import pickle
import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import StrPath

CACHE_ENV = "VESTED_CACHE"
FILE_NAME = "compiled-knowledge.pickle"
# The packages and modules whose code defines or builds what is kept: editing any of them rebuilds it.
BUILDERS = ("knowledge", "understanding", "retrieval", "calculate", "core/coverage.py")
PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))

Part = TypeVar("Part")
# Called with a part's name before it is built rather than read (on_build): a front end says why this start is slow.
_build_listeners: list[Callable[[str], None]] = []


def on_build(listener: Callable[[str], None]) -> None:
    """Call listener(name) each time a part is built instead of read from the cache.

    The first start after an install or an update builds the matcher (its perceptrons train for
    half a minute or so); the commands tell a person at a terminal why, the core printing nothing.
    """
    _build_listeners.append(listener)


class SourceKey:
    """What the parts were built from, as a cheap stamp and, computed only when asked, a digest."""

    def __init__(self, stamp: str, digest: Callable[[], str]):
        """
        Args:
            stamp: changes whenever a source may have changed (sizes and modification times).
            digest: the sources' content digest, the judge when the stamps differ.
        """
        self.stamp = stamp
        self._compute_digest = digest
        self._digest: str | None = None

    def digest(self) -> str:
        """The content digest, computed on first use (reading and hashing every source file)."""
        if self._digest is None:
            self._digest = self._compute_digest()
        return self._digest


class CompiledKnowledge:
    """The parts, read from the cache file as they are first asked for and kept for the process (thread-safe)."""

    def __init__(self, path: StrPath | None, key: SourceKey):
        """
        Args:
            path: the cache file; None keeps the parts in memory only.
            key: the sources' key: a file written from other sources is stale.
        """
        self.path = None if path is None else os.fspath(path)
        self._key = key
        self._parts: dict[str, Any] | None = None
        self._unread: pickle.Unpickler | None = None  # the file's parts not yet unpickled
        self._read_digest: str | None = None  # the digest the file's parts were built from, once opened
        self._lock = threading.RLock()  # a part's build may ask for another (the matcher for the entries)

    def part(self, name: str, build: Callable[[], Part]) -> Part:
        """The named part from the cache when current, else built, kept and saved."""
        with self._lock:
            if self._parts is None:
                self._parts = {}
                self._unread = self._open()
            while name not in self._parts and self._unread is not None:
                self._read_next()
            if name not in self._parts:
                self._key.digest()  # the sources as they are before the build reads them
                for listener in _build_listeners:
                    listener(name)
                self._parts[name] = build()
                self._save()
            return self._parts[name]

    def _open(self) -> pickle.Unpickler | None:
        """The file's parts, ready to unpickle, when it was written from the current sources."""
        if self.path is None:
            return None
        try:
            with open(self.path, "rb") as handle:
                content = handle.read()
            stream = io.BytesIO(content)
            stamp, digest = pickle.load(stream)
            if stamp != self._key.stamp:
                if digest != self._key.digest():
                    return None
                self._write(content[stream.tell() :])  # the same sources, touched: stamped anew
        except Exception:  # missing, damaged or written by other code: only costs the rebuild
            return None
        self._read_digest = digest
        return pickle.Unpickler(stream)

    def _read_next(self) -> None:
        """The next part of the file, made with the cyclic collector paused: its objects hold no
        garbage for it to find, and it would walk them again and again as they are made."""
        assert self._parts is not None and self._unread is not None
        collecting = gc.isenabled()
        gc.disable()
        try:
            name, value = self._unread.load()
            self._parts[name] = value
        except Exception:  # the end of the file, or a damaged part: what is missing is built
            self._unread = None
        finally:
            if collecting:
                gc.enable()

    def _save(self) -> None:
        """Every part, those of the file not yet read included, written in the order they were asked for."""
        if self.path is None:
            return
        if self._read_digest is not None and self._read_digest != self._key.digest():
            return  # a source changed since this process started: its parts are of two versions
        while self._unread is not None:
            self._read_next()
        assert self._parts is not None
        body = io.BytesIO()
        pickler = pickle.Pickler(body, protocol=pickle.HIGHEST_PROTOCOL)
        for name, value in self._parts.items():
            pickler.dump((name, value))  # one pickler: what parts share is pickled once
        self._write(body.getvalue())

    def _write(self, body: bytes) -> None:
        """The file, its header naming the current sources, written whole under another name then renamed."""
        assert self.path is not None
        header = pickle.dumps((self._key.stamp, self._key.digest()), protocol=pickle.HIGHEST_PROTOCOL)
        write_whole(self.path, (header, body))  # a cache that cannot be written only costs the next start its time


def write_whole(path: str, chunks: Iterable[bytes]) -> bool:
    """The file written whole under another name, then renamed into place; False when it could not be.

    os.replace is atomic: a process reading the file meanwhile sees the old one or the new one,
    never a mix, and two processes writing at once leave one of their files whole.
    """
    folder, name = os.path.split(path)
    scratch = os.path.join(folder, f".{name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        os.makedirs(folder or ".", exist_ok=True)
        with open(scratch, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(scratch, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(scratch)
        return False
    return True


def source_files(knowledge_dir: StrPath) -> list[str]:
    """Everything the parts are built from: the knowledge folder's TOML files and the builders' modules."""
    files = _files(os.path.realpath(knowledge_dir), ".toml")
    for builder in BUILDERS:
        path = os.path.join(PACKAGE, builder)
        files += [path] if path.endswith(".py") else _files(path, ".py")
    return files


def _files(folder: str, suffix: str) -> list[str]:
    return sorted(
        os.path.join(parent, name) for parent, _, names in os.walk(folder) for name in names if name.endswith(suffix)
    )


def source_stamp(files: list[str]) -> str:
    """Each file's path, size and modification time: a changed file changes it, without being read."""
    stamps = []
    for path in files:
        status = os.stat(path)
        stamps.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}")
    return "\n".join(stamps)


def source_digest(files: list[str]) -> str:
    """The SHA-256 of every file's path and content."""
    import hashlib

    digest = hashlib.sha256()
    for path in files:
        with open(path, "rb") as handle:
            content = handle.read()
        digest.update(f"\0{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def source_key(knowledge_dir: StrPath) -> SourceKey:
    """The key of the parts built from knowledge_dir and the builders' code."""
    files = source_files(knowledge_dir)
    return SourceKey(source_stamp(files), lambda: source_digest(files))


def cache_dir() -> str | None:
    """$VESTED_CACHE, else the user's cache folder; None when the variable is set empty (no cache)."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return override or None
    from vested.knowledge.user_folders import user_folder

    return user_folder("cache")


@cache
def shipped() -> CompiledKnowledge:
    """The compiled knowledge of the shipped knowledge folder ($VESTED_KNOWLEDGE, the wheel's or the repository's)."""
    from vested.knowledge.loader import knowledge_folder

    folder = cache_dir()
    return CompiledKnowledge(os.path.join(folder, FILE_NAME) if folder else None, source_key(knowledge_folder()))


def part(name: str, build: Callable[[], Part]) -> Part:
    """The named part of the shipped knowledge, compiled (see the module docstring)."""
    return shipped().part(name, build)
