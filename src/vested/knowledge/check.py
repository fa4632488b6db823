"""`vested kb check`: everything that can be verified about the knowledge base.

Beyond the schema (enforced while loading) it checks the links between files: related
ids and calculators exist, every citation points at a real source, section and paragraph,
every quote is verbatim in its paragraph, no answer copies a run of words from a source,
and every paragraph of substance in the sources is cited somewhere (coverage).

It also checks what an expert review once had to find by hand:

- every entry says which year its facts hold for (`as_of`);
- no answer names a source document in its body ("the 2019 FAQ", "the primer"): the user
  never saw those documents, and the citation line already names them;
- every citation of a document shares at least one content word with the answer it
  supports (a heuristic for citations that point at the wrong paragraph);
- every source the limits table and the RMD ages name is registered in sources.toml, and
  each year's row has the figures that exist from that year on.

Justified exceptions to the two text heuristics are listed, each with its reason, in
knowledge/check-allow.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from vested.knowledge.loader import KnowledgeBase, Problem, line_of
from vested.knowledge.models import STRICT, validated
from vested.knowledge.source_text import SourceText, normalize_space, read_source

COPY_RUN_WORDS = 10
ALLOW_FILE = "check-allow.toml"
_WORD = re.compile(r"[a-z0-9$%½]+(?:[.,'’][a-z0-9]+)*")

# An answer speaks of what holds, not of the documents it was drawn from.
NAMES_A_SOURCE = "names-source"
SOURCE_NAMES = re.compile(
    r"\b(?:faq-2019|guide-2025|primer-2025"
    r"|(?:19|20)\d\d\s+(?:faq|guide|primer|article|document)s?"
    r"|(?:the|this|our|that)\s+(?:faq|guide|primer|article|seed|source document)s?"
    r"|primers?"
    r"|(?:the\s+)?(?:sources?|documents?)\s+we\s+cite)\b",
    re.IGNORECASE,
)

# A citation of a document should share a content word with the answer it supports.
CITATION_MISFIT = "citation-misfit"
_CONTENT = re.compile(r"[a-z0-9$][a-z0-9$%½()]*(?:[.,'’-][a-z0-9()]+)*")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can cannot could did do does doing down during each either even every few
    for from further had has have having he her here hers him his how however i if in into is it its
    itself just least less let like may me might more most much must my neither no nor not now of off
    on once one only or other otherwise our out over own per perhaps quite rather same shall she should
    since so some such than that the their them then there these they this those though through to too
    under until up upon us very via was we were what when where whether which while who whom whose why
    will with within without would yet you your yours etc e.g i.e""".split()
)
SUFFIXES = ("ations", "ation", "ments", "ment", "ingly", "ings", "ing", "ies", "ied", "ly", "es", "ed", "ent", "s")
# Words nearly every entry uses: sharing only these says nothing about fit.
GENERIC_WORDS = frozenset(
    """401(k) 401(k)s 401k 401ks plan plans employee employees employer employers participant
    participants account accounts money fund funds contribution contributions contribute contributes
    contributed irs rule rules year years amount amounts""".split()
)


# Optional columns of the limits table, and the first year each must be given.
YEARLY_FIELDS = {"catch_up_60_63": 2025, "roth_catch_up_wages": 2026}


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


def _stem(word: str) -> str:
    """A light stemmer: enough to meet 'trusts' with 'trust' and 'changing' with 'change'."""
    word = word.strip("().,'-")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (5 if suffix == "ent" else 3):
            if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                suffix = "s"  # 'times' is 'time' plus s; 'taxes' is 'tax' plus es
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_words(text: str) -> set[str]:
    """Stemmed words that carry meaning: no stopwords, no words every entry uses."""
    words = []
    for token in _CONTENT.findall(text.lower().replace("’", "'").replace("*", "")):
        token = token.removesuffix("'s")
        words.append(token)
        if "-" in token:
            words += token.split("-")
    return {
        _stem(word)
        for word in words
        if word and word not in STOPWORDS and word not in GENERIC_WORDS and (len(word) > 2 or word[0].isdigit())
    }


def source_names(answer: str) -> list[str]:
    """Phrases in an answer that refer to a source document instead of saying what holds."""
    return [match.group(0) for match in SOURCE_NAMES.finditer(answer)]


@dataclass(frozen=True, kw_only=True)
class Allowance:
    """A justified exception to one of `kb check`'s text heuristics, with its reason."""

    __pydantic_config__ = STRICT

    entry: str
    check: Literal["names-source", "citation-misfit"]
    citation: int | None = field(default=None, metadata={"ge": 1})  # 1-based, for citation-misfit
    reason: str = field(metadata={"min_length": 10})


