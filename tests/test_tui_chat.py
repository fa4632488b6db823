"""Pilot tests of what the chat offers beyond asking: multi-line input, privacy of the files
it writes, past conversations, new chat, find, jump to latest, slash commands, preferences,
copy and save, screenshots, and answers that show their useful part first.
"""

from __future__ import annotations

import json
import os
import stat

from textual import events

from tests.tui_support import (
    CLARIFY_QUESTION,
    FALLBACK_QUESTION,
    FAQ_QUESTION,
    OTHER_FAQ_QUESTION,
    ask,
    cards,
    log_args,
    make_app,
    pilot_test,
    ready,
    seed_conversation,
    wait_for,
)
from vested.tui.clipboard import copy_notice
from vested.tui.history import InputHistory
from vested.tui.screens.confirm import ConfirmScreen
from vested.tui.screens.conversations import ConversationsScreen
from vested.tui.screens.export import ExportScreen
from vested.tui.screens.help import HelpScreen
from vested.tui.widgets.answer_card import PendingLine, QuestionLine, Suggestion
from vested.tui.widgets.chat_input import ChatInput
from vested.tui.widgets.find_bar import FindBar

STORY = (
    "I took a 401(k) loan a few years ago and paid it back.\n\n"
    "My vested balance is $80,000 now.\n\n"
    "How much can I borrow?"
)


def chat_input(app) -> ChatInput:
    return app.screen_stack[0].query_one("#ask", ChatInput)


def notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# ------------------------------------------------------------- multi-line input


@pilot_test
async def test_a_pasted_story_arrives_whole_as_one_question(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        box = chat_input(app)
        box.focus()
        app.post_message(events.Paste(STORY))  # as the terminal delivers a bracketed paste
        await pilot.pause()
        assert box.text == STORY
        assert box.size.height > 3, "the input grows with the story"
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(cards(pilot)) == 1, "the answer")
        assert [line.question for line in app.screen.query(QuestionLine)] == [STORY]
        assert cards(pilot)[0].answer.question == " ".join(STORY.split())
        assert box.text == ""


@pilot_test
async def test_shift_enter_and_ctrl_j_start_a_new_line_and_enter_sends(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        chat_input(app).focus()
        await pilot.press(*"first", "shift+enter", *"second", "ctrl+j", *"third")
        assert chat_input(app).text == "first\nsecond\nthird"
        await pilot.press("up")
        assert chat_input(app).cursor_location[0] == 1, "Up moves within a question of several lines"
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(cards(pilot)) == 1, "the answer")
        assert app.history.entries[-1] == "first\nsecond\nthird"


# --------------------------------------------------------------------- privacy


@pilot_test
async def test_no_log_keeps_no_history_file(assistant, tmp_path):
    args = log_args(tmp_path)
    args.no_log = True
    app = make_app(assistant, tmp_path, log_args=args)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await pilot.press("up")
        assert chat_input(app).text == FAQ_QUESTION, "recalled within the chat"
    assert not (tmp_path / "history.json").exists()
    assert not (tmp_path / "answers.db").exists()


@pilot_test
async def test_history_is_private_beside_the_log_and_merges_two_chats(assistant, tmp_path, monkeypatch):
    monkeypatch.delenv("VESTED_HISTORY")
    other = InputHistory(tmp_path / "history.json")
    app = make_app(assistant, tmp_path, history_path=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        other.add("asked in another chat meanwhile")
        await ask(pilot, OTHER_FAQ_QUESTION)
    path = tmp_path / "history.json"
    assert json.loads(path.read_text()) == [FAQ_QUESTION, "asked in another chat meanwhile", OTHER_FAQ_QUESTION]
    assert mode(path) == 0o600


@pilot_test
async def test_export_is_private_asks_before_replacing_and_says_where(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    target = tmp_path / "chat.md"
    target.write_text("an older file")
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        proposed = app.screen.query_one("#export-path").value
        assert not os.path.exists(proposed), "the proposed name is a new file"
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text() == "an older file"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: target.read_text().startswith("# Vested"), "the export")
        assert any(str(target) in message for message in notices(app))
    assert mode(target) == 0o600


# ------------------------------------------------------------ conversations


@pilot_test
async def test_a_past_conversation_is_listed_and_reopened(assistant, tmp_path):
    seed_conversation(assistant, tmp_path, [FAQ_QUESTION, OTHER_FAQ_QUESTION])
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationsScreen), "the list")
        screen = app.screen
        await wait_for(pilot, lambda: screen.conversations is not None, "the list to load")
        assert [item.first_question for item in screen.conversations] == [FAQ_QUESTION]
        assert screen.conversations[0].answers == 2
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(cards(pilot)) == 2, "the reopened answers")
        assert [card.answer.question for card in cards(pilot)] == [FAQ_QUESTION, OTHER_FAQ_QUESTION]
        assert len(app.session.answers) == 2
        await ask(pilot, FALLBACK_QUESTION)
        assert len(app.session.answers) == 3


@pilot_test
async def test_conversations_say_why_there_are_none_without_a_log(assistant, tmp_path):
    args = log_args(tmp_path)
    args.no_log = True
    app = make_app(assistant, tmp_path, log_args=args)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationsScreen), "the list")
        status = str(app.screen.query_one("#chats-status").render())
        assert "--no-log" in status


