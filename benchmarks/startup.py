"""How long Vested takes to start, as a script and a person see it.

`vested ask` as a new process, beside a bare `python -c pass` run in the same rounds (the
machine is shared, so only figures taken side by side compare): the FAQ question piped,
as JSON, as JSON without the answer log, to a terminal (a pseudo-terminal), a calculation
piped and to a terminal, and the cost of one more question in a `vested ask --json -`
batch. Each round runs every measure once, in an order rotated from round to round; the
table gives the median of the rounds and its ratio to the bare interpreter's. Targets
(issue 20): piped or JSON, median <= 100 ms and <= 10x bare Python; to a terminal <= 150 ms.

Then the chat: the real `vested --no-log --debug-timing` in a pseudo-terminal of each size,
timed from process spawn until the welcome text is on the terminal, with the chat's own
timing line (imports, first frame, knowledge base ready). Target: first paint within 1 s.

    .venv/bin/python benchmarks/startup.py                  # both, 10 rounds
    .venv/bin/python benchmarks/startup.py --only ask --runs 15
    .venv/bin/python benchmarks/startup.py --only chat --runs 3 --size 200x60
    .venv/bin/python benchmarks/startup.py --importtime     # the slowest imports of `vested ask --json`

    git archive <commit> | tar -x -C /tmp/before             # another version, measured alongside
    .venv/bin/python benchmarks/startup.py --before /tmp/before/src

With --before, every measure also runs that version's code (PYTHONPATH=SRC, the same
interpreter and packages) in the same rounds, so the two compare on the same machine load.
The processes run without PYTHONDONTWRITEBYTECODE, after a warm-up run of each measure, so
Vested's modules load from bytecode and the compiled knowledge cache is current, as in an
installed copy. HOME is a temporary folder, so the answer log and the cache are where a user's
are, found as Vested finds them.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARKER = b"not tax or legal advice"
TIMING = re.compile(rb"start-up: ([^\r\n]+)")
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[PX^_][^\x1b]*\x1b\\|.)")
LIMIT_SECONDS = 20.0
# A warm-up may build the compiled knowledge (the matcher's perceptrons train for half a minute or more).
WARM_UP_LIMIT_SECONDS = 300.0
FAQ = "what is a 401k"
CALCULATION = "I have $80,000 vested. How much can I borrow?"
BATCH = 200  # questions of tests/data/paraphrases.jsonl in the long batch, after the calculation
PIPED_TARGET_MS, PIPED_TARGET_RATIO, TERMINAL_TARGET_MS = 100.0, 10.0, 150.0


def vested_command() -> list[str]:
    script = REPO / ".venv" / "bin" / "vested"
    if script.exists():
        return [str(script)]
    found = shutil.which("vested")
    return [found] if found else [sys.executable, "-m", "vested.cli"]


def child_environment(home: Path, columns: int = 80, rows: int = 24, source: Path | None = None) -> dict[str, str]:
    """The user's environment with HOME in a folder of home's, bytecode written and kept: the answer log,
    the compiled knowledge and the history go where a user's do, found as Vested finds them (no $VESTED_DB
    or $VESTED_CACHE, no $XDG_* folders). With source, Vested's code is imported from there, with a home
    of its own (two versions sharing a compiled-knowledge cache would rebuild it on every run, each
    finding the other's key)."""
    user_home = home / ("home" if source is None else "home-before")
    user_home.mkdir(exist_ok=True)
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith(("VESTED_", "XDG_"))},
        "HOME": str(user_home),
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "LINES": str(rows),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    return env


def read_until(fd: int, wanted: bytes | re.Pattern[bytes] | None, deadline: float) -> bytes:
    """Read the terminal until wanted shows up in the text (escape codes removed), or to its end when None."""
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: every process holding the terminal has exited
            chunk = b""
        if not chunk:
            if wanted is None:
                return seen
            break
        seen += chunk
        if wanted is None:
            continue
        plain = ANSI.sub(b"", seen)
        if (wanted in plain) if isinstance(wanted, bytes) else wanted.search(plain):
            return plain
    raise TimeoutError(f"{wanted!r} did not appear in time")


def open_terminal(columns: int, rows: int) -> tuple[int, int]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return leader, follower


# ---------------------------------------------------------------- vested ask, as a new process


