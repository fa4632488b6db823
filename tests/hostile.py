"""What the hostile-input tests share: running the real CLI in process, and what must never show.

Every run goes through `vested.cli.main` as a user's command line does. The outcome
allowed is an answer (exit 0) or one clear refusal (exit 2, or 1 for `vested log` on a
file it cannot read): never a traceback, never Python's or pydantic's own words, and
nothing a terminal would act on in what `vested log` prints.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence

from hypothesis import strategies as st

from vested.cli import INTERNAL_ERROR, main

# Words that only ever come from Python or a library, never from Vested's own messages.
PYTHON_WORDS = (
    "Traceback",
    "pydantic",
    "Input should",
    "errors.pydantic.dev",
    "InvalidOperation",
    "DivisionByZero",
    "decimal.",
    "Exceeds the limit",
    "set_int_max_str_digits",
    "<class",
    "object has no attribute",
    "NoneType",
    "went wrong inside Vested",
)
TERMINAL_ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SHARE = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)%")

# Numbers as people mistype them, and as a harness types them on purpose.
HOSTILE_NUMBERS = (
    "9e9999999",
    "-9e9999999",
    "1e308",
    "1e308%",
    "1e999",
    "1e28",
    "1e27",
    "1e-999",
    "0.0000000000001",
    "nan",
    "NaN%",
    "inf",
    "-inf",
    "Infinity",
    "",
    " ",
    "0",
    "-0",
    "-5",
    "+100%",
    "100%",
    "101",
    "1000%",
    "99999999999999999999999999999999",
    "9" * 5000,
    "1__000",
    "1,0000",
    "80 grand",
    "$1.2m",
    "12k",
    "1e5k",
    "½",
    "١٢",
    "１０",
    "abc",
    "=HYPERLINK(1)",
    "\x1b[2J",
    "2100-01-01",
    "0001-01-01",
    "9999-12-31",
    "1/2",
    "60/40",
    "stocks=60, stocks=40",
    "100% of the first 1000%",
    "50% up to 6%",
    "150% up to 6%",
    "9" * 5000 + ":50",
    "2:20, 2:40",
    "9" * 5000 + "% up to 6%",
)


def hostile_values() -> st.SearchStrategy[str]:
    """A value for any flag or answer: a known trap, a number of any size, or any text."""
    return st.one_of(
        st.sampled_from(HOSTILE_NUMBERS),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.floats().map(repr),
        st.text(max_size=40).filter(lambda text: "\x00" not in text),
    )


def run(argv: Sequence[str], capsys, stdin: bytes | str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    """`vested ARGV` in process: (exit status, stdout, stderr); argparse's exits included."""
    if stdin is not None:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(code: int, err: str, allowed: Sequence[int] = (0, 2)) -> None:
    """An answer or a clear refusal, in Vested's words only."""
    assert code != INTERNAL_ERROR, err
    assert code in allowed, (code, err)
    for word in PYTHON_WORDS:
        assert word not in err, err


def assert_refusal_is_short(code: int, err: str) -> None:
    """A refusal is one line (a walkthrough's list of problems: one line each)."""
    if code == 2:
        lines = err.rstrip("\n").splitlines()
        assert lines, "a refusal says why"
        assert lines[0].startswith("vested"), err
        assert all(line.startswith("  - ") for line in lines[1:]), err


def assert_sensible_text(text: str) -> None:
    """No negative amount and no share above 100% in what a person reads (their own words quoted
    back, “1000%” in a decline, are theirs, not a figure of ours)."""
    ours = re.sub(r"“[^”]*”", "", text)
    assert "-$" not in ours, text
    for share in SHARE.findall(ours):
        assert float(share.replace(",", "")) <= 100, text
