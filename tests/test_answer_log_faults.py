"""Faults, each made to happen for real: the answer is always shown, nothing logged is lost.

Read-only folders: these tests run as root in CI, and root ignores permission bits, so
the read-only cases run in a forked child that first drops to the unprivileged `nobody`
user (when the suite runs as an ordinary user, chmod alone does it). A path that cannot
be created is a path under a regular file, which stops root too.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

import vested.log.migrations  # noqa: F401  (loaded before forking: a child that drops root cannot import)
from tests.answer_log_samples import (
    calculation_answer,
    fallback_answer,
    limit_answer,
    loan_answer,
    run_in_child,
    table_count,
)
from vested.knowledge.records import replace
from vested.log.writer import AnswerLog

REPO = Path(__file__).resolve().parents[1]
NOBODY = 65534


def existing_log(path: Path, answers: int = 1) -> Path:
    log = AnswerLog(path, "ask", "kb")
    for _ in range(answers):
        log.record(loan_answer(), 1.0)
    assert log.close() == []
    return path


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another program in the middle of a write: it owns the lock until it commits."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def integrity(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO answers_fts(answers_fts) VALUES ('integrity-check')")
        orphans = conn.execute(
            "SELECT count(*) FROM answer_sources WHERE answer_id NOT IN (SELECT id FROM answers)"
        ).fetchone()[0]
        assert orphans == 0
    conn.close()


# Locked by another process


def test_locked_log_queues_in_order_and_never_holds_the_caller(tmp_path):
    path = existing_log(tmp_path / "answers.db")
    other = hold_write_lock(path)
    log = AnswerLog(path, "chat", "kb", busy_timeout_ms=100)

    log.record(calculation_answer(), 1.0)  # waits for this first attempt only
    log.record(fallback_answer(), 1.0)
    log.record(limit_answer(), 1.0)
    assert log.waiting == 3, "the lock is still held: all three wait in memory"
    assert log.notices == (), "nothing has failed yet: nothing to say"

    other.execute("COMMIT")
    other.close()
    log.record(loan_answer("fourth question"), 1.0)
    assert log.close() == []
    assert log.waiting == 0
    with sqlite3.connect(path) as conn:
        questions = [q for (q,) in conn.execute("SELECT question FROM answers ORDER BY id")]
    assert questions == [
        "can I borrow from my plan",
        "max loan with 80k vested",
        "what is the weather",
        "what is the 2026 contribution limit",
        "fourth question",
    ], "queued answers land in the order they were given"
    assert table_count(path, "answer_sources") == 2 + 1 + 0 + 1 + 2
    integrity(path)


def test_a_lock_released_within_the_busy_timeout_is_just_waited_for(tmp_path):
    path = existing_log(tmp_path / "answers.db")
    other = hold_write_lock(path)
    release = threading.Timer(0.2, lambda: other.execute("COMMIT"))
    release.start()
    log = AnswerLog(path, "ask", "kb", busy_timeout_ms=5000)
    log.record(fallback_answer(), 1.0)
    release.join()
    other.close()
    assert log.waiting == 0
    assert log.close() == []
    assert table_count(path, "answers") == 2


def test_still_locked_at_exit_keeps_the_answers_for_the_next_run(tmp_path):
    path = existing_log(tmp_path / "answers.db")
    other = hold_write_lock(path)
    log = AnswerLog(path, "ask", "kb", busy_timeout_ms=50, exit_wait_s=0.2)
    log.record(fallback_answer(), 1.0)
    log.record(limit_answer(), 1.0)
    [notice] = log.close()
    other.rollback()
    other.close()
    [kept] = tmp_path.glob("answers.db.pending-*.jsonl")
    assert notice == (
        f"the answer log at {path} was locked by another program; 2 answers kept in {kept.name} "
        "and added the next time Vested logs"
    )
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert table_count(path, "answers") == 1

    existing_log(path)  # the next run adds them first, then its own answer
    with sqlite3.connect(path) as conn:
        questions = [q for (q,) in conn.execute("SELECT question FROM answers ORDER BY id")]
        sessions = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    assert questions == [
        "can I borrow from my plan",
        "what is the weather",
        "what is the 2026 contribution limit",
        "can I borrow from my plan",
    ]
    assert sessions == 3
    assert not list(tmp_path.glob("answers.db.pending-*")), "added once, then deleted"
    integrity(path)


# Not a SQLite file


@pytest.mark.parametrize(
    "content",
    [random.Random(7).randbytes(64 * 1024), b"my precious thesis\n", b"\x00" * 200],
    ids=["random bytes", "a text file", "zeros"],
)
def test_a_file_that_is_not_sqlite_is_never_touched(tmp_path, content):
    """A mistyped --db must not cost the user a document: refused in one line, left as it was."""
    path = tmp_path / "thesis.md"
    path.write_bytes(content)
    path.chmod(0o644)
    log = AnswerLog(path, "ask", "kb")
    log.record(loan_answer(), 1.0)
    log.record(fallback_answer(), 1.0)
    [notice] = log.close()
    assert notice == (
        f"{path} is not a SQLite database, so it is not an answer log; Vested leaves it as it is "
        "(choose another file with --db or $VESTED_DB); answers are not logged for the rest of this session"
    )
    assert path.read_bytes() == content
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(tmp_path.iterdir()) == [path], "nothing renamed, nothing created beside it"


def test_a_symlink_to_a_text_file_is_refused_too(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    link = tmp_path / "answers.db"
    link.symlink_to(target)
    log = AnswerLog(link, "ask", "kb")
    log.record(loan_answer(), 1.0)
    [notice] = log.close()
    assert "is not a SQLite database" in notice
    assert link.is_symlink() and target.read_text() == "keep me"


def test_a_truncated_log_is_moved_aside_whole(tmp_path):
    path = existing_log(tmp_path / "answers.db", answers=5)
    original = path.read_bytes()[:1000]
    path.write_bytes(original)
    log = AnswerLog(path, "ask", "kb")
    log.record(loan_answer(), 1.0)
    [notice] = log.close()

    [moved] = tmp_path.glob("answers.db.corrupt-*")
    assert moved.read_bytes() == original, "the old file is kept, byte for byte"
    assert stat.S_IMODE(moved.stat().st_mode) == 0o600
    assert str(moved) in notice
    assert "not a readable SQLite database" in notice
    assert table_count(path, "answers") == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    integrity(path)


def test_a_damaged_log_is_moved_aside_too(tmp_path):
    path = existing_log(tmp_path / "answers.db", answers=3)
    with open(path, "r+b") as handle:  # keep SQLite's header, wreck the schema page
        handle.seek(100)
        handle.write(b"\xff" * 3000)
    log = AnswerLog(path, "ask", "kb")
    log.record(fallback_answer(), 1.0)
    [notice] = log.close()
    assert "moved it to" in notice
    assert len(list(tmp_path.glob("answers.db.corrupt-*"))) == 1
    assert table_count(path, "answers") == 1


def test_another_programs_database_is_left_alone(tmp_path):
    path = tmp_path / "budget.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE expenses (amount TEXT)")
    conn.close()
    before = path.read_bytes()
    log = AnswerLog(path, "ask", "kb")
    log.record(loan_answer(), 1.0)
    [notice] = log.close()
    assert "not a Vested answer log" in notice
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.corrupt-*"))


# Folders that cannot be written, a full disk


def test_a_path_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    log = AnswerLog(blocker / "answers.db", "ask", "kb")
    log.record(loan_answer(), 1.0)
    log.record(fallback_answer(), 1.0)
    [notice] = log.close()
    assert notice == (
        f"could not create the answer log at {blocker / 'answers.db'}: {blocker} is a file, "
        "not a folder; "
        "answers are not logged for the rest of this session"
    )
    assert "\n" not in notice
    assert not log.enabled


def as_unprivileged(job):
    """Run `job` where permission bits apply: as `nobody` when the tests run as root."""

    def demoted():
        if os.geteuid() == 0:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        return job()

    return run_in_child(demoted)


@pytest.fixture
def open_tmp():
    """A temporary folder `nobody` can reach (pytest's own sits in a root-only 0700 folder)."""
    folder = Path(tempfile.mkdtemp(prefix="vested-log-"))
    folder.chmod(0o755)
    yield folder
    for path in (folder, *folder.rglob("*")):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def test_a_read_only_folder(open_tmp):
    folder = open_tmp / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    target = folder / "answers.db"

    def job():
        log = AnswerLog(target, "ask", "kb")
        log.record(loan_answer(), 1.0)
        log.record(fallback_answer(), 1.0)
        return log.close()

    notices = as_unprivileged(job)
    assert notices == [
        f"could not create the answer log at {target}: Permission denied; "
        "answers are not logged for the rest of this session"
    ]
    assert not target.exists()


def test_a_log_that_cannot_be_written(open_tmp):
    """An existing log the user may read but not write (say, left by another account)."""
    folder = open_tmp / "shared"
    folder.mkdir()
    path = existing_log(folder / "answers.db")
    path.chmod(0o644)
    folder.chmod(0o555)

    def job():
        log = AnswerLog(path, "ask", "kb")
        log.record(fallback_answer(), 1.0)
        return log.close()

    [notice] = as_unprivileged(job)
    assert notice.startswith(f"could not write the answer log at {path}")
    assert notice.endswith("answers are not logged for the rest of this session")
    folder.chmod(0o755)
    assert table_count(path, "answers") == 1


def test_a_full_disk(tmp_path):
    """A file-size limit makes the disk 'full' for the child; earlier answers survive."""
    path = existing_log(tmp_path / "answers.db", answers=2)
    limit = path.stat().st_size + 40_000

    def job():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        log = AnswerLog(path, "ask", "kb")
        big = replace(loan_answer(), answer="x" * 30_000)
        for _ in range(5):
            log.record(big, 1.0)
        return log.close()

    [notice] = run_in_child(job)
    assert notice.startswith(f"could not write the answer log at {path}")
    assert "answers are not logged for the rest of this session" in notice
    assert table_count(path, "answers") >= 2
    integrity(path)
    assert table_count(path, "answer_sources") == 2 * table_count(path, "answers")


# A crash mid-write


def test_a_crash_mid_write_leaves_no_half_written_answer(tmp_path):
    path = existing_log(tmp_path / "answers.db")

    def job():
        from vested.log import rows

        insert = rows.insert

        def die_before_sources(conn, table, row):
            if table == "answer_sources":
                os.kill(os.getpid(), signal.SIGKILL)  # after the answer row, before its sources
            return insert(conn, table, row)

        rows.insert = die_before_sources  # in the child only
        log = AnswerLog(path, "ask", "kb")
        log.record(calculation_answer(), 1.0)
        log.close()

    with pytest.raises(RuntimeError, match="without a result"):
        run_in_child(job)
    assert table_count(path, "answers") == 1
    assert table_count(path, "answer_sources") == 2
    assert table_count(path, "sessions") == 1
    integrity(path)
    existing_log(path)
    assert table_count(path, "answers") == 2


# Two processes at once


@pytest.mark.slow
def test_two_processes_writing_500_answers_each(tmp_path):
    """Both start on a missing file, so they also race to create and migrate it."""
    path = tmp_path / "answers.db"
    command = [
        sys.executable,
        "-c",
        "import sys; from tests.answer_log_samples import write_numbered; "
        "write_numbered(sys.argv[1], 500, sys.argv[2])",
        str(path),
    ]
    writers = [
        subprocess.Popen([*command, label], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for label in ("first", "second")
    ]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert out == "[]", "no notices: nothing was locked for long"
    assert table_count(path, "answers") == 1000
    assert table_count(path, "answer_sources") == 2000
    with sqlite3.connect(path) as conn:
        per_session = conn.execute(
            "SELECT s.interface, count(*) FROM answers a JOIN sessions s ON s.id = a.session_id GROUP BY a.session_id"
        ).fetchall()
        assert per_session == [("ask", 500), ("ask", 500)]
        for label in ("first", "second"):
            numbers = {
                int(question.rsplit(" ", 1)[1])
                for (question,) in conn.execute("SELECT question FROM answers WHERE question LIKE ?", [f"{label} %"])
            }
            assert numbers == set(range(500))
        sources_each = conn.execute(
            "SELECT count(*) FROM (SELECT answer_id FROM answer_sources GROUP BY answer_id HAVING count(*) = 2)"
        ).fetchone()[0]
        assert sources_each == 1000
    conn.close()
    integrity(path)