@dataclass(frozen=True)
class Measure:
    """One command timed from spawn to exit (or to its first line out), its output piped or on a pseudo-terminal."""

    label: str
    argv: tuple[str, ...]
    terminal: bool = False
    stdin: str | None = None
    first_line: bool = False  # timed until the first line is out, not until exit (the log writes after it)

    def run(self, env: dict[str, str]) -> float:
        """Milliseconds from spawn to exit (or the first line); a command that fails stops the benchmark."""
        return self._in_terminal(env) if self.terminal else self._piped(env)

    def _piped(self, env: dict[str, str]) -> float:
        started = time.perf_counter()
        process = subprocess.Popen(
            self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO
        )
        assert process.stdout is not None
        if self.first_line:
            process.stdout.readline()
        elapsed = (time.perf_counter() - started) * 1000
        _, errors = process.communicate(self.stdin.encode() if self.stdin else None, timeout=LIMIT_SECONDS)
        if not self.first_line:
            elapsed = (time.perf_counter() - started) * 1000
        if process.returncode != 0:
            raise RuntimeError(f"{self.label}: exit {process.returncode}: {errors.decode().strip()}")
        return elapsed

    def _in_terminal(self, env: dict[str, str]) -> float:
        leader, follower = open_terminal(80, 24)
        started = time.perf_counter()
        process = subprocess.Popen(
            self.argv, stdin=follower, stdout=follower, stderr=follower, env=env, cwd=REPO, start_new_session=True
        )
        os.close(follower)
        try:
            read_until(leader, None, time.monotonic() + LIMIT_SECONDS)
            status = process.wait(timeout=LIMIT_SECONDS)
            elapsed = (time.perf_counter() - started) * 1000
        finally:
            os.close(leader)
        if status != 0:
            raise RuntimeError(f"{self.label}: exit {status}")
        return elapsed


def batch_questions(count: int) -> str:
    """The calculation, then count questions of the paraphrase set: both batches load the calculators
    (once, with the calculation), so the longer one differs by the questions alone."""
    lines = (REPO / "tests" / "data" / "paraphrases.jsonl").read_text(encoding="utf-8").splitlines()
    return "".join(question + "\n" for question in [CALCULATION, *(json.loads(line)["q"] for line in lines[:count])])


def ask_measures() -> list[Measure]:
    vested = (*vested_command(), "ask")
    return [
        Measure("python -c pass", (sys.executable, "-c", "pass")),
        Measure(f"ask {FAQ!r}, piped", (*vested, FAQ)),
        Measure("ask --json, piped", (*vested, "--json", FAQ)),
        Measure("ask --json, piped: until the answer is out", (*vested, "--json", FAQ), first_line=True),
        Measure("ask --json --no-log, piped", (*vested, "--json", "--no-log", FAQ)),
        Measure("ask, to a terminal", (*vested, FAQ), terminal=True),
        Measure("calculation, piped", (*vested, CALCULATION)),
        Measure("calculation, to a terminal", (*vested, CALCULATION), terminal=True),
        Measure("ask --json - (the calculation)", (*vested, "--json", "-"), stdin=batch_questions(0)),
        Measure(f"ask --json - (it and {BATCH} questions)", (*vested, "--json", "-"), stdin=batch_questions(BATCH)),
    ]


def target(label: str, median: float, ratio: float) -> str:
    if label.startswith(("python", "ask --json - (")):  # the bare interpreter and the batches have no target
        return ""
    if "terminal" in label:
        return "met" if median <= TERMINAL_TARGET_MS else "MISSED"
    return "met" if median <= PIPED_TARGET_MS and ratio <= PIPED_TARGET_RATIO else "MISSED"


def bench_ask(runs: int, before: Path | None) -> None:
    """Every measure of each version once a round, in a rotated order; medians and ratios to bare Python."""
    measures = ask_measures()
    with tempfile.TemporaryDirectory(prefix="vested-startup-") as folder:
        versions = {"now": child_environment(Path(folder))}
        if before is not None:
            versions = {"before": child_environment(Path(folder), source=before), **versions}
        for environment in versions.values():  # the compiled cache built untimed: tens of seconds on a loaded machine
            subprocess.run(
                [*vested_command(), "ask", "--json", CALCULATION], capture_output=True, env=environment, check=True
            )
        runs_of = [(version, measure) for measure in measures for version in versions]
        for version, measure in runs_of:  # bytecode written, the compiled cache current, files in the page cache
            measure.run(versions[version])
        times: dict[tuple[str, str], list[float]] = {(version, measure.label): [] for version, measure in runs_of}
        for round_number in range(runs):
            shift = round_number % len(runs_of)
            for version, measure in runs_of[shift:] + runs_of[:shift]:
                times[version, measure.label].append(measure.run(versions[version]))
    print(f"vested ask as a new process: median of {runs} rounds, every measure once a round, side by side")
    header = "".join(f" {version}: median ms | x python |" for version in versions)
    print(f"| measure |{header} target |\n|---|{'---:|---:|' * len(versions)}---|")
    for measure in measures:
        cells, verdict = "", ""
        for version in versions:
            median = statistics.median(times[version, measure.label])
            ratio = median / statistics.median(times[version, measures[0].label])
            cells += f" {median:.0f} | {ratio:.1f} |"
            verdict = target(measure.label, median, ratio)
        print(f"| {measure.label} |{cells} {verdict} |")
    for version in versions:
        one, many = (statistics.median(times[version, measure.label]) for measure in measures[-2:])
        print(f"{version}: {(many - one) / BATCH:.2f} ms a question in a batch ((long batch - short batch) / {BATCH})")


