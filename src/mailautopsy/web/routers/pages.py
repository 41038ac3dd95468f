"""The pages people use: submit, history, a result with its preview and downloads, and the
analyses that share an indicator."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...render.html import report_context
from ..deps import DB, RT, PageUser, lang_of, require_analyst, require_csrf
from ..services import FINISHED, Auth, Unavailable, campaigns, inspect, labels, overrides, results, search
from ..services.submit import SubmitOptions, read_parts, submit, wait_for
from ..templating import page
from ..worker import Busy

PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"

router = APIRouter(include_in_schema=False)


def download(report: results.Report) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{report.filename}"'}
    if report.media_type.startswith("text/html"):
        headers["Content-Security-Policy"] = results.REPORT_CSP
    return Response(report.data, media_type=report.media_type, headers=headers)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DB, auth: PageUser) -> HTMLResponse:
    rows, total = search.search(db, auth, search.Filters(), 0, 10)
    return page(request, "upload.html", auth, rows=rows, total=total, report=None, finals=overrides.finals(db, rows))


@router.post("/upload")
async def upload(
    request: Request,
    db: DB,
    rt: RT,
    auth: PageUser,
    files: Annotated[list[UploadFile], File()],
    csrf: Annotated[str, Form()] = "",
    online: Annotated[bool, Form()] = False,
    visit: Annotated[bool, Form()] = False,
) -> Response:
    require_csrf(auth, csrf)
    items = await read_parts(files, rt.settings)

    report = await run_in_threadpool(submit, db, rt, auth, items, SubmitOptions(online, visit), False)
    await wait_for(report)  # the analyses, holding no thread

    def finish() -> Response:  # the database, off the event loop
        db.expire_all()  # the worker stored results through its own session
        if len(report.accepted) == 1 and not report.rejected:
            return RedirectResponse(f"/analyses/{report.accepted[0][0]}", status_code=303)
        rows, total = search.search(db, auth, search.Filters(), 0, 10)
        status = 200 if report.accepted else 503 if report.busy else 400
        finals = overrides.finals(db, rows)
        return page(request, "upload.html", auth, status, rows=rows, total=total, report=report, finals=finals)

    return await run_in_threadpool(finish)


@router.get("/analyses", response_class=HTMLResponse)
def history(
    request: Request, db: DB, rt: RT, auth: PageUser, page_no: Annotated[int, Query(alias="page", ge=1)] = 1
) -> HTMLResponse:
    filters = search.Filters.of(request.query_params)
    size = rt.settings.page_size
    rows, total = search.search(db, auth, filters, (page_no - 1) * size, size)
    return page(
        request,
        "history.html",
        auth,
        rows=rows,
        total=total,
        filters=filters.as_dict(),
        page_no=page_no,
        page_size=size,
        finals=overrides.finals(db, rows),
    )


@router.get("/analyses/{analysis_id}", response_class=HTMLResponse)
def result_page(request: Request, analysis_id: str, db: DB, rt: RT, auth: PageUser) -> HTMLResponse:
    row = search.visible(db, auth, analysis_id)
    ctx: dict[str, Any] = {"row": row, "report": None, "indicators": [], "stored": None}
    ctx["override"] = overrides.state(db, auth, row.id) if row.status in FINISHED else None
    if row.status in FINISHED and row.status != "done":  # no full analysis to show: what was stored
        ctx["stored"] = results.stored_json(row)
    elif row.status == "done":
        lang = lang_of(request)
        analysis = results.analysis_of(rt, row)
        article = results.article(rt, row, lang, analysis)
        ctx.update(report_context(article))
        ctx["report"] = article
        ctx["indicators"] = search.shown_indicators(db, row.id)
        ctx["headers"] = inspect.header_view(analysis, lang, auth.analyst)
        ctx["label"] = labels.state(db, auth, row.id) if auth.analyst else None
        ctx["campaign"] = campaigns.campaign_of(db, row.sha256) if auth.analyst else None
    return page(request, "result.html", auth, **ctx)


@router.get("/analyses/{analysis_id}/source", response_class=HTMLResponse)
def source_page(request: Request, analysis_id: str, db: DB, rt: RT, auth: PageUser) -> HTMLResponse:
    """The mail as received, line-numbered and escaped; the recipient masked for reporters."""
    row = search.visible(db, auth, analysis_id)
    lines, cut = inspect.source_lines(row.raw, results.analysis_of(rt, row), auth.analyst)
    return page(request, "source.html", auth, row=row, lines=lines, cut=cut, limit=inspect.SOURCE_VIEW_BYTES)


@router.get("/analyses/{analysis_id}/preview")
def preview(analysis_id: str, db: DB, rt: RT, auth: PageUser) -> Response:
    row = search.visible(db, auth, analysis_id)
    try:
        shown = rt.worker.preview(row.raw, str(row.owner_id))
    except Busy:
        raise Unavailable("the server is busy: reload the page in a minute") from None
    body = "<!DOCTYPE html><meta charset=utf-8><body>" + shown + "</body>"
    return HTMLResponse(body, headers={"Content-Security-Policy": PREVIEW_CSP, "X-Frame-Options": "SAMEORIGIN"})


@router.get("/analyses/{analysis_id}/report.{fmt}")
def page_download(request: Request, analysis_id: str, fmt: str, db: DB, rt: RT, auth: PageUser) -> Response:
    row = search.visible(db, auth, analysis_id)
    style = request.query_params.get("style", "hxxp")
    return download(results.report(rt, row, fmt, lang_of(request), style))


@router.get("/analyses/{analysis_id}/attachments.zip")
def attachments(
    analysis_id: str,
    db: DB,
    rt: RT,
    auth: Annotated[Auth, Depends(require_analyst("only analysts may download attachments"))],
) -> Response:
    row = search.visible(db, auth, analysis_id)
    try:
        archive = rt.worker.attachments(row.raw, str(row.owner_id))
    except Exception as exc:  # busy, or the mail could not be read in time
        raise Unavailable(f"the attachments could not be read: {exc}"[:300]) from None
    return Response(
        archive,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="attachments-{row.id[:8]}.zip"'},
    )


@router.get("/indicators/{kind}/{value:path}", response_class=HTMLResponse)
def indicator_page(request: Request, kind: str, value: str, db: DB, auth: PageUser) -> HTMLResponse:
    rows = search.with_indicator(db, auth, kind, value)
    return page(request, "indicator.html", auth, kind=kind, value=value, rows=rows)
