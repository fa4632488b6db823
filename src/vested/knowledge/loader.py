"""Loading the knowledge base from knowledge/ (or the copy shipped inside the wheel).

Loading validates every file against the records of vested.knowledge.models with pydantic;
problems are collected as `Problem`s naming the file, the line where one can be found, and
the entry, so `kb check` can report them all at once and the assistant can refuse to start
on a broken base with a clear message instead of a traceback. Loading is the slow way in
(TOML and validation, a few hundred milliseconds): at start-up the knowledge base comes
from the compiled cache (`shipped_knowledge_base`), which loads it this way only when a
file changed.
"""

from __future__ import annotations

import os
import re
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from vested.knowledge.figures import Figures
from vested.knowledge.models import Citation, Entry, Situation, Source, validated
from vested.knowledge.records import Record, field

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import ValidationError

    from vested.core.answer import SourceRef

KNOWLEDGE_ENV = "VESTED_KNOWLEDGE"
_TOML_LINE = re.compile(r"at line (\d+)")


class Problem(NamedTuple):
    """One thing wrong with the knowledge base, located as precisely as possible.

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    file: str
    message: str
    line: int | None = None
    entry: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        who = f" [{self.entry}]" if self.entry else ""
        return f"{where}{who}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge base cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class KnowledgeBase(Record, frozen=False):
    """Entries, sources and figures, with the file each entry came from."""

    folder: str  # where it was loaded from, kept as text: a Path in the compiled knowledge would import pathlib
    entries: list[Entry]
    sources: dict[str, Source]
    figures: Figures
    entry_files: dict[str, str] = field(default_factory=dict)
    digest: str = ""
    situations: list[Situation] = field(default_factory=list)

    @property
    def root(self) -> Path:
        """The folder it was loaded from."""
        from pathlib import Path

        return Path(self.folder)

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.entries}

    def entry(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def cite(self, citation: Citation) -> SourceRef:
        """A citation as the Answer contract shows it, with its source's title and date."""
        from vested.core.answer import SourceRef

        source = self.sources.get(citation.source)
        return SourceRef(
            source=citation.source,
            title=source.title if source else citation.source,
            section=citation.section,
            paragraph=citation.paragraph,
            quote=citation.quote,
            as_of=source.as_of if source else None,
        )

    @cached_property
    def topics(self) -> dict[str, list[Entry]]:
        """Entries grouped by their first tag, in file order."""
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.topic, []).append(entry)
        return grouped


def default_knowledge_dir() -> Path:
    """$VESTED_KNOWLEDGE, else the copy inside the installed wheel, else the repository's."""
    from pathlib import Path

    return Path(knowledge_folder())


def knowledge_folder() -> str:
    """default_knowledge_dir as text, for `vested ask`'s start, which never imports pathlib (issue 20)."""
    override = os.environ.get(KNOWLEDGE_ENV)
    if override:
        return override
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    packaged = os.path.join(package, "_knowledge")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "knowledge")


def line_of(text: str, pattern: str) -> int | None:
    """The 1-based line of the first match of pattern in text, for error messages."""
    match = re.search(pattern, text, flags=re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read_toml(path: Path, root: Path, problems: list[Problem]) -> tuple[dict, str]:
    import tomllib

    relative = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        problems.append(Problem(relative, f"malformed TOML: {error}", int(found.group(1)) if found else None))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, f"cannot read: {error}"))
    return {}, ""


def _describe(error: ValidationError) -> list[str]:
    return [f"{'.'.join(str(part) for part in item['loc']) or 'entry'}: {item['msg']}" for item in error.errors()]


def load_knowledge_base(root: Path | None = None) -> KnowledgeBase:
    """Load and validate everything under root; raise KnowledgeError listing all problems."""
    import hashlib  # here, not with the module: a start-up from the compiled cache hashes nothing
    from pathlib import Path

    from pydantic import ValidationError

    root = Path(root) if root else default_knowledge_dir()
    problems: list[Problem] = []
    digest = hashlib.sha256()
    if not root.is_dir():
        raise KnowledgeError([Problem(str(root), "knowledge directory not found")])

    sources: dict[str, Source] = {}
    data, text = _read_toml(root / "sources.toml", root, problems)
    digest.update(text.encode())
    for raw in data.get("source", []):
        try:
            source = validated(Source, raw)
        except ValidationError as error:
            line = line_of(text, rf'^id\s*=\s*"{re.escape(str(raw.get("id", "")))}"')
            problems.extend(Problem("knowledge/sources.toml", m, line) for m in _describe(error))
            continue
        if source.id in sources:
            line = line_of(text, rf'^id\s*=\s*"{re.escape(source.id)}"')
            problems.append(Problem("knowledge/sources.toml", f"duplicate source id {source.id!r}", line))
        sources[source.id] = source

    figures_data, figures_text = _read_toml(root / "figures.toml", root, problems)
    digest.update(figures_text.encode())
    figures = Figures(limits=[])
    if figures_data:
        try:
            figures = validated(Figures, figures_data)
        except ValidationError as error:
            problems.extend(Problem("knowledge/figures.toml", m) for m in _describe(error))

    entries: list[Entry] = []
    entry_files: dict[str, str] = {}
    for path in sorted((root / "faq").glob("*.toml")):
        relative = f"knowledge/faq/{path.name}"
        data, text = _read_toml(path, root, problems)
        digest.update(path.name.encode() + text.encode())
        for raw in data.get("entry", []):
            entry_id = str(raw.get("id", "?"))
            line = line_of(text, rf'^id\s*=\s*"{re.escape(entry_id)}"')
            try:
                entry = validated(Entry, raw)
            except ValidationError as error:
                problems.extend(Problem(relative, m, line, entry_id) for m in _describe(error))
                continue
            if entry.id in entry_files:
                problems.append(Problem(relative, f"duplicate id (also in {entry_files[entry.id]})", line, entry.id))
                continue
            entries.append(entry)
            entry_files[entry.id] = relative
    situations, situations_text = _situations(root, entry_files, problems)
    digest.update(situations_text.encode())
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        folder=str(root),
        entries=entries,
        sources=sources,
        figures=figures,
        entry_files=entry_files,
        digest=digest.hexdigest()[:16],
        situations=situations,
    )


def shipped_knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base (default_knowledge_dir), from the compiled cache while no file has changed."""
    from vested.knowledge import compiled

    return compiled.part("knowledge", load_knowledge_base)


def _situations(root: Path, entry_files: dict[str, str], problems: list[Problem]) -> tuple[list[Situation], str]:
    """knowledge/situations.toml, each note backed by an entry that exists, and the file's text."""
    from pydantic import ValidationError

    path = root / "situations.toml"
    if not path.exists():
        return [], ""
    data, text = _read_toml(path, root, problems)
    situations = []
    for raw in data.get("situation", []):
        line = line_of(text, rf'^id\s*=\s*"{re.escape(str(raw.get("id", "")))}"')
        try:
            situation = validated(Situation, raw)
        except ValidationError as error:
            problems.extend(Problem("knowledge/situations.toml", m, line) for m in _describe(error))
            continue
        if situation.entry not in entry_files:
            problems.append(Problem("knowledge/situations.toml", f"unknown entry {situation.entry!r}", line))
            continue
        groups = set(re.compile(situation.story).groupindex) if situation.story else set()
        for name in set(re.findall(r"\{(\w+)\}", situation.note)) - groups - {"age"}:
            message = f"its note names {{{name}}}, no group of its story"
            problems.append(Problem("knowledge/situations.toml", message, line))
        situations.append(situation)
    return situations, text
