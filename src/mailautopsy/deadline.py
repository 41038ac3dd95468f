"""The per-message time budget, and what an analysis cut short reports.

Every stage of `analyze()` (parsing, each check, the online part) runs inside the message's
budget (`Limits.time_limit_seconds`); a single check also within `Limits.check_time_limit_seconds`.
A stage that overruns is cut off by a signal alarm (one timer per message, not one per stage;
POSIX main thread; elsewhere the budget is checked between stages) and recorded as a `TIMEOUT`
defect, while the findings of the other stages still come out. Once the budget is spent the
remaining checks are skipped, also recorded.

An analysis that did not finish — cut by time, or any stage cut by a limit (parts skipped by
depth or count, text cut at its cap, a message cut at its size) — gets the finding
`ANALYSIS_INCOMPLETE` naming what was not looked at; its rule sets the verdict to at least
`suspicious` (rules.toml `floor`), so an attacker gains nothing by making the tool slow.
"""

from __future__ import annotations

import importlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from .model import Defect, Evidence, Finding

if TYPE_CHECKING:
    from .rules import Rules

T = TypeVar("T")
D = TypeVar("D")

# Defects that mean a stage was cut short by a limit: (what was limited, in English, in Japanese).
LIMIT_DEFECTS: dict[str, tuple[str, str]] = {
    "TIMEOUT": ("the time limit", "処理時間の上限"),
    "MESSAGE_TRUNCATED": ("the message size limit", "メッセージサイズの上限"),
    "HEADER_TOO_LONG": ("the header block size limit", "ヘッダー部のサイズの上限"),
    "HEADER_VALUE_TOO_LONG": ("the header value length limit", "ヘッダー値の長さの上限"),
    "TOO_MANY_PARTS": ("the limit on MIME parts", "MIME パート数の上限"),
    "TOO_DEEP": ("the MIME nesting depth limit", "MIME の入れ子の深さの上限"),
    "PARSE_FAILED": ("a MIME structure too damaged to read", "読み取れないほど壊れた MIME 構造"),
    "PART_TRUNCATED": ("the part size limit", "パートのサイズの上限"),
    "TEXT_TRUNCATED": ("the text length limit", "本文の長さの上限"),
    "ARCHIVE_TOO_MANY_MEMBERS": ("the limit on archive members", "アーカイブ内のファイル数の上限"),
    "ARCHIVE_BUDGET": ("the limit on bytes expanded from archives", "アーカイブの展開量の上限"),
    "ARCHIVE_BOMB": ("the archive expansion ratio limit", "アーカイブの展開率の上限"),
    "INTERNAL_ERROR": ("an internal error", "内部エラー"),
}
INCOMPLETE = "ANALYSIS_INCOMPLETE"


