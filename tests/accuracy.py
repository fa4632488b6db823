"""The accuracy floors of the question sets (tests/data/floors.toml) and how each set is counted.

Read by tests/test_dev_set.py and tests/test_paraphrases.py, and by benchmarks/floors.py, which
re-measures every set and can rewrite the file. Two ways of counting:

- sets whose rows name an entry (paraphrases, probes, stories): in-scope questions answered with that
  entry (a fallback is a miss); their out-of-scope rows are checked apart, all of them;
- sets shaped like the evaluator's (dev and the five written in its shape, and
  ../shared/eval/real-dev.jsonl): rows that pass tests/scoring.py's rules.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.scoring import judge, load_rows

DATA = Path(__file__).resolve().parent / "data"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
FLOORS_FILE = DATA / "floors.toml"
ENTRY_SETS = ("paraphrases.jsonl", "probes.jsonl", "stories.jsonl")


@dataclass(frozen=True)
class Floor:
    """One set's last measurement and the floor derived from it."""

    name: str
    measured: int
    total: int
    measured_on: date
    floor: int

    @property
    def path(self) -> Path:
        return set_path(self.name)


def set_path(name: str) -> Path:
    """A set in tests/data, else in ../shared/eval beside the repository."""
    return DATA / name if (DATA / name).is_file() else SHARED_EVAL / name


def margin(total: int) -> int:
    """How far under its measured figure a set's floor sits: a few questions, 2% of a large set."""
    return max(4, round(0.02 * total))


def load_floors() -> dict[str, Floor]:
    sets = tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))["sets"]
    return {name: Floor(name, row["measured"], row["total"], row["date"], row["floor"]) for name, row in sets.items()}


def counted(name: str, rows: list[dict]) -> list[dict]:
    """The rows a set's figure is counted over."""
    return [row for row in rows if row["entry"]] if name in ENTRY_SETS else rows


def problems(name: str, row: dict, reply: dict) -> list[str]:
    """Why a counted row's reply is wrong (empty when it is right)."""
    if name in ENTRY_SETS:
        if reply["kind"] == "fallback" or reply["entry"] != row["entry"]:
            return [f"expected {row['entry']}, got {reply['kind']} {reply['entry']}"]
        return []
    return judge(row, reply)


def measure(name: str, ask) -> tuple[int, int, dict[str, list[str]]]:
    """(right, counted, the wrong rows with their problems), asking each question with `ask`."""
    rows = counted(name, load_rows(set_path(name)))
    wrong = {}
    for row in rows:
        found = problems(name, row, ask(row["q"]).to_dict())
        if found:
            wrong[row["id"]] = found
    return len(rows) - len(wrong), len(rows), wrong
