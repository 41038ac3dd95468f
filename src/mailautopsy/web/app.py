"""The web app: pages for people, a JSON API (with its OpenAPI description) for scripts.

Every request is authenticated (session cookie or `Authorization: Bearer` token); reporters
see their own submissions, analysts see all and manage users. The message's own HTML is
never served as it is: only nh3-sanitised, without images or live links, in a sandboxed
iframe under its own Content-Security-Policy."""

import hashlib
import json
import pickle
import re
import secrets
import tomllib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, knowledge
from ..analyze import Analysis
from ..render.article import ReportOptions, build_article
from ..render.html import report_context
from ..render.report import FORMATS, render_report
from .db import Indicator, StoredAnalysis, User, make_engine, migrate, session_factory
from .files import Upload, protected_attachments, sanitised_preview, split_uploads
from .security import (
    RateLimiter,
    check_password,
    csrf_ok,
    open_session,
    session_for_cookie,
    user_for_token,
)
from .settings import WebSettings
from .worker import Worker, sign, unsign

COOKIE = "mailautopsy_session"
LOGIN_CSRF_COOKIE = "mailautopsy_login_csrf"
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "iocs": "text/csv; charset=utf-8",
    "stix": "application/json",
    "misp": "application/json",
}
EXTENSION = {"md": "md", "html": "html", "pdf": "pdf", "iocs": "csv", "stix": "stix.json", "misp": "misp.json"}
APP_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"


@dataclass
class Auth:
    user: User
    csrf: str = ""
    via_token: bool = False

    @property
    def analyst(self) -> bool:
        return self.user.role == "analyst"


@dataclass
class UploadReport:
    accepted: list[tuple[str, str, bool]] = field(default_factory=list)  # (id, filename, duplicate)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (filename, reason)


@cache
def web_text(lang: str) -> dict[str, str]:
    name = f"web.{'ja' if lang == 'ja' else 'en'}.toml"
    return tomllib.loads(resources.files("mailautopsy.i18n").joinpath(name).read_text(encoding="utf-8"))


def load_key(data_dir: Path) -> bytes:
    path = data_dir / "secret.key"
    if not path.exists():
        path.write_bytes(secrets.token_bytes(32))
        path.chmod(0o600)
    return path.read_bytes()


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or ""
    if lang in ("ja", "en"):
        return lang
    return "ja" if request.headers.get("accept-language", "").lower().startswith("ja") else "en"


def _templates() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("mailautopsy.web", "templates"), PackageLoader("mailautopsy.render", "templates")]
        ),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clip"] = lambda value, n: value if len(value) <= n else value[: n - 1] + "…"
    return env