class StageTimeout(BaseException):
    """A stage ran past its share of the budget. A BaseException, so that the broad handlers
    keeping one broken check from losing the others' findings cannot swallow it."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


# `signal.signal` wraps the C function to turn handlers and numbers into enums and back; the
# handlers here are plain functions, so the C function is called directly (the same semantics).
_set_handler: Callable[[int, Any], Any] = getattr(importlib.import_module("_signal"), "signal", signal.signal)
_MIN_DELAY = 0.0005  # a timer re-armed this close to its end fires at once rather than never


_current: ContextVar[Deadline | None] = ContextVar("mailautopsy_deadline", default=None)


class Deadline:
    """The budget of one message: `seconds` in all, `check_seconds` for any one check.

    One interval timer serves the whole message (`with deadline:` arms it, leaving restores what
    was there): a stage only writes down when it must end, and the timer's handler, when it
    fires, cuts off the stage past its end or re-arms itself for the earliest end still to come.
    An alarm a caller set (errors.time_limit) is honoured: its handler is called when its time
    comes, and it is re-armed with what is left of it afterwards."""

    def __init__(self, seconds: float, check_seconds: float | None = None) -> None:
        self.seconds = seconds
        self.check_seconds = check_seconds if check_seconds and check_seconds > 0 else seconds
        self.end = time.monotonic() + seconds if seconds > 0 else float("inf")
        self.defects: list[Defect] = []
        self.skipped: list[str] = []
        self._armed = False
        self._stage_end = float("inf")  # when the running stage must end (inf: none is running)
        self._outer_end = float("inf")  # when the caller's alarm is due (inf: none, or it fired)
        self._outer_handler: Any = None

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def run(self, stage: str, fn: Callable[..., T], *args: object, default: D, check: bool = True) -> T | D:
        """`fn(*args)` within the budget (a check's share when `check`); `default` when the
        budget is spent or the stage was cut off (both recorded)."""
        now = time.monotonic()
        left = self.end - now
        if left <= 0:
            self.skipped.append(stage)
            return default
        budget = min(left, self.check_seconds) if check else left
        if not self._armed or budget == float("inf"):
            return fn(*args)  # no timer here (not the main thread): the budget is checked between stages
        try:
            try:
                self._stage_end = now + budget
                return fn(*args)
            finally:
                self._stage_end = float("inf")
        except StageTimeout:  # (also when the timer fired as the stage was leaving)
            self.defects.append(Defect("TIMEOUT", f"{stage} cut off after {budget:.1f} s", stage))
            return default

    def __enter__(self) -> Deadline:
        """Make this the deadline `guarded` checks run under, and arm its timer (POSIX main
        thread, a finite budget)."""
        self.start()
        if self.end == float("inf") or not _can_alarm():
            return self
        now = time.monotonic()
        outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
        self._outer_end = now + outer_left if outer_left > 0 else float("inf")
        self._outer_handler = _set_handler(signal.SIGALRM, self._fired)
        self._armed = True
        signal.setitimer(signal.ITIMER_REAL, self._next_delay(now))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._armed:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            _set_handler(signal.SIGALRM, self._outer_handler)
            if self._outer_end != float("inf"):
                signal.setitimer(signal.ITIMER_REAL, max(self._outer_end - time.monotonic(), 0.001))
        if _current.get() is self:
            _current.set(None)

    def _next_delay(self, now: float) -> float:
        """Seconds until the timer must next fire: no later than the running stage's end, the
        caller's alarm, or the end of any stage that could start from now on."""
        due = min(self._stage_end, self.end, now + self.check_seconds, self._outer_end)
        return max(due - now, _MIN_DELAY)

    def _fired(self, signum: int, frame: Any) -> None:
        now = time.monotonic()
        if now >= self._outer_end:  # the caller's alarm is due: its handler decides
            self._outer_end = float("inf")
            handler = self._outer_handler
            if handler == signal.SIG_DFL:  # what the alarm would have done without this timer
                _set_handler(signum, handler)
                signal.raise_signal(signum)
            if callable(handler):
                handler(signum, frame)
            outer_left, _ = signal.getitimer(signal.ITIMER_REAL)  # a handler that re-armed itself
            if outer_left > 0:
                self._outer_end = now + outer_left
        expired = now >= self._stage_end
        if expired:
            self._stage_end = float("inf")
        signal.setitimer(signal.ITIMER_REAL, self._next_delay(now))
        if expired:
            raise StageTimeout

    def start(self) -> Deadline:
        """Make this the deadline `guarded` checks run under (until `finish` or the next start)."""
        _current.set(self)
        return self

    def finish(self) -> list[Defect]:
        """The defects of this budget: stages cut off, and the stages never run."""
        if _current.get() is self:
            _current.set(None)
        out = list(self.defects)
        if self.skipped:
            names = ", ".join(self.skipped[:20]) + (" …" if len(self.skipped) > 20 else "")
            out.append(Defect("TIMEOUT", f"not run, the {self.seconds:g} s budget was spent: {names}"))
        return out


@contextmanager
def active(deadline: Deadline) -> Iterator[Deadline]:
    """Make `deadline` the one `guarded` checks run under."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


def guarded(name: str, check: Callable[[T], list[Finding]], ctx: T) -> list[Finding]:
    """Run one check within the active deadline (unbounded when none is active)."""
    deadline = _current.get()
    if deadline is None:
        return check(ctx)
    return deadline.run(f"check {name}", check, ctx, default=[])


def incomplete_finding(defects: tuple[Defect, ...] | list[Defect], rules: Rules) -> Finding | None:
    """`ANALYSIS_INCOMPLETE` when a defect says a stage was cut short, naming each limit hit."""
    hits = [d for d in defects if d.code in LIMIT_DEFECTS]
    if not hits:
        return None
    codes = list(dict.fromkeys(d.code for d in hits))
    rule = rules.get(INCOMPLETE)
    evidence = tuple(Evidence("limit", f"{d.code}: {d.detail}"[:300], d.where) for d in hits[:10])
    return Finding(
        id=INCOMPLETE,
        severity=rule.severity,
        confidence=1.0,
        evidence=evidence,
        params={
            "limits": ", ".join(LIMIT_DEFECTS[c][0] for c in codes),
            "limits_ja": "、".join(LIMIT_DEFECTS[c][1] for c in codes),
            "codes": ", ".join(codes),
        },
        group=rule.group,
        weight=rule.weight,
    )
