"""Normalizing questions and knowledge-base phrases into comparable tokens.

Both sides of every comparison go through the same `Normalizer`, so "Can I borow from my
401(k) if I quit?" and "401k loan when leaving a job" meet on the same words: 401k
spellings unify, everyday words and phrases become the knowledge base's own, the domain's
synonyms collapse to one canonical word, and a light stemmer folds plurals and tenses.

The rules themselves are data (knowledge/language/, loaded by vested.understanding.language);
this module applies them in order: spellings, spelling repair (of the words the rules do not
name themselves), everyday phrases, phrase rules, then word by word everyday words, synonyms,
stopwords and the stemmer. It also reports
which rules fired, so each rule's examples can be checked and the scope rules can read the
concepts the phrase rules recognised rather than invented words.

The shipped normalizer is built once and kept in the compiled knowledge
(vested.knowledge.compiled): a start-up loads it, ready to apply, without reading the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from vested.knowledge import compiled
from vested.understanding.alternation import Alternation
from vested.understanding.literals import Needs, Unsupported, holds_needed, needed_strings
from vested.understanding.patterns import LazyPattern
from vested.understanding.rule_keys import STOPWORDS_KEY, TERM_SETS, rule_key

if TYPE_CHECKING:
    from vested.understanding.language import Language

Corrector = Callable[[str], str]
# What a word is, once spellings are unified: letters, digits, and the $ and % of amounts.
TOKEN = re.compile(r"[a-z0-9_$%]+")
# Which rule fired, as rule_keys.rule_key names it ("phrase:12", "synonym:3", "stopwords").
RuleKey = str


class Normalized(NamedTuple):
    """A text's content tokens, the concepts its phrase rules recognised, and every rule that fired.

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    tokens: list[str]
    concepts: frozenset[str]
    fired: frozenset[RuleKey]


