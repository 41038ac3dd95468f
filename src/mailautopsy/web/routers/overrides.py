"""The analyst's word is final: verdict overrides and the allow- and block-lists, by API and by
page. What they do is in services/overrides.py and services/lists.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..deps import DB, RT, ApiUser, PageUser, api_csrf, require_csrf
from ..schemas import (
    ErrorDetail,
    ListEntryOut,
    ListEntryRequest,
    ListImportResult,
    ListsState,
    OverrideRequest,
    OverrideState,
)
from ..services import Auth, Forbidden
from ..services import lists as lists_service
from ..services import overrides as service
from ..templating import page

router = APIRouter(tags=["overrides"])
TOML = "application/toml"
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorDetail, "description": "no credentials"},
    403: {"model": ErrorDetail, "description": "not an analyst, or no CSRF token"},
    404: {"model": ErrorDetail, "description": "no such analysis or entry"},
    409: {"model": ErrorDetail, "description": "the analysis is not finished"},
    422: {"model": ErrorDetail, "description": "no reason, or a value that is not what its kind needs"},
}
MAX_IMPORT = 1024 * 1024


def _state(db: DB, auth: Auth, analysis_id: str) -> OverrideState:
    return OverrideState.model_validate(service.state(db, auth, analysis_id))


@router.get(
    "/api/analyses/{analysis_id}/override",
    summary="The final verdict of an analysis, who decided it and why (reporters: their own analyses)",
    responses=ERRORS,
)
def api_override(analysis_id: str, db: DB, auth: ApiUser) -> OverrideState:
    return _state(db, auth, analysis_id)


@router.put(
    "/api/analyses/{analysis_id}/override",
    summary="Override the verdict, with a reason (analysts); audited, shown to the reporter",
    responses=ERRORS,
)
def api_set_override(request: Request, analysis_id: str, body: OverrideRequest, db: DB, auth: ApiUser) -> OverrideState:
    api_csrf(request, auth)
    service.set_override(db, auth, analysis_id, body.verdict, body.reason)
    return _state(db, auth, analysis_id)


@router.delete(
    "/api/analyses/{analysis_id}/override",
    summary="Withdraw the override (analysts): the automatic verdict is final again; audited",
    responses=ERRORS,
)
def api_withdraw(request: Request, analysis_id: str, db: DB, auth: ApiUser, reason: str = "") -> OverrideState:
    api_csrf(request, auth)
    service.withdraw(db, auth, analysis_id, reason)
    return _state(db, auth, analysis_id)


@router.post("/analyses/{analysis_id}/override", include_in_schema=False)
def page_override(
    analysis_id: str,
    db: DB,
    auth: PageUser,
    action: Annotated[str, Form()] = "set",
    verdict: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """The result page's form: set (verdict and reason) or withdraw."""
    require_csrf(auth, csrf)
    if action == "withdraw":
        service.withdraw(db, auth, analysis_id, reason)
    else:
        service.set_override(db, auth, analysis_id, verdict, reason)
    return RedirectResponse(f"/analyses/{analysis_id}#override", status_code=303)


# -- the allow- and block-lists -----------------------------------------------------------------


def _lists_state(db: DB, auth: Auth) -> ListsState:
    return ListsState.model_validate(
        {"entries": lists_service.entries(db, auth), "changes": lists_service.changes(db, auth)}
    )


@router.get("/api/lists", summary="The allow- and block-lists and their audit trail (analysts)", responses=ERRORS)
def api_lists(db: DB, auth: ApiUser) -> ListsState:
    return _lists_state(db, auth)


@router.post(
    "/api/lists",
    status_code=201,
    summary="List a sender address, domain or URL prefix (analysts); analyses submitted afterwards use it",
    responses=ERRORS,
)
def api_add(request: Request, body: ListEntryRequest, db: DB, rt: RT, auth: ApiUser) -> ListEntryOut:
    api_csrf(request, auth)
    entry = lists_service.add(db, auth, rt.kb, body.list, body.kind, body.value, body.reason)
    return ListEntryOut.model_validate(next(e for e in lists_service.entries(db, auth) if e["id"] == entry.id))


