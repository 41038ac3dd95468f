"""Run mutated mail through `analyze` in worker processes: a wall-clock budget per input (a worker
past it is killed and replaced), the workers' peak RSS, and every failing input minimised and
written out. A failure is an exception escaping `analyze`, an error a check recorded, output that
is not valid UTF-8 JSON, or a timeout."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import resource
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from .mutate import mutate
from .shapes import SHAPES

ROOT = Path(__file__).resolve().parents[3]
SEED_DIRS = (ROOT / "tests" / "fixtures", ROOT / "tests" / "samples", ROOT / "examples")
_MAX_SEED = 4 * 1024 * 1024
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def seeds(extra: list[Path] = (), limit: int = 5000) -> list[bytes]:  # type: ignore[assignment]
    """The seed messages: the repository's fixtures, rule samples and examples, the issue-20 shapes,
    then every file under each directory of `extra` (a corpus), in a stable order."""
    out: list[bytes] = []
    for _, make in sorted(SHAPES.items()):
        try:
            out.append(make())
        except OSError:  # installed without the repository's examples/: the seed-based shapes go
            continue
    for folder in (*SEED_DIRS, *extra):
        if not folder.exists():
            continue
        if folder.is_file():
            out.append(folder.read_bytes()[:_MAX_SEED])
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.suffix in (".py", ".md", ".json", ".toml", ".csv") or path.name.startswith("."):
                continue
            out.append(path.read_bytes()[:_MAX_SEED])
            if len(out) >= limit:
                return out
    return out


def check_one(raw: bytes) -> tuple[str, str]:
    """('ok', '') or (failure kind, detail) for one input, in this process."""
    from .. import analyze
    from ..render.json import to_dict

    try:
        result = analyze(raw)
        text = json.dumps(to_dict(result), ensure_ascii=False)
        text.encode("utf-8")
    except Exception as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "mailautopsy" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        return "exception", f"{type(exc).__name__} at {where}: {exc}"[:500] + "\n" + traceback.format_exc()[-3000:]
    if result.errors:
        return "check_error", result.errors[0]
    return "ok", ""


def _worker(conn: Connection) -> None:
    while True:
        try:
            raw = conn.recv_bytes()
        except EOFError:
            return
        kind, detail = check_one(raw)
        rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        conn.send((kind, detail, rss_kb))


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext) -> None:
        self.ctx = ctx
        self.parent, child = multiprocessing.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child,), daemon=True)  # type: ignore[attr-defined]
        self.proc.start()
        child.close()

    def cpu_seconds(self) -> float | None:
        """CPU time the worker used so far (Linux /proc), or None where that cannot be read."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
        except (OSError, IndexError, ValueError):
            return None

    def run(self, raw: bytes, budget: float, wall_factor: float) -> tuple[str, str, int]:
        """Analyse `raw` in the worker. The budget is CPU seconds where they can be read (on a loaded
        machine wall time says more about the neighbours than about the input), else wall seconds;
        `wall_factor` × budget of wall time is the hard stop either way."""
        start_cpu = self.cpu_seconds()
        started = time.monotonic()
        self.parent.send_bytes(raw)
        while True:
            if self.parent.poll(0.2):
                try:
                    kind, detail, rss = self.parent.recv()
                    return str(kind), str(detail), int(rss)
                except EOFError:
                    return "crash", f"worker died (exit {self.proc.exitcode})", 0
            wall = time.monotonic() - started
            cpu = self.cpu_seconds()
            used = cpu - start_cpu if cpu is not None and start_cpu is not None else wall
            if used > budget or wall > budget * wall_factor:
                return "timeout", f"over {budget:g} s (CPU {used:.1f} s, wall {wall:.1f} s)", 0

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.parent.close()


@dataclass
class Failure:
    kind: str
    signature: str
    detail: str
    mutation: str
    data: bytes
    path: Path | None = None


@dataclass
class Report:
    inputs: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    by_kind: dict[str, int] = field(default_factory=dict)
    failures: dict[str, Failure] = field(default_factory=dict)
    """Distinct failures by signature (first input seen, minimised)."""

    def summary(self) -> str:
        lines = [
            f"{self.inputs} inputs in {self.seconds:.0f} s ({self.inputs / max(self.seconds, 1e-9):.1f}/s), "
            f"peak RSS per worker {self.peak_rss_mb:.0f} MB",
            "outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.by_kind.items())),
        ]
        for sig, failure in self.failures.items():
            where = f" -> {failure.path}" if failure.path else ""
            lines.append(f"  {failure.kind}: {sig} [{failure.mutation}] {len(failure.data)} bytes{where}")
        return "\n".join(lines)


