"""`vested walk`: every walkthrough end to end from an answers file, the terminal prompts,
and the answer log.

The expected figures were worked out independently of the code (by hand, or with a plain
loop for the projections) before being pinned here.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import DATA, TODAY
from vested.calculate.money import to_cents
from vested.cli import main
from vested.commands import walk

ANSWERS = DATA / "walkthroughs"


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch):
    monkeypatch.setattr(walk, "today", lambda: TODAY)


def run_file(capsys, name: str, file: str | None = None) -> dict:
    code = main(["walk", name, "--answers", str(ANSWERS / f"{file or name}.json"), "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def outputs(result: dict, scenario: int = 0) -> dict[str, Decimal | str]:
    """The scenario's outputs, amounts rounded to cents the way they are shown."""
    raw = result["scenarios"][scenario]["answer"]["calculation"]["outputs"]
    shown: dict[str, Decimal | str] = {}
    for key, value in raw.items():
        try:
            shown[key] = to_cents(Decimal(value))
        except (ArithmeticError, TypeError, ValueError):
            shown[key] = value
    return shown


def money(text: str) -> Decimal:
    return Decimal(text)


# ---------------------------------------------------------------- listing


def test_walk_lists_the_walkthroughs(capsys):
    assert main(["walk"]) == 0
    out = capsys.readouterr().out
    for name in (
        "leaving-job",
        "indirect-rollover",
        "borrow-or-withdraw",
        "whole-match",
        "projection",
        "after-tax-basis",
    ):
        assert f"  {name}" in out
    assert "Leaving my job" in out


