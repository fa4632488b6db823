"""`kb check`'s review checks, each on small fabricated entries: as_of, source names in an
answer, citations that share no content word with their answer, the allow-list, figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from vested.knowledge.check import check_knowledge_base, content_words, load_source_texts, source_names
from vested.knowledge.loader import KnowledgeError, load_knowledge_base

ENTRY = """
[[entry]]
id = "loans.sample"
question = "How much can I borrow?"
alternates = ["a", "b", "c", "d", "e", "f"]
answer = "You may borrow half of the vested balance, at most fifty thousand dollars."
as_of = "2025"
tags = ["loans"]
  [[entry.citations]]
  source = "guide-2025"
  section = "Accessing Your 401k Funds"
  paragraph = 1
  quote = "up to 50% of the vested balance"
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A knowledge folder with the real sources and figures, one entry and no allow-list."""
    root = tmp_path / "knowledge"
    (root / "faq").mkdir(parents=True)
    shutil.copy(REPO / "knowledge" / "sources.toml", root)
    shutil.copy(REPO / "knowledge" / "figures.toml", root)
    (root / "faq" / "loans.toml").write_text(ENTRY)
    return root


def problems(root: Path, seeds: Path) -> list[str]:
    try:
        kb = load_knowledge_base(root)
    except KnowledgeError as error:
        return [str(problem) for problem in error.problems]
    found = check_knowledge_base(kb, load_source_texts(kb, seeds))
    return [str(problem) for problem in found if "COVERAGE" not in problem.file]


def write(root: Path, entry: str, allow: str | None = None) -> None:
    (root / "faq" / "loans.toml").write_text(entry)
    if allow is not None:
        (root / "check-allow.toml").write_text(allow)


def test_the_sample_entry_is_clean(scratch, seeds):
    assert problems(scratch, seeds) == []


# as_of


def test_an_entry_without_as_of_fails(scratch, seeds):
    write(scratch, ENTRY.replace('as_of = "2025"\n', ""))
    found = problems(scratch, seeds)
    assert len(found) == 1 and "no as_of" in found[0] and "[loans.sample]" in found[0]


# naming a source document in the answer


@pytest.mark.parametrize(
    "sentence",
    [
        "The 2019 FAQ says otherwise.",
        "As the primer explains, plans vary.",
        "the guide puts it plainly",
        "A figure from faq-2019.",
        "The 2025 primer we cite agrees.",
        "The sources we cite agree.",
    ],
)
def test_an_answer_naming_a_source_document_fails(scratch, seeds, sentence):
    write(scratch, ENTRY.replace("fifty thousand dollars.", f"fifty thousand dollars. {sentence}"))
    assert any("names a source document" in problem for problem in problems(scratch, seeds))


@pytest.mark.parametrize(
    "text",
    [
        "A step-by-step guide to your plan's rules.",  # 'guide' without 'the' is ordinary English
        "The 2019 limit was $19,000; for 2026 it is $24,500.",
        "Ask the plan administrator for the summary plan description.",
    ],
)
def test_plain_words_about_years_and_plans_pass(text):
    assert source_names(text) == []


def test_the_allow_list_excuses_a_named_entry_and_check(scratch, seeds):
    named = ENTRY.replace("fifty thousand dollars.", "fifty thousand dollars, as the 2019 FAQ says.")
    allow = (
        '[[allow]]\nentry = "loans.sample"\ncheck = "names-source"\n'
        'reason = "This entry is about the documents themselves."\n'
    )
    write(scratch, named, allow)
    assert problems(scratch, seeds) == []


def test_an_exception_that_excuses_nothing_is_reported(scratch, seeds):
    allow = '[[allow]]\nentry = "loans.sample"\ncheck = "names-source"\nreason = "No longer needed at all."\n'
    write(scratch, ENTRY, allow)
    found = problems(scratch, seeds)
    assert len(found) == 1 and "no longer needed" in found[0]


def test_an_exception_needs_a_reason_and_a_known_entry(scratch, seeds):
    write(scratch, ENTRY, '[[allow]]\nentry = "loans.sample"\ncheck = "names-source"\n')
    assert any("check-allow.toml" in problem and "cannot be read" in problem for problem in problems(scratch, seeds))
    write(scratch, ENTRY, '[[allow]]\nentry = "loans.nowhere"\ncheck = "names-source"\nreason = "A made-up entry."\n')
    assert any("unknown entry 'loans.nowhere'" in problem for problem in problems(scratch, seeds))


# citations that share no content word with their answer

UNRELATED = ENTRY.replace(
    "You may borrow half of the vested balance, at most fifty thousand dollars.",
    "Target-date funds shift toward bonds as the date nears.",
)


def test_a_citation_sharing_no_content_word_with_the_answer_fails(scratch, seeds):
    write(scratch, UNRELATED)
    found = problems(scratch, seeds)
    assert len(found) == 1
    assert "citation 1" in found[0] and "shares no content word" in found[0]


def test_an_allowed_misfit_citation_passes_and_only_that_one(scratch, seeds):
    second = """  [[entry.citations]]
  source = "guide-2025"
  section = "Accessing Your 401k Funds"
  paragraph = 2
  quote = "most plans require the balance to be repaid shortly after termination"
