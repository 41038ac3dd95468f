"""New or seen before: whether a mail belongs to a campaign the caller's index knows
(campaign/index.py). Fires only when `analyze(raw, campaigns=...)` is given an index; without one
nothing changes.

A campaign never seen before that at once speaks for a brand or asks the reader to log in, pay or
verify is how a new attack arrives; a mail whose template has been seen many times is said so,
as information (weight 0): the analyst reads "seen 1,312 times since 3 Nov, campaign C-0042".
"""

from __future__ import annotations

from ..model import Evidence, Finding
from .base import Context
from .registry import rule


@rule("CONTENT_CAMPAIGN_NEW", "CONTENT_CAMPAIGN_SEEN")
def _campaign(ctx: Context) -> list[Finding]:
    if ctx.campaigns is None:
        return []
    seen = ctx.campaigns.lookup(ctx.msg)
    if seen is not None:
        evidence = [Evidence("text", seen.label, "campaign")]
        return [
            ctx.finding(
                "CONTENT_CAMPAIGN_SEEN",
                evidence,
                round(seen.similarity, 2),
                campaign=seen.label,
                count=f"{seen.size:,}",
                since=seen.first_seen.date().isoformat(),
            )
        ]
    if not ctx.brand_claims and not ctx.asks_for_action:
        return []
    subject = ctx.msg.subject or ctx.msg.text[:80]
    return [ctx.finding("CONTENT_CAMPAIGN_NEW", [Evidence("header", subject, "Subject")], 0.6)]
