"""Lookups analysts already pay for: VirusTotal, urlscan.io and a MISP instance.

Each is a provider behind one interface (`IntelProvider`), with the message's time budget, the
lookup timeout and the cache every other lookup uses. Opt-in twice: only with `--online`, and only
for a provider whose key is set (environment or the config file's `[online]` table); a provider
without a key does nothing and sends nothing.

Keys travel in request headers only. They are held in `Secret` (whose repr and str are masked),
never put in a URL, a log record, an exception message, a result, the cache or a database row;
every message a failure records is passed through `Secret.redact` as well, in case a server echoes
the key back. A lookup that fails, is refused or is rate limited is recorded in `skipped` as
'what: reason' and is "unknown", never evidence.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .budget import Budget, LookupFailed, ServerHealth
from .cache import Cache

MAX_BYTES = 4_000_000
"""A urlscan.io result can run to megabytes (every request the page made); beyond this: skipped."""
UNKNOWN_TTL = 6 * 3600
"""Seconds 'not known to the provider' stays cached (it may learn of it soon)."""
DEFAULT_PAUSE = 60.0
"""Seconds a provider rests after a 429 that named no Retry-After."""


@dataclass(frozen=True, repr=False)
class Secret:
    """An API key: its repr and str are masked, so printing options, an exception or a log
    record that holds one never shows it. `reveal()` is for the request header only."""

    _value: str = ""

    def reveal(self) -> str:
        return self._value

    def redact(self, text: str) -> str:
        """`text` with the key masked, also as a str or bytes repr would quote it."""
        if not self._value:
            return text
        forms = {self._value, repr(self._value)[1:-1], repr(self._value.encode("utf-8", "replace"))[2:-1]}
        for form in sorted(forms, key=len, reverse=True):
            text = text.replace(form, "***")
        return text

    @property
    def sendable(self) -> bool:
        """No control character (a header value with a line break would be refused, or worse, split)."""
        return bool(self._value) and not any(ord(c) < 32 or ord(c) == 127 for c in self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True)
class IntelSettings:
    """Keys and addresses of the paid lookups (docs/online.md). Base URLs are configurable so
    that a proxy, a private instance or a test server on loopback can stand in."""

    virustotal_key: Secret = Secret()
    virustotal_url: str = "https://www.virustotal.com/api/v3"
    urlscan_key: Secret = Secret()
    urlscan_url: str = "https://urlscan.io/api/v1"
    urlscan_submit: bool = False
    """Submit a link urlscan.io has never scanned (only with `--urlscan-submit`)."""
    urlscan_visibility: str = "unlisted"
    misp_url: str = ""
    misp_key: Secret = Secret()
    max_lookups: int = 5
    """Indicators of one kind one provider is asked about per message (quota is money)."""

    @property
    def any(self) -> bool:
        return bool(self.virustotal_key or self.urlscan_key or (self.misp_key and self.misp_url))

    def secrets(self) -> tuple[Secret, ...]:
        return tuple(s for s in (self.virustotal_key, self.urlscan_key, self.misp_key) if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets():
            text = secret.redact(text)
        return text


ENVIRONMENT = {
    "virustotal_key": ("VT_API_KEY", "VIRUSTOTAL_API_KEY"),
    "urlscan_key": ("URLSCAN_API_KEY",),
    "misp_url": ("MISP_URL",),
    "misp_key": ("MISP_KEY", "MISP_API_KEY"),
}
"""Where keys come from in the environment (which wins over the config file)."""
VISIBILITIES = ("public", "unlisted", "private")


def intel_settings(
    conf: Mapping[str, Any], env: Mapping[str, str] | None = None, submit: bool = False
) -> IntelSettings:
    """The paid lookups' settings from the environment and the config's `[online]` table."""
    environ = os.environ if env is None else env

    def pick(name: str) -> str:
        for var in ENVIRONMENT.get(name, ()):
            if environ.get(var, "").strip():
                return environ[var].strip()
        return str(conf.get(name) or "").strip()

    base = IntelSettings()
    visibility = str(conf.get("urlscan_visibility") or base.urlscan_visibility)
    if visibility not in VISIBILITIES:
        raise ValueError(f"urlscan_visibility must be one of {', '.join(VISIBILITIES)} (got {visibility!r})")
    return IntelSettings(
        virustotal_key=Secret(pick("virustotal_key")),
        virustotal_url=str(conf.get("virustotal_url") or base.virustotal_url).rstrip("/"),
        urlscan_key=Secret(pick("urlscan_key")),
        urlscan_url=str(conf.get("urlscan_url") or base.urlscan_url).rstrip("/"),
        urlscan_submit=submit,
        urlscan_visibility=visibility,
        misp_url=pick("misp_url").rstrip("/"),
        misp_key=Secret(pick("misp_key")),
        max_lookups=int(conf.get("intel_max_lookups") or base.max_lookups),
    )


@dataclass(frozen=True)
class IntelHit:
    """What one provider said of one indicator."""

    provider: str
    """VirusTotal | urlscan.io | MISP"""
    kind: str
    """url | domain | sha256 | ip"""
    indicator: str
    verdict: str
    """malicious | suspicious | clean | unknown (not known to the provider) | submitted"""
    malicious: int = 0
    suspicious: int = 0
    engines: int = 0
    """VirusTotal: engines that flagged it as malicious / suspicious, and all that answered."""
    date: str = ""
    """urlscan.io: when the scan ran; MISP: the event's date."""
    brands: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    event_id: str = ""
    event_info: str = ""
    threat_level: str = ""
    """MISP: high | medium | low | undefined"""
    sightings: int = 0
    to_ids: bool = False
    """MISP: the attribute is marked for detection (an IDS indicator), not context."""
    link: str = ""
    """The provider's page for it (urlscan.io report), when it names one."""

    def as_cached(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}

    @classmethod
    def from_cached(cls, data: Mapping[str, Any]) -> IntelHit:
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        return cls(**values)


