"""Load test of the web app's API: concurrent clients submitting real analyses.

    python tests/web/bench_web.py [--clients 20] [--seconds 60] [--corpus DIR] [--processes 2]

Starts the app (uvicorn, in a thread of this process) on 127.0.0.1 with a fresh SQLite database
in a temporary directory, creates an analyst and an API token, then runs N client threads
(httpx.Client, one connection each) that POST messages as `Content-Type: message/rfc822` with
`?force=true` (every post is a real analysis, not a duplicate lookup) to /api/analyses, taking
the messages round-robin from the corpus (default ../shared/corpus/phish if present, else
examples/*.eml). Clients start no new request after --seconds; requests in flight finish.

A probe thread meanwhile times a cheap GET (/api/analyses?limit=1) every 0.5 s: how responsive the
server stays for everything else while analyses run.

Afterwards every accepted id is fetched with GET /api/analyses/{id}: it must be `done`, or
`failed` with a reason; anything else (missing, still queued/running, failed without a reason)
is counted as lost. Prints requests, errors (non-2xx or no answer), lost analyses, throughput
(analyses per second of wall time) and latency percentiles."""

from __future__ import annotations

import argparse
import itertools
import logging
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "a long password for the bench"


@dataclass
class Sample:
    latency: float
    status: int  # 0: no answer (timeout, connection error)
    ids: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    error: str = ""


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def corpus_files(corpus: Path | None) -> list[Path]:
    if corpus is None:
        default = ROOT.parent / "shared" / "corpus" / "phish"
        corpus = default if default.is_dir() else ROOT / "examples"
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in (".eml", ".msg", ""))
    if not files:
        raise SystemExit(f"no messages (.eml, .msg) in {corpus}")
    return files


