"""A MISP instance: which events hold the mail's indicators, with their threat level, tags and
sightings.

One request per message (https://www.misp-project.org/openapi/#tag/Attributes/operation/restSearchAttributes):
POST {MISP_URL}/attributes/restSearch with the key in the `Authorization` header and
`Accept`/`Content-Type: application/json` (the API's "Getting started"), body
`{"returnFormat": "json", "value": [...], "includeEventTags": true, "includeContext": true,
"includeSightings": true, "limit": N}`. The answer is `{"response": {"Attribute": [...]}}`; each
attribute carries `value`, `type`, `to_ids`, `event_id`, `Tag[]` (with event tags), `Sighting[]`
and, with includeContext, its `Event` (`id`, `info`, `date`, `threat_level_id`: 1 high,
2 medium, 3 low, 4 undefined).
"""

from __future__ import annotations

from typing import Any

from .budget import LookupFailed
from .intel import IntelHit, IntelProvider

LEVELS = {"1": "high", "2": "medium", "3": "low", "4": "undefined"}
MAX_ATTRIBUTES = 200


class Misp(IntelProvider):
    name = "MISP"
    cache_kind = "misp"
    base_setting = "misp_url"
    kinds = ("url", "domain", "sha256", "ip")

    def search(self, indicators: list[tuple[str, str]]) -> list[IntelHit]:
        """Every (event, indicator) match; indicators answered from the cache are not sent."""
        out: list[IntelHit] = []
        wanted: dict[str, str] = {}
        for kind, value in indicators:
            cached = self.cache.get(self.cache_kind, f"{self.base}|{value}")
            if cached is self.cache.MISSING:
                wanted.setdefault(value, kind)
            else:
                out.extend(IntelHit.from_cached(h) for h in cached)
        if not wanted:
            return out
        found = self._ask_all(wanted)
        for value in wanted:
            hits = found.get(value, [])
            self.cache.put(self.cache_kind, f"{self.base}|{value}", [h.as_cached() for h in hits])
            out.extend(hits)
        return out

    def _ask_all(self, wanted: dict[str, str]) -> dict[str, list[IntelHit]]:
        what = f"MISP ({len(wanted)} indicators)"
        body = {
            "returnFormat": "json",
            "value": list(wanted),
            "includeEventTags": True,
            "includeContext": True,
            "includeSightings": True,
            "limit": MAX_ATTRIBUTES,
        }
        headers = {"Authorization": self.settings.misp_key.reveal()}
        data = self.http.call("POST", f"{self.base}/attributes/restSearch", what, headers, body)
        response = data.get("response") if isinstance(data, dict) else None
        attributes = response.get("Attribute") if isinstance(response, dict) else None
        if data is not None and not isinstance(attributes, list):
            raise LookupFailed(f"{what}: malformed answer")
        found: dict[str, list[IntelHit]] = {}
        seen: set[tuple[str, str]] = set()
        for attr in attributes or []:
            value = str(attr.get("value", "")) if isinstance(attr, dict) else ""
            if value not in wanted:
                continue
            hit = _hit(self.name, wanted[value], value, attr)
            if (hit.event_id, value) not in seen:
                seen.add((hit.event_id, value))
                found.setdefault(value, []).append(hit)
        return found


def _hit(provider: str, kind: str, value: str, attr: dict[str, Any]) -> IntelHit:
    found = attr.get("Event")
    event: dict[str, Any] = found if isinstance(found, dict) else {}
    tags = [t.get("name") for t in attr.get("Tag") or [] if isinstance(t, dict)]
    tags += [t.get("name") for t in event.get("Tag") or [] if isinstance(t, dict)]
    sightings = attr.get("Sighting")
    to_ids = attr.get("to_ids")
    return IntelHit(
        provider,
        kind,
        value,
        "malicious" if to_ids in (True, 1, "1", "true") else "suspicious",
        date=str(event.get("date", "")),
        tags=tuple(dict.fromkeys(str(t)[:80] for t in tags if t))[:10],
        event_id=str(event.get("id") or attr.get("event_id") or ""),
        event_info=str(event.get("info", ""))[:200],
        threat_level=LEVELS.get(str(event.get("threat_level_id", "")), ""),
        sightings=len(sightings) if isinstance(sightings, list) else 0,
        to_ids=to_ids in (True, 1, "1", "true"),
    )
