"""Accounts, sessions, CSRF and rate limits.

Passwords are hashed with Argon2 (argon2-cffi); session cookies and API tokens are random
secrets stored only as SHA-256 hashes; every form carries the session's CSRF token; login
failures and submissions are rate-limited per client."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store.db import ApiToken, User, WebSession

ROLES = ("analyst", "reporter")
SESSION_HOURS = 12
_HASHER = PasswordHasher()


def load_key(data_dir: Path) -> bytes:
    """The server's secret key (created on first use): it verified the signed results of the
    first schema, which migration 0002 reads once (store/db.py migrate)."""
    path = data_dir / "secret.key"
    if not path.exists():
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(user: User | None, password: str) -> bool:
    if user is None or not user.active or not user.password_hash:
        _HASHER.hash(password)  # same cost whether or not the user exists
        return False
    try:
        return _HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(db: Session, name: str, role: str, password: str = "") -> User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if db.scalar(select(User).where(User.name == name)) is not None:
        raise ValueError(f"user {name!r} exists")
    user = User(name=name, role=role, password_hash=hash_password(password) if password else "", active=True)
    db.add(user)
    db.flush()
    return user


def create_token(db: Session, user: User, label: str = "") -> str:
    token = "mla_" + secrets.token_urlsafe(32)
    db.add(ApiToken(user_id=user.id, token_hash=digest(token), label=label))
    return token


def user_for_token(db: Session, token: str) -> User | None:
    row = db.scalar(select(ApiToken).where(ApiToken.token_hash == digest(token)))
    if row is None:
        return None
    user = db.get(User, row.user_id)
    return user if user is not None and user.active else None


def open_session(db: Session, user: User) -> tuple[str, str]:
    """(cookie value, csrf token) of a new session."""
    cookie = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    expires = datetime.now(UTC) + timedelta(hours=SESSION_HOURS)
    db.add(WebSession(id=digest(cookie), user_id=user.id, csrf=csrf, expires_at=expires))
    return cookie, csrf


def session_for_cookie(db: Session, cookie: str) -> tuple[User, WebSession] | None:
    row = db.get(WebSession, digest(cookie))
    if row is None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires < datetime.now(UTC):
        db.delete(row)
        return None
    user = db.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return user, row


def csrf_ok(expected: str, given: str) -> bool:
    return bool(expected) and hmac.compare_digest(expected, given or "")


class RateLimiter:
    """At most `limit` events per `window` seconds per key (in memory, per process)."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        events = self._events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        return events

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._trim(key, time.monotonic())) >= self.limit

    def hit(self, key: str, count: int = 1) -> bool:
        """Record `count` events; False (and nothing recorded) when that would pass the limit."""
        with self._lock:
            now = time.monotonic()
            events = self._trim(key, now)
            if len(events) + count > self.limit:
                return False
            events.extend([now] * count)
            return True

    def reset(self, key: str) -> None:
        with self._lock:
            self._events.pop(key, None)
