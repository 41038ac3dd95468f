"""A per-message time budget shared by every lookup, the one error lookups raise, and the
run-wide record of resolvers found dead."""

from __future__ import annotations

import threading
import time
from typing import Any


class LookupFailed(Exception):
    """A lookup that could not be done (timeout, refused, budget spent): reported as
    'lookup skipped: reason', never fatal, never a verdict by itself."""


class Budget:
    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def allow(self, wanted: float, what: str) -> float:
        """Seconds `what` may take: its own timeout, cut to what is left of the budget."""
        left = self.remaining()
        if left <= 0.05:
            raise LookupFailed(f"{what}: time budget for this message spent")
        return min(wanted, left)


class ServerHealth:
    """Servers found dead during one run (one `OnlineOptions`, shared by every message it
    analyses): a server that let a query time out and has never answered one is asked no
    more, so an unreachable resolver costs one timeout per run, not one per lookup.
    A server that answered once is alive; its later timeouts are about the name asked."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answered: set[str] = set()
        self._dead: set[str] = set()
        self._refused: set[str] = set()
        self._paused: dict[str, float] = {}

    def answered(self, server: str) -> None:
        with self._lock:
            self._answered.add(server)
            self._dead.discard(server)

    def timed_out(self, server: str) -> None:
        with self._lock:
            if server not in self._answered:
                self._dead.add(server)

    def is_dead(self, server: str) -> bool:
        with self._lock:
            return server in self._dead

    def refuse(self, service: str) -> None:
        """A paid lookup whose key was refused (401/403): asked no more in this run."""
        with self._lock:
            self._refused.add(service)

    def is_refused(self, service: str) -> bool:
        with self._lock:
            return service in self._refused

    def pause(self, service: str, seconds: float) -> None:
        """A paid lookup that answered 429: asked nothing until its Retry-After has passed."""
        with self._lock:
            self._paused[service] = time.monotonic() + seconds

    def paused_for(self, service: str) -> float:
        with self._lock:
            return self._paused.get(service, 0.0) - time.monotonic()

    def __getstate__(self) -> dict[str, object]:  # sent to scan's worker processes without the lock
        with self._lock:
            return {"answered": set(self._answered), "dead": set(self._dead), "refused": set(self._refused)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._lock = threading.Lock()
        self._answered = state["answered"]
        self._dead = state["dead"]
        self._refused = state.get("refused", set())
        self._paused = {}  # monotonic clocks differ between processes
