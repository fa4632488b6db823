"""An answer drawn for a terminal without rich: emphasis, lists, tables, wrapping, and nothing from the text
that a terminal would act on."""

from __future__ import annotations

import re

import pytest

from vested.commands.render import answer_lines, print_answer
from vested.commands.terminal import Painter, markdown_lines
from vested.core.answer import Answer

STYLE = re.compile(r"\x1b\[[0-9;]*m")
PAINTED, PLAIN = Painter(True), Painter(False)


def shown(text: str) -> str:
    """What the reader sees: the styles written by the renderer taken away."""
    return STYLE.sub("", text)


def test_emphasis_becomes_styles_and_loose_asterisks_stay():
    (line,) = markdown_lines("A **bold claim**, an *aside*, `FV = c × r` and 5 * 3 * 2.", 200, PAINTED)
    assert "\x1b[1mbold claim\x1b[0m" in line
    assert "\x1b[3maside\x1b[0m" in line
    assert "\x1b[36mFV = c × r\x1b[0m" in line
    assert shown(line) == "A bold claim, an aside, FV = c × r and 5 * 3 * 2."


def test_bold_text_may_hold_an_italic_word():
    (line,) = markdown_lines("It is **tax-free when it is *qualified***, which takes both", 200, PAINTED)
    assert "\x1b[1;3mqualified\x1b[0m" in line
    assert shown(line) == "It is tax-free when it is qualified, which takes both"


def test_paragraphs_and_list_items_wrap_to_the_width_with_a_hanging_indent():
    words = " ".join(f"word{number}" for number in range(40))
    lines = markdown_lines(f"{words}\n\n- {words}\n- short\n\n1. {words}", 40, PAINTED)
    assert all(len(shown(line)) <= 40 for line in lines)
    bullet = [shown(line) for line in lines if shown(line).startswith(" • ")]
    assert [line.strip() for line in bullet] == ["• word0 word1 word2 word3 word4 word5", "• short"]
    after_first_item = shown(lines[lines.index(next(line for line in lines if "•" in line)) + 1])
    assert after_first_item.startswith("   word")
    second_item = [shown(line) for line in lines].index(" • short")
    assert shown(lines[second_item - 1]).strip(), "a list's items stay together"
    assert any(shown(line).startswith(" 1. word0") for line in lines)


def test_a_table_is_laid_out_in_columns_and_narrows_to_fit():
    table = "| Input | Value |\n|---|---:|\n| Vested balance | $60,000.00 |\n| Age | 45 |"
    lines = [shown(line) for line in markdown_lines(table, 80, PAINTED)]
    assert lines == [
        " Input                Value",
        " ──────────────────────────",
        " Vested balance  $60,000.00",
        " Age                     45",
    ]
    narrow = [shown(line) for line in markdown_lines(table.replace("Vested balance", "a " * 30), 30, PAINTED)]
    assert all(len(line) <= 30 for line in narrow)
    assert sum("a a" in line for line in narrow) > 1, "the long cell wraps inside its column"


def test_headings_are_bold_and_without_their_marks():
    lines = markdown_lines("### Part a\nThe first part.", 80, PAINTED)
    assert lines == ["\x1b[1mPart a\x1b[0m", "", "The first part."]


@pytest.mark.parametrize(
    "hostile",
    ["\x1b]0;PWNED-TITLE\x07", "\x1b[2J\x1b[H", "\x9b31m", "\x1b]52;c;ZXZpbA==\x07", "\u202eevil", "\x1bP1$t\x1b\\"],
)
def test_no_escape_sequence_from_the_text_reaches_the_terminal(hostile):
    answer = Answer(
        question=hostile,
        kind="calculation",
        answer=f"I read: Age 50 (“{hostile}”).\n\n**You {hostile} can**\n\n"
        f"| Input | Value |\n|---|---|\n| {hostile} | 1 |",
        confidence=1.0,
        suggestions=[f"what about {hostile}"],
    )
    out = "\n".join(answer_lines(answer))
    assert not re.search(r"[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert "\x1b" not in shown(out), "the only escape sequences are the renderer's own styles"


def test_no_color_turns_every_style_off(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    answer = Answer(question="q", kind="faq", answer="**Bold** and `code`\n\n- item", confidence=1.0)
    out = "\n".join(answer_lines(answer))
    assert "\x1b" not in out
    assert out.startswith("Answer ─") and "Bold and code" in out and " • item" in out


def test_to_a_terminal_the_answer_is_drawn_at_its_width(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "50")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    answer = Answer(question="q", kind="faq", answer="A **401(k)** is " + "a plan " * 20, confidence=1.0)
    print_answer(answer)
    out = capsys.readouterr().out
    assert out.startswith("\x1b[1mAnswer\x1b[0m \x1b[36m" + "─" * 43)
    assert all(len(shown(line)) <= 50 for line in out.splitlines())
    assert PLAIN.paint("x", "1") == "x"
