"""The sender-history hook: SENDER_FIRST_SEEN fires only with a history, only for a sender the
mailbox never heard from, and only when that first mail claims a brand or asks for action."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers import build_mail

from mailautopsy import analyze
from mailautopsy.history import MemorySenderHistory


def _mail(from_: str, subject: str, text: str) -> bytes:
    return build_mail(from_=from_, to="taro@example.jp", subject=subject, text=text, date=None, msgid=None)


LURE = _mail(
    "Account Service <service@account-check.example.net>",
    "Verify your account",
    "Your account will be suspended. Log in to verify your account: https://account-check.example.net/\n",
)
CHAT = _mail("Hanako Suzuki <hanako@example.org>", "Lunch", "Lunch at noon tomorrow?\n")


def _ids(raw: bytes, history: MemorySenderHistory | None) -> set[str]:
    return {f.id for f in analyze(raw, history=history).findings}


def test_no_history_no_finding() -> None:
    assert "SENDER_FIRST_SEEN" not in _ids(LURE, None)


def test_first_mail_asking_for_action_fires() -> None:
    history = MemorySenderHistory()
    history.record("someone@example.org", datetime(2026, 1, 1, tzinfo=UTC))
    assert "SENDER_FIRST_SEEN" in _ids(LURE, history)


def test_known_sender_does_not_fire() -> None:
    history = MemorySenderHistory()
    history.record("Service@Account-Check.example.net", datetime(2025, 6, 1, tzinfo=UTC))
    assert "SENDER_FIRST_SEEN" not in _ids(LURE, history)
    assert history.lookup("service@account-check.example.net").messages == 1  # type: ignore[union-attr]


def test_new_correspondent_without_request_does_not_fire() -> None:
    assert "SENDER_FIRST_SEEN" not in _ids(CHAT, MemorySenderHistory())
