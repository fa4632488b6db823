"""Pilot tests of the chat: each flow a user goes through, driven by keys and clicks.

Assertions are about structure and kinds (a cited FAQ answer, a calculation with its
table, a clarify followed by the result), not wording, which the knowledge base owns.
"""

from __future__ import annotations

import json

from textual.widgets import Input, Markdown, Tree
from textual.widgets._markdown import MarkdownTable

from tests.tui_support import (
    CALCULATION_QUESTION,
    CLARIFY_QUESTION,
    CLARIFY_REPLY,
    FALLBACK_QUESTION,
    FAQ_QUESTION,
    OTHER_FAQ_QUESTION,
    ask,
    cards,
    log_args,
    make_app,
    pilot_test,
    ready,
    wait_for,
)
from vested.tui.screens.export import ExportScreen
from vested.tui.screens.faq_browser import FaqBrowserScreen
from vested.tui.screens.help import HelpScreen
from vested.tui.widgets.answer_card import CitationLine, QuestionLine, Suggestion
from vested.tui.widgets.chat_input import CLARIFY_PLACEHOLDER, PLACEHOLDER, ChatInput
from vested.tui.widgets.sources_panel import Citation, SourcesPanel


def sources_panel(app) -> SourcesPanel:
    return app.screen_stack[0].query_one(SourcesPanel)


@pilot_test
async def test_question_gets_a_cited_faq_answer(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, FAQ_QUESTION)
        answer = card.answer
        assert answer.kind == "faq"
        assert answer.entry and answer.entry.startswith("loans.")
        assert answer.sources
        assert "-faq" in card.classes
        assert len(card.query(CitationLine)) == len(answer.sources)
        body = card.query_one(".card-body", Markdown).source
        assert "(source:1)" in body
        panel = sources_panel(app)
        assert panel.answer is answer
        assert [c.number for c in panel.query(Citation)] == list(range(1, len(answer.sources) + 1))
        assert app.session.answers == [answer]


@pilot_test
async def test_calculation_shows_result_table_and_steps(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, CALCULATION_QUESTION)
        answer = card.answer
        assert answer.kind == "calculation"
        assert answer.calculation is not None and answer.calculation.tool == "loan_maximum"
        assert "-calculation" in card.classes
        assert card.query(MarkdownTable), "the inputs table is rendered as a table"
        header = str(card.query_one(".card-header").render())
        assert "CALCULATION" in header and "Loan maximum" in header


@pilot_test
async def test_clarify_then_the_next_message_supplies_the_input(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await ask(pilot, CLARIFY_QUESTION)
        assert first.answer.kind == "clarify"
        assert first.query(".card-hint")
        chat_input = app.screen.query_one("#ask", ChatInput)
        assert chat_input.placeholder == CLARIFY_PLACEHOLDER
        second = await ask(pilot, CLARIFY_REPLY)
        assert second.answer.kind == "calculation"
        assert second.answer.calculation.tool == "loan_repayment"
        assert chat_input.placeholder == PLACEHOLDER


@pilot_test
async def test_fallback_then_click_a_suggestion(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, FALLBACK_QUESTION)
        assert card.answer.kind == "fallback"
        assert "-fallback" in card.classes
        suggestions = list(card.query(Suggestion))
        assert suggestions, "a fallback offers the nearest topics"
        chosen = suggestions[0]
        await pilot.click(chosen)
        await wait_for(pilot, lambda: len(cards(pilot)) == 2, "the suggestion's answer")
        questions = [line.question for line in app.screen.query(QuestionLine)]
        assert questions == [FALLBACK_QUESTION, chosen.question]
        assert cards(pilot)[-1].answer.kind == "faq"


@pilot_test
async def test_suggestion_by_number_key(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, FAQ_QUESTION)
        second = list(card.query(Suggestion))[1]
        await pilot.press("tab")
        assert app.focused is card
        await pilot.press("2")
        await wait_for(pilot, lambda: len(cards(pilot)) == 2, "the second suggestion's answer")
        assert app.screen.query(QuestionLine)[-1].question == second.question
        assert app.focused is app.screen.query_one("#ask")


@pilot_test
async def test_history_is_recalled_with_up_across_runs(assistant, tmp_path):
    first = make_app(assistant, tmp_path)
    async with first.run_test(size=(100, 30)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await ask(pilot, OTHER_FAQ_QUESTION)
    stored = json.loads((tmp_path / "history.json").read_text())
    assert stored == [FAQ_QUESTION, OTHER_FAQ_QUESTION]

    second = make_app(assistant, tmp_path)
    async with second.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        chat_input = second.screen.query_one("#ask", ChatInput)
        chat_input.value = "draft"
        await pilot.press("up")
        assert chat_input.value == OTHER_FAQ_QUESTION
        await pilot.press("up")
        assert chat_input.value == FAQ_QUESTION
        await pilot.press("down", "down")
        assert chat_input.value == "draft"


@pilot_test
async def test_faq_browser_search_and_open(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, FaqBrowserScreen), "the FAQ browser")
        browser = app.screen
        tree = browser.query_one(Tree)
        everything = sum(len(topic.children) for topic in tree.root.children)
        assert everything == len(assistant.kb.entries)
        await pilot.press(*"loan")
        await pilot.pause()
        leaves = [leaf for topic in tree.root.children for leaf in topic.children]
        assert 0 < len(leaves) < everything
        for leaf in leaves:
            entry = assistant.kb.by_id[leaf.data]
            text = " ".join([entry.question, *entry.alternates, *entry.tags, entry.id]).lower()
            assert "loan" in text
        highlighted = tree.cursor_node.data
        preview = browser.query_one("#faq-answer", Markdown).source
        assert assistant.kb.by_id[highlighted].question in preview
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(cards(pilot)) == 1, "the entry's answer in the chat")
        assert not isinstance(app.screen, FaqBrowserScreen)
        card = cards(pilot)[0]
        assert card.answer.entry == highlighted
        assert card.answer.kind == "faq"


