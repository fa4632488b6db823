"""Patterns tried in order at each place of a text, as one `p0|p1|...` would be, compiled only as texts need them.

The normalizer rewrites a text with about eighty phrase rules and a few hundred everyday
expressions, each found where it starts earliest and, of those starting there, the first in
order. Joined in one pattern, they took `vested ask` 25 ms to compile before its one question
could be read (benchmarks/README.md); yet a text holds the strings of a few rules at most. An
Alternation keeps each pattern apart with the literal strings it cannot match without
(vested.understanding.literals), and compiles a pattern only when a text holds one of them,
once for the process. A pattern without such strings is tried on every text.

`sub` then finds, from each place, every candidate's next match and takes the one starting
earliest, the first in order on a tie: what the joined pattern finds, since a pattern skipped
cannot match anywhere in the text and `search(text, position)` sees what lies before position
(lookbehinds, word boundaries) as the joined search does. That holds while no pattern can match
the empty string (whose handling by `re.sub` a search from a position cannot follow); when one
could, or one is written in syntax the literals module does not read, the Alternation compiles
the joined pattern instead, as before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import add
from typing import Any

from vested.knowledge.regex_store import compile_pattern
from vested.understanding.literals import Needs, Unsupported, needed_strings

Replace = Callable[[int, "re.Match[str]"], str]


class Alternation:
    """Regular expressions tried in order at each place of a text; compiled as texts need them."""

    def __init__(self, patterns: Sequence[str]):
        self.patterns = tuple(patterns)
        self._needs = _needed_strings(self.patterns)
        # Each needed string and the patterns that need it, so a text is searched once for each string.
        self._needing: dict[str, list[int]] = {}
        for index, needs in enumerate(self._needs or ()):
            for string in {string for strings in needs for string in strings}:
                self._needing.setdefault(string, []).append(index)
        self._always = [index for index, needs in enumerate(self._needs or ()) if not needs]
        # Each needed string filed under one pair of adjacent characters it holds, the pair fewest of
        # the strings hold: a text is searched only for the strings filed under pairs it holds (the
        # phrase rules need some 700 strings, and searching a question for each was a tenth of reading it).
        pairs = {string: {string[at : at + 2] for at in range(len(string) - 1)} for string in self._needing}
        spread = Counter(pair for held in pairs.values() for pair in held)
        self._by_pair: dict[str, list[str]] = {}
        for string, held in pairs.items():
            rarest = min(held, key=lambda pair: (spread[pair], pair)) if held else ""  # "": too short for a pair
            self._by_pair.setdefault(rarest, []).append(string)
        self._forget()

    def _forget(self) -> None:
        self._compiled: dict[int, re.Pattern[str]] = {}
        self._joined: re.Pattern[str] | None = None

    def __getstate__(self) -> dict[str, Any]:
        """The patterns and their strings, not what was compiled (the compiled knowledge pickles an Alternation)."""
        return {name: value for name, value in vars(self).items() if name not in ("_compiled", "_joined")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self._forget()

    def candidates(self, text: str) -> list[int]:
        """The patterns that may match somewhere in text, in order: those whose strings it holds."""
        assert self._needs is not None
        found = {
            string
            for pair in _pairs_held(text) & self._by_pair.keys()
            for string in self._by_pair[pair]
            if string in text
        }
        named = set(self._always)
        for string in found:
            named.update(self._needing[string])
        chosen = []
        for index in sorted(named):
            for strings in self._needs[index]:
                if found.isdisjoint(strings):
                    break
            else:  # the text holds one string of each set the pattern needs
                chosen.append(index)
        return chosen

    def _pattern(self, index: int) -> re.Pattern[str]:
        pattern = self._compiled.get(index)
        if pattern is None:
            pattern = self._compiled[index] = compile_pattern(self.patterns[index])
        return pattern

    def _whole(self) -> re.Pattern[str]:
        """The patterns joined in one, each its own named group: the way when they cannot be kept apart."""
        if self._joined is None:
            self._joined = compile_pattern(
                "|".join(f"(?P<a{index}>{pattern})" for index, pattern in enumerate(self.patterns))
            )
        return self._joined

    def fullmatch(self, text: str) -> bool:
        """Whether one of the patterns matches the whole text."""
        if self._needs is None:
            return self._whole().fullmatch(text) is not None
        return any(self._pattern(index).fullmatch(text) for index in self.candidates(text))

    def sub(self, replace: Replace, text: str) -> str:
        """text with each match replaced by replace(the pattern's index, the match): re.sub with the joined pattern."""
        if self._needs is None:
            return self._whole().sub(lambda found: replace(int((found.lastgroup or "a0")[1:]), found), text)
        chosen = self.candidates(text)
        if not chosen:
            return text
        upcoming = {index: self._pattern(index).search(text) for index in chosen}
        pieces: list[str] = []
        position = 0
        while True:
            first: re.Match[str] | None = None
            first_index = -1
            for index in chosen:
                found = upcoming[index]
                if found is not None and found.start() < position:  # overlapped by a match taken before
                    found = upcoming[index] = self._pattern(index).search(text, position)
                if found is not None and (first is None or found.start() < first.start()):
                    first, first_index = found, index
            if first is None:
                break
            pieces += (text[position : first.start()], replace(first_index, first))
            position = first.end()
        pieces.append(text[position:])
        return "".join(pieces)


@lru_cache(maxsize=64)
def _pairs_held(text: str) -> frozenset[str]:
    """The pairs of adjacent characters text holds, and "" (the strings too short to hold a pair): kept
    for the next Alternation, since the phrase rules mostly read the text the everyday ones leave as it was."""
    return frozenset(("", *map(add, text, text[1:])))


def _needed_strings(patterns: Sequence[str]) -> list[Needs] | None:
    """Each pattern's needed strings (none for a pattern that needs none), or None when a pattern
    could match the empty string or is written in syntax the literals module does not read."""
    found = []
    for pattern in patterns:
        try:
            needs, shortest = needed_strings(pattern)
        except Unsupported:
            return None
        if shortest == 0:
            return None
        found.append(needs)
    return found