@pilot_test
async def test_new_chat_clears_the_transcript_and_starts_a_new_log_session(assistant, tmp_path):
    import sqlite3

    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert cards(pilot) == [] and not app.screen.query(QuestionLine)
        assert app.session.answers == []
        await ask(pilot, OTHER_FAQ_QUESTION)
    app.close_session()
    with sqlite3.connect(tmp_path / "answers.db") as db:
        sessions = db.execute("SELECT count(DISTINCT session_id) FROM answers").fetchone()[0]
    assert sessions == 2


# ---------------------------------------------------------- finding, jumping


@pilot_test
async def test_find_marks_the_turns_and_steps_through_them(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await ask(pilot, OTHER_FAQ_QUESTION)
        await ask(pilot, "how big can a 401k loan be?")
        await pilot.press("ctrl+f")
        bar = app.screen.query_one(FindBar)
        assert bar.display
        await pilot.press(*"borrow")
        await pilot.pause()
        marked = list(app.screen.query(".-match"))
        assert len(marked) >= 2
        current = app.screen.query_one(".-current-match")
        count = str(bar.query_one("#find-count").render())
        assert count == f"{len(marked)} of {len(marked)}"
        await pilot.press("enter")
        assert app.screen.query_one(".-current-match") is not current
        await pilot.press("escape")
        assert not bar.display and not app.screen.query(".-match")
        assert app.focused is chat_input(app)


@pilot_test
async def test_ctrl_end_jumps_to_the_latest_answer_from_the_input(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        last = await ask(pilot, OTHER_FAQ_QUESTION)
        transcript = app.screen.query_one("#transcript")
        transcript.scroll_home(animate=False)
        await pilot.pause()
        assert app.focused is chat_input(app)
        await pilot.press("ctrl+end")
        await wait_for(pilot, lambda: transcript.scroll_y == transcript.max_scroll_y > 0, "the end")
        assert last.selected


# ------------------------------------------------------------ slash commands


@pilot_test
async def test_slash_commands_and_help_are_never_sent_as_questions(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for typed in ("/help", "help"):
            chat_input(app).value = typed
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), typed)
            assert "## Commands" in app.screen.text and "| /export |" in app.screen.text
            await pilot.press("escape")
            await pilot.pause()
        chat_input(app).value = "/log"
        await pilot.press("enter")
        await pilot.pause()
        assert any(str(tmp_path / "answers.db") in message or "logged" in message for message in notices(app))
        chat_input(app).value = "/nonsense"
        await pilot.press("enter")
        await pilot.pause()
        assert any("/nonsense is not a command" in message for message in notices(app))
        assert not app.screen.query(QuestionLine) and app.session.answers == []
        await ask(pilot, FAQ_QUESTION)
        chat_input(app).value = "/export"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")


# ----------------------------------------------------- preferences, working line


@pilot_test
async def test_the_theme_and_the_sources_panel_are_kept_in_the_config_file(assistant, tmp_path):
    config = tmp_path / "config" / "config.toml"
    app = make_app(assistant, tmp_path, config_path=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "textual-light"
        await pilot.press("f3")
        await pilot.pause()
    text = config.read_text()
    assert 'theme = "textual-light"' in text and "sources_panel = false" in text

    again = make_app(assistant, tmp_path, config_path=config)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert again.theme == "textual-light"
        assert not again.screen.query_one("#sources").display


def test_the_working_line_counts_the_seconds_waited():
    line = PendingLine()
    assert line.text == "Looking that up…"
    for _ in range(4):
        line._tick()
    assert str(line.render()).endswith("Looking that up… 1 s")


# --------------------------------------------------- copy, save, screenshots


def test_the_copy_notice_says_where_the_text_went():
    assert "tmux's paste buffer" in copy_notice("the answer", {"TMUX": "/tmp/t"}, in_tmux_buffer=True)
    assert copy_notice("the answer", {"TERM_PROGRAM": "WezTerm"}, False) == "Copied the answer to the clipboard."
    unsure = copy_notice("the answer", {"TERM": "xterm-256color"}, False)
    assert "OSC 52" in unsure and "/save" in unsure


@pilot_test
async def test_save_answer_and_screenshot_go_to_folders_that_exist(assistant, tmp_path, monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await pilot.press("ctrl+y")
        assert any("/save" in message for message in notices(app)), "an unsure copy points to /save"
        chat_input(app).value = "/save"
        await pilot.press("enter")
        await pilot.pause()
        saved = list(tmp_path.glob("vested-answer-*.md"))
        assert len(saved) == 1 and mode(saved[0]) == 0o600
        assert any(str(saved[0]) in message for message in notices(app))
        picture = app.save_screen_picture()
        assert picture is not None and picture.parent == tmp_path and picture.read_text().startswith("<svg")


# -------------------------------------------------- answers that help first


@pilot_test
async def test_an_out_of_scope_reply_shows_its_suggestions_before_the_scope_paragraph(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        card = await ask(pilot, "wat hapens to my 410k wen i chnage jobz")
        assert card.answer.kind == "fallback"
        children = list(card.query("Suggestion, .card-more"))
        assert isinstance(children[0], Suggestion), "suggestions come first"
        assert "below" not in card.query_one(".card-more").source


@pilot_test
async def test_clarify_suggestions_are_questions_never_shell_commands(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, CLARIFY_QUESTION)
        assert card.answer.kind == "clarify"
        assert card.answer.suggestions and not any(s.startswith("vested ") for s in card.answer.suggestions)
        offered = [suggestion.question for suggestion in card.query(Suggestion)]
        assert offered and not any(question.startswith("vested ") for question in offered)
        assert "vested calc" not in app.session.export_markdown()