_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("es", "e"), ("s", ""))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light, predictable stemmer: plurals, -ing, -ed, a final e (enough for this domain).

    Endings come off until none is left, so a stem stems to itself and a word meets its other
    forms however many endings they carry: "earnings" -> "earning" -> "earn", as "earning"
    does; "exceeded" -> "exceed" -> "exce", as "exceed" does.
    """
    while (shorter := _strip_one_ending(word)) != word:
        word = shorter
    return word


def _strip_one_ending(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            stemmed = word[: len(word) - len(suffix)] + replacement
            if suffix in {"ing", "ed"} and len(stemmed) > 2 and stemmed[-1] == stemmed[-2] not in "lsz":
                stemmed = stemmed[:-1]
            return _drop_final_e(stemmed)
    return _drop_final_e(word)


def _drop_final_e(word: str) -> str:
    """ "rebalance" and "rebalancing" must meet: a final e goes (on words over four letters)."""
    return word[:-1] if len(word) > 4 and word.endswith("e") and word[-2] != "e" else word


# A word written out in a phrase rule's regex ("simple" of "in simple terms"): letters not
# preceded by a backslash (so not the "b" of "\b"); shorter runs are regex debris ("tak" of "tak\w*").
_LITERAL_WORD = re.compile(r"(?<![\\a-z])[a-z]{4,}")


def _words_named_by(rules: Language) -> frozenset[str]:
    """Every word the rules write out: word lists and targets, everyday expressions, phrase regexes, scope terms."""
    words = list(rules.stopwords.words)
    for synonyms in rules.words.synonym:
        words += [*synonyms.variants, *synonyms.canonical.split()]
    for everyday in rules.words.everyday:
        words += [*everyday.words, *everyday.to.split()]
    for phrases in rules.phrases.everyday:
        words += [word for phrase in phrases.phrases for word in TOKEN.findall(phrase)]
    for rule in rules.phrases.phrase:
        words += _LITERAL_WORD.findall(rule.pattern)
    for name in TERM_SETS:  # "refinance" must reach the scope rules as it was typed
        words += getattr(rules.scope, name).words
    return frozenset(words)


def _needed_by(pattern: str) -> Needs:
    """The sets of strings every match of pattern holds one of each (none when not known, or when
    it can match the empty string, which every text holds)."""
    try:
        needs, shortest = needed_strings(pattern)
    except Unsupported:
        return ()
    return needs if shortest else ()


# What a Normalizer remembers as it works: not part of the rules, so not pickled with them.
_REMEMBERED = frozenset({"knows", "_spell", "_rewrite", "_word_tokens"})


class Normalizer:
    """One set of language rules, compiled for a single pass over each text."""

    def __init__(self, rules: Language):
        # Each spelling rule with the strings it cannot match without: a text is spelt by the few whose
        # strings it holds, and a rule is compiled the first time one does (vested.understanding.literals).
        self._spellings = [
            (LazyPattern(rule.pattern), _needed_by(rule.pattern), rule.to, rule_key("spelling", i))
            for i, rule in enumerate(rules.phrases.spelling)
        ]
        everyday = {
            phrase: (rule_key("everyday_phrase", i), f" {group.to} ")
            for i, group in enumerate(rules.phrases.everyday)
            for phrase in group.phrases
        }
        # Longest first, so "modified adjusted gross income" wins over "adjusted gross income".
        self._everyday_phrases = everyday
        self._everyday_alternation = Alternation(
            [rf"\b(?:{re.escape(phrase)})\b" for phrase in sorted(everyday, key=lambda p: -len(p))]
        )
        # One pass over the text: the phrase rules as one alternation, earlier rules winning ties;
        # each compiled only for the texts that hold its words (vested.understanding.alternation).
        self._phrase_alternation = Alternation([rf"\b(?:{rule.pattern})\b" for rule in rules.phrases.phrase])
        self._phrases = [(rule_key("phrase", i), f" {rule.to} ") for i, rule in enumerate(rules.phrases.phrase)]
        self._everyday_words = {
            word: (rule_key("everyday_word", i), group.to)
            for i, group in enumerate(rules.words.everyday)
            for word in group.words
        }
        # Everyday words also by stem, so "tweaking" finds "tweak" and "fluctuating" finds "fluctuate".
        self._everyday_by_stem = {stem(word): found for word, found in self._everyday_words.items()}
        self._synonyms = {
            variant: (rule_key("synonym", i), group.canonical)
            for i, group in enumerate(rules.words.synonym)
            for variant in group.variants
        }
        self.stopwords = frozenset(rules.stopwords.words)
        self._concepts = rules.concepts()
        # The words the rules name themselves and the forms of their word lists' words: the speller
        # leaves them alone (see _knows).
        self._own_words = _words_named_by(rules)
        self._own_stems = frozenset(stem(word) for word in (*self._everyday_words, *self._synonyms))
        self._remember()

    def _remember(self) -> None:
        """Remember each word's standing and tokens and each text's spelling and rewriting: a batch repeats them."""
        self.knows = lru_cache(maxsize=16384)(self._knows)
        self._spell = lru_cache(maxsize=16384)(self._spell_uncached)
        self._rewrite = lru_cache(maxsize=16384)(self._rewrite_uncached)
        self._word_tokens = lru_cache(maxsize=16384)(self._word_tokens_uncached)

    def __getstate__(self) -> dict[str, Any]:
        """The rules as compiled, without what was remembered (the compiled knowledge pickles the normalizer)."""
        return {name: value for name, value in vars(self).items() if name not in _REMEMBERED}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self._remember()

    def _spell_uncached(self, text: str) -> tuple[str, tuple[RuleKey, ...]]:
        """Lowercase, with one spelling for each thing ("401(k)" -> "401k"), and the spelling rules that fired."""
        fired: list[RuleKey] = []
        text = text.lower().replace("’", "'").replace("‘", "'")
        for pattern, needs, replacement, key in self._spellings:
            if not holds_needed(needs, text):
                continue
            text, count = pattern.subn(replacement, text)
            if count:
                fired.append(key)
        return text, tuple(fired)

    def _knows(self, word: str) -> bool:
        """Whether the rules name the word themselves, so the speller must leave it as it is.

        A word of the word lists or their targets ("crash", never a typo of "cash"), another
        form of a listed word ("tweaking"), a word of an everyday expression or written out in a
        phrase rule ("simple" of "in simple terms"), or one a phrase rule rewrites on its own
        ("catchup", "freelancing"): were it "repaired" into a neighbour first, its rule would
        never see it.
        """
        return word in self._own_words or stem(word) in self._own_stems or self._phrase_alternation.fullmatch(word)

    def _repaired(self, text: str, correct: Corrector) -> str:
        """Each word the rules do not know, spelling repaired: before the phrase rules, so they see it mended.

        Each distinct word is looked at once, and a text none of whose words is mended (most) is
        returned as it is, without rewriting it word by word.
        """
        knows = self.knows
        mended = {
            word: repair for word in set(TOKEN.findall(text)) if not knows(word) and (repair := correct(word)) != word
        }
        if not mended:
            return text
        return TOKEN.sub(lambda found: mended.get(found.group(), found.group()), text)

    def _unify(self, text: str, correct: Corrector | None = None) -> tuple[str, tuple[RuleKey, ...]]:
        """Spellings unified, misspellings repaired, phrases rewritten; with the keys of the rules that fired."""
        spelled, fired = self._spell(text)
        if correct is not None:
            spelled = self._repaired(spelled, correct)
        rewritten, more = self._rewrite(spelled)
        return rewritten, fired + more

    def _rewrite_uncached(self, text: str) -> tuple[str, tuple[RuleKey, ...]]:
        """Everyday expressions and the domain's phrases rewritten, with the keys of the rules that fired."""
        fired: list[RuleKey] = []

        def everyday(_: int, found: re.Match[str]) -> str:
            key, replacement = self._everyday_phrases[found.group()]
            fired.append(key)
            return replacement

        def phrase(index: int, _: re.Match[str]) -> str:
            key, replacement = self._phrases[index]
            fired.append(key)
            return replacement

        text = self._everyday_alternation.sub(everyday, text)
        return self._phrase_alternation.sub(phrase, text), tuple(fired)

    def _tokens(self, text: str, keep_stopwords: bool, correct: Corrector | None, fired: list[RuleKey]) -> list[str]:
        unified, keys = self._unify(text, correct)
        fired.extend(keys)
        tokens: list[str] = []
        for word in TOKEN.findall(unified):
            more, keys = self._word_tokens(word, keep_stopwords)
            tokens += more
            fired += keys
        return tokens

    def _word_tokens_uncached(self, word: str, keep_stopwords: bool) -> tuple[tuple[str, ...], tuple[RuleKey, ...]]:
        """The tokens one word of a rewritten text gives (everyday words, synonyms, stopwords, the
        stemmer), with the keys of the rules that fired, in order: the same for the word wherever it
        stands, so made once per word (a long story's words were about a sixth of normalizing it)."""
        tokens: list[str] = []
        fired: list[RuleKey] = []
        for raw in self._everyday(word, fired):
            self._append_canonical(tokens, raw, keep_stopwords, fired)
        return tuple(tokens), tuple(fired)

    def _everyday(self, word: str, fired: list[RuleKey]) -> list[str]:
        """The knowledge base's words for an everyday one ("swap" -> "change"), else the word.

        The target is unified like any text, so it meets the domain's phrases too: "sacked" ->
        "fired" -> "leave job", as "got fired" does.
        """
        stemmed = stem(word)
        # by stem only for an inflected word: "tweaking" finds "tweak", but "up" is not "upped"
        found = self._everyday_words.get(word) or (self._everyday_by_stem.get(stemmed) if stemmed != word else None)
        if found is None:
            return [word]
        key, target = found
        unified, keys = self._unify(target)
        fired.append(key)
        fired.extend(keys)
        return TOKEN.findall(unified)

    def _append_canonical(self, tokens: list[str], raw: str, keep_stopwords: bool, fired: list[RuleKey]) -> None:
        canonical = raw
        found = self._synonyms.get(raw) or self._synonyms.get(stem(raw))  # "companies" -> "company" -> "employer"
        if found is not None:
            key, canonical = found
            fired.append(key)
        for word in canonical.split():
            if keep_stopwords or word not in self.stopwords:
                tokens.append(stem(word))
            else:
                fired.append(STOPWORDS_KEY)

    def raw_words(self, text: str) -> list[str]:
        """The words of text after unifying spellings, before any rewriting: the speller's vocabulary."""
        return TOKEN.findall(self._spell(text)[0])

    def rewritten_words(self, text: str) -> list[str]:
        """The words of text once the phrase rules have rewritten it: what the word rules see."""
        return TOKEN.findall(self._unify(text)[0])

    def canonical_tokens(self, text: str, correct: Corrector | None = None) -> list[str]:
        """All tokens of text, unified, synonym-mapped and stemmed (stopwords kept)."""
        return self._tokens(text, keep_stopwords=True, correct=correct, fired=[])

    def content_tokens(self, text: str, correct: Corrector | None = None) -> list[str]:
        """canonical_tokens without stopwords: the words that say what a question is about.

        correct, when given, repairs misspelt words against the knowledge base's vocabulary
        before the phrase rules and synonyms apply ("contibution" -> "contribution" -> "contribute").
        """
        return self._tokens(text, keep_stopwords=False, correct=correct, fired=[])

    def normalize(self, text: str, correct: Corrector | None = None) -> Normalized:
        """content_tokens, with the concepts recognised and the rules that fired on the way."""
        fired: list[RuleKey] = []
        tokens = self._tokens(text, keep_stopwords=False, correct=correct, fired=fired)
        concepts = frozenset(self._concepts[key] for key in fired if key in self._concepts)
        return Normalized(tokens, concepts, frozenset(fired))


