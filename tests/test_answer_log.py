"""The answer log: where it is, what one answer writes, sessions, search, notices."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.answer_log_samples import (
    GUIDE,
    Clock,
    calculation_answer,
    fallback_answer,
    loan_answer,
    numbered_answer,
    table_count,
)
from vested import __version__
from vested.log.writer import AnswerLog, default_log_path, log_path, logging_enabled, open_answer_log


def namespace(db: str | None = None, no_log: bool = False) -> argparse.Namespace:
    return argparse.Namespace(db=db, no_log=no_log)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "answers.db"


def rows(path: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


# Where the log is, and whether it is on


def test_db_flag_beats_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VESTED_DB", str(tmp_path / "env.db"))
    assert log_path(namespace(db=str(tmp_path / "flag.db"))) == str(tmp_path / "flag.db")
    assert log_path(namespace()) == str(tmp_path / "env.db")


def test_default_path_is_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("VESTED_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert default_log_path() == str(tmp_path / "xdg" / "vested" / "answers.db")
    assert log_path(namespace()) == default_log_path()
    assert os.path.basename(default_log_path()) == "answers.db"


@pytest.mark.parametrize(
    ("flag", "env", "enabled"),
    [(False, None, True), (True, None, False), (False, "1", False), (False, "0", True), (False, "yes", False)],
)
def test_no_log_flag_and_environment(monkeypatch, flag, env, enabled):
    if env is not None:
        monkeypatch.setenv("VESTED_NO_LOG", env)
    assert logging_enabled(namespace(no_log=flag)) is enabled


def test_no_log_writes_nothing(db_path):
    log = open_answer_log(namespace(db=str(db_path), no_log=True), "ask", "kb")
    log.record(loan_answer(), 3.0)
    assert log.close() == []
    assert not log.enabled
    assert log.path is None
    assert not db_path.exists()
    assert not db_path.parent.exists()


def test_nothing_is_created_until_an_answer_is_recorded(db_path):
    log = open_answer_log(namespace(db=str(db_path)), "chat", "kb")
    assert log.close() == []
    assert not db_path.exists()


def test_unknown_interface_is_a_programming_error(db_path):
    with pytest.raises(ValueError, match="interface"):
        AnswerLog(db_path, "email", "kb")


# What one answer writes


def test_creates_missing_folders_and_a_private_file(db_path):
    log = AnswerLog(db_path, "ask", "kb")
    log.record(loan_answer(), 2.0)
    assert db_path.is_file()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    wal = Path(f"{db_path}-wal")
    assert wal.exists(), "WAL mode keeps a -wal file while the log is open"
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert log.close() == []


def test_one_answer_with_its_sources(db_path):
    clock = Clock()
    log = AnswerLog(db_path, "ask", "digest-123", clock=clock)
    clock.advance(seconds=5)
    log.record(loan_answer(), 12.345)
    log.close()

    [answer] = rows(
        db_path,
        "SELECT session_id, asked_at, question, kind, entry, confidence, answer, as_of, "
        "calculation, duration_ms FROM answers",
    )
    assert answer == (
        1,
        "2026-11-25T09:30:05Z",
        "can I borrow from my plan",
        "faq",
        "loans.maximum",
        0.97,
        loan_answer().answer,
        "2025",
        None,
        12.3,
    )
    assert rows(db_path, "SELECT position, source, section, paragraph, quote, as_of FROM answer_sources") == [
        (1, "guide-2025", "Accessing Your 401k Funds", 1, GUIDE.quote, "2025"),
        (2, "primer-2025", "Loans", 2, "", "2025"),
    ]
    assert rows(db_path, "SELECT id, started_at, interface, app_version, kb_hash FROM sessions") == [
        (1, "2026-11-25T09:30:00Z", "ask", __version__, "digest-123")
    ]


def test_calculation_is_stored_as_json_with_exact_amounts(db_path):
    log = AnswerLog(db_path, "calc", "kb")
    log.record(calculation_answer(), 1.0)
    log.close()
    [(stored,)] = rows(db_path, "SELECT calculation FROM answers")
    assert json.loads(stored) == {
        "tool": "loan_maximum",
        "inputs": {"vested_balance": "80000"},
        "outputs": {"maximum": "40000.00"},
        "steps": ["50% of $80,000.00 vested = $40,000.00", "lower of $40,000.00 and $50,000.00"],
    }


def test_fallback_without_sources(db_path):
    log = AnswerLog(db_path, "chat", "kb")
    log.record(fallback_answer(), 1.0)
    log.close()
    assert rows(db_path, "SELECT kind, entry FROM answers") == [("fallback", None)]
    assert table_count(db_path, "answer_sources") == 0


def test_one_session_per_front_end(db_path):
    chat = AnswerLog(db_path, "chat", "kb")
    ask = AnswerLog(db_path, "ask", "kb")
    chat.record(loan_answer(), 1.0)
    ask.record(fallback_answer(), 1.0)
    chat.record(calculation_answer(), 1.0)
    chat.close()
    ask.close()
    assert rows(db_path, "SELECT id, interface FROM sessions ORDER BY id") == [(1, "chat"), (2, "ask")]
    assert rows(db_path, "SELECT session_id, count(*) FROM answers GROUP BY session_id") == [(1, 2), (2, 1)]
    assert chat.session_id == 1
    assert ask.session_id == 2


def test_connection_settings(tmp_path):
    from vested.log.database import connect, prepare

    db = connect(tmp_path / "answers.db", busy_timeout_ms=1234)
    prepare(db, tmp_path / "answers.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 1234
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            db.execute("INSERT INTO answer_sources (answer_id, position, source) VALUES (99, 1, 'x')")
    finally:
        db.close()


def test_full_text_search_with_stemming(db_path):
    log = AnswerLog(db_path, "ask", "kb")
    log.record(loan_answer(), 1.0)
    log.record(fallback_answer(), 1.0)
    log.close()
    found = rows(db_path, "SELECT rowid FROM answers_fts WHERE answers_fts MATCH 'borrowing'")
    assert found == [(1,)]
    assert rows(db_path, "SELECT rowid FROM answers_fts WHERE answers_fts MATCH 'weather'") == [(2,)]


def test_records_from_many_threads(db_path):
    """The chat records from worker threads: every answer lands, in one session."""
    log = AnswerLog(db_path, "chat", "kb")
    threads = [
        threading.Thread(target=lambda n=n: [log.record(numbered_answer(n * 10 + i, "t"), 1.0) for i in range(10)])
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert log.close() == []
    assert table_count(db_path, "answers") == 40
    assert table_count(db_path, "answer_sources") == 80
    assert table_count(db_path, "sessions") == 1


def test_session_comes_back_after_a_purge_elsewhere(db_path):
    """`vested log purge` may delete this session's rows while the chat is still open."""
    log = AnswerLog(db_path, "chat", "kb")
    log.record(loan_answer(), 1.0)
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM answers")
        conn.execute("DELETE FROM sessions")
    log.record(fallback_answer(), 1.0)
    assert log.close() == []
    assert rows(db_path, "SELECT interface FROM sessions") == [("chat",)]
    assert table_count(db_path, "answers") == 1


