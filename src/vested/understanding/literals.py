"""The literal strings a regular expression cannot match without: a test that skips it for free.

Python compiles a regular expression in Python code, about a millisecond for every few hundred
characters: the normalizer's phrase rules, joined in one pattern, took a quarter of `vested
ask`'s start (benchmarks/README.md). Most rules cannot match most questions, and a look at the
rule's own text says so: every match of `required (?:minimum )?distributions?|minimum
withdrawals?` contains "required " or "minimum ", so a question holding neither needs no
compiled rule at all (vested.understanding.alternation compiles only the rules whose strings
it holds).

This module reads the pattern language the language rules are written in (literals, classes,
groups, alternatives, quantifiers, anchors, lookarounds); a pattern with anything else
(backreferences, inline flags, conditionals) raises `Unsupported`, and its caller compiles it
as before. The answer is conservative: `needs` may name no strings (None: nothing can be
skipped), never a set some match avoids.
"""

from __future__ import annotations

from itertools import product

# The most strings a set of alternatives is spelt out into before it is given up on (a class, a
# run of optional words): beyond it the test gets slower and says little more.
MOST_STRINGS = 32
_CLASS_ESCAPES = frozenset("wWsSdD")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


class Unsupported(ValueError):
    """The pattern uses syntax this module does not read (its caller compiles it as it is)."""


Needs = tuple[frozenset[str], ...]
"""Sets of strings a match cannot do without: every match holds one string of each set."""


class Summary:
    """What a piece of a pattern can match: the strings it matches exactly when few (else None),
    the strings it needs, and the fewest characters it matches."""

    __slots__ = ("exact", "needs", "shortest")

    def __init__(self, exact: frozenset[str] | None, needs: Needs, shortest: int):
        self.exact = exact
        self.shortest = shortest
        self.needs = (exact,) if exact and "" not in exact else needs


def _best(needs: Needs) -> frozenset[str] | None:
    """The most telling set: the longest shortest string, then the fewest strings."""
    return max(needs, key=lambda strings: (min(map(len, strings)), -len(strings)), default=None)


def holds_needed(needs: Needs, text: str) -> bool:
    """Whether text holds one string of each needed set: if not, the pattern cannot match in it.

    Loops rather than all() over any(): a question is tested a few dozen times, and the
    generators cost more than the tests.
    """
    for strings in needs:
        for string in strings:
            if string in text:
                break
        else:
            return False
    return True


def needed_ignoring_case(pattern: str) -> Needs | None:
    """The needed strings of a pattern matched ignoring case (the flag, or a leading `(?i)`), lowercased;
    None when not known, when it can match the empty string, or when they are not plain ASCII
    (whose case alone is simple to ignore: see may_match_ignoring_case)."""
    try:
        needs, shortest = needed_strings(pattern.removeprefix("(?i)"))
    except Unsupported:
        return None
    lowered = tuple(frozenset(string.lower() for string in strings) for strings in needs)
    if not shortest or not all(string.isascii() for strings in lowered for string in strings):
        return None
    return lowered


def may_match_ignoring_case(needs: Needs | None, text: str) -> bool:
    """False when a pattern matched ignoring case cannot match in text, by its needed_ignoring_case.

    An ASCII text lowercased holds a lowercased ASCII string exactly when the text holds it in
    some case; another text is never ruled out (Unicode case folding has other equivalents).
    """
    return not needs or not text.isascii() or holds_needed(needs, text.lower())


def needed_strings(pattern: str) -> tuple[Needs, int]:
    """The sets of strings every match of pattern holds one of each (none: nothing is known), and
    the fewest characters a match has. Raises Unsupported for syntax this module does not read."""
    reader = _Reader(pattern)
    summary = reader.alternatives()
    if reader.position != len(pattern):
        raise Unsupported(f"unbalanced ')' at {reader.position}")
    return summary.needs, summary.shortest


def _bounded(strings: set[str] | frozenset[str]) -> frozenset[str] | None:
    return frozenset(strings) if len(strings) <= MOST_STRINGS else None


def _shared(branches: list[Summary]) -> Needs:
    """The sets of strings some branch needs that every branch needs one of (a branch needing a
    subset of a set needs the set): `roll\\w*\\s+ira\\s+into\\s+401k|ira\\s+moves\\s+into\\s+401k` needs
    "ira", "into" and "401k" whichever branch matches, which the branches' most telling sets alone
    ("roll" or "moves") do not say."""
    return tuple(
        dict.fromkeys(
            strings
            for branch in branches
            for strings in branch.needs
            if all(any(own <= strings for own in other.needs) for other in branches)
        )
    )


