"""`vested ask` from the shell: options on either side of the command, and batches that never break."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys

import pytest

from vested.cli import COMMANDS, main, named_command
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


MODULES_AFTER = (
    "import sys\n"
    "from vested.cli import main\n"
    "main(sys.argv[1:])\n"
    "heavy = {'pydantic', 'rich', 'textual', 'tomllib', 'argparse', 'hashlib', 'concurrent.futures', 'logging',\n"
    "         'dataclasses', 'inspect'}\n"
    "print(sorted(heavy & set(sys.modules)), file=sys.stderr)\n"
)


def test_an_faq_answer_starts_without_pydantic_toml_or_rich(empty_cache):
    """From a current compiled knowledge cache, `vested ask` reads no TOML and validates nothing; piped or
    as JSON it draws nothing; a plain command line is read without argparse; nothing is hashed; the log's
    one thread is no thread pool (concurrent.futures imports logging); and its records are no dataclasses
    (which import inspect and compile each class's methods: vested.knowledge.records). (empty_cache gives the
    test an empty cache folder, which the first run fills.)"""
    assert "pydantic" in _heavy_modules_after("--json", "so what exactly is a 401k plan"), (
        "the first run builds the cache, validating every file"
    )
    assert "pydantic" in _heavy_modules_after("--json", "I have $80,000 vested. How much can I borrow?"), (
        "the calculation adds the calculators' parts to the cache, describing their input models"
    )
    assert _heavy_modules_after("--json", "so what exactly is a 401k plan") == "[]"
    assert _heavy_modules_after("so what exactly is a 401k plan") == "[]"


def test_a_calculation_starts_without_pydantic_or_dataclasses(empty_cache):
    """From a current cache, a calculation's inputs are validated from their description in the compiled
    knowledge (vested.calculate.described), without importing pydantic or building an input model; a
    calculation whose inputs only the model reads (a match formula) still runs, with pydantic."""
    calculation = ("--json", "I have $80,000 vested. How much can I borrow?")
    assert "pydantic" in _heavy_modules_after(*calculation), "the first run builds the cache"
    assert _heavy_modules_after(*calculation) == "[]", "nor dataclasses: the calculators' records are Records"
    assert _heavy_modules_after("I have $80,000 vested. How much can I borrow?") == "[]"
    assert "pydantic" in _heavy_modules_after(
        "--json", "My employer matches 50% of the first 6%. I earn $60,000 and put in 4%. What is my match?"
    )


def test_a_logged_answer_in_the_default_folders_starts_without_pathlib_or_platformdirs(tmp_path, monkeypatch):
    """With no --db, $VESTED_DB or $VESTED_CACHE, `vested ask` finds the user's folders by the XDG rule
    (vested.knowledge.user_folders) and logs through plain os functions: pathlib (with urllib.parse and
    ipaddress) and platformdirs (with tempfile, shutil and random) took about 15 ms of its start."""
    for name in ("VESTED_DB", "VESTED_CACHE", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    loaded = (
        "import sys\n"
        "from vested.cli import main\n"
        "main(sys.argv[1:])\n"
        "print(sorted({'pathlib', 'platformdirs', 'tempfile', 'urllib.parse'} & set(sys.modules)), file=sys.stderr)\n"
    )
    for question in ("so what exactly is a 401k plan", "I have $80,000 vested. How much can I borrow?"):
        subprocess.run([sys.executable, "-c", loaded, "ask", "--json", question], capture_output=True, check=True)
        done = subprocess.run([sys.executable, "-c", loaded, "ask", question], capture_output=True, text=True)
        assert done.returncode == 0
        assert done.stderr.strip().splitlines()[-1] == "[]", question
    with sqlite3.connect(tmp_path / ".local" / "share" / "vested" / "answers.db") as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone() == (4,)
    assert (tmp_path / ".cache" / "vested" / "compiled-knowledge.pickle").is_file()


def _heavy_modules_after(*args: str) -> str:
    """The heavy modules a `vested --no-log ask` with these arguments imported, as a list's text."""
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, "--no-log", "ask", *args], capture_output=True, text=True, check=True
    )
    return done.stderr.strip().splitlines()[-1]


def test_to_a_terminal_the_answer_is_drawn_without_rich():
    """On a terminal (a pseudo-terminal here) the answer is drawn by vested.commands.terminal: rich's console
    and Markdown took longer to import than answering."""
    import os
    import pty

    subprocess.run(
        [sys.executable, "-m", "vested.cli", "--no-log", "ask", "--json", "what is vesting"],
        check=True,
        capture_output=True,
    )  # fills the compiled knowledge cache
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", MODULES_AFTER, "--no-log", "ask", "so what exactly is a 401k plan"],
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        os.close(follower)
        drawn = b""
        while chunk := _read_some(leader):
            drawn += chunk
    finally:
        os.close(leader)
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert b"\x1b[1mAnswer\x1b[0m" in drawn and b"**" not in drawn


def _read_some(descriptor: int) -> bytes:
    """What the pseudo-terminal holds, b"" once it is drained and closed."""
    import os

    try:
        return os.read(descriptor, 65536)
    except OSError:  # Linux says EIO once the other side is closed and read to the end
        return b""


CALCULATORS_AFTER = (
    "import json, sys\n"
    "from vested.cli import main\n"
    "main(sys.argv[1:])\n"
    "print(json.dumps([name for name in sys.modules if name.startswith('vested.calculate.')]), file=sys.stderr)\n"
)


