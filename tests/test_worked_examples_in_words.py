"""The public worked examples, asked in words as a person would type them, exact to the cent.

tests/test_calculators_examples.py runs the calculators on these examples directly; here the
same figures must come out of the assistant from a question in plain words: the IRS's plan-loan
examples (Retirement Topics - Plan Loans, and the loans FAQ's second loan), Publication 590-B's
RMD with the Uniform Lifetime Table, Notice 2014-54's after-tax allocation, and the worked
examples of the three source documents (../shared/seeds). The questions are our own words.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from vested.calculate.money import money

EXAMPLES = [
    pytest.param(
        "Everything in my 401(k) is vested and it comes to $80,000. What's the largest loan the plan could give me?",
        "loan_maximum",
        {"max_new_loan": "$40,000.00"},
        id="irs-plan-loans-80000-vested (also guide-2025)",
    ),
    pytest.param(
        "My vested 401k balance is $120,000 - what is the most I can borrow?",
        "loan_maximum",
        {"max_new_loan": "$50,000.00"},
        id="irs-plan-loans-50000-cap",
    ),
    pytest.param(
        "Eight months ago I took a $27,000 loan from my 401(k) and I've paid it down to $18,000. "
        "My vested balance is $80,000. How much more could I borrow now?",
        "loan_maximum",
        {"cap_after_reduction": "$41,000.00", "max_new_loan": "$22,000.00"},
        id="irs-loans-faq-second-loan",
    ),
    pytest.param(
        "I'm 75, retired, and my 401(k) held $100,000 on December 31 last year. "
        "What is my required minimum distribution for this year?",
        "rmd",
        {"divisor": "24.6", "rmd": "$4,065.04"},
        id="pub-590-b-uniform-lifetime-table",
    ),
    pytest.param(
        "My account is worth $200,000 and $40,000 of that is after-tax contributions. "
        "If I take a $100,000 distribution, how much of it is tax-free?",
        "after_tax_basis_share",
        {"tax_free": "$20,000.00", "taxable": "$80,000.00"},
        id="notice-2014-54-allocation",
    ),
    pytest.param(
        "I have $25,000 of after-tax basis in an account now worth $150,000. "
        "How much of a $10,000 withdrawal is tax-free?",
        "after_tax_basis_share",
        {"tax_free": "$1,666.67", "taxable": "$8,333.33"},
        id="faq-2019-after-tax-basis",
    ),
    pytest.param(
        "My old plan paid out my $10,000 balance to me as a check instead of a direct rollover. "
        "How much was withheld and how much must I add to roll over the whole thing?",
        "indirect_rollover",
        {"withheld": "$2,000.00", "received": "$8,000.00", "to_add": "$2,000.00"},
        id="faq-2019-indirect-rollover",
    ),
    pytest.param(
        "I make $60,000 and contribute 7% of my pay; the company matches 50% of it. How much is the match per year?",
        "employer_match",
        {"match": "$2,100.00", "total_contribution_rate": "0.105"},
        id="faq-2019-widget-plan",
    ),
    pytest.param(
        "I earn $80,000, I defer 8% of my salary, and my employer matches 50% of my contributions up to 6% of salary. "
        "How much does my employer put in each year?",
        "employer_match",
        {"match": "$2,400.00", "total_contribution": "$8,800.00"},
        id="primer-2025-match",
    ),
    pytest.param(
        "If $8,800 goes in every year and it earns 6% a year, what will I have after 30 years?",
        "future_value",
        {"future_value": "$695,712.04"},
        id="primer-2025-future-value",
    ),
]


@pytest.mark.parametrize(("question", "tool", "figures"), EXAMPLES)
def test_the_worked_example_in_words_comes_out_exact(assistant, question, tool, figures):
    answer = assistant.ask(question)
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation is not None and answer.calculation.tool == tool
    outputs = answer.calculation.outputs
    for name, expected in figures.items():
        value = Decimal(str(outputs[name]))
        shown = money(value) if expected.startswith("$") else str(value.normalize())
        assert shown == expected, (name, outputs[name])
        if expected.startswith("$"):
            assert expected in answer.answer, f"{expected} is not stated in the answer"
