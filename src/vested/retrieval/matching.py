"""Question -> ranked knowledge-base entries, with a calibrated confidence.

Four signals, combined:

- phrase similarity: the question against each entry's question and alternates, as an
  IDF-weighted token overlap (F1) blended with rapidfuzz's token_sort_ratio, which
  forgives word order and small spelling slips the speller did not catch;
- BM25 from an in-memory SQLite FTS5 index over each entry's phrases and answer, which
  finds paraphrases that share words with the answer rather than the alternates;
- a naive Bayes posterior trained on all of an entry's phrases at once (its answer counts
  a little). Phrase similarity asks "which single alternate is closest?"; the classifier
  asks "which entry's phrasings, taken together, use these words?", so a question whose
  words are spread over several alternates still finds its entry;
- an averaged perceptron (vested.retrieval.perceptron), which asks the one question the others do
  not: which words tell this entry apart from the neighbour it is confused with.

Both sides are normalized by vested.understanding.text (401k spellings, domain synonyms, stemming) and
misspelt words are repaired against the knowledge base's own vocabulary first (a real English
word is no typo: vested.retrieval.english). The index of
the shipped knowledge base is built once and kept in the compiled knowledge
(vested.knowledge.compiled), so a start-up loads it instead of building it (a second or so);
a question's matching costs two to five milliseconds of CPU on the real base (benchmarks/per_question.py).
Above PREFILTER_ENTRIES entries, BM25 picks the candidates the phrase scorer looks at, so
the cost stays flat as the base grows; the perceptron, whose training grows with entries
times phrasings, is then left out.
"""

from __future__ import annotations

import math
import re
import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property, lru_cache
from itertools import repeat
from operator import add
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from vested.knowledge import compiled
from vested.knowledge.loader import KnowledgeBase, shipped_knowledge_base
from vested.knowledge.models import Entry
from vested.retrieval import perceptron
from vested.retrieval.english import english_words
from vested.retrieval.packed import PackedTable
from vested.understanding.reading import Reading
from vested.understanding.text import Normalized, content_tokens, knows, normalize, raw_words, stem, stopwords

# Weights and cut-offs, chosen on tests/data/dev.jsonl and tests/data/paraphrases.jsonl
# (see benchmarks/README.md): the phrase signal carries most of the confidence; BM25
# breaks ties and rescues paraphrases worded like the answer.
PHRASE_WEIGHT = 0.7
BM25_WEIGHT = 0.3
FUZZ_SHARE = 0.35
FUZZ_FLOOR = 50  # token_sort_ratio below this adds nothing worth the time to score
# The classifier's share of the final score, its smoothing, and how much an answer's words
# count next to a phrasing's; chosen by hiding a third of the alternates in turn and
# matching them (the "hidden alternates" table of benchmarks/matching.py), then checked on
# the paraphrase set. The optimum is flat: nearby values move either measure by under a point.
CLASSIFIER_SHARE = 0.45
SMOOTHING = 0.2
# Each word's vote in the classifier is scaled by its IDF to this power (normalized to a mean
# of 1), so a word many entries use ("old", "month", "money") sways the posterior less than
# one few use ("hce", "creditor"). 0.25 raised top-1 on the paraphrases by a point and held
# the probes and hidden alternates; 0.5 and above started to cost the probes.
WORD_WEIGHT_POWER = 0.25
ANSWER_COUNT = 0.3
# The perceptron's share of the final score, chosen on the hidden alternates like the
# classifier's: 0.15 to 0.3 score within 0.2 point of each other there, 0.2 the best of them
# (0.1 loses 0.3 point); on the paraphrase set the same range gives 95.1% to 96.3%.
PERCEPTRON_SHARE = 0.2
SPELL_CUTOFF = 82
SPELL_MIN_LENGTH = 5  # shorter words are too often real words one letter off a domain word ("blow", "below")
# An entry is about one year when that year is in at least YEAR_BOUND_SHARE of its phrasings
# (the limits of 2019, of 2026, ...). A question that names a year sets the others' back by
# YEAR_MISMATCH: "the deferral ceiling for tax year 2019" is about 2019 whatever else it shares
# with this year's entry.
YEAR_BOUND_SHARE = 0.4
YEAR_MISMATCH = 0.6
UBIQUITOUS_SHARE = 0.25  # a word in more than this share of all phrases is scored lazily (see _phrase_scores)
# In a story, the sentences that ask weigh this share of an entry's score and the whole
# question the rest: the story's words (a car loan, a spouse, a job) still count, but no
# longer outvote the question. Chosen on the answer rows of shared/eval/real-dev.jsonl
# (entry right: whole question alone 60/96, 0.3 64, 0.5 59, asking sentences alone 51),
# checked on the dev-shaped sets in tests/data, where it changes nothing (benchmarks/README.md).
ASKING_WEIGHT = 0.3
PREFILTER_ENTRIES = 400
PREFILTER_LIMIT = 60


