"""A real Dask cluster on loopback for the distributed-scan tests: `dask scheduler` and `dask worker`
processes (the same commands docs/distributed.md gives), on random ports, found through a
scheduler file, stopped and their process groups killed at the end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .paths import ROOT


@dataclass
class DaskCluster:
    address: str
    scheduler_file: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def _start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "dask", *args], stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )


def _wait_for(path: Path, proc: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> dict[str, str]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"dask scheduler exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            info: dict[str, str] = json.loads(path.read_text())
            return info
        except (OSError, ValueError):
            time.sleep(0.1)
    raise RuntimeError(f"dask scheduler did not start: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def dask_cluster(tmp: Path, workers: int = 2, env: dict[str, str] | None = None) -> Iterator[DaskCluster]:
    """A scheduler and `workers` single-threaded worker processes (each under its nanny)."""
    environment = _env(env or {})
    scheduler_file = tmp / "scheduler.json"
    log = tmp / "scheduler.log"
    scheduler = _start(
        ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file)],
        log,
        environment,
    )
    cluster = DaskCluster("", scheduler_file, [scheduler])
    try:
        cluster.address = _wait_for(scheduler_file, scheduler, log)["address"]
        for n in range(workers):
            worker_args = ["worker", "--scheduler-file", str(scheduler_file), "--nthreads", "1", "--nworkers", "1"]
            worker_args += ["--no-dashboard", "--host", "127.0.0.1", "--name", f"w{n}"]
            cluster.processes.append(_start(worker_args, tmp / f"worker{n}.log", environment))
        yield cluster
    finally:
        for proc in reversed(cluster.processes):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in cluster.processes:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
