"""Hostile input and faults at scale: the figures table of the reliability review, reproduced.

An independent harness (../shared/reviews/reliability.md) found tracebacks, hangs, lost log
rows and injected escape sequences; this script runs the same kinds of attack against the
current code and prints the same columns, so the README can show the table again:

- `ask --json -`: 9,992 hostile questions in batches of 500, and 8 lines of 100 KB to 1.5 MB;
- `ask "<q>"` one by one, rendered by rich (half with FORCE_COLOR=1);
- long lines heavy in numbers, 25 KB to 1 MB, through every stage of the assistant;
- a non-UTF-8 line in a batch of 1,000, under three stdio encodings;
- 3,000 `calc` calls, 1,500 `walk --answers` files and 390 `log` commands, in process (a
  worker that loads the knowledge base once; killed and counted as a hang after 20 s),
  plus `log`, `ask` and `calc` into /dev/full and with stdout closed;
- 2/4/8 concurrent writers and 8 × 40 one-shots; 11 × kill -9 mid-batch; BEGIN EXCLUSIVE
  held 10/30/60 s; 13 damaged or foreign files; 16 odd --db paths, a full disk (simulated
  with a file-size limit) and 7 permission checks.

    .venv/bin/python benchmarks/stress.py            # full scale: about half an hour on 2 cores
    .venv/bin/python benchmarks/stress.py --quick    # a tenth, and short locks: a few minutes
    .venv/bin/python benchmarks/stress.py --only calc,walk

It asserts nothing: it prints the table (Markdown), each section's time, and the versions.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: `benchmarks` importable

from benchmarks import stress_log, stress_surface
from benchmarks.stress_common import Row, table

SECTIONS = {
    "batches": stress_surface.ask_batches,
    "one-by-one": stress_surface.ask_one_by_one,
    "long-lines": stress_surface.long_lines,
    "non-utf8": stress_surface.non_utf8,
    "calc": stress_surface.calc,
    "walk": stress_surface.walk,
    "log": stress_surface.log_cli,
    "writers": stress_log.writers,
    "kill": stress_log.kills,
    "locks": stress_log.locks,
    "damaged": stress_log.damaged,
    "paths": stress_log.paths_disk_permissions,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the inputs and short locks")
    parser.add_argument("--only", metavar="NAMES", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    chosen = args.only.split(",") if args.only else list(SECTIONS)
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    root = Path(tempfile.mkdtemp(prefix="vested-stress-"))
    root.chmod(0o755)  # the read-only-folder case runs as `nobody`
    rows: list[Row] = []
    try:
        for name in chosen:
            folder = root / name
            folder.mkdir()
            started = time.perf_counter()
            rows += SECTIONS[name](scale, folder)
            print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(table(rows))
    print(
        f"\n{'quick' if args.quick else 'full'} scale; Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
