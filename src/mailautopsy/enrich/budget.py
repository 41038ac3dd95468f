"""A per-message time budget shared by every lookup, and the one error lookups raise."""

from __future__ import annotations

import time


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
