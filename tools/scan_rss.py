"""Run `mailautopsy scan --jsonl` over a path and report what the batch promise needs measured:
the JSON lines written, how many are valid JSON, the `From ` separators of an mbox, the
parent process's peak resident memory (VmHWM, the parent alone, not its workers) and the time.

    python tools/scan_rss.py BIG.mbox [--workers N]
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
from collections import Counter
from pathlib import Path

_SEP = re.compile(rb"^From \S+ +\w{3} \w{3} [ \d]\d \d\d:\d\d")


def _peak_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) if match else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path", type=Path)
    p.add_argument("--workers", type=int, default=None)
    args = p.parse_args(argv)
    separators = 0
    if args.path.is_file():
        with args.path.open("rb") as fh:
            separators = sum(1 for line in fh if line.startswith(b"From ") and _SEP.match(line))
    cmd = [sys.executable, "-m", "mailautopsy", "scan", str(args.path), "--jsonl"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0

    def poll() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _peak_kib(proc.pid))
            time.sleep(0.5)

    threading.Thread(target=poll, daemon=True).start()
    lines = valid = 0
    verdicts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    assert proc.stdout is not None and proc.stderr is not None
    for line in proc.stdout:
        lines += 1
        try:
            obj = json.loads(line.decode("utf-8"))
        except ValueError:
            continue
        valid += 1
        verdicts[obj["verdict"]] += 1
        codes.update(d["code"] for d in obj["defects"] if d["code"] in ("MESSAGE_TRUNCATED", "TIMEOUT", "NOT_MAIL"))
        peak = max(peak, _peak_kib(proc.pid))
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait()
    seconds = time.monotonic() - started
    print(
        json.dumps(
            {
                "path": str(args.path),
                "bytes": args.path.stat().st_size if args.path.is_file() else None,
                "separators": separators,
                "lines": lines,
                "valid_json": valid,
                "verdicts": dict(verdicts),
                "defects": dict(codes),
                "parent_peak_rss_mib": round(peak / 1024, 1),
                "seconds": round(seconds, 1),
                "msgs_per_s": round(lines / seconds, 1) if seconds else None,
                "exit": code,
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )
    if err.strip():
        print(err.strip()[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
