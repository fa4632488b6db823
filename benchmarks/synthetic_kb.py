"""A large synthetic knowledge base, for measuring how the matcher scales.

The real base has about 120 entries; the issue's target is a fast answer with 10,000. Random
strings would make that too easy (nothing would match) and copies of real entries too hard
(everything would tie), so the synthetic entries recombine the real base's own wording:
each takes a real entry's question and replaces about half of its words with words drawn
from the whole base's phrases, gets alternates remixed the same way from other real
phrases, and an answer stitched from sentences of real answers. The word frequencies, the
phrase lengths and the amount of shared vocabulary therefore look like a grown base of the
same domain. The real entries are kept, so real questions still have their right answer
among the distractors. Sources and figures are the real ones.
"""

from __future__ import annotations

import random
import re

from vested.knowledge.loader import KnowledgeBase
from vested.knowledge.models import Entry

WORD = re.compile(r"[a-z0-9][a-z0-9'()\-]*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
REPLACED_SHARE = 0.5
ALTERNATES_PER_ENTRY = 8
SENTENCES_PER_ANSWER = 4


def _remix(text: str, vocabulary: list[str], rng: random.Random) -> str:
    """The phrase with about REPLACED_SHARE of its words swapped for words of the base."""
    words = text.lower().rstrip("?").split()
    return " ".join(rng.choice(vocabulary) if rng.random() < REPLACED_SHARE else word for word in words)


def synthetic_knowledge_base(kb: KnowledgeBase, size: int = 10_000, seed: int = 401) -> KnowledgeBase:
    """The real entries plus synthetic ones up to `size` entries in all, built in memory."""
    rng = random.Random(seed)
    real = list(kb.entries)
    phrases = [phrase for entry in real for phrase in (entry.question, *entry.alternates)]
    vocabulary = sorted({word for phrase in phrases for word in WORD.findall(phrase.lower())})
    sentences = [
        sentence
        for entry in real
        for sentence in SENTENCE_END.split(" ".join(entry.answer.split()))
        if len(sentence.split()) >= 4
    ]
    entries = list(real)
    for number in range(max(size - len(real), 0)):
        template = rng.choice(real)
        entries.append(
            Entry(
                id=f"synthetic.entry-{number:05d}",
                question=_remix(template.question, vocabulary, rng) + "?",
                alternates=[_remix(rng.choice(phrases), vocabulary, rng) for _ in range(ALTERNATES_PER_ENTRY)],
                answer=" ".join(rng.sample(sentences, SENTENCES_PER_ANSWER)),
                tags=[template.topic],
                citations=[template.citations[0]],
            )
        )
    return KnowledgeBase(
        folder=kb.folder,
        entries=entries,
        sources=kb.sources,
        figures=kb.figures,
        entry_files={},
        digest=f"synthetic-{size}-{seed}",
    )