def bench_importtime(source: Path | None, top: int = 15) -> None:
    """The imports of `vested ask --json` that cost most, with what they pulled in (python -X importtime)."""
    with tempfile.TemporaryDirectory(prefix="vested-importtime-") as folder:
        env = child_environment(Path(folder), source=source)
        argv = [sys.executable, "-X", "importtime", "-m", "vested.cli", "ask", "--json", FAQ]
        subprocess.run(argv, capture_output=True, env=env, check=True)  # warm: bytecode and the cache
        stderr = subprocess.run(argv, capture_output=True, text=True, env=env, check=True).stderr
    rows = []
    for line in stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    print(f"python -X importtime, vested ask --json {FAQ!r}: the {top} largest cumulative times")
    print("| cumulative ms | module (indented under the one that imported it) |\n|---:|---|")
    for cumulative, name in sorted(rows, reverse=True)[:top]:
        depth = (len(name) - len(name.lstrip())) // 2
        print(f"| {cumulative / 1000:.1f} | {'· ' * depth}{name.strip()} |")


# ---------------------------------------------------------------- the chat's first paint


def one_chat_run(
    columns: int, rows: int, home: Path, source: Path | None = None, limit: float = LIMIT_SECONDS
) -> tuple[float, str]:
    """Milliseconds from spawn to the welcome text, and the app's own timing line (each awaited limit seconds)."""
    leader, follower = open_terminal(columns, rows)
    started = time.perf_counter()
    process = subprocess.Popen(
        [*vested_command(), "--no-log", "--debug-timing"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=child_environment(home, columns, rows, source),
        cwd=home,
        start_new_session=True,
    )
    os.close(follower)
    try:
        read_until(leader, MARKER, time.monotonic() + limit)
        painted = (time.perf_counter() - started) * 1000
        time.sleep(0.3)  # let the knowledge base finish loading, as a user would
        os.write(leader, b"\x11")  # Ctrl+Q
        tail = read_until(leader, TIMING, time.monotonic() + limit)
        timing = TIMING.search(tail)
        return painted, timing.group(1).decode() if timing else ""
    finally:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        os.close(leader)


def bench_chat(runs: int, sizes: list[str], before: Path | None) -> bool:
    """Print each size's first paint (each version's, run by turns); whether every run painted within 1 s."""
    worst = 0.0
    versions = {"before": before, "now": None} if before is not None else {"now": None}
    with tempfile.TemporaryDirectory(prefix="vested-chat-") as folder:
        home = Path(folder)
        for size in sizes:
            columns, rows = (int(part) for part in size.lower().split("x"))
            results: dict[str, list[tuple[float, str]]] = {version: [] for version in versions}
            for source in versions.values():
                # warm the file cache, bytecode and the compiled cache
                one_chat_run(columns, rows, home, source, WARM_UP_LIMIT_SECONDS)
            for _ in range(runs):
                for version, source in versions.items():
                    results[version].append(one_chat_run(columns, rows, home, source))
            for version, runs_of in results.items():
                painted = [ms for ms, _ in runs_of]
                if version == "now":
                    worst = max(worst, max(painted))
                print(
                    f"{size}, {version}: first paint median {statistics.median(painted):.0f} ms, "
                    f"min {min(painted):.0f} ms, max {max(painted):.0f} ms over {runs} runs"
                )
                print(f"  in-process, last run: {runs_of[-1][1]}")
    print("target: first paint within 1000 ms:", "met" if worst <= 1000 else "MISSED")
    return worst <= 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--only", choices=("ask", "chat"))
    parser.add_argument("--size", action="append", help="chat terminal, COLUMNSxROWS (default 80x24 and 120x40)")
    parser.add_argument("--importtime", action="store_true", help="print the slowest imports of `vested ask --json`")
    parser.add_argument(
        "--before", type=Path, metavar="SRC", help="also measure the code in SRC (another checkout's src)"
    )
    args = parser.parse_args()
    if args.importtime:
        bench_importtime(args.before)
        return 0
    if args.only != "chat":
        bench_ask(args.runs, args.before)
    if args.only != "ask":
        return 0 if bench_chat(args.runs, args.size or ["80x24", "120x40"], args.before) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
