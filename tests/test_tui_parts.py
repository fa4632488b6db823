"""The chat's plain-Python parts: input history, citation markers, suggestions, export."""

from __future__ import annotations

import argparse
import json
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import TODAY
from vested.session import ChatSession
from vested.tui.catalog import build_catalog, topic_label
from vested.tui.history import InputHistory, history_path
from vested.tui.widgets.answer_card import (
    split_suggestion,
    unique_suggestions,
    with_citation_markers,
)
from vested.tui.widgets.sources_panel import highlighted_paragraph


def test_history_recalls_newest_first_and_restores_the_draft(tmp_path):
    history = InputHistory(tmp_path / "history.json")
    for question in ("first", "second", "second", "third"):
        history.add(question)
    assert history.entries == ["first", "second", "third"]
    assert history.previous("half-typed") == "third"
    assert history.previous("third") == "second"
    assert history.previous("second") == "first"
    assert history.previous("first") is None
    assert history.next() == "second"
    assert history.next() == "third"
    assert history.next() == "half-typed"
    assert history.next() is None


def test_history_persists_privately_and_keeps_the_newest(tmp_path):
    path = tmp_path / "nested" / "history.json"
    history = InputHistory(path, limit=3)
    for number in range(5):
        history.add(f"question {number}")
    assert json.loads(path.read_text()) == ["question 2", "question 3", "question 4"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert InputHistory(path).entries == ["question 2", "question 3", "question 4"]


@pytest.mark.parametrize("content", ["not json", '{"a": 1}', "[1, null, 2]", ""])
def test_a_damaged_history_file_is_an_empty_history(tmp_path, content):
    path = tmp_path / "history.json"
    path.write_text(content)
    assert InputHistory(path).entries == []


def test_history_lives_beside_the_log_and_not_at_all_without_logging(monkeypatch, tmp_path):
    logged = argparse.Namespace(db=str(tmp_path / "logs" / "answers.db"), no_log=False)
    monkeypatch.setenv("VESTED_HISTORY", str(tmp_path / "h.json"))
    assert history_path(logged) == tmp_path / "h.json"
    monkeypatch.delenv("VESTED_HISTORY")
    assert history_path(logged) == tmp_path / "logs" / "history.json"
    assert history_path(argparse.Namespace(db=None, no_log=True)) is None
    assert history_path(None) is None
    monkeypatch.setenv("VESTED_NO_LOG", "1")
    assert history_path(logged) is None


def test_markers_follow_the_last_paragraph():
    text = with_citation_markers("Loans are allowed.\n\nThey cap at half.", 2)
    assert text.endswith("They cap at half. [\\[1\\]](source:1) [\\[2\\]](source:2)")


def test_markers_after_a_list_or_table_get_their_own_paragraph():
    listed = with_citation_markers("Steps:\n\n1. one\n2. two", 1)
    assert listed.endswith("2. two\n\n[\\[1\\]](source:1)")
    table = with_citation_markers("| a | b |\n|---|---|\n| 1 | 2 |", 1)
    assert table.endswith("| 1 | 2 |\n\n[\\[1\\]](source:1)")


def test_markers_already_written_become_links_and_others_stay():
    text = with_citation_markers("Half [1], capped [2]; see [7] and [link](x).", 2)
    assert "Half [\\[1\\]](source:1), capped [\\[2\\]](source:2)" in text
    assert "see [7]" in text and "[link](x)" in text
    assert with_citation_markers("No sources.", 0) == "No sources."


def test_suggestion_labels_are_shown_but_not_asked():
    assert split_suggestion("Did you mean: How do loans work?") == (
        "Did you mean",
        "How do loans work?",
    )
    assert split_suggestion("What is a Roth 401(k)?") == (None, "What is a Roth 401(k)?")
    assert unique_suggestions(["Did you mean: A?", "A?", "B?"]) == ["Did you mean: A?", "B?"]


def test_the_quote_is_found_in_its_paragraph_across_line_breaks():
    content = highlighted_paragraph("Loans up to\n  50% of the vested balance, max $50,000.", "50% of the vested")
    assert content.plain == "Loans up to 50% of the vested balance, max $50,000."
    spans = [(span.start, span.end) for span in content.spans]
    assert spans == [(12, 29)]
    assert highlighted_paragraph("Some text.", "absent quote").spans == []


def test_topic_labels_read_naturally():
    assert topic_label("rmd") == "RMDs"
    assert topic_label("after-tax") == "After tax"
    assert topic_label("roth") == "Roth"
    assert topic_label("loans") == "Loans"


def test_catalog_lists_topics_and_calculators_with_a_question_to_try(kb):
    catalog = build_catalog(kb)
    assert [topic.tag for topic in catalog.topics] == list(kb.topics)
    assert sum(topic.count for topic in catalog.topics) == len(kb.entries)
    loan = catalog.calculator("loan_maximum")
    assert loan is not None and loan.example and not loan.example.startswith("vested ")


def test_export_holds_every_question_answer_and_source(assistant, tmp_path):
    session = ChatSession(assistant=assistant, today=TODAY)
    first = session.ask("can I take a loan from my 401k?")
    second = session.ask("what's the weather in Paris?")
    path = session.export(tmp_path / "deep" / "chat.md")
    text = path.read_text()
    assert text.startswith("# Vested conversation, 25 November 2026\n")
    assert text.count("\n## ") == 2
    assert f"## {first.question}" in text and f"## {second.question}" in text
    for source in first.sources:
        assert source.source in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "the conversation is as private as the log"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_export_never_writes_over_a_file(assistant, tmp_path):
    session = ChatSession(assistant=assistant, today=TODAY)
    session.ask("can I borrow from my plan?")
    existing = tmp_path / "existing.md"
    existing.write_text("IMPORTANT EXISTING CONTENT")
    with pytest.raises(FileExistsError, match="already there; choose another name"):
        session.export(existing)
    assert existing.read_text() == "IMPORTANT EXISTING CONTENT"


def test_ask_and_calc_never_import_textual():
    script = (
        "import sys, contextlib, io\n"
        "from vested.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--no-log', 'ask', '--json', 'can I borrow from my plan?'])\n"
        "    main(['--no-log', 'calc', 'loan_maximum', '--vested', '80000', '--json'])\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_chat_paints_before_importing_the_core():
    """The first frame must not wait for pydantic, the knowledge loader or the matcher: they load
    in a worker after it (benchmarks/startup.py measures the effect)."""
    script = (
        "import sys\n"
        "import vested.tui.app\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & {'pydantic', 'rapidfuzz', 'sqlite_utils'}),\n"
        "      sorted(name for name in sys.modules\n"
        "             if name in {'vested.knowledge.loader', 'vested.retrieval.matching'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[] []"


def test_a_table_keeps_its_columns_while_they_fit_then_wraps_text_then_stacks_rows():
    from textual.content import Content

    from vested.tui.widgets.tables import column_widths, table_lines

    headers = [Content(text) for text in ("Option", "Paid to you", "Note")]
    rows = [[Content(text) for text in ("Cash out", "$1,411,164.87", "you keep most of it after tax")]]
    assert column_widths(headers, rows, 80) == [8, 13, 29]
    wrapped = column_widths(headers, rows, 40)
    assert wrapped is not None and wrapped[1] == 13, "a figure never wraps"
    assert column_widths(headers, rows, 20) is None
    for width in (80, 40, 20):
        drawn = [line.plain for line in table_lines(headers, rows, width)]
        assert all(len(line) <= width for line in drawn)
        assert "$1,411,164.87" in "\n".join(drawn) and "…" not in "\n".join(drawn)
    assert [line.plain for line in table_lines(headers, rows, 20)][:2] == ["Cash out", "Paid to you:"]


def test_private_files_are_0600_and_never_replaced_unasked(tmp_path):
    from vested.session import write_private

    path = write_private(tmp_path / "deep" / "a.md", "first")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with pytest.raises(FileExistsError):
        write_private(path, "second")
    write_private(path, "second", replace=True)
    assert path.read_text() == "second"


@pytest.mark.parametrize("content", ["theme = ", "not toml at all [", 'theme = 3\nsources_panel = "yes"'])
def test_preferences_survive_a_damaged_config_file(tmp_path, content):
    from vested.tui.preferences import Preferences

    path = tmp_path / "config.toml"
    path.write_text(content)
    preferences = Preferences.load(path)
    assert preferences.theme is None and preferences.sources_panel is True
    preferences.theme = 'odd "name"'
    preferences.save()
    assert Preferences.load(path).theme == 'odd "name"'
