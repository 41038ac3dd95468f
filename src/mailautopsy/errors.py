"""The one error tree of mailautopsy and the exit codes the CLI maps it to."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class MailautopsyError(Exception):
    """Base of every error mailautopsy raises on purpose."""

    exit_code = 70


class UnavailableError(MailautopsyError):
    """A feature needs a library or program that is not installed (EX_UNAVAILABLE)."""

    exit_code = 69


class InputError(MailautopsyError):
    """An input file could not be read at all (missing, unreadable, not a mailbox)."""

    exit_code = 66


class NotMailError(MailautopsyError):
    """The input is not an e-mail message: empty, binary, a text file (EX_DATAERR)."""

    exit_code = 65


class StoreError(MailautopsyError):
    """The results store could not be opened, read or written (disk full, database gone):
    EX_IOERR. What was committed before stays; a rerun resumes after it."""

    exit_code = 74


class KnowledgeError(MailautopsyError):
    """A knowledge or rule data file is invalid (names the file and the entry)."""

    exit_code = 78


class AnalysisTimeout(BaseException):
    """One message took longer than `Limits.time_limit_seconds`.

    A BaseException, like KeyboardInterrupt, so that the broad handlers that keep one broken
    check from losing the others' findings cannot swallow it."""

    exit_code = 70


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise AnalysisTimeout after `seconds` of wall-clock time (main thread, POSIX only;
    elsewhere a no-op)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise AnalysisTimeout(f"analysis exceeded {seconds} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Exit codes of `mailautopsy analyze` and `scan`, in one table (documented in docs/cli.md).
EXIT_CLEAN = 0
EXIT_SUSPICIOUS = 1
EXIT_PHISHING = 2
EXIT_USAGE = 64
EXIT_NOT_MAIL = 65
EXIT_INPUT = 66
EXIT_STORE = 74
EXIT_INTERNAL = 70

VERDICT_EXIT = {
    "clean": EXIT_CLEAN,
    "spam": EXIT_SUSPICIOUS,
    "suspicious": EXIT_SUSPICIOUS,
    "phishing": EXIT_PHISHING,
}
