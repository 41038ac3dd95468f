"""The web app's settings: where its data lives, its database, and the limits on what it accepts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class WebSettings:
    data_dir: Path
    database_url: str | None = None
    max_message_bytes: int = 25 * 1024 * 1024
    max_files: int = 50
    max_zip_entries: int = 200
    max_zip_total_bytes: int = 100 * 1024 * 1024
    max_zip_ratio: int = 100
    max_request_bytes: int = 150 * 1024 * 1024
    """All files of one submission together."""
    submissions_per_minute: int = 120
    login_failures: int = 5
    login_window_seconds: float = 300.0
    processes: int = 2
    """Worker processes analysing."""
    processes_per_user: int = 0
    """Worker processes one account may hold at once; 0: all but one (at least one), so that a
    colleague's mail always finds a free process. A single-user deployment may set `processes`."""
    max_queued: int = 200
    """Messages waiting for a worker process, all accounts together; beyond it a submission is
    answered 503 (busy) instead of being queued."""
    max_queued_per_user: int = 60
    """Messages of one account waiting for a worker process (a full submission is 50)."""
    analysis: Settings = DEFAULT_SETTINGS
    """The analysis's own limits (`Limits.time_limit_seconds` ...) in the worker processes."""
    online: Any = None
    """OnlineOptions used when a submission asks for the online investigation (None: defaults)."""
    page_size: int = 50
    model: Path | None = None
    """The deployment's content model, which analysts' labels train (None: `model.sqlite3` in
    `data_dir`). New analyses use it once it has learnt both kinds of mail (docs/web.md)."""

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'mailautopsy.sqlite3'}"

    @property
    def model_file(self) -> Path:
        return self.model if self.model is not None else self.data_dir / "model.sqlite3"
