"""The knowledge base: the real one is sound, and `kb check` catches every kind of bad entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from vested.cli import main
from vested.knowledge.check import check_knowledge_base, coverage, load_source_texts
from vested.knowledge.coverage_report import coverage_markdown, reference_only_entries
from vested.knowledge.loader import KnowledgeError, load_knowledge_base
from vested.knowledge.source_text import split_source

GOOD_ENTRY = """
[[entry]]
id = "loans.sample"
question = "How much can I borrow?"
alternates = ["a", "b", "c", "d", "e", "f"]
answer = "Half of the vested balance, at most fifty thousand dollars."
as_of = "2025"
tags = ["loans"]
related = []
  [[entry.citations]]
  source = "guide-2025"
  section = "Accessing Your 401k Funds"
  paragraph = 1
  quote = "up to 50% of the vested balance"
"""


@pytest.fixture
def scratch_kb(tmp_path: Path) -> Path:
    """A knowledge folder with the real sources and figures and one good entry."""
    root = tmp_path / "knowledge"
    (root / "faq").mkdir(parents=True)
    shutil.copy(REPO / "knowledge" / "sources.toml", root)
    shutil.copy(REPO / "knowledge" / "figures.toml", root)
    (root / "faq" / "loans.toml").write_text(GOOD_ENTRY)
    return root


def problems_for(root: Path, seeds: Path) -> list[str]:
    try:
        kb = load_knowledge_base(root)
    except KnowledgeError as error:
        return [str(problem) for problem in error.problems]
    texts = load_source_texts(kb, seeds)
    return [str(problem) for problem in check_knowledge_base(kb, texts) if "COVERAGE" not in problem.file]


def test_real_knowledge_base_is_sound(kb, seeds):
    from vested.calculate import registry

    problems = check_knowledge_base(kb, load_source_texts(kb, seeds), calculators=registry())
    assert [str(problem) for problem in problems] == []


def test_entry_count_and_alternates(kb):
    assert 70 <= len(kb.entries) <= 170
    assert all(len(entry.alternates) >= 6 for entry in kb.entries)


def test_coverage_file_is_current(kb, seeds):
    expected = coverage_markdown(kb, load_source_texts(kb, seeds))
    assert (REPO / "knowledge" / "COVERAGE.md").read_text(encoding="utf-8") == expected, (
        "regenerate: vested kb coverage --sources ../shared/seeds > knowledge/COVERAGE.md"
    )


def test_reference_only_entries_are_listed_apart(kb, seeds):
    """COVERAGE.md names, in a section of their own, the entries that cite no source document."""
    documents = {source.id for source in kb.sources.values() if source.kind == "document"}
    expected = {entry.id for entry in kb.entries if not {c.source for c in entry.citations} & documents}
    assert {entry.id for entry in reference_only_entries(kb)} == expected
    section = coverage_markdown(kb, load_source_texts(kb, seeds)).split("## Entries that cite no source document")[1]
    listed = {line.split("`")[1] for line in section.splitlines() if line.startswith("| `")}
    assert listed == expected


def test_every_substantive_paragraph_is_cited(kb, seeds):
    assert coverage(kb).uncovered(load_source_texts(kb, seeds)) == []


def test_scratch_entry_is_clean(scratch_kb, seeds):
    assert problems_for(scratch_kb, seeds) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('source = "guide-2025"', 'source = "guide-2099"', "unknown source 'guide-2099'"),
        ('section = "Accessing Your 401k Funds"', 'section = "Nowhere"', "is not a heading of guide-2025"),
        ("paragraph = 1", "paragraph = 42", "has 5 paragraphs, not 42"),
        ('quote = "up to 50% of the vested balance"', 'quote = "up to 90% of the balance"', "quote not found"),
        (
            'quote = "up to 50% of the vested balance"',
            'quote = "' + " ".join(["word"] * 21) + '"',
            "at most 20 may be quoted",
        ),
        ("related = []", 'related = ["loans.nowhere"]', "related id 'loans.nowhere' does not exist"),
        ('alternates = ["a", "b", "c", "d", "e", "f"]', 'alternates = ["a"]', "at least 6 items"),
        (
            'answer = "Half of the vested balance, at most fifty thousand dollars."',
            'answer = "Loans up to 50% of the vested balance, with a maximum of $50,000 are allowed."',
            "copies a source word for word",
        ),
    ],
)
def test_check_catches(scratch_kb, seeds, old, new, message):
    path = scratch_kb / "faq" / "loans.toml"
    path.write_text(GOOD_ENTRY.replace(old, new))
    problems = problems_for(scratch_kb, seeds)
    assert any(message in problem for problem in problems), problems
    assert all("loans.toml" in problem for problem in problems)


def test_check_catches_duplicate_id(scratch_kb, seeds):
    (scratch_kb / "faq" / "more.toml").write_text(GOOD_ENTRY)
    problems = problems_for(scratch_kb, seeds)
    assert any("duplicate id" in problem and "loans.sample" in problem for problem in problems)


def test_malformed_toml_reports_its_line(scratch_kb, seeds):
    (scratch_kb / "faq" / "loans.toml").write_text(GOOD_ENTRY + "\n[[entry]\nid = 1\n")
    problems = problems_for(scratch_kb, seeds)
    assert len(problems) == 1
    assert "malformed TOML" in problems[0] and "loans.toml:" in problems[0]


def test_kb_check_command_exit_codes(scratch_kb, seeds, capsys):
    assert main(["kb", "check", "--knowledge", str(scratch_kb)]) == 0
    (scratch_kb / "faq" / "loans.toml").write_text(GOOD_ENTRY.replace("paragraph = 1", "paragraph = 42"))
    assert main(["kb", "check", "--knowledge", str(scratch_kb), "--sources", str(seeds)]) == 1
    out = capsys.readouterr().out
    assert "[loans.sample]" in out and "loans.toml:3" in out


def test_split_source_ignores_headings_inside_a_table_of_contents():
    text = "Title\n\n## A\n## B\n\n## A\n\nfirst\n\nsecond\n\n## B\n\nthird\n"
    sections = split_source(text, ["Title", "## A", "## B"]).sections
    assert sections == {"Title": ["## A\n## B"], "## A": ["first", "second"], "## B": ["third"]}


def test_no_phrasing_belongs_to_two_entries(kb):
    """A phrasing listed under two entries teaches the matcher that either is right."""
    owners: dict[str, set[str]] = {}
    for entry in kb.entries:
        for phrase in (entry.question, *entry.alternates):
            owners.setdefault(" ".join(phrase.lower().split()).rstrip("?.! "), set()).add(entry.id)
    shared = {phrase: sorted(ids) for phrase, ids in owners.items() if len(ids) > 1}
    assert shared == {}
