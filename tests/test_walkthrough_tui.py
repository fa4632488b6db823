"""The walkthrough screen in the chat: answering, going back, changing an answer, what-ifs,
and a snapshot of the projection chart.

The screen is pushed by a bare App in the first tests; the last ones type "walk me
through ..." messages into the real chat and check the right form opens, while ordinary
questions still get the assistant's answer.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.app import App
from textual.widgets import Input, Markdown, OptionList, Static
from textual_plotext import PlotextPlot

from tests.conftest import TODAY
from tests.tui_support import ask, cards, make_app, pilot_test, ready, settle, wait_for
from vested.tui.screens.walkthrough import WalkthroughScreen
from vested.tui.widgets.answer_card import PendingLine, QuestionLine
from vested.tui.widgets.chat_input import ChatInput


class WalkApp(App[None]):
    """Pushes one walkthrough screen and keeps what it dismisses with."""

    def __init__(self, name: str, kb):
        super().__init__()
        self.walk_name = name
        self.kb = kb
        self.blink = False
        self.recorded: list = []
        self.result: list | None = None

    def on_mount(self) -> None:
        screen = WalkthroughScreen(
            self.walk_name, self.kb, TODAY, record=lambda answer, ms: self.recorded.append(answer)
        )
        self.push_screen(screen, self.finished)

    def finished(self, answers: list) -> None:
        self.result = answers


async def started(pilot) -> WalkthroughScreen:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, WalkthroughScreen), "the walkthrough")
    await pilot.pause()
    return pilot.app.screen


async def answer(pilot, screen: WalkthroughScreen, typed: str) -> None:
    box = screen.query_one("#walk-input", Input)
    box.focus()
    box.value = typed
    await pilot.press("enter")
    await pilot.pause()


def text_of(screen: WalkthroughScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pilot_test
async def test_leaving_job_back_change_and_what_if(kb):
    app = WalkApp("leaving-job", kb)
    async with app.run_test(size=(120, 45)) as pilot:
        screen = await started(pilot)
        assert text_of(screen, "#walk-progress") == "Question 1 of 6"
        await answer(pilot, screen, "45000")
        await answer(pilot, screen, "yes")
        assert text_of(screen, "#walk-progress") == "Question 3 of 7"
        await answer(pilot, screen, "-5")
        assert text_of(screen, "#walk-error") == "✗ Loan balance must not be negative (got -5)"
        assert screen.walk.current.field == "loan"
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.walk.current.field == "has_loan"
        assert screen.query_one("#walk-input", Input).placeholder.startswith("yes  (Enter keeps it")
        await answer(pilot, screen, "")  # Enter keeps "yes"
        await answer(pilot, screen, "9000")
        await answer(pilot, screen, "41")
        for _ in range(3):  # year, new plan, tax rate: the defaults
            await answer(pilot, screen, "")
        assert screen.walk.scenarios, "the result is shown after the last answer"
        first = app.recorded[0]
        assert first.calculation.tool == "leaving-job"
        assert Decimal(first.calculation.outputs["cash_out.net_after_tax"]) == Decimal("30600.00")
        result_text = screen.query_one("#walk-result-text", Markdown).source
        assert (
            "| Cash out | $36,000.00 | $9,000.00 | $14,400.00 | $0.00 | you keep $30,600.00 after tax |" in result_text
        )
        assert "**Sources**" in result_text
        assert not screen.query_one("#walk-chart", PlotextPlot).display
        assert not screen.query_one("#walk-comparison", Markdown).display

        # Change an earlier answer from the list: the age, then straight back to the result.
        steps = screen.query_one("#walk-steps", OptionList)
        steps.focus()
        steps.highlighted = steps.get_option_index("age")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.walk.current.field == "age"
        await answer(pilot, screen, "56")
        assert screen.walk.current is None
        assert Decimal(app.recorded[-1].calculation.outputs["cash_out.net_after_tax"]) == Decimal("35100.00")

        # What if I were 41 after all? Old and new side by side with the difference.
        whatif = screen.query_one("#walk-whatif", Input)
        whatif.focus()
        whatif.value = "age 41"
        await pilot.press("enter")
        await pilot.pause()
        comparison = screen.query_one("#walk-comparison", Markdown)
        assert comparison.display
        assert "| Cash-out: kept after tax | $35,100.00 | $30,600.00 | −$4,500.00 |" in comparison.source
        whatif.value = "salary 5"
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(screen, "#walk-whatif-error").startswith("✗ write a change as a question name")

        await pilot.press("escape")
        await wait_for(pilot, lambda: app.result is not None, "the screen to close")
        assert [answer.question for answer in app.result] == [answer.question for answer in app.recorded]
        assert len(app.result) == 3
        assert app.result[-1].question == "Leaving my job: what if Age when you leave: 41?"


@pilot_test
async def test_answers_that_clash_go_back_to_the_question(kb):
    app = WalkApp("indirect-rollover", kb)
    async with app.run_test(size=(120, 45)) as pilot:
        screen = await started(pilot)
        for typed in ("10000", "no", "12000", "2026-11-01", "40", ""):
            await answer(pilot, screen, typed)
        assert screen.walk.current.field == "redeposit"
        assert "can't be more than the amount paid out" in text_of(screen, "#walk-error")
        await answer(pilot, screen, "8000")
        assert screen.walk.current is None
        assert app.recorded[-1].calculation.outputs["deadline"] == "2026-12-31"


def test_an_unknown_walkthrough_is_refused(kb):
    with pytest.raises(ValueError, match="no walkthrough called 'nope'"):
        WalkthroughScreen("nope", kb, TODAY)


PROJECTION = ("35", "65", "50000", "70000", "", "6", "", "50% up to 6%", "", "", "", "", "15")


def test_projection_chart_snapshot(snap_compare, kb):
    async def run_before(pilot) -> None:
        screen = await started(pilot)
        for typed in PROJECTION:
            await answer(pilot, screen, typed)
        await wait_for(pilot, lambda: bool(screen.walk.scenarios), "the projection")
        await settle(pilot)

    assert snap_compare(WalkApp("projection", kb), terminal_size=(110, 40), run_before=run_before)


# ------------------------------------------------- typed requests in the chat


async def type_message(pilot, message: str) -> None:
    """Type message into the chat's input and press Enter, as a user would."""
    await ready(pilot)
    chat_input = pilot.app.screen_stack[0].query_one("#ask", ChatInput)
    chat_input.focus()
    await pilot.pause()
    chat_input.value = message
    await pilot.press("enter")


