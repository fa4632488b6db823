"""Faults made to happen for real, through the installed command in its own process.

Lock, damage, a newer schema, a foreign file, a full disk (a file-size limit), kill -9
mid-batch, non-UTF-8 input, loose permissions, a closed or full stdout. The rule each
test holds: every answer is printed, none is lost (but the one in flight at kill -9),
the user's files are never replaced, and every problem is one line, never a traceback.
No test measures time: a lock that would delay answers shows up as answers missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.answer_log_samples import table_count

VESTED = [sys.executable, "-m", "vested.cli"]
QUESTIONS = ["what is an RMD", "max loan with 80k vested", "can I borrow from my plan", "what is vesting"]


def vested(*args: str, db: Path, stdin: bytes = b"", env: dict | None = None, **options) -> subprocess.CompletedProcess:
    environment = {**os.environ, "VESTED_DB": str(db), **(env or {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run([*VESTED, *args], input=stdin, env=environment, timeout=300, check=False, **streams)


def batch(count: int) -> bytes:
    return "".join(f"{QUESTIONS[number % len(QUESTIONS)]} {number}\n" for number in range(count)).encode()


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    assert text.count("\n") == 1, text
    return text


def integrity(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO answers_fts(answers_fts) VALUES ('integrity-check')")
    conn.close()


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """A log with four answers in it."""
    path = tmp_path / "answers.db"
    result = vested("ask", "--json", "-", db=path, stdin=batch(4))
    assert result.returncode == 0, result.stderr
    assert table_count(path, "answers") == 4
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ input


def test_a_non_utf8_line_is_answered_and_logged_with_the_rest(tmp_path):
    """The review's D1: one Latin-1 byte cost 990 of 1,000 log rows, or the whole batch."""
    lines = batch(60).splitlines(keepends=True)
    lines[10] = b"caf\xe9 401k\n"
    path = tmp_path / "answers.db"
    for encoding in ("utf-8", "utf-8:surrogateescape"):
        result = vested("ask", "--json", "-", db=path, stdin=b"".join(lines), env={"PYTHONIOENCODING": encoding})
        assert result.returncode == 0, result.stderr
        replies = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]  # strict UTF-8
        assert len(replies) == 60
        assert replies[10]["question"] == "caf\ufffd 401k"
        assert result.stderr == b""
    assert table_count(path, "answers") == 120
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM answers WHERE question = 'caf\ufffd 401k'").fetchone()[0] == 2
    conn.close()


def test_a_non_utf8_question_on_the_command_line(tmp_path):
    result = vested("ask", "--json", os.fsdecode(b"caf\xe9 loan 80k"), db=tmp_path / "answers.db")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["question"] == "caf\ufffd loan 80k"


def test_an_over_long_question_is_refused_in_its_place(tmp_path):
    long_line = b"401k loan 80k age 55 " * 50_000  # a megabyte: not read beyond the limit
    result = vested(
        "ask", "--json", "-", db=tmp_path / "answers.db", stdin=b"what is an RMD\n" + long_line + b"\nwhat is vesting\n"
    )
    assert result.returncode == 0
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [reply["kind"] for reply in replies] == ["faq", "fallback", "faq"]
    assert "longer than 4,000 characters" in replies[1]["answer"]
    assert one_line(result.stderr) == (
        "vested: line 2: the question is longer than 4,000 characters, the most Vested reads: ask in fewer words\n"
    )
    single = vested("ask", "x" * 4001, db=tmp_path / "answers.db")
    assert single.returncode == 2
    assert "longer than 4,000 characters" in one_line(single.stderr)


# ------------------------------------------------------------------ locks


