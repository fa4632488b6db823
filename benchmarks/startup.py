"""How long `vested` takes to paint its first screen, as a user sees it.

Each run starts the real command in a pseudo-terminal of the given size, from process
spawn to the moment the welcome text appears on the terminal, then presses Ctrl+Q and
reads the `--debug-timing` line the chat prints on exit (imports, first paint and
knowledge base ready, measured inside the process). Target: first paint within 1 s.

    .venv/bin/python benchmarks/startup.py              # 10 runs at 80x24 and 120x40
    .venv/bin/python benchmarks/startup.py --runs 3 --size 200x60
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARKER = b"not tax or legal advice"
TIMING = re.compile(rb"start-up: ([^\r\n]+)")
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[PX^_][^\x1b]*\x1b\\|.)")
LIMIT_SECONDS = 20.0


def vested_command() -> list[str]:
    script = REPO / ".venv" / "bin" / "vested"
    if script.exists():
        return [str(script)]
    found = shutil.which("vested")
    return [found] if found else [sys.executable, "-m", "vested.cli"]


def read_until(fd: int, wanted: bytes | re.Pattern[bytes], deadline: float) -> bytes:
    """Read the terminal until wanted shows up in the text (escape codes removed)."""
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        plain = ANSI.sub(b"", seen)
        if (wanted in plain) if isinstance(wanted, bytes) else wanted.search(plain):
            return plain
    raise TimeoutError(f"{wanted!r} did not appear within {LIMIT_SECONDS:.0f} s")


def one_run(columns: int, rows: int, home: Path) -> tuple[float, str]:
    """Milliseconds from spawn to the welcome text, and the app's own timing line."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "LINES": str(rows),
        "VESTED_HISTORY": str(home / "history.json"),
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [*vested_command(), "--no-log", "--debug-timing"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=home,
        start_new_session=True,
    )
    os.close(follower)
    try:
        read_until(leader, MARKER, time.monotonic() + LIMIT_SECONDS)
        painted = (time.perf_counter() - started) * 1000
        time.sleep(0.3)  # let the knowledge base finish loading, as a user would
        os.write(leader, b"\x11")  # Ctrl+Q
        tail = read_until(leader, TIMING, time.monotonic() + LIMIT_SECONDS)
        timing = TIMING.search(tail)
        return painted, timing.group(1).decode() if timing else ""
    finally:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        os.close(leader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", action="append", help="COLUMNSxROWS (default 80x24 and 120x40)")
    args = parser.parse_args()
    sizes = args.size or ["80x24", "120x40"]
    home = Path(os.environ.get("TMPDIR", "/tmp")) / "vested-startup-bench"
    home.mkdir(exist_ok=True)
    worst = 0.0
    for size in sizes:
        columns, rows = (int(part) for part in size.lower().split("x"))
        one_run(columns, rows, home)  # warm the file cache and bytecode
        results = [one_run(columns, rows, home) for _ in range(args.runs)]
        painted = [ms for ms, _ in results]
        worst = max(worst, max(painted))
        print(
            f"{size}: first paint median {statistics.median(painted):.0f} ms, "
            f"min {min(painted):.0f} ms, max {max(painted):.0f} ms over {args.runs} runs"
        )
        print(f"  in-process, last run: {results[-1][1]}")
    print("target: first paint within 1000 ms:", "met" if worst <= 1000 else "MISSED")
    return 0 if worst <= 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
