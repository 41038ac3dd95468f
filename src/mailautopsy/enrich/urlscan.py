"""urlscan.io: what existing scans of a link showed, and a new scan only when asked.

Requests (https://docs.urlscan.io/apis/urlscan-openapi/search, key in the `API-Key` header as
https://docs.urlscan.io/pages/api-best-practices asks):
- GET /search/?q=task.url:"URL"&size=10: earlier scans of that exact URL, newest first
  (`results[]` with `task.uuid`, `task.time`, `task.url`, `_id`); when there are none,
  q=task.domain:HOST for scans of the same host;
- GET /result/{uuid}/ for the newest: `verdicts.overall` (`malicious`, `score`, `brands`,
  `categories`, `tags`) and `task.reportURL`; 404 while a scan is still running;
- POST /scan/ `{"url", "visibility"}` only with `--urlscan-submit`, and only for a link that was
  never scanned; visibility `unlisted` unless the config says otherwise
  (https://docs.urlscan.io/guides/quickstart.md). The answer names the new scan's `uuid` and
  `result` page; its verdict comes later, so the submission is reported, never judged.
Rate limits are per action and answered with 429 (https://docs.urlscan.io/pages/api-rate-limits).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from .budget import LookupFailed
from .intel import IntelHit, IntelProvider


def _quoted(value: str) -> str:
    """A value as an Elasticsearch query-string phrase."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class UrlScan(IntelProvider):
    name = "urlscan.io"
    cache_kind = "urlscan"
    base_setting = "urlscan_url"
    kinds = ("url",)

    def _headers(self) -> dict[str, str]:
        return {"API-Key": self.settings.urlscan_key.reveal()}

    def _search(self, query: str, what: str) -> list[dict[str, Any]]:
        data = self.http.call("GET", f"{self.base}/search/?q={quote(query, safe='')}&size=10", what, self._headers())
        results = data.get("results") if isinstance(data, dict) else None
        if data is not None and not isinstance(results, list):
            raise LookupFailed(f"{what}: malformed answer")
        return [r for r in results or [] if isinstance(r, dict)]

    def _ask(self, kind: str, value: str) -> IntelHit:
        what = f"urlscan.io {value}"
        found = self._search(f"task.url:{_quoted(value)}", what)
        scope = "url"
        if not found:
            host = (urlsplit(value).hostname or "").lower()
            found = self._search(f"task.domain:{_quoted(host)}", what) if host else []
            scope = "domain"
        if not found:
            return (
                self._submit(value, what)
                if self.settings.urlscan_submit
                else IntelHit(self.name, kind, value, "unknown")
            )
        newest = max(found, key=lambda r: str(_task(r).get("time", "")))
        uuid = str(_task(newest).get("uuid") or newest.get("_id") or "")
        scanned = str(_task(newest).get("url") or value)
        result = (
            self.http.call("GET", f"{self.base}/result/{quote(uuid, safe='')}/", what, self._headers())
            if uuid
            else None
        )
        overall = _overall(result)
        when = str(_task(newest).get("time", ""))
        link = str(_task(result).get("reportURL") or "") if isinstance(result, dict) else ""
        if overall is None:  # the scan's result is gone or not ready: known, not judged
            return IntelHit(self.name, scope, scanned, "unknown", date=when, link=link)
        malicious = overall.get("malicious") is True
        score = overall.get("score")
        verdict = "malicious" if malicious else "suspicious" if isinstance(score, int) and score > 0 else "clean"
        return IntelHit(
            self.name,
            scope,
            scanned,
            verdict,
            date=when,
            brands=_names(overall.get("brands")),
            tags=_names(overall.get("categories")) + _names(overall.get("tags")),
            link=link,
        )

    def _submit(self, url: str, what: str) -> IntelHit:
        body = {"url": url, "visibility": self.settings.urlscan_visibility}
        data = self.http.call("POST", f"{self.base}/scan/", f"{what} (submission)", self._headers(), body)
        if not isinstance(data, dict) or not data.get("uuid"):
            raise LookupFailed(f"{what} (submission): malformed answer")
        return IntelHit(self.name, "url", url, "submitted", link=str(data.get("result") or ""))


def _task(item: Any) -> dict[str, Any]:
    task = item.get("task") if isinstance(item, dict) else None
    return task if isinstance(task, dict) else {}


def _overall(result: Any) -> dict[str, Any] | None:
    verdicts = result.get("verdicts") if isinstance(result, dict) else None
    overall = verdicts.get("overall") if isinstance(verdicts, dict) else None
    return overall if isinstance(overall, dict) else None


def _names(items: Any) -> tuple[str, ...]:
    """Brands and categories, as strings or as objects with a name or key."""
    out: list[str] = []
    for item in items if isinstance(items, list) else []:
        name = item.get("name") or item.get("key") if isinstance(item, dict) else item
        if isinstance(name, str) and name and name not in out:
            out.append(name[:80])
    return tuple(out[:10])
