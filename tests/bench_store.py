"""Benchmark: issue 17's first bar for the store — the same set of (sha256, verdict, score) from a
local scan, a scan killed (SIGKILL) several times and resumed, and a plain scan without a store.

    python tests/bench_store.py ../shared/corpus --messages 5000 --workers 2 --kills 3

The messages are drawn from the corpus where it lies: every file (as a file), then, to reach
`--messages`, copies with a header added (`X-Bench-Copy: n`, so each is a message of its own)
written to one mbox in a temporary folder; nothing is copied into the repository. Prints each
run's wall time and rate, how many results each resumed run added, and whether the sets agree.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEP = b"From bench@example.org Tue Apr 22 09:12:30 2025\n"


def build_input(corpus: Path, count: int, where: Path) -> Path:
    """`count` messages under `where`/input: the corpus files (links) and an mbox of varied copies."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix == ".eml")[:count]
    folder = where / "input"
    (folder / "files").mkdir(parents=True)
    for n, path in enumerate(files):
        (folder / "files" / f"{n:05d}{path.suffix}").symlink_to(path.resolve())
    with open(folder / "copies.mbox", "wb") as box:
        for n in range(count - len(files)):
            raw = files[n % len(files)].read_bytes().replace(b"\r\n", b"\n")
            if raw.startswith(b"From "):  # an mbox separator line of its own
                raw = raw.split(b"\n", 1)[-1]
            body = raw.replace(b"\nFrom ", b"\n>From ")
            box.write(SEP + f"X-Bench-Copy: {n}\n".encode() + body.rstrip(b"\n") + b"\n\n")
    return folder


def _scan(folder: Path, workers: int, *extra: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "mailautopsy", "scan", str(folder), "--workers", str(workers), "--csv", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _rows(db: Path) -> tuple[int, set[tuple[str, str, int]]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT sha256, verdict, score FROM results WHERE status = 'analysed'").fetchall()
        total = int(conn.execute("SELECT count(*) FROM results").fetchone()[0])
    return total, {(s, v, int(p)) for s, v, p in rows}


def _stderr(proc: subprocess.Popen[bytes]) -> str:
    assert proc.stderr is not None
    text = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    return text


def local(folder: Path, db: Path, workers: int) -> float:
    start = time.perf_counter()
    proc = _scan(folder, workers, "--store", str(db))
    err = _stderr(proc)
    proc.wait()
    print(f"  {err.strip().splitlines()[0]}")
    return time.perf_counter() - start


def resumed(folder: Path, db: Path, workers: int, kills: int, total: int) -> float:
    """Killed with SIGKILL `kills` times (when the store holds 1/(kills+1), 2/(kills+1) … of the
    messages), then run to the end; the wall time of all the runs."""
    spent = 0.0
    for k in range(1, kills + 1):
        start = time.perf_counter()
        proc = _scan(folder, workers, "--store", str(db))
        while _count(db) < total * k // (kills + 1) and proc.poll() is None:
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the orphaned workers
        _stderr(proc)
        spent += time.perf_counter() - start
        print(f"  killed run {k}: store holds {_count(db)}")
    start = time.perf_counter()
    proc = _scan(folder, workers, "--store", str(db))
    err = _stderr(proc)
    proc.wait()
    print(f"  final run: {err.strip().splitlines()[0]}")
    return spent + time.perf_counter() - start


def plain(folder: Path, workers: int) -> set[tuple[str, str, int]]:
    """A scan without a store (JSON lines), each result's SHA-256 taken from the bytes as read."""
    from mailautopsy.parse.sources import iter_path

    done = subprocess.run(
        [sys.executable, "-m", "mailautopsy", "scan", str(folder), "--workers", str(workers), "--jsonl"],
        capture_output=True,
        check=False,
    )
    sha = {i.source: hashlib.sha256(i.loaded().data).hexdigest() for i in iter_path(folder, lazy=True)}
    out = set()
    for line in done.stdout.decode().splitlines():
        r = json.loads(line)
        if r["status"] == "analysed":
            out.add((sha[r["source"]], r["verdict"], int(r["score"])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kills", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        where = Path(tmp)
        folder = build_input(args.corpus, args.messages, where)
        print(f"{args.messages} messages, {args.workers} workers")
        t_local = local(folder, where / "local.db", args.workers)
        n_local, s_local = _rows(where / "local.db")
        print(f"local scan:   {t_local:7.1f} s  {n_local / t_local:6.1f} msg/s  {n_local} stored")
        t_again = local(folder, where / "local.db", args.workers)
        print(f"rerun, all stored: {t_again:7.1f} s (nothing analysed)")
        t_res = resumed(folder, where / "resumed.db", args.workers, args.kills, args.messages)
        n_res, s_res = _rows(where / "resumed.db")
        print(f"resumed scan: {t_res:7.1f} s  ({args.kills} SIGKILLs)  {n_res} stored")
        start = time.perf_counter()
        s_plain = plain(folder, args.workers)
        print(f"plain scan (no store, JSON lines, hashing included): {time.perf_counter() - start:7.1f} s")
        print(f"distinct (sha256, verdict, score): local {len(s_local)}, resumed {len(s_res)}, plain {len(s_plain)}")
        print(f"local == resumed: {s_local == s_res}; local == plain: {s_local == s_plain}")
        from mailautopsy.parse.sources import iter_path

        found = sum(1 for _ in iter_path(folder, lazy=True))
        print(f"messages found by scan: {found}; every one stored once: {n_local == n_res == found}")


if __name__ == "__main__":
    main()
