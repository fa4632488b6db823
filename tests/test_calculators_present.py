"""How a calculation reads: sentence, inputs table, steps, caveats; and its Answer."""

from __future__ import annotations

import json

from tests.calculator_fixtures import compute
from vested.calculate.present import input_rows, result_answer, result_markdown


def test_markdown_leads_with_the_result_then_inputs_steps_caveats():
    result = compute("loan_maximum", vested=80000, highest_balance_12m=27000, outstanding=18000)
    text = result_markdown(result)
    assert text.startswith("**You can borrow up to $22,000.00 more.**")
    inputs_at = text.index("| Input | Value |")
    steps_at = text.index("1. 50% of $80,000.00 vested = $40,000.00")
    caveats_at = text.index("**Keep in mind**")
    assert inputs_at < steps_at < caveats_at
    assert "| Highest loan balance, last 12 months | $27,000.00 |" in text
    assert "4. $40,000.00 − $18,000.00 still owed = $22,000.00 more you can borrow" in text


def test_inputs_table_formats_by_unit_and_leaves_out_unused_inputs():
    result = compute("employer_match", formula="50% up to 6%", salary=80000, deferral_rate="0.08")
    rows = dict(input_rows(result))
    assert rows == {"Match formula": "50% of the first 6% of pay", "You defer": "8%", "Salary": "$80,000.00"}
    loan = dict(input_rows(compute("loan_maximum", vested=80000)))
    assert loan == {"Vested balance": "$80,000.00"}
    vesting = dict(input_rows(compute("vesting", schedule="graded", years_of_service=5)))
    assert vesting == {
        "Schedule": "graded",
        "Years of service": "5 years",
        "First step after": "2 years",
        "Graded step": "20%",
    }
    mix = dict(input_rows(compute("rebalance", balance=250000, current_mix="75/25", target="60/40")))
    assert mix["Target mix"] == "60% stocks / 40% bonds"
    assert mix["Holdings"] == "stocks $187,500.00, bonds $62,500.00"


def test_series_table_follows_the_steps():
    result = compute("after_tax_basis_share", basis=25000, account_value=[150000, 140000], distribution=[10000, 10000])
    text = result_markdown(result)
    assert "| # | Account value | Withdrawal | Basis share | Tax-free | Taxable | Basis left |" in text
    assert "| 2 | $140,000.00 | $10,000.00 | 16.7% | $1,666.67 | $8,333.33 | $21,666.67 |" in text
    assert text.index("**How it's worked out**") < text.index("| # |") < text.index("**Keep in mind**")


def test_result_answer_is_a_calculation_with_sources_and_record(kb):
    result = compute("future_value", contribution=8800, annual_return="0.06", years=30)
    answer = result_answer("what will 8800 a year grow to", result, kb)
    assert answer.kind == "calculation"
    assert answer.confidence == 1.0
    assert answer.as_of == result.as_of
    assert answer.answer.startswith(f"**{result.summary}**")
    assert "about $695,712 ($695,712.04 to the cent)" in answer.answer
    assert answer.sources[0].source == "primer-2025"
    assert answer.sources[0].title == kb.sources["primer-2025"].title
    assert answer.sources[0].as_of == kb.sources["primer-2025"].as_of
    record = json.loads(answer.to_json())["calculation"]
    assert record["tool"] == "future_value"
    assert record["inputs"]["annual_return"] == "0.06"
    assert record["outputs"]["future_value"].startswith("695712.03")
    assert record["steps"] == result.steps


def test_duplicate_citations_are_listed_once(kb):
    result = compute("rmd", missed_amount=12000)
    result.citations.append(result.citations[0])
    answer = result_answer("missed rmd", result, kb)
    assert len(answer.sources) == len({(s.source, s.section, s.paragraph, s.quote) for s in answer.sources})
