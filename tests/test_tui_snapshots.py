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
    FALLBACK_QUESTION,
    FAQ_QUESTION,
    ask,
    make_app,
    ready,
    settle,
    wait_for,
)
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
