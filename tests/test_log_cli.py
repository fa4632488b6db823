"""`vested log` and its actions, run through the real argparse entry point on a fixture log."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import sqlite3
import time
from pathlib import Path

import pytest

from tests.answer_log_samples import (
    Clock,
    calculation_answer,
    clarify_answer,
    fallback_answer,
    limit_answer,
    loan_answer,
    table_count,
)
from vested.cli import main
from vested.log.queries import KINDS
from vested.log.writer import AnswerLog


@pytest.fixture(autouse=True)
def utc_terminal(monkeypatch):
    """Times print in the user's zone and lines fit the terminal: pin both."""
    monkeypatch.setenv("COLUMNS", "80")
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    """Two sessions over two days: 4 answers from `ask` on Nov 20, 3 from the chat on Nov 24."""
    path = tmp_path / "answers.db"
    clock = Clock()
    clock.now = clock.now.replace(day=20)
    ask = AnswerLog(path, "ask", "kb-1", clock=clock)
    for answer in (loan_answer(), fallback_answer(), calculation_answer(), fallback_answer("What is the weather?")):
        clock.advance(minutes=1)
        ask.record(answer, 5.0)
    assert ask.close() == []
    clock.advance(days=4)
    chat = AnswerLog(path, "chat", "kb-1", clock=clock)
    for answer in (limit_answer(), clarify_answer(), fallback_answer("best pizza in town")):
        clock.advance(minutes=1)
        chat.record(answer, 7.5)
    assert chat.close() == []
    return path


