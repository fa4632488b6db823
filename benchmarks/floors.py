"""Re-measure every question set against its accuracy floor (tests/data/floors.toml).

Prints each set's figure now beside the one recorded and its floor. With --write, records
today's figures and sets each floor a few questions under them (tests/accuracy.py `margin`);
do that only after reading the misses, never to make a failing floor pass.

    .venv/bin/python benchmarks/floors.py            # print
    .venv/bin/python benchmarks/floors.py --write    # rewrite tests/data/floors.toml
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.accuracy import FLOORS_FILE, load_floors, margin, measure  # noqa: E402

# The date the tests pin (tests/conftest.py TODAY): "this year" is 2026.
TODAY = date(2026, 11, 25)
HEADER = """\
# Accuracy floors of the question sets: tests/test_dev_set.py and tests/test_paraphrases.py fail
# when a set scores under its floor. Written by `benchmarks/floors.py --write`; how each set is
# counted is in tests/accuracy.py (entry sets: in-scope questions answered with their entry;
# the evaluator-shaped sets: rows passing tests/scoring.py).
#
# measured: right of total on `date`. floor = measured - max(4, 2% of total): a few questions
# under the figure, because retraining the perceptron flips near-ties and margins of 1 to 3
# questions failed on that noise (../shared/reviews/design.md, problem 5).
"""


def render(figures: dict[str, tuple[int, int]], today: date) -> str:
    lines = [HEADER]
    for name, (right, total) in figures.items():
        lines += [
            f'[sets."{name}"]',
            f"measured = {right}",
            f"total = {total}",
            f"date = {today.isoformat()}",
            f"floor = {right - margin(total)}",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {FLOORS_FILE.relative_to(REPO)}")
    args = parser.parse_args(argv)
    from vested.core.assistant import Assistant

    assistant = Assistant(today=TODAY)
    floors = load_floors()
    figures: dict[str, tuple[int, int]] = {}
    print("| Set | Now | Recorded (date) | Floor | Margin now |")
    print("|---|---:|---:|---:|---:|")
    below = []
    for name, floor in floors.items():
        if not floor.path.is_file():
            print(f"| {name} | not found at {floor.path} | | | |")
            continue
        right, total, wrong = measure(name, assistant.ask)
        figures[name] = (right, total)
        print(
            f"| {name} | {right}/{total} | {floor.measured}/{floor.total} ({floor.measured_on}) "
            f"| {floor.floor} | {right - floor.floor} |"
        )
        if right < floor.floor:
            below.append((name, wrong))
    for name, wrong in below:
        print(f"\n{name} is under its floor; wrong rows:")
        print("\n".join(f"- {row_id}: {'; '.join(found)}" for row_id, found in wrong.items()))
    if args.write:
        missing = set(floors) - set(figures)
        if missing:
            print(f"not written: {sorted(missing)} could not be measured", file=sys.stderr)
            return 1
        FLOORS_FILE.write_text(render(figures, date.today()), encoding="utf-8")
        print(f"\nwrote {FLOORS_FILE.relative_to(REPO)}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