class Match(NamedTuple):
    """An entry and how well the question matched it (0 to 1).

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    entry: Entry
    score: float
    phrase: float
    lexical: float


class TokenizedKnowledge(NamedTuple):
    """Each entry's phrases and answer as normalized tokens, the raw vocabulary and the perceptron's votes.

    Normalizing every phrase and training the perceptron are most of the cost of building a
    matcher: the shipped knowledge base's are built once, in the compiled knowledge.
    """

    phrases: list[list[list[str]]]
    answers: list[list[str]]
    vocabulary: list[str]
    votes: perceptron.WordVotes
    repaired: dict[str, str]  # the alternates' words taken for typos, each with the word it was read as

    @classmethod
    def build(cls, entries: list[Entry]) -> TokenizedKnowledge:
        """Tokenize every entry; misspellings planted in alternates are repaired, not learnt.

        Alternates include typos on purpose ("contibution") so people who type them are
        found; were those typos vocabulary, the speller would stop repairing them in
        questions. So a word only alternates use, close to a word of the questions and
        answers, is taken as a typo of it.
        """
        clean: set[str] = set()
        for entry in entries:
            for text in (entry.question, entry.answer):
                clean.update(_spellable(raw_words(text)))
        planted = {word for entry in entries for text in entry.alternates for word in _spellable(raw_words(text))}
        # The rules' own words are no typos, and nor is a real English word ("designation" is not "destination").
        suspects = sorted(word for word in planted - clean if not knows(word) and word not in english_words())
        repairs = _repairs(suspects, _by_initial(clean))

        def repair(word: str) -> str:
            return repairs.get(word, word)

        phrases, answers = [], []
        for entry in entries:
            phrases.append([content_tokens(text, correct=repair) for text in [entry.question, *entry.alternates]])
            answers.append(content_tokens(entry.answer))
        votes = perceptron.train(phrases) if len(entries) <= PREFILTER_ENTRIES else {}
        return cls(phrases, answers, sorted(clean | (planted - set(repairs))), votes, repairs)


_YEAR = re.compile(r"(?:19|20)\d\d")  # a format parser: a year token; tests/test_format_parsers.py


def _bound_year(phrases: list[list[str]]) -> str | None:
    """The year an entry is about, when its phrasings keep naming the same one."""
    counts = Counter(token for phrase in phrases for token in set(phrase) if _YEAR.fullmatch(token))
    if not counts:
        return None
    year, seen = counts.most_common(1)[0]
    return year if seen >= YEAR_BOUND_SHARE * len(phrases) else None


def _spellable(words: list[str]) -> list[str]:
    return [word for word in words if word.isalpha() and len(word) >= 3]


def _by_initial(words: set[str] | list[str]) -> dict[str, list[str]]:
    """Words grouped by first letter: the only candidates a misspelling is compared with."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words):
        groups.setdefault(word[0], []).append(word)
    return groups


def _nearest(word: str, by_initial: dict[str, list[str]]) -> str | None:
    """The closest word with the same first letter, when it is close enough to be a typo.

    Typists rarely get the first letter wrong, and without the rule real words outside the
    domain turn into domain words ("playoff" into "layoff", "weather" into "whether").
    """
    found = process.extractOne(word, by_initial.get(word[0], ()), scorer=fuzz.ratio, score_cutoff=SPELL_CUTOFF)
    return found[0] if found else None


def _repairs(suspects: list[str], by_initial: dict[str, list[str]]) -> dict[str, str]:
    """Each suspect word that is a near spelling of a vocabulary word (another form of one is no typo)."""
    stems = {stem(word) for words in by_initial.values() for word in words}
    repairs = {}
    for word in suspects:
        if len(word) < SPELL_MIN_LENGTH or word in stopwords() or stem(word) in stems:
            continue
        if nearest := _nearest(word, by_initial):
            repairs[word] = nearest
    return repairs


_tokenized: dict[str, TokenizedKnowledge] = {}


