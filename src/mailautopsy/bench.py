"""Benchmarks: detection quality per folder and speed/memory.

    python -m mailautopsy.bench quality --phish DIR [...] --ham DIR [...] [--labels labels.jsonl] [--cv]
    python -m mailautopsy.bench speed DIR [...] [--workers N]
    python -m mailautopsy.bench render [FILE ...] [--big-mb 5] [--repeat 5]
    python -m mailautopsy.bench scale --from DIR [...] --messages 1000000 --mbox PATH [--workers 2]

Each prints its figures; README.md records the latest ones.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from . import scalebench
from .analyze import analyze
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
    per_folder: list[tuple[str, str, list[dict[str, Any]]]] = []
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
            per_folder.append((folder, kind, results))
    if args.cv and all_phish and all_ham:
        _print_cv(per_folder, args.cv)
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


def _print_cv(per_folder: list[tuple[str, str, list[dict[str, Any]]]], folds: int) -> None:
    from .familycv import by_folder, concentrated_rules
    from .rules import load as load_rules

    figures, groups = by_folder(per_folder, load_rules(), folds)
    print(f"\nLeave-a-family-out cross-validation ({folds} folds over {len(set(groups))} families; weights and")
    print("thresholds fitted without the fold; gap = shipped - cross-validated, in points):")
    print(f"{'folder':40} {'flagged':>9} {'cv':>9} {'gap':>6} {'phishing':>9} {'cv':>9} {'gap':>6}")
    for f in figures:
        print(
            f"{f.folder[-40:]:40} {_rate(round(f.flagged * f.n), f.n):>9} {_rate(round(f.cv_flagged * f.n), f.n):>9}"
            f" {100 * (f.flagged - f.cv_flagged):+6.1f} {_rate(round(f.phishing * f.n), f.n):>9}"
            f" {_rate(round(f.cv_phishing * f.n), f.n):>9} {100 * (f.phishing - f.cv_phishing):+6.1f}"
        )
    everything = [(r, kind) for _, kind, rs in per_folder for r in rs]
    phish = [i for i, (_, kind) in enumerate(everything) if kind == "phish"]
    rows = concentrated_rules([everything[i][0] for i in phish], [groups[i] for i in phish])
    print("\nRules whose phish hits (10 or more) come mostly from one family (candidates for memorising a campaign):")
    for rid, hits, n_families, share in rows:
        print(f"  {rid:36} {hits:5d} hits in {n_families:4d} families, {share * 100:5.1f} % in the largest")
    if not rows:
        print("  none")


def _cpu() -> float:
    """CPU seconds of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def speed(args: argparse.Namespace) -> int:
    """Messages per second, with the start-up (the interpreter, the imports, and the first
    message, which loads the knowledge, rules and lazily built tables) and without it (steady)."""
    paths = [Path(p) for p in args.paths]
    imports = _cpu()  # the interpreter and the imports of this module, before any message
    t0 = time.perf_counter()
    results = scan(paths, workers=args.workers)
    count = 1 if next(results, None) is not None else 0
    first_wall, first_cpu = time.perf_counter() - t0, _cpu() - imports
    count += sum(1 for _ in results)
    elapsed = time.perf_counter() - t0
    cpu = _cpu()
    steady_cpu, steady_wall = cpu - imports - first_cpu, elapsed - first_wall
    usage_self = resource.getrusage(resource.RUSAGE_SELF)
    usage_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = max(usage_self.ru_maxrss, usage_children.ru_maxrss) / 1024
    print(f"messages: {count}")
    print(f"start-up: {imports + first_cpu:.2f} s of CPU (imports {imports:.2f} s, first message {first_cpu:.2f} s)")
    print(f"wall time: {elapsed:.1f} s  ->  {count / elapsed:.0f} messages/s with {args.workers or 'all'} worker(s)")
    print(f"CPU time: {cpu:.1f} s  ->  {count / cpu:.0f} messages/s per core with start-up")
    if count > 1 and steady_cpu > 0:
        print(
            f"steady (without start-up): {count - 1} messages in {steady_cpu:.1f} s of CPU  ->  "
            f"{(count - 1) / steady_cpu:.0f} messages/s per core ({(count - 1) / steady_wall:.0f} per wall second)"
        )
    print(f"peak RSS of one process: {peak:.0f} MiB")
    return 0


def big_message(megabytes: float) -> bytes:
    """A synthetic phishing-like message of about `megabytes` MB: long text and HTML bodies
    with many links, and a binary attachment making up the rest."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = '"KAGOYA サポート" <support@kagoya-support.example>'
    msg["To"] = "user@example.co.jp"
    msg["Subject"] = "【重要:KAGOYA】アカウントの確認 / Verify your account"
    msg["Date"] = "Tue, 22 Apr 2025 09:12:30 +0900"
    for i in range(30):
        hop = f"from relay{i}.example.net ([198.51.100.{i + 1}]) by mx{i}.example.org"
        msg["Received"] = f"{hop}; Tue, 22 Apr 2025 09:12:{i:02d} +0900"
    line = "お客様のアカウントは停止されます。Please verify at https://login-{i}.kagoya-verify.example/p?id={i}\n"
    text = "".join(line.format(i=i) for i in range(int(megabytes * 2500)))
    html = "".join(
        f'<p><a href="https://login-{i}.kagoya-verify.example/p?id={i}">https://www.kagoya.jp/{i}</a></p>'
        for i in range(int(megabytes * 2500))
    )
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    size = len(msg.as_bytes())
    rest = max(0, int(megabytes * 1_000_000) - size)
    msg.add_attachment(os.urandom(rest * 3 // 4), maintype="application", subtype="octet-stream", filename="blob.bin")
    return msg.as_bytes()


def render(args: argparse.Namespace) -> int:
    from .render.article import ReportOptions
    from .render.report import FORMATS, render_report

    cases = [(p, Path(p).read_bytes()) for p in args.paths]
    if args.big_mb:
        cases.append((f"synthetic {args.big_mb:g} MB message", big_message(args.big_mb)))
    for name, raw in cases:
        t0 = time.perf_counter()
        result = analyze(raw, name)
        analysed = time.perf_counter() - t0
        print(f"{name} ({len(raw) / 1e6:.2f} MB): analyze {analysed * 1000:.0f} ms")
        for fmt in FORMATS:
            times = []
            for _ in range(args.repeat if fmt != "pdf" else max(1, args.repeat // 3)):
                t0 = time.perf_counter()
                out = render_report(result, fmt, ReportOptions(lang=args.lang))
                times.append(time.perf_counter() - t0)
            print(f"  {fmt:5s} median {statistics.median(times) * 1000:8.1f} ms  ({len(out) / 1000:.0f} kB)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")
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
    q.add_argument(
        "--cv",
        type=int,
        nargs="?",
        const=5,
        default=0,
        metavar="FOLDS",
        help="also leave-a-family-out cross-validation of the fitted weights (default 5 folds)",
    )
    s = sub.add_parser("speed")
    s.add_argument("paths", nargs="+")
    s.add_argument("--workers", type=int, default=1)
    r = sub.add_parser("render", help="time every report format")
    r.add_argument("paths", nargs="*", default=["examples/kagoya-phish.eml"])
    r.add_argument("--big-mb", type=float, default=5.0, help="also a synthetic message of this size (0: none)")
    r.add_argument("--repeat", type=int, default=5)
    r.add_argument("--lang", choices=("ja", "en"), default="ja")
    scalebench.add_parser(sub)
    args = p.parse_args(argv)
    return {"quality": quality, "speed": speed, "render": render, "scale": scalebench.scale}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
