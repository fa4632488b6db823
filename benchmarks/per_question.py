"""What one question costs once Vested is running: issue 16's "at most 2 ms median" measure.

Every question of real-dev (../shared/eval/real-dev.jsonl) and of the sets in tests/data is
asked once, in one process, after a warm-up of a few questions: the whole `Assistant.ask`
(reading, matching, routing, the reply), then only the matcher's share (`rank_reading` on the
question's Reading, as `ask` calls it). The table gives each set's median / 90th percentile
milliseconds per question, by the wall clock and in the process's CPU time (the steadier on a
shared machine), each the median of the rounds.

    .venv/bin/python benchmarks/per_question.py [--runs 3]    # --runs 0 with --before: only compare the rankings

    git archive <commit> src knowledge | tar -x -C /tmp/before            # another version, measured alongside
    .venv/bin/python benchmarks/per_question.py --before /tmp/before/src

With --before, each round also runs that version's code (PYTHONPATH=SRC, the same interpreter
and packages), in an order alternating from round to round, so the two compare on the same
machine load; and both versions' rankings of every question (every entry's score, phrase and
lexical signals, as `rank_reading` and `rank` return them) are compared float for float.
Each version keeps its compiled knowledge in its own temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)  # as tests/conftest.py and benchmarks/golden.py pin it
SETS = {
    "real-dev": REPO.parent / "shared" / "eval" / "real-dev.jsonl",
    **{path.stem: path for path in sorted((REPO / "tests" / "data").glob("*.jsonl")) if path.stem != "golden"},
}
WARM_UP = 5
# Wall-clock and CPU milliseconds of the whole ask and of the matcher's share: on a shared
# machine the CPU time of the process is the steadier of the two.
PARTS = ("ask", "ask cpu", "match", "match cpu")


def questions(path: Path) -> list[str]:
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def worker(mode: str) -> None:
    """Print, as JSON, each set's per-question milliseconds (mode "time") or every ranking (mode "scores")."""
    from vested.core.assistant import CANDIDATE_ENTRIES, Assistant

    assistant = Assistant(today=TODAY)
    matcher = assistant.matcher
    asked = {name: questions(path) for name, path in SETS.items() if path.is_file()}
    if mode == "scores":
        everything = len(matcher.entries)
        rankings = {
            name: [
                [
                    [
                        (m.entry.id, m.score, m.phrase, m.lexical)
                        for m in matcher.rank_reading(assistant.read(q), everything)
                    ],
                    [(m.entry.id, m.score, m.phrase, m.lexical) for m in matcher.rank(q, everything)],
                ]
                for q in qs
            ]
            for name, qs in asked.items()
        }
        print(json.dumps(rankings))
        return
    for question in asked["dev"][:WARM_UP]:
        assistant.ask(question)
    timings: dict[str, dict[str, list[float]]] = {part: {} for part in PARTS}
    for name, qs in asked.items():
        for part in PARTS:
            timings[part][name] = []
        for question in qs:  # both measures of a question side by side, under the same machine load
            wall, cpu = time.perf_counter(), time.process_time()
            assistant.ask(question)
            timings["ask"][name].append((time.perf_counter() - wall) * 1000)
            timings["ask cpu"][name].append((time.process_time() - cpu) * 1000)
            reading = assistant.read(question)
            wall, cpu = time.perf_counter(), time.process_time()
            matcher.rank_reading(reading, CANDIDATE_ENTRIES)
            timings["match"][name].append((time.perf_counter() - wall) * 1000)
            timings["match cpu"][name].append((time.process_time() - cpu) * 1000)
    print(json.dumps(timings))


def ranked(rankings: list[list[list]]) -> list[list[tuple]]:
    """The entries in order with their scores (rounded by the matcher), without the raw signals."""
    return [[(entry, score) for entry, score, _, _ in ranking] for ranking in rankings]


def run(src: Path, mode: str, cache: Path) -> dict:
    """One worker over the version in src. The hash seed is fixed: sums over a set of words add
    in the order of its hashes, so a float's last digits may differ from one process to another."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(src),
        "PYTHONHASHSEED": "0",
        "VESTED_CACHE": str(cache),
        "VESTED_DB": str(cache / "log.db"),
    }
    done = subprocess.run(
        [sys.executable, __file__, "--worker", mode], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another version's src folder, measured alongside")
    parser.add_argument("--worker", choices=("time", "scores"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(arguments.worker)
        return 0
    versions = {"this": REPO / "src"}
    if arguments.before:
        versions = {"before": arguments.before.resolve(), **versions}
    with tempfile.TemporaryDirectory() as scratch:
        caches = {name: Path(scratch) / name for name in versions}
        for cache in caches.values():
            cache.mkdir()
        rounds: dict[str, list[dict]] = {name: [] for name in versions}
        for round_number in range(arguments.runs):
            order = list(versions) if round_number % 2 == 0 else list(versions)[::-1]
            for name in order:
                rounds[name].append(run(versions[name], "time", caches[name]))
        differ = reordered = None
        if arguments.before:
            with ThreadPoolExecutor() as pool:  # side by side: nothing is timed
                before, this = pool.map(lambda name: run(versions[name], "scores", caches[name]), ("before", "this"))
            pairs = [pair for name in before for pair in zip(before[name], this[name], strict=True)]
            differ = sum(1 for old, new in pairs if old != new)
            reordered = sum(1 for old, new in pairs if ranked(old) != ranked(new))
    if arguments.runs:
        header = " | ".join(f"{name}: {part}" for name in versions for part in PARTS)
        print(f"| set | questions | {header} |")
        print("|---|---:|" + "---:|" * len(PARTS) * len(versions))
        for set_name in rounds["this"][0]["ask"]:
            cells = []
            for name in versions:
                for part in PARTS:
                    per_round = [timing[part][set_name] for timing in rounds[name]]
                    median = statistics.median(statistics.median(spent) for spent in per_round)
                    p90 = statistics.median(percentile(spent, 0.9) for spent in per_round)
                    cells.append(f"{median:.2f} / {p90:.2f}")
            count = len(rounds["this"][0]["ask"][set_name])
            print(f"| {set_name} | {count} | " + " | ".join(cells) + " |")
    if differ is not None:
        print(f"\nQuestions whose rankings differ (every entry's score, phrase and lexical, float for float): {differ}")
        print(f"Questions whose entries come in another order or with another (rounded) score: {reordered}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