class ServerErrors(logging.Handler):
    """Collects what uvicorn logs (unhandled exceptions in the app) instead of printing the tracebacks."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.kinds: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        exc = record.exc_info[1] if record.exc_info else None
        what = f"{type(exc).__name__}: {exc}" if exc else record.getMessage()
        self.kinds[what.splitlines()[0][:150]] += 1


def start_server(app: Any, errors: ServerErrors) -> tuple[Any, threading.Thread, str]:
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")  # (configures uvicorn's loggers)
    for name in ("uvicorn.error", "uvicorn.access", "uvicorn"):
        logging.getLogger(name).handlers = [errors]
        logging.getLogger(name).propagate = False
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("the web app did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def client_loop(
    base: str, token: str, files: list[Path], turn: Any, lock: threading.Lock, stop_at: float, out: list[Sample]
) -> None:
    import httpx

    headers = {"Authorization": f"Bearer {token}", "Content-Type": "message/rfc822"}
    with httpx.Client(base_url=base, headers=headers, timeout=httpx.Timeout(300.0, connect=10.0)) as client:
        while time.monotonic() < stop_at:
            with lock:
                path = files[next(turn) % len(files)]
            raw = path.read_bytes()
            started = time.perf_counter()
            try:
                response = client.post(
                    "/api/analyses", content=raw, params={"force": "true"}, headers={"X-Filename": path.name}
                )
            except httpx.HTTPError as exc:
                out.append(Sample(time.perf_counter() - started, 0, error=f"{type(exc).__name__}: {exc}"[:200]))
                continue
            sample = Sample(time.perf_counter() - started, response.status_code)
            try:
                body = response.json()
            except ValueError:
                body = {}
            if isinstance(body, dict):
                sample.ids = [a["id"] for a in body.get("analyses", []) if isinstance(a, dict) and "id" in a]
                sample.rejected = [str(r.get("reason", "")) for r in body.get("rejected", []) if isinstance(r, dict)]
                if not 200 <= response.status_code < 300:
                    sample.error = str(body.get("detail") or sample.rejected or "")[:200]
            out.append(sample)


def probe_loop(base: str, token: str, stop: threading.Event, out: list[float]) -> None:
    import httpx

    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=300.0) as client:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                client.get("/api/analyses", params={"limit": 1}).raise_for_status()
                out.append(time.perf_counter() - started)
            except Exception:
                out.append(float("inf"))
            stop.wait(0.5)


def verify(base: str, token: str, ids: list[str], workers: int = 4) -> tuple[Counter[str], Counter[str], list[str]]:
    """(statuses, failure reasons, lost ids) of the accepted analyses, read back through the API."""
    import httpx

    statuses: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    lost: list[str] = []
    lock = threading.Lock()
    queue = iter(ids)

    def run() -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60.0) as client:
            while True:
                with lock:
                    analysis_id = next(queue, None)
                if analysis_id is None:
                    return
                try:
                    response = client.get(f"/api/analyses/{analysis_id}")
                    body = response.json() if response.status_code == 200 else {}
                except (httpx.HTTPError, ValueError):
                    body = {}
                status = body.get("status", "missing")
                ok = (status == "done" and body.get("result") is not None) or (
                    status == "failed" and bool(body.get("error"))
                )
                with lock:
                    statuses[status] += 1
                    if status == "failed" and body.get("error"):
                        reasons[str(body["error"])[:80]] += 1
                    if not ok:
                        lost.append(analysis_id)

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, reasons, lost


def unfinished(base: str, token: str) -> Counter[str]:
    """Statuses of every analysis the server stored, by paging the history: finds analyses that were
    stored but whose request failed (no id reached a client) and that never finished."""
    import httpx

    statuses: Counter[str] = Counter()
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60.0) as client:
        offset = 0
        while True:
            page = client.get("/api/analyses", params={"offset": offset, "limit": 200}).json()
            statuses.update(item["status"] for item in page["items"])
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                return statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--processes", type=int, default=2, help="analysis worker processes (WebSettings.processes)")
    parser.add_argument(
        "--processes-per-user",
        type=int,
        default=0,
        help="worker processes one account may hold (WebSettings.processes_per_user; 0: all but one)",
    )
    parser.add_argument(
        "--submissions-per-minute",
        type=int,
        default=1_000_000,
        help="the app's per-user submission limit (its default, 120, would reject most of a load test)",
    )
    args = parser.parse_args()

    from sqlalchemy.orm import sessionmaker

    from mailautopsy.web.app import WebSettings, create_app
    from mailautopsy.web.security import create_token, create_user

    files = corpus_files(args.corpus)
    with tempfile.TemporaryDirectory(prefix="mailautopsy-bench-") as tmp:
        settings = WebSettings(
            data_dir=Path(tmp),
            processes=args.processes,
            processes_per_user=args.processes_per_user,
            submissions_per_minute=args.submissions_per_minute,
            max_queued_per_user=max(60, 2 * args.clients),
        )
        app = create_app(settings)
        with sessionmaker(app.state.engine).begin() as db:
            token = create_token(db, create_user(db, "bench", "analyst", PASSWORD), "bench")
        server_errors = ServerErrors()
        server, thread, base = start_server(app, server_errors)
        print(
            f"app {base} (processes={args.processes}, SQLite in {tmp}); {args.clients} clients for {args.seconds:g} s; "
            f"{len(files)} messages from {files[0].parent}",
            flush=True,
        )
        try:
            samples: list[Sample] = []
            probes: list[float] = []
            turn = itertools.count()
            lock = threading.Lock()
            stop_probe = threading.Event()
            probe = threading.Thread(target=probe_loop, args=(base, token, stop_probe, probes), daemon=True)
            began = time.monotonic()
            stop_at = began + args.seconds
            clients = [
                threading.Thread(
                    target=client_loop, args=(base, token, files, turn, lock, stop_at, samples), name=f"client-{i}"
                )
                for i in range(args.clients)
            ]
            probe.start()
            for t in clients:
                t.start()
            for t in clients:
                t.join()
            elapsed = time.monotonic() - began
            stop_probe.set()
            probe.join()

            accepted = [i for s in samples for i in s.ids]
            statuses, reasons, lost = verify(base, token, accepted)
            stored = unfinished(base, token)
        finally:
            server.should_exit = True
            thread.join(timeout=60)
            app.state.engine.dispose()

    errors = [s for s in samples if not 200 <= s.status < 300]
    latencies = [s.latency for s in samples]
    by_status = Counter(str(s.status or "no answer") for s in samples)
    error_kinds = Counter(f"{s.status or 'no answer'} {s.error}"[:120] for s in errors)
    finite_probes = [p for p in probes if p != float("inf")]

    print(f"requests:            {len(samples)}  (by status: {dict(sorted(by_status.items()))})")
    print(f"errors (non-2xx):    {len(errors)}")
    for kind, n in error_kinds.most_common(5):
        print(f"    {n:5d} × {kind}")
    print(f"analyses accepted:   {len(accepted)}  (read back: {dict(sorted(statuses.items()))})")
    for reason, n in reasons.most_common(5):
        print(f"    failed {n:5d} × {reason}")
    print(f"lost analyses:       {len(lost)}" + (f"  e.g. {lost[:3]}" if lost else ""))
    stuck = sum(n for status, n in stored.items() if status not in ("done", "failed"))
    print(f"stored by the server: {sum(stored.values())} {dict(sorted(stored.items()))}; never finished: {stuck}")
    print(f"server exceptions:   {sum(server_errors.kinds.values())}")
    for kind, n in server_errors.kinds.most_common(5):
        print(f"    {n:5d} × {kind}")
    print(f"wall time:           {elapsed:.1f} s (load phase, until the last answer)")
    print(f"throughput:          {len(accepted) / elapsed:.2f} analyses/s")
    if latencies:
        print(
            f"latency:             p50 {percentile(latencies, 0.5):.3f} s   p95 {percentile(latencies, 0.95):.3f} s   "
            f"max {max(latencies):.3f} s   mean {statistics.fmean(latencies):.3f} s"
        )
    if finite_probes:
        print(
            f"probe GET latency:   p50 {percentile(finite_probes, 0.5):.3f} s   "
            f"p95 {percentile(finite_probes, 0.95):.3f} s   max {max(finite_probes):.3f} s   "
            f"({len(probes)} probes, {len(probes) - len(finite_probes)} failed)"
        )
    return 1 if lost or errors or stuck else 0


if __name__ == "__main__":
    sys.exit(main())
