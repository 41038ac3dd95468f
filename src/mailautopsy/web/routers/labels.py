"""Analysts' labels, by API and from the result page; export and import of labels as JSON lines.
What they do is in services/labels.py; the model learns them in the background (web/feedback.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from ..deps import DB, RT, ApiUser, PageUser, api_csrf, require_csrf
from ..schemas import ErrorDetail, LabelImportResult, LabelRequest, LabelState
from ..services import Runtime
from ..services import labels as service

router = APIRouter(tags=["labels"])
NDJSON = "application/x-ndjson"
TEXT = (NDJSON, "text/plain")
"""What a labels file may be sent as (the body is read as UTF-8 whatever the type says)."""
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorDetail, "description": "no credentials"},
    403: {"model": ErrorDetail, "description": "not an analyst (reporters cannot label), or no CSRF token"},
    404: {"model": ErrorDetail, "description": "no such analysis"},
}


def _changed(db: DB, rt: Runtime) -> None:
    """Commit the change, then let the trainer apply it (never in the request)."""
    db.commit()
    if rt.trainer is not None:
        rt.trainer.wake()


@router.get("/api/analyses/{analysis_id}/label", summary="An analysis's label and its history", responses=ERRORS)
def api_label(analysis_id: str, db: DB, auth: ApiUser) -> LabelState:
    return LabelState.model_validate(service.state(db, auth, analysis_id))


@router.put(
    "/api/analyses/{analysis_id}/label",
    summary="Label an analysis phishing or legitimate (analysts); the model learns it in the background",
    responses=ERRORS,
)
def api_set_label(request: Request, analysis_id: str, body: LabelRequest, db: DB, rt: RT, auth: ApiUser) -> LabelState:
    api_csrf(request, auth)
    if service.set_label(db, auth, analysis_id, body.label):
        _changed(db, rt)
    return LabelState.model_validate(service.state(db, auth, analysis_id))


@router.delete(
    "/api/analyses/{analysis_id}/label",
    summary="Clear an analysis's label (analysts); the model forgets it in the background",
    responses=ERRORS,
)
def api_clear_label(request: Request, analysis_id: str, db: DB, rt: RT, auth: ApiUser) -> LabelState:
    api_csrf(request, auth)
    if service.set_label(db, auth, analysis_id, None):
        _changed(db, rt)
    return LabelState.model_validate(service.state(db, auth, analysis_id))


@router.get(
    "/api/labels/export",
    summary="Every label as JSON lines: sha256 of the raw mail, label, by, at (analysts)",
    response_class=StreamingResponse,
    responses={200: {"content": {NDJSON: {}}}, 401: ERRORS[401], 403: ERRORS[403]},
)
def api_export(db: DB, auth: ApiUser) -> StreamingResponse:
    lines = list(service.export_lines(db, auth))  # read while the session is open
    headers = {"Content-Disposition": 'attachment; filename="mailautopsy-labels.jsonl"'}
    return StreamingResponse(iter(lines), media_type=NDJSON, headers=headers)


@router.post(
    "/api/labels/import",
    summary="Apply a labels file (JSON lines, as exported) to the stored analyses of the same mails (analysts)",
    openapi_extra={"requestBody": {"required": True, "content": {m: {"schema": {"type": "string"}} for m in TEXT}}},
    responses={400: {"model": ErrorDetail, "description": "not UTF-8 text"}, 401: ERRORS[401], 403: ERRORS[403]},
)
async def api_import(request: Request, db: DB, rt: RT, auth: ApiUser) -> LabelImportResult:
    api_csrf(request, auth)
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the labels file must be UTF-8 JSON lines") from None
    report = service.import_lines(db, auth, text)
    if report.changed:
        _changed(db, rt)
    return LabelImportResult.model_validate(report.as_dict())


@router.post("/analyses/{analysis_id}/label", include_in_schema=False)
def page_label(
    analysis_id: str,
    db: DB,
    rt: RT,
    auth: PageUser,
    label: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """The result page's buttons: phishing, legitimate or clear."""
    require_csrf(auth, csrf)
    if service.set_label(db, auth, analysis_id, None if label == "clear" else label):
        _changed(db, rt)
    return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)