# Saying problems


def test_unexpected_failure_becomes_a_notice_not_an_exception(db_path, monkeypatch):
    log = AnswerLog(db_path, "ask", "kb")
    monkeypatch.setattr("vested.log.rows.answer_row", lambda *args: (_ for _ in ()).throw(RuntimeError("boom")))
    log.record(loan_answer(), 1.0)
    log.record(loan_answer(), 1.0)
    notices = log.close()
    assert len(notices) == 1
    assert "boom" in notices[0]
    assert "not logged for the rest of this session" in notices[0]
    assert not log.enabled


def test_notices_go_to_the_callback_once(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("a regular file, so nothing can be created under it")
    heard: list[str] = []
    log = AnswerLog(blocker / "answers.db", "chat", "kb", on_notice=heard.append)
    log.record(loan_answer(), 1.0)
    log.record(loan_answer(), 1.0)
    assert len(heard) == 1
    assert log.notices == tuple(heard)
    assert log.close() == [], "already said through the callback"


def test_the_log_modules_load_neither_textual_nor_sqlite_utils_up_front():
    """The core never imports Textual; the log is plain sqlite3, even once an answer is written."""
    code = (
        "import sys, vested.log.writer, vested.log.queries, vested.commands.log; "
        "print(sorted(m for m in ('textual', 'sqlite_utils') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_writing_an_answer_loads_no_library_beyond_sqlite3(db_path):
    code = (
        "import sys, contextlib, io; from vested.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--db', {str(db_path)!r}, 'ask', '--json', 'max loan with 80k vested'])\n"
        "print(sorted(m for m in ('textual', 'sqlite_utils') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert table_count(db_path, "answers") == 1
