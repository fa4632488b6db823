"""Patterns kept apart and compiled as texts need them (vested.understanding.alternation) find what
the one joined pattern finds; the literal strings a pattern needs (vested.understanding.literals)."""

from __future__ import annotations

import json
import random
import re

import pytest

from tests.conftest import DATA
from vested.understanding.alternation import Alternation
from vested.understanding.language import language
from vested.understanding.literals import Unsupported, needed_strings
from vested.understanding.text import shipped


@pytest.mark.parametrize(
    ("pattern", "needs", "shortest"),
    [
        ("loan", [{"loan"}], 4),
        (
            "required (?:minimum )?distributions?",
            [{f"required {minimum}distribution{s}" for minimum in ("", "minimum ") for s in ("", "s")}],
            21,
        ),
        ("roll\\w* over|cash(?:ed)? out", [{" over", "cash out", "cashed out"}], 8),
        ("(?:leav\\w*|quit) (?:my )?job", [{"leav", "quit"}, {" job", " my job"}], 8),
        ("catch[\\s-]?ups?", [{"catch"}, {"up", "ups"}], 7),
        ("\\bfired(?= from)", [{"fired"}], 5),
        ("\\w+ loan|taxes", [{" loan", "taxes"}], 5),
        (  # what every branch needs is needed, beside the union of each branch's most telling strings
            "roll\\w*\\s+ira\\s+into\\s+401k|ira\\s+moves\\s+into\\s+401k",
            [{"roll", "moves"}, {"ira"}, {"into"}, {"401k"}],
            18,
        ),
        ("x{2}y", [{"xxy"}], 3),
        ("x{,3}y", [{"y"}], 1),
        ("(?:a|b)*", [], 0),
        ("[^x]{2,}", [], 2),
    ],
)
def test_the_strings_a_pattern_needs(pattern, needs, shortest):
    assert needed_strings(pattern) == (tuple(frozenset(strings) for strings in needs), shortest)


@pytest.mark.parametrize("pattern", ["(a)\\1", "(?i)loan", "(?#note)x", "a\\x41", "(?P=name)"])
def test_syntax_it_does_not_read_is_said(pattern):
    with pytest.raises(Unsupported):
        needed_strings(pattern)


def joined_sub(patterns: list[str], text: str) -> tuple[str, list[int]]:
    """What the normalizer did before: the patterns joined in one, each its own group."""
    fired: list[int] = []

    def replace(found: re.Match[str]) -> str:
        fired.append(int((found.lastgroup or "")[1:]))
        return f"<{fired[-1]}>"

    joined = re.compile("|".join(f"(?P<a{index}>{pattern})" for index, pattern in enumerate(patterns)))
    return joined.sub(replace, text), fired


def alternation_sub(alternation: Alternation, text: str) -> tuple[str, list[int]]:
    fired: list[int] = []

    def replace(index: int, _: re.Match[str]) -> str:
        fired.append(index)
        return f"<{index}>"

    return alternation.sub(replace, text), fired


def test_the_shipped_rules_are_all_kept_apart():
    """Every phrase rule and everyday expression is read, so none forces the joined pattern."""
    normalizer = shipped()
    for alternation in (normalizer._phrase_alternation, normalizer._everyday_alternation):
        assert alternation._needs is not None


def texts() -> list[str]:
    questions = [
        json.loads(line)["q"] for line in (DATA / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    examples = [example.text for rule in language().phrases.phrase for example in rule.examples]
    return [text.lower() for text in questions + examples]


def test_the_phrase_rules_rewrite_as_the_joined_pattern_did():
    """Over the paraphrase set, the rules' examples, and jumbles of their words that make matches overlap."""
    patterns = [rf"\b(?:{rule.pattern})\b" for rule in language().phrases.phrase]
    alternation = Alternation(patterns)
    known = texts()
    words = sorted({word for text in known for word in text.split()})
    jumbles = random.Random(20).choices(words, k=6000)
    for text in known + [" ".join(jumbles[start : start + 6]) for start in range(0, len(jumbles), 6)]:
        assert alternation_sub(alternation, text) == joined_sub(patterns, text), text
        for word in text.split():
            assert alternation.fullmatch(word) == any(re.fullmatch(pattern, word) for pattern in patterns)


@pytest.mark.parametrize("patterns", [["a*", "b"], ["(?i:B)", "a"]])
def test_patterns_it_cannot_keep_apart_are_joined(patterns):
    """A pattern that may match nothing, or that the literals module does not read: the joined pattern, as before."""
    alternation = Alternation(patterns)
    for text in ("", "aab", "bb a", "xaax"):
        assert alternation_sub(alternation, text) == joined_sub(patterns, text)


def test_an_alternation_is_pickled_without_what_it_compiled():
    import pickle

    alternation = Alternation(["loan", "roll\\w* over"])
    alternation_sub(alternation, "a loan rolled over")
    copy = pickle.loads(pickle.dumps(alternation))
    assert copy._compiled == {}
    assert alternation_sub(copy, "a loan rolled over") == ("a <0> <1>", [0, 1])
