"""The mutation fuzzer's short budget (the long run is a documented command: docs/robustness.md).
Deterministic: the same seed feeds the same 200 inputs; none may raise, record a check error,
write invalid JSON or run past its budget."""

from __future__ import annotations

from mailautopsy.fuzz.mutate import MUTATORS, mutate
from mailautopsy.fuzz.runner import Fuzzer, iter_inputs, seeds


def test_every_mutator_is_deterministic_and_bounded():
    import random

    raw = seeds()[0]
    for name, mutator in MUTATORS.items():
        one = mutator(raw, random.Random(7))
        assert one == mutator(raw, random.Random(7)), name
    _, out = mutate(raw, random.Random(1))
    assert len(out) <= 2 * 1024 * 1024


def test_failures_are_caught_minimised_and_written(tmp_path, monkeypatch):
    import time

    import mailautopsy

    real = mailautopsy.analyze

    def fragile(raw: bytes, *args: object, **kwargs: object) -> object:
        if b"BOOM" in raw:
            raise ValueError("boom")
        if b"SLOW" in raw:
            time.sleep(30)
        return real(raw)

    monkeypatch.setattr(mailautopsy, "analyze", fragile)  # the forked worker inherits it
    fuzzer = Fuzzer(budget=2, wall_factor=2)  # a sleeping worker uses no CPU: the wall stop ends it
    try:
        kind, _, rss = fuzzer._run(b"From: a@example.org\n\nhi\n", 20)
        assert kind == "ok" and rss > 0
        assert fuzzer._run(b"SLOW", 1)[0] == "timeout"
        assert fuzzer._run(b"From: a@example.org\n\nhi\n", 20)[0] == "ok"  # a fresh worker took over
        corpus = [b"From: a@example.org\n\n" + b"x" * 300 + b"BOOM" + b"y" * 300]
        report = fuzzer.run(corpus, 5, seed=3, out=tmp_path)
    finally:
        fuzzer.close()
    failures = [f for f in report.failures.values() if f.kind == "exception"]
    assert failures and all(b"BOOM" in f.data for f in failures)
    assert min(len(f.data) for f in failures) == 4  # minimised to the four bytes that matter
    assert failures[0].path is not None and failures[0].path.read_bytes() == failures[0].data
    assert "ValueError" in failures[0].signature


def test_short_fuzz_run_finds_nothing(tmp_path):
    corpus = seeds()
    assert len(corpus) > 100
    fuzzer = Fuzzer(budget=20)
    try:
        report = fuzzer.run(corpus, 200, seed=20261203, out=tmp_path, minimise=False)
    finally:
        fuzzer.close()
    assert report.inputs == 200
    assert not report.failures, report.summary()
    assert report.peak_rss_mb < 500
    assert len(list(iter_inputs(corpus, 3, 20261203))) == 3
