"""Signing in and out, and the analysts' management of users."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...store.db import User, WebSession
from ..security import check_password, create_user, digest, open_session
from . import Auth, Runtime

MIN_PASSWORD = 10


@dataclass(frozen=True)
class SignIn:
    """A session's cookie value, or why there is none: "login_failed" or "login_limited"."""

    cookie: str = ""
    error: str = ""


def sign_in(db: Session, rt: Runtime, username: str, password: str, client: str) -> SignIn:
    """Check the password within the rate limits (per user name and per client address)."""
    keys = (f"login:{username.lower()}", f"login-ip:{client}")
    if any(rt.login_limit.blocked(k) for k in keys):
        return SignIn(error="login_limited")
    user = db.scalar(select(User).where(User.name == username))
    if not check_password(user, password) or user is None:
        for k in keys:
            rt.login_limit.hit(k)
        return SignIn(error="login_failed")
    rt.login_limit.reset(keys[0])
    cookie, _csrf = open_session(db, user)
    db.commit()
    return SignIn(cookie=cookie)


def sign_out(db: Session, cookie: str) -> None:
    row = db.get(WebSession, digest(cookie))
    if row is not None:
        db.delete(row)
        db.commit()


def users(db: Session) -> list[User]:
    return list(db.scalars(select(User).order_by(User.name)))


def add_user(db: Session, name: str, role: str, password: str) -> User:
    """A new account; ValueError (shown to the analyst) for a short password, a taken name, a bad role."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password needs at least {MIN_PASSWORD} characters")
    user = create_user(db, name.strip(), role, password)
    db.commit()
    return user


def deactivate(db: Session, auth: Auth, user_id: int) -> None:
    """Close an account (never one's own: an analyst cannot lock the last door behind them)."""
    user = db.get(User, user_id)
    if user is not None and user.id != auth.user.id:
        user.active = False
        db.commit()