def hold_exclusive(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_a_locked_log_delays_nothing_and_loses_nothing(log):
    other = hold_exclusive(log)
    try:
        result = vested("ask", "--json", "-", db=log, stdin=batch(40))
        assert result.returncode == 0
        assert len(result.stdout.splitlines()) == 40, "every answer printed while the log was locked"
        notice = one_line(result.stderr)
        assert "was locked by another program; 40 answers kept in answers.db.pending-" in notice
        calc = vested("calc", "loan_maximum", "--vested", "80000", "--json", db=log)
        assert calc.returncode == 0 and json.loads(calc.stdout)["kind"] == "calculation"
        purge = vested("log", "purge", "--yes", db=log)
        assert purge.returncode == 1
        assert (
            one_line(purge.stderr)
            == f"vested: the answer log at {log} is locked by another program; try again when it is done\n"
        )
        reading = vested("log", db=log)
        assert reading.returncode == 0, "WAL: reading works under a writer's lock"
    finally:
        other.rollback()
        other.close()
    assert table_count(log, "answers") == 4
    after = vested("ask", "what is an RMD", db=log)
    assert after.returncode == 0 and after.stderr == b""
    assert table_count(log, "answers") == 4 + 40 + 1 + 1, "the kept answers were added by the next run"
    assert not list(log.parent.glob("answers.db.pending-*"))
    integrity(log)


# ------------------------------------------------------------- damaged and foreign


def overwrite_interior_pages(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        for page in (2, 3, 4):
            handle.seek(page * page_size)
            handle.write(b"\xa5" * page_size)


def drop_answers(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE answers")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the main file, so its hash is the log's
    conn.close()


def future_schema(path: Path) -> None:
    """What a later Vested might do: a new migration that renames a column, and a guard."""
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE answers RENAME COLUMN question TO asked")
        conn.execute(
            "CREATE TRIGGER tenant_guard BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'tenant required'); END"
        )
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('vested-answer-log', '0003_future_rename', '2027-01-01')"
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.parametrize(
    ("damage", "label", "reading"),
    [
        (overwrite_interior_pages, "corrupt", "is damaged"),
        (drop_answers, "corrupt", "is damaged"),
        (future_schema, "newer", "was written by a newer version of Vested (schema 0003_future_rename)"),
    ],
    ids=["pages overwritten", "answers table dropped", "newer schema"],
)
def test_a_damaged_or_newer_log_is_moved_aside_whole_and_logging_goes_on(log, damage, label, reading):
    damage(log)
    before = sha256(log)
    shown = vested("log", db=log)
    assert shown.returncode == 1
    assert reading in one_line(shown.stderr)
    assert sha256(log) == before, "reading moves and changes nothing"

    for _ in range(2):  # the second run finds a healthy log: nothing more to say
        asked = vested("ask", "what is an RMD", db=log)
        assert asked.returncode == 0
    [moved] = log.parent.glob(f"answers.db.{label}-*")
    assert sha256(moved) == before, "the old log is kept, byte for byte"
    assert stat.S_IMODE(moved.stat().st_mode) == 0o600
    assert table_count(log, "answers") == 2
    assert vested("log", db=log).returncode == 0
    integrity(log)


def test_a_newer_log_that_still_reads_is_shown_read_only(log):
    with sqlite3.connect(log) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('vested-answer-log', '0003_future_index', '2027-01-01')"
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = sha256(log)
    shown = vested("log", db=log)
    assert shown.returncode == 0, shown.stderr
    assert len(shown.stdout.splitlines()) == 5
    assert sha256(log) == before


@pytest.mark.parametrize("content", [b"my precious thesis\n", os.urandom(4096)], ids=["text", "random bytes"])
def test_a_file_that_is_not_a_log_is_never_renamed_or_replaced(tmp_path, content):
    thesis = tmp_path / "thesis.md"
    thesis.write_bytes(content)
    asked = vested("ask", "what is an RMD", "--db", str(thesis), db=tmp_path / "unused.db")
    assert asked.returncode == 0 and b"Required minimum distributions" in asked.stdout
    assert "is not a SQLite database, so it is not an answer log; Vested leaves it as it is" in one_line(asked.stderr)
    shown = vested("log", "--db", str(thesis), db=tmp_path / "unused.db")
    assert shown.returncode == 1
    assert one_line(shown.stderr) == f"vested: {thesis} is not a SQLite database, so it is not an answer log\n"
    assert thesis.read_bytes() == content
    assert sorted(tmp_path.iterdir()) == [thesis]


def test_another_programs_database_is_left_as_it_was(tmp_path):
    budget = tmp_path / "budget.db"
    with sqlite3.connect(budget) as conn:
        conn.execute("CREATE TABLE expenses (amount TEXT)")
    conn.close()
    before = sha256(budget)
    asked = vested("ask", "what is an RMD", "--db", str(budget), db=tmp_path / "unused.db")
    assert "is another program's database, not a Vested answer log" in one_line(asked.stderr)
    shown = vested("log", "stats", "--db", str(budget), db=tmp_path / "unused.db")
    assert shown.returncode == 1 and "another program's database" in one_line(shown.stderr)
    assert sha256(budget) == before


# ------------------------------------------------------------- disk and streams


def file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # ignored stays ignored across exec
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_costs_the_log_not_the_answers(log):
    limit = log.stat().st_size + sum(path.stat().st_size for path in log.parent.glob("answers.db-*")) + 20_000
    result = vested("ask", "--json", "-", db=log, stdin=batch(60), preexec_fn=file_size_limit(limit))
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 60, "every answer printed"
    notice = one_line(result.stderr)
    assert notice.startswith(f"vested: could not write the answer log at {log}")
    assert notice.endswith("answers are not logged for the rest of this session\n")
    integrity(log)
    purge = vested("log", "purge", "--yes", db=log, preexec_fn=file_size_limit(log.stat().st_size))
    assert purge.returncode in (0, 1)
    assert "Traceback" not in purge.stderr.decode()


@pytest.mark.parametrize(
    "command",
    [
        ["ask", "what is an RMD"],
        ["ask", "--json", "what is an RMD"],
        ["log", "--json"],
        ["log", "--csv"],
        ["log", "stats"],
        ["calc", "loan_maximum", "--vested", "80000"],
    ],
)
def test_a_full_stdout_is_one_line(log, command):
    with open("/dev/full", "wb") as full:
        result = vested(*command, db=log, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert one_line(result.stderr) == "vested: could not write the output: No space left on device\n"


@pytest.mark.parametrize("command", [["log", "--json"], ["ask", "--json", "what is an RMD"]])
def test_a_closed_stdout_ends_quietly(log, command):
    result = vested(*command, db=log, preexec_fn=lambda: os.close(1), stdout=None, stderr=subprocess.PIPE)
    assert result.returncode == 0
    assert result.stderr == b""


def test_a_closed_pipe_ends_quietly(log):
    reader = subprocess.Popen(
        [*VESTED, "log", "--json"],
        env={**os.environ, "VESTED_DB": str(log)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    reader.stdout.readline()
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert b"Traceback" not in reader.stderr.read()
    reader.stderr.close()


# ------------------------------------------------------------------ kill -9


def test_kill_9_mid_batch_loses_at_most_the_answer_in_flight(tmp_path):
    path = tmp_path / "answers.db"
    process = subprocess.Popen(
        [*VESTED, "ask", "--json", "-"],
        env={**os.environ, "VESTED_DB": str(path)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    process.stdin.write(batch(2000))
    process.stdin.close()
    printed = [process.stdout.readline() for _ in range(100)]
    process.kill()
    printed += process.stdout.read().splitlines()
    process.stdout.close()
    process.wait(timeout=60)
    printed = [line for line in printed if line.strip()]
    logged = table_count(path, "answers")
    assert len(printed) - 1 <= logged <= len(printed), (len(printed), logged)
    integrity(path)
    assert vested("ask", "what is vesting", db=path).returncode == 0
    assert table_count(path, "answers") == logged + 1


# ------------------------------------------------------------------ permissions


def test_loose_permissions_are_tightened_and_new_folders_are_private(tmp_path):
    loose = tmp_path / "loose.db"
    vested("ask", "what is an RMD", db=loose)
    loose.chmod(0o644)
    vested("ask", "what is vesting", db=loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600

    deep = tmp_path / "a" / "b" / "answers.db"
    vested("ask", "what is an RMD", db=deep, preexec_fn=lambda: os.umask(0))
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(deep.stat().st_mode) == 0o600
