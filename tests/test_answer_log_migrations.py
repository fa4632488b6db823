"""The answer log's schema is versioned: old files upgrade in place, nothing is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.answer_log_samples import calculation_answer, table_count
from vested.log import migrations
from vested.log.database import connect, prepare
from vested.log.migrations import MIGRATIONS, Migration, applied_migrations, apply_migrations
from vested.log.writer import AnswerLog

V1_SQL = Path(__file__).parent / "data" / "answer_log_v1.sql"
FIRST = "0001_first_schema"


def all_migrations() -> list[str]:
    return [migration.name for migration in MIGRATIONS]


def ready(path: Path) -> sqlite3.Connection:
    """The log as the writer opens it: checked, WAL, migrated."""
    conn = connect(path)
    prepare(conn, path)
    return conn


def indexes(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA index_list({table})")}


def schema(db: sqlite3.Connection) -> dict[str, str]:
    """Our objects (not SQLite's or FTS5's internals), name -> normalized SQL."""
    return {
        name: " ".join(sql.split())
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'answers_fts_%' ORDER BY name"
        ).fetchall()
    }


def version_1_file(path: Path) -> Path:
    """A log written by the first release, from its SQL (tests/data/answer_log_v1.sql)."""
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SQL.read_text())
    conn.close()
    return path


def test_first_migration_still_creates_exactly_the_version_1_schema(tmp_path):
    """Files in the wild have run migration 0001: editing it would fork the schema."""
    fresh = connect(tmp_path / "fresh.db")
    apply_migrations(fresh, stop_before="0002_lookup_indexes")
    recorded = connect(version_1_file(tmp_path / "v1.db"))
    assert schema(fresh) == schema(recorded)
    assert applied_migrations(fresh) == [FIRST]


def test_the_latest_schema_is_what_sqlite_utils_wrote(tmp_path):
    """The first releases wrote the log with sqlite-utils: the plain SQL makes the same file."""
    fresh = ready(tmp_path / "answers.db")
    names = set(schema(fresh))
    assert {"idx_answers_kind_question_asked_at", "idx__sqlite_migrations_migration_set_name", "answers_au"} <= names
    assert fresh.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY id").fetchall() == [
        ("vested-answer-log", name) for name in all_migrations()
    ]


def test_a_version_1_file_upgrades_cleanly_to_the_latest(tmp_path):
    path = version_1_file(tmp_path / "answers.db")
    db = ready(path)
    try:
        assert applied_migrations(db) == all_migrations()
        assert len(all_migrations()) >= 2
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        db.execute("INSERT INTO answers_fts(answers_fts) VALUES ('integrity-check')")
        assert {
            "idx_answers_asked_at",
            "idx_answers_kind_question_asked_at",
            "idx_answer_sources_source_answer_id",
        } <= indexes(db, "answers") | indexes(db, "answer_sources")
        # The old rows are all there, and still searchable.
        assert [question for (question,) in db.execute("SELECT question FROM answers ORDER BY id")] == [
            "can I borrow from my plan",
            "what is the weather",
        ]
        assert db.execute("SELECT rowid FROM answers_fts WHERE answers_fts MATCH 'borrow'").fetchall() == [(1,)]
        assert db.execute("SELECT source FROM answer_sources").fetchall() == [("guide-2025",)]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_an_upgraded_file_takes_new_answers(tmp_path):
    path = version_1_file(tmp_path / "answers.db")
    log = AnswerLog(path, "calc", "kb-now")
    log.record(calculation_answer(), 2.0)
    assert log.close() == []
    assert table_count(path, "answers") == 3
    assert table_count(path, "answer_sources") == 2
    assert table_count(path, "sessions") == 2


def test_migrating_twice_changes_nothing(tmp_path):
    path = tmp_path / "answers.db"
    first = ready(path)
    before = schema(first)
    first.close()
    second = ready(path)
    try:
        assert schema(second) == before
        assert second.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(all_migrations())
    finally:
        second.close()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    """Migrations run in one transaction: a failure halfway through rolls all of it back."""
    path = version_1_file(tmp_path / "answers.db")
    last = MIGRATIONS[-1]
    half_then_fail = Migration(last.name, (*last.statements, "CREATE INDEX broken ON no_such_table (x)"))
    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS[:-1], half_then_fail))
    db = connect(path)
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        apply_migrations(db)
    assert applied_migrations(db) == [FIRST]
    assert "idx_answers_asked_at" not in indexes(db, "answers")
    db.close()
