"""Campaigns: near-duplicate mails grouped by the MinHash of a normalised skeleton (skeleton.py)
with locality-sensitive hashing (index.py). Below the checks, so that a check can ask whether a
mail belongs to a known campaign (`CampaignHistory`); the database storage is store/campaigns.py."""

from .index import (
    THRESHOLD,
    Campaign,
    CampaignHistory,
    CampaignIndex,
    CampaignRecord,
    Member,
    MemoryStorage,
    compact,
    label,
    member_of,
    memory_index,
)
from .skeleton import Skeleton

__all__ = [
    "THRESHOLD",
    "Campaign",
    "CampaignHistory",
    "CampaignIndex",
    "CampaignRecord",
    "Member",
    "MemoryStorage",
    "Skeleton",
    "compact",
    "label",
    "member_of",
    "memory_index",
]