def test_a_calculation_loads_only_the_calculators_it_may_need():
    """The router asks for calculators by name (vested.calculate.spec): a loan question loads the loan
    calculators its entries link, not the fourteen modules, and from a current cache no input model."""
    command = [sys.executable, "-c", CALCULATORS_AFTER, "--no-log", "ask", "--json"]
    question = "I have $80,000 vested. How much can I borrow?"
    subprocess.run([*command, question], capture_output=True, check=True)  # fills the cache (every model described)
    done = subprocess.run([*command, question], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert json.loads(done.stdout)["calculation"]["tool"] == "loan_maximum"
    assert "vested.calculate.loans" in loaded
    assert not loaded & {f"vested.calculate.{name}" for name in ("rmd", "growth", "match", "vesting", "allocation")}
    assert not {name for name in loaded if name.startswith("vested.calculate.inputs")}


def test_the_collector_is_on_again_once_the_first_answer_is_out(monkeypatch, capsys):
    """`vested ask` pauses the cyclic collector while it loads and answers first, never longer."""
    import gc

    shown: list[bool] = []
    monkeypatch.setattr("vested.commands.ask._show", lambda answer, as_json: shown.append(gc.isenabled()))
    monkeypatch.setattr("sys.stdin", io.StringIO("what is an rmd\nwhat is vesting\n"))
    assert main(["--no-log", "ask", "--json", "-"]) == 0
    assert shown == [False, True] and gc.isenabled()
    assert main(["--no-log", "ask", ""]) == 2, "a usage error too leaves it on"
    assert gc.isenabled()
    capsys.readouterr()


def test_piped_the_answer_is_plain_text(capsys):
    assert main(["--no-log", "ask", "so what exactly is a 401k plan"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Answer\n\nA 401(k) is a **retirement savings plan")
    assert "\nSources\n[1] " in out and "\nRelated\n  • " in out
    assert "\x1b[" not in out


def test_the_log_is_opened_and_written_only_once_the_answer_is_out(monkeypatch, capsys):
    seen: list[tuple[str, str]] = []

    class Log:
        def __init__(self, *settings, **options):
            seen.append(("opened", capsys.readouterr().out))

        def record(self, answer, duration_ms):
            seen.append(("recorded", answer.question))

        def close(self):
            return []

    monkeypatch.setattr("vested.session.AnswerLogWriter", Log)
    monkeypatch.setattr("sys.stdin", io.StringIO("what is an rmd\nso what exactly is a 401k plan\n"))
    assert main(["ask", "--json", "-"]) == 0
    (opened, shown), *recorded = seen
    assert opened == "opened" and json.loads(shown)["question"] == "what is an rmd"
    assert recorded == [("recorded", "what is an rmd"), ("recorded", "so what exactly is a 401k plan")]


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["ask", "how do vesting cliffs work"], "ask"),
        (["--no-log", "--db", "log", "ask", "-"], "ask"),  # --db's value is not the command
        (["log", "stats"], "log"),
        (["--help", "ask"], None),  # the help lists every command
        (["--version"], None),
        ([], None),  # the chat
        (["asks"], None),  # a typo: argparse names the commands there are
    ],
)
def test_the_command_line_names_the_one_command_to_build(argv, named):
    assert named_command(argv) == named


def test_vested_help_still_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = capsys.readouterr().out
    assert all(f"    {command} " in listed for command in COMMANDS)


PLAIN = [
    ["ask", "so what exactly is a 401k plan"],
    ["ask", "what", "is", "a", "401k"],
    ["ask", "--json", "so what exactly is a 401k plan"],
    ["ask", "so what exactly is a 401k plan", "--json", "--session"],
    ["--no-log", "ask", "--json", "what is an rmd"],
    ["--db", "a.db", "ask", "--db", "b.db", "q"],
    ["--db", "a.db", "--sources", "src", "ask", "--no-log", "q"],
    ["--db", "ask", "ask", "q"],
    ["--debug-timing", "ask", "q"],
    ["ask"],
    ["ask", "--json"],
    ["ask", ""],
]
LEFT_TO_ARGPARSE = [
    ["ask", "what", "--json", "is"],
    ["ask", "-"],
    ["ask", "--json", "-"],
    ["ask", "--jso", "q"],
    ["ask", "--db=x.db", "q"],
    ["ask", "--db"],
    ["ask", "--db", "--json", "q"],
    ["ask", "-h"],
    ["ask", "--", "-5"],
    ["ask", "-5"],
    ["--no-log", "--json", "ask", "q"],
    ["--debug-timing", "ask", "--debug-timing", "q"],
]


@pytest.mark.parametrize("argv", PLAIN + LEFT_TO_ARGPARSE)
def test_a_plain_command_line_is_read_as_argparse_reads_it(argv, capsys):
    """Read without argparse, from the same declarations: the same arguments, or left to argparse
    (which then prints the help or the error)."""
    from vested.cli import DEBUG_TIMING, SHARED_OPTIONS, build_parser
    from vested.commands import ask
    from vested.commands.arguments import read_plainly

    plain = read_plainly(argv, "ask", (*SHARED_OPTIONS, DEBUG_TIMING), (*ask.ARGUMENTS, *SHARED_OPTIONS))
    try:
        parsed = vars(build_parser(argv).parse_args(argv))
    except SystemExit:
        parsed = None
    capsys.readouterr()
    assert (plain is not None) == (argv in PLAIN)
    if plain is not None:
        assert {**vars(plain), "handler": ask.run} == parsed
