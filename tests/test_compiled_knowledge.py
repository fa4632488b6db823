"""The compiled knowledge (vested.knowledge.compiled): built once, read back as built, rebuilt when
a source changes, never read half-written."""

from __future__ import annotations

import io
import json
import pickle
import shutil
import subprocess
import sys
from typing import ClassVar

import pytest

from tests.conftest import DATA, REPO
from vested.knowledge import compiled
from vested.knowledge.compiled import CompiledKnowledge, SourceKey, source_key
from vested.understanding.scope import shipped_scope
from vested.understanding.text import shipped

KEY = SourceKey("stamp", lambda: "sources-digest")
HEADER = pickle.dumps(("stamp", "sources-digest"))


def unbuildable():
    raise AssertionError("this part should have been read from the file")


def test_a_part_is_built_once_then_read_from_the_file(tmp_path):
    path = tmp_path / "compiled.pickle"
    builds = []

    def build() -> dict:
        builds.append(1)
        return {"words": ["loan", "rollover"]}

    assert CompiledKnowledge(path, KEY).part("words", build) == {"words": ["loan", "rollover"]}
    assert CompiledKnowledge(path, KEY).part("words", unbuildable) == {"words": ["loan", "rollover"]}
    assert builds == [1]


def test_a_file_from_other_sources_is_rebuilt_and_replaced(tmp_path):
    path = tmp_path / "compiled.pickle"
    CompiledKnowledge(path, KEY).part("figure", lambda: 1)
    edited = SourceKey("edited stamp", lambda: "edited-sources")
    assert CompiledKnowledge(path, edited).part("figure", lambda: 2) == 2
    assert CompiledKnowledge(path, edited).part("figure", unbuildable) == 2


def test_sources_touched_but_not_changed_keep_the_file_and_stamp_it_anew(tmp_path):
    """A checkout that rewrites the files as they were changes their times, not their digest."""
    path = tmp_path / "compiled.pickle"
    CompiledKnowledge(path, KEY).part("figure", lambda: 1)
    digests = []
    touched = SourceKey("touched stamp", lambda: digests.append(1) or "sources-digest")
    assert CompiledKnowledge(path, touched).part("figure", unbuildable) == 1
    assert CompiledKnowledge(path, touched).part("figure", unbuildable) == 1
    assert digests == [1], "the second start knew the file by its new stamp, without hashing the sources"


class Sources:
    """Knowledge files that an edit changes while a process runs: the digest is of their text at the time."""

    def __init__(self) -> None:
        self.text = "old rules"

    def key(self) -> SourceKey:
        return SourceKey("start stamp", lambda: f"digest of {self.text}")


def test_a_source_edited_while_a_part_is_built_never_files_the_old_part_under_the_new_digest(tmp_path):
    path = tmp_path / "compiled.pickle"
    sources = Sources()

    def build_then_edit() -> str:
        built = f"built from {sources.text}"
        sources.text = "new rules"  # edited while the process runs, after the build read the sources
        return built

    CompiledKnowledge(path, sources.key()).part("rules", build_then_edit)
    later = SourceKey("later stamp", lambda: f"digest of {sources.text}")
    assert CompiledKnowledge(path, later).part("rules", lambda: f"built from {sources.text}") == "built from new rules"


def test_parts_read_under_one_digest_are_not_saved_beside_parts_built_under_another(tmp_path):
    path = tmp_path / "compiled.pickle"
    sources = Sources()
    CompiledKnowledge(path, sources.key()).part("first", lambda: f"first from {sources.text}")
    running = CompiledKnowledge(path, sources.key())
    assert running.part("first", unbuildable) == "first from old rules"
    sources.text = "new rules"  # edited while this process runs
    running.part("second", lambda: f"second from {sources.text}")
    later = SourceKey("later stamp", lambda: f"digest of {sources.text}")
    assert CompiledKnowledge(path, later).part("first", lambda: f"first from {sources.text}") == "first from new rules"


class Loaded:
    """A part that tells when it is unpickled."""

    seen: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.value = 1  # a state to set: pickle calls __setstate__ only for one

    def __setstate__(self, state: dict) -> None:
        Loaded.seen.append("unpickled")


def test_a_process_unpickles_the_parts_up_to_the_last_it_asks_for(tmp_path):
    """An FAQ answer does not pay for the calculators' parts that the file keeps after its own."""
    path = tmp_path / "compiled.pickle"
    building = CompiledKnowledge(path, KEY)
    building.part("knowledge", lambda: [1, 2])
    building.part("calculators", Loaded)
    Loaded.seen.clear()
    reading = CompiledKnowledge(path, KEY)
    assert reading.part("knowledge", unbuildable) == [1, 2]
    assert Loaded.seen == []
    assert isinstance(reading.part("calculators", unbuildable), Loaded)
    assert Loaded.seen == ["unpickled"]


@pytest.mark.parametrize(
    "content", [b"", HEADER, HEADER + b"not a pickle", HEADER + pickle.dumps(["not", "parts"]), b"\x80"]
)
def test_a_damaged_file_costs_a_rebuild_not_an_error(tmp_path, content):
    path = tmp_path / "compiled.pickle"
    path.write_bytes(content)
    assert CompiledKnowledge(path, KEY).part("figure", lambda: 7) == 7
    assert CompiledKnowledge(path, KEY).part("figure", unbuildable) == 7


