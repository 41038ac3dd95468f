"""Benchmarks: detection quality per folder and speed/memory.

    python -m mailautopsy.bench quality --phish DIR [...] --ham DIR [...] [--labels labels.jsonl] [--cv]
    python -m mailautopsy.bench speed DIR [...] [--workers N]
    python -m mailautopsy.bench render [FILE ...] [--big-mb 5] [--repeat 5]
    python -m mailautopsy.bench scale --from DIR [...] --messages 1000000 --mbox PATH [--workers 2]
    python -m mailautopsy.bench campaigns CORPUS --pairs bench/campaign_pairs.jsonl
    python -m mailautopsy.bench dask DIR [...] [--cluster local:2 ...] [--local-workers 2] [--mbox-copies N]

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
                named = [_brand_named(r, labels) for r in results]
                known = sum(1 for ok in named if ok is not None)
                brand_ok = _rate(sum(1 for ok in named if ok), known) if known else ""
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
        unnamed = [r for r in all_phish if r["verdict"] in FLAGGED and _brand_named(r, labels) is False]
        if unnamed:
            print(f"\nPhish flagged without the labelled brand ({len(unnamed)}), first {args.show_missed}:")
            for r in unnamed[: args.show_missed]:
                label = labels[Path(r["source"]).name]
                shown = (r.get("brand_info") or {}).get("id") or r.get("brand") or "-"
                print(f"  {r['score']:3d} {r['source']}  labelled {label.get('brand')!r}, named {shown!r}")
    return 0


def _brand_named(result: dict[str, Any], labels: dict[str, dict[str, Any]]) -> bool | None:
    """Flagged with a brand whose official domains meet the label's; None without a label."""
    label = labels.get(Path(result["source"]).name)
    if not label:
        return None
    domains = set((result.get("brand_info") or {}).get("official_domains", []))
    return result["verdict"] in FLAGGED and bool(domains & set(label.get("official_domains", [])))


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


def _timed(results: Any) -> tuple[float, set[tuple[str, str, int]], int]:
    """Seconds to drain `results`, the set of (sha256, verdict, score), and the message count."""
    t0 = time.perf_counter()
    triples = set()
    count = 0
    for _line, summary in results:
        triples.add((summary.sha256, summary.verdict, summary.score))
        count += 1
    return time.perf_counter() - t0, triples, count


def _mbox_copies(paths: list[Path], count: int, out: Path) -> None:
    """An mbox of `count` messages taken in turn from the files under `paths`, each with a header
    of its own (so each is a new message to the store), body `From ` lines quoted."""
    import re

    from .scan import iter_items

    quote = re.compile(rb"^(>*From )", re.MULTILINE)
    files = [item for item in iter_items(paths, []) if item.span is not None and not item.span.mbox]
    with out.open("wb") as fh:
        for n in range(count):
            raw = files[n % len(files)].loaded().data.replace(b"\r\n", b"\n")
            fh.write(b"From bench@example.org Tue Apr 22 09:12:30 2025\n")
            fh.write(f"X-Bench-Copy: {n}\n".encode() + quote.sub(rb">\1", raw).rstrip(b"\n") + b"\n\n")


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the local pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _worker_cpu() -> float:
    """On a Dask worker (`client.run`): its process's CPU time."""
    return time.process_time()


def _dask_once(address: str, paths: list[Path]) -> tuple[float, set[tuple[str, str, int]], int, int, float, float]:
    """(seconds, triples, messages, worker threads, workers' CPU s, client CPU s) of one Dask scan."""
    from .distributed import Job, connect, run, tasks, warm
    from .scan import iter_items

    with connect(address) as client:
        client.wait_for_workers(1, timeout=120)
        job = Job.make()
        client.run(warm, job)  # knowledge and rules loaded in every worker before the clock
        threads = sum(client.nthreads().values())
        before, own = client.run(_worker_cpu), time.process_time()
        took, triples, count = _timed(run(client, tasks(iter_items(paths, [])), job))
        own = time.process_time() - own
        after = client.run(_worker_cpu)
    workers = sum(after[w] - before.get(w, 0.0) for w in after)
    return took, triples, count, threads, workers, own


def dask(args: argparse.Namespace) -> int:
    """Throughput of `scan --dask` with each cluster against the local pool, per wall second and
    per CPU second (on a shared machine the second is what compares), and whether every run gives
    the same set of (sha256, verdict, score) (issue 17's bar)."""
    import tempfile

    from .scan import iter_items, scan_results

    paths = [Path(p) for p in args.paths]
    with tempfile.TemporaryDirectory() as tmp:
        if args.mbox_copies:
            _mbox_copies(paths, args.mbox_copies, Path(tmp) / "copies.mbox")
            paths.append(Path(tmp) / "copies.mbox")
        cpu = _cpu_seconds()
        took, reference, count = _timed(scan_results(iter_items(paths, []), args.local_workers))
        cpu = _cpu_seconds() - cpu
        print(f"messages: {count}; load average before: {os.getloadavg()[0]:.1f}")
        print(
            f"local pool, {args.local_workers} process(es): {took:.1f} s, {count / took:.1f} messages/s wall, "
            f"{count / cpu:.1f} messages per CPU second"
        )
        same = True
        for address in args.cluster:
            took, triples, count, threads, workers, own = _dask_once(address, paths)
            same = same and triples == reference
            print(
                f"dask {address} ({threads} worker thread(s)): {took:.1f} s, {count / took:.1f} messages/s wall, "
                f"{count / workers:.1f} messages per worker CPU second, client process {1000 * own / count:.2f} "
                f"ms CPU/message (a LocalCluster's scheduler included); same (sha256, verdict, score) set as "
                f"local: {'yes' if triples == reference else 'NO'}; load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    return 0 if same else 1


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
    c = sub.add_parser("campaigns", help="campaign grouping precision and recall on labelled pairs")
    c.add_argument("root", help="the corpus root the pairs' file names are relative to")
    c.add_argument("--folders", nargs="+", default=["phish", "ham", "ham-modern", "ja/phish", "ja/ham"])
    c.add_argument("--pairs", default="bench/campaign_pairs.jsonl")
    c.add_argument("--top", type=int, default=25)
    d = sub.add_parser("dask", help="scan --dask throughput and equality with the local scan")
    d.add_argument("paths", nargs="+")
    d.add_argument("--cluster", action="append", default=[], help="local:N or tcp://scheduler:8786 (repeatable)")
    d.add_argument("--local-workers", type=int, default=2)
    d.add_argument("--mbox-copies", type=int, default=0, help="also an mbox of this many varied copies")
    args = p.parse_args(argv)
    commands = {
        "quality": quality,
        "speed": speed,
        "render": render,
        "scale": scalebench.scale,
        "campaigns": campaigns,
        "dask": dask,
    }
    return commands[args.command](args)


def campaigns(args: argparse.Namespace) -> int:
    from .campaignbench import run

    return run(Path(args.root), args.folders, Path(args.pairs), args.top)


if __name__ == "__main__":
    sys.exit(main())
