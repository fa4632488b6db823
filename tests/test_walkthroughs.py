"""The walkthrough engine: definitions, answer checking, back and edit, what-ifs, the Answer."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import TODAY
from vested.calculate import registry as calculators
from vested.calculate.base import CalcContext
from vested.calculate.money import to_cents
from vested.walkthroughs import ORDER, get, match_request, registry
from vested.walkthroughs.answers import AnswerError, parse_answer, show_answer
from vested.walkthroughs.engine import (
    AnswerProblems,
    WalkContext,
    WalkSession,
    compare,
    parse_changes,
    scenario_answer,
)
from vested.walkthroughs.models import WalkthroughDefinition

LEAVING = {
    "balance": "45000",
    "has_loan": "yes",
    "loan": "9000",
    "age": "41",
    "year": "2026",
    "new_plan": "yes",
    "tax_rate": "22",
}


@pytest.fixture(scope="module")
def context(kb) -> WalkContext:
    return WalkContext(kb, TODAY)


def leaving_session(context: WalkContext, **changes: str) -> WalkSession:
    walkthrough = registry()["leaving-job"]
    return WalkSession(walkthrough, context, walkthrough.resolve({**LEAVING, **changes}, TODAY))


def cents(value) -> Decimal:
    return to_cents(Decimal(value))


# ------------------------------------------------------------------ definitions


def test_the_six_walkthroughs_load_in_order():
    expected = [
        "leaving-job",
        "indirect-rollover",
        "borrow-or-withdraw",
        "whole-match",
        "projection",
        "after-tax-basis",
    ]
    assert list(registry()) == list(ORDER) == expected
    for walkthrough in registry().values():
        assert walkthrough.title and walkthrough.description and walkthrough.steps


def test_every_knowledge_link_names_a_walkthrough(kb):
    linked = {entry.walkthrough for entry in kb.entries if entry.walkthrough}
    assert linked <= set(registry())
    for walkthrough in registry().values():
        for entry_id in walkthrough.definition.entries:
            assert kb.entry(entry_id) is not None, f"{walkthrough.name} names missing entry {entry_id}"


def test_every_default_and_bound_passes_its_own_step():
    for walkthrough in registry().values():
        for step in walkthrough.steps:
            for written in (step.default, step.minimum, step.maximum):
                if written is not None and step.type != "money_list":
                    parse_answer(step.model_copy(update={"minimum": None, "maximum": None}), written, TODAY)


def test_lookup_by_name_title_or_unique_start():
    assert get("leaving-job").name == "leaving-job"
    assert get("Retirement projection").name == "projection"
    assert get("borrow").name == "borrow-or-withdraw"
    assert get("nothing-like-it") is None


def test_a_condition_must_look_back():
    with pytest.raises(ValueError, match="not an earlier step"):
        WalkthroughDefinition.model_validate(
            {
                "name": "bad",
                "title": "Bad",
                "description": "d",
                "question": "q",
                "keywords": ["bad"],
                "steps": [
                    {
                        "field": "a",
                        "label": "A",
                        "prompt": "A?",
                        "type": "money",
                        "when": {"field": "b", "equals": True},
                    },
                    {"field": "b", "label": "B", "prompt": "B?", "type": "yes_no"},
                ],
            }
        )


def test_definitions_ship_inside_the_package():
    from importlib.resources import files

    shipped = sorted(path.name for path in (files("vested.walkthroughs") / "definitions").iterdir())
    assert shipped == sorted(f"{name}.toml" for name in ORDER)


def test_the_engine_never_imports_textual():
    code = (
        "import sys; from datetime import date; from vested.knowledge import load_knowledge_base; "
        "from vested.walkthroughs import registry; from vested.walkthroughs.engine import *; "
        "w = registry()['projection']; c = WalkContext(load_knowledge_base(), date(2026, 11, 25)); "
        "s = WalkSession(w, c, w.resolve({'age': 35, 'retirement_age': 65, 'salary': 70000, "
        "'deferral': 6, 'formula': '50% up to 6%', 'tax_retirement': 15}, c.today)); "
        "scenario_answer(w, s.result(), c); "
        "print([m for m in sys.modules if m == 'textual' or m.startswith('textual.')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ})
    assert out.stdout.strip() == "[]"


# ----------------------------------------------------------------------- answers


@pytest.mark.parametrize("typed", ["45000", "$45,000", "45k", "45,000.00", 45000, Decimal("45000")])
def test_amounts_in_every_usual_form(typed):
    assert parse_answer(registry()["leaving-job"].step("balance"), typed, TODAY) == Decimal(45000)


@pytest.mark.parametrize("typed", ["22", "22%", " 22 % ", 22, Decimal("22")])
def test_percentages_as_people_say_them(typed):
    assert parse_answer(registry()["leaving-job"].step("tax_rate"), typed, TODAY) == Decimal("0.22")


def test_dates_years_choices_and_lists():
    indirect = registry()["indirect-rollover"]
    assert parse_answer(indirect.step("received_on"), "10/30/2026", TODAY) == date(2026, 10, 30)
    assert parse_answer(indirect.step("received_on"), "2026-10-30", TODAY) == date(2026, 10, 30)
    assert parse_answer(indirect.step("received_on"), "today", TODAY) == TODAY
    leaving = registry()["leaving-job"]
    assert parse_answer(leaving.step("year"), "this year", TODAY) == 2026
    assert parse_answer(leaving.step("new_plan"), "No new plan", TODAY) == "unknown"
    assert parse_answer(leaving.step("new_plan"), "2", TODAY) == "no"
    assert parse_answer(leaving.step("has_loan"), "Y", TODAY) is True
    withdrawals = registry()["after-tax-basis"].step("withdrawals")
    assert parse_answer(withdrawals, "10000 $12,500; 15k", TODAY) == [Decimal(10000), Decimal(12500), Decimal(15000)]
    assert show_answer(withdrawals, [Decimal(10000), Decimal(5)]) == "$10,000.00, $5.00"


@pytest.mark.parametrize(
    ("walkthrough", "field", "typed", "message"),
    [
        ("leaving-job", "balance", "-5", "Vested balance must not be negative (got -5)"),
        ("leaving-job", "balance", "0", "Vested balance must be at least $0.01"),
        ("leaving-job", "balance", "lots", "Vested balance must be an amount like 45000 or $45,000"),
        ("leaving-job", "balance", "", "Vested balance needs an answer: an amount like 45000 or $45,000"),
        ("leaving-job", "has_loan", "perhaps", "Loan outstanding must be yes or no"),
        ("leaving-job", "tax_rate", "220", "Tax rate must be between 0% and 100% (got 220%)"),
        ("leaving-job", "age", "130", "Age when you leave must be between 0 and 120 (got 130)"),
        ("leaving-job", "year", "2015", "Year you leave must be at least 2018"),
        ("leaving-job", "new_plan", "maybe", "New plan takes rollovers must be one of yes, no, unknown"),
        ("indirect-rollover", "received_on", "2026-12-01", "Check arrived must be on or before 2026-11-25"),
        (
            "indirect-rollover",
            "received_on",
            "2026-02-30",
            "Check arrived must be a date like 2026-11-20 or 11/20/2026",
        ),
        ("borrow-or-withdraw", "term", "7", "Loan term must be at most 5 years"),
        ("borrow-or-withdraw", "term", "2.5", "Loan term must be a whole number"),
        ("projection", "age", "35.5", "Age now must be a whole number"),
        ("after-tax-basis", "withdrawals", "10000 lots", "Planned withdrawals has 'lots', which is not an amount"),
    ],
)
def test_bad_answers_say_what_would_do(walkthrough, field, typed, message):
    with pytest.raises(AnswerError) as error:
        parse_answer(registry()[walkthrough].step(field), typed, TODAY)
    assert str(error.value).startswith(message)
    assert error.value.field == field


def test_an_unreadable_match_formula_is_refused_with_examples():
    with pytest.raises(AnswerError, match=r"Match formula .*could not be read.*50% up to 6%"):
        parse_answer(registry()["whole-match"].step("formula"), "generous", TODAY)


def test_an_answers_file_is_checked_all_at_once():
    with pytest.raises(AnswerProblems) as problems:
        registry()["leaving-job"].resolve({"balance": "-5", "agee": 41, "tax_rate": "220%"}, TODAY)
    fields = [problem.field for problem in problems.value.problems]
    assert fields == ["agee", "balance", "age", "tax_rate"]
    assert "'agee' is not a question of leaving-job" in str(problems.value)


def test_an_answer_for_a_skipped_question_is_refused():
    with pytest.raises(AnswerProblems, match="'loan' is given but only asked when has_loan is yes"):
        registry()["leaving-job"].resolve({**LEAVING, "has_loan": "no"}, TODAY)


def test_a_refused_answer_does_not_make_its_dependants_look_unasked():
    with pytest.raises(AnswerProblems) as problems:
        registry()["leaving-job"].resolve({**LEAVING, "has_loan": "perhaps"}, TODAY)
    assert [problem.field for problem in problems.value.problems] == ["has_loan"]


# ------------------------------------------------------------- step by step


def test_conditions_skip_and_add_steps(context):
    walkthrough = registry()["leaving-job"]
    shown = [step.field for step in walkthrough.visible({"has_loan": False, "age": Decimal(41)})]
    assert shown == ["balance", "has_loan", "age", "year", "new_plan", "tax_rate"]
    shown = [step.field for step in walkthrough.visible({"has_loan": True, "age": Decimal("54.5")})]
    assert shown == ["balance", "has_loan", "loan", "age", "turns_55", "year", "new_plan", "tax_rate"]


def test_back_and_the_earlier_answer_as_suggestion(context):
    session = WalkSession(registry()["leaving-job"], context)
    session.answer("45000")
    session.answer("yes")
    assert session.current.field == "loan"
    assert session.position == (3, 7)
    assert session.back()
    assert session.current.field == "has_loan"
    assert session.suggestion(session.current) == "yes"
    session.answer("")  # Enter keeps it
    assert session.current.field == "loan"
    session.answer("9000")
    assert session.back() and session.back() and session.back()
    assert not session.back()
    assert session.current.field == "balance"


def test_a_bad_answer_leaves_the_cursor_in_place(context):
    session = WalkSession(registry()["leaving-job"], context)
    with pytest.raises(AnswerError):
        session.answer("-1")
    assert session.current.field == "balance"
    assert "balance" not in session.answers


def test_editing_an_answer_asks_only_what_it_opens(context):
    session = WalkSession(registry()["leaving-job"], context)
    for typed in ("45000", "no", "41", "", "yes", ""):
        session.answer(typed)
    assert session.complete and session.current is None
    session.edit("has_loan")
    session.answer("yes")
    assert session.current.field == "loan"  # newly asked
    session.answer("9000")
    assert session.current is None  # the rest kept their answers
    assert session.result().result.value("loan.offset_tax") == Decimal("2880.00")


def test_defaults_fill_in_and_this_year_is_todays(context):
    answers = registry()["leaving-job"].resolve({"balance": 45000, "age": 41}, TODAY)
    assert answers == {
        "balance": Decimal(45000),
        "has_loan": False,
        "age": Decimal(41),
        "year": 2026,
        "new_plan": "unknown",
        "tax_rate": Decimal("0.22"),
    }


# ------------------------------------------------------------------- what-ifs


def test_what_if_age_56_against_41(context):
    session = leaving_session(context)
    first = session.result()
    second = session.what_if({"age": "56"})
    assert second.label == "Age when you leave: 56"
    assert second.changes == {"age": Decimal(56)}
    assert first.result.value("cash_out.additional_tax") == Decimal("4500.00")
    assert second.result.value("cash_out.additional_tax") == 0
    table = session.comparison()
    assert table.columns == ["", "Your answers", "Age when you leave: 56", "Difference"]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Age when you leave"] == ["41", "56", "+15"]
    assert rows["Cash-out: kept after tax"] == ["$30,600.00", "$35,100.00", "+$4,500.00"]
    assert rows["Cash-out: 10% additional tax"] == ["$4,500.00", "$0.00", "−$4,500.00"]
    assert rows["Unpaid loan: tax and penalty"] == ["$2,880.00", "$1,980.00", "−$900.00"]
    assert rows["Cash-out: check now"] == ["$36,000.00", "$36,000.00", "same"]
    assert "Tax rate" not in rows  # unchanged inputs stay out


def test_several_scenarios_side_by_side(context):
    session = leaving_session(context)
    session.result()
    session.what_if({"age": "56"})
    session.what_if({"tax_rate": "12%", "balance": "50k"})
    table = session.comparison()
    assert table.columns == [
        "",
        "1. Your answers",
        "2. Age when you leave: 56",
        "3. Tax rate: 12%, Vested balance: $50,000.00",
        "2 vs 1",
        "3 vs 1",
    ]
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Tax rate"] == ["22%", "22%", "12%", "same", "−10 points"]
    assert rows["Cash-out: tax and penalty"] == ["$14,400.00", "$9,900.00", "$11,000.00", "−$4,500.00", "−$3,400.00"]


def test_a_what_if_that_opens_a_question_needs_its_answer(context):
    walkthrough = registry()["leaving-job"]
    no_loan = {key: value for key, value in LEAVING.items() if key != "loan"}
    session = WalkSession(walkthrough, context, walkthrough.resolve({**no_loan, "has_loan": "no"}, TODAY))
    with pytest.raises(AnswerError) as error:
        session.what_if({"has_loan": "yes"})
    assert error.value.field == "loan"
    scenario = session.what_if({"has_loan": "yes", "loan": "9000"})
    assert scenario.result.value("loan.offset_tax") == Decimal("2880.00")


def test_a_what_if_must_name_a_question(context):
    session = leaving_session(context)
    with pytest.raises(AnswerError, match="'salary' is not one of the questions"):
        session.what_if({"salary": "1"})


def test_compare_needs_scenarios():
    with pytest.raises(ValueError, match="nothing to compare"):
        compare(registry()["leaving-job"], [])


# ------------------------------------------------------------ cross checks


def test_leaving_job_agrees_with_the_calculators(context):
    result = leaving_session(context).result().result
    ctx = CalcContext(context.kb.figures, TODAY)
    cash_out = calculators()["early_withdrawal"].compute(
        {"amount": 45000, "age": 41, "marginal_rate": Decimal("0.22")}, ctx
    )
    for key in ("withheld", "income_tax", "additional_tax", "total_tax", "net_after_tax", "due_at_filing"):
        assert result.value(f"cash_out.{key}") == cash_out.outputs[key]
    assert result.value("cash_out.check") == cash_out.outputs["paid_out"]
    indirect = calculators()["indirect_rollover"].compute(
        {"amount": 45000, "only_check_redeposited": True, "age": 41, "marginal_rate": Decimal("0.22")}, ctx
    )
    assert result.value("indirect.check") == indirect.outputs["received"]
    assert (
        result.value("indirect.check_only_tax") == indirect.outputs["income_tax"] + indirect.outputs["additional_tax"]
    )


@pytest.mark.parametrize(
    ("walkthrough", "answers", "field", "message"),
    [
        (
            "indirect-rollover",
            {"paid_out": 10000, "redeposit": 12000, "received_on": "2026-11-01", "age": 40},
            "redeposit",
            "Redeposit within 60 days ($12,000.00) can't be more than the amount paid out ($10,000.00)",
        ),
        (
            "indirect-rollover",
            {
                "paid_out": 10000,
                "has_after_tax": "yes",
                "after_tax": 11000,
                "redeposit": 0,
                "received_on": "2026-11-01",
                "age": 40,
            },
            "after_tax",
            "After-tax part ($11,000.00) can't be more than the amount paid out ($10,000.00)",
        ),
        (
            "projection",
            {"age": 50, "retirement_age": 50, "salary": 1, "deferral": 1, "has_match": "no", "compare_roth": "no"},
            "retirement_age",
            "Retirement age (50) must be after your age now (50)",
        ),
        (
            "after-tax-basis",
            {"basis": 20000, "account_value": 10000, "withdrawals": "1000"},
            "basis",
            "After-tax basis ($20,000.00) can't be more than the account value ($10,000.00)",
        ),
        (
            "borrow-or-withdraw",
            {"needed": 1000, "balance": 50000, "loan_rate": 8, "age": 40, "years_to_retirement": 3},
            "years_to_retirement",
            "Years to retirement must be at least the loan term (5 years)",
        ),
    ],
)
def test_answers_that_clash_point_at_the_question(context, walkthrough, answers, field, message):
    flow = registry()[walkthrough]
    session = WalkSession(flow, context, flow.resolve(answers, TODAY))
    with pytest.raises(AnswerError) as error:
        session.result()
    assert error.value.field == field
    assert str(error.value).startswith(message)


# ------------------------------------------------------------------ the Answer


def test_the_answer_for_the_log(context, kb):
    walkthrough = registry()["leaving-job"]
    session = leaving_session(context)
    answer = scenario_answer(walkthrough, session.result(), context)
    assert answer.kind == "calculation"
    assert answer.confidence == 1.0
    assert answer.question.startswith("Walk me through leaving my job (vested balance $45,000.00, ")
    assert answer.calculation.tool == "leaving-job"
    assert answer.calculation.inputs["balance"] == "45000"
    assert answer.calculation.inputs["tax_rate"] == "0.22"
    assert cents(answer.calculation.outputs["cash_out.net_after_tax"]) == Decimal("30600.00")
    assert answer.calculation.outputs["loan.rollover_deadline"] == "2027-10-15"
    assert "Cash out: 20% of $45,000.00 withheld = $9,000.00; $36,000.00 paid to you" in answer.calculation.steps
    assert "| Cash out | $36,000.00 | $9,000.00 | $14,400.00 | $0.00 | you keep $30,600.00 after tax |" in answer.answer
    assert answer.sources, "a walkthrough cites its rules"
    for source in answer.sources:
        assert source.source in kb.sources
        assert source.title == kb.sources[source.source].title
        assert len(source.quote.split()) <= 20
    keys = [(s.source, s.section, s.paragraph, s.quote) for s in answer.sources]
    assert len(keys) == len(set(keys))
    assert {"guide-2025", "faq-2019", "tcja-2017", "irc-3405c"} <= {source.source for source in answer.sources}
    assert answer.suggestions[0] == kb.entry("rollovers.options").question


def test_a_what_if_answer_opens_with_the_comparison(context):
    walkthrough = registry()["leaving-job"]
    session = leaving_session(context)
    session.result()
    scenario = session.what_if({"age": "56"})
    answer = scenario_answer(walkthrough, scenario, context, session.comparison())
    assert answer.question == "Leaving my job: what if Age when you leave: 56?"
    assert answer.answer.startswith(
        "**What if Age when you leave: 56?**\n\n|  | Your answers | Age when you leave: 56 | Difference |"
    )
    assert answer.calculation.inputs["age"] == "56"


def test_the_projection_answer_carries_the_series(context):
    flow = registry()["projection"]
    answers = flow.resolve(
        {
            "age": 35,
            "retirement_age": 65,
            "balance": 50000,
            "salary": 70000,
            "deferral": 6,
            "formula": "50% up to 6%",
            "tax_retirement": 15,
        },
        TODAY,
    )
    scenario = WalkSession(flow, context, answers).result()
    answer = scenario_answer(flow, scenario, context)
    series = answer.calculation.outputs["series"]
    assert series[0] == {"age": 35, "balance": "50000"}
    assert series[1]["age"] == 36 and cents(series[1]["balance"]) == Decimal("59050.00")
    assert len(series) == 31
    assert "| 36 | 2027 | $6,300.00 | $59,050.00 |" in answer.answer


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("walk me through leaving my job", "leaving-job"),
        ("Walk me through am I getting the whole match?", "whole-match"),
        ("guide me through a 401k loan vs hardship withdrawal", "borrow-or-withdraw"),
        ("walk me through the after-tax money in my rollover", "after-tax-basis"),
        ("walkthrough: indirect rollover", "indirect-rollover"),
        ("walk me through a retirement projection", "projection"),
        ("how much can I borrow", None),
        ("walk me through my taxes", None),
    ],
)
def test_a_request_names_its_walkthrough(message, name):
    found = match_request(message)
    assert (found.name if found else None) == name


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("can you guide me through an indirect rollover?", "indirect-rollover"),
        ("help me decide whether to borrow or withdraw", "borrow-or-withdraw"),
        ("Help me choose between a loan and a hardship withdrawal", "borrow-or-withdraw"),
        ("walk me thru leaving my job", "leaving-job"),
        ("Talk me through borrowing vs withdrawing", "borrow-or-withdraw"),
        ("step by step, what do I do with my 401k when I quit?", "leaving-job"),
        ("step-by-step: the 60-day rollover", "indirect-rollover"),
        ("what-if for leaving my job", "leaving-job"),
        ("run a what-if on my retirement projection", "projection"),
        ("can we walk through the after-tax money in my rollover", "after-tax-basis"),
        ("I got laid off. Walk me through my options for my old 401(k)", "leaving-job"),
        ("Walk-through: am I getting the full employer match?", "whole-match"),
    ],
)
def test_natural_requests_find_their_walkthrough(message, name):
    found = match_request(message)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    "message",
    [
        "how do I roll over my 401k?",
        "can I take a loan from my 401k?",
        "should I borrow or withdraw?",
        "what if I quit my job?",
        "what if for some reason I miss the 60-day deadline?",
        "help me understand the 60-day rule",
        "what happens to my loan when I leave my job?",
        "do I get the whole match?",
        "is there a guide to indirect rollovers?",
        "how do I roll over my 401k step by step?",  # asks to be walked, but through no walkthrough
        "walk me through it",
    ],
)
def test_ordinary_questions_open_no_walkthrough(message):
    assert match_request(message) is None


def test_a_keyword_ending_in_punctuation_still_counts():
    """The keyword "old 401(k)" ends in ")", where a plain \\b boundary would never match."""
    found = match_request("walk me through what to do with my old 401(k)")
    assert found is not None and found.name == "leaving-job"


def test_what_if_changes_as_typed():
    walkthrough = registry()["leaving-job"]
    assert parse_changes(walkthrough, "age 56; tax_rate=24%") == {"age": "56", "tax_rate": "24%"}
    assert parse_changes(walkthrough, "balance $45,000") == {"balance": "$45,000"}
    assert parse_changes(walkthrough, "Loan outstanding no") == {"has_loan": "no"}
    with pytest.raises(AnswerError, match='like "age 56"'):
        parse_changes(walkthrough, "older")


@pytest.mark.parametrize(
    ("name", "typed", "changes"),
    [
        ("leaving-job", "what if I leave at 56", {"age": "56"}),
        ("leaving-job", "and a 24% tax rate", {"tax_rate": "24%"}),
        ("leaving-job", "what if I had no loan", {"has_loan": "no"}),
        ("projection", "what if I retire at 67", {"retirement_age": "67"}),
        ("projection", "and with 10% deferral", {"deferral": "10%"}),
        ("projection", "retire at 67 and defer 10%", {"retirement_age": "67", "deferral": "10%"}),
        ("projection", "what if I was 40 now", {"age": "40"}),
        ("projection", "deferral 10; retirement_age 67", {"deferral": "10", "retirement_age": "67"}),
        ("borrow-or-withdraw", "what if I need 20k", {"needed": "20000"}),
        ("after-tax-basis", "withdraw 10000 and 12000", {"withdrawals": "10000 12000"}),
    ],
)
def test_what_ifs_in_plain_words(name, typed, changes):
    assert parse_changes(registry()[name], typed) == changes


@pytest.mark.parametrize(
    ("name", "typed", "asks"),
    [
        ("projection", "what if I was 40", '"age now 40" or "retirement age 40"'),
        ("leaving-job", "leave at 58 with 60k", '"vested balance 60k" or "loan balance 60k"'),
        ("leaving-job", "what if my salary were 5", '"tax rate 5"'),
    ],
)
def test_a_what_if_that_could_mean_two_answers_is_asked_back(name, typed, asks):
    with pytest.raises(AnswerError, match="Which answer") as raised:
        parse_changes(registry()[name], typed)
    assert asks in str(raised.value)


@pytest.mark.parametrize("name", ORDER)
def test_every_walkthroughs_own_what_if_examples_read_as_changes(name):
    walkthrough = registry()[name]
    assert walkthrough.definition.what_if, "the chat shows these as examples"
    for example in walkthrough.definition.what_if:
        changes = parse_changes(walkthrough, example)
        assert changes and set(changes) <= {step.field for step in walkthrough.steps}
