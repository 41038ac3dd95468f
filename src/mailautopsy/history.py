"""Sender history: whom a mailbox has heard from before — the hook for batch scanning.

A first message from an address that at once speaks for a brand or asks the reader to log in,
pay or verify is how phishing arrives; the same request from a long-known correspondent is
ordinary. Whatever keeps the history (a batch scan's database, a mail server's log) answers
`lookup()`; `analyze(raw, history=...)` passes it to the checks, and `SENDER_FIRST_SEEN` fires
only when a history is given. Without one, nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class SenderRecord:
    first_seen: datetime
    messages: int


class SenderHistory(Protocol):
    def lookup(self, address: str) -> SenderRecord | None:
        """What is known of `address` (lower case), or None when it never wrote before."""
        ...


class MemorySenderHistory:
    """A history held in memory: `record()` every message seen, `lookup()` a sender."""

    def __init__(self) -> None:
        self._seen: dict[str, SenderRecord] = {}

    def record(self, address: str, when: datetime) -> None:
        key = address.lower()
        old = self._seen.get(key)
        if old is None:
            self._seen[key] = SenderRecord(when, 1)
        else:
            self._seen[key] = SenderRecord(min(old.first_seen, when), old.messages + 1)

    def lookup(self, address: str) -> SenderRecord | None:
        return self._seen.get(address.lower())
