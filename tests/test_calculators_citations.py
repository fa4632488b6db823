"""Every citation a calculator can emit points at a real passage that says what is quoted."""

from __future__ import annotations

from importlib import import_module

import pytest

from tests.calculator_fixtures import SAMPLES, compute
from vested.calculate import _MODULES
from vested.knowledge.check import load_source_texts
from vested.knowledge.models import MAX_QUOTE_WORDS, Citation
from vested.knowledge.source_text import normalize_space


def _declared() -> list[Citation]:
    """The Citation constants each calculator module declares."""
    found = []
    for module_name in _MODULES:
        module = import_module(f"vested.calculate.{module_name}")
        found.extend(value for value in vars(module).values() if isinstance(value, Citation))
    return found


def _emitted() -> list[Citation]:
    return [
        citation for name, samples in SAMPLES.items() for raw in samples for citation in compute(name, **raw).citations
    ]


ALL = list(dict.fromkeys([*_declared(), *_emitted()]))


def test_every_calculator_cites_a_seed_document(kb):
    for name, samples in SAMPLES.items():
        for raw in samples:
            kinds = {kb.sources[citation.source].kind for citation in compute(name, **raw).citations}
            assert "document" in kinds, (name, raw)


@pytest.mark.parametrize("citation", ALL, ids=lambda c: f"{c.source}|{c.section}|{c.paragraph}|{c.quote[:30]}")
def test_citation_points_at_a_real_source_section_and_paragraph(kb, citation):
    source = kb.sources.get(citation.source)
    assert source is not None, f"unknown source {citation.source}"
    if source.kind == "reference":
        assert citation.paragraph is None and not citation.quote
        return
    assert citation.section in source.headings
    assert citation.paragraph is not None
    assert citation.quote and len(citation.quote.split()) <= MAX_QUOTE_WORDS


@pytest.mark.parametrize(
    "citation",
    [citation for citation in ALL if citation.quote],
    ids=lambda c: f"{c.source}|{c.section}|{c.paragraph}|{c.quote[:30]}",
)
def test_quote_is_verbatim_in_its_paragraph(kb, seeds, citation):
    texts = load_source_texts(kb, seeds)
    paragraph = texts[citation.source].paragraph(citation.section, citation.paragraph)
    assert paragraph is not None, "no such paragraph"
    assert normalize_space(citation.quote) in normalize_space(paragraph)


def test_figure_notices_are_cited_for_limits(kb):
    for year in kb.figures.years:
        result = compute("contribution_limit", age=55, year=year)
        notice = kb.figures.limits_for(year).notice
        assert notice in {citation.source for citation in result.citations}
        assert kb.sources[notice].kind == "reference"


def test_calculators_are_known_to_kb_check(kb):
    from vested.calculate import registry
    from vested.knowledge.check import check_knowledge_base

    named = {entry.calculator for entry in kb.entries if entry.calculator}
    assert named <= set(registry())
    problems = check_knowledge_base(kb, calculators=registry())
    assert not [problem for problem in problems if "calculator" in problem.message]


def test_calculation_prose_never_copies_a_run_of_seed_words(kb, seeds):
    from vested.calculate.present import result_markdown
    from vested.knowledge.check import COPY_RUN_WORDS, _runs, _words

    texts = load_source_texts(kb, seeds)
    seed_runs = {
        run
        for text in texts.values()
        for paragraphs in text.sections.values()
        for paragraph in paragraphs
        for run in _runs(_words(paragraph), COPY_RUN_WORDS)
    }
    for name, samples in SAMPLES.items():
        for raw in samples:
            prose = result_markdown(compute(name, **raw))
            copied = [" ".join(run) for run in _runs(_words(prose), COPY_RUN_WORDS) if run in seed_runs]
            assert not copied, (name, copied)
