"""Splitting a source document into sections and paragraphs.

Citations name a section heading and a paragraph number counted from 1 within it,
paragraphs being blank-line separated. Headings are listed in sources.toml rather than
guessed, because the seeds contain stray one-line blocks (navigation, "Contents") that no
heuristic tells apart from real titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_BLANK = re.compile(r"\n[ \t]*\n")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace so quotes match across line breaks and indents."""
    return " ".join(text.split())


@dataclass(frozen=True)
class SourceText:
    """A source document as {heading: [paragraph, ...]}, in file order."""

    sections: dict[str, list[str]]

    def paragraph(self, section: str, number: int) -> str | None:
        paragraphs = self.sections.get(section)
        if paragraphs is None or not 1 <= number <= len(paragraphs):
            return None
        return paragraphs[number - 1]


def split_source(text: str, headings: list[str]) -> SourceText:
    """Split text into sections at the listed headings (each a block of its own).

    A heading matches the first single-block occurrence after the previous heading, so a
    table of contents that lists headings inside one block is not mistaken for them.
    """
    blocks = [block.strip() for block in _BLANK.split(text.replace("\r\n", "\n"))]
    blocks = [block for block in blocks if block]
    sections: dict[str, list[str]] = {}
    pending = list(headings)
    current: str | None = None
    for block in blocks:
        if pending and block == pending[0]:
            current = pending.pop(0)
            sections[current] = []
        elif current is not None:
            sections[current].append(block)
    for missing in pending:
        sections.setdefault(missing, [])
    return SourceText(sections)


def read_source(directory: Path, filename: str, headings: list[str]) -> SourceText:
    return split_source((directory / filename).read_text(encoding="utf-8"), headings)
