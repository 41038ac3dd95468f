"""`python -m mailautopsy.fuzz [CORPUS ...]`: mutation fuzzing of `analyze` (see docs/robustness.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .runner import Fuzzer, seeds

_MEASURE = """
import json, sys, time
from mailautopsy import analyze
from mailautopsy.fuzz.shapes import SHAPES
from mailautopsy.render.json import to_dict
raw = SHAPES[sys.argv[1]]()
start = time.process_time()
result = analyze(raw)
json.dumps(to_dict(result), ensure_ascii=False).encode("utf-8")
print(json.dumps({"cpu_s": round(time.process_time() - start, 2), "bytes": len(raw), "verdict": result.verdict,
                  "links": len(result.message.links), "defects": sorted({d.code for d in result.message.defects})}))
"""


def measure_shapes(budget: float) -> int:
    """Each shape analysed in a fresh process (CPU seconds of `analyze` alone), killed after `budget`."""
    import subprocess

    from .shapes import SHAPES

    failed = 0
    for name in SHAPES:
        try:
            done = subprocess.run(
                [sys.executable, "-c", _MEASURE, name], capture_output=True, text=True, timeout=budget, check=False
            )
            line = done.stdout.strip() or "raised: " + (done.stderr.strip().splitlines() or ["?"])[-1]
        except subprocess.TimeoutExpired:
            line = f"timeout: over {budget:g} s"
        failed += not line.startswith("{")
        print(f"{name:22} {line}", flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mailautopsy.fuzz", description=__doc__)
    parser.add_argument("corpus", nargs="*", type=Path, help="extra seed files or directories (e.g. a mail corpus)")
    parser.add_argument("--inputs", type=int, default=1000, help="mutated inputs to run (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (a run is reproducible from it)")
    parser.add_argument(
        "--budget",
        type=float,
        default=10.0,
        help="CPU seconds per input (wall seconds where CPU time cannot be read; default 10)",
    )
    parser.add_argument(
        "--wall-factor", type=float, default=10.0, help="hard stop at this many times the budget in wall time"
    )
    parser.add_argument("--max-seconds", type=float, default=0.0, help="stop after this long (0: no limit)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where failing inputs go")
    parser.add_argument("--no-minimise", action="store_true", help="write failing inputs as found")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--shapes", action="store_true", help="measure the issue-20 shapes instead (CPU s each)")
    args = parser.parse_args(argv)
    if args.shapes:
        return measure_shapes(args.budget)
    corpus = seeds(list(args.corpus))
    print(f"{len(corpus)} seeds", file=sys.stderr)
    fuzzer = Fuzzer(args.budget, args.wall_factor)
    try:
        report = fuzzer.run(
            corpus,
            args.inputs,
            seed=args.seed,
            out=args.out,
            max_seconds=args.max_seconds,
            minimise=not args.no_minimise,
            progress=not args.quiet,
        )
    finally:
        fuzzer.close()
    print(report.summary())
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
