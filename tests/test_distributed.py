"""`scan --dask` (issue 17 item 4): the same results as the local scan from a real Dask cluster — a
`dask scheduler` and two `dask worker` processes on loopback, and a LocalCluster — over files, an
mbox cut into several byte ranges and a Maildir; a worker SIGKILLed mid-task loses and doubles
nothing; an unreachable scheduler is a clear error and exit 69."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT
from helpers.daskcluster import DaskCluster, dask_cluster

from mailautopsy import distributed as dist
from mailautopsy.cli import main
from mailautopsy.scan import Summary, iter_items, scan_results
from mailautopsy.settings import Limits, Settings

SAMPLES = sorted((ROOT / "tests" / "samples").rglob("*.eml"))
SEP = b"From sender@example.org Tue Apr 22 09:12:30 2025\n"
_FROM_LINE = re.compile(rb"^(>*From )", re.MULTILINE)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Files (one of them not mail), an mbox of 60 messages, a Maildir of 20."""
    root = tmp_path_factory.mktemp("inputs")
    files = root / "files"
    files.mkdir()
    for n, sample in enumerate(SAMPLES[:20]):
        (files / f"{n:03d}.eml").write_bytes(sample.read_bytes())
    (files / "notes.txt").write_text("not a mail at all\n")
    mbox = root / "box.mbox"
    with mbox.open("wb") as out:
        for sample in SAMPLES[20:80]:
            out.write(SEP + _FROM_LINE.sub(rb">\1", sample.read_bytes()).rstrip(b"\n") + b"\n\n")
    maildir = root / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for n, sample in enumerate(SAMPLES[80:100]):
        (maildir / ("new" if n % 2 else "cur") / f"{n}.host:2,").write_bytes(sample.read_bytes())
    return [files, mbox, maildir]


@pytest.fixture(scope="module")
def local(inputs: list[Path]) -> list[tuple[str, Summary]]:
    return list(scan_results(iter_items(inputs, []), workers=1))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskCluster]:
    with dask_cluster(tmp_path_factory.mktemp("dask")) as running:
        yield running


def _triples(results: list[tuple[str, Summary]]) -> set[tuple[str, str, int]]:
    return {(s.sha256, s.verdict, s.score) for _, s in results}


def _client(address: str, workers: int = 2) -> Any:
    from distributed import Client

    client = Client(address, timeout=30, set_as_default=False)
    client.wait_for_workers(workers, timeout=60)
    return client


def test_tasks_cut_an_mbox_at_its_separators(inputs: list[Path], local: list[tuple[str, Summary]]) -> None:
    mbox = inputs[1]
    tasks = list(dist.tasks(iter_items([mbox], []), messages=7))
    assert len(tasks) == 9  # 60 messages, 7 a task
    data = mbox.read_bytes()
    end = 0
    for task in tasks:
        spans = [item.span for item in task.items]
        assert all(s is not None and s.mbox and s.path == str(mbox) for s in spans)
        start = spans[0].offset  # type: ignore[union-attr]
        # Each range starts right after a `From ` line, where the previous range ended.
        assert data[end:start] == SEP and data[:start].endswith(SEP)
        end = spans[-1].offset + spans[-1].length  # type: ignore[union-attr]
    assert end == len(data)
    sources = [item.source for task in tasks for item in task.items]
    assert sources == [s.source for _, s in local if s.source.startswith(str(mbox))]


