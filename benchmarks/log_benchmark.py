"""The answer log at 100,000 answers: how long `vested log -q` and `vested log stats` take.

A benchmark, not a test: it prints timings (and a Markdown table for benchmarks/README.md)
and asserts nothing. It builds a synthetic log shaped like real use (sessions of a few
answers, mostly FAQ answers citing the knowledge base's own sources, about one in eight
falling back), first at schema version 1 (no lookup indexes), then upgrades it, so the
numbers also show what migration 0002_lookup_indexes buys.

    .venv/bin/python benchmarks/log_benchmark.py [--answers 100000] [--keep PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vested.core.answer import Answer, SourceRef
from vested.knowledge import load_knowledge_base
from vested.log.database import connect, prepare
from vested.log.migrations import apply_migrations
from vested.log.queries import LogFilter, latest_answers, log_stats
from vested.log.rows import source_rows
from vested.log.writer import AnswerLog, iso_utc

VESTED = Path(sys.executable).with_name("vested")
OFF_TOPIC = [
    "what is the weather tomorrow",
    "best pizza in town",
    "how do I open a roth ira at a bank",
    "should I buy bitcoin",
    "how much is my house worth",
    "what are hsa contribution limits",
    "can I deduct my mortgage interest",
    "how do annuities work",
    "what is a 529 plan",
    "how do I file my taxes",
    "how much social security will I get",
    "what is a pension buyout",
]
KIND_WEIGHTS = {"faq": 70, "calculation": 12, "clarify": 5, "fallback": 13}


def synthetic_rows(answers: int, seed: int = 401) -> tuple[list[dict], list[dict], list[dict]]:
    """Sessions, answers and answer_sources rows drawn from the real knowledge base."""
    kb = load_knowledge_base()
    rng = random.Random(seed)
    entries = list(kb.entries)
    rng.shuffle(entries)
    popularity = [1 / (rank + 1) for rank in range(len(entries))]  # a few entries dominate
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    start = datetime(2025, 11, 25, tzinfo=UTC)
    sessions: list[dict] = []
    rows: list[dict] = []
    sources: list[dict] = []
    moment = start
    while len(rows) < answers:
        moment += timedelta(minutes=rng.randint(5, 50))  # 100,000 answers make about a year
        session_id = len(sessions) + 1
        sessions.append(
            {
                "id": session_id,
                "started_at": iso_utc(moment),
                "interface": rng.choice(["chat", "chat", "ask", "calc", "walk"]),
                "app_version": "0.1.0",
                "kb_hash": kb.digest,
            }
        )
        for _ in range(min(rng.randint(1, 12), answers - len(rows))):
            moment += timedelta(seconds=rng.randint(5, 120))
            kind = rng.choices(kinds, weights)[0]
            answer_id = len(rows) + 1
            if kind == "fallback":
                question = rng.choice(OFF_TOPIC) + rng.choice(["", "?", " please"])
                answer = Answer(question=question, kind=kind, answer="Outside what I cover.", confidence=0.3)
            else:
                entry = rng.choices(entries, popularity)[0]
                question = rng.choice([entry.question, *entry.alternates])
                cited = [
                    SourceRef(
                        source=c.source,
                        title=kb.sources[c.source].title if c.source in kb.sources else c.source,
                        section=c.section,
                        paragraph=c.paragraph,
                        quote=c.quote,
                    )
                    for c in entry.citations
                ]
                answer = Answer(
                    question=question,
                    kind=kind,
                    answer=entry.answer,
                    entry=entry.id,
                    confidence=round(rng.uniform(0.8, 1.0), 3),
                    as_of=entry.as_of,
                    sources=cited,
                )
            rows.append(
                {
                    "id": answer_id,
                    "session_id": session_id,
                    "asked_at": iso_utc(moment),
                    "question": answer.question,
                    "kind": answer.kind,
                    "entry": answer.entry,
                    "confidence": answer.confidence,
                    "answer": answer.answer,
                    "as_of": answer.as_of,
                    "calculation": None,
                    "duration_ms": round(rng.uniform(2, 60), 1),
                }
            )
            sources.extend({"answer_id": answer_id, **source} for source in source_rows(answer))
    return sessions, rows, sources


def build_version_1(path: Path, answers: int) -> float:
    """The log as the first schema would hold it after a long time in use; returns seconds."""
    started = time.perf_counter()
    sessions, rows, sources = synthetic_rows(answers)
    db = connect(path)
    apply_migrations(db, stop_before="0002_lookup_indexes")
    db.execute("BEGIN")
    for table, table_rows in (("sessions", sessions), ("answers", rows), ("answer_sources", sources)):
        columns = list(table_rows[0])
        db.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            [[row[column] for column in columns] for row in table_rows],
        )
    db.execute("COMMIT")
    db.close()
    return time.perf_counter() - started


def opened(path: Path) -> sqlite3.Connection:
    """The log as the writer opens it: checked, WAL, migrated."""
    db = connect(path)
    prepare(db, path)
    return db


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) milliseconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append((time.perf_counter() - started) * 1000)
    return min(runs), statistics.median(runs)


def query_timings(db: sqlite3.Connection, repeat: int) -> dict[str, tuple[float, float]]:
    return {
        "latest 20 (`vested log`)": timed(lambda: latest_answers(db, LogFilter(), 20), repeat),
        "-q loan": timed(lambda: latest_answers(db, LogFilter(text="loan"), 20), repeat),
        "-q 'hardship withdrawal'": timed(
            lambda: latest_answers(db, LogFilter(text="hardship withdrawal"), 20), repeat
        ),
        "--source faq-2019": timed(lambda: latest_answers(db, LogFilter(source="faq-2019"), 20), repeat),
        "--kind clarify --since 2026-11-01": timed(
            lambda: latest_answers(db, LogFilter(kind="clarify", since="2026-11-01T00:00:00Z"), 20), repeat
        ),
        "--session 5000": timed(lambda: latest_answers(db, LogFilter(session=5000), 20), repeat),
        "stats": timed(lambda: log_stats(db), repeat),
        "stats --since 2026-11-01": timed(lambda: log_stats(db, since="2026-11-01T00:00:00Z"), repeat),
    }


def cli_timings(path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Whole commands, as a user runs them: interpreter start-up included."""
    environment = {**os.environ, "COLUMNS": "80"}

    def run(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run(
            [str(VESTED), "--db", str(path), "log", *args],
            check=True,
            capture_output=True,
            env=environment,
        )

    return {
        "vested log": timed(run(), repeat),
        "vested log -q loan": timed(run("-q", "loan"), repeat),
        "vested log -q 'rollover ira' --kind faq": timed(run("-q", "rollover ira", "--kind", "faq"), repeat),
        "vested log stats": timed(run("stats"), repeat),
        "vested log path": timed(run("path"), repeat),
    }


def write_throughput(folder: Path, count: int = 300) -> float:
    """Milliseconds per AnswerLog.record (one transaction with fsync each, written by the log's
    thread while `record` waits for it), on this disk."""
    log = AnswerLog(folder / "throughput.db", "ask", "kb")
    answer = Answer(
        question="can I borrow from my 401k",
        kind="faq",
        answer="Yes, up to half the vested balance.",
        confidence=1.0,
        sources=[SourceRef(source="guide-2025", title="guide"), SourceRef(source="faq-2019", title="faq")],
    )
    log.record(answer, 1.0)  # the first record opens and migrates the file
    started = time.perf_counter()
    for _ in range(count):
        log.record(answer, 1.0)
    elapsed = (time.perf_counter() - started) * 1000 / count
    log.close()
    return elapsed


def table(title: str, timings: dict[str, tuple[float, float]]) -> str:
    lines = [f"| {title} | best ms | median ms |", "|---|---:|---:|"]
    lines += [f"| {name} | {best:.1f} | {median:.1f} |" for name, (best, median) in timings.items()]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", metavar="PATH", help="keep the built log here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="vested-log-bench-"))
    path = folder / "answers.db"
    try:
        build_seconds = build_version_1(path, args.answers)
        db = connect(path)
        counts = {
            name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("sessions", "answers", "answer_sources")
        }
        print(f"built {counts} in {build_seconds:.1f} s; file {path.stat().st_size / 1e6:.1f} MB")
        before = query_timings(db, args.repeat)
        db.close()

        started = time.perf_counter()
        opened(path).close()
        upgrade_ms = (time.perf_counter() - started) * 1000
        print(f"upgrade from version 1 (0002_lookup_indexes) took {upgrade_ms:.0f} ms")

        db = opened(path)
        after = query_timings(db, args.repeat)
        db.close()
        commands = cli_timings(path, args.repeat)
        per_record = write_throughput(folder)

        print()
        print("| query (in process) | v1, no indexes: best ms | latest: best ms | latest: median ms |")
        print("|---|---:|---:|---:|")
        for name in after:
            print(f"| {name} | {before[name][0]:.2f} | {after[name][0]:.2f} | {after[name][1]:.2f} |")
        print()
        print(table("command (whole process)", commands))
        print()
        print(f"AnswerLog.record: {per_record:.2f} ms per answer (one transaction each, 2 sources)")
        print(f"python {sys.version.split()[0]}, SQLite {__import__('sqlite3').sqlite_version}")
        if args.keep:
            shutil.copy(path, args.keep)
            print(f"kept the log at {args.keep}")
    finally:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
