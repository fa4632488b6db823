"""Question -> ranked knowledge-base entries, with a calibrated confidence.

Two signals, combined:

- phrase similarity: the question against each entry's question and alternates, as an
  IDF-weighted token overlap (F1) blended with rapidfuzz's token_sort_ratio, which
  forgives word order and small spelling slips the speller did not catch;
- BM25 from an in-memory SQLite FTS5 index over each entry's phrases and answer, which
  finds paraphrases that share words with the answer rather than the alternates.

Both sides are normalized by vested.text (401k spellings, domain synonyms, stemming) and
misspelt words are repaired against the knowledge base's own vocabulary first. The index
is built once per process; a question costs well under a millisecond on the real base.
Above PREFILTER_ENTRIES entries, BM25 picks the candidates the phrase scorer looks at, so
the cost stays flat as the base grows.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir
from rapidfuzz import fuzz, process

from vested import text as text_module
from vested.knowledge.loader import KnowledgeBase
from vested.knowledge.models import Entry
from vested.text import STOPWORDS, content_tokens, raw_words

# Weights and cut-offs, chosen on tests/data/dev.jsonl and tests/data/paraphrases.jsonl
# (see benchmarks/README.md): the phrase signal carries most of the confidence; BM25
# breaks ties and rescues paraphrases worded like the answer.
PHRASE_WEIGHT = 0.7
BM25_WEIGHT = 0.3
FUZZ_SHARE = 0.35
SPELL_CUTOFF = 82
PREFILTER_ENTRIES = 400
PREFILTER_LIMIT = 60
CACHE_ENV = "VESTED_CACHE"  # a folder for the matcher's cache; empty turns the cache off


@dataclass(frozen=True)
class Match:
    """An entry and how well the question matched it (0 to 1)."""

    entry: Entry
    score: float
    phrase: float
    lexical: float


@dataclass(frozen=True)
class _Phrase:
    text: str
    tokens: frozenset[str]
    weight: float


@dataclass(frozen=True)
class TokenizedKnowledge:
    """Each entry's phrases and answer as normalized tokens, and the raw vocabulary.

    Normalizing every phrase is most of the cost of building a matcher, so this is cached
    on disk keyed by the knowledge base's digest and the normalizer's own source: editing
    either rebuilds it.
    """

    phrases: list[list[list[str]]]
    answers: list[list[str]]
    vocabulary: list[str]

    @classmethod
    def build(cls, entries: list[Entry]) -> TokenizedKnowledge:
        vocabulary: set[str] = set()
        phrases, answers = [], []
        for entry in entries:
            for text in [entry.question, *entry.alternates, entry.answer]:
                vocabulary.update(word for word in raw_words(text) if word.isalpha() and len(word) >= 3)
            phrases.append([content_tokens(text) for text in [entry.question, *entry.alternates]])
            answers.append(content_tokens(entry.answer))
        return cls(phrases, answers, sorted(vocabulary))


def _cache_path(kb: KnowledgeBase) -> Path | None:
    override = os.environ.get(CACHE_ENV)
    if override == "":
        return None
    normalizer = hashlib.sha256(Path(text_module.__file__).read_bytes()).hexdigest()[:12]
    directory = Path(override) if override else Path(user_cache_dir("vested"))
    return directory / f"matcher-{kb.digest}-{normalizer}.json"


def tokenized_knowledge(kb: KnowledgeBase) -> TokenizedKnowledge:
    """The tokenized knowledge base, from the cache when it is current (a miss rebuilds it)."""
    path = _cache_path(kb) if kb.digest else None
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if len(data["phrases"]) == len(kb.entries):
                return TokenizedKnowledge(data["phrases"], data["answers"], data["vocabulary"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    tokenized = TokenizedKnowledge.build(kb.entries)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = path.with_suffix(f".{os.getpid()}.tmp")
            scratch.write_text(json.dumps(asdict(tokenized)), encoding="utf-8")
            scratch.replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs the next start its time
    return tokenized


class Matcher:
    """Ranks entries for a question; build once, query many times."""

    def __init__(self, kb: KnowledgeBase, tokenized: TokenizedKnowledge | None = None):
        self.entries = list(kb.entries)
        tokenized = tokenized or tokenized_knowledge(kb)
        self._raw_vocabulary = tokenized.vocabulary
        self._raw_set = frozenset(self._raw_vocabulary)
        frequency = Counter(token for phrases in tokenized.phrases for token in {t for p in phrases for t in p})
        count = max(len(self.entries), 1)
        self._idf = {token: math.log(1 + count / seen) for token, seen in frequency.items()}
        self._unknown_idf = math.log(1 + count)
        self._by_owner: list[list[_Phrase]] = [
            [_Phrase(" ".join(tokens), frozenset(tokens), self._weight(frozenset(tokens))) for tokens in phrases]
            for phrases in tokenized.phrases
        ]
        self._index = self._build_index(tokenized)
        self.vocabulary = frozenset(self._idf)

    def _weight(self, tokens: frozenset[str]) -> float:
        return sum(self._idf.get(token, self._unknown_idf) for token in tokens)

    @staticmethod
    def _build_index(tokenized: TokenizedKnowledge) -> sqlite3.Connection:
        index = sqlite3.connect(":memory:", check_same_thread=False)
        index.execute("CREATE VIRTUAL TABLE entries USING fts5(phrases, answer)")
        index.executemany(
            "INSERT INTO entries(rowid, phrases, answer) VALUES (?, ?, ?)",
            [
                (owner, " ".join(" ".join(tokens) for tokens in phrases), " ".join(answer))
                for owner, (phrases, answer) in enumerate(zip(tokenized.phrases, tokenized.answers, strict=True))
            ],
        )
        return index

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher per process; the cache is the point
    def correct(self, word: str) -> str:
        """The knowledge base's spelling of a word it does not know, when one is close."""
        if word in self._raw_set or len(word) < 4 or not word.isalpha() or word in STOPWORDS:
            return word
        found = process.extractOne(word, self._raw_vocabulary, scorer=fuzz.ratio, score_cutoff=SPELL_CUTOFF)
        return found[0] if found else word

    def tokens(self, question: str) -> list[str]:
        """The question's content tokens, spelling repaired, as the matcher sees them."""
        return content_tokens(question, correct=self.correct)

    def known_share(self, tokens: list[str]) -> float:
        """The IDF-weighted share of the question's words that the knowledge base uses."""
        if not tokens:
            return 0.0
        known = sum(self._idf[token] for token in tokens if token in self._idf)
        return known / self._weight(frozenset(tokens)) if tokens else 0.0

    def _bm25(self, tokens: list[str], limit: int | None) -> dict[int, float]:
        terms = sorted({token for token in tokens if token in self._idf})
        if not terms:
            return {}
        query = " OR ".join(f'"{term}"' for term in terms)
        sql = (
            "SELECT rowid, -bm25(entries, 2.0, 1.0) FROM entries WHERE entries MATCH ? ORDER BY bm25(entries, 2.0, 1.0)"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = self._index.execute(sql, (query,)).fetchall()
        best = rows[0][1] if rows else 0.0
        return {rowid: score / best for rowid, score in rows} if best > 0 else {}

    def _phrase_score(self, tokens: frozenset[str], text: str, phrase: _Phrase) -> float:
        shared = tokens & phrase.tokens
        if not shared:
            overlap = 0.0
        else:
            common = self._weight(shared)
            recall = common / self._weight(tokens)
            precision = common / phrase.weight if phrase.weight else 0.0
            overlap = 2 * precision * recall / (precision + recall)
        return (1 - FUZZ_SHARE) * overlap + FUZZ_SHARE * fuzz.token_sort_ratio(text, phrase.text) / 100

    def rank(self, question: str, limit: int = 5, tokens: list[str] | None = None) -> list[Match]:
        """The best entries for the question, best first."""
        tokens = tokens if tokens is not None else self.tokens(question)
        if not tokens:
            return []
        token_set = frozenset(tokens)
        text = " ".join(tokens)
        prefilter = len(self.entries) > PREFILTER_ENTRIES
        lexical = self._bm25(tokens, PREFILTER_LIMIT if prefilter else None)
        owners = lexical.keys() if prefilter else range(len(self.entries))
        matches = []
        for owner in owners:
            phrase = max(self._phrase_score(token_set, text, p) for p in self._by_owner[owner])
            bm25 = lexical.get(owner, 0.0)
            score = PHRASE_WEIGHT * phrase + BM25_WEIGHT * bm25 * min(1.0, phrase * 2)
            matches.append(Match(self.entries[owner], round(score, 4), phrase, bm25))
        matches.sort(key=lambda match: -match.score)
        return matches[:limit]
