"""Vesting questions in words (issue 15): a graduated schedule, the law's slowest one, service in
months, and "how much is vested" asks for the vesting figure, never a loan limit. Our own questions."""

from __future__ import annotations


def test_the_least_generous_graduated_schedule_and_months_of_service(assistant):
    answer = assistant.ask(
        "Our plan uses the least generous graduated vesting schedule the law permits. Dana has been with the "
        "firm for 44 months. Her employer contributions are $7,000 and her own deferrals are $15,000. "
        "How much of her account is vested?"
    )
    assert answer.kind == "calculation", answer.answer
    assert answer.calculation is not None and answer.calculation.tool == "vesting"
    assert "$17,800.00" in answer.answer and "about 3.67 years" in answer.answer


def test_a_graduated_schedule_written_with_its_years(assistant):
    answer = assistant.ask(
        "The firm has a 3-to-7 year graduated schedule. Lin worked there 6 years and has $30,000 of employer "
        "match money. How much is vested?"
    )
    assert answer.calculation is not None and answer.calculation.tool == "vesting"
    assert "$24,000.00" in answer.answer