def tokenized_knowledge(kb: KnowledgeBase) -> TokenizedKnowledge:
    """The knowledge base tokenized, once per process for each digest (one made in code, without a digest, each time).

    Benchmarks build a matcher and an assistant over the same base; the second build reuses the first's phrases.
    """
    if not kb.digest:
        return TokenizedKnowledge.build(kb.entries)
    if kb.digest not in _tokenized:
        _tokenized[kb.digest] = TokenizedKnowledge.build(kb.entries)
    return _tokenized[kb.digest]


def shipped_matcher() -> Matcher:
    """The matcher of the shipped knowledge base, from the compiled knowledge while no source has changed."""
    return compiled.part("matcher", lambda: Matcher(shipped_knowledge_base()))


class Matcher:
    """Ranks entries for a question; build once, query many times."""

    def __init__(self, kb: KnowledgeBase, tokenized: TokenizedKnowledge | None = None):
        self.entries = list(kb.entries)
        tokenized = tokenized or tokenized_knowledge(kb)
        self._raw_set = frozenset(tokenized.vocabulary)
        self._raw_stems = frozenset(stem(word) for word in tokenized.vocabulary)
        self._by_initial = _by_initial(tokenized.vocabulary)
        # The English words the speller would change are left as typed (vested.retrieval.english), as the
        # alternates' own reading left them (TokenizedKnowledge.build): both sides meet on the word itself.
        self._real_words = frozenset(word for word in english_words() if self._repair(word) is not None)
        frequency = Counter(token for phrases in tokenized.phrases for token in {t for p in phrases for t in p})
        count = max(len(self.entries), 1)
        self._idf = {token: math.log(1 + count / seen) for token, seen in frequency.items()}
        self._unknown_idf = math.log(1 + count)
        # Every phrase flat, with its owner; postings list the phrases each token occurs in,
        # so a question only touches the phrases it shares a word with. Phrases are kept with
        # their tokens sorted: fuzz.ratio on sorted tokens is token_sort_ratio without
        # re-sorting every phrase for every question (five times faster).
        self._phrase_sorted: list[str] = []
        self._phrase_owner: list[int] = []
        self._phrase_weight: list[float] = []
        self._owner_phrases: list[range] = []
        postings: dict[str, list[int]] = {}
        for owner, phrases in enumerate(tokenized.phrases):
            first = len(self._phrase_sorted)
            for tokens in phrases:
                unique = frozenset(tokens)
                for token in unique:
                    postings.setdefault(token, []).append(len(self._phrase_sorted))
                self._phrase_sorted.append(" ".join(sorted(tokens)))
                self._phrase_owner.append(owner)
                self._phrase_weight.append(self._weight(unique))
            self._owner_phrases.append(range(first, len(self._phrase_sorted)))
        # The phrases by length, shortest first: fuzz.ratio is only worth computing for lengths near the question's.
        self._by_length = sorted(range(len(self._phrase_sorted)), key=lambda phrase: len(self._phrase_sorted[phrase]))
        self._lengths = [len(self._phrase_sorted[phrase]) for phrase in self._by_length]
        self._texts_by_length = [self._phrase_sorted[phrase] for phrase in self._by_length]
        self._entry_year = [_bound_year(phrases) for phrases in tokenized.phrases]
        # The ubiquitous words' phrases as sets: a question's shared phrases are looked up in them.
        self._ubiquitous = {
            token: set(phrases)
            for token, phrases in postings.items()
            if len(phrases) > UBIQUITOUS_SHARE * len(self._phrase_sorted)
        }
        self._postings = PackedTable(postings)
        # A large base asks FTS5 for its best candidates at every question (_bm25_candidates); a small one
        # only needs each term's BM25 shares, asked of FTS5 here once for every word of the phrases and
        # kept by word: asking FTS5 for a word a question brings first was about 0.1 ms of a question
        # (the median question of tests/data/paraphrases.jsonl, asked once, brings one; session 19).
        index = self._build_index(tokenized)
        large = len(self.entries) > PREFILTER_ENTRIES
        self._index: sqlite3.Connection | None = index if large else None
        self._term_shares = PackedTable({} if large else _term_shares(index, self._idf))
        self._term_rows: dict[str, list[float]] = {}  # _term_row's, filled as questions come
        self.vocabulary = frozenset(self._idf)
        self._classifier = NaiveBayes(tokenized)
        self._votes = PackedTable(tokenized.votes)
        self._vote_rows: dict[str, list[float]] = {}  # _perceptron_posterior's, filled as questions come

    @cached_property
    def _phrase_tokens(self) -> list[frozenset[str]]:
        """Each phrase's tokens as a set, for a large base's candidates: made from the phrases' sorted
        texts when first needed, not kept in the compiled knowledge (4,000 sets took 2 ms to unpickle
        at every start, for a base that never uses them)."""
        return [frozenset(text.split()) for text in self._phrase_sorted]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with a large base's BM25 index as the bytes of the SQLite database (the compiled knowledge
        keeps it), without the BM25 term rows and vote rows kept so far (they are made again as questions come)."""
        index = self._index.serialize() if self._index is not None else None
        return {**vars(self), "_index": index, "_term_rows": {}, "_vote_rows": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        index = None
        if state["_index"] is not None:
            index = sqlite3.connect(":memory:", check_same_thread=False)
            index.deserialize(state["_index"])
        vars(self).update(state, _index=index)

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
        index.commit()  # FTS5 writes its index out on commit: a serialized copy (__getstate__) needs it there
        return index

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher per process; the cache is the point
    def correct(self, word: str) -> str:
        """The knowledge base's spelling of a word it does not know, when one is close.

        Another form of a word it knows is no typo: "crashing" stays, though only "crash" and
        "cashing" are the knowledge base's.
        """
        if word in self._real_words:
            return word
        return self._repair(word) or word

    def _repair(self, word: str) -> str | None:
        """The vocabulary word the speller takes word for a typo of, if any (its spelling alone decides)."""
        if word in self._raw_set or len(word) < SPELL_MIN_LENGTH or not word.isalpha() or word in stopwords():
            return None
        if stem(word) in self._raw_stems:
            return None
        return _nearest(word, self._by_initial)

    def tokens(self, question: str) -> list[str]:
        """The question's content tokens, spelling repaired, as the matcher sees them."""
        return content_tokens(question, correct=self.correct)

    def normalize(self, question: str) -> Normalized:
        """The question's tokens as `tokens` gives them, with the concepts the phrase rules recognised.

        A story's texts are normalized more than once as it is answered (its asking sentences by the
        Reading, then again by the scope rules): each text is normalized once, and each caller is
        handed its own list of the tokens.
        """
        normalized = self._normalized(question)
        return normalized._replace(tokens=list(normalized.tokens))

    @lru_cache(maxsize=64)  # noqa: B019 - one matcher per process; the cache is the point
    def _normalized(self, question: str) -> Normalized:
        return normalize(question, correct=self.correct)

    def known_share(self, tokens: list[str]) -> float:
        """The IDF-weighted share of the question's words that the knowledge base uses."""
        if not tokens:
            return 0.0
        known = sum(self._idf[token] for token in tokens if token in self._idf)
        return known / self._weight(frozenset(tokens))

    def _bm25(self, tokens: list[str]) -> list[float]:
        """Each entry's BM25 score for the tokens over the best one's; 0.0 for an entry FTS5 does not find.

        BM25 is a sum over the query's terms, each term's share depending on that term and the
        entry alone, and FTS5 adds the shares in the order of the terms. So each term's shares,
        asked of FTS5 when the matcher was built, are made a row over every entry (_term_row)
        and the rows added here column by column in the same order: the same floats as one
        query over all the terms. An entry a term is not in adds 0.0 to its sum, leaving it as it is.
        """
        terms = sorted({token for token in tokens if token in self._idf})
        if not terms:
            return [0.0] * len(self.entries)
        totals = self._term_row(terms[0])
        for term in terms[1:]:
            totals = list(map(add, totals, self._term_row(term)))
        best = max(totals)
        return [total / best for total in totals] if best > 0 else [0.0] * len(self.entries)

    def _bm25_candidates(self, tokens: list[str], limit: int) -> dict[int, float]:
        """A large base's limit entries FTS5 ranks best for the tokens, each one's BM25 score over the best one's."""
        terms = sorted({token for token in tokens if token in self._idf})
        if not terms:
            return {}
        query = " OR ".join(f'"{term}"' for term in terms)
        sql = "SELECT rowid, -bm25(entries, 2.0, 1.0) FROM entries WHERE entries MATCH ?"
        assert self._index is not None, "a large base keeps its index"
        rows = self._index.execute(f"{sql} ORDER BY bm25(entries, 2.0, 1.0) LIMIT {int(limit)}", (query,))
        totals = dict(rows.fetchall())
        best = max(totals.values(), default=0.0)
        return {rowid: score / best for rowid, score in totals.items()} if best > 0 else {}

    def _term_row(self, term: str) -> list[float]:
        """The term's share of BM25 in every entry (0.0 where it is not found), made on first use and kept."""
        row = self._term_rows.get(term)
        if row is None:
            row = self._term_rows[term] = [0.0] * len(self.entries)
            for rowid, share in self._term_shares.get(term, {}).items():
                row[rowid] = share
        return row

    def _perceptron_posterior(self, tokens: list[str], owners: range | list[int]) -> list[float]:
        """The perceptron's posterior over owners; over every entry from each word's votes as a row,
        made on the word's first use and kept (perceptron.posterior_of_rows)."""
        if not (isinstance(owners, range) and len(owners) == len(self.entries)):
            return perceptron.posterior(self._votes, tokens, owners)
        rows = []
        for word in set(tokens):  # the order perceptron.posterior adds the words in
            dense = self._vote_rows.get(word)
            if dense is None:
                word_votes = self._votes.get(word)
                dense = self._vote_rows[word] = perceptron.row(word_votes, len(self.entries)) if word_votes else []
            if dense:  # a word that casts no vote has no row
                rows.append(dense)
        return perceptron.posterior_of_rows(rows, len(self.entries))

    def _phrase_scores(self, tokens: frozenset[str], text: str, owners: range | list[int]) -> list[float]:
        """Each owner's best phrase: IDF-weighted F1 of shared words, blended with fuzz.

        Only phrases that share a word with the question (found through the postings) or
        that rapidfuzz rates at least FUZZ_FLOOR are scored; any other phrase is too far
        from the question to be an entry's best. text is the question's tokens, sorted.

        A long question shares words with a thousand phrases or more: each word's weight is
        added to its phrases by map() and dict.update, in C, in the order a loop would add
        them (the same floats, in two thirds of the time); a loop over the scored phrases
        measured faster than doing the rest with map().
        """
        whole = isinstance(owners, range) and len(owners) == len(self.entries)
        shared: dict[int, float] = {}
        if whole:
            # A word in a quarter of all phrases ("401k") is added only to phrases that share a
            # rarer word too: a phrase sharing nothing else scores too little to be an entry's best.
            known = [token for token in tokens if token in self._idf]
            rare = [token for token in known if token not in self._ubiquitous]
            for token in rare or known:
                _add_weight(shared, self._postings[token], self._idf[token])
            for token in set(known) - set(rare) if rare else ():  # found in C, over the fewer of the two
                _add_weight(shared, list(shared.keys() & self._ubiquitous[token]), self._idf[token])
            # fuzz.ratio is 200 * common characters / (both lengths), so it cannot reach
            # FUZZ_FLOOR unless the lengths do: only the phrases of those lengths are compared.
            length = len(text)
            lowest = -(-FUZZ_FLOOR * length // (200 - FUZZ_FLOOR))
            highest = (200 - FUZZ_FLOOR) * length // FUZZ_FLOOR
            first = bisect_left(self._lengths, lowest)
            candidates, texts = self._by_length, self._texts_by_length[first : bisect_right(self._lengths, highest)]
        else:  # a large base: the candidates are few, the postings long
            first, candidates = 0, [phrase for owner in owners for phrase in self._owner_phrases[owner]]
            for phrase in candidates:
                common = tokens & self._phrase_tokens[phrase]
                if common:
                    shared[phrase] = sum(self._idf[token] for token in common)
            texts = [self._phrase_sorted[phrase] for phrase in candidates]
        # The F1 of precision common/phrase weight and recall common/question weight is
        # 2 * common / (question weight + phrase weight): one division per phrase, to which the
        # fuzz share of a phrase rapidfuzz rates is added; a phrase close in spelling with not
        # one word in common scores its fuzz share alone. Each phrase's score goes straight to
        # its owner's best, in one pass over the shared phrases (no dict of every phrase's
        # score: 0.26 -> 0.23 ms a short question, 0.34 -> 0.26 a story; session 19).
        question_weight, phrase_weight, phrase_owner = self._weight(tokens), self._phrase_weight, self._phrase_owner
        overlap_share, fuzz_share = 2 * (1 - FUZZ_SHARE), FUZZ_SHARE / 100
        close = {
            candidates[first + position]: fuzz_share * ratio  # texts are candidates[first:]
            for _, ratio, position in process.extract(
                text, texts, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZ_FLOOR
            )
        }
        best = [0.0] * len(self.entries)
        for phrase, overlap in shared.items():
            score = overlap_share * overlap / (question_weight + phrase_weight[phrase])
            if phrase in close:
                score += close.pop(phrase)
            owner = phrase_owner[phrase]
            if score > best[owner]:
                best[owner] = score
        for phrase, score in close.items():  # the phrases sharing no word
            owner = phrase_owner[phrase]
            if score > best[owner]:
                best[owner] = score
        return best if whole else [best[owner] for owner in owners]

    def _scores(self, tokens: list[str], passed_over: frozenset[int] = frozenset()) -> _Scores:
        """Every candidate entry's score for the tokens (not yet rounded), its phrase and BM25 signals beside it.

        The entries passed_over (positions) do not apply to the question: they score nothing and
        the classifier's and perceptron's shares of belief are spread over the others only.
        """
        token_set = frozenset(tokens)
        text = " ".join(sorted(tokens))  # as the phrases are kept: see __init__
        prefilter = len(self.entries) > PREFILTER_ENTRIES
        owners: range | list[int]
        if prefilter:
            candidates = self._bm25_candidates(tokens, PREFILTER_LIMIT)
            owners, lexical = list(candidates), list(candidates.values())
        else:
            owners, lexical = range(len(self.entries)), self._bm25(tokens)
        posterior = _without(self._classifier.posterior(tokens, owners), owners, passed_over)
        votes = _without(self._perceptron_posterior(tokens, owners), owners, passed_over)
        voted = PERCEPTRON_SHARE if self._votes else 0.0  # a large base has no perceptron
        phrases = self._phrase_scores(token_set, text, owners)
        hybrid_share, unvoted = 1 - CLASSIFIER_SHARE, 1 - voted
        # Each entry's blend in one comprehension (a loop with its branches measured slower; session 19).
        # An entry BM25 did not find gets 0.0 from it: the hybrid + 0.0 is the hybrid's float.
        scores = [
            unvoted
            * (
                hybrid_share * (PHRASE_WEIGHT * phrase + BM25_WEIGHT * bm25 * (phrase * 2 if phrase < 0.5 else 1.0))
                + CLASSIFIER_SHARE * belief
            )
            + voted * vote
            for bm25, belief, vote, phrase in zip(lexical, posterior, votes, phrases, strict=True)
        ]
        if years := {token for token in tokens if _YEAR.fullmatch(token)}:
            for position, owner in enumerate(owners):
                if (bound := self._entry_year[owner]) and bound not in years:
                    scores[position] *= YEAR_MISMATCH
        if passed_over:
            for position, owner in enumerate(owners):
                if owner in passed_over:
                    scores[position] = 0.0
        return _Scores(owners, scores, phrases, lexical)

    def _matches(self, scored: _Scores, best: list[tuple[int, float]]) -> list[Match]:
        """Matches of scored's owners at the positions given, with their rounded scores.

        Only these few are made into Matches: a question ranks every entry, twice for a story,
        and building a Match for each was a tenth of the question's cost.
        """
        owners = scored.owners
        return [Match(self.entries[owners[at]], score, scored.phrases[at], scored.lexical[at]) for at, score in best]

    def rank(
        self,
        question: str,
        limit: int = 5,
        tokens: list[str] | None = None,
        passed_over: frozenset[int] = frozenset(),
    ) -> list[Match]:
        """The best entries for the question, best first; those passed_over (positions) score nothing."""
        tokens = tokens if tokens is not None else self.tokens(question)
        if not tokens:
            return []
        scored = self._scores(tokens, passed_over)
        return self._matches(scored, _best_rounded(scored.scores, limit))

    def rank_reading(self, reading: Reading, limit: int = 5, passed_over: frozenset[int] = frozenset()) -> list[Match]:
        """The best entries for a Reading: in a story, its focus (the sentences that ask) weighs ASKING_WEIGHT.

        Ties in the blend keep the order of the whole question's ranking.
        """
        whole = list(reading.tokens)
        if reading.focus_tokens == reading.tokens or not reading.focus_tokens:
            return self.rank(reading.text, limit, whole, passed_over)
        if not whole:
            return []
        by_whole = self._scores(whole, passed_over)
        by_asking = self._scores(list(reading.focus_tokens), passed_over)
        whole_scores = _all_rounded(by_whole.scores)
        asking = dict(zip(by_asking.owners, _all_rounded(by_asking.scores), strict=True))
        blended = _all_rounded(
            [
                (1 - ASKING_WEIGHT) * score + ASKING_WEIGHT * asking.get(owner, 0.0)
                for owner, score in zip(by_whole.owners, whole_scores, strict=True)
            ]
        )
        negated = [-score for score in whole_scores]
        by_whole_rank = sorted(range(len(negated)), key=negated.__getitem__)
        negated = [-score for score in blended]
        best = sorted(by_whole_rank, key=negated.__getitem__)[:limit]
        return self._matches(by_whole, [(at, blended[at]) for at in best])


def _best_rounded(scores: list[float], limit: int) -> list[tuple[int, float]]:
    """The limit best positions by score rounded to 4 digits, ties in their own order, with the rounded scores.

    Rounding never reverses two scores, only makes some equal; so the scores in order, best
    first, are also in order rounded, and only the scores that can reach the limit are rounded
    (rounding every entry's was a twentieth of a question's matching): each run of equal rounded
    scores is then put back in the positions' order, as a sort of the rounded scores would leave it.
    """
    by_score = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)  # stable: ties by position
    best: list[tuple[int, float]] = []
    start = 0
    while start < len(by_score) and len(best) < limit:
        rounded = _rounded(scores[by_score[start]])
        end = start + 1
        while end < len(by_score) and _rounded(scores[by_score[end]]) == rounded:
            end += 1
        best += [(at, rounded) for at in sorted(by_score[start:end])]
        start = end
    return best[:limit]


