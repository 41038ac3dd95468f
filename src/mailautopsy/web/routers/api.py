"""The JSON API for scripts (session cookie with the X-CSRF-Token header, or a bearer token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ...store.db import StoredAnalysis
from ..deps import DB, RT, ApiUser, require_csrf
from ..files import Upload
from ..schemas import AnalysisDetail, AnalysisList, AnalysisSummary, ErrorDetail, SubmitResult, summary_fields
from ..services import overrides, results, search
from ..services.submit import SubmitOptions, read_parts, submit, wait_for
from ..settings import WebSettings
from .pages import download

router = APIRouter(prefix="/api", tags=["analyses"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorDetail, "description": "no credentials"},
    404: {"model": ErrorDetail, "description": "no such analysis (or not yours)"},
}
MESSAGE_TYPES = ("message/rfc822", "application/octet-stream", "application/vnd.ms-outlook")
SUBMIT_BODY = {
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


async def _messages(request: Request, settings: WebSettings) -> list[Upload]:
    """The messages of a submission: multipart `file` parts, or the whole body as one message."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        try:
            form = await request.form(max_files=settings.max_files + 1)
        except Exception as exc:
            raise HTTPException(400, f"unreadable multipart body: {exc}") from None
        parts = form.getlist("file")
        if any(isinstance(v, str) for v in parts):
            raise HTTPException(400, "'file' must be a file part")
        return await read_parts([v for v in parts if not isinstance(v, str)], settings)
    if ctype not in MESSAGE_TYPES:
        raise HTTPException(415, "send the message as message/rfc822, or as multipart/form-data 'file' parts")
    limit = max(settings.max_message_bytes, settings.max_zip_total_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"message larger than {limit // 1048576} MB")
    return [Upload(request.headers.get("x-filename", "upload.eml")[:300], bytes(body))]


@router.post(
    "/analyses",
    status_code=201,
    summary="Submit messages",
    description=(
        "The raw message as the body with `Content-Type: message/rfc822`, or a multipart upload with one or "
        "more `file` parts (.eml, .msg, an mbox, or a .zip of them). An mbox is split into its messages, each "
        "analysed on its own (`name:1`, `name:2` ...). Identical messages (same SHA-256) are not analysed "
        "twice unless `force=true`. Offline analyses answer with their verdict; with `online`/`visit` the "
        "analysis runs in the background: poll GET /api/analyses/{id}. A file that is not mail gets status "
        "`not_mail`, an analysis cut short `incomplete` (ANALYSIS_INCOMPLETE, never clean). 503 with "
        "Retry-After when the queue is full."
    ),
    openapi_extra={"requestBody": SUBMIT_BODY},
    response_model=SubmitResult,
    response_model_exclude_unset=True,
    responses={
        201: {"description": "accepted"},
        400: {"model": SubmitResult | ErrorDetail, "description": "nothing accepted, or an unreadable request"},
        401: ERRORS[401],
        503: {"model": SubmitResult, "description": "nothing accepted: the server is busy (Retry-After)"},
    },
)
async def api_submit(
    request: Request,
    response: Response,
    db: DB,
    rt: RT,
    auth: ApiUser,
    online: bool = False,
    visit: bool = False,
    force: bool = False,
) -> SubmitResult:
    if not auth.via_token:
        require_csrf(auth, request.headers.get("x-csrf-token", ""))
    items = await _messages(request, rt.settings)
    if not items:
        raise HTTPException(400, "no message in the request")

    opts = SubmitOptions(online, visit, force)
    report = await run_in_threadpool(submit, db, rt, auth, items, opts, False)  # the database: off the loop
    await wait_for(report)  # the analyses, holding no thread

    def finish() -> SubmitResult:
        db.expire_all()  # the worker stored results through its own session
        analyses = []
        for analysis_id, _name, duplicate in report.accepted:
            row = db.get(StoredAnalysis, analysis_id)
            if row is not None:
                final = overrides.finals(db, [row])[row.id]
                analyses.append({**summary_fields(row, final), "duplicate": duplicate})
        out: dict[str, Any] = {
            "analyses": analyses,
            "rejected": [{"filename": n, "reason": why} for n, why in report.rejected],
        }
        if len(analyses) == 1:
            out.update(analyses[0])
        response.status_code = 201 if report.accepted else 503 if report.busy else 400
        if report.busy:
            response.headers["Retry-After"] = "60"
        return SubmitResult.model_validate(out)

    return await run_in_threadpool(finish)


@router.get(
    "/analyses/{analysis_id}",
    summary="One analysis: status, final verdict (an analyst's override, if any) and, when done, the full result",
    response_model=AnalysisDetail,
    responses=ERRORS,
)
def api_get(analysis_id: str, db: DB, auth: ApiUser) -> AnalysisDetail:
    row = search.visible(db, auth, analysis_id)
    final = overrides.finals(db, [row])[row.id]
    return AnalysisDetail.model_validate({**summary_fields(row, final), "result": results.stored_json(row)})


@router.get(
    "/analyses",
    summary="Search the history (reporters: their own submissions)",
    response_model=AnalysisList,
    responses={401: ERRORS[401], 422: {"model": ErrorDetail, "description": "a bad date"}},
)
def api_list(
    db: DB,
    auth: ApiUser,
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
) -> AnalysisList:
    filters = search.Filters(sender, domain, url, ip, subject, verdict, since, until)
    rows, total = search.search(db, auth, filters, offset, limit)
    finals = overrides.finals(db, rows)
    items = [AnalysisSummary.of(r, finals[r.id]) for r in rows]
    return AnalysisList(total=total, offset=offset, limit=limit, items=items)


@router.get(
    "/analyses/{analysis_id}/report/{fmt}",
    summary="A report of the analysis: md, html, pdf, iocs, stix or misp",
    response_class=Response,
    responses={
        200: {"content": {m: {} for m in sorted(set(results.MEDIA.values()))}},
        409: {"model": ErrorDetail, "description": "the analysis is not finished"},
        503: {"model": ErrorDetail, "description": "the analysis could not be repeated for the report"},
        **ERRORS,
    },
)
def api_report(
    analysis_id: str,
    fmt: str,
    db: DB,
    rt: RT,
    auth: ApiUser,
    lang: Annotated[str, Query(pattern="^(ja|en)$")] = "ja",
    style: Annotated[str, Query(pattern="^(hxxp|h\\*\\*p)$")] = "hxxp",
) -> Response:
    return download(results.report(rt, search.visible(db, auth, analysis_id), fmt, lang, style))
