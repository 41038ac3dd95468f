"""The web app's worker (web/worker.py): the fair queue's order, its bounds (a full queue answers
503), and a worker process that does not answer being killed and replaced."""

from __future__ import annotations

import time
from concurrent.futures import Future

import pytest
from fastapi.testclient import TestClient
from helpers import build_mail
from sqlalchemy.orm import sessionmaker

from mailautopsy.settings import DEFAULT_SETTINGS
from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_token, create_user
from mailautopsy.web.worker import LOST, Busy, FairQueue, _Job, _Slot


def job(owner: str, n: int = 0) -> _Job:
    return _Job(owner, len, (b"x" * n,), 1.0, lambda ok, value: value, Future())


def test_accounts_are_served_in_turn_and_none_holds_every_process():
    queue = FairQueue(cap=1, max_queued=100, max_queued_per_user=100)
    for n in range(3):
        queue.put(job("mallory", n))
    queue.put(job("alice", 10))
    first = queue.take()
    second = queue.take()  # mallory already runs one: alice's turn, though she came last
    assert (first.owner, second.owner) == ("mallory", "alice")
    queue.finished(second)
    queue.finished(first)
    assert queue.take().args == (b"x",)  # mallory's next, in her order


def test_round_robin_without_a_cap():
    queue = FairQueue(cap=10, max_queued=100, max_queued_per_user=100)
    for owner in ("a", "a", "a", "b", "c"):
        queue.put(job(owner))
    assert [queue.take().owner for _ in range(5)] == ["a", "b", "c", "a", "a"]


def test_the_queue_is_bounded():
    queue = FairQueue(cap=1, max_queued=3, max_queued_per_user=2)
    queue.put(job("a"))
    queue.put(job("a"))
    with pytest.raises(Busy):
        queue.put(job("a"))  # two of hers wait already
    queue.put(job("b"))
    with pytest.raises(Busy):
        queue.put(job("c"))  # three wait in all
    assert queue.close() and queue.take() is None


def test_a_silent_worker_process_is_killed_and_replaced():
    slot = _Slot(DEFAULT_SETTINGS)
    try:
        started = time.monotonic()
        assert slot.call(time.sleep, (60,), 2.0) == (False, LOST)  # no answer within 2 s: killed
        assert time.monotonic() - started < 30
        assert slot.call(len, (b"abc",), 60.0) == (True, 3)  # a new process answers
        ok, why = slot.call(int, ("not a number",), 60.0)
        assert not ok and why.startswith("ValueError")  # an exception is reported, the process lives
        assert slot.call(len, (b"",), 60.0) == (True, 0)
    finally:
        slot.stop()


def test_a_full_queue_answers_503_with_retry_after(tmp_path):
    app = create_app(WebSettings(data_dir=tmp_path, processes=1, max_queued=0))
    with sessionmaker(app.state.engine).begin() as db:
        token = create_token(db, create_user(db, "ana", "analyst", "a long password 1"))
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "message/rfc822"}
        response = client.post("/api/analyses", content=build_mail(subject="Hi"), headers=headers)
        assert response.status_code == 503 and response.headers["retry-after"] == "60"
        assert response.json()["rejected"] == [
            {"filename": "upload.eml", "reason": "the server is busy: try again in a minute"}
        ]
        assert client.get("/api/analyses", headers=headers).json()["total"] == 0  # nothing half-stored
    app.state.engine.dispose()