def transcript_questions(app) -> list[str]:
    return [line.question for line in app.screen_stack[0].query(QuestionLine)]


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("walk me through leaving my job", "leaving-job"),
        ("can you guide me through an indirect rollover?", "indirect-rollover"),
        ("help me decide whether to borrow or withdraw", "borrow-or-withdraw"),
    ],
)
@pilot_test
async def test_a_typed_request_opens_its_walkthrough(assistant, tmp_path, message, name):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_message(pilot, message)
        screen = await started(pilot)
        assert screen.walk.walkthrough.name == name
        assert text_of(screen, "#walk-progress").startswith("Question 1 of ")
        chat = app.screen_stack[0]
        assert transcript_questions(app) == [message]
        assert not chat.query(PendingLine), "no answer is awaited from the assistant"
        opened = str(chat.query_one(".walkthrough-opened", Static).render())
        assert screen.walk.walkthrough.title in opened
        assert cards(pilot) == [] and app.session.answers == []
        assert app.history.entries[-1] == message

        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is chat, "the chat again")
        assert cards(pilot) == [], "closing the form early adds no answer"


@pilot_test
async def test_a_finished_typed_walkthrough_answers_in_the_chat(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_message(pilot, "walk me thru an indirect rollover")
        screen = await started(pilot)
        for typed in ("10000", "no", "8000", "2026-11-01", "40", ""):
            await answer(pilot, screen, typed)
        assert screen.walk.current is None
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(cards(pilot)) == 1, "the walkthrough's answer in the chat")
        result = cards(pilot)[0].answer
        assert result.calculation.tool == "indirect-rollover"
        assert result.calculation.outputs["deadline"] == "2026-12-31"
        assert app.session.answers == [result]


@pilot_test
async def test_ordinary_questions_still_go_to_the_assistant(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, "how do I roll over my 401k?")
        assert card.answer.question == "how do I roll over my 401k?"
        assert card.answer.kind == "faq" and card.answer.entry.startswith("rollovers.")
        vague = await ask(pilot, "walk me through it")  # a request naming no walkthrough
        assert vague.answer.question == "walk me through it"
        assert not isinstance(app.screen, WalkthroughScreen)
        assert not app.screen_stack[0].query(".walkthrough-opened")
        assert [answer.question for answer in app.session.answers] == [
            "how do I roll over my 401k?",
            "walk me through it",
        ]
