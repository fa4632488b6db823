"""Helpers for the chat's Pilot and snapshot tests: a pinned, isolated app, and waits.

Every app gets the session-wide Assistant pinned to 2026-11-25, a temporary answer log
and history file, and a still cursor, so runs are reproducible.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from tests.conftest import TODAY
from vested.tui.app import VestedApp
from vested.tui.widgets.answer_card import AnswerCard

WAIT_SECONDS = 10.0
STEP = 0.05

# Fixed questions: each gives the named kind with today's knowledge base and matcher.
FAQ_QUESTION = "is borrowing from my 401k allowed?"
OTHER_FAQ_QUESTION = "when do I have to start taking RMDs?"
CALCULATION_QUESTION = "I have $80,000 vested. How much can I borrow?"
CLARIFY_QUESTION = "What are the payments on a 401(k) loan at 5% over 5 years?"
CLARIFY_REPLY = "$20,000"
FALLBACK_QUESTION = "should I buy Ford stock in my 401k?"


def pilot_test(scenario):
    """Run an async test body with asyncio.run (no async plugin is needed for pytest)."""

    @functools.wraps(scenario)
    def run(*args, **kwargs):
        asyncio.run(scenario(*args, **kwargs))

    return run


def log_args(tmp_path: Path) -> argparse.Namespace:
    return argparse.Namespace(db=str(tmp_path / "answers.db"), no_log=False, sources=None, debug_timing=False)


SEEDED_AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def seed_conversation(assistant, tmp_path: Path, questions: list[str]) -> None:
    """An earlier chat in tmp_path's answer log, started at SEEDED_AT, as the chat would log it."""
    from vested.core.assistant import Conversation
    from vested.log.writer import AnswerLog

    log = AnswerLog(tmp_path / "answers.db", "chat", assistant.kb.digest, clock=lambda: SEEDED_AT)
    conversation = Conversation()
    for question in questions:
        log.record(assistant.ask(question, conversation), 1.0)
    assert log.close() == []


def make_app(assistant, tmp_path: Path, **overrides) -> VestedApp:
    settings = {
        "today": TODAY,
        "log_args": log_args(tmp_path),
        "history_path": tmp_path / "history.json",
        "export_dir": tmp_path,
        "config_path": tmp_path / "config.toml",
        "assistant": assistant,
        "blink": False,
    }
    settings.update(overrides)
    return VestedApp(**settings)


async def wait_for(pilot: Pilot, condition, what: str) -> None:
    """Pause until condition() is true; fail naming what was awaited."""
    waited = 0.0
    while not condition():
        if waited > WAIT_SECONDS:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(STEP)
        waited += STEP


async def ready(pilot: Pilot) -> None:
    await wait_for(pilot, lambda: pilot.app.session is not None, "the knowledge base to load")


def cards(pilot: Pilot) -> list[AnswerCard]:
    return list(pilot.app.screen_stack[0].query(AnswerCard))


async def ask(pilot: Pilot, question: str) -> AnswerCard:
    """Type question into the input, press Enter, and return the answer's card."""
    await ready(pilot)
    before = len(cards(pilot))
    chat_input = pilot.app.screen_stack[0].query_one("#ask")
    chat_input.focus()
    await pilot.pause()
    chat_input.value = question
    await pilot.press("enter")
    await wait_for(pilot, lambda: len(cards(pilot)) > before, f"an answer to {question!r}")
    await pilot.pause()
    return cards(pilot)[-1]


async def settle(pilot: Pilot) -> None:
    """Let scrolling and layout finish (before a screenshot)."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.1)
    await pilot.wait_for_scheduled_animations()
