"""The language rules as data: every rule's examples hold, bad data is refused, conflicts are reported."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from vested.calculate.language import calculator_language
from vested.cli import main
from vested.commands import ask
from vested.knowledge.loader import KnowledgeError, Problem
from vested.understanding.language import language, load_language
from vested.understanding.language_check import RuleChecker, check_language, conflicts
from vested.understanding.rules import PATTERN_RULE_FILES, example_problems, pattern_rules

LANGUAGE_DIR = REPO / "knowledge" / "language"
EVALUATION_SETS = [*sorted(DATA.glob("*.jsonl")), *sorted((REPO.parent / "shared" / "eval").glob("*.jsonl"))]
RULES = language().rules()
CHECKER = RuleChecker(language())


@pytest.mark.parametrize(("key", "rule"), RULES, ids=[key for key, _ in RULES])
def test_rule_fires_on_its_examples_and_not_on_its_counter_examples(key, rule):
    assert CHECKER.problems(key, rule) == []


@pytest.fixture(scope="module")
def checker_with_spelling_repair(assistant):
    return RuleChecker(language(), correct=assistant.matcher.correct)


@pytest.mark.parametrize(("key", "rule"), RULES, ids=[key for key, _ in RULES])
def test_spelling_repair_leaves_every_rule_its_words(checker_with_spelling_repair, key, rule):
    """The speller runs before the rules: it must not "repair" a word a rule needs into a neighbour."""
    assert checker_with_spelling_repair.problems(key, rule) == []


def test_every_kind_of_rule_is_checked():
    kinds = {key.partition(":")[0] for key, _ in RULES}
    assert kinds == {
        "spelling",
        "everyday_phrase",
        "phrase",
        "everyday_word",
        "synonym",
        "stopwords",
        "scope",
        "personal_pick",
        "follow_up",
    }


CALCULATOR_FILES = sorted((REPO / "knowledge" / "calculators").glob("*.toml"))
PATTERN_RULES = pattern_rules() + [
    (f"calculators/{path.name}:{section}:{rule.name}", rule)
    for path in CALCULATOR_FILES
    for section in ("beyond_model", "asked_by")
    for rule in getattr(calculator_language(path.stem), section)
]


@pytest.mark.parametrize(("key", "rule"), PATTERN_RULES, ids=[key for key, _ in PATTERN_RULES])
def test_each_pattern_rule_finds_its_examples_and_not_its_counter_examples(key, rule):
    """The ways of asking, incidental terms, number words, worded settings, conversation turns, the
    situations a calculator does not model and the questions that ask for its figure: one check for
    every language rule given as a pattern."""
    assert example_problems(rule) == []


def test_every_file_of_pattern_rules_is_checked():
    files = {key.partition(":")[0] for key, _ in PATTERN_RULES}
    assert {name for name in files if not name.startswith("calculators/")} == set(PATTERN_RULE_FILES)
    assert any(name.startswith("calculators/") for name in files)


@pytest.mark.parametrize("file", PATTERN_RULE_FILES)
def test_a_pattern_rule_without_examples_is_refused_with_its_file(scratch_language, file):
    path = scratch_language / file
    without = (
        '\n[[extra]]\nname = "no-examples"\npattern = "ira"\nwhy = "none"\nexamples = []\ncounter_examples = ["x"]\n'
    )
    path.write_text(path.read_text(encoding="utf-8") + without, encoding="utf-8")
    with pytest.raises(KnowledgeError) as refused:
        pattern_rules(scratch_language)
    assert any(problem.file == f"knowledge/language/{file}" for problem in refused.value.problems)


def test_kb_check_reports_a_pattern_rule_that_misses_its_example(scratch_language):
    _edit(
        scratch_language / "settings.toml", 'examples = ["a loan to buy a condo"', 'examples = ["a loan to buy a boat"'
    )
    problems = check_language(scratch_language)
    assert [problem.message for problem in problems] == [
        "repayment 'principal-residence': does not find its example 'a loan to buy a boat'"
    ]
    assert problems[0].line is not None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def test_no_rule_example_is_a_question_of_an_evaluation_set():
    """A rule must be tested and explained by texts of its own, not by the rows it is meant to be measured on."""
    questions = {
        _plain(row["q"])
        for path in EVALUATION_SETS
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if "q" in row
    }
    assert len(questions) > 1000  # the sets are there: the guard is not vacuous
    texts = {
        text
        for _, rule in RULES
        for example in rule.examples
        for text in (example.text, example.same_as)
        if text is not None
    } | {text for _, rule in RULES for text in rule.counter_examples}
    texts |= {quoted for _, rule in RULES for quoted in re.findall(r'"([^"]+)"', rule.why)}  # quoted in a why
    assert sorted(text for text in texts if _plain(text) in questions) == []


def test_the_shipped_rules_contradict_nothing():
    assert conflicts(language(), CHECKER) == []


@pytest.fixture
def scratch_language(tmp_path: Path) -> Path:
    """A copy of the shipped language rules, to break."""
    directory = tmp_path / "knowledge" / "language"
    shutil.copytree(LANGUAGE_DIR, directory)
    return directory


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rule_without_examples_is_refused_with_its_line(scratch_language):
    _edit(scratch_language / "phrases.toml", "examples = ['how do I sign up', 'opt in to the plan']", "examples = []")
    with pytest.raises(KnowledgeError) as refused:
        load_language(scratch_language)
    (problem,) = refused.value.problems
    assert problem.file == "knowledge/language/phrases.toml"
    assert re.match(r"phrase\.\d+\.examples:", problem.message)
    text = (scratch_language / "phrases.toml").read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and text[problem.line - 1] == "[[phrase]]"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("phrases.toml", "pattern = 'how old'", "pattern = 'how (old'", "pattern does not compile"),
        (
            "scope.toml",
            "concepts = ['solo_401k',",
            "concepts = ['solo_402k',",
            "solo_402k",
        ),
        ("words.toml", "canonical = 'loan'", "canonical = 'loan'\nsynonyms = []", "Extra inputs are not permitted"),
    ],
)
def test_malformed_rules_are_refused(scratch_language, file, old, new, message):
    _edit(scratch_language / file, old, new)
    with pytest.raises(KnowledgeError) as refused:
        load_language(scratch_language)
    assert any(message in str(problem) for problem in refused.value.problems)


def test_an_example_that_does_not_hold_is_reported(scratch_language):
    _edit(
        scratch_language / "phrases.toml",
        "counter_examples = ['how long does it take']",
        "counter_examples = ['how old is he']",
    )
    (problem,) = check_language(scratch_language)
    assert re.fullmatch(r"phrase:\d+", problem.entry or "")
    assert "fires on its counter-example 'how old is he'" in problem.message


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        # one variant under two canonical words
        (
            "words.toml",
            "variants = ['wife', 'husband', 'fiance', 'fiancee']",
            "variants = ['wife', 'husband', 'fiance', 'fiancee', 'boss']",
            "'boss' is mapped",
        ),
        # an everyday word that is also a synonym's variant
        ("words.toml", "words = ['alter',", "words = ['alter', 'borrow',", "'borrow' is mapped"),
        # two everyday words of one stem ("swap", "swapped") with different targets
        ("words.toml", "words = ['slash', 'trim']", "words = ['slash', 'trim', 'swapped']", "the stem 'swap' go to"),
        # a word a phrase rule rewrites ("fired" -> "leave job") before the word rule can map it elsewhere
        (
            "words.toml",
            "variants = ['pause', 'pausing', 'paused']",
            "variants = ['pause', 'pausing', 'paused', 'fired']",
            "'fired' is rewritten by phrase:",
        ),
    ],
)
def test_kb_check_reports_conflicting_targets_for_one_word(scratch_language, capsys, file, old, new, message):
    knowledge = scratch_language.parent
    for name in ("sources.toml", "figures.toml", "check-allow.toml"):
        shutil.copy(REPO / "knowledge" / name, knowledge)
    shutil.copytree(REPO / "knowledge" / "faq", knowledge / "faq")
    assert main(["kb", "check", "--knowledge", str(knowledge)]) == 0
    capsys.readouterr()
    _edit(scratch_language / file, old, new)
    assert main(["kb", "check", "--knowledge", str(knowledge)]) == 1
    assert message in capsys.readouterr().out


def test_broken_rules_found_on_import_are_reported_like_broken_entries(monkeypatch, capsys):
    """The core loads the rules when first imported, before `ask` can catch a broken knowledge base itself."""

    def importing_the_core(args):
        raise KnowledgeError([Problem("knowledge/language/phrases.toml", "pattern does not compile", 12)])

    monkeypatch.setattr(ask, "run", importing_the_core)
    assert main(["ask", "what is vesting"]) == 2
    assert "knowledge/language/phrases.toml:12: pattern does not compile" in capsys.readouterr().err