EntryId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]


@router.delete(
    "/api/lists/{entry_id}", summary="Remove a list entry (analysts); the lists as they are now", responses=ERRORS
)
def api_remove(request: Request, entry_id: EntryId, db: DB, auth: ApiUser, reason: str = "") -> ListsState:
    api_csrf(request, auth)
    lists_service.remove(db, auth, entry_id, reason)
    return _lists_state(db, auth)


def _export(db: DB, auth: Auth) -> Response:
    text = lists_service.export_toml(db, auth)
    headers = {"Content-Disposition": 'attachment; filename="mailautopsy-lists.toml"'}
    return Response(text, media_type=f"{TOML}; charset=utf-8", headers=headers)


@router.get(
    "/api/lists/export",
    summary="The lists as a config file's [lists] table, for `analyze --config` (analysts)",
    response_class=Response,
    responses={200: {"content": {TOML: {}}}, 401: ERRORS[401], 403: ERRORS[403]},
)
def api_export(db: DB, auth: ApiUser) -> Response:
    return _export(db, auth)


@router.post(
    "/api/lists/import",
    summary="Add the entries of a config file's [lists] table (analysts); a file with any error is refused whole",
    openapi_extra={
        "requestBody": {"required": True, "content": {m: {"schema": {"type": "string"}} for m in (TOML, "text/plain")}}
    },
    responses=ERRORS,
)
async def api_import(request: Request, db: DB, rt: RT, auth: ApiUser) -> ListImportResult:
    api_csrf(request, auth)
    body = await request.body()
    return ListImportResult.model_validate(_import(db, rt.kb, auth, body))


def _import(db: DB, kb: Any, auth: Auth, body: bytes) -> dict[str, int]:
    if len(body) > MAX_IMPORT:
        raise HTTPException(413, "the lists file is larger than 1 MB")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the lists file must be UTF-8 TOML") from None
    return lists_service.import_toml(db, auth, kb, text)


@router.get("/lists", response_class=HTMLResponse, include_in_schema=False)
def lists_page(request: Request, db: DB, auth: PageUser) -> HTMLResponse:
    if not auth.analyst:
        raise Forbidden("only analysts edit the allow- and block-lists")
    entries, changes = lists_service.entries(db, auth), lists_service.changes(db, auth)
    return page(request, "lists.html", auth, entries=entries, changes=changes)


@router.get("/lists/export", include_in_schema=False)
def page_export(db: DB, auth: PageUser) -> Response:
    return _export(db, auth)


@router.post("/lists", include_in_schema=False)
def page_add(
    db: DB,
    rt: RT,
    auth: PageUser,
    list_name: Annotated[str, Form(alias="list")],
    kind: Annotated[str, Form()],
    value: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    require_csrf(auth, csrf)
    lists_service.add(db, auth, rt.kb, list_name, kind, value, reason)
    return RedirectResponse("/lists", status_code=303)


@router.post("/lists/{entry_id}/remove", include_in_schema=False)
def page_remove(
    entry_id: EntryId, db: DB, auth: PageUser, reason: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = ""
) -> Response:
    require_csrf(auth, csrf)
    lists_service.remove(db, auth, entry_id, reason)
    return RedirectResponse("/lists", status_code=303)


@router.post("/lists/import", include_in_schema=False)
async def page_import(
    db: DB, rt: RT, auth: PageUser, file: Annotated[UploadFile, File()], csrf: Annotated[str, Form()] = ""
) -> Response:
    require_csrf(auth, csrf)
    _import(db, rt.kb, auth, await file.read(MAX_IMPORT + 1))
    return RedirectResponse("/lists", status_code=303)