def create_app(settings: WebSettings) -> FastAPI:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.url)
    migrate(engine)
    sessions = session_factory(engine)
    with sessions.begin() as db:
        # Analyses a previous run of the server left unfinished will never finish: say so.
        db.execute(
            update(StoredAnalysis)
            .where(StoredAnalysis.status.in_(("queued", "running")))
            .values(status="failed", error="interrupted: the server stopped before the analysis finished")
        )
    key = load_key(settings.data_dir)
    worker = Worker(sessions, key, settings.processes)
    templates = _templates()
    login_limit = RateLimiter(settings.login_failures, settings.login_window_seconds)
    submit_limit = RateLimiter(settings.submissions_per_minute, 60.0)
    kb = knowledge.load(None)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        worker.close()
        engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="mailautopsy",
        version=__version__,
        description="Submit a suspicious mail, get its dissection (verdict, explained findings, reports).",
    )
    app.state.worker = worker
    app.state.engine = engine
    app.mount("/static", StaticFiles(packages=[("mailautopsy.web", "static")]), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
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

    # --- authentication -------------------------------------------------------------------
    def db_session() -> Any:
        db = sessions()
        try:
            yield db
            db.commit()
        except Exception:
            db.rollback()
            raise
        finally:
            db.close()

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

    class LoginRequired(Exception):
        pass

    def page_auth(auth: Annotated[Auth | None, Depends(optional_auth)]) -> Auth:
        if auth is None:
            raise LoginRequired
        return auth

    @app.exception_handler(StarletteHTTPException)
    async def _errors(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api") or request.url.path.startswith("/static"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(request, "error.html", None, exc.status_code, code=exc.status_code, detail=str(exc.detail))

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    def require_csrf(auth: Auth, token: str) -> None:
        if not auth.via_token and not csrf_ok(auth.csrf, token):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")

    def page(request: Request, name: str, auth: Auth | None, status: int = 200, **ctx: Any) -> HTMLResponse:
        lang = _lang(request)
        html = templates.get_template(name).render(
            t=web_text(lang),
            lang=lang,
            other_lang="en" if lang == "ja" else "ja",
            auth=auth,
            path="/" + request.url.path.lstrip("/"),
            query=str(request.url.query),
            query_without_lang="&".join(
                f"{quote(k)}={quote(v)}" for k, v in request.query_params.multi_items() if k != "lang"
            ),
            **ctx,
        )
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in ("ja", "en"):
            response.set_cookie("lang", lang, samesite="lax", httponly=True, secure=request.url.scheme == "https")
        return response

    # --- data access ------------------------------------------------------------------------
    def visible(db: Session, auth: Auth, analysis_id: str) -> StoredAnalysis:
        row = db.get(StoredAnalysis, analysis_id)
        if row is None or (not auth.analyst and row.owner_id != auth.user.id):
            raise HTTPException(404, "no such analysis")  # the same answer whether it exists or not
        return row

    def result_of(row: StoredAnalysis) -> Analysis:
        result = unsign(key, row.result_blob) if row.result_blob else None
        if result is None:
            raise HTTPException(409, "the analysis is not finished")
        return result

    def search(db: Session, auth: Auth, f: dict[str, str], offset: int, limit: int) -> tuple[list[StoredAnalysis], int]:
        q = select(StoredAnalysis)
        if not auth.analyst:
            q = q.where(StoredAnalysis.owner_id == auth.user.id)
        if f.get("verdict"):
            q = q.where(StoredAnalysis.verdict == f["verdict"])
        if f.get("sender"):
            q = q.where(StoredAnalysis.from_address.ilike(f"%{_like(f['sender'])}%", escape="\\"))
        if f.get("subject"):
            q = q.where(StoredAnalysis.subject.ilike(f"%{_like(f['subject'])}%", escape="\\"))
        if f.get("domain"):
            domain = f["domain"].lower().strip()
            q = q.where(
                StoredAnalysis.id.in_(
                    select(Indicator.analysis_id).where(
                        Indicator.kind.in_(("domain", "hostname")),
                        or_(Indicator.value == domain, Indicator.value.like(f"%.{_like(domain)}", escape="\\")),
                    )
                )
            )
        if f.get("url"):
            q = q.where(
                StoredAnalysis.id.in_(
                    select(Indicator.analysis_id).where(
                        Indicator.kind == "url", Indicator.value.ilike(f"%{_like(f['url'])}%", escape="\\")
                    )
                )
            )
        if f.get("ip"):
            q = q.where(
                StoredAnalysis.id.in_(
                    select(Indicator.analysis_id).where(Indicator.kind == "ip", Indicator.value == f["ip"].strip())
                )
            )
        for name, op in (("since", "ge"), ("until", "le")):
            if f.get(name):
                try:
                    day = date.fromisoformat(f[name])
                except ValueError:
                    raise HTTPException(422, f"{name} must be a date (YYYY-MM-DD)") from None
                moment = datetime.combine(day, time.min if op == "ge" else time.max, tzinfo=UTC)
                col = StoredAnalysis.created_at
                q = q.where(col >= moment if op == "ge" else col <= moment)
        total = db.scalar(select(func.count()).select_from(q.subquery())) or 0
        rows = db.scalars(q.order_by(StoredAnalysis.created_at.desc()).offset(offset).limit(limit)).all()
        return list(rows), int(total)

    def submit(db: Session, auth: Auth, uploads: list[Upload], online: bool, visit: bool, force: bool) -> UploadReport:
        report = UploadReport()
        messages, report.rejected = split_uploads(uploads, settings)
        if messages and not submit_limit.hit(f"user:{auth.user.id}", len(messages)):
            report.rejected.extend((m.filename, "too many submissions: wait a minute") for m in messages)
            return report
        options = ",".join(x for x, on in (("online", online or visit), ("visit", visit)) if on)
        online_opts = None
        if options:
            from ..enrich.investigate import OnlineOptions

            base = settings.online or OnlineOptions(cache_path=settings.data_dir / "cache.sqlite3")
            online_opts = replace(base, visit=visit)
        for item in messages:
            sha = hashlib.sha256(item.data).hexdigest()
            previous = None
            if not force:
                previous = db.scalars(
                    select(StoredAnalysis)
                    .where(StoredAnalysis.sha256 == sha, StoredAnalysis.options == options)
                    .where(StoredAnalysis.status.in_(("done", "queued", "running")))
                    .order_by((StoredAnalysis.owner_id == auth.user.id).desc(), StoredAnalysis.created_at.desc())
                ).first()
            if previous is not None and previous.owner_id == auth.user.id:
                report.accepted.append((previous.id, item.filename, True))
                continue
            row = StoredAnalysis(
                id=str(uuid.uuid4()),
                sha256=sha,
                owner_id=auth.user.id,
                filename=item.filename[:300],
                options=options,
                size=len(item.data),
                raw=item.data,
                status="queued",
            )
            db.add(row)
            if previous is not None and previous.status == "done":
                # Analysed before for someone else: copy the result, do not analyse twice.
                for attr in ("status", "verdict", "score", "brand", "subject", "from_address"):
                    setattr(row, attr, getattr(previous, attr))
                # the copy carries this uploader's file name, never the first uploader's
                data = json.loads(previous.result_json)
                data["source"] = row.filename
                row.result_json = json.dumps(data, ensure_ascii=False)
                copied = unsign(key, previous.result_blob)
                row.result_blob = (
                    sign(key, pickle.dumps(replace(copied, source=row.filename))) if copied is not None else b""
                )
                db.flush()
                db.add_all(
                    Indicator(analysis_id=row.id, kind=i.kind, value=i.value)
                    for i in db.scalars(select(Indicator).where(Indicator.analysis_id == previous.id))
                )
                report.accepted.append((row.id, item.filename, True))
                continue
            row.status = "running"
            row.progress = "online" if online_opts else ""
            db.commit()  # the worker stores through its own session
            try:
                worker.run(row.id, item.data, item.filename, online_opts, wait=online_opts is None)
            except Exception as exc:  # never leave a row 'running' that nothing will finish
                db.rollback()
                failed = db.get(StoredAnalysis, row.id)
                if failed is not None:
                    failed.status, failed.error = "failed", f"{type(exc).__name__}: {exc}"[:500]
                    db.commit()
            report.accepted.append((row.id, item.filename, False))
        db.commit()
        db.expire_all()  # the worker stored results through its own session
        return report

    async def read_parts(files: list[Any]) -> list[Upload]:
        """The uploaded files, each read up to its limit and all together up to the request limit."""
        per_file = max(settings.max_message_bytes, settings.max_zip_total_bytes) + 1
        items: list[Upload] = []
        total = 0
        for f in files[: settings.max_files + 1]:
            data = await f.read(min(per_file, settings.max_request_bytes - total + 1))
            total += len(data)
            if total > settings.max_request_bytes:
                raise HTTPException(413, f"submission larger than {settings.max_request_bytes // 1048576} MB")
            items.append(Upload(f.filename or "upload.eml", data))
        return items

    def summary(row: StoredAnalysis) -> dict[str, Any]:
        return {
            "id": row.id,
            "status": row.status,
            "progress": row.progress,
            "verdict": row.verdict or None,
            "score": row.score if row.status == "done" else None,
            "brand": row.brand or None,
            "subject": row.subject,
            "from": row.from_address,
            "filename": row.filename,
            "options": [o for o in row.options.split(",") if o],
            "sha256": row.sha256,
            "created_at": row.created_at.isoformat(),
            "error": row.error or None,
        }

    def download(row: StoredAnalysis, fmt: str, lang: str, style: str) -> Response:
        if fmt not in FORMATS:
            raise HTTPException(404, f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        options = ReportOptions(lang=lang, defang_style=style if style in ("hxxp", "h**p") else "hxxp")
        data = render_report(result_of(row), fmt, options)
        name = f"mailautopsy-{row.id[:8]}.{EXTENSION[fmt]}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if fmt == "html":
            headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
        return Response(data, media_type=MEDIA[fmt], headers=headers)

    # --- pages ---------------------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request) -> HTMLResponse:
        token = secrets.token_urlsafe(24)
        response = page(request, "login.html", None, login_csrf=token, error="")
        response.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )
        return response

    @app.post("/login", include_in_schema=False)
    def login(
        request: Request,
        db: DB,
        username: Annotated[str, Form()] = "",
        password: Annotated[str, Form()] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        if not csrf_ok(request.cookies.get(LOGIN_CSRF_COOKIE, ""), csrf):
            raise HTTPException(403, "missing or wrong CSRF token: reload the sign-in page")
        client = request.client.host if request.client else "?"
        keys = (f"login:{username.lower()}", f"login-ip:{client}")
        if any(login_limit.blocked(k) for k in keys):
            token = secrets.token_urlsafe(24)
            response = page(request, "login.html", None, 429, login_csrf=token, error="login_limited")
            response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict")
            return response
        user = db.scalar(select(User).where(User.name == username))
        if not check_password(user, password) or user is None:
            for k in keys:
                login_limit.hit(k)
            token = secrets.token_urlsafe(24)
            response = page(request, "login.html", None, 401, login_csrf=token, error="login_failed")
            response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict")
            return response
        login_limit.reset(keys[0])
        cookie, _csrf = open_session(db, user)
        db.commit()
        redirect = RedirectResponse("/", status_code=303)
        redirect.set_cookie(
            COOKIE, cookie, httponly=True, samesite="lax", secure=request.url.scheme == "https", max_age=12 * 3600
        )
        redirect.delete_cookie(LOGIN_CSRF_COOKIE)
        return redirect

    @app.post("/logout", include_in_schema=False)
    def logout(
        request: Request, db: DB, auth: Annotated[Auth, Depends(page_auth)], csrf: Annotated[str, Form()] = ""
    ) -> Response:
        require_csrf(auth, csrf)
        from .db import WebSession
        from .security import digest

        row = db.get(WebSession, digest(request.cookies.get(COOKIE, "")))
        if row is not None:
            db.delete(row)
            db.commit()
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, db: DB, auth: Annotated[Auth, Depends(page_auth)]) -> HTMLResponse:
        rows, total = search(db, auth, {}, 0, 10)
        return page(request, "upload.html", auth, rows=rows, total=total, report=None)

    @app.post("/upload", include_in_schema=False)
    async def upload(
        request: Request,
        db: DB,
        auth: Annotated[Auth, Depends(page_auth)],
        files: Annotated[list[UploadFile], File()],
        csrf: Annotated[str, Form()] = "",
        online: Annotated[bool, Form()] = False,
        visit: Annotated[bool, Form()] = False,
    ) -> Response:
        require_csrf(auth, csrf)
        items = await read_parts(files)

        def finish() -> Response:  # blocking: analyses and the database, off the event loop
            report = submit(db, auth, items, online, visit, False)
            if len(report.accepted) == 1 and not report.rejected:
                return RedirectResponse(f"/analyses/{report.accepted[0][0]}", status_code=303)
            rows, total = search(db, auth, {}, 0, 10)
            status = 200 if report.accepted else 400
            return page(request, "upload.html", auth, status, rows=rows, total=total, report=report)

        return await run_in_threadpool(finish)

    @app.get("/analyses", response_class=HTMLResponse, include_in_schema=False)
    def history(
        request: Request,
        db: DB,
        auth: Annotated[Auth, Depends(page_auth)],
        page_no: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> HTMLResponse:
        filters = {
            k: request.query_params.get(k, "")
            for k in ("sender", "domain", "url", "ip", "subject", "verdict", "since", "until")
        }
        rows, total = search(db, auth, filters, (page_no - 1) * settings.page_size, settings.page_size)
        return page(
            request,
            "history.html",
            auth,
            rows=rows,
            total=total,
            filters=filters,
            page_no=page_no,
            page_size=settings.page_size,
        )

    @app.get("/analyses/{analysis_id}", response_class=HTMLResponse, include_in_schema=False)
    def result_page(
        request: Request, analysis_id: str, db: DB, auth: Annotated[Auth, Depends(page_auth)]
    ) -> HTMLResponse:
        row = visible(db, auth, analysis_id)
        ctx: dict[str, Any] = {"row": row, "report": None, "indicators": []}
        if row.status == "done":
            article = build_article(result_of(row), kb, ReportOptions(lang=_lang(request)))
            ctx.update(report_context(article))
            ctx["report"] = article
            ctx["indicators"] = list(
                db.scalars(
                    select(Indicator)
                    .where(Indicator.analysis_id == row.id, Indicator.kind.in_(("domain", "ip", "email")))
                    .order_by(Indicator.kind, Indicator.value)
                    .limit(100)
                )
            )
        return page(request, "result.html", auth, **ctx)

    @app.get("/analyses/{analysis_id}/preview", include_in_schema=False)
    def preview(analysis_id: str, db: DB, auth: Annotated[Auth, Depends(page_auth)]) -> Response:
        row = visible(db, auth, analysis_id)
        body = "<!DOCTYPE html><meta charset=utf-8><body>" + sanitised_preview(row.raw) + "</body>"
        return HTMLResponse(body, headers={"Content-Security-Policy": PREVIEW_CSP, "X-Frame-Options": "SAMEORIGIN"})

    @app.get("/analyses/{analysis_id}/report.{fmt}", include_in_schema=False)
    def page_download(
        request: Request, analysis_id: str, fmt: str, db: DB, auth: Annotated[Auth, Depends(page_auth)]
    ) -> Response:
        return download(visible(db, auth, analysis_id), fmt, _lang(request), request.query_params.get("style", "hxxp"))

    @app.get("/analyses/{analysis_id}/attachments.zip", include_in_schema=False)
    def attachments(analysis_id: str, db: DB, auth: Annotated[Auth, Depends(page_auth)]) -> Response:
        if not auth.analyst:
            raise HTTPException(403, "only analysts may download attachments")
        row = visible(db, auth, analysis_id)
        return Response(
            protected_attachments(row.raw),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="attachments-{row.id[:8]}.zip"'},
        )

    @app.get("/indicators/{kind}/{value:path}", response_class=HTMLResponse, include_in_schema=False)
    def indicator_page(
        request: Request, kind: str, value: str, db: DB, auth: Annotated[Auth, Depends(page_auth)]
    ) -> HTMLResponse:
        wanted = value if kind == "url" else value.lower()
        ids = select(Indicator.analysis_id).where(Indicator.kind == kind, Indicator.value == wanted)
        q = select(StoredAnalysis).where(StoredAnalysis.id.in_(ids))
        if not auth.analyst:
            q = q.where(StoredAnalysis.owner_id == auth.user.id)
        rows = list(db.scalars(q.order_by(StoredAnalysis.created_at.desc()).limit(500)))
        return page(request, "indicator.html", auth, kind=kind, value=value, rows=rows)

    @app.get("/users", response_class=HTMLResponse, include_in_schema=False)
    def users_page(request: Request, db: DB, auth: Annotated[Auth, Depends(page_auth)]) -> HTMLResponse:
        if not auth.analyst:
            raise HTTPException(403, "only analysts manage users")
        return page(request, "users.html", auth, users=list(db.scalars(select(User).order_by(User.name))), error="")

    @app.post("/users", include_in_schema=False)
    def users_create(
        request: Request,
        db: DB,
        auth: Annotated[Auth, Depends(page_auth)],
        username: Annotated[str, Form()],
        password: Annotated[str, Form()],
        role: Annotated[str, Form()],
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        require_csrf(auth, csrf)
        if not auth.analyst:
            raise HTTPException(403, "only analysts manage users")
        from .security import create_user

        try:
            if len(password) < 10:
                raise ValueError("the password needs at least 10 characters")
            create_user(db, username.strip(), role, password)
            db.commit()
        except ValueError as exc:
            users = list(db.scalars(select(User).order_by(User.name)))
            return page(request, "users.html", auth, 400, users=users, error=str(exc))
        return RedirectResponse("/users", status_code=303)

    @app.post("/users/{user_id}/deactivate", include_in_schema=False)
    def users_deactivate(
        user_id: int, db: DB, auth: Annotated[Auth, Depends(page_auth)], csrf: Annotated[str, Form()] = ""
    ) -> Response:
        require_csrf(auth, csrf)
        if not auth.analyst:
            raise HTTPException(403, "only analysts manage users")
        user = db.get(User, user_id)
        if user is not None and user.id != auth.user.id:
            user.active = False
            db.commit()
        return RedirectResponse("/users", status_code=303)

    # --- JSON API --------------------------------------------------------------------------------
    @app.post(
        "/api/analyses",
        status_code=201,
        summary="Submit messages",
        description=(
            "The raw message as the body with `Content-Type: message/rfc822`, or a multipart upload with one or "
            "more `file` parts (.eml, .msg or a .zip of them). Identical messages (same SHA-256) are not analysed "
            "twice unless `force=true`. Offline analyses answer with their verdict; with `online`/`visit` the "
            "analysis runs in the background: poll GET /api/analyses/{id}."
        ),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "message/rfc822": {"schema": {"type": "string", "format": "binary"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                            "required": ["file"],
                        }
                    },
                },
            }
        },
        responses={
            201: {"description": "accepted"},
            400: {"description": "nothing accepted"},
            401: {"description": "no credentials"},
        },
    )
    async def api_submit(
        request: Request,
        db: DB,
        auth: Annotated[Auth, Depends(api_auth)],
        online: bool = False,
        visit: bool = False,
        force: bool = False,
    ) -> JSONResponse:
        if not auth.via_token:
            require_csrf(auth, request.headers.get("x-csrf-token", ""))
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        limit = max(settings.max_message_bytes, settings.max_zip_total_bytes)
        items: list[Upload] = []
        if ctype == "multipart/form-data":
            try:
                form = await request.form(max_files=settings.max_files + 1)
            except Exception as exc:
                raise HTTPException(400, f"unreadable multipart body: {exc}") from None
            parts = form.getlist("file")
            if any(isinstance(v, str) for v in parts):
                raise HTTPException(400, "'file' must be a file part")
            items = await read_parts([v for v in parts if not isinstance(v, str)])
        elif ctype in ("message/rfc822", "application/octet-stream", "application/vnd.ms-outlook"):
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise HTTPException(413, f"message larger than {limit // 1048576} MB")
            items.append(Upload(request.headers.get("x-filename", "upload.eml")[:300], bytes(body)))
        else:
            raise HTTPException(415, "send the message as message/rfc822, or as multipart/form-data 'file' parts")
        if not items:
            raise HTTPException(400, "no message in the request")

        def finish() -> tuple[UploadReport, list[StoredAnalysis | None]]:  # blocking, off the event loop
            report = submit(db, auth, items, online, visit, force)
            return report, [db.get(StoredAnalysis, i) for i, _, _ in report.accepted]

        report, rows = await run_in_threadpool(finish)
        body_out = {
            "analyses": [
                {**summary(r), "duplicate": dup} for r, (_, _, dup) in zip(rows, report.accepted, strict=True) if r
            ],
            "rejected": [{"filename": n, "reason": why} for n, why in report.rejected],
        }
        if len(body_out["analyses"]) == 1:
            body_out.update(body_out["analyses"][0])
        return JSONResponse(body_out, status_code=201 if report.accepted else 400)

    @app.get("/api/analyses/{analysis_id}", summary="One analysis: status, verdict and, when done, the full result")
    def api_get(analysis_id: str, db: DB, auth: Annotated[Auth, Depends(api_auth)]) -> dict[str, Any]:
        row = visible(db, auth, analysis_id)
        out = summary(row)
        out["result"] = json.loads(row.result_json) if row.status == "done" and row.result_json else None
        return out

    @app.get("/api/analyses", summary="Search the history (reporters: their own submissions)")
    def api_list(
        db: DB,
        auth: Annotated[Auth, Depends(api_auth)],
        sender: str = "",
        domain: str = "",
        url: str = "",
        ip: str = "",
        subject: str = "",
        verdict: Annotated[str, Query(pattern="^(|phishing|suspicious|spam|clean)$")] = "",
        since: str = "",
        until: str = "",
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> dict[str, Any]:
        filters = {"sender": sender, "domain": domain, "url": url, "ip": ip, "subject": subject, "verdict": verdict}
        filters.update(since=since, until=until)
        rows, total = search(db, auth, filters, offset, limit)
        return {"total": total, "offset": offset, "limit": limit, "items": [summary(r) for r in rows]}

    @app.get(
        "/api/analyses/{analysis_id}/report/{fmt}",
        summary="A report of the analysis: md, html, pdf, iocs, stix or misp",
        responses={200: {"content": {m: {} for m in set(MEDIA.values())}}},
    )
    def api_report(
        analysis_id: str,
        fmt: str,
        db: DB,
        auth: Annotated[Auth, Depends(api_auth)],
        lang: Annotated[str, Query(pattern="^(ja|en)$")] = "ja",
        style: Annotated[str, Query(pattern="^(hxxp|h\\*\\*p)$")] = "hxxp",
    ) -> Response:
        return download(visible(db, auth, analysis_id), fmt, lang, style)

    return app


def _like(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text.strip())
