"""The campaign index: which earlier mails a new one was sent with.

Each mail's skeleton signature (skeleton.py) is cut into `BANDS` bands of `ROWS` MinHash values;
mails that agree on a whole band are candidates (locality-sensitive hashing, the banding of
datasketch's MinHashLSH, with its parameters for our threshold). The best candidate whose
estimated Jaccard similarity reaches `THRESHOLD` gives the mail its campaign; with none, the
mail opens a new one (C-0001, C-0002 …). The index grows one mail at a time.

Where the bands live is a `Storage`: `MemoryStorage` here, and store/campaigns.py's database
tables (band keys in an indexed column, so a lookup reads the few rows that share a band key,
never every signature). Only a campaign's *representatives* are banded: a mail within
`REPRESENTED` of its best match adds nothing to the bands, so a campaign of a thousand copies of
one template costs a handful of rows.

`CampaignHistory` is what the checks ask (checks/campaign.py): is this mail part of a known
campaign? `analyze(raw, campaigns=index)` passes it on; the caller then `add()`s the mail.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from ..model import Message
from .skeleton import Skeleton, skeleton

THRESHOLD = 0.44
"""Estimated Jaccard similarity of skeletons from which a mail joins a campaign: the lowest
threshold whose grouping precision on the tuning half of the labelled pairs reaches 95 %, checked
on the held-out half (`python -m mailautopsy.bench campaigns`, docs/campaigns.md)."""
TINY_THRESHOLD = 0.8
"""A skeleton with almost no text (`Skeleton.tiny`) joins only a near-identical one."""
REPRESENTED = 0.9
"""A mail this close to its best match is represented by it: it adds no band rows."""
BANDS, ROWS = 42, 3
"""LSH banding of 126 of the 128 MinHash values: a pair at similarity 0.44 is a candidate with
probability 1-(1-0.44^3)^42 = 0.98, at 0.5 with 0.996; at 0.2 with 0.29, at 0.1 with 0.04 (a
candidate below the threshold costs one comparison, never a wrong join)."""
CANDIDATES = 50
"""At most this many candidates (the ones sharing the most bands) are compared."""
TOP = 20
"""Counters (brands, sender and link domains, verdicts) keep their most frequent entries."""


def label(campaign_id: int) -> str:
    """A campaign's name: C-0042."""
    return f"C-{campaign_id:04d}"


def band_keys(sig: NDArray[np.uint64]) -> list[int]:
    """One signed 64-bit key per band (the band's number is hashed in, so one indexed column
    holds all bands)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def to_bytes(sig: NDArray[np.uint64]) -> bytes:
    return sig.astype("<u4").tobytes()  # the values are 32-bit hashes


def from_bytes(data: bytes) -> NDArray[np.uint64]:
    return np.frombuffer(data, dtype="<u4").astype(np.uint64)


@dataclass(frozen=True, slots=True)
class CampaignRecord:
    """What is known of a mail's campaign when it is looked up or added."""

    id: int
    size: int
    """Mails in the campaign (before this one, on a lookup)."""
    first_seen: datetime
    last_seen: datetime
    similarity: float
    """The estimated similarity to the closest member (1.0 for the mail that opened it)."""
    new: bool = False
    """The mail opened this campaign (add() only)."""

    @property
    def label(self) -> str:
        return label(self.id)


class CampaignHistory(Protocol):
    """The hook of the "new or seen before" checks (checks/campaign.py)."""

    def lookup(self, msg: Message) -> CampaignRecord | None:
        """The known campaign `msg` belongs to, or None when it would open a new one."""
        ...


@dataclass(frozen=True, slots=True)
class Member:
    """One mail as the index keeps it: no content, only what a campaign's summary shows."""

    sha256: str
    seen_at: datetime
    verdict: str = ""
    brand: str = ""
    sender_domain: str = ""
    link_domains: tuple[str, ...] = ()


