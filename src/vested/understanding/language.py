"""The language rules as data: knowledge/language/*.toml, loaded and validated with pydantic.

Every rule that turns a question's words into the knowledge base's own (synonyms, everyday
words, phrase rewrites, stopwords) and every scope rule (other products, personal picks,
uncovered topics, the domain's words) lives in a data file beside the entries, each rule with
`examples` it must fire on and `counter_examples` it must not: a rule is read, reviewed and
tested where it is written, not in a regex buried in Python. Loading fails, naming the file,
the line and the rule, on anything malformed: an unknown key, a regex that does not compile,
a rule without examples. `conflicts` lists the rules that contradict each other (one word
mapped to two targets), as Rasa's synonym mapper warns; `vested kb check` reports them.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vested.knowledge.loader import KnowledgeError, Problem, default_knowledge_dir
from vested.knowledge.models import validated
from vested.understanding.rule_keys import STOPWORDS_KEY, TERM_SETS, rule_key

LANGUAGE_FILES = ("words.toml", "phrases.toml", "stopwords.toml", "scope.toml", "conversation.toml")
_CONCEPT = re.compile(r"^[a-z][a-z0-9_]*$")


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not silently switch a rule off."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(Strict):
    """A text a rule must fire on; with `same_as`, the text its tokens must equal once normalized."""

    text: str = Field(min_length=1)
    same_as: str | None = None


def _compiled(pattern: str) -> str:
    """A regex must compile when loaded, not when the first question reaches it."""
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"pattern does not compile: {error}") from None
    return pattern


class Rule(Strict):
    """What every rule carries: why it exists, and texts it must and must not fire on."""

    why: str = ""
    examples: list[Example] = Field(min_length=1)
    counter_examples: list[str] = Field(min_length=1)

    @field_validator("examples", mode="before")
    @classmethod
    def plain_text_is_an_example(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value


class PatternRule(Rule):
    """A rule with a regex; a list of alternatives is joined with "|" (long rules stay readable)."""

    pattern: str

    @field_validator("pattern", mode="before")
    @classmethod
    def alternatives_are_joined(cls, value: Any) -> Any:
        return "|".join(value) if isinstance(value, list) else value

    @field_validator("pattern")
    @classmethod
    def pattern_compiles(cls, pattern: str) -> str:
        return _compiled(pattern)


class SpellingRule(PatternRule):
    """One spelling unified before anything else ("401(k)" -> "401k"); `to` is a re.sub template."""

    to: str


class EverydayPhrases(Rule):
    """Everyday expressions for one thing the knowledge base says in its own words ("nest egg" -> "savings")."""

    phrases: list[str] = Field(min_length=1)
    to: str


class PhraseRule(PatternRule):
    """A phrase rewritten to canonical tokens; `concept` names what it recognised, for the scope rules."""

    to: str
    concept: str | None = None

    @field_validator("concept")
    @classmethod
    def concept_is_a_name(cls, concept: str | None) -> str | None:
        if concept is not None and not _CONCEPT.match(concept):
            raise ValueError("a concept is a snake_case name")
        return concept


class Synonyms(Rule):
    """Variants of one canonical word of the domain ("borow", "lend" -> "loan"); "" drops them."""

    canonical: str
    variants: list[str] = Field(min_length=1)


class EverydayWords(Rule):
    """Everyday words the knowledge base never uses, for its word ("swap", "tweak" -> "change")."""

    words: list[str] = Field(min_length=1)
    to: str


class Stopwords(Rule):
    """Words that say nothing about what a question is about."""

    words: list[str] = Field(min_length=1)


class Terms(Rule):
    """A set of the matcher's words and the phrase rules' concepts that mark a question as one kind."""

    words: list[str] = Field(default_factory=list)
    concepts: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def names_something(self) -> Terms:
        if not self.words and not self.concepts:
            raise ValueError("a set of terms needs words or concepts")
        return self


class PickRule(PatternRule):
    """A request for a personal investment pick: `pattern` found, `also` found too, `unless` not found."""

    also: str | None = None
    unless: str | None = None

    @field_validator("also", "unless")
    @classmethod
    def condition_compiles(cls, pattern: str | None) -> str | None:
        return None if pattern is None else _compiled(pattern)


class WordsFile(Strict):
    synonym: list[Synonyms]
    everyday: list[EverydayWords]


class PhrasesFile(Strict):
    spelling: list[SpellingRule]
    everyday: list[EverydayPhrases]
    phrase: list[PhraseRule]


class StopwordsFile(Strict):
    stopwords: Stopwords


class ScopeFile(Strict):
    core: Terms
    other_products: Terms
    keeps_other_product_in_scope: Terms
    uncovered: Terms
    asked_about_beside_the_plan: Terms
    domain: Terms
    strong_domain: Terms
    personal_pick: list[PickRule]


class ConversationFile(Strict):
    follow_up: PatternRule


@dataclass(frozen=True)
class Language:
    """Every language rule, validated, in the order the normalizer applies them."""

    root: Path
    words: WordsFile
    phrases: PhrasesFile
    stopwords: Stopwords
    scope: ScopeFile
    conversation: ConversationFile
    digest: str

    def rules(self) -> list[tuple[str, Rule]]:
        """Every rule with its key (kind and place in its file), the key the normalizer reports it by."""
        return [
            *((rule_key("spelling", i), rule) for i, rule in enumerate(self.phrases.spelling)),
            *((rule_key("everyday_phrase", i), rule) for i, rule in enumerate(self.phrases.everyday)),
            *((rule_key("phrase", i), rule) for i, rule in enumerate(self.phrases.phrase)),
            *((rule_key("everyday_word", i), rule) for i, rule in enumerate(self.words.everyday)),
            *((rule_key("synonym", i), rule) for i, rule in enumerate(self.words.synonym)),
            (STOPWORDS_KEY, self.stopwords),
            *((rule_key("scope", name), getattr(self.scope, name)) for name in TERM_SETS),
            *((rule_key("personal_pick", i), rule) for i, rule in enumerate(self.scope.personal_pick)),
            ("follow_up", self.conversation.follow_up),
        ]

    def concepts(self) -> dict[str, str]:
        """Each phrase rule's key that names a concept, and the concept."""
        return {rule_key("phrase", i): rule.concept for i, rule in enumerate(self.phrases.phrase) if rule.concept}


