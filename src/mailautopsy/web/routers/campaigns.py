"""The store's campaigns (near-duplicate mails grouped by `scan --store` and `analyze --store` on
this database; docs/campaigns.md): a page for analysts, largest first, each campaign's stored
results one click away."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ...store.campaigns import SqlStorage
from ..deps import DB, require_analyst
from ..services import Auth
from ..templating import page

router = APIRouter(tags=["campaigns"])
CampaignAnalyst = Annotated[Auth, Depends(require_analyst("only analysts see campaigns"))]
_LIMIT = 200


@router.get("/campaigns", response_class=HTMLResponse, include_in_schema=False)
def campaigns_page(
    request: Request, db: DB, auth: CampaignAnalyst, min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 2
) -> HTMLResponse:
    storage = SqlStorage(db.get_bind())  # type: ignore[arg-type]
    campaigns = [c for c in storage.summaries(limit=_LIMIT) if c.size >= min_size]
    return page(request, "campaigns.html", auth, campaigns=campaigns, min_size=min_size, limit=_LIMIT)
