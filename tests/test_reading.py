"""The Reading: sentences, the sentences that ask, what they ask for, dated text, quantities.

Every form of asking in knowledge/language/asking.toml is checked against its own examples
and counter-examples; the other tests use phrasings written for this file.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vested.understanding.dates import in_askers_words, with_calendar_years
from vested.understanding.reading import outside_the_plan, quotes_a_rule_rate, read
from vested.understanding.text import Normalized

TODAY = date(2026, 11, 25)


def words(text: str) -> Normalized:
    """A stand-in normalizer: the lower-cased words, so the tests see exactly what was split."""
    return Normalized(tokens=text.lower().split(), concepts=frozenset(), fired=frozenset())


@pytest.mark.parametrize(
    ("question", "asks_for"),
    [
        ("I'm 39 with 120k in the plan. How much could I borrow?", "figure"),
        ("We have 7k left in an old plan and I just got laid off. What happens to it?", "other"),
        ("Took a 9k loan last spring. Should I pay it back early?", "other"),
        ("loan max on 58k vested", "unmarked"),
    ],
)
def test_the_asking_sentence_decides_what_is_asked_for(question, asks_for):
    assert read(question, TODAY, words).asks_for == asks_for


def test_a_story_keeps_its_facts_but_asks_in_its_last_sentence():
    story = "My wife and I are 52. She has 210k in her 401k and a car loan of 14k.\nCan she take money out early?"
    reading = read(story, TODAY, words)
    assert reading.asking == "Can she take money out early?"
    assert reading.is_story
    assert [quantity.text for quantity in reading.quantities] == ["52", "210k", "14k"]
    assert reading.focus_tokens == tuple(words("Can she take money out early?").tokens)


def test_without_a_question_mark_the_sentence_that_opens_like_a_question_asks():
    reading = read("Lena earns 64,000 a year. Calculate her match at 4% deferral.", TODAY, words)
    assert reading.asking == "Calculate her match at 4% deferral."
    assert reading.asks_for == "figure"


@pytest.mark.parametrize(
    ("phrase", "year"), [("this year", 2026), ("last year", 2025), ("next year", 2027), ("the current tax year", 2026)]
)
def test_relative_years_become_calendar_years_from_the_clock(phrase, year):
    assert with_calendar_years(f"the deferral cap for {phrase}", TODAY) == f"the deferral cap for {year}"


def test_a_year_spelled_out_wins_over_a_relative_one():
    assert with_calendar_years("this year (2024), what was the cap", TODAY) == "this year (2024), what was the cap"


@pytest.mark.parametrize("now", ["right now", "currently", "these days", "today"])
def test_now_is_this_year_in_a_sentence_without_figures_of_its_own(now):
    assert with_calendar_years(f"what is the catch-up cap for a 403(b) {now}?", TODAY).endswith("2026?")


@pytest.mark.parametrize("now", ["right now", "currently", "these days", "today"])
def test_now_in_a_sentence_with_figures_dates_the_story_and_stays(now):
    story = f"Tom {now} has $84,000 in bonds and 12% in cash. What should the mix be?"
    assert with_calendar_years(story, TODAY) == story


@pytest.mark.parametrize("measure", ["today's dollars", "today’s money", "today's purchasing power"])
def test_todays_dollars_are_a_measure_of_money_not_a_year(measure):
    asked = f"is the balance my plan projects for age 67 in {measure}?"
    assert with_calendar_years(asked, TODAY) == asked
    assert with_calendar_years("is today's limit higher?", TODAY) == "is 2026's limit higher?"


RELATIVE = st.sampled_from(["this year", "last year", "next year", "the previous tax year", "right now", "today"])
FILLER = st.sampled_from(["my 401k", "I put in", "the cap", "she earned $52,000", "how much", "is it", "."])


@given(st.lists(RELATIVE | FILLER, min_size=1, max_size=8))
def test_a_quote_of_the_dated_text_is_given_back_in_the_askers_words(words_said):
    asked = " ".join(words_said)
    dated = with_calendar_years(asked, TODAY)
    assert in_askers_words(dated, asked, TODAY) == asked
    said = dated.split(" ")
    tail = " ".join(said[len(said) // 2 :])  # a calculation quotes whole words
    assert in_askers_words(tail, asked, TODAY) in asked


def test_a_day_of_a_month_is_a_date_not_a_number_while_the_year_after_it_is_read():
    reading = read("On December 31 it held $52,000 and I left on Sept. 3, 2025. What now?", TODAY, words)
    read_as = [(quantity.kind, quantity.text) for quantity in reading.quantities]
    assert read_as == [("money", "$52,000"), ("year", "2025")]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_reads_without_error_and_every_quantity_lies_inside_it(text):
    reading = read(text, TODAY, words)
    assert all(0 <= quantity.start < quantity.end <= len(reading.text) for quantity in reading.quantities)
    assert reading.asks_for in {"figure", "other", "unmarked"}


def test_a_number_in_a_clause_about_other_debt_is_outside_the_plan():
    reading = read("I have 70k vested, a 6k car loan and rent of 1,500. How much can I borrow?", TODAY, words)
    outside = {quantity.text: outside_the_plan(quantity) for quantity in reading.quantities}
    assert outside == {"70k": False, "6k": True, "1,500": True}


def test_an_age_said_before_the_child_it_belongs_to_is_outside_the_plan():
    """ "My 16 year old son" is the son's age, as "my son is 16" is; the asker's own age stays an input."""
    reading = read("I'm 44 and my 16 year old son has a part-time job. Can he join a 401k?", TODAY, words)
    outside = {quantity.text: outside_the_plan(quantity) for quantity in reading.quantities}
    assert outside == {"44": False, "16": True}


def test_a_fiance_is_a_spouse_to_be_not_a_misspelt_finance():
    """The speller once mended "fiance" into "finance", and a beneficiary question went to enrolment."""
    from vested.understanding.text import normalize

    tokens = normalize("Once we marry, does my fiance get my 401k as beneficiary?").tokens
    assert "spous" in tokens and not any(token.startswith("financ") for token in tokens)


def test_a_sentence_that_only_points_back_brings_the_sentence_before_into_the_focus():
    story = "We paid off the house last year. The plan moved my money into a 2050 fund. Is that safe?"
    reading = read(story, TODAY, words)
    assert reading.asking == "Is that safe?"
    assert reading.focus == "The plan moved my money into a 2050 fund. Is that safe?"


def test_a_pointing_question_brings_only_the_last_clause_of_the_sentence_before():
    story = "HR signed me up without asking, and they parked it all in a stable value fund. Is that wise?"
    reading = read(story, TODAY, words)
    assert reading.focus == "they parked it all in a stable value fund. Is that wise?"
    assert "signed" in reading.tokens
    unbroken = read("I hold pre-tax and Roth money in one plan. Is that normal?", TODAY, words)
    assert unbroken.focus == "I hold pre-tax and Roth money in one plan. Is that normal?"


@pytest.mark.parametrize(
    ("story", "focus"),
    [
        # a pointing word with its noun: the sentence that named the thing
        (
            "My sister works at a bakery. The plan paid me my excess deferral in May. Is this payment taxable twice?",
            "The plan paid me my excess deferral in May. Is this payment taxable twice?",
        ),
        # a time word is no pointer
        (
            "My sister works at a bakery. Is a Roth the better choice at this point?",
            "Is a Roth the better choice at this point?",
        ),
        # the clause that named the thing, even two sentences back
        (
            "My card balance is 9k at 24%, and the plan would lend me 10k at 6%. "
            "The interest lands back in my own account. Is such a lend smart at 40?",
            "the plan would lend me 10k at 6%. Is such a lend smart at 40?",
        ),
        # a thing never named: the last clause before
        ("I earn 80k. My rent went up. Is such a raise rare?", "My rent went up. Is such a raise rare?"),
        # a question asking to choose: the clause that offered the choice
        (
            "Nothing is put away yet; you may either fund a Roth IRA or join the plan at work. "
            "The plan adds 50 cents a dollar up to 4% of pay. Which would you pick?",
            "you may either fund a Roth IRA or join the plan at work. Which would you pick?",
        ),
    ],
)
def test_a_pointing_question_brings_what_it_points_at(story, focus):
    assert read(story, TODAY, words).focus == focus


def test_the_scene_of_a_question_is_its_asking_sentence_and_the_two_before():
    story = "We have student loans. I put in 7%. They match half of the first 4%. Should I borrow to clear my cards?"
    reading = read(story, TODAY, words)
    assert reading.near_tokens == tuple(
        words("I put in 7%. They match half of the first 4%. Should I borrow to clear my cards?").tokens
    )
    assert "student" not in " ".join(reading.near_tokens)


def test_a_brief_sentence_does_not_use_up_the_scene():
    story = "My plan loan was offset when I left. The 1099-R came in May. I'm 42. Can I still put it back?"
    reading = read(story, TODAY, words)
    assert "loan" in reading.near_tokens
    longer = "My plan loan was offset when I left. The 1099-R came in May. I turned 42 this year. Can I put it back?"
    assert "loan" not in read(longer, TODAY, words).near_tokens


def test_a_sentence_that_names_its_own_topic_is_the_whole_focus():
    story = "I left my job at 52 with 80k in the plan. What can I do to avoid the 10% penalty?"
    reading = read(story, TODAY, words)
    assert reading.focus == reading.asking == "What can I do to avoid the 10% penalty?"


def test_a_sum_beside_a_quoted_rule_rate_is_not_the_rule_rate():
    reading = read("They withheld 20% so the check was $48,000.", TODAY, words)
    rate, check = reading.quantities
    assert quotes_a_rule_rate(rate)
    assert not quotes_a_rule_rate(check)


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("What does she owe? A. $0 B. $1,500 C. $3,000 D. $4,500", ["$0", "$1,500", "$3,000", "$4,500"]),
        ("How much must he redeposit? $0, $1,200, $4,800 or $6,000?", ["$0", "$1,200", "$4,800", "$6,000"]),
        ("He took $6,000 and $1,200 was withheld. What is left? (a) 10% (b) 20% (c) 30%", ["10%", "20%", "30%"]),
        ("I have $10,000, $5,000 or so in cash and 3 kids", []),
        ("Should I defer 4%, 5% or 6%?", []),
        ("She turned 62 last May; is this her age 62 catch-up, or age 63 catch-up?", ["62", "63"]),
        ("Is the cap the $66,000 limit, or the $73,500 limit?", ["$66,000", "$73,500"]),
        ("Should I defer 5% or 6%?", []),
        ("I put in 5% of my pay or 6% of my pay when I can.", []),
    ],
)
def test_the_answers_a_multiple_choice_question_offers_are_found(text, choices):
    from vested.understanding.quantities import extract_quantities
    from vested.understanding.reading import offered_as_a_choice

    assert [found.text for found in extract_quantities(text) if offered_as_a_choice(found)] == choices
