"""What the stress sections share: a figures row, running `vested` as a process or in a worker,
and checks on a log file. See benchmarks/stress.py."""

from __future__ import annotations

import base64
import json
import os
import re
import select
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VESTED = [sys.executable, "-m", "vested.cli"]
INTERNAL_ERROR = 70
TERMINAL_ACTIVE = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
SHARE = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)%")
COLUMNS = (
    "Area",
    "Inputs tried",
    "Tracebacks (exit 1)",
    "Other wrong exits / hangs",
    "Lost output lines",
    "Lost log rows",
    "Slowest",
)


@dataclass
class Row:
    """One line of the figures table, in the review's columns."""

    area: str
    inputs: str
    tracebacks: int | str = 0
    wrong: str = "0"
    lost_lines: str = "–"
    lost_rows: str = "–"
    slowest: str = "–"

    def cells(self) -> list[str]:
        return [self.area, self.inputs, str(self.tracebacks), self.wrong, self.lost_lines, self.lost_rows, self.slowest]


def table(rows: Sequence[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |" for row in rows]
    return "\n".join(lines)


@dataclass
class Result:
    code: int
    out: bytes
    err: bytes
    seconds: float
    hung: bool = False

    @property
    def traceback(self) -> bool:
        """What the review counted: a Python traceback, or Vested's own internal-error exit."""
        return b"Traceback" in self.err or self.code == INTERNAL_ERROR


def run(
    argv: Sequence[str], db: Path, stdin: bytes = b"", env: dict | None = None, timeout: float = 600, **options
) -> Result:
    """`vested ARGV` as its own process, the log at db."""
    environment = {**os.environ, "VESTED_DB": str(db), "COLUMNS": "80", **(env or {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    started = time.perf_counter()
    try:
        done = subprocess.run([*VESTED, *argv], input=stdin, env=environment, timeout=timeout, check=False, **streams)
    except subprocess.TimeoutExpired as expired:
        return Result(-9, expired.stdout or b"", expired.stderr or b"", time.perf_counter() - started, hung=True)
    return Result(done.returncode, done.stdout or b"", done.stderr or b"", time.perf_counter() - started)


def fold(text: str) -> str:
    """A question as the assistant keeps it: whitespace folded."""
    return " ".join(text.split())


def count(db: Path, table_name: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        found = conn.execute(f"SELECT count(*) FROM {table_name}").fetchone()[0]
    conn.close()
    return found


def integrity_problems(db: Path) -> list[str]:
    """SQLite's integrity, foreign keys, the full-text index, and sources without an answer."""
    problems = []
    with sqlite3.connect(db) as conn:
        if (verdict := conn.execute("PRAGMA integrity_check").fetchone()[0]) != "ok":
            problems.append(verdict)
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign keys")
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'answers_fts'").fetchone():
            try:
                conn.execute("INSERT INTO answers_fts(answers_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as error:
                problems.append(f"fts: {error}")
    conn.close()
    return problems


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def absurd(text: str) -> bool:
    """A negative amount or a share over 100% in what a person reads."""
    return "-$" in text or any(float(share.replace(",", "")) > 100 for share in SHARE.findall(text))


class Worker:
    """A process running `vested` commands in process (benchmarks/stress_worker.py), restarted
    after a hang; replies within `timeout` seconds or the request counts as hung."""

    def __init__(self, timeout: float = 20.0):
        self.timeout = timeout
        self.process: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        environment = {**os.environ, "COLUMNS": "80", "PYTHONPATH": str(REPO)}
        return subprocess.Popen(
            [sys.executable, "-m", "benchmarks.stress_worker"],
            cwd=REPO,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def call(self, argv: Sequence[str], stdin: bytes = b"") -> dict:
        fresh = self.process is None or self.process.poll() is not None
        if fresh:
            self.process = self._start()
        request = {"argv": list(argv), "stdin": base64.b64encode(stdin).decode()}
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        started = time.perf_counter()
        ready, _, _ = select.select([self.process.stdout], [], [], self.timeout + (30 if fresh else 0))
        if not ready:
            self.close()
            return {"hung": True, "code": None, "out": "", "err": "", "traceback": None}
        reply = json.loads(
            self.process.stdout.readline() or '{"code": null, "out": "", "err": "", "traceback": "died"}'
        )
        reply["seconds"] = time.perf_counter() - started
        return reply

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
