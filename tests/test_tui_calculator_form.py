"""Pilot tests of the calculator form: `e` on a calculation opens it with what was read,
a corrected value gives a new card, a bad value is one line of words, Esc changes nothing.
"""

from __future__ import annotations

from tests.tui_support import (
    CALCULATION_QUESTION,
    CLARIFY_QUESTION,
    ask,
    cards,
    make_app,
    pilot_test,
    wait_for,
)
from vested.tui.screens.calculator_form import CalculatorFormScreen
from vested.tui.screens.chat import ChatScreen
from vested.tui.widgets.answer_card import QuestionLine
from vested.tui.widgets.calculator_field import CalculatorField


async def open_form(pilot, card) -> CalculatorFormScreen:
    card.focus()
    await pilot.pause()
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CalculatorFormScreen), "the calculator form")
    await pilot.pause()
    return pilot.app.screen


def field(screen: CalculatorFormScreen, name: str) -> CalculatorField:
    return next(row for row in screen.query(CalculatorField) if row.field.name == name)


async def retype(pilot, row: CalculatorField, text: str) -> None:
    row.control.focus()
    await pilot.pause()
    row.control.value = text
    await pilot.pause()


@pilot_test
async def test_e_on_a_calculation_opens_its_form_with_the_values_read_and_a_change_gives_a_new_card(
    assistant, tmp_path
):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        card = await ask(pilot, CALCULATION_QUESTION)
        assert card.answer.calculation.outputs["max_new_loan"] == "40000"
        screen = await open_form(pilot, card)
        assert screen.spec.name == "loan_maximum"
        vested = field(screen, "vested")
        assert vested.value == "80,000"
        assert vested.read_from == "I have $80,000 vested"
        assert "I have $80,000 vested" in str(vested.query_one(".field-read").render())
        assert field(screen, "allow_10k_floor").value is False
        assert field(screen, "highest_balance_12m").read_from is None

        await retype(pilot, vested, "90k")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(cards(pilot)) == 2, "the recalculated card")
        assert isinstance(app.screen, ChatScreen)
        new = cards(pilot)[-1]
        assert new.answer.kind == "calculation"
        assert new.answer.calculation.outputs["max_new_loan"] == "45000"
        assert "$45,000.00" in new.answer.answer
        assert new.editable
        question = list(app.screen.query(QuestionLine))[-1].question
        assert question.startswith("Loan maximum, from the form: Vested balance $90,000.00")
        assert app.session.answers[-1] is new.answer  # kept for the export and logged like any answer

        await ask(pilot, "and with 120k?")
        assert cards(pilot)[-1].answer.calculation.outputs["max_new_loan"] == "50000"


@pilot_test
async def test_a_bad_value_is_one_line_of_plain_words_under_its_field(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_form(pilot, await ask(pilot, CALCULATION_QUESTION))
        vested = field(screen, "vested")
        await retype(pilot, vested, "lots")
        await pilot.press("enter")
        await pilot.pause()
        problem = str(vested.query_one(".field-problem").render())
        assert problem == "✗ 'lots' is not a number; write an amount like 80,000 or 80k"
        assert app.screen is screen and len(cards(pilot)) == 1

        await retype(pilot, vested, "-5")
        await pilot.press("enter")
        await pilot.pause()
        problem = str(vested.query_one(".field-problem").render())
        assert problem == "✗ Vested balance must not be negative (got -5)"
        assert "validation" not in problem.lower() and "\n" not in problem

        await retype(pilot, vested, "64k")  # the line goes as soon as the value reads
        assert not vested.problem


@pilot_test
async def test_escape_closes_the_form_without_a_new_card(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_form(pilot, await ask(pilot, CALCULATION_QUESTION))
        await retype(pilot, field(screen, "vested"), "90k")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen), "the chat")
        await pilot.pause(0.2)
        assert len(cards(pilot)) == 1
        assert len(app.session.answers) == 1


@pilot_test
async def test_a_clarify_opens_the_form_at_the_detail_it_asks_for(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, CLARIFY_QUESTION)
        assert card.answer.kind == "clarify" and card.editable
        screen = await open_form(pilot, card)
        amount = field(screen, "amount")
        assert amount.value == ""
        assert app.focused is amount.control
        assert field(screen, "annual_rate").value == "5%"
        assert field(screen, "annual_rate").read_from is not None
        await pilot.press(*"20000", "enter")
        await wait_for(pilot, lambda: len(cards(pilot)) == 2, "the calculation")
        assert cards(pilot)[-1].answer.kind == "calculation"
        assert cards(pilot)[-1].answer.calculation.inputs["amount"] == "20000"


@pilot_test
async def test_the_key_is_only_on_calculations_and_listed_in_the_help(assistant, tmp_path):
    from tests.tui_support import FAQ_QUESTION
    from vested.tui.screens.help import HelpScreen

    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, FAQ_QUESTION)
        assert not card.editable
        card.focus()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        app.screen.query_one("#ask").focus()
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert "| E | Open the calculator's form" in app.screen.text
