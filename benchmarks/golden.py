"""Write tests/data/golden.jsonl: what the assistant does with every question of every set.

One row per (set, id): the reply's kind, entry, calculator and the calculator's outputs. The
understanding path may be restructured freely as long as this file is reproduced exactly; a
deliberate change of behaviour regenerates it in the same commit, so the diff shows every
question whose reply changed.

    .venv/bin/python benchmarks/golden.py          # rewrite the file
    .venv/bin/python benchmarks/golden.py --check  # exit 1 and list the rows that differ
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "data" / "golden.jsonl"
# The date the test suite pins (tests/conftest.py TODAY): "this year" is 2026.
TODAY = date(2026, 11, 25)
SETS = {
    **{path.name: path for path in sorted((REPO / "tests" / "data").glob("*.jsonl")) if path != GOLDEN},
    "real-dev.jsonl": REPO.parent / "shared" / "eval" / "real-dev.jsonl",
    "real-dev-beyond.jsonl": REPO.parent / "shared" / "eval" / "real-dev-beyond.jsonl",
}


def golden_rows() -> list[dict]:
    """Every question of every set that is present, asked once each, in a fresh conversation."""
    from vested.core.assistant import Assistant

    assistant = Assistant(today=TODAY)
    rows = []
    for name, path in SETS.items():
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            question = json.loads(line)
            answer = assistant.ask(question["q"])
            calculation = answer.calculation
            rows.append(
                {
                    "set": name,
                    "id": question["id"],
                    "kind": answer.kind,
                    "entry": answer.entry,
                    "tool": calculation.tool if calculation else None,
                    "figures": calculation.outputs if calculation else None,
                }
            )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    args = parser.parse_args()
    lines = [json.dumps(row, sort_keys=True) for row in golden_rows()]
    if not args.check:
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} rows to {GOLDEN.relative_to(REPO)}")
        return 0
    recorded = GOLDEN.read_text(encoding="utf-8").splitlines()
    changed = [line for line in lines if line not in set(recorded)]
    for line in changed:
        print(line)
    print(f"{len(changed)} of {len(lines)} rows differ from {GOLDEN.relative_to(REPO)}", file=sys.stderr)
    return 1 if changed or len(recorded) != len(lines) else 0


if __name__ == "__main__":
    sys.exit(main())