@dataclass
class Campaign:
    """A campaign's running summary."""

    id: int
    size: int
    first_seen: datetime
    last_seen: datetime
    sample: str
    """sha256 of the mail that opened it."""
    subject: str
    """The subject template of that mail."""
    brands: Counter[str] = field(default_factory=Counter)
    sender_domains: Counter[str] = field(default_factory=Counter)
    link_domains: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)
    per_day: Counter[date] = field(default_factory=Counter)
    """Mails per day (filled by `summaries()` for the timeline)."""

    @property
    def label(self) -> str:
        return label(self.id)

    def absorb(self, member: Member) -> None:
        self.size += 1
        self.first_seen = min(self.first_seen, member.seen_at)
        self.last_seen = max(self.last_seen, member.seen_at)
        for counter, values in (
            (self.brands, [member.brand]),
            (self.sender_domains, [member.sender_domain]),
            (self.link_domains, list(member.link_domains)),
            (self.verdicts, [member.verdict]),
        ):
            counter.update(v for v in values if v)
            if len(counter) > TOP:
                for key, _ in counter.most_common()[TOP:]:
                    del counter[key]

    def record(self, similarity: float, new: bool = False) -> CampaignRecord:
        return CampaignRecord(self.id, self.size, self.first_seen, self.last_seen, similarity, new)


@dataclass(frozen=True, slots=True)
class Candidate:
    sha256: str
    campaign_id: int
    signature: NDArray[np.uint64]
    tiny: bool


class Storage(Protocol):
    """Where the index keeps campaigns, members and band keys (memory or database)."""

    def member_campaign(self, sha256: str) -> int | None: ...

    def candidates(self, keys: list[int], limit: int) -> list[Candidate]: ...

    def campaign(self, campaign_id: int) -> Campaign: ...

    def create_campaign(self, member: Member, subject: str) -> Campaign: ...

    def add_member(self, campaign: Campaign, member: Member, similarity: float) -> None:
        """Record `member` in `campaign` (already absorbed) and save the campaign's summary."""
        ...

    def add_representative(self, candidate: Candidate, keys: list[int]) -> None: ...

    def summaries(self, since: datetime | None = None, limit: int | None = None) -> list[Campaign]:
        """Campaigns seen since `since`, largest first, with `per_day` filled."""
        ...


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def compact(sk: Skeleton) -> Skeleton:
    """The skeleton without its feature hashes: what `add_skeleton` reads (the signature, the
    subject template, the size of its text), small enough to travel from a worker process."""
    return replace(sk, features=sk.features[:0])


def member_of(sha256: str, msg: Message, verdict: str = "", brand: str = "", seen_at: datetime | None = None) -> Member:
    """A Member from a parsed message: seen at `seen_at`, else at its Date (when not in the
    future), else now."""
    now = datetime.now(UTC)
    when = seen_at or (msg.date if msg.date is not None and _aware(msg.date) <= now else None) or now
    sender = msg.from_[0].registrable if msg.from_ else ""
    links = tuple(dict.fromkeys(link.registrable for link in msg.links if link.registrable))[:5]
    return Member(sha256, _aware(when), verdict, brand, sender, links)


