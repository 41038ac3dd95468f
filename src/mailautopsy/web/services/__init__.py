"""What the web app does, as plain functions over a database session: no request, no response,
testable without HTTP (tests/web/test_web_services.py). The routers translate to and from HTTP;
a `ServiceError` becomes an error page or a JSON error with its status."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ... import knowledge
from ...store.db import User
from ..security import RateLimiter
from ..settings import WebSettings

if TYPE_CHECKING:
    from ..feedback import Trainer
    from ..worker import Worker


FINISHED = ("done", "incomplete", "not_mail", "unreadable")
"""Row statuses with a stored result: done (a full analysis), incomplete (cut short before any
finding: ANALYSIS_INCOMPLETE, suspicious), not_mail and unreadable (nothing analysed)."""


class ServiceError(Exception):
    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(ServiceError):
    status = 404


class Forbidden(ServiceError):
    status = 403


class NotFinished(ServiceError):
    status = 409


class TooLarge(ServiceError):
    status = 413


class Invalid(ServiceError):
    status = 422


class Unavailable(ServiceError):
    status = 503


@dataclass
class Auth:
    """Who asks: the user, the session's CSRF token ("" for API tokens) and how they signed in."""

    user: User
    csrf: str = ""
    via_token: bool = False

    @property
    def analyst(self) -> bool:
        return self.user.role == "analyst"


@dataclass
class Runtime:
    """What the services share for the life of the app."""

    settings: WebSettings
    engine: Engine
    sessions: sessionmaker[Session]
    worker: Worker
    kb: knowledge.Knowledge = field(default_factory=lambda: knowledge.load(None))
    trainer: Trainer | None = None
    """Applies analysts' labels to the deployment's model (web/feedback.py)."""
    login_limit: RateLimiter = field(init=False)
    submit_limit: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        s = self.settings
        self.login_limit = RateLimiter(s.login_failures, s.login_window_seconds)
        self.submit_limit = RateLimiter(s.submissions_per_minute, 60.0)

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir
