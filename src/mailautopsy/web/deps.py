"""What the routes depend on: the app's runtime, a database session, who is asking, the CSRF
check, the analysts-only check and the cookies (each set the same way on every path)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from .security import csrf_ok, session_for_cookie, user_for_token
from .services import Auth, Runtime

COOKIE = "mailautopsy_session"
LOGIN_CSRF_COOKIE = "mailautopsy_login_csrf"


class LoginRequired(Exception):
    """A page asked for without a session: the app answers with the sign-in page."""


def runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def db_session(rt: Annotated[Runtime, Depends(runtime)]) -> Iterator[Session]:
    db = rt.sessions()
    try:
        yield db
        db.commit()
    except Exception:
        db.rollback()
        raise
    finally:
        db.close()


RT = Annotated[Runtime, Depends(runtime)]
DB = Annotated[Session, Depends(db_session)]


def optional_auth(request: Request, db: DB) -> Auth | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = user_for_token(db, header[7:].strip())
        return Auth(user, via_token=True) if user else None
    cookie = request.cookies.get(COOKIE)
    if cookie:
        found = session_for_cookie(db, cookie)
        if found:
            return Auth(found[0], csrf=found[1].csrf)
    return None


def api_auth(auth: Annotated[Auth | None, Depends(optional_auth)]) -> Auth:
    if auth is None:
        raise HTTPException(401, "authentication required: a session cookie or 'Authorization: Bearer <token>'")
    return auth


def page_auth(auth: Annotated[Auth | None, Depends(optional_auth)]) -> Auth:
    if auth is None:
        raise LoginRequired
    return auth


ApiUser = Annotated[Auth, Depends(api_auth)]
PageUser = Annotated[Auth, Depends(page_auth)]


def require_analyst(reason: str) -> Callable[[Auth], Auth]:
    """A dependency: the signed-in user, who must be an analyst (403 with `reason` otherwise)."""

    def check(auth: PageUser) -> Auth:
        if not auth.analyst:
            raise HTTPException(403, reason)
        return auth

    return check


Analyst = Annotated[Auth, Depends(require_analyst("only analysts manage users"))]


def require_csrf(auth: Auth, token: str) -> None:
    """Forms (and API calls made with the session cookie) carry the session's CSRF token."""
    if not auth.via_token and not csrf_ok(auth.csrf, token):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")


def api_csrf(request: Request, auth: Auth) -> None:
    """An API call made with the session cookie carries the CSRF token in X-CSRF-Token."""
    if not auth.via_token:
        require_csrf(auth, request.headers.get("x-csrf-token", ""))


def set_cookie(
    response: Response,
    request: Request,
    name: str,
    value: str,
    samesite: Literal["lax", "strict"] = "lax",
    max_age: int | None = None,
) -> None:
    """Every cookie of the app: HttpOnly, and Secure whenever the request came over TLS."""
    secure = request.url.scheme == "https"
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite=samesite, secure=secure)


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or ""
    if lang in ("ja", "en"):
        return lang
    return "ja" if request.headers.get("accept-language", "").lower().startswith("ja") else "en"
