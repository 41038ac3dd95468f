"""User management, for analysts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..deps import DB, Analyst, require_csrf
from ..services import accounts
from ..templating import page

router = APIRouter(include_in_schema=False)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, db: DB, auth: Analyst) -> HTMLResponse:
    return page(request, "users.html", auth, users=accounts.users(db), error="")


@router.post("/users")
def users_create(
    request: Request,
    db: DB,
    auth: Analyst,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(auth, csrf)
    try:
        accounts.add_user(db, username, role, password)
    except ValueError as exc:
        return page(request, "users.html", auth, 400, users=accounts.users(db), error=str(exc))
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id}/deactivate")
def users_deactivate(user_id: int, db: DB, auth: Analyst, csrf: Annotated[str, Form()] = "") -> Response:
    require_csrf(auth, csrf)
    accounts.deactivate(db, auth, user_id)
    return RedirectResponse("/users", status_code=303)
