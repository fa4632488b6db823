"""knowledge/calculators/*.toml: every file names a real calculator and real inputs, and every
situation a calculator does not model finds its examples and not its counter-examples (checked with
every other pattern rule in tests/test_language.py)."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from vested.calculate import registry
from vested.calculate.language import calculator_language
from vested.calculate.router import OPTIONAL_EVIDENCE, _closeness
from vested.understanding.quantities import extract_quantities

FILES = sorted((REPO / "knowledge" / "calculators").glob("*.toml"))


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_each_file_speaks_of_a_real_calculator_and_its_real_inputs(path):
    language = calculator_language(path.stem)
    spec = registry()[path.stem]
    assert language.calculator == path.stem
    assert set(language.inputs) <= set(spec.inputs.model_fields)


def test_a_calculator_without_a_file_has_no_cues_and_models_everything():
    language = calculator_language("a_calculator_with_no_file")
    assert language.cues("amount") == ()
    assert language.beyond("still working at 74") is None


CONTEXTS = [(path.stem, context) for path in FILES for context in calculator_language(path.stem).not_needed]


@pytest.mark.parametrize(("calculator", "context"), CONTEXTS, ids=[f"{n}:{c.name}" for n, c in CONTEXTS])
def test_each_number_not_needed_is_cued_in_its_examples_and_not_in_its_counter_examples(calculator, context):
    """The example's first number is the context the calculator does not need; the counter-example's is not."""

    def cued(text: str) -> bool:
        first = extract_quantities(text)[0]
        of_its_kind = not context.kinds or first.kind in context.kinds
        near = [_closeness(first, cue, past_commas=True) for cue in context.cues]
        near += [_closeness(first, cue, before_too=False, past_commas=True) for cue in context.after_cues]
        return of_its_kind and max(near) >= OPTIONAL_EVIDENCE

    assert all(cued(example) for example in context.examples)
    assert not any(cued(counter) for counter in context.counter_examples)
