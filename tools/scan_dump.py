"""Dump `scan --jsonl --workers 1` of some folders in a form two revisions can be compared by:
one JSON object per message, keys sorted, lines sorted by source. Used to show that a speed
change leaves every result as it was (docs/benchmarks.md, "Speed and memory"):

    PYTHONPATH=src python tools/scan_dump.py /tmp/before.jsonl ../shared/corpus/{phish,ham,ham-modern,ja}
    ... change, then the same into /tmp/after.jsonl ...
    cmp /tmp/before.jsonl /tmp/after.jsonl

The whole result is compared (verdict, score, findings with their evidence and texts, extracted
facts, defects); the JSON holds no timing field.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    out, paths = argv[0], argv[1:]
    cmd = [sys.executable, "-m", "mailautopsy", "scan", "--jsonl", "--workers", "1", *paths]
    done = subprocess.run(cmd, capture_output=True, check=False)
    rows = sorted(
        (json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()),
        key=lambda r: r["source"],
    )
    with open(out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"{len(rows)} results in {out} (scan exit {done.returncode}, {cpu:.1f} s of CPU)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
