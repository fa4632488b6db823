"""The schema of a walkthrough definition: its steps, their types and their conditions.

Definitions live in definitions/*.toml as data, so a step can be reworded, reordered or
given a new condition without touching the arithmetic. Loading validates every file
against these models: a misspelt key, a condition on a later step or a default that
would not pass its own step's validation fails loudly when the package loads, never
halfway through a user's walkthrough.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

StepType = Literal["money", "percent", "age", "years", "year", "date", "yes_no", "choice", "text", "money_list"]
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
WALKTHROUGH_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
TEXT_CHECKS = ("match_formula",)


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key in a definition must not be ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(Strict):
    """A test on an earlier answer; a step is asked only when all its conditions hold.

    `equals`/`not_equals` compare a yes/no or choice answer; `at_least`/`below` bound a
    number (an age between 54 and 55, say). A condition on an unanswered or skipped
    step does not hold, so a chain of conditions skips together.
    """

    field: str
    equals: bool | str | None = None
    not_equals: bool | str | None = None
    at_least: Decimal | None = None
    below: Decimal | None = None

    @model_validator(mode="after")
    def tests_something(self) -> Condition:
        if not self.model_fields_set - {"field"}:
            raise ValueError(f"the condition on {self.field!r} tests nothing")
        return self

    def describe(self) -> str:
        """The test in words: 'has_loan is yes', 'age >= 54 and age < 55'."""
        parts = []
        for key, word in (("equals", "is"), ("not_equals", "is not"), ("at_least", ">="), ("below", "<")):
            if key in self.model_fields_set:
                value = getattr(self, key)
                shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
                parts.append(f"{self.field} {word} {shown}")
        return " and ".join(parts)

    def holds(self, answers: dict[str, Any]) -> bool:
        if self.field not in answers:
            return False
        value = answers[self.field]
        if "equals" in self.model_fields_set and value != self.equals:
            return False
        if "not_equals" in self.model_fields_set and value == self.not_equals:
            return False
        if self.at_least is not None and not (value is not None and value >= self.at_least):
            return False
        return self.below is None or (value is not None and value < self.below)


class Choice(Strict):
    """One allowed answer of a choice step: the stored value and the words shown."""

    value: str
    label: str


class Step(Strict):
    """One question: which answer it fills, how it is asked, checked and explained.

    Bounds and defaults are written as a user would type them ("22%", "this year",
    "today"), and go through the same parsing as a typed answer.
    """

    field: str
    label: str
    prompt: str
    type: StepType
    help: str = ""
    default: str | bool | int | None = None
    minimum: str | int | None = None
    maximum: str | int | None = None
    whole: bool = False
    choices: list[Choice] = Field(default_factory=list)
    check: Literal["match_formula"] | None = None
    when: list[Condition] = Field(default_factory=list)

    @field_validator("field")
    @classmethod
    def field_is_identifier(cls, value: str) -> str:
        if not FIELD_NAME.match(value):
            raise ValueError("a field is lowercase letters, digits and underscores")
        return value

    @field_validator("when", mode="before")
    @classmethod
    def one_condition_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @model_validator(mode="after")
    def options_fit_type(self) -> Step:
        if (self.type == "choice") != bool(self.choices):
            raise ValueError(f"{self.field}: choices belong to choice steps, and every choice step needs them")
        if self.check and self.type != "text":
            raise ValueError(f"{self.field}: a check applies to text steps only")
        if self.whole and self.type != "age":
            raise ValueError(f"{self.field}: 'whole' applies to age steps only")
        return self


class WalkthroughDefinition(Strict):
    """A walkthrough as data: what it is for, the knowledge entries it rests on, its steps.

    `keywords` are the words that pick it out of a request ("walk me through leaving my
    job"); `question` is how the log phrases a run of it; `what_if` are what-ifs in plain
    words that the chat shows as examples (each must read as a change: tests hold them to it).
    """

    name: str
    title: str
    description: str
    question: str
    keywords: list[str] = Field(min_length=1)
    entries: list[str] = Field(default_factory=list)
    what_if: list[str] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def name_is_slug(cls, value: str) -> str:
        if not WALKTHROUGH_NAME.match(value):
            raise ValueError("a walkthrough name is lowercase words joined by dashes")
        return value

    @model_validator(mode="after")
    def conditions_look_back(self) -> WalkthroughDefinition:
        """Fields are unique and every condition tests a step asked before it."""
        seen: set[str] = set()
        for step in self.steps:
            if step.field in seen:
                raise ValueError(f"the field {step.field!r} is asked twice")
            for condition in step.when:
                if condition.field not in seen:
                    raise ValueError(
                        f"{step.field}: its condition tests {condition.field!r}, which is not an earlier step"
                    )
            seen.add(step.field)
        return self
