"""`vested kb check`: everything that can be verified about the knowledge base.

Beyond the schema (enforced while loading) it checks the links between files: related
ids and calculators exist, every citation points at a real source, section and paragraph,
every quote is verbatim in its paragraph, no answer copies a run of words from a source,
and every paragraph of substance in the sources is cited somewhere (coverage).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from vested.knowledge.loader import KnowledgeBase, Problem, line_of
from vested.knowledge.source_text import SourceText, normalize_space, read_source

COPY_RUN_WORDS = 10
_WORD = re.compile(r"[a-z0-9$%½]+(?:[.,'’][a-z0-9]+)*")


def load_source_texts(kb: KnowledgeBase, directory: Path) -> dict[str, SourceText]:
    """Each document source split into sections, for those whose file is in directory."""
    texts: dict[str, SourceText] = {}
    for source in kb.sources.values():
        if source.file and (directory / source.file).is_file():
            texts[source.id] = read_source(directory, source.file, source.headings)
    return texts


@dataclass(frozen=True)
class Coverage:
    """Which entries cite each paragraph of each document source."""

    cited: dict[tuple[str, str, int], list[str]]
    skipped: dict[tuple[str, str, int], str]

    def uncovered(self, texts: dict[str, SourceText]) -> list[tuple[str, str, int]]:
        missing = []
        for source_id, text in texts.items():
            for section, paragraphs in text.sections.items():
                for number in range(1, len(paragraphs) + 1):
                    key = (source_id, section, number)
                    if key not in self.cited and key not in self.skipped:
                        missing.append(key)
        return missing


def coverage(kb: KnowledgeBase) -> Coverage:
    cited: dict[tuple[str, str, int], list[str]] = {}
    for entry in kb.entries:
        for citation in entry.citations:
            if citation.paragraph is not None:
                key = (citation.source, citation.section, citation.paragraph)
                if entry.id not in cited.setdefault(key, []):
                    cited[key].append(entry.id)
    skipped = {
        (source.id, skip.section, skip.paragraph): skip.reason
        for source in kb.sources.values()
        for skip in source.skipped
    }
    return Coverage(cited, skipped)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _runs(words: list[str], size: int) -> Iterable[tuple[str, ...]]:
    return (tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def check_knowledge_base(
    kb: KnowledgeBase, texts: dict[str, SourceText] | None = None, calculators: Iterable[str] = ()
) -> list[Problem]:
    """All problems found; an empty list means the knowledge base is sound."""
    texts = texts or {}
    known_calculators = set(calculators)
    problems: list[Problem] = []
    source_runs = {
        run
        for text in texts.values()
        for paragraphs in text.sections.values()
        for paragraph in paragraphs
        for run in _runs(_words(paragraph), COPY_RUN_WORDS)
    }

    for entry in kb.entries:
        file = kb.entry_files.get(entry.id, "knowledge")
        raw = (kb.root / "faq" / Path(file).name).read_text(encoding="utf-8") if "faq/" in file else ""
        line = line_of(raw, rf'^id\s*=\s*"{re.escape(entry.id)}"') if raw else None

        def report(message: str, *, _file: str = file, _line: int | None = line, _id: str = entry.id):
            problems.append(Problem(_file, message, _line, _id))

        for related in entry.related:
            if related not in kb.by_id:
                report(f"related id {related!r} does not exist")
        if entry.calculator and known_calculators and entry.calculator not in known_calculators:
            report(f"calculator {entry.calculator!r} does not exist")
        copied = next((run for run in _runs(_words(entry.answer), COPY_RUN_WORDS) if run in source_runs), None)
        if copied:
            report(f"answer copies a source word for word: {' '.join(copied)!r}; say it in our own words")
        for number, citation in enumerate(entry.citations, start=1):
            label = f"citation {number}"
            source = kb.sources.get(citation.source)
            if source is None:
                report(f"{label}: unknown source {citation.source!r}")
                continue
            if source.kind == "reference":
                continue
            if citation.section not in source.headings:
                report(f"{label}: section {citation.section!r} is not a heading of {source.id}")
                continue
            if citation.paragraph is None:
                report(f"{label}: a citation of a document needs a paragraph number")
                continue
            if not citation.quote:
                report(f"{label}: a citation of a document needs a quote")
            text = texts.get(source.id)
            if text is None:
                continue
            paragraph = text.paragraph(citation.section, citation.paragraph)
            if paragraph is None:
                count = len(text.sections.get(citation.section, []))
                report(f"{label}: {source.id} '{citation.section}' has {count} paragraphs, not {citation.paragraph}")
            elif normalize_space(citation.quote) not in normalize_space(paragraph):
                where = f"{source.id} '{citation.section}' paragraph {citation.paragraph}"
                report(f"{label}: quote not found in {where}: {citation.quote!r}")

    if texts:
        for source_id, section, number in coverage(kb).uncovered(texts):
            problems.append(
                Problem(
                    "knowledge/COVERAGE.md",
                    f"{source_id} '{section}' paragraph {number} is cited by no entry and not listed as skipped",
                )
            )
    return problems
