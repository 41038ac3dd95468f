"""The lookup cache: SQLite in the user's cache directory, one row per (kind, key), each kind
with its own time to live. Failures are not cached, so a lookup that timed out is tried again."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

# Seconds a record stays fresh, by kind.
TTL = {
    "dns": 3600,
    "rdap": 7 * 86400,
    "rdap-bootstrap": 7 * 86400,
    "whois": 7 * 86400,
    "geoip": 30 * 86400,
    "visit": 3600,
    "virustotal": 12 * 3600,
    "urlscan": 12 * 3600,
    "misp": 3600,
}
_MISSING = object()


def default_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mailautopsy" / "cache.sqlite3"


class Cache:
    """A small key-value store with per-kind TTLs. `path=None` keeps it in memory."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False, timeout=10)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS cache (kind TEXT, key TEXT, value TEXT, expires REAL,"
                " PRIMARY KEY (kind, key))"
            )
        self.hits = 0
        self.misses = 0

    def get(self, kind: str, key: str) -> Any:
        """The cached value, or the sentinel `Cache.MISSING`."""
        with self._lock:
            row = self._db.execute("SELECT value, expires FROM cache WHERE kind=? AND key=?", (kind, key)).fetchone()
        if row is None or row[1] < time.time():
            self.misses += 1
            return _MISSING
        self.hits += 1
        return json.loads(row[0])

    def put(self, kind: str, key: str, value: Any, ttl: float | None = None) -> None:
        expires = time.time() + (ttl if ttl is not None else TTL.get(kind, 3600))
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO cache (kind, key, value, expires) VALUES (?, ?, ?, ?)",
                (kind, key, json.dumps(value, ensure_ascii=False), expires),
            )

    def stats(self) -> dict[str, dict[str, int]]:
        now = time.time()
        with self._lock:
            rows = self._db.execute(
                "SELECT kind, SUM(expires >= ?), SUM(expires < ?) FROM cache GROUP BY kind ORDER BY kind", (now, now)
            ).fetchall()
        return {kind: {"fresh": int(fresh or 0), "expired": int(old or 0)} for kind, fresh, old in rows}

    def clear(self) -> int:
        with self._lock, self._db:
            return self._db.execute("DELETE FROM cache").rowcount

    def close(self) -> None:
        self._db.close()

    MISSING = _MISSING
