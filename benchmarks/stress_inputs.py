"""Hostile inputs for benchmarks/stress.py, all from one seeded generator (the same run twice
gives the same inputs): questions, calculator flags, walkthrough answers files, log commands.

Questions start from the real ones in tests/data and get hostile fragments put in: control
characters (C0 with CR and NUL, C1), escape sequences (clear screen, window title, OSC 52),
bidi overrides, zero-width and combining marks, emoji, right-to-left text, markup, format
strings, FTS and SQL syntax, and numbers no person means (9e9999999, 1e308%, 1__000%).
"""

from __future__ import annotations

import json
import random
import shlex
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

FRAGMENTS = (
    "\x1b[2J\x1b[H",
    "\x1b]0;PWNED-TITLE\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b[31m",
    "\x9b31m",
    "\x85",
    "\r",
    "\x00",
    "\x07",
    "\x08\x08",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "e\u0301\u0301",
    "🚀💸",
    "مرحبا",
    "שלום",
    "[bold]",
    "[/]",
    "[link=http://evil.example]x[/link]",
    "<script>alert(1)</script>",
    "**",
    "`",
    "{0}",
    "%s%n",
    "{__class__}",
    '"',
    "NEAR(",
    "*",
    "AND OR NOT",
    "col:*",
    "' OR 1=1 --",
    "9e9999999",
    "1e308",
    "1e308%",
    "-1e308",
    "1e-999",
    "-5",
    "1__000%",
    "1,0000",
    "½",
    "NaN%",
    "+¥1000",
    "$-3",
    "80k",
    "1.5 million",
    "٣٤",
    "９９",
    '=HYPERLINK("http://evil.example")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
)
NUMBERS = (
    "9e9999999",
    "-9e9999999",
    "1e308",
    "1e308%",
    "1e999",
    "1e28",
    "1e-999",
    "nan",
    "NaN%",
    "inf",
    "-inf",
    "",
    " ",
    "0",
    "-0",
    "-5",
    "100%",
    "101",
    "1000%",
    "9" * 40,
    "9" * 5000,
    "1__000",
    "1,0000",
    "80 grand",
    "$1.2m",
    "12k",
    "½",
    "١٢",
    "abc",
    "\x1b[2J",
    "2100-01-01",
    "0001-01-01",
    "60/40",
    "stocks=60, stocks=40",
    "100% of the first 1000%",
    "150% up to 6%",
    "9" * 5000 + ":50",
    "2:20, 2:40",
)


def seed_questions() -> list[str]:
    """Every question of the repository's question sets."""
    questions = []
    for path in sorted((REPO / "tests" / "data").glob("*.jsonl")):
        if path.name == "golden.jsonl":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if isinstance(row.get("q"), str):
                    questions.append(row["q"])
    return questions


def hostile_question(rng: random.Random, seeds: list[str]) -> str:
    """One line (no newline in it) of what a careless or hostile user could send."""
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(["", " ", "\t", "?", "\r", "\x00"])
    if roll < 0.10:
        alphabet = [chr(code) for code in (*range(0, 10), *range(11, 0x250), 0x202E, 0x200B, 0x1F680)]
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 200)))
    words = rng.choice(seeds)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(words))
        words = words[:at] + rng.choice(FRAGMENTS) + words[at:]
    if rng.random() < 0.1:
        words = words.upper()
    return words.replace("\n", " ")


# Values a calculator may well accept, at the edges of what it takes.
EDGES = (
    "0",
    "0.01",
    "1",
    "5",
    "50",
    "59.5",
    "99.99",
    "100",
    "100%",
    "120",
    "1e-12",
    "999999999.99",
    "1000000000",
    "2026",
    "1900",
    "2200",
    "1958-03-14",
    "30",
    "45000",
    "80k",
    "12 grand",
)


