"""How well the assistant reads generated numeric questions, per calculator.

Renders N questions per calculator from tests/data/numeric_phrasings.toml with a seeded
random generator (the same questions on every run), asks each in a fresh conversation and
counts: routed to the right calculator; a figure with every input exactly as stated; a
figure with a wrong calculator or a misread input (the product must never do this); a
request for a detail (acceptable); no figure at all.

    .venv/bin/python benchmarks/numeric_reading.py            # 40 per calculator, seed 15
    .venv/bin/python benchmarks/numeric_reading.py -n 100 --misses 5
    .venv/bin/python benchmarks/numeric_reading.py --confidence   # figures right and wrong by confidence
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# The date the test suite pins (tests/conftest.py TODAY): "this year" is 2026.
TODAY = date(2026, 11, 25)


def main() -> int:
    from tests.numeric_questions import SeededChooser, calculators, generate, judge, phrasings
    from vested.core.assistant import Assistant

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="questions per calculator")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--misses", type=int, default=0, help="show this many wrong figures per calculator")
    parser.add_argument("--only", help="one calculator")
    parser.add_argument("--show", default="wrong figure", help="the outcome --misses shows (exact, asked, no figure)")
    parser.add_argument(
        "--confidence", action="store_true", help="then the figures given, right and wrong, by their confidence"
    )
    args = parser.parse_args()

    assistant = Assistant(today=TODAY)
    data = phrasings()
    names = [args.only] if args.only else calculators()
    header = f"| {'calculator':<22} | routed | exact | asked | no figure | wrong figure |"
    print(header)
    print("|" + "|".join("-" * (len(cell) + 0) for cell in header.split("|")[1:-1]) + "|")
    totals: Counter[str] = Counter()
    shown: list[str] = []
    by_confidence: Counter[tuple[float, str]] = Counter()
    for index, name in enumerate(names):
        chooser = SeededChooser(args.seed * 1000 + index)
        counts: Counter[str] = Counter()
        misses = 0
        for _ in range(args.n):
            sample = generate(name, chooser, data=data)
            answer = assistant.ask(sample.question)
            verdict = judge(sample, answer)
            counts[verdict.outcome] += 1
            if verdict.outcome in {"exact", "wrong figure"}:
                by_confidence[(answer.confidence, verdict.outcome)] += 1
            counts["routed"] += verdict.routed
            if verdict.outcome == args.show and misses < args.misses:
                misses += 1
                shown.append(f"[{name}] {sample.question}\n    tool={verdict.tool} {verdict.differences}")
        totals.update(counts)
        print(_row(name, counts, args.n))
    print(_row("all", totals, args.n * len(names)))
    for line in shown:
        print(line)
    if args.confidence:
        print("\n| confidence | figures | right | wrong |\n|---:|---:|---:|---:|")
        for level in sorted({level for level, _ in by_confidence}, reverse=True):
            right, wrong = by_confidence[(level, "exact")], by_confidence[(level, "wrong figure")]
            print(f"| {level:.2f} | {right + wrong} | {right} | {wrong} |")
    return 0


def _row(name: str, counts: Counter[str], total: int) -> str:
    def share(key: str) -> str:
        return f"{100 * counts[key] / total:.0f}%"

    return (
        f"| {name:<22} | {share('routed'):>6} | {share('exact'):>5} | {share('asked'):>5} | "
        f"{share('no figure'):>9} | {share('wrong figure'):>12} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
