"""The English words the speller must leave alone: a real word is not a typo of a domain word.

The speller repairs a word the knowledge base does not know into the closest word it does
("retirment" -> "retirement"). Judged by spelling alone, real words outside the domain were
"repaired" too, and changed what a question says: "consultant" became "constant", "decrease"
"deceased", "heard" "hard", "policy" "police", "weather" "whether", "refinance" "reliance".

pyspellchecker ships an English word-frequency list from which its authors removed common
misspellings. Every word of the question sets that the speller changed was measured against it
(session 22): each of the 14 real typos ("retirment", "hardhsip", "seperate", "penelty",
"contibute", "divorse") and the two halves of contractions ("doesn", "couldn") are absent from
the list, and each of the 78 real words is in it with a count of 103 or more ("contributory" 103,
"refinance" 263, "tanking" 306). The list's floor is 50, where rare forms such as "loosing" sit,
a misspelling more often than not; so a word counts as English from REAL_WORD_COUNT.

The list is read only while the compiled knowledge is built (vested.knowledge.compiled): the
matcher keeps just the English words its speller would otherwise change.
"""

from __future__ import annotations

from functools import cache

REAL_WORD_COUNT = 100


@cache
def english_words(least_count: int = REAL_WORD_COUNT) -> frozenset[str]:
    """The lower-case English words counted at least least_count times in pyspellchecker's list.

    Imported here, not at the top: only a build of the compiled knowledge reads the list.
    """
    import gzip
    import json
    from importlib import resources

    packed = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(packed))
    return frozenset(word for word, count in counts.items() if count >= least_count)