# 1.5 * 2**52: a float from 0 to 2**51 plus this lands where the floats are whole numbers, so the sum is
# that float rounded to a whole number, and taking this off again is exact (no int is made, as round() makes).
_TO_WHOLE = 6755399441055744.0


def _rounded(score: float) -> float:
    """round(score, 4) for a score from 0 to 1, the same float in less than half the time (the matcher
    rounds every entry's score, a tenth of a question's matching).

    round() finds the decimal nearest the float's exact value; score * 10000 is within a
    billionth of that value times 10000, so unless it lies that close to a half, the whole number
    nearest it is the decimal's digits, and dividing by 10000 (both exact) gives the float
    nearest that decimal, as round() does. A score that close to a half is left to round().
    """
    scaled = score * 10000
    nearest = scaled + _TO_WHOLE - _TO_WHOLE
    if 0.0 <= scaled < 1e8 and abs(scaled - nearest) < 0.4999999:
        return nearest / 10000
    return round(score, 4)


def _all_rounded(scores: list[float]) -> list[float]:
    """_rounded of each score, in one comprehension: a story's ranking rounds three scores for every
    entry, and a call for each was a fifth to a third of the cost of rounding them."""
    return [
        nearest / 10000 if 0.0 <= scaled < 1e8 and abs(scaled - nearest) < 0.4999999 else round(score, 4)
        for score in scores
        for scaled in (score * 10000,)
        for nearest in (scaled + _TO_WHOLE - _TO_WHOLE,)
    ]