@cache
def shipped() -> Normalizer:
    """The normalizer of the shipped rules, compiled on first use (a broken rule file fails there, not on import)."""
    return compiled.part("normalizer", _build_shipped)


def _build_shipped() -> Normalizer:
    from vested.understanding.language import language

    return Normalizer(language())


def knows(word: str) -> bool:
    """Whether the shipped rules name the word themselves (the speller leaves it alone)."""
    return shipped().knows(word)


def raw_words(text: str) -> list[str]:
    """The words of text after unifying spellings, before any rewriting: the speller's vocabulary."""
    return shipped().raw_words(text)


def content_tokens(text: str, correct: Corrector | None = None) -> list[str]:
    """The tokens of text, unified, synonym-mapped and stemmed, without stopwords: what a question is about.

    correct, when given, repairs misspelt words against the knowledge base's vocabulary
    before the phrase rules and synonyms apply ("contibution" -> "contribution" -> "contribute").
    """
    return shipped().content_tokens(text, correct)


def normalize(text: str, correct: Corrector | None = None) -> Normalized:
    """content_tokens, with the concepts recognised and the rules that fired on the way."""
    return shipped().normalize(text, correct)


def stopwords() -> frozenset[str]:
    """The shipped rules' stopwords: words that say nothing about what a question is about."""
    return shipped().stopwords
