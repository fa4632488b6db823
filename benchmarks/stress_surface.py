"""The stress sections over the CLI surface: `ask` (batches, one by one, long lines, non-UTF-8),
`calc`, `walk --answers` and the `vested log` commands. See benchmarks/stress.py."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.stress_common import (
    TERMINAL_ACTIVE,
    Row,
    Worker,
    absurd,
    count,
    fold,
    percentile,
    run,
)
from benchmarks.stress_inputs import answers_file, calc_argv, hostile_question, log_argv, seed_questions

MAX_QUESTION_CHARS = 4000
BATCH = 500


def _replies(out: bytes) -> tuple[list[dict], int]:
    """The JSON lines of a batch, and how many lines were not JSON (or not UTF-8)."""
    replies, bad = [], 0
    for line in out.splitlines():
        try:
            replies.append(json.loads(line.decode("utf-8")))
        except (UnicodeDecodeError, ValueError):
            bad += 1
    return replies, bad


def _durations(db: Path) -> list[float]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        found = [value for (value,) in conn.execute("SELECT duration_ms FROM answers") if value is not None]
    conn.close()
    return found


def ask_batches(scale: float, folder: Path) -> list[Row]:
    """9,992 hostile questions in batches of 500 and 8 long lines, each batch its own process and log."""
    rng = random.Random(401)
    seeds = seed_questions()
    total = max(BATCH, round(9992 * scale))
    questions = [hostile_question(rng, seeds) for _ in range(total)]
    long_lines = [("401k loan 80k age 55 xyz " * 4100)[:100_000]] * 6 + [
        ("401k loan 80k age 55 xyz " * 41_000)[:1_000_000],
        ("ñ€😀 401k 5% 80k " * 100_000)[:1_500_000],
    ]
    batches = [questions[start : start + BATCH] for start in range(0, total, BATCH)] + [long_lines]
    tracebacks = nonzero = missing = not_json = shifted = lost_rows = internal = 0
    slowest_batch = long_seconds = 0.0
    durations: list[float] = []
    for number, batch in enumerate(batches):
        db = folder / f"batch-{number}.db"
        data = b"".join(line.encode("utf-8") + b"\n" for line in batch)
        result = run(["ask", "--json", "-"], db, data)
        tracebacks += result.traceback
        nonzero += result.code != 0
        replies, bad = _replies(result.out)
        not_json += bad
        missing += max(0, len(batch) - len(replies) - bad)
        for line, reply in zip(batch, replies, strict=False):
            expected = fold(line)
            if len(line) > MAX_QUESTION_CHARS:
                shifted += not (reply["question"].startswith(expected[:100]) and reply["kind"] == "fallback")
            else:
                shifted += reply["question"] != expected
            internal += "went wrong inside Vested" in reply["answer"]
        lost_rows += len(replies) - count(db, "answers")
        if batch is long_lines:
            long_seconds = result.seconds
        else:
            slowest_batch = max(slowest_batch, result.seconds)
            durations += _durations(db)
    asked = total + len(long_lines)
    return [
        Row(
            "`ask --json -` batches",
            f"{asked:,} questions: {total:,} in {len(batches) - 1} batches of up to {BATCH}, plus 8 long lines "
            "(6 × 100 KB, 1 × 1 MB, 1 × 1.5 MB)",
            tracebacks,
            f"{nonzero} non-zero exits",
            f"**{missing}** missing, {not_json} non-JSON, {shifted} shifted",
            str(lost_rows),
            f"{slowest_batch:.1f} s for a batch of {BATCH}; {long_seconds:.1f} s for the 8 long lines (refused: over "
            f"{MAX_QUESTION_CHARS:,} characters). Per question (log `duration_ms`): median "
            f"{statistics.median(durations):.1f} ms, p99 {percentile(durations, 0.99):.1f} ms, "
            f"max {max(durations):.0f} ms",
        ),
        Row(
            'same, internal errors turned into a "Something went wrong inside Vested" answer',
            f"{internal} of {asked:,}",
            0,
        ),
    ]


# The escape payloads of the hostile fragments: any of them in stdout came from a question.
_QUESTION_ESCAPES = (b"\x1b]0;", b"\x1b]52;", b"\x1b[2J", b"\xc2\x9b", b"\x07", b"\xe2\x80\xae", b"\x00", b"\x08")


def ask_one_by_one(scale: float, folder: Path) -> list[Row]:
    """Single questions rendered with rich, half of them with FORCE_COLOR=1."""
    rng = random.Random(402)
    seeds = seed_questions()
    total = max(10, round(300 * scale))
    questions = [hostile_question(rng, seeds).replace("\x00", "") for _ in range(total)]
    db = folder / "one-by-one.db"

    def one(number: int) -> tuple[int, bool, bool, bool]:
        env = {"FORCE_COLOR": "1"} if number % 2 else {}
        result = run(["ask", questions[number]], db, env=env, timeout=120)
        usage = result.code == 2 and result.err.startswith(b"vested: ") and result.err.count(b"\n") == 1
        leaked = any(escape in result.out for escape in _QUESTION_ESCAPES)
        return result.code, result.traceback, result.code not in (0,) and not usage, leaked

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(one, range(total)))
    refusals = sum(code == 2 for code, *_ in outcomes)
    durations = _durations(db)
    return [
        Row(
            '`ask "<q>"` one by one (rich rendering; half run with FORCE_COLOR=1)',
            f"{total:,}",
            sum(traceback for _, traceback, _, _ in outcomes),
            f"{sum(wrong for *_, wrong, _ in outcomes)} (and {refusals} × exit 2 for blank questions, one line each)",
            f"{sum(leaked for *_, leaked in outcomes)} runs where a control character from the question reached stdout",
            "–",
            f"{max(durations):.0f} ms compute" if durations else "–",
        )
    ]


def long_lines(scale: float, folder: Path) -> list[Row]:
    """Every stage of the assistant on long lines heavy in numbers, in process (the CLI refuses them)."""
    from vested.core.assistant import Assistant

    assistant = Assistant()
    assistant.ask("warm up")
    sizes = [25_000, 50_000, 100_000, 200_000, 400_000, 1_000_000]
    sizes = [size for size in sizes if size <= 1_000_000 * scale]
    seconds = []
    for size in sizes:
        line = ("401k loan 80k age 55 xyz " * (size // 25 + 1))[:size]
        started = time.perf_counter()
        assistant.ask(line)
        seconds.append(time.perf_counter() - started)
    refused = run(["ask", "--json", "-"], folder / "long.db", ("401k loan 80k age 55 xyz " * 40_000).encode())
    per_kb = [1000 * second / (size / 1000) for size, second in zip(sizes, seconds, strict=True)]
    labels = " / ".join(f"{size // 1000:,} KB" if size < 1_000_000 else "1 MB" for size in sizes)
    return [
        Row(
            "Long lines heavy in numbers (every stage, in process; the CLI refuses lines over 4,000 characters)",
            labels,
            int(refused.traceback),
            f"CLI on a 1 MB line: exit {refused.code}, {refused.seconds:.1f} s",
            "–",
            "–",
            " / ".join(f"{second:.1f} s" for second in seconds)
            + f": linear, {min(per_kb):.0f} to {max(per_kb):.0f} ms per KB",
        )
    ]


def non_utf8(scale: float, folder: Path) -> list[Row]:
    """1,000 lines with one Latin-1 line (line 11), under three stdio encodings."""
    lines = [f"what is an RMD {number}".encode() for number in range(max(100, round(1000 * scale)))]
    lines[10] = b"caf\xe9 401k"
    data = b"\n".join(lines) + b"\n"
    settings = {
        "C.UTF-8": {"LANG": "C.UTF-8"},
        "strict UTF-8": {"PYTHONIOENCODING": "utf-8"},
        "C locale": {"LC_ALL": "C"},
    }
    tracebacks = lost_lines = lost_rows = 0
    for name, env in settings.items():
        db = folder / f"latin1-{name}.db"
        result = run(["ask", "--json", "-"], db, data, env=env)
        tracebacks += result.traceback
        replies, _ = _replies(result.out)
        lost_lines += len(lines) - len(replies)
        lost_rows += len(lines) - count(db, "answers")
    return [
        Row(
            "`ask --json -` with 1 non-UTF-8 line in 1,000",
            f"{len(settings)} runs ({', '.join(settings)}), {len(lines):,} lines each",
            tracebacks,
            "–",
            f"{lost_lines} (every line valid UTF-8 JSON)",
            str(lost_rows),
            "–",
        )
    ]


def _in_workers(requests: list[tuple[list[str], bytes]], timeout: float = 20.0) -> list[dict]:
    workers = [Worker(timeout), Worker(timeout)]
    chunks = [requests[0::2], requests[1::2]]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            halves = list(
                pool.map(
                    lambda pair: [pair[0].call(argv, stdin) for argv, stdin in pair[1]],
                    zip(workers, chunks, strict=True),
                )
            )
    finally:
        for worker in workers:
            worker.close()
    return [reply for half in halves for reply in half]


def _short_refusal(reply: dict, listed: bool = False) -> bool:
    lines = reply["err"].rstrip("\n").splitlines()
    return (
        bool(lines) and lines[0].startswith("vested") and all(listed and line.startswith("  - ") for line in lines[1:])
    )


def _classify(
    replies: list[dict], allowed: tuple[int, ...], listed: bool = False, read: bool = True
) -> tuple[int, int, int, int]:
    """(tracebacks, hangs, wrong exits or refusals of more than a line, absurd outputs)."""
    tracebacks = hangs = wrong = absurd_outputs = 0
    for reply in replies:
        if reply.get("hung"):
            hangs += 1
        elif reply["traceback"] or reply["code"] == 70:
            tracebacks += 1
        elif reply["code"] not in allowed or (reply["code"] == 2 and not _short_refusal(reply, listed)):
            wrong += 1
        elif read and reply["code"] == 0 and '"answer"' in reply["out"]:
            texts = []
            for line in reply["out"].splitlines():
                data = json.loads(line)
                texts += [scenario["answer"]["answer"] for scenario in data.get("scenarios", [])] or [
                    data.get("answer", "")
                ]
            absurd_outputs += any(absurd(text) for text in texts)
    return tracebacks, hangs, wrong, absurd_outputs


def calc(scale: float, folder: Path) -> list[Row]:
    from vested.calculate import registry

    rng = random.Random(403)
    specs = registry()
    requests = [(["--no-log", *calc_argv(rng, specs)], b"") for _ in range(max(30, round(3000 * scale)))]
    replies = _in_workers(requests)
    tracebacks, hangs, wrong, absurd_outputs = _classify(replies, (0, 2))
    answered = sum(reply["code"] == 0 for reply in replies)
    refused = sum(reply["code"] == 2 for reply in replies)
    return [
        Row(
            f"`calc` ({len(specs)} calculators, in process)",
            f"{len(requests):,} invocations",
            tracebacks,
            f"{wrong + hangs} ({hangs} hangs); {refused:,} refusals, each exit 2 with one line; {answered:,} answered, "
            f"{absurd_outputs} of them with a negative amount or a share over 100%",
            "–",
            "–",
            f"{max(reply.get('seconds', 0) for reply in replies):.1f} s",
        )
    ]


def walk(scale: float, folder: Path) -> list[Row]:
    from vested.walkthroughs import registry

    rng = random.Random(404)
    flows = registry()
    requests = []
    for number in range(max(15, round(1500 * scale))):
        name, content = answers_file(rng, flows)
        path = folder / f"answers-{number}.json"
        path.write_bytes(content)
        requests.append((["--no-log", "walk", name, "--answers", str(path), "--json"], b""))
    for source in ("/dev/zero", "/dev/urandom", "/dev/null", str(folder), str(folder / "missing.json")):
        requests.append((["--no-log", "walk", "projection", "--answers", source], b""))
    replies = _in_workers(requests)
    tracebacks, hangs, wrong, absurd_outputs = _classify(replies, (0, 2), listed=True)
    refused = sum(reply["code"] == 2 for reply in replies)
    return [
        Row(
            f"`walk` ({len(flows)} walkthroughs, in process)",
            f"{len(requests):,} answers files",
            tracebacks,
            f"{wrong} wrong exits, **{hangs} hangs** (killed at 20 s); {refused:,} refusals (exit 2, one line a "
            f"problem); {absurd_outputs} answers with a negative amount or a share over 100%",
            "–",
            "–",
            f"{max(reply.get('seconds', 0) for reply in replies):.1f} s",
        )
    ]


def _hostile_log(path: Path) -> None:
    from vested.core.answer import Answer
    from vested.log.writer import AnswerLog

    rng = random.Random(405)
    seeds = seed_questions()
    log = AnswerLog(path, "ask", "kb")
    for _ in range(200):
        question = hostile_question(rng, seeds)
        log.record(
            Answer(question=question, kind=rng.choice(["faq", "fallback"]), answer=f"echo {question}", confidence=0.5),
            1.0,
        )
    log.close()


def log_cli(scale: float, folder: Path) -> list[Row]:
    rng = random.Random(406)
    db = folder / "hostile-log.db"
    _hostile_log(db)
    commands = [log_argv(rng) for _ in range(max(40, round(390 * scale)))]
    replies = _in_workers([(["--db", str(db), *argv], stdin.encode()) for argv, stdin in commands])
    tracebacks, hangs, wrong, _ = _classify(replies, (0, 1, 2), read=False)
    leaks = formulas = 0
    for (argv, _), reply in zip(commands, replies, strict=True):
        out = reply.get("out", "").encode("utf-8", "surrogatepass")
        leaks += bool(TERMINAL_ACTIVE.search(out.replace(b"\n", b"").replace(b"\t", b"")))
        if "--csv" in argv and reply.get("code") == 0:
            rows = list(csv.reader(io.StringIO(reply["out"])))[1:]
            formulas += any(cell[:1] in ("=", "+", "-", "@") for row in rows for cell in row)
    sinks = 0
    for argv in (
        ["log", "--json"],
        ["log", "--csv"],
        ["log", "show", "1"],
        ["log", "stats"],
        ["ask", "what is an RMD"],
        ["ask", "--json", "what is an RMD"],
        ["calc", "loan_maximum", "--vested", "80000"],
    ):
        with open("/dev/full", "wb") as full:
            result = run(argv, db, stdout=full)
        closed = run(argv, db, stdout=None, preexec_fn=lambda: os.close(1))
        sinks += result.traceback + closed.traceback
    return [
        Row(
            "`log` CLI (queries, dates, ids, sinks)",
            f"{len(commands) + 14:,} ({len(commands)} commands on a log of 200 hostile questions; 7 commands into "
            "/dev/full and 7 with stdout closed)",
            tracebacks + sinks,
            f"{wrong + hangs}; {leaks} outputs with a control character; {formulas} CSV exports with a formula cell",
            "–",
            "–",
            f"{max(reply.get('seconds', 0) for reply in replies):.1f} s",
        )
    ]