def _without(shares: list[float], owners: range | list[int], passed_over: frozenset[int]) -> list[float]:
    """Shares of belief over owners, those of passed_over removed and the rest scaled back to a sum of 1."""
    if not passed_over:
        return shares
    if owners == range(len(shares)):  # every entry: each one passed over is zeroed in its own place
        kept = list(shares)
        for owner in passed_over:
            kept[owner] = 0.0
    else:
        kept = [0.0 if owner in passed_over else share for owner, share in zip(owners, shares, strict=True)]
    total = sum(kept)
    return [share / total for share in kept] if total > 0 else kept


def _term_shares(index: sqlite3.Connection, terms: Iterable[str]) -> dict[str, dict[int, float]]:
    """Each term's share of BM25 in each entry that has it, as FTS5 gives it for the term alone."""
    sql = "SELECT rowid, -bm25(entries, 2.0, 1.0) FROM entries WHERE entries MATCH ?"
    return {term: dict(index.execute(sql, (f'"{term}"',)).fetchall()) for term in terms}


def _add_weight(shared: dict[int, float], phrases: list[int], weight: float) -> None:
    """shared[phrase] += weight for each phrase (starting from 0), in C: map reads, update writes.

    The phrases are distinct, so no phrase is read after it was written. Into an empty dict
    (the question's first word) the weight goes as it is: 0.0 + weight is weight.
    """
    if not shared:
        shared.update(zip(phrases, repeat(weight)))
        return
    shared.update(zip(phrases, map(add, map(shared.get, phrases, repeat(0.0)), repeat(weight)), strict=True))