@pilot_test
async def test_sources_panel_follows_the_selected_answer(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await ask(pilot, FAQ_QUESTION)
        second = await ask(pilot, OTHER_FAQ_QUESTION)
        panel = sources_panel(app)
        assert panel.answer is second.answer
        await pilot.press("ctrl+up")
        assert panel.answer is first.answer
        assert first.selected and not second.selected
        await pilot.press("ctrl+down")
        assert panel.answer is second.answer
        app.screen.query_one("#transcript").scroll_to_widget(first, top=True, animate=False)
        await pilot.pause()
        await pilot.click(first, offset=(4, 1))
        assert panel.answer is first.answer
        assert app.focused is first
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#ask")


@pilot_test
async def test_sources_panel_hides_behind_f3_on_narrow_terminals(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        card = await ask(pilot, FAQ_QUESTION)
        panel = sources_panel(app)
        assert not panel.display
        citation = card.query(CitationLine)[0]
        citation.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(citation)
        await pilot.pause()
        assert panel.display, "clicking a citation reveals the panel"
        await pilot.press("f3")
        assert not panel.display


@pilot_test
async def test_export_writes_the_conversation(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    target = tmp_path / "exports" / "chat.md"
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, FAQ_QUESTION)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value.startswith(str(tmp_path))
        path_input.value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists, "the export file")
        notices = [notification.message for notification in app._notifications]
        assert any(str(target) in message for message in notices)
    text = target.read_text()
    assert text.startswith("# Vested conversation, 25 November 2026")
    assert f"## {FAQ_QUESTION}" in text
    assert "**Sources**" in text
    assert card.answer.sources[0].source in text
    assert "not tax or legal advice" in text


@pilot_test
async def test_copy_puts_the_selected_answer_on_the_clipboard(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        card = await ask(pilot, FAQ_QUESTION)
        await pilot.press("ctrl+y")
        assert app.clipboard.startswith(card.answer.answer.strip()[:40])
        assert "**Sources**" in app.clipboard


@pilot_test
async def test_help_lists_examples_and_keys(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        text = app.screen.query_one(Markdown).source
        for expected in (
            "## What you can ask",
            "| F3 | Show or hide the sources panel |",
            "| Ctrl+Y | Copy the selected answer with its sources |",
            "| 1-9 | Ask the suggestion with that number |",
            "Loan maximum",
        ):
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pilot_test
async def test_palette_lists_vested_commands(assistant, tmp_path):
    from vested.tui.commands import palette_commands

    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = [command.title for command in palette_commands(app.screen)]
        assert {"Export conversation", "Show the log path", "Toggle sources"} <= set(titles)
        assert "Calculator: Loan maximum" in titles
        topics = [title for title in titles if title.startswith("Topic: ")]
        assert len(topics) == len(assistant.kb.topics)
        await pilot.press("ctrl+p")
        await pilot.press(*"export conv")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        notices = [notification.message for notification in app._notifications]
        assert any("Nothing to export" in message for message in notices)


@pilot_test
async def test_every_answer_is_logged(assistant, tmp_path):
    import sqlite3

    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await ask(pilot, FALLBACK_QUESTION)
    assert app.close_session() == []
    with sqlite3.connect(tmp_path / "answers.db") as db:
        kinds = [row[0] for row in db.execute("select kind from answers order by id")]
        interfaces = {row[0] for row in db.execute("select interface from sessions")}
    assert kinds == ["faq", "fallback"]
    assert interfaces == {"chat"}


@pilot_test
async def test_a_log_that_cannot_be_written_is_reported_once_and_the_chat_goes_on(assistant, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log's folder should be")
    args = log_args(tmp_path)
    args.db = str(blocker / "answers.db")
    app = make_app(assistant, tmp_path, log_args=args)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        await ask(pilot, OTHER_FAQ_QUESTION)
        await pilot.pause(0.2)
        warnings = [n for n in app._notifications if n.title == "Answer log"]
        assert len(warnings) == 1
        assert str(blocker) in warnings[0].message
        assert len(cards(pilot)) == 2
        app.screen.action_show_log_path()
        await pilot.pause()
        assert any(str(blocker) in n.message for n in app._notifications if n.title == "Answer log")


@pilot_test
async def test_questions_asked_before_loading_are_answered_in_order(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.ask(FAQ_QUESTION)
        screen.ask(OTHER_FAQ_QUESTION)
        await wait_for(pilot, lambda: len(cards(pilot)) == 2, "both answers")
        assert [card.answer.question for card in cards(pilot)] == [FAQ_QUESTION, OTHER_FAQ_QUESTION]


@pilot_test
async def test_an_answer_arriving_does_not_scroll_away_from_what_the_user_reads(assistant, tmp_path):
    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, FAQ_QUESTION)
        second = await ask(pilot, OTHER_FAQ_QUESTION)
        transcript = app.screen.query_one("#transcript")
        transcript.scroll_home(animate=False)
        await pilot.pause()
        late = app.session.ask(FALLBACK_QUESTION)
        await app.screen.show_answer(late, None)
        await pilot.pause(0.3)
        assert transcript.scroll_y == 0
        assert sources_panel(app).answer is second.answer
        assert any("below" in n.message for n in app._notifications)
        await pilot.press("ctrl+down", "ctrl+down")
        assert sources_panel(app).answer is late
        assert transcript.scroll_y > 0


def in_view(transcript, widget) -> bool:
    """Whether widget's top line is inside the transcript's visible region."""
    top = widget.virtual_region.y
    return transcript.scroll_y <= top < transcript.scroll_y + transcript.scrollable_content_region.height


@pilot_test
async def test_welcome_links_open_calculators_and_walkthroughs_from_the_keyboard(assistant, tmp_path):
    from vested.tui.screens.walkthrough import WalkthroughScreen
    from vested.tui.widgets.answer_card import CalculatorCard
    from vested.tui.widgets.welcome import LinkLine

    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.pause()
        calculators, walkthroughs = app.screen.query(LinkLine)
        calculators.focus()
        await pilot.press("right", "enter")  # the second calculator: Loan repayment
        await wait_for(pilot, lambda: bool(app.screen.query(CalculatorCard)), "the calculator's card")
        card = app.screen.query_one(CalculatorCard)
        assert card.item.name == app.catalog.calculators[1].name
        assert app.focused is card
        transcript = app.screen.query_one("#transcript")
        await wait_for(pilot, lambda: in_view(transcript, card), "the card scrolled into view")
        await pilot.press("1")
        await wait_for(pilot, lambda: len(cards(pilot)) == 1, "the example's answer")
        assert cards(pilot)[0].answer.kind == "calculation"

        walkthroughs.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WalkthroughScreen), "the first walkthrough")
        assert app.screen.walk.walkthrough.name == app.catalog.walkthroughs[0].name
        await pilot.press("escape")
        await pilot.pause()


@pilot_test
async def test_a_calculator_from_the_palette_is_scrolled_into_view(assistant, tmp_path):
    from vested.tui.commands import palette_commands
    from vested.tui.widgets.answer_card import CalculatorCard

    app = make_app(assistant, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        command = next(c for c in palette_commands(app.screen) if c.title == "Calculator: Vesting")
        command.run()
        await wait_for(pilot, lambda: bool(app.screen.query(CalculatorCard)), "the card")
        card = app.screen.query_one(CalculatorCard)
        transcript = app.screen.query_one("#transcript")
        await wait_for(pilot, lambda: in_view(transcript, card), "the card scrolled into view")
        assert transcript.scroll_y > 0, "the welcome panel scrolled away"
