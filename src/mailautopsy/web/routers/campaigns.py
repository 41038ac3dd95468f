"""The store's campaigns (near-duplicate mails grouped by `scan --store`, `analyze --store` and
the app's own analyses in this database; docs/campaigns.md): pages for analysts, largest first,
and one page per campaign with its mails, each linked to its stored result."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from ..deps import DB, require_analyst
from ..services import Auth
from ..services import campaigns as service
from ..templating import page

router = APIRouter(tags=["campaigns"])
CampaignAnalyst = Annotated[Auth, Depends(require_analyst("only analysts see campaigns"))]


@router.get("/campaigns", response_class=HTMLResponse, include_in_schema=False)
def campaigns_page(
    request: Request, db: DB, auth: CampaignAnalyst, min_size: Annotated[int, Query(ge=1, le=1_000_000)] = 2
) -> HTMLResponse:
    campaigns = service.largest(db, min_size)
    return page(request, "campaigns.html", auth, campaigns=campaigns, min_size=min_size, limit=service.LIMIT)


@router.get("/campaigns/{name}", response_class=HTMLResponse, include_in_schema=False)
def campaign_page(request: Request, name: str, db: DB, auth: CampaignAnalyst) -> HTMLResponse:
    campaign, mails = service.campaign(db, name)
    return page(request, "campaign.html", auth, campaign=campaign, mails=mails, shown=service.MEMBERS)