class _Scores(NamedTuple):
    """Matcher._scores: the entries a question was scored against (positions in Matcher.entries),
    each one's score, phrase signal and BM25 signal (0.0 where BM25 found nothing), by position."""

    owners: range | list[int]
    scores: list[float]
    phrases: list[float]
    lexical: list[float]


class NaiveBayes:
    """A multinomial naive Bayes classifier over entries, trained on their phrasings.

    Each phrasing counts each of its words once; the answer's words count ANSWER_COUNT
    (answers are long and would otherwise drown the phrasings). Words no entry uses are
    ignored, so an unknown word neither helps nor hurts any entry. A word's vote is weighted
    by how few entries use it (WORD_WEIGHT_POWER), so the incidental words of a long story
    ("last month", "my old credit card") do not outvote the one that names the topic.
    """

    def __init__(self, tokenized: TokenizedKnowledge):
        counts: list[defaultdict[str, float]] = []
        for phrases, answer in zip(tokenized.phrases, tokenized.answers, strict=True):
            count: defaultdict[str, float] = defaultdict(float)
            for phrase in phrases:
                for token in set(phrase):
                    count[token] += 1
            for token in set(answer):
                count[token] += ANSWER_COUNT
            counts.append(count)
        vocabulary = {token for count in counts for token in count}
        self._weights = _word_weights(tokenized.phrases)
        denominators = [sum(count.values()) + SMOOTHING * len(vocabulary) for count in counts]
        self._unseen = [math.log(SMOOTHING / denominator) for denominator in denominators]
        # Each word's log odds under the entries that use it, already multiplied by the word's weight:
        # a question looks up its words, so they are kept by word (vested.retrieval.packed).
        log_odds: dict[str, dict[int, float]] = {}
        for entry, (count, denominator) in enumerate(zip(counts, denominators, strict=True)):
            for token, seen in count.items():
                weighted = self._weights.get(token, 1.0) * math.log((seen + SMOOTHING) / denominator)
                log_odds.setdefault(token, {})[entry] = weighted
        self._log_odds = PackedTable(log_odds)
        self._rows: dict[str, list[float]] = {}

    def _row(self, token: str) -> list[float]:
        """The word's weighted log odds under every entry, made on first use and kept: the unseen odds
        for every entry, then the entries that use the word (twice as fast as a lookup per entry)."""
        row = self._rows.get(token)
        if row is None:
            weight = self._weights.get(token, 1.0)
            row = self._rows[token] = [weight * unseen for unseen in self._unseen]
            for entry, odds in self._log_odds[token].items():
                row[entry] = odds
        return row

    def posterior(self, tokens: list[str], owners: range | list[int]) -> list[float]:
        """P(entry | words) for each of owners, normalized over them (uniform prior)."""
        known = [token for token in tokens if token in self._log_odds]
        if not known or not owners:
            return [0.0 for _ in owners]
        if isinstance(owners, range) and len(owners) == len(self._unseen):
            # every entry: add up each word's row of log odds, column by column, in C
            likelihoods: list[float] = list(map(sum, zip(*(self._row(token) for token in known), strict=True)))
        else:
            votes = [(self._log_odds[token], self._weights.get(token, 1.0)) for token in known]
            likelihoods = []
            for owner in owners:
                unseen = self._unseen[owner]
                likelihoods.append(sum(seen.get(owner, weight * unseen) for seen, weight in votes))
        best = max(likelihoods)
        relative = [math.exp(value - best) for value in likelihoods]
        total = sum(relative)
        return [value / total for value in relative]


def _word_weights(phrases: list[list[list[str]]]) -> dict[str, float]:
    """IDF over entries to WORD_WEIGHT_POWER, scaled to a mean of 1 (so the smoothing keeps its meaning)."""
    seen_in = Counter(token for entry in phrases for token in {token for phrase in entry for token in phrase})
    count = max(len(phrases), 1)
    weights = {token: math.log(1 + count / seen) ** WORD_WEIGHT_POWER for token, seen in seen_in.items()}
    mean = sum(weights.values()) / len(weights) if weights else 1.0
    return {token: weight / mean for token, weight in weights.items()}