def hostile_value(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(EDGES)
    if roll < 0.6:
        return rng.choice(NUMBERS)
    if roll < 0.75:
        return str(Decimal(rng.randint(-(10**12), 10**12)).scaleb(rng.randint(-20, 20)))
    if roll < 0.9:
        return str(rng.randint(-100, 200))
    return "".join(rng.choice("0123456789.,%$-+eEk ") for _ in range(rng.randint(1, 12)))


def calc_argv(rng: random.Random, specs: dict) -> list[str]:
    """`calc NAME` with the first example's flags and one to three of them hostile."""
    name = rng.choice(sorted(specs))
    spec = specs[name]
    args = shlex.split(spec.examples[0])[3:]
    flags = ["--" + field.replace("_", "-") for field in spec.inputs.model_fields]
    for _ in range(rng.randint(1, 3)):
        args.append(f"{rng.choice(flags)}={hostile_value(rng)}")
    return ["calc", name, *args, "--json"]


def answers_file(rng: random.Random, walkthroughs: dict) -> tuple[str, bytes]:
    """(walkthrough, file content): JSON answers of any shape, or bytes that are not JSON at all."""
    name = rng.choice(sorted(walkthroughs))
    roll = rng.random()
    if roll < 0.05:
        return name, rng.randbytes(rng.randint(0, 400))
    if roll < 0.08:
        return name, rng.choice([b"[" * 100_000, b'{"age": ' + b"9" * 5000 + b"}", "caf\xe9".encode("latin-1")])
    fields = [step.field for step in walkthroughs[name].steps]
    valid = json.loads((REPO / "tests" / "data" / "walkthroughs" / f"{name}.json").read_text())

    def value():
        kind = rng.random()
        if kind < 0.3:
            return rng.choice(EDGES)
        if kind < 0.55:
            return hostile_value(rng)
        if kind < 0.75:
            return rng.randint(-(10**6), 10**6)
        if kind < 0.85:
            return rng.choice([True, False, None, [], {}, [hostile_value(rng)]])
        return rng.choice(["yes", "no", "22%", "45000", "41", "2026", "today", "1e999999"])

    shape = rng.random()
    if shape < 0.4:  # a file that works, with one answer at an edge of what it takes
        answers = dict(valid.get("answers", valid))
        answers[rng.choice(fields)] = rng.choice(EDGES)
    elif shape < 0.7:  # a file that works, with one or two answers made hostile
        answers = dict(valid.get("answers", valid))
        for _ in range(rng.randint(1, 2)):
            answers[rng.choice(fields)] = value()
    else:
        answers = {rng.choice([*fields, "extra"]): value() for _ in range(rng.randint(0, len(fields) + 1))}
    if rng.random() < 0.3:
        what_if = [{rng.choice(fields): value()} for _ in range(rng.randint(0, 4))]
        data: object = {"answers": answers, "what_if": what_if}
    else:
        data = answers
    text = json.dumps(data, ensure_ascii=False)
    if rng.random() < 0.1:
        text = text.replace('"1e999999"', "1e999999").replace('"nan"', "NaN").replace('"inf"', "Infinity")
    return name, text.encode("utf-8", "surrogatepass")


def log_argv(rng: random.Random) -> tuple[list[str], str]:
    """A `vested log` command with hostile arguments, and what its stdin holds (for purge)."""
    text = rng.choice([*NUMBERS, *FRAGMENTS, "loan", "rollover ira", '"', '""'])
    date = rng.choice(
        ["2026-11-01", "9999-12-31T23:59:59", "0001-01-01T00:00:00+14:00", "2026-02-30", "yesterday", "", text]
    )
    number = rng.choice(["1", "2", "9223372036854775808", "0", "-1", "abc", "99999999999999999999999"])
    output = rng.choice([[], ["--json"], ["--csv"]])
    command = rng.choice(
        [
            ["-q", text, *output],
            [f"--since={date}", *output],
            [f"--session={number}", *output],
            [f"-n={number}", *output],
            [f"--source={text}", *output],
            [f"--kind={rng.choice(['faq', 'fallback', text])}", *output],
            ["show", number, *rng.choice([[], ["--json"]])],
            ["stats", *rng.choice([[], ["--json"], [f"--since={date}"]])],
            ["purge", f"--before={date}"],
            ["path"],
        ]
    )
    return ["log", *command], "n\n"
