"""The scale benchmark (issue 17, "flat memory and streaming"): a large mbox generated from real
mail, scanned by the real command line, with the memory of every process watched.

    python -m mailautopsy.bench scale --from DIR [...] --messages 1000000 --mbox /big/scale.mbox --workers 2

1. Unless `--mbox` already holds that many messages (a first line records how it was made), it is
   written from the messages under the `--from` folders, taken in turn, each with varied headers
   (a fresh Message-ID, Date, To and a Received line of its own, so no two messages are the same
   bytes) and `From ` lines in bodies quoted as mboxrd does.
2. `python -m mailautopsy scan MBOX --jsonl --workers N` runs as a child; its output is read and
   counted, never kept. Every second the resident memory of the scan process and of each of its
   workers is sampled from /proc (psutil).
3. It prints throughput (wall clock, and per CPU-second the scan's processes used: on a machine
   shared with other work the second is the one to compare with `bench speed`'s per-core figure),
   and the peak RSS of the parent and of the largest worker, with the samples over time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_VERDICT = re.compile(rb'"verdict": ?"(\w+)"')


def _sources(folders: list[Path]) -> list[bytes]:
    """The raw messages under the folders (files only, sorted: the same input every time)."""
    out = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith((".md", ".jsonl"))):
            data = path.read_bytes()
            if data.startswith(b"From "):  # an mbox-style first line: the message starts after it
                data = data.split(b"\n", 1)[-1]
            out.append(data)
    if not out:
        raise SystemExit("scale: no messages under --from")
    return out


def varied(raw: bytes, n: int) -> bytes:
    """Message `n` of the generated mailbox: `raw` with headers of its own on top."""
    when = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=37 * n)
    head = (
        f"Received: from relay{n % 251}.bench.invalid (relay{n % 251}.bench.invalid [192.0.2.{n % 254 + 1}])\r\n"
        f"\tby mx.bench.invalid with ESMTP id b{n:08x}; {format_datetime(when)}\r\n"
        f"Message-ID: <{n:09d}.scale@bench.invalid>\r\n"
        f"X-Bench-To: user{n % 9973}@bench.invalid\r\n"
    ).encode("ascii")
    return head + raw


def write_mbox(path: Path, sources: list[bytes], messages: int) -> int:
    """Write `messages` generated messages to `path` (streamed); returns the bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    separator = b"From scale@bench.invalid Thu Jan  1 00:00:00 2026\n"
    with path.open("wb") as fh:
        for n in range(messages):
            body = _FROM_LINE.sub(rb">\1", varied(sources[n % len(sources)], n))
            chunk = separator + body.rstrip(b"\r\n") + b"\n\n"
            fh.write(chunk)
            written += len(chunk)
    path.with_suffix(path.suffix + ".made").write_text(json.dumps({"messages": messages, "sources": len(sources)}))
    return written


def _made(path: Path, messages: int) -> bool:
    marker = path.with_suffix(path.suffix + ".made")
    try:
        return bool(path.exists() and json.loads(marker.read_text())["messages"] == messages)
    except (OSError, ValueError, KeyError):
        return False


@dataclass
class Watch:
    """The scan process's memory and CPU, sampled every second from another thread."""

    pid: int
    parent_peak: float = 0.0
    worker_peak: float = 0.0
    cpu: float = 0.0
    samples: list[tuple[float, float, float]] = field(default_factory=list)
    """(seconds since start, parent MiB, largest worker MiB)"""

    def sample(self, elapsed: float) -> None:
        import psutil

        try:
            proc = psutil.Process(self.pid)
            parent = proc.memory_info().rss / 2**20
            times = proc.cpu_times()
            cpu = times.user + times.system + times.children_user + times.children_system
            workers = 0.0
            for child in proc.children(recursive=True):
                try:
                    workers = max(workers, child.memory_info().rss / 2**20)
                    ct = child.cpu_times()
                    cpu += ct.user + ct.system
                except psutil.Error:
                    continue
        except psutil.Error:
            return
        self.parent_peak = max(self.parent_peak, parent)
        self.worker_peak = max(self.worker_peak, workers)
        self.cpu = max(self.cpu, cpu)
        self.samples.append((elapsed, parent, workers))


def _watch(watch: Watch, start: float, stop: threading.Event) -> None:
    while not stop.wait(1.0):
        watch.sample(time.perf_counter() - start)


