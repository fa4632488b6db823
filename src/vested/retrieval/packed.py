"""Per-word tables whose rows are unpickled one at a time, as they are first looked up.

A question looks up a dozen words, while the matcher's per-word tables (the perceptron's votes,
the classifier's log odds, the postings) hold some 1,400 to 1,900 rows each. Unpickled whole at
every start they took about 8 ms of a `vested ask` (benchmarks/README.md, issue 20); pickled as
one small pickle a row, a table loads as a dict of bytes and each row is made when first asked
for. Made in memory, a table is a plain dict of rows: nothing is packed until it is pickled.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping
from typing import TypeVar

Row = TypeVar("Row")


class PackedTable(Mapping[str, Row]):
    """A read-only mapping of words to rows, kept pickled row by row in the compiled knowledge.

    Either made in memory (every row in `_rows`, `_packed` empty) or unpickled (every row in
    `_packed`, `_rows` holding those looked up so far); its words keep their order either way.
    """

    __slots__ = ("_packed", "_rows")

    def __init__(self, rows: Mapping[str, Row]):
        self._rows: dict[str, Row] = dict(rows)
        self._packed: dict[str, bytes] = {}

    def get(self, word: str, default=None):
        """The word's row, unpickled on its first lookup; default when the word has none."""
        row = self._rows.get(word)
        if row is None and self._packed:
            packed = self._packed.get(word)
            if packed is None:
                return default
            row = self._rows[word] = pickle.loads(packed)
        return default if row is None else row

    def __getitem__(self, word: str) -> Row:
        row = self.get(word)
        if row is None:
            raise KeyError(word)
        return row

    def __contains__(self, word: object) -> bool:
        return word in (self._packed or self._rows)

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed or self._rows)

    def __len__(self) -> int:
        return len(self._packed or self._rows)

    def __getstate__(self) -> dict[str, bytes]:
        """Each row pickled on its own, in the words' order."""
        if self._packed:
            return self._packed
        return {word: pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL) for word, row in self._rows.items()}

    def __setstate__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed
        self._rows = {}
