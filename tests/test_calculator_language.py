"""knowledge/calculators/*.toml: every file names a real calculator and real inputs, and every
situation a calculator does not model finds its examples and not its counter-examples."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from vested.calculate import registry
from vested.calculate.language import calculator_language

FILES = sorted((REPO / "knowledge" / "calculators").glob("*.toml"))
RULES = [(path.stem, rule) for path in FILES for rule in calculator_language(path.stem).beyond_model]


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_each_file_speaks_of_a_real_calculator_and_its_real_inputs(path):
    language = calculator_language(path.stem)
    spec = registry()[path.stem]
    assert language.calculator == path.stem
    assert set(language.inputs) <= set(spec.inputs.model_fields)


@pytest.mark.parametrize(("calculator", "rule"), RULES, ids=[f"{name}:{rule.name}" for name, rule in RULES])
def test_each_situation_beyond_the_model_finds_its_examples_only(calculator, rule):
    assert all(rule.finds(example) for example in rule.examples)
    assert not any(rule.finds(counter) for counter in rule.counter_examples)


def test_a_calculator_without_a_file_has_no_cues_and_models_everything():
    language = calculator_language("a_calculator_with_no_file")
    assert language.cues("amount") == ()
    assert language.beyond("still working at 74") is None