def _count(stream: Any, every: int, start: float, watch: Watch) -> Iterator[tuple[int, bytes]]:
    for count, line in enumerate(stream, 1):
        if count % every == 0:
            rate = count / (time.perf_counter() - start)
            print(
                f"  {count:>9,} messages  {rate:6.0f}/s  parent {watch.parent_peak:5.0f} MiB"
                f"  worker {watch.worker_peak:5.0f} MiB",
                flush=True,
            )
        yield count, line


def baseline(mbox: Path, messages: int, sources: list[bytes]) -> float:
    """The per-core figure in the same conditions: messages per second of `scan --workers 1` (the
    whole scan in one process) over the first `messages` of the same generated mail (whole rounds
    of the source messages, so the mix is the big run's)."""
    head = mbox.with_name(mbox.name + f".head{messages}")
    if not _made(head, messages):
        write_mbox(head, sources, messages)
    command = [sys.executable, "-m", "mailautopsy", "scan", str(head), "--jsonl", "--workers", "1"]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    count = done.stdout.count(b"\n")
    rate = count / elapsed
    print(
        f"per-core figure: scan --workers 1 over the first {count:,} messages: {elapsed:.0f} s -> {rate:.1f} messages/s"
    )
    return rate


def scale(args: argparse.Namespace) -> int:
    mbox = Path(args.mbox)
    sources = _sources([Path(p) for p in args.sources])
    if not _made(mbox, args.messages):
        t0 = time.perf_counter()
        size = write_mbox(mbox, sources, args.messages)
        print(f"wrote {args.messages:,} messages ({size / 2**30:.2f} GiB) in {time.perf_counter() - t0:.0f} s")
    per_core = baseline(mbox, len(sources) * args.baseline, sources) if args.baseline else 0.0
    command = [sys.executable, "-m", "mailautopsy", "scan", str(mbox), "--jsonl", "--workers", str(args.workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(os.environ))
    watch, stop = Watch(proc.pid), threading.Event()
    threading.Thread(target=_watch, args=(watch, start, stop), daemon=True).start()
    verdicts: dict[str, int] = {}
    count = 0
    assert proc.stdout is not None
    for count, line in _count(proc.stdout, args.every, start, watch):  # noqa: B007 (the last count is kept)
        match = _VERDICT.search(line)
        key = match.group(1).decode() if match else "?"
        verdicts[key] = verdicts.get(key, 0) + 1
    watch.sample(time.perf_counter() - start)
    # wait4 gives the scan's CPU time with that of every worker it reaped: exact, unlike samples.
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    stop.set()
    watch.cpu = usage.ru_utime + usage.ru_stime
    _report(args, count, elapsed, watch, verdicts, code)
    if per_core:
        ratio = count / elapsed / (per_core * args.workers)
        print(f"throughput against {args.workers} x the per-core figure: {100 * ratio:.1f} %")
    return 0 if code in (0, 1, 2, 3) and count == args.messages else 1


def _report(
    args: argparse.Namespace, count: int, elapsed: float, watch: Watch, verdicts: dict[str, int], code: int
) -> None:
    print(f"messages out: {count:,} of {args.messages:,} (scan exit status {code})")
    print(f"verdicts: {json.dumps(verdicts, sort_keys=True)}")
    print(f"wall time: {elapsed:.0f} s  ->  {count / elapsed:.0f} messages/s with {args.workers} worker(s)")
    if watch.cpu:
        print(f"CPU time of the scan's processes: {watch.cpu:.0f} s  ->  {count / watch.cpu:.0f} messages/s per core")
    print(f"peak RSS: parent {watch.parent_peak:.0f} MiB, largest worker {watch.worker_peak:.0f} MiB")
    step = max(1, len(watch.samples) // 12)
    for elapsed_s, parent, worker in [s for s in watch.samples if s[1]][::step]:
        print(f"  t={elapsed_s:7.0f} s  parent {parent:5.0f} MiB  largest worker {worker:5.0f} MiB")


def add_parser(sub: Any) -> None:
    s = sub.add_parser("scale", help="generate a large mbox and scan it, watching memory")
    s.add_argument("--from", dest="sources", action="append", required=True, help="folder of real messages")
    s.add_argument("--messages", type=int, default=1_000_000)
    s.add_argument("--mbox", required=True, help="where the generated mbox is written (kept for a rerun)")
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--every", type=int, default=50_000, help="print progress every this many messages")
    s.add_argument(
        "--baseline",
        type=int,
        default=0,
        help="first measure the per-core figure: scan --workers 1 over this many rounds of the source messages",
    )
