"""Reliability table: the confidence of an answer next to how often answers at that confidence are right.

For every question set with a `kind` (shared/eval/real-dev.jsonl and the sets in tests/data),
each reply that answers (kind faq or calculation) is judged by the evaluator's rules and put in
a confidence bin; a calibrated confidence c is right about c of the time.

    .venv/bin/python benchmarks/reliability.py          # the table, as the Answer shows confidence
    .venv/bin/python benchmarks/reliability.py --fit    # raw scores and margins -> calibration.py's figures
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.scoring import judge  # noqa: E402

REAL_SET = "real-dev.jsonl"
# our own real-shaped stories (rows name their entry): fitted on beside real-dev
STORIES = REPO / "tests" / "data" / "stories.jsonl"
BINS = [(0.0, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
SETS = [REPO.parent / "shared" / "eval" / "real-dev.jsonl", *sorted((REPO / "tests" / "data").glob("*.jsonl"))]


def replies() -> dict[str, list[tuple[dict, dict]]]:
    from vested.core.assistant import Assistant

    assistant = Assistant(today=date(2026, 11, 25))
    found = {}
    for path in SETS:
        if not path.is_file():
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [row for row in rows if "kind" in row and "q" in row]
        if rows:
            found[path.name] = [(row, assistant.ask(row["q"]).to_dict()) for row in rows]
    return found


def table(by_set: dict[str, list[tuple[dict, dict]]]) -> None:
    print("| set | kind | " + " | ".join(f"{low:.1f}-{min(high, 1):.1f}" for low, high in BINS) + " |")
    print("|---|---|" + "---|" * len(BINS))
    for name, pairs in by_set.items():
        for kind in ("faq", "calculation"):
            cells = []
            for low, high in BINS:
                judged = [not judge(row, reply) for row, reply in pairs if reply["kind"] == kind]
                scores = [reply["confidence"] for row, reply in pairs if reply["kind"] == kind]
                inside = [right for right, score in zip(judged, scores, strict=True) if low <= score < high]
                cells.append(f"{sum(inside)}/{len(inside)}" if inside else "-")
            print(f"| {name} | {kind} | " + " | ".join(cells) + " |")


def _rate(block: list[float]) -> float:
    return block[1] / max(block[2], 1)


class RawScores:
    """Stands in for vested.retrieval.calibration.calibrated during a fit: the raw score is shown,
    and the margin over the runner-up it was called with is kept for the reply it belongs to."""

    def __init__(self) -> None:
        self.margin = 1.0

    def __call__(self, score: float, margin: float = 1.0) -> float:
        self.margin = margin
        return score


def real_shaped(raw: RawScores) -> list[tuple[float, float, bool]]:
    """(raw score, margin, right) of every FAQ reply to real-dev's answer rows and to our stories."""
    from vested.core.assistant import Assistant

    assistant = Assistant(today=date(2026, 11, 25))
    judged = []
    for path in (SETS[0], STORIES):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("kind", "answer") != "answer" or ("entry" in row and not row["entry"]):
                continue
            raw.margin = 1.0
            reply = assistant.ask(row["q"]).to_dict()
            if reply["kind"] != "faq":
                continue
            right = reply["entry"] == row["entry"] if "entry" in row else not judge(row, reply)
            judged.append((reply["confidence"], raw.margin, right))
    return judged


def fit(judged: list[tuple[float, float, bool]]) -> None:
    """Accuracy of FAQ replies to real-shaped questions: near ties apart, the rest by raw score band,
    made monotone (pool-adjacent-violators).

    Fitted on real questions only: the confidence is for real people's questions, and the
    dev-shaped sets, written to be answerable, would make every band look surer than it is.
    """
    from vested.retrieval.calibration import NEAR_TIE

    near = [right for _, margin, right in judged if margin < NEAR_TIE]
    print(f"near ties (margin under {NEAR_TIE}): {sum(near)} of {len(near)} right")
    pooled = [(score, right) for score, margin, right in judged if margin >= NEAR_TIE]
    blocks = []
    for low, high in BINS:
        inside = [right for score, right in pooled if low <= score < high]
        blocks.append([low, sum(inside), len(inside)])
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and merged[-1][2] and _rate(merged[-2]) > _rate(merged[-1]):
            last = merged.pop()
            merged[-1] = [merged[-1][0], merged[-1][1] + last[1], merged[-1][2] + last[2]]
    rates = {low: (right, total) for low, right, total in merged if total}
    print("SCORE_BANDS = (")
    current = (0, 0)
    for low, _, _ in blocks:
        current = rates.get(low, current)
        print(f"    ({low}, {round(current[0] / max(current[1], 1), 2)}),  # {current[0]} of {current[1]}")
    print(")")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fit", action="store_true", help="print the near-tie share and SCORE_BANDS from raw match scores"
    )
    args = parser.parse_args()
    if args.fit:
        import vested.core.assistant as assistant_module

        raw = RawScores()
        assistant_module.calibrated = raw
        fit(real_shaped(raw))
    else:
        table(replies())


if __name__ == "__main__":
    main()
