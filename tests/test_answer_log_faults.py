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
import time
from dataclasses import replace
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
from vested.log import writer as answer_log
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


def test_locked_log_waits_queues_retries_and_says_so_once(tmp_path):
    path = existing_log(tmp_path / "answers.db")
    other = hold_write_lock(path)
    log = AnswerLog(path, "chat", "kb", busy_timeout_ms=100)

    started = time.perf_counter()
    log.record(calculation_answer(), 1.0)
    assert time.perf_counter() - started >= 0.09, "it waited for the busy timeout first"
    assert log.waiting == 1
    assert log.notices == (), "one failed attempt is not yet worth a word"

    log.record(fallback_answer(), 1.0)
    log.record(limit_answer(), 1.0)
    assert log.waiting == 3
    assert len(log.notices) == 1
    assert "locked by another program" in log.notices[0]

    other.execute("COMMIT")
    other.close()
    log.record(loan_answer("fourth question"), 1.0)
    assert log.waiting == 0
    assert log.close() == list(log.notices)
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


def test_still_locked_at_exit_is_said_plainly(tmp_path):
    path = existing_log(tmp_path / "answers.db")
    other = hold_write_lock(path)
    log = AnswerLog(path, "ask", "kb", busy_timeout_ms=50)
    log.record(fallback_answer(), 1.0)
    notices = log.close()
    other.rollback()
    other.close()
    assert notices == [f"1 answer could not be written to the answer log at {path}: another program kept it locked"]
    assert table_count(path, "answers") == 1


# Not a SQLite file


def test_random_bytes_are_moved_aside_and_a_new_log_started(tmp_path):
    path = tmp_path / "answers.db"
    garbage = random.Random(7).randbytes(64 * 1024)
    path.write_bytes(garbage)
    log = AnswerLog(path, "ask", "kb")
    log.record(loan_answer(), 1.0)
    [notice] = log.close()

    [moved] = tmp_path.glob("answers.db.corrupt-*")
    assert moved.read_bytes() == garbage, "the old file is kept, byte for byte"
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
        def die(*args):
            os.kill(os.getpid(), signal.SIGKILL)  # after the answer row, before its sources

        answer_log.source_rows = die  # in the child only
        AnswerLog(path, "ask", "kb").record(calculation_answer(), 1.0)

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
