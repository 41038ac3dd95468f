"""Benchmarks: detection quality per folder and speed/memory.

    python -m mailautopsy.bench quality --phish DIR [...] --ham DIR [...] [--labels labels.jsonl]
    python -m mailautopsy.bench speed DIR [...] [--workers N]

Both print their figures; README.md records the latest ones.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .scan import scan

FLAGGED = {"suspicious", "phishing", "spam"}


def _results(paths: list[Path], workers: int | None) -> list[dict[str, Any]]:
    return [json.loads(line) for line in scan(paths, workers=workers)]


def _rate(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f} %" if whole else "  n/a"


def _roc(phish: list[dict[str, Any]], ham: list[dict[str, Any]]) -> list[tuple[float, float, int]]:
    """(ham flagged rate, phish flagged rate, score threshold) at 0.5 %, 1 % and 2 % of ham flagged."""
    ham_scores = sorted((r["score"] for r in ham), reverse=True)
    out = []
    for target in (0.005, 0.01, 0.02):
        allowed = int(len(ham_scores) * target)
        threshold = ham_scores[allowed] + 1 if allowed < len(ham_scores) else 0
        caught = sum(1 for r in phish if r["score"] >= threshold)
        fp = sum(1 for s in ham_scores if s >= threshold)
        out.append((fp / max(len(ham_scores), 1), caught / max(len(phish), 1), threshold))
    return out


def quality(args: argparse.Namespace) -> int:
    labels: dict[str, dict[str, Any]] = {}
    if args.labels:
        for line in Path(args.labels).read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                labels[Path(entry["file"]).name] = entry
    all_phish: list[dict[str, Any]] = []
    all_ham: list[dict[str, Any]] = []
    print(f"{'folder':40} {'n':>6} {'flagged':>9} {'phishing':>9} {'brand ok':>9}")
    for kind, folders in (("phish", args.phish or []), ("ham", args.ham or [])):
        for folder in folders:
            t0 = time.perf_counter()
            results = _results([Path(folder)], args.workers)
            elapsed = time.perf_counter() - t0
            n = len(results)
            flagged = sum(1 for r in results if r["verdict"] in FLAGGED)
            phishing = sum(1 for r in results if r["verdict"] == "phishing")
            brand_ok = ""
            if kind == "phish" and labels:
                hits = 0
                known = 0
                for r in results:
                    label = labels.get(Path(r["source"]).name)
                    if not label:
                        continue
                    known += 1
                    info = r.get("brand_info") or {}
                    domains = set(info.get("official_domains", []))
                    if r["verdict"] in FLAGGED and domains & set(label.get("official_domains", [])):
                        hits += 1
                brand_ok = _rate(hits, known) if known else ""
            print(
                f"{folder[-40:]:40} {n:6d} {_rate(flagged, n):>9} {_rate(phishing, n):>9} {brand_ok:>9}"
                f"   ({n / elapsed:.0f} msg/s)"
            )
            (all_phish if kind == "phish" else all_ham).extend(results)
    if all_phish and all_ham:
        print("\nROC (phish flagged at a given share of ham flagged, by score threshold):")
        for fp, tp, threshold in _roc(all_phish, all_ham):
            print(f"  ham flagged {fp * 100:4.1f} %  ->  phish flagged {tp * 100:5.1f} %  (score >= {threshold})")
    if all_ham:
        fired: Counter[str] = Counter()
        for r in all_ham:
            for f in {f["id"] for f in r["findings"]}:
                fired[f] += 1
        print("\nFindings that fire most on ham:")
        for rid, count in fired.most_common(args.top):
            print(f"  {count:5d}  {rid}")
        flagged_ham = [r for r in all_ham if r["verdict"] in FLAGGED]
        if flagged_ham and args.show_ham:
            print("\nHam flagged:")
            for r in flagged_ham[: args.show_ham]:
                print(f"  {r['score']:3d} {r['source']}  {[f['id'] for f in r['findings']]}")
    if all_phish and args.show_missed:
        missed = [r for r in all_phish if r["verdict"] not in FLAGGED]
        print(f"\nPhish missed ({len(missed)}), first {args.show_missed}:")
        for r in missed[: args.show_missed]:
            print(f"  {r['score']:3d} {r['source']}  {[f['id'] for f in r['findings']]}")
    return 0


def speed(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    t0 = time.perf_counter()
    count = sum(1 for _ in scan(paths, workers=args.workers))
    elapsed = time.perf_counter() - t0
    usage_self = resource.getrusage(resource.RUSAGE_SELF)
    usage_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage_self.ru_utime + usage_self.ru_stime + usage_children.ru_utime + usage_children.ru_stime
    peak = max(usage_self.ru_maxrss, usage_children.ru_maxrss) / 1024
    print(f"messages: {count}")
    print(f"wall time: {elapsed:.1f} s  ->  {count / elapsed:.0f} messages/s with {args.workers or 'all'} worker(s)")
    print(f"CPU time: {cpu:.1f} s  ->  {count / cpu:.0f} messages/s per core")
    print(f"peak RSS of one process: {peak:.0f} MiB")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mailautopsy.bench")
    sub = p.add_subparsers(dest="command", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--phish", action="append")
    q.add_argument("--ham", action="append")
    q.add_argument("--labels")
    q.add_argument("--workers", type=int, default=None)
    q.add_argument("--top", type=int, default=15)
    q.add_argument("--show-ham", type=int, default=0)
    q.add_argument("--show-missed", type=int, default=0)
    s = sub.add_parser("speed")
    s.add_argument("paths", nargs="+")
    s.add_argument("--workers", type=int, default=1)
    args = p.parse_args(argv)
    return quality(args) if args.command == "quality" else speed(args)


if __name__ == "__main__":
    sys.exit(main())