def _signature(kind: str, detail: str, mutation: str = "") -> str:
    """What makes two failures the same: the exception and where it was raised; for a timeout or a
    crash (no traceback), the mutations that made the input."""
    if kind in ("timeout", "crash"):
        return f"{kind}: {'+'.join(sorted(set(mutation.split('+'))))}" if mutation else kind
    return f"{kind}: {detail.splitlines()[0][:160]}"


class Fuzzer:
    """One worker process analyses the inputs one at a time (run several fuzzers with different
    seeds for several cores); a worker past the budget or dead is replaced."""

    def __init__(self, budget: float = 10.0, wall_factor: float = 10.0) -> None:
        self.budget = budget
        self.wall_factor = wall_factor
        self.ctx = multiprocessing.get_context("fork")
        self.worker = _Worker(self.ctx)

    def close(self) -> None:
        self.worker.stop()

    def _run(self, raw: bytes, budget: float) -> tuple[str, str, int]:
        kind, detail, rss = self.worker.run(raw, budget, self.wall_factor)
        if kind in ("timeout", "crash"):
            self.worker.stop()
            self.worker = _Worker(self.ctx)
        return kind, detail, rss

    def minimise(self, raw: bytes, kind: str, signature: str, attempts: int = 200) -> bytes:
        """Delta-debugging by chunk removal: the smallest input found (within `attempts` runs)
        that fails with the same signature."""
        budget = self.budget
        chunk = max(1, len(raw) // 2)
        while chunk >= 1 and attempts > 0:
            start = 0
            while start < len(raw) and attempts > 0:
                candidate = raw[:start] + raw[start + chunk :]
                attempts -= 1 if kind != "timeout" else 20
                got, detail, _ = self._run(candidate, budget)
                if got == kind and (kind in ("timeout", "crash") or _signature(got, detail) == signature):
                    raw = candidate
                else:
                    start += chunk
            chunk //= 2
        return raw

    def run(
        self,
        corpus: list[bytes],
        count: int,
        seed: int = 0,
        out: Path | None = None,
        max_seconds: float = 0.0,
        minimise: bool = True,
        progress: bool = False,
    ) -> Report:
        rng = random.Random(seed)
        report = Report()
        started = time.monotonic()
        peak_kb = 0
        for n in range(count):
            if max_seconds and time.monotonic() - started > max_seconds:
                break
            mutation, raw = mutate(rng.choice(corpus), rng)
            kind, detail, rss = self._run(raw, self.budget)
            peak_kb = max(peak_kb, rss)
            report.inputs += 1
            report.by_kind[kind] = report.by_kind.get(kind, 0) + 1
            if kind != "ok":
                signature = _signature(kind, detail, mutation)
                if signature not in report.failures:
                    data = self.minimise(raw, kind, signature) if minimise else raw
                    failure = Failure(kind, signature, detail, mutation, data)
                    if out is not None:
                        out.mkdir(parents=True, exist_ok=True)
                        name = f"{kind}-{hashlib.sha256(signature.encode()).hexdigest()[:12]}"
                        failure.path = out / f"{name}.eml"
                        failure.path.write_bytes(data)
                        (out / f"{name}.txt").write_text(f"{signature}\n{mutation}\n\n{detail}\n", "utf-8")
                    report.failures[signature] = failure
                    if progress:
                        print(f"[{n}] new {signature} [{mutation}]", flush=True)
            if progress and n and n % 500 == 0:
                print(f"[{n}] {report.by_kind} peak {peak_kb / 1024:.0f} MB", flush=True)
        report.seconds = time.monotonic() - started
        report.peak_rss_mb = peak_kb / 1024
        return report


def iter_inputs(corpus: list[bytes], count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """The inputs a run with this seed feeds (for reproducing one by its number)."""
    rng = random.Random(seed)
    for _ in range(count):
        yield mutate(rng.choice(corpus), rng)