def test_walk_lists_as_json(capsys):
    assert main(["walk", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [item["name"] for item in listing][:2] == ["leaving-job", "indirect-rollover"]
    assert listing[0]["questions"] == 8


def test_walk_questions_names_the_answers(capsys):
    assert main(["walk", "leaving-job", "--questions"]) == 0
    out = capsys.readouterr().out
    assert "loan (money; asked when has_loan is yes)" in out
    assert "has_loan (yes_no; default no)" in out
    assert main(["walk", "leaving-job", "--questions", "--json"]) == 0
    questions = json.loads(capsys.readouterr().out)
    assert questions[2] == {
        "name": "loan",
        "label": "Loan balance",
        "type": "money",
        "prompt": "How much do you still owe on the loan?",
        "default": None,
        "choices": [],
        "asked_when": [{"field": "has_loan", "equals": True}],
    }


# ------------------------------------------------------ each walkthrough, exactly


def test_leaving_job_at_41_then_56(capsys):
    result = run_file(capsys, "leaving-job")
    assert [scenario["label"] for scenario in result["scenarios"]] == ["Your answers", "Age when you leave: 56"]
    at_41, at_56 = outputs(result, 0), outputs(result, 1)
    assert at_41["cash_out.check"] == money("36000.00")
    assert at_41["cash_out.withheld"] == money("9000.00")
    assert at_41["cash_out.income_tax"] == money("9900.00")
    assert at_41["cash_out.additional_tax"] == money("4500.00")
    assert at_41["cash_out.total_tax"] == money("14400.00")
    assert at_41["cash_out.net_after_tax"] == money("30600.00")
    assert at_41["cash_out.due_at_filing"] == money("5400.00")
    assert at_41["indirect.check"] == money("36000.00")
    assert at_41["indirect.to_add"] == money("9000.00")
    assert at_41["indirect.check_only_tax"] == money("2880.00")
    assert at_41["loan.offset_tax"] == money("2880.00")
    assert at_41["loan.rollover_deadline"] == "2027-10-15"
    assert at_41["small_balance_limit"] == money("7000.00")
    assert at_56["cash_out.additional_tax"] == 0
    assert at_56["cash_out.total_tax"] == money("9900.00")
    assert at_56["cash_out.net_after_tax"] == money("35100.00")
    assert at_56["cash_out.due_at_filing"] == money("900.00")
    assert at_56["loan.offset_tax"] == money("1980.00")
    assert at_56["additional_tax_applies"] == "no"
    rows = {row[0]: row[1:] for row in result["comparison"]["rows"]}
    assert rows["Cash-out: kept after tax"] == ["$30,600.00", "$35,100.00", "+$4,500.00"]
    assert rows["Unpaid loan: tax and penalty"] == ["$2,880.00", "$1,980.00", "−$900.00"]


def test_leaving_job_small_balance_at_54_turning_55(capsys):
    result = run_file(capsys, "leaving-job", "leaving-job-small-balance")
    out = outputs(result)
    assert out["cash_out.withheld"] == money("1000.00")
    assert out["cash_out.income_tax"] == money("600.00")
    assert out["cash_out.additional_tax"] == 0
    assert out["cash_out.due_at_filing"] == money("-400.00")
    assert out["indirect.check_only_tax"] == money("120.00")
    text = result["scenarios"][0]["answer"]["answer"]
    assert "| Leave it in the old plan | $0.00 | $0.00 | $0.00 | $5,000.00 | the plan may move it to an IRA |" in text
    assert "not offered: the new plan takes no rollovers" in text
    assert "payouts from this plan owe no 10% additional tax" in text
    assert "Loan balance" not in text


def test_indirect_rollover_with_after_tax_money(capsys):
    out = outputs(run_file(capsys, "indirect-rollover"))
    assert out["withheld"] == money("9000.00")
    assert out["check"] == money("41000.00")
    assert out["to_add"] == money("9000.00")
    assert out["taxable_shortfall"] == money("4000.00")
    assert out["income_tax"] == money("960.00")
    assert out["additional_tax"] == money("400.00")
    assert out["total_tax"] == money("1360.00")
    assert out["after_tax_kept"] == money("5000.00")
    assert out["deadline"] == "2026-12-29"  # 2026-10-30 + 60 days
    assert out["days_left"] == 34


def test_borrow_or_withdraw_and_its_what_ifs(capsys):
    result = run_file(capsys, "borrow-or-withdraw")
    base, at_60, too_much = outputs(result, 0), outputs(result, 1), outputs(result, 2)
    assert base["loan.max_new_loan"] == money("30000.00")
    assert base["loan.payment"] == money("205.17")
    assert base["loan.total_interest"] == money("2309.87")
    assert base["loan.total_repaid"] == money("12309.87")
    assert base["loan.account_change_at_retirement"] == money("3157.34")
    assert base["hardship.income_tax"] == money("2200.00")
    assert base["hardship.additional_tax"] == money("1000.00")
    assert base["hardship.net_after_tax"] == money("6800.00")
    assert base["hardship.gross_for_needed"] == money("14705.88")
    assert base["cash_out.withheld"] == money("2000.00")
    assert base["cash_out.total_tax"] == money("3200.00")
    assert base["withdrawal.account_change_at_retirement"] == money("-76122.55")
    assert at_60["hardship.additional_tax"] == 0
    assert at_60["hardship.gross_for_needed"] == money("12820.51")
    assert "loan.payment" not in too_much
    assert too_much["hardship.income_tax"] == money("8800.00")
    assert "not possible: at most $30,000.00" in result["scenarios"][2]["answer"]["answer"]
    assert len(result["comparison"]["columns"]) == 6


def test_whole_match(capsys):
    result = run_file(capsys, "whole-match")
    now, at_5 = outputs(result, 0), outputs(result, 1)
    assert now["match_captured"] == money("1750.00")
    assert now["match_available"] == money("2000.00")
    assert now["match_missed"] == money("250.00")
    raw = result["scenarios"][0]["answer"]["calculation"]["outputs"]
    assert Decimal(raw["deferral_for_full_match"]) == Decimal("0.05")
    assert now["your_contribution"] == money("2000.00")
    assert now["employee_limit"] == money("32500.00")  # 2026: $24,500 + $8,000 catch-up at 52
    assert now["room_left"] == money("30500.00")
    assert at_5["match_missed"] == 0
    assert at_5["room_left"] == money("30000.00")


def test_projection_with_what_ifs_and_roth(capsys):
    result = run_file(capsys, "projection")
    out, lower_fees = outputs(result, 0), outputs(result, 1)
    assert out["balance_at_retirement"] == money("893483.15")
    assert out["contributed"] == money("299725.12")
    assert out["what_if.deferral_plus_1"] == money("965070.43")
    assert out["what_if.deferral_plus_3"] == money("1108245.01")
    assert out["what_if.retire_later"] == money("1026352.39")
    assert out["what_if.half_fees"] == money("937270.30")
    assert out["roth.traditional_after_tax"] == money("365095.16")
    assert out["roth.roth_after_tax"] == money("335028.50")
    assert lower_fees["balance_at_retirement"] == money("964745.17")
    series = result["scenarios"][0]["answer"]["calculation"]["outputs"]["series"]
    assert [point["age"] for point in series] == list(range(35, 66))


def test_after_tax_basis(capsys):
    out = outputs(run_file(capsys, "after-tax-basis"))
    assert out["tax_free"] == money("5833.33")
    assert out["taxable"] == money("29166.67")
    assert out["basis_remaining"] == money("19166.67")
    assert out["withdrawal_1.tax_free"] == money("1666.67")
    assert out["withdrawal_3.taxable"] == money("12500.00")


def test_plain_output_shows_the_projection_table(capsys):
    code = main(["walk", "projection", "--answers", str(ANSWERS / "projection.json")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Balance by year" in out
    assert "$59,050.00" in out and "$893,483.15" in out
    assert "Scenarios side by side" in out


# -------------------------------------------------------------- bad input


def test_bad_answers_are_listed_one_a_line(capsys):
    code = main(["walk", "leaving-job", "--answers", str(ANSWERS / "leaving-job-bad.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        "vested: leaving-job: the answers can't be used:",
        "  - 'agee' is not a question of leaving-job (its questions: balance, has_loan, loan, age, turns_55, "
        "year, new_plan, tax_rate)",
        "  - Vested balance must not be negative (got -5)",
        "  - Loan outstanding must be yes or no",
        "  - 'age' (Age when you leave) is missing",
        "  - Tax rate must be between 0% and 100% (got 220%)",
    ]


@pytest.mark.parametrize(
    ("argv", "content", "message"),
    [
        (["walk", "nowhere"], None, "no walkthrough called 'nowhere'; choose one of: leaving-job,"),
        (["walk", "leaving-job", "--json"], None, "--json needs --answers FILE"),
        (["walk", "--answers", "x.json"], None, "name the walkthrough"),
        (["walk", "leaving-job", "--answers", "FILE"], "{not json", "is not valid JSON"),
        (["walk", "leaving-job", "--answers", "FILE"], "[1, 2]", "must hold a JSON object"),
        (["walk", "leaving-job", "--answers", "FILE"], '{"answers": {}, "extra": 1}', "only answers and what_if"),
        (["walk", "leaving-job", "--answers", "missing.json"], None, "can't read the answers file missing.json"),
        (
            ["walk", "leaving-job", "--answers", "FILE"],
            '{"answers": {"balance": 1000, "age": 40}, "what_if": [{"salary": 5}]}',
            "leaving-job, what-if 1: 'salary' is not one of the questions",
        ),
    ],
)
def test_usage_errors_are_one_clear_line(capsys, tmp_path, monkeypatch, argv, content, message):
    monkeypatch.chdir(tmp_path)
    if content is not None:
        Path("FILE").write_text(content, encoding="utf-8")
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_answers_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"basis": 1000, "account_value": 10000, "withdrawals": 1000}'))
    assert main(["walk", "after-tax-basis", "--answers", "-", "--json"]) == 0
    assert outputs(json.loads(capsys.readouterr().out))["tax_free"] == money("100.00")


# ----------------------------------------------------------------- terminal


def type_in(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def test_terminal_walk_with_reprompts_back_review_and_what_if(capsys, monkeypatch):
    type_in(
        monkeypatch,
        "45k",  # balance
        "maybe",  # not yes/no: asked again
        "yes",
        "-5",  # negative: asked again
        "back",  # back to the loan question's predecessor
        "",  # keep "yes"
        "9,000",
        "?",  # help for age
        "41",
        "",  # year: this year
        "yes",  # new plan takes rollovers
        "",  # 22%
        "4",  # review: change answer 4 (age)
        "56",
        "",  # see the result
        "age 41",  # what-if
        "compare",
        "edit 99",
        "quit",
    )
    assert main(["walk", "leaving-job"]) == 0
    out = capsys.readouterr().out
    assert "  ✗ Loan outstanding must be yes or no" in out
    assert "  ✗ Loan balance must not be negative (got -5)" in out
    assert "2/7 Do you still owe money on a loan from this plan? (yes/no) [yes]" in out
    assert "Your age decides the 10% additional tax" in out
    assert "5/7 In which year do you leave (or did you leave)? [2026]" in out
    assert "  4. Age when you leave: 56" in out
    assert "leaves $35,100.00 after $9,900.00 of tax." in out  # the result at 56
    assert "leaves $30,600.00 after $14,400.00 of tax and penalty." in out  # the what-if at 41
    assert "Age when you leave: 41" in out and "+$4,500.00" in out
    assert 'Type "edit N" with N from 1 to 7.' in out


def test_end_of_input_ends_quietly(capsys, monkeypatch):
    type_in(monkeypatch, "45000", "no")
    assert main(["walk", "leaving-job"]) == 0
    out = capsys.readouterr().out
    assert "3/6 How old will you be when you leave the job?" in out
    assert "Traceback" not in out


def test_an_answer_the_arithmetic_refuses_is_asked_again(capsys, monkeypatch):
    type_in(
        monkeypatch,
        "10000",  # paid out
        "no",
        "12000",  # redeposit: more than was paid out
        "2026-11-01",
        "40",
        "",
        "",  # review: see the result -> refused, redeposit asked again
        "8000",
        "",  # review again
        "quit",
    )
    assert main(["walk", "indirect-rollover"]) == 0
    out = capsys.readouterr().out
    assert "  ✗ Redeposit within 60 days ($12,000.00) can't be more than the amount paid out ($10,000.00)" in out
    assert "Depositing $8,000.00 by 2026-12-31 leaves $2,000.00 taxable" in out


# ------------------------------------------------------------------ the log


def test_results_and_what_ifs_are_logged(capsys, tmp_path):
    db = tmp_path / "answers.db"
    assert main(["--db", str(db), "walk", "leaving-job", "--answers", str(ANSWERS / "leaving-job.json"), "--json"]) == 0
    capsys.readouterr()
    with sqlite3.connect(db) as conn:
        [(interface,)] = conn.execute("select interface from sessions").fetchall()
        rows = conn.execute("select id, question, kind, calculation from answers order by id").fetchall()
        sources = conn.execute("select count(*) from answer_sources where answer_id = ?", (rows[0][0],)).fetchone()[0]
    assert interface == "walk"
    assert [row[2] for row in rows] == ["calculation", "calculation"]
    assert rows[0][1].startswith("Walk me through leaving my job (vested balance $45,000.00")
    assert rows[1][1] == "Leaving my job: what if Age when you leave: 56?"
    first = json.loads(rows[0][3])
    assert first["tool"] == "leaving-job"
    assert first["inputs"]["loan"] == "9000"
    assert to_cents(Decimal(first["outputs"]["cash_out.net_after_tax"])) == Decimal("30600.00")
    assert sources >= 10


def test_no_log_writes_nothing(capsys, tmp_path):
    db = tmp_path / "answers.db"
    args = ["--db", str(db), "--no-log", "walk", "after-tax-basis", "--answers", str(ANSWERS / "after-tax-basis.json")]
    assert main(args) == 0
    capsys.readouterr()
    assert not db.exists()
