"""Language rules given as a pattern, each with the texts it must and must not find.

A PatternRule is a regular expression over a question's words (case-insensitive) that signals
something: a way of asking, money outside the plan, a situation a calculator does not model,
the words that make a number an age or a threshold, a setting stated in words. A RuleBook is a
file of such rules in named sections (knowledge/language/numbers.toml, settings.toml,
turns.toml); code asks for a rule by its name, so the words live in data, reviewed and tested
where they are written (tests/test_language.py checks every rule's examples).
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from vested.knowledge import compiled as compiled_knowledge
from vested.knowledge.loader import Problem, default_knowledge_dir
from vested.knowledge.models import STRICT
from vested.knowledge.records import Record, field
from vested.knowledge.regex_store import compile_pattern
from vested.understanding.literals import Needs, may_match_ignoring_case, needed_ignoring_case

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class PatternRule(Record):
    """A language rule as a pattern, with the texts it must and must not find: a way of asking,
    money outside the plan, a situation a calculator does not model.

    A plain record (vested.knowledge.records), so the compiled knowledge loads it without
    pydantic; the loader validates a file against it (`vested.knowledge.models.validated`), a
    list of alternatives in the file joined with "|" first (a long rule stays readable, one
    alternative a line).

    A question is read by a few dozen rules, most of which it cannot match: compiling each
    (case-insensitive, a millisecond for a long one) took `vested ask` more than answering. So
    a rule keeps the strings a match cannot do without (vested.understanding.literals), found
    when it is made and kept with it in the compiled knowledge, and is compiled only for a
    text that holds them."""

    __pydantic_config__ = STRICT

    name: str
    pattern: str
    why: str
    examples: list[str] = field(metadata={"min_length": 1})
    counter_examples: list[str] = field(metadata={"min_length": 1})

    def __post_init__(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as error:
            raise ValueError(f"pattern does not compile: {error}") from None
        self._needed  # noqa: B018 - found now, so the compiled knowledge keeps it with the rule

    @cached_property
    def _needed(self) -> Needs | None:
        """The strings every match holds one of each set of (vested.understanding.literals)."""
        return needed_ignoring_case(self.pattern)

    def _may_find(self, text: str) -> bool:
        return may_match_ignoring_case(self._needed, text)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(
            _alternatives_joined, super().__get_pydantic_core_schema__(source, handler)
        )

    def finds(self, text: str) -> bool:
        """Whether the rule matches somewhere in text."""
        return self._may_find(text) and compiled(self.pattern).search(text) is not None

    def starts(self, text: str) -> bool:
        """Whether the rule matches at the start of text."""
        return self._may_find(text) and compiled(self.pattern).match(text) is not None

    @property
    def regex(self) -> re.Pattern[str]:
        """The rule compiled (case-insensitive), for code that matches, splits or iterates with it."""
        return compiled(self.pattern)


def _alternatives_joined(value: Any) -> Any:
    """A rule's pattern given as a list of alternatives, joined with "|"."""
    if isinstance(value, dict) and isinstance(value.get("pattern"), list):
        return {**value, "pattern": "|".join(value["pattern"])}
    return value


class RuleBook(Record):
    """A language file of named pattern rules in sections ([[section]] blocks): the words that
    signal something about a question, each rule with the examples it must find and the
    counter-examples it must not. Code asks for a rule by its name, unique in the file."""

    root: dict[str, list[PatternRule]]

    def __post_init__(self) -> None:
        names = [rule.name for rules in self.root.values() for rule in rules]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"rule names repeated: {', '.join(repeated)}")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Validated as the file is: sections of rules, not a record with a `root` key."""
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            lambda sections: cls(root=sections), handler.generate_schema(dict[str, list[PatternRule]])
        )

    def rule(self, name: str) -> PatternRule:
        return next(rule for rules in self.root.values() for rule in rules if rule.name == name)

    def pattern(self, name: str) -> re.Pattern[str]:
        """The named rule compiled (case-insensitive)."""
        return self.rule(name).regex

    def section(self, name: str) -> list[PatternRule]:
        return self.root.get(name, [])

    def rules(self) -> list[tuple[str, PatternRule]]:
        """Every rule with its section."""
        return [(section, rule) for section, rules in self.root.items() for rule in rules]


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    return compile_pattern(pattern, re.IGNORECASE)


# The files of named pattern rules (RuleBook), by what their words signal.
RULE_BOOKS = ("numbers.toml", "settings.toml", "turns.toml")
# Every file of knowledge/language made only of [[section]] blocks of pattern rules: the ways of
# asking and the incidental terms (read through their own models in vested.understanding.reading)
# and the rule books.
PATTERN_RULE_FILES = ("asking.toml", "incidental.toml", *RULE_BOOKS)


@cache
def rule_book(name: str) -> RuleBook:
    """knowledge/language/<name>: named pattern rules, from the compiled knowledge (validated when a file changed)."""
    return compiled_knowledge.part(f"rule_book:{name}", lambda: _load_rule_book(name))


def _load_rule_book(name: str) -> RuleBook:
    from vested.understanding.language import load_rules_file

    return load_rules_file(default_knowledge_dir() / "language" / name, RuleBook, f"knowledge/language/{name}")


def number_words() -> RuleBook:
    """knowledge/language/numbers.toml: the words around a number that say what it is."""
    return rule_book("numbers.toml")


def pattern_rules(directory: Path | None = None) -> list[tuple[str, PatternRule]]:
    """Every pattern rule of knowledge/language, keyed "file:section:name"."""
    from vested.understanding.language import load_rules_file

    directory = directory or default_knowledge_dir() / "language"
    return [
        (f"{name}:{section}:{rule.name}", rule)
        for name in PATTERN_RULE_FILES
        for section, rule in load_rules_file(directory / name, RuleBook, f"knowledge/language/{name}").rules()
    ]


def example_problems(rule: PatternRule) -> list[str]:
    """The examples a rule does not find and the counter-examples it finds."""
    return [f"does not find its example {text!r}" for text in rule.examples if not rule.finds(text)] + [
        f"finds its counter-example {text!r}" for text in rule.counter_examples if rule.finds(text)
    ]


def check_pattern_rules(directory: Path) -> list[Problem]:
    """For `vested kb check`: every pattern-rule file of directory loads, and each rule holds to its examples."""
    from vested.understanding.language import read_rules_file, table_line

    problems: list[Problem] = []
    for name in PATTERN_RULE_FILES:
        where = f"knowledge/language/{name}"
        book, raw = read_rules_file(directory / name, RuleBook, problems, where)
        if book is None:
            continue
        text = raw.decode("utf-8")
        for section, rule in book.rules():
            index = book.section(section).index(rule)
            problems += [
                Problem(where, f"{section} {rule.name!r}: {problem}", table_line(text, section, index))
                for problem in example_problems(rule)
            ]
    return problems
