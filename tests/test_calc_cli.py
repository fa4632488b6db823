"""`vested calc`: listing, running with flags from the input models, JSON, and clear errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from vested.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--no-log", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_calculator_with_its_inputs(capsys):
    code, out, _ = run(capsys, "calc")
    assert code == 0
    for name in ("loan_maximum", "indirect_rollover", "rmd", "rebalance", "employer_match"):
        assert f"\n{name}: " in out or out.startswith(f"{name}: ") or f"{name}: " in out
    assert "--highest-balance-12m AMOUNT" in out
    assert "--vested AMOUNT (required)" in out
    assert "6 or 6%" in out


def test_list_as_json(capsys):
    code, out, _ = run(capsys, "calc", "--json")
    assert code == 0
    listing = {item["name"]: item for item in json.loads(out)}
    assert len(listing) == 16
    flags = {field["flag"]: field for field in listing["loan_maximum"]["inputs"]}
    assert flags["--vested"]["required"] is True
    assert flags["--highest-balance-12m"]["unit"] == "money"


def test_loan_maximum_irs_example_readable(capsys):
    code, out, err = run(
        capsys, "calc", "loan_maximum", "--vested", "80000", "--highest-balance-12m", "27000", "--outstanding", "18000"
    )
    assert code == 0, err
    assert "You can borrow up to $22,000.00 more." in out
    assert "guide-2025" in out and "irc-72p" in out
    assert "50% of $80,000.00 vested = $40,000.00" in out


def test_json_prints_the_answer_with_its_calculation(capsys):
    code, out, _ = run(
        capsys, "calc", "future_value", "--contribution", "$8,800", "--annual-return", "6%", "--years", "30", "--json"
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["kind"] == "calculation"
    assert answer["question"] == "vested calc future_value --contribution '$8,800' --annual-return 6% --years 30"
    assert answer["calculation"]["tool"] == "future_value"
    assert answer["calculation"]["inputs"]["annual_return"] == "0.06"
    assert answer["calculation"]["inputs"]["contribution"] == "8800"
    assert "$695,712.04" in answer["answer"]
    assert {source["source"] for source in answer["sources"]} == {"primer-2025"}


def test_json_flag_before_the_name_and_human_number_forms(capsys):
    code, out, _ = run(
        capsys,
        "calc",
        "--json",
        "employer_match",
        "--formula",
        "50% up to 6%",
        "--salary",
        "80k",
        "--deferral-rate",
        "8",
    )
    assert code == 0
    calculation = json.loads(out)["calculation"]
    assert calculation["outputs"]["match"] == "2400"  # exact, without trailing zeros
    assert calculation["inputs"]["salary"] == "80000"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["calc", "contribution_limit", "--age", "60", "--year", "2026"], "$35,750.00"),
        (["calc", "contribution_limit", "--age", "55", "--year", "2026", "--no-plan-allows-60-63"], "$32,500.00"),
        (["calc", "vesting", "--schedule", "graded", "--years-of-service", "5"], "80% vested"),
        (
            [
                "calc",
                "after_tax_basis_share",
                "--basis",
                "25000",
                "--account-value",
                "150000",
                "140000",
                "--distribution",
                "10000",
                "10000",
            ],
            "$21,666.67",
        ),
        (["calc", "rmd", "--birth-date", "1958-05-20"], "April 1, 2032"),
        (["calc", "rebalance", "--balance", "250000", "--current-mix", "75/25", "--target", "60/40"], "$37,500.00"),
        (["calc", "indirect_rollover", "--amount", "60000", "--only-check-redeposited", "--age", "50"], "$1,200.00"),
        (["calc", "early-withdrawal", "--amount", "50000", "--age", "38"], "$5,000.00"),
        (["calc", "missed_rmd", "--required-rmd", "10000", "--taken", "6000"], "$1,000.00 (25%)"),
        (["calc", "missed_rmd", "--required-rmd", "10000", "--taken", "6000", "--corrected-in-time"], "$400.00 (10%)"),
        (
            ["calc", "excess_deferral", "--first-plan", "15k", "--second-plan", "12k", "--year", "2026"],
            "$2,500.00 over your $24,500.00 limit",
        ),
        (
            ["calc", "hardship_withdrawal", "--amount", "20000", "--age", "45", "--marginal-rate", "22"],
            "$2,000.00 is withheld",
        ),
        (
            ["calc", "hardship_withdrawal", "--amount", "20000", "--age", "45", "--waive-withholding"],
            "$0.00 is withheld",
        ),
        (
            ["calc", "loan_offset", "--loan-balance", "12000", "--age", "40", "--year", "2026"],
            "rolled over until October 15, 2027",
        ),
    ],
)
def test_calculators_run_from_flags(capsys, argv, expected):
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert expected in " ".join(out.split())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["calc", "nope"], "unknown calculator 'nope'"),
        (["calc", "loan_maximum"], "calc loan_maximum needs --vested"),
        (["calc", "loan_maximum", "--vested", "-5"], "--vested must not be negative"),
        (["calc", "loan_maximum", "--vested", "abc"], "'abc' is not a number"),
        (["calc", "loan_maximum", "--vested", "1e12"], "must be at most $1,000,000,000.00"),
        (["calc", "loan_maximum", "--vested", "1e30"], "'1e30' is far too large"),
        (["calc", "loan_maximum", "--vested", "5", "--colour", "red"], "unrecognized arguments: --colour"),
        (["calc", "employer_match", "--formula", "50% up to 6%", "--deferral-rate", "150"], "between 0% and 100%"),
        (["calc", "employer_match", "--formula", "50% up to 6%", "--deferral-rate", "six"], "is not a percentage"),
        (["calc", "contribution_limit", "--age", "130"], "--age must be between 0 and 120"),
        (["calc", "contribution_limit", "--age", "50", "--year", "2030"], "not in my table; the latest I know is 2026"),
        (
            ["calc", "after_tax_basis_share", "--basis", "1", "--account-value", "10", "--distribution", "11"],
            "larger than the account",
        ),
        (["calc", "vesting", "--schedule", "weird", "--years-of-service", "3"], "invalid choice: 'weird'"),
        (["calc", "missed_rmd", "--required-rmd", "10000"], "calc missed_rmd needs --taken"),
        (
            ["calc", "loan_offset", "--loan-balance", "1000", "--age", "40", "--rolled-over", "2000"],
            "can't roll over more",
        ),
        (["calc", "excess_deferral", "--first-plan", "1", "--second-plan", "1", "--year", "2031"], "not in my table"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("vested: ")
    assert message in lines[0]
    assert "Traceback" not in err


def test_calculator_help_documents_percent_inputs(capsys):
    with pytest.raises(SystemExit) as done:
        main(["calc", "employer_match", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--deferral-rate PERCENT" in out
    assert "6 or 6%" in out
    assert "--formula FORMULA" in out
    assert "vested calc employer_match --formula" in out


def test_calc_answers_are_logged(capsys, tmp_path):
    database = tmp_path / "answers.db"
    code = main(["--db", str(database), "calc", "allocation", "--age", "35"])
    capsys.readouterr()
    assert code == 0
    with sqlite3.connect(database) as connection:
        sessions = connection.execute("select interface from sessions").fetchall()
        answers = connection.execute("select kind, question from answers").fetchall()
    assert sessions == [("calc",)]
    assert answers == [("calculation", "vested calc allocation --age 35")]


def test_calc_command_does_not_import_textual_or_the_calculators():
    code = (
        "import sys; from vested.cli import build_parser; build_parser(); "
        "import vested.commands.calc; "
        "print(any(m.startswith(('textual', 'vested.calculate')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_running_a_calculator_does_not_import_textual(tmp_path):
    code = (
        "import sys; from vested.cli import main; "
        "main(['--no-log', 'calc', 'loan_maximum', '--vested', '80000', '--json']); "
        "print(any(m.startswith('textual') for m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "False"


def test_quoted_limits_are_typed_as_named_amounts_and_refused_in_one_line(capsys):
    """`--quoted-limits` reads 'deferral=18000, catch_up_50=6000'; anything else gets a line saying how to write it."""
    from vested.cli import main

    assert main(["--no-log", "calc", "contribution_limit", "--age", "52", "--quoted-limits", "deferral=18000"]) == 2
    assert "name the year they are from" in capsys.readouterr().err
    assert main(["--no-log", "calc", "contribution_limit", "--age", "52", "--quoted-limits", "1e999"]) == 2
    err = capsys.readouterr().err
    assert "write it like 'deferral=18000, catch_up_50=6000'" in err and len(err.strip().splitlines()) == 1