class CampaignIndex:
    """Assign mails to campaigns, one at a time (see the module's docstring)."""

    def __init__(self, storage: Storage, threshold: float = THRESHOLD) -> None:
        self.storage = storage
        self.threshold = threshold
        self._last: tuple[Message, Skeleton] | None = None

    def skeleton(self, msg: Message) -> Skeleton:
        """The skeleton of `msg`, computed once for a lookup and the add that follows it."""
        if self._last is None or self._last[0] is not msg:
            self._last = (msg, skeleton(msg))
        return self._last[1]

    def _best(self, sk: Skeleton, keys: list[int]) -> tuple[Candidate, float] | None:
        best: tuple[Candidate, float] | None = None
        for cand in self.storage.candidates(keys, CANDIDATES):
            sim = sk.similarity(cand.signature)
            needed = TINY_THRESHOLD if sk.tiny or cand.tiny else self.threshold
            if sim >= needed and (best is None or sim > best[1]):
                best = (cand, sim)
        return best

    def lookup(self, msg: Message) -> CampaignRecord | None:
        sk = self.skeleton(msg)
        best = self._best(sk, band_keys(sk.signature))
        if best is None:
            return None
        return self.storage.campaign(best[0].campaign_id).record(best[1])

    def add(self, member: Member, msg: Message) -> CampaignRecord:
        """Put the mail `member` (parsed as `msg`) in its campaign, opening one if none is close
        enough. Adding a mail already in the index changes nothing."""
        known = self.storage.member_campaign(member.sha256)
        if known is not None:
            return self.storage.campaign(known).record(1.0)
        return self.add_skeleton(member, self.skeleton(msg))

    def add_skeleton(self, member: Member, sk: Skeleton) -> CampaignRecord:
        """`add` with the skeleton computed elsewhere (a scan's worker process: `compact`)."""
        known = self.storage.member_campaign(member.sha256)
        if known is not None:
            return self.storage.campaign(known).record(1.0)
        keys = band_keys(sk.signature)
        best = self._best(sk, keys)
        if best is None:
            campaign = self.storage.create_campaign(member, sk.subject)
            similarity, new = 1.0, True
        else:
            campaign = self.storage.campaign(best[0].campaign_id)
            campaign.absorb(member)
            similarity, new = best[1], False
        self.storage.add_member(campaign, member, similarity)
        if similarity < REPRESENTED or new:
            self.storage.add_representative(Candidate(member.sha256, campaign.id, sk.signature, sk.tiny), keys)
        return campaign.record(similarity, new)


class MemoryStorage:
    """The index in memory: for tests, the benchmark and a scan without a store."""

    def __init__(self) -> None:
        self._campaigns: dict[int, Campaign] = {}
        self._members: dict[str, tuple[int, Member]] = {}
        self._bands: dict[int, list[str]] = {}
        self._reps: dict[str, Candidate] = {}

    def member_campaign(self, sha256: str) -> int | None:
        found = self._members.get(sha256)
        return found[0] if found else None

    def candidates(self, keys: list[int], limit: int) -> list[Candidate]:
        hits: Counter[str] = Counter()
        for key in keys:
            hits.update(self._bands.get(key, ()))
        return [self._reps[sha] for sha, _ in hits.most_common(limit)]

    def campaign(self, campaign_id: int) -> Campaign:
        return self._campaigns[campaign_id]

    def create_campaign(self, member: Member, subject: str) -> Campaign:
        campaign = Campaign(len(self._campaigns) + 1, 0, member.seen_at, member.seen_at, member.sha256, subject)
        campaign.absorb(member)
        self._campaigns[campaign.id] = campaign
        return campaign

    def add_member(self, campaign: Campaign, member: Member, similarity: float) -> None:
        self._members[member.sha256] = (campaign.id, member)

    def add_representative(self, candidate: Candidate, keys: list[int]) -> None:
        self._reps[candidate.sha256] = candidate
        for key in keys:
            self._bands.setdefault(key, []).append(candidate.sha256)

    def summaries(self, since: datetime | None = None, limit: int | None = None) -> list[Campaign]:
        chosen = [c for c in self._campaigns.values() if since is None or c.last_seen >= since]
        chosen.sort(key=lambda c: (-c.size, c.id))
        chosen = chosen[:limit] if limit else chosen
        wanted = {c.id: c for c in chosen}
        for campaign in chosen:
            campaign.per_day = Counter()
        for campaign_id, member in self._members.values():
            if campaign_id in wanted and (since is None or member.seen_at >= since):
                wanted[campaign_id].per_day[member.seen_at.date()] += 1
        return chosen

    def campaign_of(self, sha256: str) -> int | None:
        return self.member_campaign(sha256)


def memory_index(threshold: float = THRESHOLD) -> CampaignIndex:
    return CampaignIndex(MemoryStorage(), threshold)