def vested(path: Path, *args: str, capsys, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", str(path), "log", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ids(listing: str) -> list[int]:
    return [int(line.split()[0]) for line in listing.splitlines()[1:] if line.split()[0].isdigit()]


def test_kinds_match_the_answer_contract():
    from typing import get_args

    from vested.core.answer import AnswerKind

    assert set(KINDS) == set(get_args(AnswerKind))


def test_list_latest_first_one_line_each(log_file, capsys):
    code, out, _ = vested(log_file, capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "WHEN", "KIND", "QUESTION", "SOURCE"]
    assert lines[1].split() == [
        "7",
        "2026-11-24",
        "09:37",
        "fallback",
        "best",
        "pizza",
        "in",
        "town",
        "-",
    ]
    assert lines[4].split()[:5] == ["4", "2026-11-20", "09:34", "fallback", "What"]
    assert lines[7].split() == [
        "1",
        "2026-11-20",
        "09:31",
        "faq",
        "can",
        "I",
        "borrow",
        "from",
        "my",
        "plan",
        "guide-2025",
    ]
    assert len(lines) == 8
    assert max(len(line) for line in lines) <= 80


def test_limit_and_the_hint_that_there_is_more(log_file, capsys):
    _, out, _ = vested(log_file, "-n", "2", capsys=capsys)
    assert ids(out) == [7, 6]
    assert out.splitlines()[-1].startswith("(latest 2 of 7;")


def test_long_questions_are_shortened_to_fit(tmp_path, capsys):
    path = tmp_path / "answers.db"
    log = AnswerLog(path, "ask", "kb")
    log.record(loan_answer("can I borrow " + "really " * 30 + "much"), 1.0)
    log.close()
    _, out, _ = vested(path, capsys=capsys)
    row = out.splitlines()[1]
    assert len(row) <= 80
    assert "…" in row
    assert row.rstrip().endswith("guide-2025")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-q", "borrowing"], [6, 3, 1]),
        (["-q", "vested balance"], [6, 1]),
        (["-q", "weather"], [4, 2]),
        (["-q", "401(k)"], [7, 4, 2]),
        (["-q", "NOT"], []),
        (["--source", "guide-2025"], [3, 1]),
        (["--source", "irs-notice-2025-67"], [5]),
        (["--kind", "fallback"], [7, 4, 2]),
        (["--kind", "clarify"], [6]),
        (["--since", "2026-11-21"], [7, 6, 5]),
        (["--session", "1"], [4, 3, 2, 1]),
        (["--session", "2", "--kind", "fallback"], [7]),
        (["-q", "loan", "--since", "2026-11-21"], []),
    ],
)
def test_filters(log_file, capsys, args, expected):
    code, out, _ = vested(log_file, *args, capsys=capsys)
    assert code == 0
    assert ids(out) == expected
    if not expected:
        assert out == "no answers match\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "'yesterday' is not a date"),
        (["--kind", "joke"], "invalid choice: 'joke'"),
        (["-n", "0"], "0 must be 1 or more"),
        (["show", "abc"], "'abc' is not a whole number"),
    ],
)
def test_bad_input_is_one_clear_line(log_file, capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        vested(log_file, *args, capsys=capsys)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_json_lines_export(log_file, capsys):
    code, out, _ = vested(log_file, "--json", capsys=capsys)
    assert code == 0
    answers = [json.loads(line) for line in out.splitlines()]
    assert [answer["id"] for answer in answers] == [1, 2, 3, 4, 5, 6, 7], "oldest first"
    first = answers[0]
    assert first["question"] == "can I borrow from my plan"
    assert first["interface"] == "ask"
    assert first["asked_at"] == "2026-11-20T09:31:00Z"
    assert [source["source"] for source in first["sources"]] == ["guide-2025", "primer-2025"]
    assert first["sources"][0]["quote"] == "IRS rules permit loans up to 50% of the vested balance"
    assert answers[2]["calculation"]["outputs"] == {"maximum": "40000.00"}
    assert answers[1]["sources"] == []


def test_json_export_with_filter_and_limit(log_file, capsys):
    _, out, _ = vested(log_file, "--kind", "fallback", "-n", "2", "--json", capsys=capsys)
    assert [json.loads(line)["id"] for line in out.splitlines()] == [4, 7]


def test_csv_export(log_file, capsys):
    code, out, _ = vested(log_file, "--csv", capsys=capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 7
    assert rows[0]["sources"] == "guide-2025; primer-2025"
    assert rows[2]["calculation_tool"] == "loan_maximum"
    assert rows[2]["answer"] == "You could borrow up to **$40,000.00**."
    assert rows[6]["interface"] == "chat"


def test_json_and_csv_together_are_refused(log_file, capsys):
    with pytest.raises(SystemExit):
        vested(log_file, "--json", "--csv", capsys=capsys)
    assert "not allowed with argument" in capsys.readouterr().err


def test_show_a_calculation_in_full(log_file, capsys):
    code, out, _ = vested(log_file, "show", "3", capsys=capsys)
    assert code == 0
    assert out.splitlines()[:3] == [
        "Answer 3 · session 1 (ask, Vested 0.1.0)",
        "Asked 2026-11-20 09:33:00, answered in 5 ms",
        "calculation · entry loans.maximum · confidence 0.95 · as of 2025",
    ]
    for expected in (
        "Question\n  max loan with 80k vested\n",
        "Answer\n  You could borrow up to **$40,000.00**.\n",
        "Sources\n  [1] What Is a 401k and How Does It Work? (guide-2025, 2025), section\n"
        "      “Accessing Your 401k Funds”, ¶1\n"
        "      “IRS rules permit loans up to 50% of the vested balance”\n",
        "Calculation: loan_maximum\n  input   vested_balance = 80000\n  output  maximum = 40000.00\n",
        "  steps\n    50% of $80,000.00 vested = $40,000.00\n    lower of $40,000.00 and $50,000.00\n",
    ):
        assert expected in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_as_json(log_file, capsys):
    _, out, _ = vested(log_file, "show", "5", "--json", capsys=capsys)
    answer = json.loads(out)
    assert answer["entry"] == "limits.deferral"
    assert answer["sources"][0]["source"] == "irs-notice-2025-67"
    assert answer["interface"] == "chat"


def test_show_a_missing_answer(log_file, capsys):
    code, _, err = vested(log_file, "show", "99", capsys=capsys)
    assert code == 1
    assert err == "vested: no answer 99 in the log (see `vested log`)\n"


def test_path(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.db"), "log", "path"]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'x.db'}\n"
    assert not (tmp_path / "x.db").exists(), "asking where the log is does not create it"


def test_path_follows_the_environment(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("VESTED_DB", str(tmp_path / "env.db"))
    main(["log", "path"])
    assert capsys.readouterr().out == f"{tmp_path / 'env.db'}\n"


def test_stats(log_file, capsys):
    code, out, _ = vested(log_file, "stats", capsys=capsys)
    assert code == 0
    assert out.startswith("7 answers in 2 sessions, 2026-11-20 to 2026-11-24\nFallback rate: 42.9% (3 of 7 answers)\n")
    assert (
        "By kind\n  faq          2   28.6%\n  calculation  1   14.3%\n"
        "  clarify      1   14.3%\n  fallback     3   42.9%\n"
    ) in out
    assert "By interface\n  ask   4   57.1%\n  chat  3   42.9%\n" in out
    assert "Top entries\n  loans.maximum    3\n  limits.deferral  1\n" in out
    assert "Top sources (answers citing them)\n  guide-2025          2\n" in out
    assert (
        "Most frequent questions that fell back (what to cover next)\n"
        "  what is the weather  2\n  best pizza in town   1\n"
    ) in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_stats_since_and_json(log_file, capsys):
    _, out, _ = vested(log_file, "stats", "--since", "2026-11-21", "--json", capsys=capsys)
    stats = json.loads(out)
    assert stats["answers"] == 3
    assert stats["by_interface"] == {"chat": 3}
    assert stats["fallback_questions"] == {"best pizza in town": 1}
    assert stats["fallback_rate"] == round(1 / 3, 4)


def test_an_empty_or_missing_log(tmp_path, capsys):
    missing = tmp_path / "none.db"
    for args in ([], ["stats"]):
        code, out, _ = vested(missing, *args, capsys=capsys)
        assert code == 0
        assert out == f"no answers logged yet (the log will be {missing})\n"
    assert not missing.exists()


def test_reading_a_corrupt_log_says_so_and_moves_nothing(tmp_path, capsys):
    path = tmp_path / "answers.db"
    path.write_bytes(random.Random(3).randbytes(4096))
    code = main(["--db", str(path), "log"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"vested: {path} is not a SQLite database, so it is not an answer log\n"
    assert list(tmp_path.iterdir()) == [path]


def test_reading_a_damaged_log_says_so_and_moves_nothing(tmp_path, capsys):
    path = tmp_path / "answers.db"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(3).randbytes(4096))
    code = main(["--db", str(path), "log"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"vested: the answer log at {path} is damaged (")
    assert err.endswith("the next answer Vested logs moves it aside, whole, and starts a new one\n")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == [path]


# Purge


def test_purge_asks_and_no_stdin_means_no(log_file, capsys, monkeypatch):
    code, _, err = vested(log_file, "purge", capsys=capsys, stdin="", monkeypatch=monkeypatch)
    assert code == 1
    assert f"Delete 7 of 7 answers from {log_file}? [y/N]" in err
    assert "purge cancelled: nothing deleted" in err
    assert table_count(log_file, "answers") == 7


def test_purge_answered_no(log_file, capsys, monkeypatch):
    code, _, _ = vested(log_file, "purge", capsys=capsys, stdin="n\n", monkeypatch=monkeypatch)
    assert code == 1
    assert table_count(log_file, "answers") == 7


def test_purge_before_a_date_after_yes(log_file, capsys, monkeypatch):
    code, out, err = vested(
        log_file, "purge", "--before", "2026-11-21", capsys=capsys, stdin="y\n", monkeypatch=monkeypatch
    )
    assert code == 0
    assert "Delete 4 of 7 answers asked before 2026-11-21" in err
    assert out.startswith("deleted 4 answers, 3 source rows and 1 session; 3 answers remain")
    assert table_count(log_file, "answers") == 3
    assert table_count(log_file, "answer_sources") == 1
    assert table_count(log_file, "sessions") == 1
    with sqlite3.connect(log_file) as conn:
        assert conn.execute("SELECT count(*) FROM answers_fts WHERE answers_fts MATCH 'weather'").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM answers_fts WHERE answers_fts MATCH 'pizza'").fetchone() == (1,)
    conn.close()


def test_purge_all_with_yes_scrubs_the_text_from_the_file(log_file, capsys):
    code, out, _ = vested(log_file, "purge", "--yes", capsys=capsys)
    assert code == 0
    assert "7 answers" in out
    assert table_count(log_file, "answers") == 0
    assert table_count(log_file, "sessions") == 0
    wal = Path(f"{log_file}-wal")
    on_disk = log_file.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"pizza" not in on_disk
    assert b"can I borrow" not in on_disk
    assert vested(log_file, "purge", "--yes", capsys=capsys)[1] == "nothing to purge\n"


def test_purge_keeps_what_was_asked_since(log_file, capsys):
    vested(log_file, "purge", "--before", "2026-11-21", "--yes", capsys=capsys)
    _, out, _ = vested(log_file, capsys=capsys)
    assert ids(out) == [7, 6, 5]
