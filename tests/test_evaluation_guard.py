"""The evaluation sets stay blind: no test and no language example repeats one of their questions.

A test that asks an evaluation question, or an alternate or rule example that copies one,
makes that row score itself: the accuracy floors then measure what was written for them. So
no string literal in tests/*.py, and no `alternates`, `examples` or `counter_examples` text
under knowledge/, may equal a question of tests/data/*.jsonl or ../shared/eval/*.jsonl,
compared without case or punctuation ("401(k)" = "401k") and with whitespace collapsed.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib

from tests.conftest import DATA, REPO, SHARED

TESTS = REPO / "tests"
KNOWLEDGE = REPO / "knowledge"
EXAMPLE_KEYS = {"alternates", "examples", "counter_examples"}

# Alternates in knowledge/faq that equal an evaluation question today, as (entry id, set:row id).
# Removing them moves 18 rows of tests/data/golden.jsonl (measured when this guard was added), so
# dropping or rewording them is a behaviour change for the knowledge base's owners to make with
# benchmarks/golden.py in the same commit. An allowance that stops matching fails below: the
# list only shrinks. Five were reworded without moving a golden row or a score; rewording any of
# these 18 (one at a time, and in ~70 combinations) moved real-dev or rephrased_calc below its
# floor: the matcher's margins on those rows are that thin.
KNOWN_ALTERNATE_LEAKS = frozenset(
    {
        ("basics.what-is-401k", "dev:d01"),
        ("basics.why-called-401k", "fresh:fr02a"),
        ("basics.why-called-401k", "rephrased:rd02a"),
        ("basics.why-called-401k", "paraphrases:p023"),
        ("basics.advantages", "paraphrases:p036"),
        ("basics.disadvantages", "paraphrases:p039"),
        ("comparisons.pension-vs-401k", "rephrased:rd38a"),
        ("contributions.limit-2025", "rephrased:rd03a"),
        ("contributions.limit-2019", "rephrased:rd06a"),
        ("contributions.limit-2019", "dev:d06"),
        ("withdrawals.early-penalty", "dev:d42"),
        ("projections.future-value-formula", "dev:d35"),
        ("protections.creditors", "rephrased:rd28a"),
        ("rmds.overview", "dev:d22"),
        ("rmds.overview", "rephrased:rd22a"),
        ("rmds.penalty", "fresh:fr23a"),
        ("rmds.penalty", "rephrased:rd23a"),
        ("roth.difference", "rephrased:rd12a"),
    }
)


def comparable(text: str) -> set[str]:
    """The forms two texts are compared in: lower case, punctuation dropped or read as a space."""
    lowered = text.lower()
    return {" ".join(re.sub(r"[^\w\s]", drop, lowered).split()) for drop in ("", " ")}


def evaluation_questions() -> dict[str, set[str]]:
    """Each comparable form of every evaluation question, with the rows ("set:id") that ask it."""
    paths = sorted(DATA.glob("*.jsonl")) + sorted((SHARED / "eval").glob("*.jsonl"))
    questions: dict[str, set[str]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if "q" in row:
                for form in comparable(row["q"]):
                    questions.setdefault(form, set()).add(f"{path.stem}:{row['id']}")
    return questions


def rows_asking(text: str, questions: dict[str, set[str]]) -> set[str]:
    return {row for form in comparable(text) for row in questions.get(form, ())}


def test_the_evaluation_sets_are_found():
    questions = evaluation_questions()
    assert any(row.startswith("dev:") for rows in questions.values() for row in rows)
    if SHARED.is_dir():
        assert any(row.startswith("real-dev:") for rows in questions.values() for row in rows)


def test_no_test_literal_is_an_evaluation_question():
    questions = evaluation_questions()
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if is_text and (rows := rows_asking(node.value, questions)):
                found.append(f"{path.relative_to(REPO)}:{node.lineno} {node.value!r} asks {sorted(rows)}")
    assert found == [], "write a question of your own that tests the same behaviour"


def knowledge_examples(value, where: str):
    """(where, text) for every string listed under an alternates/examples/counter_examples key.

    `where` is the id of the enclosing table when it has one (an entry, a rule), else its key path.
    """
    if isinstance(value, dict):
        named = isinstance(value.get("id"), str)
        where = value["id"] if named else where
        for key, item in value.items():
            if key in EXAMPLE_KEYS and isinstance(item, list):
                yield from ((where, text) for text in item if isinstance(text, str))
            else:
                yield from knowledge_examples(item, where if named else f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from knowledge_examples(item, where)


def test_no_alternate_or_rule_example_is_an_evaluation_question():
    questions = evaluation_questions()
    present = {row for rows in questions.values() for row in rows}
    leaks = set()
    for path in sorted(KNOWLEDGE.rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for where, text in knowledge_examples(data, str(path.relative_to(REPO))):
            leaks |= {(where, row) for row in rows_asking(text, questions)}
    assert sorted(leaks - KNOWN_ALTERNATE_LEAKS) == [], "new text equal to an evaluation question"
    gone = {allowed for allowed in KNOWN_ALTERNATE_LEAKS - leaks if allowed[1] in present}
    assert sorted(gone) == [], "no longer found: delete these from KNOWN_ALTERNATE_LEAKS"
