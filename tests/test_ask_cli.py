"""`vested ask` from the shell: options on either side of the command, and batches that never break."""

from __future__ import annotations

import io
import json
import sqlite3

from vested.cli import main
from vested.core.assistant import Assistant


def test_shared_options_work_after_the_command_too(tmp_path, capsys):
    before, after = tmp_path / "before.db", tmp_path / "after.db"
    assert main(["--db", str(before), "ask", "--json", "what is an rmd"]) == 0
    assert main(["ask", "--json", "--db", str(after), "what is an rmd"]) == 0
    for path in (before, after):
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT question FROM answers").fetchall() == [("what is an rmd",)]
    assert main(["ask", "--no-log", "--db", str(tmp_path / "none.db"), "what is an rmd"]) == 0
    assert not (tmp_path / "none.db").exists()
    capsys.readouterr()


def test_a_failure_inside_vested_keeps_the_batch_going_and_in_order(tmp_path, monkeypatch, capsys):
    asked = Assistant.timed_ask

    def flaky(self, question, conversation=None):
        if "boom" in question:
            raise RuntimeError("simulated bug")
        return asked(self, question, conversation)

    monkeypatch.setattr(Assistant, "timed_ask", flaky)
    monkeypatch.setattr("sys.stdin", io.StringIO("what is an rmd\nboom\nmax loan with 80k vested\n"))
    assert main(["--db", str(tmp_path / "log.db"), "ask", "--json", "-"]) == 0
    out, err = capsys.readouterr()
    replies = [json.loads(line) for line in out.splitlines()]
    assert [reply["question"] for reply in replies] == ["what is an rmd", "boom", "max loan with 80k vested"]
    assert [reply["kind"] for reply in replies] == ["faq", "fallback", "calculation"]
    assert "went wrong inside Vested" in replies[1]["answer"]
    assert "could not answer 'boom': RuntimeError" in err
    assert "simulated bug" not in err, "Python's own words never reach the user"
    assert "Traceback" not in err
