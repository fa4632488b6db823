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
        whatif.value = "what if my salary were 5"
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(screen, "#walk-whatif-error").startswith("✗ Which answer should 5 change?")

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
LEAVING = ("45000", "no", "41", "", "", "")


async def finish(pilot, screen: WalkthroughScreen, answers: tuple[str, ...]) -> None:
    for typed in answers:
        await answer(pilot, screen, typed)
    await wait_for(pilot, lambda: bool(screen.walk.scenarios), "the result")


async def what_if(pilot, screen: WalkthroughScreen, typed: str) -> None:
    box = screen.query_one("#walk-whatif", Input)
    box.focus()
    box.value = typed
    await pilot.press("enter")
    await pilot.pause()


def figures_whole(screen) -> list[str]:
    """Every figure of every table on the screen, checked to appear whole in what is drawn."""
    from textual.widgets._markdown import MarkdownTableContent

    from vested.tui.widgets.tables import FittedTable, _is_figure

    assert not screen.query(MarkdownTableContent), "every table is a FittedTable"
    checked = []
    for table in screen.query(FittedTable):
        width = table.content_size.width
        drawn = [line.plain for line in table.lines(width)]
        assert all(len(line) <= width for line in drawn)
        text = "\n".join(drawn)
        assert "…" not in text
        for row in table.rows:
            for cell in row:
                if _is_figure(cell) and "$" in cell.plain:
                    assert cell.plain in text, f"{cell.plain} is cut in a table {width} wide"
                    checked.append(cell.plain)
    return checked


@pilot_test
async def test_a_result_at_80x24_shows_every_figure_whole_and_folds_the_answers_away(kb):
    app = WalkApp("leaving-job", kb)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        steps = screen.query_one("#walk-steps", OptionList)
        assert not steps.display, "the answers list folds away on a narrow terminal"
        await finish(pilot, screen, LEAVING)
        await what_if(pilot, screen, "what if I leave at 56")
        await settle(pilot)
        assert len(screen.walk.scenarios) == 2
        assert len(figures_whole(screen)) > 10
        whatif = screen.query_one("#walk-whatif", Input)
        assert whatif.size.width >= 60, "the what-if box keeps the width"

        scroll = screen.query_one("#walk-result-scroll")
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        assert scroll.scroll_y > 0, "PageDown from the what-if box scrolls the result"

        await pilot.press("f4")
        await pilot.pause()
        assert steps.display and app.focused is steps
        assert steps.region.y < screen.query_one("#walk-main").region.y, "it opens above the result"
        steps.highlighted = steps.get_option_index("balance")
        await pilot.press("enter")
        await pilot.pause()
        assert not steps.display and screen.walk.current.field == "balance"


@pilot_test
async def test_money_is_never_cut_at_120x40(kb):
    app = WalkApp("after-tax-basis", kb)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(pilot)
        await finish(pilot, screen, ("20000", "100000", "10000, 10000"))
        assert screen.query_one("#walk-steps", OptionList).display
        assert "$100,000.00" in figures_whole(screen)


@pilot_test
async def test_a_what_if_on_the_retirement_age_is_labelled_by_it(kb):
    app = WalkApp("projection", kb)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await started(pilot)
        await finish(pilot, screen, PROJECTION)
        await what_if(pilot, screen, "what if I retire at 67 and with 10% deferral")
        comparison = screen.query_one("#walk-comparison", Markdown).source
        assert "| Retirement age | 65 | 67 |" in comparison
        assert "| You defer | 6% | 10% |" in comparison
        assert "Balance at 65" not in comparison
        assert "| Balance at retirement |" in comparison
        assert app.recorded[-1].calculation.inputs["retirement_age"] == 67


@pilot_test
async def test_escape_asks_before_throwing_answers_away(kb):
    from vested.tui.screens.confirm import ConfirmScreen

    app = WalkApp("leaving-job", kb)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        await answer(pilot, screen, "45000")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("escape")  # Esc again keeps the answers
        await wait_for(pilot, lambda: app.screen is screen, "the form again")
        assert screen.walk.answers and app.result is None
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: app.result is not None, "the form to close")
        assert app.result == []


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")])
def test_walkthrough_result_snapshot(snap_compare, kb, size):
    async def run_before(pilot) -> None:
        screen = await started(pilot)
        await finish(pilot, screen, LEAVING)
        await settle(pilot)

    assert snap_compare(WalkApp("leaving-job", kb), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")])
def test_what_if_snapshot(snap_compare, kb, size):
    async def run_before(pilot) -> None:
        screen = await started(pilot)
        await finish(pilot, screen, LEAVING)
        await what_if(pilot, screen, "what if I leave at 56")
        await settle(pilot)

    assert snap_compare(WalkApp("leaving-job", kb), terminal_size=size, run_before=run_before)


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
async def test_results_come_back_titled_by_their_walkthrough_with_a_question_line(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await type_message(pilot, "walk me through leaving my job")
        screen = await started(pilot)
        await finish(pilot, screen, LEAVING)
        await what_if(pilot, screen, "what if I leave at 56")
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(cards(pilot)) == 2, "both results in the chat")
        for card in cards(pilot):
            header = str(card.query_one(".card-header").render())
            assert "Leaving my job" in header and "leaving-job" not in header
        questions = transcript_questions(app)
        assert questions[1:] == [card.answer.question for card in cards(pilot)]
        assert questions[-1].startswith("Leaving my job: what if")


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
