"""Generated numeric questions: the reading recovers exactly the inputs the person stated.

tests/numeric_questions.py renders the phrasings of tests/data/numeric_phrasings.toml with
values drawn by hypothesis, in varied order and wording, with numbers outside the plan mixed
in. A figure must come from the right calculator with every stated input read as stated and
nothing else read; asking for a detail is acceptable, a confidently wrong figure never is.
benchmarks/numeric_reading.py reports the same per calculator (benchmarks/README.md).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.numeric_questions import HypothesisChooser, calculators, generate, judge, phrasings

DATA = phrasings()


@pytest.mark.parametrize("calculator", calculators())
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure reports its first example fast
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_figure_reads_exactly_the_stated_inputs(assistant, calculator, data):
    sample = generate(calculator, HypothesisChooser(data), data=DATA)
    answer = assistant.ask(sample.question)
    verdict = judge(sample, answer)
    assert verdict.outcome != "wrong figure", (
        f"{sample.question!r}: {verdict.tool} read {verdict.differences}, expected {sample.expected}"
    )


@pytest.mark.parametrize("calculator", calculators())
def test_every_calculator_has_phrasings_that_state_its_required_inputs(calculator):
    from vested.calculate import registry

    spec = DATA["calculators"][calculator]
    stated = {"formula"} if any("formula" in fact for fact in spec["facts"]) else set()
    for fact in spec["facts"]:
        stated |= set(fact.get("inputs", {})) | set(fact.get("expect", {}))
        stated |= {name for text in fact["texts"] for name in spec["slots"] if "{" + name + "}" in text}
    assert set(registry()[calculator].required_inputs()) <= stated | {"schedule"}
    assert spec["asks"]