def _joined(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > MOST_STRINGS:
        return None
    return frozenset(a + b for a, b in product(left, right))


class _Reader:
    """A recursive-descent reader of one pattern, summarising each piece as it goes."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.position = 0

    def _peek(self) -> str:
        return self.pattern[self.position] if self.position < len(self.pattern) else ""

    def _take(self) -> str:
        if self.position >= len(self.pattern):
            raise Unsupported("the pattern ends too soon")
        self.position += 1
        return self.pattern[self.position - 1]

    def alternatives(self) -> Summary:
        branches = [self.sequence()]
        while self._peek() == "|":
            self.position += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exacts = [branch.exact for branch in branches]
        best = [_best(branch.needs) for branch in branches]  # a match holds one of some branch's strings
        return Summary(
            _bounded(set().union(*exacts)) if all(exact is not None for exact in exacts) else None,  # type: ignore[arg-type]
            tuple(dict.fromkeys(((frozenset().union(*best),) if all(best) else ()) + _shared(branches))),  # type: ignore[arg-type]
            min(branch.shortest for branch in branches),
        )

    def sequence(self) -> Summary:
        """Pieces one after another: what each piece needs, and each run of exact pieces spelt out."""
        pieces: list[Summary] = []
        while self._peek() not in ("", "|", ")"):
            pieces.append(self._quantified(self._atom()))
        exact: frozenset[str] | None = frozenset({""})
        needs: list[frozenset[str]] = []
        run = frozenset({""})
        for piece in pieces:
            exact = _joined(exact, piece.exact) if exact is not None and piece.exact is not None else None
            longer = _joined(run, piece.exact) if piece.exact is not None else None
            if longer is None:  # the run ends: its strings are needed
                needs.append(run)
                run = piece.exact if piece.exact is not None else frozenset({""})
            else:
                run = longer
            if piece.exact is None:  # else the run holds it
                needs += piece.needs
        needs.append(run)
        needed = tuple(dict.fromkeys(strings for strings in needs if strings and "" not in strings))
        return Summary(exact, needed, sum(piece.shortest for piece in pieces))

    def _quantified(self, atom: Summary) -> Summary:
        start = self.position
        low, high = self._quantifier()
        if low is None:
            return atom
        if self._peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.position += 1
        if self._peek() in ("*", "+", "?") or (self._peek() == "{" and self._quantifier_at(self.position)):
            raise Unsupported(f"a repeated quantifier at {start}")
        exact = None
        if atom.exact is not None and high is not None and high <= 2:
            options = [frozenset({""}), atom.exact, _joined(atom.exact, atom.exact)]
            chosen = options[low : high + 1]
            if all(option is not None for option in chosen):
                exact = _bounded(set().union(*chosen))  # type: ignore[arg-type]
        return Summary(exact, atom.needs if low >= 1 else (), low * atom.shortest)

    def _quantifier(self) -> tuple[int | None, int | None]:
        """(fewest, most) repeats of the quantifier here, most None for no bound; (None, None) for none."""
        sign = self._peek()
        if sign in ("*", "+", "?"):
            self.position += 1
            return {"*": (0, None), "+": (1, None), "?": (0, 1)}[sign]
        bounds = self._quantifier_at(self.position)
        if bounds is None:
            return None, None
        self.position = self.pattern.index("}", self.position) + 1
        return bounds

    def _quantifier_at(self, position: int) -> tuple[int, int | None] | None:
        """`{m}`, `{m,}`, `{,n}` or `{m,n}` at position; None where a brace is a literal one."""
        if position >= len(self.pattern) or self.pattern[position] != "{":
            return None
        end = self.pattern.find("}", position)
        inside = self.pattern[position + 1 : end] if end > 0 else ""
        low, comma, high = inside.partition(",")
        if not inside or not (low.isdigit() or not low) or not (high.isdigit() or not high) or inside == ",":
            return None
        if not comma:
            return int(low), int(low)
        return int(low or 0), int(high) if high else None

    def _atom(self) -> Summary:
        sign = self._take()
        if sign == "(":
            return self._group()
        if sign == "[":
            return self._class()
        if sign == "\\":
            return self._escape()
        if sign == ".":
            return Summary(None, (), 1)
        if sign in ("^", "$"):
            return Summary(frozenset({""}), (), 0)
        if sign in ("*", "+", "?") or (sign == "{" and self._quantifier_at(self.position - 1)):
            raise Unsupported(f"nothing to repeat at {self.position - 1}")
        return Summary(frozenset({sign}), (), 1)

    def _group(self) -> Summary:
        lookaround = False
        if self._peek() == "?":
            self.position += 1
            kind = self._take()
            if kind == "P" and self._peek() == "<":
                self.position = self.pattern.index(">", self.position) + 1
            elif kind in ("=", "!") or (kind == "<" and self._peek() in ("=", "!")):
                self.position += kind == "<"
                lookaround = True
            elif kind != ":":
                raise Unsupported(f"group (?{kind} at {self.position - 3}")
        inside = self.alternatives()
        if self._take() != ")":
            raise Unsupported("an unclosed group")
        return Summary(frozenset({""}), (), 0) if lookaround else inside

    def _class(self) -> Summary:
        """A character class: spelt out when it lists plain characters only."""
        plain = self._peek() != "^"  # a negated class is not spelt out
        self.position += not plain
        first = self.position
        characters: set[str] = set()
        while True:
            sign = self._take()
            if sign == "]" and self.position - 1 > first:  # a "]" first in the class is a character
                break
            if sign == "\\":
                escaped = self._take()
                if escaped.isalnum() and escaped not in _CONTROL_ESCAPES:
                    plain = False  # \w, \d, \x41...
                characters.add(_CONTROL_ESCAPES.get(escaped, escaped))
            elif sign == "-" and characters and self._peek() not in ("]", ""):
                plain = False  # a range
            else:
                characters.add(sign)
        exact = _bounded(characters) if plain else None
        return Summary(exact, (), 1)

    def _escape(self) -> Summary:
        sign = self._take()
        if sign in _CLASS_ESCAPES:
            return Summary(None, (), 1)
        if sign in _ZERO_WIDTH_ESCAPES:
            return Summary(frozenset({""}), (), 0)
        if sign in _CONTROL_ESCAPES:
            return Summary(frozenset({_CONTROL_ESCAPES[sign]}), (), 1)
        if sign.isalnum() or sign == "_":
            raise Unsupported(f"escape \\{sign} at {self.position - 2}")
        return Summary(frozenset({sign}), (), 1)
