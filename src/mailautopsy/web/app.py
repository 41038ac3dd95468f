"""The web app: pages for people, a JSON API (with its OpenAPI description) for scripts.

Every request is authenticated (session cookie or `Authorization: Bearer` token); reporters
see their own submissions, analysts see all and manage users. The message's own HTML is
never served as it is: only nh3-sanitised, without images or live links, in a sandboxed
iframe under its own Content-Security-Policy.

This module assembles the app; the routes are in routers/, what they depend on in deps.py,
what they do in services/ and the API's answers in schemas.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import update
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store.db import StoredAnalysis, make_engine, migrate, session_factory
from .deps import LoginRequired
from .feedback import Trainer
from .files import Upload, split_uploads
from .routers import api, auth, campaigns, labels, overrides, pages, scans, users
from .security import load_key
from .services import Runtime, ServiceError
from .settings import WebSettings
from .templating import page
from .worker import Worker

__all__ = ["Upload", "WebSettings", "create_app", "load_key", "split_uploads"]

APP_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


Endpoint = Callable[[Request], Awaitable[Response]]


def _security_headers(settings: WebSettings) -> Callable[[Request, Endpoint], Awaitable[Response]]:
    async def middleware(request: Request, call_next: Endpoint) -> Response:
        length = request.headers.get("content-length", "")
        if request.method in ("POST", "PUT", "PATCH") and not length.isdigit():
            # Without a length the body could only be counted while it is stored: refuse it.
            response: Response = JSONResponse({"detail": "a Content-Length header is required"}, status_code=411)
        elif length.isdigit() and int(length) > settings.max_request_bytes:
            limit_mb = settings.max_request_bytes // 1048576
            response = JSONResponse({"detail": f"request larger than {limit_mb} MB"}, status_code=413)
        else:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", APP_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    return middleware


async def _http_error(request: Request, exc: Exception) -> Response:
    """Errors of the API (and of static files) as JSON, of pages as a page."""
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith("/api") or request.url.path.startswith("/static"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    return page(request, "error.html", None, exc.status_code, code=exc.status_code, detail=str(exc.detail))


async def _service_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)
    return await _http_error(request, StarletteHTTPException(exc.status, exc.detail))


async def _to_login(_request: Request, _exc: Exception) -> Response:
    return RedirectResponse("/login", status_code=303)


def _start(settings: WebSettings) -> Runtime:
    """Database at the newest schema, unfinished work marked, the worker processes started."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.url)
    migrate(engine, load_key(settings.data_dir))
    sessions = session_factory(engine)
    with sessions.begin() as db:
        # Analyses a previous run of the server left unfinished will never finish: say so.
        db.execute(
            update(StoredAnalysis)
            .where(StoredAnalysis.status.in_(("queued", "running")))
            .values(status="failed", error="interrupted: the server stopped before the analysis finished")
        )
    s = settings
    worker = Worker(
        sessions,
        s.processes,
        s.analysis,
        s.max_queued,
        s.max_queued_per_user,
        s.processes_per_user,
        s.model_file,
        database=s.url,
    )
    return Runtime(settings, engine, sessions, worker, trainer=Trainer(sessions, worker, s.model_file))


def create_app(settings: WebSettings) -> FastAPI:
    rt = _start(settings)
    engine = rt.engine

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if rt.trainer is not None:
            rt.trainer.close()
        rt.worker.close()
        engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="mailautopsy",
        version=__version__,
        description="Submit a suspicious mail, get its dissection (verdict, explained findings, reports).",
    )
    app.state.runtime = rt
    app.state.worker = rt.worker
    app.state.engine = engine
    app.mount("/static", StaticFiles(packages=[("mailautopsy.web", "static")]), name="static")
    app.middleware("http")(_security_headers(settings))
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(LoginRequired, _to_login)
    for router in (
        auth.router,
        pages.router,
        users.router,
        api.router,
        labels.router,
        scans.router,
        overrides.router,
        campaigns.router,
    ):
        app.include_router(router)
    return app
