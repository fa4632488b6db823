"""Checking the language rules against themselves: their examples, and rules that contradict each other.

Each rule's `examples` must make it fire (and, with `same_as` or a target, give the tokens
they say); its `counter_examples` must not. Two rules contradict each other when one word
is given two targets: a variant listed under two canonical words, two everyday words of one
stem with different targets, or a word that a phrase rule rewrites before the word rule,
which maps it elsewhere, can ever see it (Rasa's synonym mapper warns the same way).
`vested kb check` reports both kinds of problem with the file and line of the rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from vested.knowledge.loader import KnowledgeError, Problem
from vested.understanding.language import (
    EverydayPhrases,
    EverydayWords,
    Language,
    PhraseRule,
    PickRule,
    Rule,
    Synonyms,
    Terms,
    load_language,
    table_line,
)
from vested.understanding.rule_keys import TERM_SETS, rule_key
from vested.understanding.rules import check_pattern_rules
from vested.understanding.scope import PickPattern, TermSet
from vested.understanding.text import Corrector, Normalizer, stem

# Where each kind of rule is written: the file and the TOML table its blocks are in.
_WRITTEN_IN = {
    "spelling": ("phrases.toml", "spelling"),
    "everyday_phrase": ("phrases.toml", "everyday"),
    "phrase": ("phrases.toml", "phrase"),
    "everyday_word": ("words.toml", "everyday"),
    "synonym": ("words.toml", "synonym"),
    "stopwords": ("stopwords.toml", "stopwords"),
    "scope": ("scope.toml", ""),
    "personal_pick": ("scope.toml", "personal_pick"),
    "follow_up": ("conversation.toml", "follow_up"),
}


def _target(rule: Rule) -> str | None:
    """The text a rule rewrites to, whose tokens its examples must show."""
    if isinstance(rule, Synonyms):
        return rule.canonical
    if isinstance(rule, EverydayPhrases | EverydayWords | PhraseRule):
        return rule.to
    return None


class RuleChecker:
    """Whether a rule fires on a text, with the rules compiled once.

    With `correct`, texts are read with spelling repair on, as the assistant reads questions:
    the repair runs before the rules and must not take their words away from them.
    """

    def __init__(self, language: Language, correct: Corrector | None = None):
        self.normalizer = Normalizer(language)
        self.correct = correct
        self._term_sets = {
            rule_key("scope", name): TermSet.of(getattr(language.scope, name), self.normalizer) for name in TERM_SETS
        }
        self._follow_up = re.compile(language.conversation.follow_up.pattern)

    def fires(self, key: str, rule: Rule, text: str) -> bool:
        """Whether the rule (named by its key) fires on text, read as the assistant reads a question."""
        if isinstance(rule, PickRule):
            return PickPattern.of(rule).fires(text)
        if isinstance(rule, Terms):
            return self._term_sets[key].met_by(self.normalizer.normalize(text, self.correct))
        if key == "follow_up":
            return self._follow_up.match(text) is not None
        return key in self.normalizer.normalize(text, self.correct).fired

    def tokens(self, text: str) -> list[str]:
        """The text's content tokens, as fires reads it."""
        return self.normalizer.content_tokens(text, self.correct)

    def problems(self, key: str, rule: Rule) -> list[str]:
        """Each example the rule does not fire on or gets wrong, each counter-example it fires on."""
        found = []
        target = _target(rule)
        tokens = self.tokens
        for example in rule.examples:
            if not self.fires(key, rule, example.text):
                found.append(f"does not fire on its example {example.text!r}")
            elif example.same_as is not None and tokens(example.text) != tokens(example.same_as):
                found.append(
                    f"example {example.text!r} gives {tokens(example.text)}, "
                    f"not the tokens of {example.same_as!r}: {tokens(example.same_as)}"
                )
            elif target is not None and not set(tokens(target)) <= set(tokens(example.text)):
                found.append(f"example {example.text!r} gives {tokens(example.text)}, without {tokens(target)}")
        found += [
            f"fires on its counter-example {text!r}" for text in rule.counter_examples if self.fires(key, rule, text)
        ]
        return found


def where(language: Language, key: str) -> tuple[str, int | None]:
    """The file and line a rule is written at, for its problems."""
    kind, _, place = key.partition(":")
    file, table = _WRITTEN_IN[kind]
    text = (language.root / file).read_text(encoding="utf-8")
    # a scope set is its own [table]; other rules are the n-th [[table]], or a single [table]
    line = table_line(text, place) if kind == "scope" else table_line(text, table, int(place) if place else None)
    return f"knowledge/language/{file}", line


def _problem(language: Language, key: str, message: str) -> Problem:
    file, line = where(language, key)
    return Problem(file, message, line, key)


def example_problems(language: Language, checker: RuleChecker | None = None) -> list[Problem]:
    """Every rule's examples and counter-examples, checked."""
    checker = checker or RuleChecker(language)
    problems = []
    for key, rule in language.rules():
        for message in checker.problems(key, rule):
            problems.append(_problem(language, key, message))
    return problems


def conflicts(language: Language, checker: RuleChecker | None = None) -> list[Problem]:
    """Words given two targets by two rules."""
    checker = checker or RuleChecker(language)
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(_problem(language, key, message))

    word_targets: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for i, synonyms in enumerate(language.words.synonym):
        for variant in synonyms.variants:
            word_targets[variant].append((rule_key("synonym", i), synonyms.canonical))
    for i, everyday in enumerate(language.words.everyday):
        for word in everyday.words:
            word_targets[word].append((rule_key("everyday_word", i), everyday.to))
    for word, targets in word_targets.items():
        if len(targets) > 1:
            listed = ", ".join(f"{target!r} ({key})" for key, target in targets)
            report(targets[-1][0], f"{word!r} is mapped more than once: to {listed}")

    by_stem: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for i, everyday in enumerate(language.words.everyday):
        for word in everyday.words:
            by_stem[stem(word)].setdefault(everyday.to, rule_key("everyday_word", i))
    for stemmed, stem_targets in by_stem.items():
        if len(stem_targets) > 1:
            report(list(stem_targets.values())[-1], f"words of the stem {stemmed!r} go to {sorted(stem_targets)}")

    tokens = checker.normalizer.content_tokens
    for word, targets in word_targets.items():
        rewritten = checker.normalizer.normalize(word).fired
        phrases = sorted(key for key in rewritten if key.startswith(("phrase:", "everyday_phrase:", "spelling:")))
        for key, target in targets:
            if phrases and tokens(word) != tokens(target):
                report(
                    key,
                    f"{word!r} is rewritten by {', '.join(phrases)} to {tokens(word)} before this rule "
                    f"can map it to {target!r}",
                )
    return problems


def check_language(directory: Path) -> list[Problem]:
    """Everything wrong with the language rules in directory: loading, examples, conflicts."""
    try:
        language = load_language(directory)
    except KnowledgeError as error:
        return error.problems
    checker = RuleChecker(language)
    return example_problems(language, checker) + conflicts(language, checker) + check_pattern_rules(directory)