def test_parts_that_share_objects_still_share_them_when_read_back(tmp_path):
    """The matcher holds the knowledge base's entries: read back, they are the same objects, not copies."""
    path = tmp_path / "compiled.pickle"
    entries = [{"id": "loans.maximum"}]
    building = CompiledKnowledge(path, KEY)
    building.part("knowledge", lambda: entries)
    building.part("matcher", lambda: {"entries": building.part("knowledge", unbuildable)})
    reading = CompiledKnowledge(path, KEY)
    assert reading.part("matcher", unbuildable)["entries"] is reading.part("knowledge", unbuildable)


def test_without_a_cache_folder_parts_are_built_and_kept_in_memory(tmp_path):
    memory = CompiledKnowledge(None, KEY)
    assert memory.part("figure", lambda: 3) == 3
    assert memory.part("figure", unbuildable) == 3
    assert list(tmp_path.iterdir()) == []


def test_editing_a_knowledge_file_or_the_code_that_builds_the_parts_changes_the_key(tmp_path, monkeypatch):
    knowledge = shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    before = source_key(knowledge)
    words = knowledge / "language" / "words.toml"
    words.write_text(words.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = source_key(knowledge)
    assert (after.stamp, after.digest()) != (before.stamp, before.digest())

    package = shutil.copytree(compiled.PACKAGE, tmp_path / "vested", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(compiled, "PACKAGE", package)
    before = source_key(knowledge)
    normalizer = package / "understanding" / "text.py"
    normalizer.write_text(normalizer.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = source_key(knowledge)
    assert (after.stamp, after.digest()) != (before.stamp, before.digest())


WRITER = """
import sys
from pathlib import Path
from vested.knowledge.compiled import CompiledKnowledge, SourceKey

path = Path(sys.argv[1])
for round in range(5):
    for number in range(6):
        # each process its own reader and writer, starting from whatever the others left
        built = CompiledKnowledge(path, SourceKey("stamp", lambda: "key"))
        value = built.part(f"part-{number}", lambda: list(range(number * 20_000)))
        assert value == list(range(number * 20_000)), "a part read back is not the part built"
"""


def test_processes_building_at_once_leave_one_whole_file(tmp_path):
    """Each save writes a whole file under a temporary name and renames it into place: readers never see half."""
    path = tmp_path / "compiled.pickle"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stderr=subprocess.PIPE, text=True) for _ in range(4)
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0, 0], errors
    for number in range(6):
        read = CompiledKnowledge(path, SourceKey("stamp", lambda: "key"))
        assert read.part(f"part-{number}", unbuildable) == list(range(number * 20_000))
    assert [item.name for item in tmp_path.iterdir()] == ["compiled.pickle"], "no temporary file is left behind"


def paraphrases() -> list[str]:
    return [json.loads(line)["q"] for line in (DATA / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_parts_read_back_decide_every_question_as_the_parts_built(assistant):
    """What is pickled is what was built: the matcher ranks (its BM25 shares included), the normalizer
    reads and the scope decides every question of the paraphrase set alike."""
    matcher, normalizer, scope = (
        pickle.loads(pickle.dumps(part)) for part in (assistant.matcher, shipped(), shipped_scope())
    )
    for question in paraphrases():
        found = shipped().normalize(question)
        assert normalizer.normalize(question) == found
        ranked = [(match.entry.id, match.score, match.lexical) for match in assistant.matcher.rank(question)]
        assert [(match.entry.id, match.score, match.lexical) for match in matcher.rank(question)] == ranked
        decisions = [getattr(shipped_scope(), name)(found) for name in ("other_product", "in_domain", "uncovered")]
        assert [getattr(scope, name)(found) for name in ("other_product", "in_domain", "uncovered")] == decisions
        assert scope.personal_pick(question) == shipped_scope().personal_pick(question)


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal, or not."""

    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [True, False])
def test_a_slow_first_start_is_explained_once_at_a_terminal_only(tmp_path, monkeypatch, tty):
    """Building the compiled knowledge (the matcher's perceptrons train for half a minute) is told once on
    stderr when it is a terminal; a second part built, or a part read from the file, says nothing more."""
    from vested.commands.common import FIRST_START_NOTICE, tell_a_slow_first_start

    monkeypatch.setattr(compiled, "_build_listeners", [])
    stderr = _Terminal(tty)
    monkeypatch.setattr(sys, "stderr", stderr)
    tell_a_slow_first_start()
    knowledge = CompiledKnowledge(tmp_path / "parts.pickle", KEY)
    knowledge.part("one", lambda: 1)
    knowledge.part("two", lambda: 2)
    CompiledKnowledge(tmp_path / "parts.pickle", KEY).part("one", lambda: 1)
    assert stderr.getvalue() == (FIRST_START_NOTICE + "\n" if tty else "")


def test_only_a_part_built_is_told_to_the_listeners(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "_build_listeners", [])
    built: list[str] = []
    compiled.on_build(built.append)
    CompiledKnowledge(tmp_path / "parts.pickle", KEY).part("matcher", lambda: "index")
    CompiledKnowledge(tmp_path / "parts.pickle", KEY).part("matcher", lambda: "index")
    assert built == ["matcher"]
