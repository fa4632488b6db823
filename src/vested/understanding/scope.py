"""What Vested answers at all: the scope rules of knowledge/language/scope.toml, as questions to ask.

The assistant declines questions about other products (an HSA, a credit card), requests for
personal investment picks, and topics the knowledge base does not cover, and it answers
only questions placed in the 401(k) domain. Which words and concepts decide that is data;
this module turns it into yes-or-no questions about one normalized question. Words are
compared in the matcher's own form (stemmed, synonyms applied), so the data can be written
in plain words ("contribution") and still meet a question's tokens ("contribut").
The shipped scope is kept in the compiled knowledge (vested.knowledge.compiled).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from vested.knowledge import compiled
from vested.understanding.literals import Needs, may_match_ignoring_case, needed_ignoring_case
from vested.understanding.patterns import LazyPattern
from vested.understanding.text import Normalized, Normalizer, shipped

if TYPE_CHECKING:
    from vested.understanding.language import Language, PickRule, Terms


class TermSet(NamedTuple):
    """A scope set in the matcher's form: its words' tokens and its concepts.

    A NamedTuple rather than a dataclass: `vested ask` imports it, and a dataclass's generated methods
    cost about a millisecond a class at start (benchmarks/README.md).
    """

    words: frozenset[str]
    concepts: frozenset[str]

    @classmethod
    def of(cls, terms: Terms, normalizer: Normalizer) -> TermSet:
        """The set's words as the normalizer makes them ("saving" -> "contribut")."""
        words = frozenset(token for word in terms.words for token in normalizer.content_tokens(word))
        return cls(words, frozenset(terms.concepts))

    def __or__(self, other: TermSet) -> TermSet:
        return TermSet(self.words | other.words, self.concepts | other.concepts)

    def met_by(self, found: Normalized) -> bool:
        """Whether the question names one of the words or concepts."""
        return not self.words.isdisjoint(found.tokens) or not self.concepts.isdisjoint(found.concepts)


class PickPattern(NamedTuple):
    """A personal-pick rule: found, `also` found, `unless` not found.

    Its patterns are compiled when first used, not as the compiled knowledge is loaded, and the
    pattern only for a question that holds the strings it cannot match without (`needs`): most
    questions ask for no pick, and compiling the five rules took each of them 3 ms.
    """

    pattern: LazyPattern
    needs: Needs | None
    also: LazyPattern | None
    unless: LazyPattern | None

    @classmethod
    def of(cls, rule: PickRule) -> PickPattern:
        return cls(
            LazyPattern(rule.pattern),
            needed_ignoring_case(rule.pattern) if rule.pattern.startswith("(?i)") else None,
            LazyPattern(rule.also) if rule.also else None,
            LazyPattern(rule.unless) if rule.unless else None,
        )

    def fires(self, question: str) -> bool:
        """Whether the question, as typed, asks for this kind of pick."""
        return (
            may_match_ignoring_case(self.needs, question)
            and self.pattern.search(question) is not None
            and (self.also is None or self.also.search(question) is not None)
            and (self.unless is None or self.unless.search(question) is None)
        )


class Scope:
    """The scope decisions about one question, from the language data."""

    def __init__(self, rules: Language, normalizer: Normalizer):
        scope = rules.scope
        core = TermSet.of(scope.core, normalizer)
        self.other_products = TermSet.of(scope.other_products, normalizer)
        self.keeps_other_product_in_scope = TermSet.of(scope.keeps_other_product_in_scope, normalizer)
        self.uncovered_topics = TermSet.of(scope.uncovered, normalizer)
        self.beside_the_plan = TermSet.of(scope.asked_about_beside_the_plan, normalizer)
        # The core words place a question in the domain, and name it unmistakably, too.
        self.domain_terms = core | TermSet.of(scope.domain, normalizer)
        self.the_plan = core | self.keeps_other_product_in_scope
        self.strong_domain_terms = core | TermSet.of(scope.strong_domain, normalizer)
        self.picks = [PickPattern.of(rule) for rule in scope.personal_pick]

    def other_product(self, found: Normalized) -> bool:
        """About another account or product (an HSA, a mortgage), with no 401(k) matter to keep it."""
        return self.other_products.met_by(found) and not self.keeps_other_product_in_scope.met_by(found)

    def personal_pick(self, question: str) -> bool:
        """Asks what to buy or sell ("should I buy Nvidia stock"), which Vested never answers."""
        return any(pick.fires(question) for pick in self.picks)

    def uncovered(self, found: Normalized) -> bool:
        """About a retirement topic the knowledge base does not cover (a solo 401(k), self-employment)."""
        return self.uncovered_topics.met_by(found)

    def asks_beside_the_plan(self, asking: Normalized) -> bool:
        """Do the sentences that ask name a product with rules of its own beside the plan (an HSA, a 529,
        Social Security) and nothing of the plan itself? Then the question is about that product, however
        much of the story is about a 401(k) ("... plus a 401k with a match. How much can I put in the HSA?").
        """
        return self.beside_the_plan.met_by(asking) and not self.the_plan.met_by(asking)

    def in_domain(self, found: Normalized) -> bool:
        """Names something of the 401(k) domain at all; the weather or a recipe does not."""
        return self.domain_terms.met_by(found)

    def strong_domain(self, found: Normalized) -> bool:
        """Names the domain unmistakably, not only through generic words ("tax", "balance")."""
        return self.strong_domain_terms.met_by(found)


@cache
def shipped_scope() -> Scope:
    """The scope of the shipped rules, compiled on first use."""
    return compiled.part("scope", _build_shipped_scope)


def _build_shipped_scope() -> Scope:
    from vested.understanding.language import language

    return Scope(language(), shipped())
