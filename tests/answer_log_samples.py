"""Answers to log in the answer-log tests, and helpers to run a log in another process.

Built by hand rather than by the Assistant so the log tests pin exactly what is stored
(and do not move when the matcher's wording does).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from vested.core.answer import Answer, CalculationRecord, SourceRef

GUIDE = SourceRef(
    source="guide-2025",
    title="What Is a 401k and How Does It Work?",
    section="Accessing Your 401k Funds",
    paragraph=1,
    quote="IRS rules permit loans up to 50% of the vested balance",
    as_of="2025",
)
PRIMER = SourceRef(
    source="primer-2025",
    title="401(k) primer",
    section="Loans",
    paragraph=2,
    quote="",
    as_of="2025",
)
NOTICE = SourceRef(source="irs-notice-2025-67", title="IRS Notice 2025-67", as_of="2025")


def loan_answer(question: str = "can I borrow from my plan") -> Answer:
    return Answer(
        question=question,
        kind="faq",
        answer="Yes, if your plan allows it: up to **half of your vested balance**, at most $50,000.",
        entry="loans.maximum",
        confidence=0.97,
        as_of="2025",
        sources=[GUIDE, PRIMER],
    )


def limit_answer() -> Answer:
    return Answer(
        question="what is the 2026 contribution limit",
        kind="faq",
        answer="For 2026 you can defer up to $24,500.00 of your pay.",
        entry="limits.deferral",
        confidence=0.91,
        as_of="2026",
        sources=[NOTICE],
    )


def calculation_answer() -> Answer:
    return Answer(
        question="max loan with 80k vested",
        kind="calculation",
        answer="You could borrow up to **$40,000.00**.",
        entry="loans.maximum",
        confidence=0.95,
        as_of="2025",
        sources=[GUIDE],
        calculation=CalculationRecord(
            tool="loan_maximum",
            inputs={"vested_balance": Decimal("80000")},
            outputs={"maximum": Decimal("40000.00")},
            steps=["50% of $80,000.00 vested = $40,000.00", "lower of $40,000.00 and $50,000.00"],
        ),
    )


def fallback_answer(question: str = "what is the weather") -> Answer:
    return Answer(
        question=question,
        kind="fallback",
        answer="I can't answer that from my knowledge base; I cover US 401(k) plans.",
        confidence=0.21,
    )


def clarify_answer() -> Answer:
    return Answer(
        question="how much can I borrow",
        kind="clarify",
        answer="How much of your balance is vested?",
        entry="loans.maximum",
        confidence=0.88,
    )


def numbered_answer(number: int, label: str) -> Answer:
    """A distinct answer with two sources, for the many-answers tests."""
    return Answer(
        question=f"{label} question {number}",
        kind="faq",
        answer=f"{label} answer {number}",
        entry="loans.maximum",
        confidence=0.9,
        sources=[GUIDE, PRIMER],
    )


class Clock:
    """A clock the tests move by hand, so stored times are pinned."""

    def __init__(self, start: datetime = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def table_count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def run_in_child(job: Callable[[], Any]) -> Any:
    """Run `job` in a forked child and return its JSON-able result (or raise its error).

    A fork, not a fresh interpreter, because some faults are set up in the child itself
    (dropping root, a file-size limit) and must not touch the test process.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(reader)
        try:
            payload = {"result": job()}
        except BaseException:
            payload = {"error": traceback.format_exc()}
        with os.fdopen(writer, "w") as pipe:
            json.dump(payload, pipe)
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not text:
        raise RuntimeError(f"child died without a result (wait status {status})")
    payload = json.loads(text)
    if "error" in payload:
        raise RuntimeError(payload["error"])
    return payload["result"]


def write_numbered(path: str, count: int, label: str) -> None:
    """Entry point for the two-process test: log `count` answers, print the notices."""
    from vested.log.writer import AnswerLog

    log = AnswerLog(Path(path), "ask", "kb-test")
    for number in range(count):
        log.record(numbered_answer(number, label), 1.0)
    json.dump(log.close(), sys.stdout)
