"""Latency the milter adds to mail delivery through a real Postfix (benchmark, not a test).

    PYTHONPATH=src python tests/milter/bench_milter.py [--corpus DIR] [--per-dir 100]
    PYTHONPATH=src python tests/milter/bench_milter.py --clients 50 --seconds 30   # load: nothing lost

Latency mode (default): two private Postfix instances on loopback, one with `smtpd_milters`
pointing at `mailautopsy milter` (a separate process, default configuration) and one without.
Each message of the mix (examples/, tests/fixtures/, tests/samples/ and, for the measurement only,
up to --per-dir messages of each folder of the corpus) is sent once to each, alternately, and the
SMTP transaction (connect to the 250 after DATA) is timed. Added latency = time with the milter −
time without, per message. Also prints the milter's own figure from its log (end-of-message to
its answer, the time Postfix waits for it).

Load mode (--clients N): N SMTP clients for --seconds send the mix round-robin to the Postfix
with the milter; afterwards count in = delivered (+ held + rejected: none in the default policy).
Needs root and Debian's postfix."""

from __future__ import annotations

import argparse
import os
import re
import smtplib
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from postfix_instance import MilterProcess, PostfixInstance, unavailable

ROOT = Path(__file__).resolve().parents[2]


def mix(corpus: Path | None, per_dir: int) -> list[bytes]:
    files = sorted(ROOT.glob("examples/*.eml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.eml"))
    files += sorted((ROOT / "tests" / "samples").rglob("*.eml"))
    if corpus is not None:
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            files += sorted(p for p in folder.rglob("*") if p.is_file())[:per_dir]
    return [f.read_bytes() for f in files]


def send(port: int, raw: bytes) -> float:
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=120) as s:
        s.sendmail("bench@sender.example", ["user@example.com"], raw)
    return time.perf_counter() - start


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def latency(messages: list[bytes]) -> None:
    milter = MilterProcess('[milter]\nmetrics = ""\ntimeout_seconds = 30\nmax_message_bytes = 20971520\n')
    with_milter = PostfixInstance(milter.port)
    without = PostfixInstance(None)
    try:
        milter.start()
        with_milter.start()
        without.start()
        for raw in messages[:5]:  # warm both paths
            send(with_milter.smtp_port, raw)
            send(without.smtp_port, raw)
        added, t_with, t_without, failed = [], [], [], 0
        for raw in messages:
            try:
                a = send(without.smtp_port, raw)
                b = send(with_milter.smtp_port, raw)
            except (smtplib.SMTPException, OSError):
                failed += 1
                continue
            t_without.append(a)
            t_with.append(b)
            added.append(b - a)
        own = [float(m) for m in re.findall(r" ms=([\d.]+)", milter.log_text())][10:]
        ms = 1000
        print(f"messages: {len(messages)} (refused by Postfix: {failed})")
        for name, vals in (("without milter", t_without), ("with milter", t_with), ("added", added)):
            print(f"{name:>15}: p50 {pct(vals, 50) * ms:7.1f} ms   p99 {pct(vals, 99) * ms:7.1f} ms")
        print(f"{'milter own':>15}: p50 {pct(own, 50):7.1f} ms   p99 {pct(own, 99):7.1f} ms   (from its log)")
        print(f"{'mean added':>15}: {statistics.mean(added) * ms:7.1f} ms")
    finally:
        with_milter.cleanup()
        without.cleanup()
        milter.cleanup()


def load(messages: list[bytes], clients: int, seconds: float) -> None:
    milter = MilterProcess('[milter]\nmetrics = ""\ntimeout_seconds = 30\n')
    postfix = PostfixInstance(milter.port)
    try:
        milter.start()
        postfix.start()
        sent: list[str] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + seconds

        def client(n: int) -> None:
            i = n
            while time.monotonic() < stop_at:
                tag = f"{n}-{i}"
                i += clients
                try:
                    with smtplib.SMTP("127.0.0.1", postfix.smtp_port, timeout=300) as s:
                        s.sendmail(
                            "b@sender.example",
                            ["user@example.com"],
                            f"X-Bench-Id: {tag}\r\n".encode() + messages[i % len(messages)],
                        )
                    with lock:
                        sent.append(tag)
                except Exception as exc:
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}"[:200])

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        postfix.wait_idle(600)
        ids = re.compile(rb"X-Bench-Id: (\S+)")
        got = [m.group(1).decode() for d in postfix.delivered() if (m := ids.search(d))]
        held = len(postfix.held())
        verdicts = Counter(
            m.group(1).decode() if (m := re.search(rb"X-Mailautopsy-Verdict: (\w+)", d)) else "none"
            for d in postfix.delivered()
        )
        print(f"{clients} clients × {seconds:g} s: {len(sent)} accepted, {len(errors)} refused/errors")
        print(f"delivered {len(got)} (unique {len(set(got))}), held {held}")
        print(f"lost: {len(set(sent) - set(got)) - held}, doubled: {len(got) - len(set(got))}")
        print("verdicts delivered:", dict(verdicts.most_common()))
        for e in errors[:5]:
            print("  error:", e)
    finally:
        postfix.cleanup()
        milter.cleanup()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_corpus = Path(os.environ.get("MAILAUTOPSY_CORPUS") or ROOT.parent / "shared" / "corpus")
    ap.add_argument("--corpus", type=Path, default=default_corpus if default_corpus.is_dir() else None)
    ap.add_argument("--per-dir", type=int, default=100)
    ap.add_argument("--clients", type=int, default=0)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    why = unavailable()
    if why:
        print(f"cannot run: {why}")
        return 1
    messages = mix(args.corpus, args.per_dir)
    if args.clients:
        load(messages, args.clients, args.seconds)
    else:
        latency(messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