"""
    allow = (
        '[[allow]]\nentry = "loans.sample"\ncheck = "citation-misfit"\ncitation = 1\n'
        'reason = "A fabricated exception for the test."\n'
    )
    write(scratch, UNRELATED + second, allow)
    found = problems(scratch, seeds)
    assert len(found) == 1 and "citation 2" in found[0]


def test_generic_words_alone_do_not_make_a_fit(scratch, seeds):
    # 'plan', 'employer' and '401(k)' are in nearly every answer and quote; they prove nothing.
    entry = UNRELATED.replace(
        'quote = "up to 50% of the vested balance"', 'quote = "Many 401(k) plans allow borrowing"'
    ).replace("Target-date funds shift", "Your 401(k) plan's target-date funds shift")
    write(scratch, entry)
    assert any("shares no content word" in problem for problem in problems(scratch, seeds))


def test_reference_citations_are_not_compared(scratch, seeds):
    entry = ENTRY + '  [[entry.citations]]\n  source = "irc-72p"\n  section = "72(p)(2)(A)"\n'
    write(scratch, entry.replace("You may borrow half", "Target-date funds hold half"))
    assert problems(scratch, seeds) == []


def test_content_words_fold_plurals_tenses_and_possessives():
    assert content_words("Trusts changed; the company's matches") == content_words("trust changing, companies match")
    assert "plan" not in content_words("the plan's employer") and "$50,000" in content_words("at most $50,000")
    assert {"pre", "1986"} <= content_words("pre-1986 money")


# figures


def test_a_limits_row_must_name_a_registered_notice(scratch, seeds):
    figures = (
        (scratch / "figures.toml").read_text().replace('notice = "irs-notice-2025-67"', 'notice = "irs-notice-2026-99"')
    )
    (scratch / "figures.toml").write_text(figures)
    found = problems(scratch, seeds)
    assert any("limits for 2026" in problem and "irs-notice-2026-99" in problem for problem in found)


def test_a_new_year_is_one_row_plus_its_notice(scratch, seeds):
    """The documented recipe: a figures row and a sources entry, nothing else, and kb check passes."""
    (scratch / "figures.toml").write_text(
        (scratch / "figures.toml").read_text()
        + '\n[[limits]]\nyear = 2099\nnotice = "irs-notice-2098-1"\ndeferral = "50000"\ncatch_up_50 = "10000"\n'
        'catch_up_60_63 = "15000"\nannual_additions = "140000"\ncompensation = "700000"\nhce = "300000"\n'
        'roth_catch_up_wages = "250000"\n'
    )
    with (scratch / "sources.toml").open("a") as sources:
        sources.write(
            '\n[[source]]\nid = "irs-notice-2098-1"\ntitle = "IRS Notice 2098-1: 2099 retirement plan limits"\n'
            'as_of = "2099"\nkind = "reference"\ndescription = "Cost-of-living adjusted limits for 2099."\n'
        )
    assert problems(scratch, seeds) == []
    kb = load_knowledge_base(scratch)
    assert kb.figures.limits_for(2099).deferral == 50000 and kb.figures.latest.year == 2099


def test_a_row_from_2026_must_give_the_roth_catch_up_wage_threshold(scratch, seeds):
    figures = (scratch / "figures.toml").read_text().replace('roth_catch_up_wages = "150000"\n', "")
    (scratch / "figures.toml").write_text(figures)
    assert any("limits for 2026 lack roth_catch_up_wages" in problem for problem in problems(scratch, seeds))