class Http:
    """JSON over HTTP(S) for one provider, bounded by the message's budget. 404 answers None;
    429 pauses the provider for the run (Retry-After, else a minute); 401/403 refuse it for the
    run; everything else that is not JSON is `LookupFailed`. No message carries a key."""

    def __init__(self, name: str, budget: Budget, timeout: float, health: ServerHealth, secret: Secret) -> None:
        self.name = name
        self.budget = budget
        self.timeout = timeout
        self.health = health
        self.secret = secret
        self.requests = 0
        self.timed_out = False
        """A request of this message timed out: the others would most likely wait as long."""

    def ready(self) -> None:
        """Raise `LookupFailed` when the provider is refused or resting for this run."""
        if self.health.is_refused(self.name):
            raise LookupFailed(f"{self.name}: skipped, the API key was refused earlier in this run")
        rest = self.health.paused_for(self.name)
        if rest > 0:
            raise LookupFailed(f"{self.name}: skipped, rate limited for another {rest:.0f} s")

    def stopped(self) -> bool:
        """Refused, resting after a 429, slow, or out of time: asking on would only fail again."""
        return (
            self.timed_out
            or self.health.is_refused(self.name)
            or self.health.paused_for(self.name) > 0
            or self.budget.remaining() <= 0.05
        )

    def call(self, method: str, url: str, what: str, headers: dict[str, str], body: Any = None) -> Any:
        self.ready()
        if not self.secret.sendable:
            self.health.refuse(self.name)
            raise LookupFailed(f"{self.name}: the API key holds a control character; not sent, no {self.name} lookups")
        timeout = self.budget.allow(self.timeout, what)
        data = json.dumps(body).encode() if body is not None else None
        head = {"Accept": "application/json", "User-Agent": "mailautopsy", **headers}
        if data is not None:
            head["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, method=method, headers=head)
        self.requests += 1
        try:
            with _OPENER.open(request, timeout=timeout) as response:
                raw = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            return self._refused(exc, what)
        except TimeoutError:
            self.timed_out = True
            raise LookupFailed(f"{what}: timeout after {timeout:.0f} s") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = str(getattr(exc, "reason", exc))
            self.timed_out = self.timed_out or "timed out" in reason
            raise LookupFailed(
                self.secret.redact(f"{what}: {'timeout' if 'timed out' in reason else reason}")
            ) from None
        if len(raw) > MAX_BYTES:
            raise LookupFailed(f"{what}: answer larger than {MAX_BYTES} bytes")
        try:
            return json.loads(raw)
        except ValueError:
            raise LookupFailed(f"{what}: malformed JSON") from None

    def _refused(self, exc: urllib.error.HTTPError, what: str) -> None:
        code = exc.code
        if code == 404:
            return None
        if code == 429:
            after = _retry_after(exc.headers.get("Retry-After", "") if exc.headers else "")
            self.health.pause(self.name, after)
            raise LookupFailed(f"{what}: HTTP 429 (rate limited)") from None
        if code in (401, 403):
            self.health.refuse(self.name)
            raise LookupFailed(
                f"{self.name}: the API key was refused (HTTP {code}); no {self.name} lookups for the rest of this run"
            ) from None
        raise LookupFailed(f"{what}: HTTP {code}") from None


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """urllib repeats every request header on a redirect, the key among them: follow a redirect
    only to the same scheme, host and port; any other becomes the HTTP error it was."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if _origin(newurl) != _origin(req.full_url):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", "", None


_OPENER = urllib.request.build_opener(_SameOrigin)


def _retry_after(value: str) -> float:
    try:
        return max(1.0, min(float(value.strip()), 3600.0))
    except ValueError:
        return DEFAULT_PAUSE


class IntelProvider:
    """One paid lookup service. Subclasses set `name`, `cache_kind` and implement `_ask`."""

    name = ""
    cache_kind = ""
    base_setting = ""
    """The `IntelSettings` field holding the provider's base URL."""
    kinds: tuple[str, ...] = ()

    def __init__(self, settings: IntelSettings, cache: Cache, http: Http) -> None:
        self.settings = settings
        self.cache = cache
        self.http = http

    @property
    def base(self) -> str:
        return str(getattr(self.settings, self.base_setting))

    def lookup(self, kind: str, value: str) -> IntelHit:
        """The provider's word on one indicator, from the cache when it is fresh."""
        key = f"{self.base}|{kind}|{value}"
        cached = self.cache.get(self.cache_kind, key)
        if cached is not Cache.MISSING:
            return IntelHit.from_cached(cached)
        hit = self._ask(kind, value)
        if hit.verdict != "submitted":  # a new scan's verdict comes later: ask again next time
            self.cache.put(self.cache_kind, key, hit.as_cached(), None if hit.verdict != "unknown" else UNKNOWN_TTL)
        return hit

    def _ask(self, kind: str, value: str) -> IntelHit:
        raise NotImplementedError
