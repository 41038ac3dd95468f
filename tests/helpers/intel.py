"""One HTTP server on 127.0.0.1 that speaks the three paid lookups' documented APIs, each under its
own prefix, so a test points a provider's base URL at it:

- /vt/api/v3/{files,urls,domains,ip_addresses}/ID: `data.attributes.last_analysis_stats`; errors as
  `{"error": {"code", "message"}}` (https://docs.virustotal.com/reference/errors);
- /urlscan/api/v1/search/?q=..., /urlscan/api/v1/result/UUID/, POST /urlscan/api/v1/scan/
  (https://docs.urlscan.io/apis/urlscan-openapi/search);
- POST /misp/attributes/restSearch: `{"response": {"Attribute": [...]}}`
  (https://www.misp-project.org/openapi/#tag/Attributes/operation/restSearchAttributes).

Answers come from `answers[(service, indicator)]`: a dict (the JSON to send), or one of the
behaviours 'RATELIMIT' (429 with Retry-After), 'ERROR' (500), 'SLOW' (waits `slow_seconds`),
'MALFORMED' (broken JSON), 'FORBIDDEN' (403), 'REDIRECT <url>' (302 there). A request without
the right key is answered 401, and that answer echoes the key it got (as a careless server
might), so a test sees whether the client ever repeats it. `requests` records (method, path,
headers by lower-case name, body) of every request."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .servers import LoopbackHttp, send

VT_KEY = "vt-key-0123456789abcdef-SECRET"
URLSCAN_KEY = "urlscan-key-SECRET-9f8e7d6c"
MISP_KEY = "misp-key-SECRET-a1b2c3d4e5"


def vt_object(malicious: int, suspicious: int = 0, harmless: int = 60, undetected: int = 20) -> dict[str, Any]:
    stats = {"malicious": malicious, "suspicious": suspicious, "harmless": harmless, "undetected": undetected}
    return {"data": {"type": "url", "id": "x", "attributes": {"last_analysis_stats": {**stats, "timeout": 0}}}}


def urlscan_hit(uuid: str, url: str, when: str) -> dict[str, Any]:
    """One entry of the Search API's `results` (newest first on the real service)."""
    host = urlsplit(url).hostname or ""
    return {
        "task": {"visibility": "public", "method": "api", "domain": host, "time": when, "uuid": uuid, "url": url},
        "page": {"domain": host, "url": url, "status": "200"},
        "_id": uuid,
        "sort": [0, uuid],
        "result": f"https://urlscan.io/api/v1/result/{uuid}/",
    }


def urlscan_result(uuid: str, url: str, when: str, malicious: bool, brands: list[str]) -> dict[str, Any]:
    return {
        "task": {"uuid": uuid, "url": url, "time": when, "reportURL": f"https://urlscan.io/result/{uuid}/"},
        "page": {"url": url, "domain": urlsplit(url).hostname},
        "verdicts": {
            "overall": {
                "score": 100 if malicious else 0,
                "categories": ["phishing"] if malicious else [],
                "brands": [{"key": b.lower(), "name": b} for b in brands],
                "tags": [],
                "malicious": malicious,
                "hasVerdicts": True,
            },
            "urlscan": {"score": 100 if malicious else 0, "malicious": malicious},
        },
    }


def misp_attribute(value: str, kind: str, event: int, info: str, level: int, sightings: int, ids: bool = True) -> Any:
    return {
        "id": str(event * 100),
        "event_id": str(event),
        "type": kind,
        "category": "Network activity",
        "to_ids": ids,
        "value": value,
        "Event": {"id": str(event), "info": info, "threat_level_id": str(level), "date": "2026-11-28"},
        "Tag": [{"name": "tlp:amber"}, {"name": 'misp-galaxy:threat-actor="Example"'}],
        "Sighting": [{"id": str(i), "type": "0"} for i in range(sightings)],
    }


class IntelTestServer(LoopbackHttp):
    def __init__(self, answers: dict[tuple[str, str], Any], slow_seconds: float = 6.0) -> None:
        server_self = self
        self.answers = answers
        self.requests: list[tuple[str, str, dict[str, str], Any]] = []
        self.release = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                server_self.requests.append((method, self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                service, key, header = _service(self.path)
                got = self.headers.get(header, "")
                if got != key:
                    echo = json.dumps({"error": {"code": "WrongCredentialsError", "message": f"bad key {got}"}})
                    return self._send(401, echo.encode(), {"X-Echo": got})
                if service == "misp":
                    return self._misp(body)
                answer = server_self.answers.get((service, _indicator(self.path, body)))
                if answer is None:
                    return self._send(404, b'{"error": {"code": "NotFoundError", "message": "not found"}}')
                self._behave(answer)

            def _misp(self, body: Any) -> None:
                values = body.get("value", []) if isinstance(body, dict) else []
                found = [server_self.answers[("misp", v)] for v in values if ("misp", v) in server_self.answers]
                special = [a for a in found if isinstance(a, str)]
                if special:
                    return self._behave(special[0])
                self._send(200, json.dumps({"response": {"Attribute": found}}).encode())

            def _behave(self, answer: Any) -> None:
                if answer == "RATELIMIT":
                    return self._send(429, b'{"error": {"code": "QuotaExceededError"}}', {"Retry-After": "30"})
                if answer == "ERROR":
                    return self._send(500, b"internal error")
                if answer == "FORBIDDEN":
                    return self._send(403, b'{"error": {"code": "ForbiddenError"}}')
                if isinstance(answer, str) and answer.startswith("REDIRECT "):
                    return self._send(302, b"", {"Location": answer.removeprefix("REDIRECT ")})
                if answer == "MALFORMED":
                    return self._send(200, b'{"data": {"attributes": ')
                if answer == "SLOW":
                    server_self.release.wait(slow_seconds)
                    return self._send(200, b"{}")
                self._send(200, json.dumps(answer).encode())

            def _send(self, code: int, body: bytes, extra: dict[str, str] | None = None) -> None:
                send(self, code, body, "application/json", extra)

            def log_message(self, *args: object) -> None:
                pass

        self.serve(Handler)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config(self) -> str:
        """The `[online]` lines that point every provider here (keys come from the environment)."""
        return (
            f'virustotal_url = "{self.base}/vt/api/v3"\n'
            f'urlscan_url = "{self.base}/urlscan/api/v1"\n'
            f'misp_url = "{self.base}/misp"\n'
        )

    def count(self, service: str) -> int:
        return sum(1 for _, path, _, _ in self.requests if path.startswith(f"/{service}/"))

    def __exit__(self, *exc: object) -> None:
        self.release.set()  # a slow answer still waiting ends now
        super().__exit__(*exc)


def _service(path: str) -> tuple[str, str, str]:
    if path.startswith("/vt/"):
        return "vt", VT_KEY, "x-apikey"
    if path.startswith("/urlscan/"):
        return "urlscan", URLSCAN_KEY, "API-Key"
    return "misp", MISP_KEY, "Authorization"


def _indicator(path: str, body: Any) -> str:
    """What a request asks about: the object id of VirusTotal, the query or uuid of urlscan.io."""
    parts = urlsplit(path)
    if parts.path.startswith("/urlscan/api/v1/search"):
        return "search " + parse_qs(parts.query).get("q", [""])[0]
    if parts.path.startswith("/urlscan/api/v1/scan"):
        return "scan " + str(body.get("url") if isinstance(body, dict) else "")
    return unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
