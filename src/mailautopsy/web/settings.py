"""The web app's settings: where its data lives, its database, and the limits on what it accepts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


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
