"""Benchmark (not a test) for issue 20's web bar: ordinary submissions' p95 latency while ten
hostile shapes are posted at once, against the same submissions with nothing else running.

    PYTHONPATH=src python tests/web/bench_dos.py [--mails 40] [--processes 2] [--time-limit 10]

One real uvicorn server on loopback (SQLite, real worker processes, the default per-message time
limit unless given). First `--mails` ordinary mails (the seed and a plain note, alternately) are
posted one after the other: the unloaded figure. Then one account posts ten of the hostile shapes
of tests/web/test_dos.py, each in its own request, all at once, and while they are in the queue
another account posts the same ordinary mails again. Printed: p50/p95/max of both runs, their
ratio, and the status of every hostile message (none may be a server error).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from helpers import EXAMPLES, build_mail  # noqa: E402
from helpers.webserver import served  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402
from test_dos import PASSWORD, Web, hostile_shapes  # noqa: E402

from mailautopsy.settings import DEFAULT_SETTINGS  # noqa: E402
from mailautopsy.web.app import WebSettings, create_app  # noqa: E402
from mailautopsy.web.security import create_token, create_user  # noqa: E402


def _app(data_dir: Path, processes: int, time_limit: int) -> tuple[object, dict[str, str]]:
    limits = DEFAULT_SETTINGS.with_limits(time_limit_seconds=time_limit)
    app = create_app(WebSettings(data_dir=data_dir, processes=processes, analysis=limits))
    tokens = {}
    with sessionmaker(app.state.engine).begin() as db:
        for name in ("mallory", "alice"):
            tokens[name] = create_token(db, create_user(db, name, "reporter", PASSWORD))
    return app, tokens


def _ordinary(web: Web, count: int, tag: str) -> list[float]:
    seed = (EXAMPLES / "kagoya-phish.eml").read_bytes()
    out = []
    for i in range(count):
        raw = seed if i % 2 else build_mail(subject=f"Lunch {tag}{i}", text=f"See you at noon ({tag}{i}).")
        seconds, response = web.post("alice", [(f"{tag}-{i}.eml", raw)])
        assert response.status_code == 201 and response.json()["status"] == "done", response.text[:300]
        out.append(seconds)
    return out


def _figures(name: str, seconds: list[float]) -> float:
    p95 = statistics.quantiles(seconds, n=20, method="inclusive")[-1] if len(seconds) >= 2 else seconds[0]
    print(f"{name:32} p50 {statistics.median(seconds):6.3f} s   p95 {p95:6.3f} s   max {max(seconds):6.3f} s")
    return p95


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--mails", type=int, default=40)
    p.add_argument("--processes", type=int, default=2)
    p.add_argument("--time-limit", type=int, default=DEFAULT_SETTINGS.limits.time_limit_seconds)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app, tokens = _app(Path(tmp), args.processes, args.time_limit)
        with served(app) as base:
            _measure(Web(base, tokens), args.mails)
    return 0


def _measure(web: Web, mails: int) -> None:
    """The unloaded run, then the same mails with ten hostile shapes posted at once."""
    _ordinary(web, 2, "warm")
    unloaded = _figures("ordinary, nothing else", _ordinary(web, mails, "u"))
    shapes = list(hostile_shapes().items())[:10]
    done: list[tuple[str, int, list[str]]] = []

    def post(name: str, raw: bytes) -> None:
        _, response = web.post("mallory", [(f"{name}.eml", raw)])
        statuses = [a["status"] for a in response.json().get("analyses", [])] if response.status_code == 201 else []
        done.append((name, response.status_code, statuses))

    attackers = [threading.Thread(target=post, args=shape, daemon=True) for shape in shapes]
    for attacker in attackers:
        attacker.start()
    time.sleep(1.0)  # the hostile messages are in the queue before the ordinary ones
    loaded_each = _ordinary(web, mails, "l")
    print("each:", [round(s, 2) for s in loaded_each])
    loaded = _figures("ordinary, 10 hostile at once", loaded_each)
    for attacker in attackers:
        attacker.join(600)
    print(f"p95 ratio loaded/unloaded: {loaded / unloaded:.2f} (issue 20's bar: at most 2)")
    for name, status, statuses in sorted(done):
        print(f"  {name:20} HTTP {status} {statuses}")


if __name__ == "__main__":
    sys.exit(main())
