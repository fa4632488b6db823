"""The stress sections on the answer log: concurrent writers, kill -9, locks held for a long
time, damaged and foreign files, odd paths, a full disk and permissions. See benchmarks/stress.py."""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.stress_common import VESTED, Result, Row, count, integrity_problems, run

QUESTIONS = ("what is an RMD", "max loan with 80k vested", "can I borrow from my 401k", "what is vesting")
HANG_SECONDS = 120
"""After the lock is freed, how long a command may still run before it counts as hung."""


def _batch(label: str, size: int) -> bytes:
    return "".join(f"{QUESTIONS[number % 4]} ({label} {number})\n" for number in range(size)).encode()


def _printed(out: bytes) -> tuple[int, int]:
    """(answers, their sources) in a batch's JSON lines."""
    replies = [json.loads(line) for line in out.splitlines() if line.strip()]
    return len(replies), sum(len(reply["sources"]) for reply in replies)


def _base_log(path: Path) -> Path:
    result = run(["ask", "--json", "-"], path, _batch("base", 4))
    assert result.code == 0 and count(path, "answers") == 4, result.err
    return path


def writers(scale: float, folder: Path) -> list[Row]:
    """2, 4 and 8 processes writing batches to one log they all start on missing; then one-shots."""
    per_batch = max(50, round(500 * scale))
    answers = sources = lost = tracebacks = 0
    problems: list[str] = []
    seconds: dict[int, float] = {}
    for processes in (2, 4, 8):
        db = folder / f"writers-{processes}.db"
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=processes) as pool:
            results = list(
                pool.map(lambda w, db=db: run(["ask", "--json", "-"], db, _batch(f"w{w}", per_batch)), range(processes))
            )
        seconds[processes] = time.perf_counter() - started
        printed = [_printed(result.out) for result in results]
        tracebacks += sum(result.traceback for result in results)
        answers += sum(number for number, _ in printed)
        sources += sum(cited for _, cited in printed)
        lost += sum(number for number, _ in printed) - count(db, "answers")
        lost += sum(cited for _, cited in printed) - count(db, "answer_sources")
        problems += integrity_problems(db)
    shots = max(5, round(40 * scale))
    db = folder / "one-shots.db"

    def one_shots(writer: int) -> list:
        return [run(["ask", "--json", f"what is vesting (one-shot {writer} {number})"], db) for number in range(shots)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [result for batch in pool.map(one_shots, range(8)) for result in batch]
    printed = [_printed(result.out) for result in results]
    answers += sum(number for number, _ in printed)
    sources += sum(cited for _, cited in printed)
    lost += sum(number for number, _ in printed) - count(db, "answers")
    tracebacks += sum(result.traceback for result in results)
    problems += integrity_problems(db)
    return [
        Row(
            f"Log: concurrent writers (2/4/8 × {per_batch} batch; 8 × {shots} one-shots)",
            f"{answers:,} answers ({sources:,} sources)",
            tracebacks,
            "0",
            "0",
            f"**{lost}** (answers and answer_sources exactly as printed; integrity, FK and FTS checks: "
            f"{'ok' if not problems else '; '.join(problems)})",
            f"8 procs: {seconds[8]:.1f} s",
        )
    ]


def kills(scale: float, folder: Path) -> list[Row]:
    """kill -9 at a random moment of a batch of 1,000, then check the log and that the next run logs."""
    rng = random.Random(407)
    total = 11 if scale >= 1 else 3
    lost: list[int] = []
    problems: list[str] = []
    next_run_logs = 0
    for number in range(total):
        db = folder / f"kill-{number}.db"
        process = subprocess.Popen(
            [*VESTED, "ask", "--json", "-"],
            env={**os.environ, "VESTED_DB": str(db)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(_batch(f"kill{number}", 1000))
        process.stdin.close()
        lines = [process.stdout.readline() for _ in range(rng.randint(20, 600))]
        process.send_signal(signal.SIGKILL)
        lines += process.stdout.read().splitlines()
        process.stdout.close()
        process.wait()
        printed = sum(bool(line.strip()) for line in lines)
        logged = count(db, "answers")
        lost.append(printed - logged)
        problems += integrity_problems(db)
        run(["ask", "what is vesting"], db)
        next_run_logs += count(db, "answers") == logged + 1
    return [
        Row(
            "Log: kill -9 mid-batch of 1,000",
            f"{total} kills",
            "–",
            "–",
            "–",
            f"{', '.join(map(str, lost))} (per kill: at most the printed-but-not-yet-logged answer); integrity "
            f"{'ok' if not problems else '; '.join(problems)}; the next run logs in {next_run_logs} of {total}",
            "–",
        )
    ]


def _timed_lines(process: subprocess.Popen, started: float, stamps: list[float]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip():
            stamps.append(time.perf_counter() - started)


def locks(scale: float, folder: Path) -> list[Row]:
    """Another program holds BEGIN EXCLUSIVE for 10, 30 and 60 s while Vested runs (started 0.5 s in)."""
    durations = (10, 30, 60) if scale >= 1 else (2, 4, 6)
    cases = {
        "one-shot ask": (["ask", "--json", "what is an RMD"], b""),
        "batch ask (200 lines)": (["ask", "--json", "-"], _batch("locked", 200)),
        "calc": (["calc", "loan_maximum", "--vested", "80000", "--json"], b""),
        "log purge": (["log", "purge", "--yes"], b""),
        "log": (["log"], b""),
    }
    base = _base_log(folder / "lock-base.db")
    tracebacks = wrong = lost = 0
    report: list[str] = []
    odd: list[str] = []
    for duration in durations:
        runs = {}
        for name, (argv, stdin) in cases.items():
            db = folder / f"lock-{duration}-{name.split()[0]}-{len(argv)}.db"
            shutil.copy(base, db)
            holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
            holder.execute("BEGIN EXCLUSIVE")
            runs[name] = (db, holder, argv, stdin)
        started = time.perf_counter()
        time.sleep(0.5)
        processes, stamps, readers = {}, {}, []
        for name, (db, _, argv, stdin) in runs.items():
            process = subprocess.Popen(
                [*VESTED, *argv],
                env={**os.environ, "VESTED_DB": str(db)},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            assert process.stdin is not None
            process.stdin.write(stdin)
            process.stdin.close()
            processes[name], stamps[name] = process, []
            reader = threading.Thread(target=_timed_lines, args=(process, started, stamps[name]))
            reader.start()
            readers.append(reader)
        ended: dict[str, float] = {}
        while time.perf_counter() - started < duration or len(ended) < len(processes):
            if time.perf_counter() - started > duration + HANG_SECONDS:
                for name, process in processes.items():
                    if name not in ended:
                        process.kill()  # counted below: a hang is a wrong exit
            for name, process in processes.items():
                if name not in ended and process.poll() is not None:
                    ended[name] = time.perf_counter() - started
            if time.perf_counter() - started >= duration:
                for _, holder, _, _ in runs.values():
                    if holder.in_transaction:
                        holder.rollback()
            time.sleep(0.05)
        for reader in readers:
            reader.join()
        for name, process in processes.items():
            err = process.stderr.read() if process.stderr else b""
            tracebacks += b"Traceback" in err or process.returncode == 70
            # A purge waits its 5 s busy timeout, then says the log is locked (exit 1) in one line.
            expected = (0, 1) if name == "log purge" else (0,)
            if process.returncode not in expected or err.count(b"\n") > 1:
                wrong += 1
                odd.append(f"{name} exit {process.returncode}: {err.decode(errors='replace').strip()[:200]}")
            db, holder, _, _ = runs[name]
            holder.close()
            if name in ("one-shot ask", "batch ask (200 lines)", "calc"):
                run(["ask", "what is vesting"], db)  # the next run adds what the locked one kept aside
                lost += 4 + len(stamps[name]) + 1 - count(db, "answers")
        batch, one_shot, calc = (
            stamps[name] or [float("nan")] for name in ("batch ask (200 lines)", "one-shot ask", "calc")
        )
        report.append(
            f"{duration} s lock: {len(stamps['batch ask (200 lines)'])} batch answers out by {batch[-1]:.1f} s, "
            f"one-shot printed at {one_shot[0]:.2f} s and returned at {ended['one-shot ask']:.1f} s, "
            f"calc printed at {calc[0]:.2f} s"
        )
    return [
        Row(
            f"Log: BEGIN EXCLUSIVE held {'/'.join(map(str, durations))} s",
            f"{len(durations) * len(cases)} cases (one-shot ask, batch of 200, calc, log purge, log)",
            tracebacks,
            f"{wrong} (log purge: exit 1 and one line when still locked after its 5 s wait)"
            + (": " + "; ".join(odd) if odd else ""),
            "0",
            str(lost),
            "; ".join(report),
        )
    ]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage_cases(folder: Path) -> dict[str, Path]:
    """13 files at a log's path: each a way a log goes wrong, or a file that was never one."""
    cases: dict[str, Path] = {}

    def case(name: str) -> Path:
        path = folder / f"damaged-{len(cases)}" / "answers.db"
        path.parent.mkdir()
        cases[name] = path
        return path

    case("random bytes").write_bytes(random.Random(408).randbytes(64 * 1024))
    case("text file").write_text("my precious thesis\n")
    for name, size in (("truncated to half", None), ("truncated to 1,000 bytes", 1000), ("truncated to 50 bytes", 50)):
        path = _base_log(case(name))
        _checkpoint(path)
        data = path.read_bytes()
        path.write_bytes(data[: size or len(data) // 2])
    path = _base_log(case("3 interior pages overwritten"))
    _checkpoint(path)
    with open(path, "r+b") as handle:
        for page in (2, 3, 4):
            handle.seek(page * 4096)
            handle.write(b"\xa5" * 4096)
    _sql(_base_log(case("answers table dropped")), "PRAGMA foreign_keys = OFF", "DROP TABLE answers")
    _sql(
        _base_log(case("future schema (0003, column renamed)")),
        "ALTER TABLE answers RENAME COLUMN question TO asked",
        _FUTURE.format(name="0003_future_rename"),
    )
    _sql(
        _base_log(case("future schema with a guard trigger")),
        "CREATE TRIGGER guard BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'tenant required'); END",
        _FUTURE.format(name="0003_tenants"),
    )
    _sql(
        case("another program's SQLite database"),
        "CREATE TABLE expenses (amount TEXT)",
        "INSERT INTO expenses VALUES ('5')",
    )
    path = _base_log(case("garbage -wal"))
    _checkpoint(path)
    Path(f"{path}-wal").write_bytes(random.Random(409).randbytes(8192))
    case("zero-byte file").write_bytes(b"")
    link = case("symlink to a text file")
    (link.parent / "notes.txt").write_text("keep me\n")
    link.symlink_to(link.parent / "notes.txt")
    return cases


def _checkpoint(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


_FUTURE = "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('vested-answer-log', '{name}', 'x')"
STILL_LOGS = {"garbage -wal": 4, "zero-byte file": 0}
"""Files that are usable logs as they are (SQLite discards a -wal that is not its own), with the
answers they held."""
NOT_LOGS = ("random bytes", "text file", "another program's SQLite database", "symlink to a text file")


def damaged(scale: float, folder: Path) -> list[Row]:
    cases = _damage_cases(folder)
    tracebacks = wrong = lost = kept = 0
    for name, path in cases.items():
        original = _sha(path.resolve())
        shown = run(["log"], path)
        tracebacks += shown.traceback
        wrong += shown.code not in (0, 1) or shown.err.count(b"\n") > 1
        for _ in range(2):
            asked = run(["ask", "--json", "what is an RMD"], path)
            tracebacks += asked.traceback
            wrong += asked.code != 0 or asked.err.count(b"\n") > 1 or not asked.out
        aside = list(path.parent.glob("answers.db.*-*"))
        if name in STILL_LOGS:  # a log that works as it is: kept means its answers are all still there
            kept += count(path, "answers") >= STILL_LOGS[name] + 2
        else:
            kept += _sha(path.resolve()) == original or any(
                _sha(other) == original for other in aside if other.is_file()
            )
        if name not in NOT_LOGS:
            lost += 2 - (count(path, "answers") - STILL_LOGS.get(name, 0))
    return [
        Row(
            "Log: damaged or foreign files",
            f"{len(cases)} ({', '.join(cases)})",
            tracebacks,
            str(wrong),
            "0",
            f"{lost} (every answer logged where a log can be; the {len(NOT_LOGS)} files that are not Vested logs "
            f"refused with a notice and left as they were); old bytes kept in {kept} of {len(cases)}",
            "–",
        )
    ]


def _as_nobody(argv: list[str]) -> Result:
    """`vested ARGV` in a forked child that drops root (which ignores permission bits) first.

    A fork rather than a new process: `nobody` cannot reach this Python under /root, so
    everything the command needs is imported before forking.
    """
    import vested.log.writer  # noqa: F401  (imported here: `nobody` could not import it)
    from vested.cli import main
    from vested.core.assistant import Assistant

    Assistant()  # imports all an answer needs
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.dup2(out_write, 1)
        os.dup2(err_write, 2)
        os.setgid(65534)
        os.setuid(65534)
        try:
            code = main(argv)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(locals().get("code", 1))
    os.close(out_write)
    os.close(err_write)
    with os.fdopen(out_read, "rb") as out, os.fdopen(err_read, "rb") as err:
        output, errors = out.read(), err.read()
    _, status = os.waitpid(pid, 0)
    return Result(os.waitstatus_to_exitcode(status), output, errors, time.perf_counter() - started)


def _full_disk(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def paths_disk_permissions(scale: float, folder: Path) -> list[Row]:
    folder.chmod(0o755)
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    (folder / "a-file").write_text("x")
    loop = folder / "loop"
    loop.symlink_to(loop)
    (folder / "dangling").symlink_to(folder / "target-made" / "answers.db")
    (folder / "to-a-dir").symlink_to(folder)
    readonly = folder / "readonly"
    readonly.mkdir(mode=0o555)
    readonly.chmod(0o555)
    odd = {
        "a folder": str(folder),
        "/dev/null": "/dev/null",
        "a FIFO": str(fifo),
        "missing parents": str(folder / "x" / "y" / "answers.db"),
        "a parent that is a file": str(folder / "a-file" / "answers.db"),
        "a name over 255 bytes": str(folder / ("n" * 300 + ".db")),
        "a relative path": "relative.db",
        "spaces and Unicode": str(folder / "mes réponses 🚀.db"),
        "~ in the path": "~/home-log.db",
        "a symlink loop": str(loop),
        "a dangling symlink": str(folder / "dangling"),
        "a symlink to a folder": str(folder / "to-a-dir"),
        "a read-only folder (as nobody)": str(readonly / "answers.db"),
        "a newline in the name": str(folder / "new\nline.db"),
        "/proc/version": "/proc/version",
        "an empty --db": "",
    }
    tracebacks = wrong = 0
    for name, value in odd.items():
        argv = ["ask", "what is an RMD", "--db", value]
        if "nobody" in name:
            result = _as_nobody(["ask", "--json", *argv[1:]])  # JSON: rich's lazy imports are out of reach too
        else:
            result = run(argv, folder / "unused.db", env={"HOME": str(folder)}, cwd=folder)
        tracebacks += result.traceback
        expected = 2 if value == "" else 0
        wrong += result.code != expected or result.err.count(b"\n") > 1 or (expected == 0 and not result.out)
    # A full disk, simulated by a file-size limit (SIGXFSZ ignored, so writes fail with EFBIG).
    db = _base_log(folder / "full.db")
    room = sum(path.stat().st_size for path in folder.glob("full.db*")) + 30_000
    batch = run(["ask", "--json", "-"], db, _batch("full", 60), preexec_fn=_full_disk(room))
    unlogged = 60 + 4 - count(db, "answers")
    purge = run(["log", "purge", "--yes"], db, preexec_fn=_full_disk(db.stat().st_size))
    with open("/dev/full", "wb") as full:
        output = run(["ask", "what is an RMD"], db, stdout=full)
    faults = [batch, purge, output]
    tracebacks += sum(result.traceback for result in faults)
    wrong += (batch.code != 0 or len(batch.out.splitlines()) != 60) + (purge.code not in (0, 1)) + (output.code != 1)
    right = _permissions(folder)
    return [
        Row(
            "Log: odd `--db` paths, disk full, permissions",
            f"{len(odd)} paths, {len(faults)} fault runs, {len(right)} permission checks",
            tracebacks,
            f"{wrong} (every path: the answer printed and at most one line; `--db ''` a usage error); "
            f"permissions right in {sum(right)} of {len(right)}",
            "0",
            f"{unlogged} of 60 on the full disk (one notice is printed)",
            "–",
        )
    ]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _permissions(folder: Path) -> list[bool]:
    """New log, its -wal/-shm, its folder, parents under umask 000, a loose log, an aside file, a pending file."""
    from vested.core.answer import Answer
    from vested.log.writer import AnswerLog

    checks = []
    deep = folder / "perm" / "a" / "b" / "answers.db"
    run(["ask", "what is an RMD"], deep, preexec_fn=lambda: os.umask(0))
    checks += [_mode(deep) == 0o600, _mode(deep.parent) == 0o700, _mode(folder / "perm") == 0o700]
    open_log = folder / "perm" / "open.db"
    log = AnswerLog(open_log, "ask", "kb")
    log.record(Answer(question="q", kind="fallback", answer="a", confidence=0.1), 1.0)
    checks.append(all(_mode(Path(f"{open_log}{suffix}")) == 0o600 for suffix in ("-wal", "-shm")))
    log.close()
    loose = _base_log(folder / "perm" / "loose.db")
    loose.chmod(0o644)
    run(["ask", "what is vesting"], loose)
    checks.append(_mode(loose) == 0o600)
    damaged_log = _base_log(folder / "perm" / "damaged.db")
    _checkpoint(damaged_log)
    damaged_log.write_bytes(damaged_log.read_bytes()[:1000])
    damaged_log.chmod(0o644)
    run(["ask", "what is vesting"], damaged_log)
    checks.append(all(_mode(path) == 0o600 for path in folder.glob("perm/damaged.db.corrupt-*")))
    locked = _base_log(folder / "perm" / "locked.db")
    holder = sqlite3.connect(locked, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    run(["ask", "what is vesting"], locked)
    holder.rollback()
    holder.close()
    checks.append(all(_mode(path) == 0o600 for path in folder.glob("perm/locked.db.pending-*")))
    return checks