def default_language_dir() -> Path:
    """knowledge/language beside the entries (the wheel's copy when installed)."""
    return default_knowledge_dir() / "language"


def table_line(text: str, table: str, index: int | None = None) -> int | None:
    """The 1-based line of the index-th [[table]] header of a TOML text, or of its [table] header."""
    if index is not None:
        headers = list(re.finditer(rf"^\[\[{re.escape(table)}\]\]\s*$", text, flags=re.MULTILINE))
        found = headers[index] if index < len(headers) else None
    else:
        found = re.search(rf"^\[{re.escape(table)}\]\s*$", text, flags=re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _error_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line of the rule a validation error is in: ("phrase", 3, "examples") is the 4th [[phrase]]."""
    if not loc or not isinstance(loc[0], str):
        return None
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
    return table_line(text, loc[0], index)


def _load_file(directory: Path, name: str, model: type[Strict], problems: list[Problem]) -> tuple[Any, bytes]:
    return read_rules_file(directory / name, model, problems, where=f"knowledge/language/{name}")


def read_rules_file(
    path: Path, model: type[Any], problems: list[Problem], where: str | None = None
) -> tuple[Any, bytes]:
    """One language data file, read and validated by model: (the model, the raw bytes), or
    (None, bytes) with every problem added, each naming the file, the line and the rule.

    The one loader of language data: knowledge/language/*.toml and knowledge/calculators/*.toml.
    """
    where = where or str(path)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(where, f"cannot read: {error}"))
        return None, b""
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))  # the TOML parser's message: a format parser
        problems.append(Problem(where, f"malformed TOML: {error}", int(found.group(1)) if found else None))
        return None, b""
    try:
        return validated(model, data), raw
    except ValidationError as error:
        text = raw.decode("utf-8")
        for item in error.errors():
            label = ".".join(str(part) for part in item["loc"])
            problems.append(Problem(where, f"{label}: {item['msg']}", _error_line(text, item["loc"])))
        return None, raw


Model = TypeVar("Model")


def load_rules_file(path: Path, model: type[Model], where: str | None = None) -> Model:
    """One language data file validated by model; KnowledgeError listing every problem."""
    problems: list[Problem] = []
    loaded, _ = read_rules_file(path, model, problems, where)
    if problems:
        raise KnowledgeError(problems)
    return cast(Model, loaded)


def load_language(directory: Path | None = None) -> Language:
    """Load and validate knowledge/language; raise KnowledgeError listing every problem."""
    directory = Path(directory) if directory else default_language_dir()
    if not directory.is_dir():
        raise KnowledgeError([Problem(str(directory), "language folder not found")])
    problems: list[Problem] = []
    digest = hashlib.sha256()
    loaded = {}
    models: dict[str, type[Strict]] = {
        "words.toml": WordsFile,
        "phrases.toml": PhrasesFile,
        "stopwords.toml": StopwordsFile,
        "scope.toml": ScopeFile,
        "conversation.toml": ConversationFile,
    }
    for name in LANGUAGE_FILES:
        loaded[name], raw = _load_file(directory, name, models[name], problems)
        digest.update(name.encode() + raw)
    if problems:
        raise KnowledgeError(problems)
    language = Language(
        root=directory,
        words=loaded["words.toml"],
        phrases=loaded["phrases.toml"],
        stopwords=loaded["stopwords.toml"].stopwords,
        scope=loaded["scope.toml"],
        conversation=loaded["conversation.toml"],
        digest=digest.hexdigest()[:16],
    )
    problems = _unknown_concepts(language)
    if problems:
        raise KnowledgeError(problems)
    return language


def _unknown_concepts(language: Language) -> list[Problem]:
    """A concept the scope names must be recognised by a phrase rule, and one a phrase rule names must be used."""
    recognised = set(language.concepts().values())
    used = {concept for name in TERM_SETS for concept in getattr(language.scope, name).concepts}
    return [
        Problem("knowledge/language/scope.toml", f"concept {concept!r} is recognised by no phrase rule")
        for concept in sorted(used - recognised)
    ] + [
        Problem("knowledge/language/phrases.toml", f"concept {concept!r} is used by no scope rule")
        for concept in sorted(recognised - used)
    ]


@cache
def language() -> Language:
    """The shipped language rules, loaded once per process."""
    return load_language()
