"""VirusTotal API v3: what the engines said of an attachment's hash, a link, a domain or an IP.

Requests (https://docs.virustotal.com/reference/overview), key in the `x-apikey` header:
- GET /files/{sha256} (https://docs.virustotal.com/docs/files: a file object's id is its SHA-256);
- GET /urls/{id}, the id being the URL in unpadded URL-safe base64 (RFC 4648 §3.2;
  https://docs.virustotal.com/reference/url-info and its "URL identifiers" section);
- GET /domains/{domain}, GET /ip_addresses/{ip}.
Each answers `data.attributes.last_analysis_stats`: counts of engines by category (malicious,
suspicious, harmless, undetected, timeout ...). Errors are JSON `{"error": {"code", "message"}}`
with the HTTP code (https://docs.virustotal.com/reference/errors): 404 NotFoundError (not known),
401 WrongCredentialsError / AuthenticationRequiredError, 429 QuotaExceededError.
Nothing is uploaded: a file VirusTotal does not know stays unknown.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from .budget import LookupFailed
from .intel import IntelHit, IntelProvider

_PATHS = {"sha256": "files", "url": "urls", "domain": "domains", "ip": "ip_addresses"}


def url_id(url: str) -> str:
    """The URL identifier VirusTotal accepts in place of its SHA-256: unpadded URL-safe base64."""
    return base64.urlsafe_b64encode(url.encode("utf-8")).decode("ascii").rstrip("=")


class VirusTotal(IntelProvider):
    name = "VirusTotal"
    cache_kind = "virustotal"
    base_setting = "virustotal_url"
    kinds = ("sha256", "url", "domain", "ip")

    def _ask(self, kind: str, value: str) -> IntelHit:
        ident = url_id(value) if kind == "url" else quote(value, safe="")
        what = f"VirusTotal {kind} {value}"
        data = self.http.call(
            "GET",
            f"{self.base}/{_PATHS[kind]}/{ident}",
            what,
            {"x-apikey": self.settings.virustotal_key.reveal()},
        )
        if data is None:
            return IntelHit(self.name, kind, value, "unknown")
        stats = _stats(data)
        if stats is None:
            raise LookupFailed(f"{what}: malformed answer")
        malicious, suspicious = stats.get("malicious", 0), stats.get("suspicious", 0)
        engines = sum(stats.values())
        verdict = "malicious" if malicious else "suspicious" if suspicious else "clean" if engines else "unknown"
        return IntelHit(self.name, kind, value, verdict, malicious, suspicious, engines)


def _stats(data: Any) -> dict[str, int] | None:
    inner = data.get("data") if isinstance(data, dict) else None
    attributes = inner.get("attributes") if isinstance(inner, dict) else None
    if not isinstance(attributes, dict):
        return None
    stats = attributes.get("last_analysis_stats", {})
    if not isinstance(stats, dict):
        return None
    return {str(k): int(v) for k, v in stats.items() if isinstance(v, int) and not isinstance(v, bool) and v >= 0}
