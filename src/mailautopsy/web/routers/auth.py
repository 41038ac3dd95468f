"""Signing in and out. The sign-in form has its own CSRF token in a cookie (there is no session
yet); every answer that shows the form sets a new one, with the same flags."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..deps import COOKIE, DB, LOGIN_CSRF_COOKIE, RT, PageUser, require_csrf, set_cookie
from ..security import SESSION_HOURS, csrf_ok
from ..services import accounts
from ..templating import page

router = APIRouter(include_in_schema=False)


def login_form(request: Request, status: int = 200, error: str = "") -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = page(request, "login.html", None, status, login_csrf=token, error=error)
    set_cookie(response, request, LOGIN_CSRF_COOKIE, token, samesite="strict")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return login_form(request)


@router.post("/login")
def login(
    request: Request,
    db: DB,
    rt: RT,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    if not csrf_ok(request.cookies.get(LOGIN_CSRF_COOKIE, ""), csrf):
        raise HTTPException(403, "missing or wrong CSRF token: reload the sign-in page")
    client = request.client.host if request.client else "?"
    result = accounts.sign_in(db, rt, username, password, client)
    if result.error:
        return login_form(request, 429 if result.error == "login_limited" else 401, result.error)
    redirect = RedirectResponse("/", status_code=303)
    set_cookie(redirect, request, COOKIE, result.cookie, max_age=SESSION_HOURS * 3600)
    redirect.delete_cookie(LOGIN_CSRF_COOKIE)
    return redirect


@router.post("/logout")
def logout(request: Request, db: DB, auth: PageUser, csrf: Annotated[str, Form()] = "") -> Response:
    require_csrf(auth, csrf)
    accounts.sign_out(db, request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response
