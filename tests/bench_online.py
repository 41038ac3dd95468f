"""Benchmark: time of `analyze --online` per message against local servers, cold and warm cache.

    python tests/bench_online.py ../shared/corpus/phish --sample 100

A dnslib DNS server answering every name (A, MX, SPF, DMARC records) and an RDAP server
answering every domain run on 127.0.0.1 (tests/helpers/servers.py), so the figures measure
mailautopsy's own work — parsing, pyspf, dkimpy, RDAP parsing, GeoIP, the SQLite cache — plus
loopback round trips, not the internet. Prints the median and 95th percentile per message for
a cold cache (first pass) and a warm cache (second pass over the same messages).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers.servers import DnsTestServer, RdapTestServer, rdap_domain

from mailautopsy import analyze
from mailautopsy.enrich.investigate import OnlineOptions

WILDCARD = {
    "*": [("A", "45.8.227.97"), ("MX", "10 mx.example.net"), ("TXT", "v=spf1 ip4:45.8.227.0/24 ~all")],
    "_dmarc": [("TXT", "v=DMARC1; p=quarantine")],
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("dirs", nargs="+", type=Path)
    p.add_argument("--sample", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    files = sorted(f for d in args.dirs for f in d.rglob("*") if f.is_file() and f.suffix in (".eml", ""))
    random.Random(args.seed).shuffle(files)
    files = files[: args.sample]
    tlds = [chr(a) + chr(b) for a in range(97, 123) for b in range(97, 123)] + ["com", "net", "org", "info", "host"]
    with (
        DnsTestServer({}, wildcard=WILDCARD) as dns_server,
        RdapTestServer({}, tlds, default=lambda name: rdap_domain(name, "2025-01-01T00:00:00Z", "R", "US")) as rdap,
        tempfile.TemporaryDirectory() as tmp,
    ):
        opts = OnlineOptions(
            resolver=dns_server.address,
            timeout=2.0,
            budget=20.0,
            cache_path=Path(tmp) / "cache.sqlite3",
            rdap_bootstrap=rdap.bootstrap,
        )
        raws = [f.read_bytes() for f in files]
        analyze(raws[0])  # load the knowledge base outside the timings
        for label in ("cold cache", "warm cache"):
            times = []
            skipped = 0
            for raw in raws:
                t0 = time.perf_counter()
                result = analyze(raw, online=opts)
                times.append(time.perf_counter() - t0)
                skipped += len(result.enrichment.skipped) if result.enrichment else 0
            print(
                f"{label}: {len(times)} messages, median {statistics.median(times) * 1000:.0f} ms,"
                f" p95 {percentile(times, 0.95) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
                f" ({skipped} lookups skipped)"
            )
        print(f"DNS queries answered by the server: {len(dns_server.log)}; RDAP requests: {len(rdap.requests)}")
        offline = []
        for raw in raws:
            t0 = time.perf_counter()
            analyze(raw)
            offline.append(time.perf_counter() - t0)
        print(f"offline, same messages: median {statistics.median(offline) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