@dataclass(frozen=True, kw_only=True)
class AllowList:
    """knowledge/check-allow.toml."""

    __pydantic_config__ = STRICT

    allow: list[Allowance] = field(default_factory=list)


def load_allow_list(kb: KnowledgeBase) -> tuple[AllowList, list[Problem]]:
    """knowledge/check-allow.toml: the justified exceptions to the text heuristics."""
    import tomllib

    from pydantic import ValidationError

    path = kb.root / ALLOW_FILE
    if not path.is_file():
        return AllowList(), []
    try:
        return validated(AllowList, tomllib.loads(path.read_text(encoding="utf-8"))), []
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        return AllowList(), [Problem(f"knowledge/{ALLOW_FILE}", f"cannot be read: {error}")]


def _allowed(allow: AllowList, entry: str, check: str, citation: int | None = None) -> Allowance | None:
    return next(
        (
            item
            for item in allow.allow
            if item.entry == entry and item.check == check and (citation is None or item.citation == citation)
        ),
        None,
    )


def _figures_problems(kb: KnowledgeBase) -> list[Problem]:
    """The limits table and the RMD ages must name registered sources; one row a year."""
    problems = []
    seen: set[int] = set()
    for row in kb.figures.limits:
        if row.year in seen:
            problems.append(Problem("knowledge/figures.toml", f"limits for {row.year} appear twice"))
        seen.add(row.year)
        for name, first_year in YEARLY_FIELDS.items():
            if row.year >= first_year and getattr(row, name) is None:
                problems.append(
                    Problem(
                        "knowledge/figures.toml", f"limits for {row.year} lack {name} (a figure since {first_year})"
                    )
                )
        if row.notice not in kb.sources:
            problems.append(
                Problem(
                    "knowledge/figures.toml",
                    f"limits for {row.year} name notice {row.notice!r}, which sources.toml does not register",
                )
            )
    for rule in kb.figures.rmd_ages:
        if rule.source not in kb.sources:
            problems.append(
                Problem("knowledge/figures.toml", f"RMD age {rule.age} names unknown source {rule.source!r}")
            )
    if kb.figures.uniform_lifetime and kb.figures.uniform_lifetime_source not in kb.sources:
        problems.append(Problem("knowledge/figures.toml", "uniform_lifetime_source is not a registered source"))
    return problems


def _runs(words: list[str], size: int) -> Iterable[tuple[str, ...]]:
    return (tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def check_knowledge_base(
    kb: KnowledgeBase, texts: dict[str, SourceText] | None = None, calculators: Iterable[str] = ()
) -> list[Problem]:
    """All problems found; an empty list means the knowledge base is sound."""
    texts = texts or {}
    known_calculators = set(calculators)
    allow, problems = load_allow_list(kb)
    used: set[tuple[str, str, int | None]] = set()
    problems += _figures_problems(kb)
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
        if not entry.as_of:
            report("no as_of: say which year the answer's facts and figures hold for")
        names = source_names(entry.answer)
        if names and _allowed(allow, entry.id, NAMES_A_SOURCE):
            used.add((entry.id, NAMES_A_SOURCE, None))
        elif names:
            report(
                f"answer names a source document ({', '.join(repr(n) for n in names)}); say what holds and "
                "for which year: the citation line names the document"
            )
        answer_words = content_words(entry.answer)
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
            elif not content_words(citation.quote or paragraph) & answer_words:
                # The quote lies inside the paragraph, so a quote sharing no content word with the
                # answer is the narrower test; without a quote the paragraph is compared.
                if _allowed(allow, entry.id, CITATION_MISFIT, number):
                    used.add((entry.id, CITATION_MISFIT, number))
                else:
                    where = f"{source.id} '{citation.section}' paragraph {citation.paragraph}"
                    report(
                        f"{label}: {where} shares no content word with the answer; cite the paragraph that "
                        f"supports the claim, or list it in knowledge/{ALLOW_FILE} with a reason"
                    )

    for item in allow.allow:
        if item.entry not in kb.by_id:
            problems.append(Problem(f"knowledge/{ALLOW_FILE}", f"allows {item.check} for unknown entry {item.entry!r}"))
        elif texts and (item.entry, item.check, item.citation) not in used:
            problems.append(
                Problem(
                    f"knowledge/{ALLOW_FILE}",
                    f"the {item.check} exception for {item.entry} is no longer needed; remove it",
                )
            )

    if texts:
        for source_id, section, number in coverage(kb).uncovered(texts):
            problems.append(
                Problem(
                    "knowledge/COVERAGE.md",
                    f"{source_id} '{section}' paragraph {number} is cited by no entry and not listed as skipped",
                )
            )
    return problems