def test_scheduler_and_two_workers_give_the_local_results(
    cluster: DaskCluster,
    inputs: list[Path],
    local: list[tuple[str, Summary]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _client(cluster.address).close()  # both workers are up
    monkeypatch.chdir(inputs[0].parent)  # relative paths: the workers read them from the client's directory
    names = [p.name for p in inputs]
    code = main(["scan", *names, "--dask", cluster.address, "--jsonl"])
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert code == 2, captured.err  # a phishing mail among them
    assert code == main(["scan", *names, "--workers", "1", "--jsonl"])
    assert out == capsys.readouterr().out.splitlines()
    assert len(out) == 101 and sum(json.loads(line)["status"] == "not_mail" for line in out) == 1
    assert [json.loads(line)["source"] for line in out][:1] == ["files/000.eml"]
    assert [(json.loads(line)["verdict"], json.loads(line)["score"]) for line in out] == [
        (s.verdict, s.score) for _, s in local
    ]


def test_a_worker_killed_mid_task_loses_and_doubles_nothing(
    cluster: DaskCluster, inputs: list[Path], local: list[tuple[str, Summary]]
) -> None:
    client = _client(cluster.address)
    try:
        pids = client.run(os.getpid)
        out: list[tuple[str, Summary]] = []
        killed = ""
        for result in dist.run(client, dist.tasks(iter_items(inputs, []), messages=4), dist.Job.make()):
            out.append(result)
            if not killed:
                busy = [addr for addr, keys in client.processing().items() if keys]
                if busy:
                    killed = busy[0]
                    os.kill(pids[killed], signal.SIGKILL)
        assert killed, "no worker was busy to be killed"
        assert [s.source for _, s in out] == [s.source for _, s in local]  # none lost, none doubled
        assert [line for line, _ in out] == [line for line, _ in local]
        assert _triples(out) == _triples(local)
        assert killed not in client.run(os.getpid)  # it really died (its nanny starts a new one)
    finally:
        client.close()


def test_local_cluster_gives_the_local_results_even_when_tasks_keep_dying(
    inputs: list[Path], local: list[tuple[str, Summary]]
) -> None:
    """With no failure allowed, the task on the killed worker fails at once (KilledWorker): it is
    run again one message at a time, and still nothing is lost or doubled."""
    import dask
    import distributed  # noqa: F401  (its defaults in dask.config first: set() would otherwise
    # create the "distributed" key and, on leaving, delete it whole — every later Client then fails)

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), dist.connect("local:2") as client:
        client.wait_for_workers(2, timeout=60)
        pids = client.run(os.getpid)
        out: list[tuple[str, Summary]] = []
        killed = False
        for result in dist.run(client, dist.tasks(iter_items(inputs, []), messages=8), dist.Job.make()):
            out.append(result)
            busy = [addr for addr, keys in client.processing().items() if keys]
            if not killed and busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed = True
    assert killed
    assert [line for line, _ in out] == [line for line, _ in local]


def test_a_lost_scheduler_stops_the_scan_with_a_clear_error(tmp_path: Path, inputs: list[Path]) -> None:
    with dask_cluster(tmp_path, workers=1) as lone:
        client = _client(lone.address, 1)
        out = []
        try:
            with pytest.raises(dist.ClusterError, match=r"lost the Dask scheduler while .* was being analysed"):
                for result in dist.run(client, dist.tasks(iter_items(inputs, []), messages=2), dist.Job.make()):
                    out.append(result)
                    if len(out) == 3:
                        os.killpg(lone.processes[0].pid, signal.SIGKILL)
        finally:
            client.close()
    assert 3 <= len(out) < 101


def test_settings_and_config_travel_to_the_workers(
    cluster: DaskCluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A brand from the user's config file (which the workers never see on disk) changes the
    result there as it does locally."""
    mail = tmp_path / "m.eml"
    mail.write_bytes(
        b"From: Example Widgets <info@widgets-secure.example.net>\r\nTo: a@example.org\r\n"
        b"Subject: Example Widgets account locked\r\nDate: Tue, 22 Apr 2025 09:12:30 +0000\r\n"
        b"Message-ID: <1@widgets-secure.example.net>\r\n\r\nYour Example Widgets account is locked.\r\n"
    )
    config = tmp_path / "brands.toml"
    config.write_text(
        '[[brand]]\nid = "example_widgets"\nname_en = "Example Widgets"\nname_ja = "イグザンプル"\n'
        'category = "retail"\ncountry = "JP"\naliases = ["Example Widgets"]\ndomains = ["widgets.example.com"]\n'
        "sending_domains = []\nunconfirmed = []\n"
    )
    _client(cluster.address).close()
    outs = []
    for extra in ([], ["--config", str(config)]):
        for where in (["--workers", "1"], ["--dask", cluster.address]):
            main(["scan", str(mail), "--jsonl", *where, *extra])
            outs.append(json.loads(capsys.readouterr().out))
    assert outs[0] == outs[1] and outs[2] == outs[3]
    assert outs[0]["brand"] != outs[2]["brand"] == "Example Widgets"
    # The limits travel too: a message cut at 200 bytes there as here.
    small = Settings(limits=Limits(max_message_bytes=200))
    here = list(scan_results(iter_items([mail], []), workers=1, settings=small))
    client = _client(cluster.address)
    try:
        there = list(dist.run(client, dist.tasks(iter_items([mail], [])), dist.Job.make(small)))
    finally:
        client.close()
    assert there == here and here[0][1].truncated


def test_an_unreachable_scheduler_is_a_clear_error(
    inputs: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(dist, "CONNECT_SECONDS", 1)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: nothing answers there
        started = time.monotonic()
        code = main(["scan", str(inputs[0]), "--dask", f"tcp://127.0.0.1:{port}", "--jsonl"])
    assert code == 69 and time.monotonic() - started < 30
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in captured.err
    assert main(["scan", str(inputs[0]), "--dask", "local:two"]) == 69
    assert "write local or local:N" in capsys.readouterr().err
    # tls:// without Dask's TLS settings (docs/distributed.md): said before any connection is tried.
    assert main(["scan", str(inputs[0]), "--dask", f"tls://127.0.0.1:{port}"]) == 69
    assert "needs Dask's TLS settings" in capsys.readouterr().err
