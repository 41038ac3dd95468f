"""Stored command-line results (`scan --store`, `analyze --store` on this database): a page and
an API for analysts, each result's schema JSON linked (services/scans.py)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from ...store.db import ScanResult
from ..deps import DB, RT, ApiUser, require_analyst
from ..schemas import ScanResultDetail, ScanResultItem, ScanResultPage
from ..services import Auth
from ..services import scans as service
from ..templating import page

router = APIRouter(tags=["stored scan results"])
ScanAnalyst = Annotated[Auth, Depends(require_analyst("only analysts see stored scan results"))]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "no credentials"},
    403: {"description": "not an analyst"},
}


def _analyst(auth: Auth) -> Auth:
    if not auth.analyst:
        raise HTTPException(403, "only analysts see stored scan results")
    return auth


@router.get("/scans", response_class=HTMLResponse, include_in_schema=False)
def scans_page(
    request: Request, db: DB, rt: RT, auth: ScanAnalyst, page_no: Annotated[int, Query(alias="page", ge=1)] = 1
) -> HTMLResponse:
    filters = service.ScanFilters.of(request.query_params)
    size = rt.settings.page_size
    rows, total = service.listing(db, filters, (page_no - 1) * size, size)
    return page(
        request,
        "scans.html",
        auth,
        rows=rows,
        total=total,
        filters=filters.as_dict(),
        page_no=page_no,
        page_size=size,
    )


def _item(r: ScanResult) -> dict[str, Any]:
    return {
        "id": r.id,
        "sha256": r.sha256,
        "source": r.source,
        "analysed_at": r.analysed_at.isoformat(),
        "message_date": r.message_date.isoformat() if r.message_date else None,
        "from": r.from_address,
        "subject": r.subject,
        "status": r.status,
        "verdict": r.verdict or None,
        "score": r.score,
        "brand": r.brand,
        "json": f"/api/scan-results/{r.id}",
    }


@router.get("/api/scan-results", summary="Stored scan results, newest first (analysts)", responses=ERRORS)
def api_scan_results(
    request: Request,
    db: DB,
    auth: ApiUser,
    offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> ScanResultPage:
    _analyst(auth)
    rows, total = service.listing(db, service.ScanFilters.of(request.query_params), offset, limit)
    return ScanResultPage(total=total, offset=offset, items=[ScanResultItem.model_validate(_item(r)) for r in rows])


@router.get(
    "/api/scan-results/{result_id}",
    summary="One stored scan result, with the whole result as docs/schema.json describes it (analysts)",
    responses={**ERRORS, 404: {"description": "no such stored result"}},
)
def api_scan_result(result_id: Annotated[int, Path(ge=1, le=2**63 - 1)], db: DB, auth: ApiUser) -> ScanResultDetail:
    _analyst(auth)
    row = service.get(db, result_id)
    return ScanResultDetail.model_validate({**_item(row), "result": json.loads(row.result_json)})
