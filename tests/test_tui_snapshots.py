"""SVG snapshots of the chat at 80x24 and 120x40 (pytest-textual-snapshot).

Regenerate after a deliberate change with `pytest tests/test_tui_snapshots.py
--snapshot-update` and look at the report before committing the new SVGs. The content
comes from fixed questions, the pinned date and the session's knowledge base, so a
change to an answer's wording changes the snapshot too.
"""

from __future__ import annotations

import pytest

from tests.tui_support import (
    CALCULATION_QUESTION,
    CLARIFY_QUESTION,
    FALLBACK_QUESTION,
    FAQ_QUESTION,
    OTHER_FAQ_QUESTION,
    ask,
    make_app,
    ready,
    seed_conversation,
    settle,
    wait_for,
)
from vested.tui.screens.conversations import ConversationsScreen
from vested.tui.screens.faq_browser import FaqBrowserScreen
from vested.tui.screens.help import HelpScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def asking(question: str):
    async def run_before(pilot) -> None:
        await ask(pilot, question)
        await settle(pilot)

    return run_before


def opening(key: str, screen_type):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type), key)
        await pilot.pause(0.2)
        await settle(pilot)

    return run_before


async def loaded(pilot) -> None:
    await ready(pilot)
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare, assistant, tmp_path, size):
    assert snap_compare(make_app(assistant, tmp_path), terminal_size=size, run_before=loaded)


@pytest.mark.parametrize("size", SIZES)
def test_faq_answer_with_sources(snap_compare, assistant, tmp_path, size):
    app = make_app(assistant, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=asking(FAQ_QUESTION))


@pytest.mark.parametrize("size", SIZES)
def test_calculation(snap_compare, assistant, tmp_path, size):
    app = make_app(assistant, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=asking(CALCULATION_QUESTION))


@pytest.mark.parametrize("size", SIZES)
def test_fallback(snap_compare, assistant, tmp_path, size):
    app = make_app(assistant, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=asking(FALLBACK_QUESTION))


@pytest.mark.parametrize("size", SIZES)
def test_faq_browser(snap_compare, assistant, tmp_path, size):
    app = make_app(assistant, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=opening("f2", FaqBrowserScreen))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, assistant, tmp_path, size):
    app = make_app(assistant, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=opening("f1", HelpScreen))


@pytest.mark.parametrize("size", SIZES)
def test_clarify(snap_compare, assistant, tmp_path, size):
    app = make_app(assistant, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=asking(CLARIFY_QUESTION))


STORY = (
    "I changed jobs last spring and rolled everything into the new plan.\n\n"
    "My vested balance there is $64,000 and the plan allows loans.\n\n"
    "How much could I borrow?"
)


@pytest.mark.parametrize("size", SIZES)
def test_multi_line_question(snap_compare, assistant, tmp_path, size):
    """A story typed over several lines (Shift+Enter), before it is sent: the input has grown."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        box = pilot.app.screen.query_one("#ask")
        box.focus()
        for number, line in enumerate(STORY.split("\n")):
            if number:
                await pilot.press("shift+enter")
            box.insert(line)
        await settle(pilot)

    assert snap_compare(make_app(assistant, tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_multi_line_question_answered(snap_compare, assistant, tmp_path, size):
    app = make_app(assistant, tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=asking(STORY))


@pytest.mark.parametrize("size", SIZES)
def test_conversation_list(snap_compare, assistant, tmp_path, size, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    seed_conversation(assistant, tmp_path, [FAQ_QUESTION, OTHER_FAQ_QUESTION])
    seed_conversation(assistant, tmp_path, [CALCULATION_QUESTION])

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConversationsScreen), "the list")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.conversations is not None, "the list to load")
        await settle(pilot)

    try:
        assert snap_compare(make_app(assistant, tmp_path), terminal_size=size, run_before=run_before)
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("size", SIZES)
def test_calculator_form(snap_compare, assistant, tmp_path, size):
    """`e` on a calculation: its form, filled with the values read and marked with their words."""
    from vested.tui.screens.calculator_form import CalculatorFormScreen

    async def run_before(pilot) -> None:
        card = await ask(pilot, CLARIFY_QUESTION)
        card.focus()
        await pilot.pause()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CalculatorFormScreen), "the form")
        await pilot.pause(0.2)
        await settle(pilot)

    assert snap_compare(make_app(assistant, tmp_path), terminal_size=size, run_before=run_before)
