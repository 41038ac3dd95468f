"""The `[milter]` section of the milter's TOML configuration.

```toml
[milter]
listen = "inet:127.0.0.1:8891"
language = "en"                 # en | ja | auto (ja when the subject is Japanese)
authserv_ids = ["mx.example.jp"] # Authentication-Results written by this host (or its OpenDKIM/OpenDMARC)
timeout_seconds = 10            # analysis budget per message
max_message_bytes = 10485760    # larger mail passes untouched, with X-Mailautopsy-Verdict: unknown
on_failure = "accept"           # accept | tempfail  (timeout, error, overload)
tempfail_reply = "451 4.7.1 Message could not be checked, please try again later"
metrics = "127.0.0.1:9891"      # Prometheus endpoint on loopback; "" turns it off
workers = 2                     # analyses run at once; more messages wait for a free worker
knowledge = ""                  # the analysis' own TOML (brands, trusted domains), as `analyze --config`
online = false                  # DNS/RDAP/feed lookups per message (with the cache)
online_budget = 3.0             # seconds all lookups of one message may take (< timeout_seconds)
online_resolver = ""            # DNS server HOST[:PORT]; "" the system's
online_cache = ""               # lookup cache file; "" the default
report_url = ""                 # web app base URL: mail with report_verdicts is stored there, linked in
report_token_file = ""          #   X-Mailautopsy-Report (API token of the web app, or report_token = "...")
report_verdicts = ["phishing", "suspicious"]
report_timeout = 3.0            # seconds for the upload; on failure no link, a log line

[milter.phishing]               # per verdict: phishing | suspicious | spam | clean
stamp = true
action = "hold"                 # accept | hold | reject
[milter.suspicious]
stamp = true
action = "accept"

[milter.reject]
reply = "550 5.7.1 Message rejected as phishing"

[milter.stamps.ja]
phishing = "【フィッシング注意】"
suspicious = "【要注意】"

[milter.allow]
senders = ["alerts@bank.example"]
domains = ["partner.example"]

[milter.domains."example.jp"]   # per recipient domain: language and per-verdict overrides
language = "ja"
phishing = { stamp = true, action = "reject" }
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..parse.domains import parent_domains

VERDICTS = ("phishing", "suspicious", "spam", "clean")
ACTIONS = ("accept", "hold", "reject")
LANGUAGES = ("en", "ja", "auto")
_STRICTNESS = {"accept": 0, "hold": 1, "reject": 2}

DEFAULT_STAMPS = {
    "en": {"phishing": "[phishing]", "suspicious": "[suspicious]", "spam": "[spam]"},
    "ja": {"phishing": "【フィッシング注意】", "suspicious": "【要注意】", "spam": "【迷惑メール】"},
}
"""Stamps per language and verdict. Spam is not stamped unless `[milter.spam] stamp = true`."""


@dataclass(frozen=True)
class VerdictPolicy:
    stamp: bool = False
    action: str = "accept"


DEFAULT_VERDICTS = {
    "phishing": VerdictPolicy(stamp=True, action="accept"),
    "suspicious": VerdictPolicy(stamp=True, action="accept"),
    "spam": VerdictPolicy(),
    "clean": VerdictPolicy(),
}


@dataclass(frozen=True)
class DomainPolicy:
    language: str | None = None
    verdicts: dict[str, VerdictPolicy] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """What to do with one message, all recipient domains combined."""

    stamp: bool
    action: str
    language: str


@dataclass(frozen=True)
class MilterConfig:
    listen: str = "inet:127.0.0.1:8891"
    language: str = "en"
    authserv_ids: tuple[str, ...] = ()
    timeout_seconds: float = 10.0
    max_message_bytes: int = 10 * 1024 * 1024
    on_failure: str = "accept"
    tempfail_reply: str = "451 4.7.1 Message could not be checked, please try again later"
    reject_reply: str = "550 5.7.1 Message rejected as phishing"
    metrics: str = "127.0.0.1:9891"
    workers: int = 2
    knowledge: Path | None = None
    online: bool = False
    """Online investigation (DNS, RDAP, feeds) per message, bounded by `online_budget`."""
    online_budget: float = 3.0
    """Seconds all lookups of one message may take together; less than `timeout_seconds`."""
    online_resolver: str | None = None
    online_cache: Path | None = None
    """The lookup cache (SQLite); None: the default cache file."""
    report_url: str = ""
    """The web app's base URL: mail with these verdicts is stored there and linked in a header."""
    report_token: str = ""
    """An API token of the web app (`mailautopsy token create`), or read from `report_token_file`."""
    report_verdicts: tuple[str, ...] = ("phishing", "suspicious")
    report_timeout: float = 3.0
    verdicts: dict[str, VerdictPolicy] = field(default_factory=lambda: dict(DEFAULT_VERDICTS))
    stamps: dict[str, dict[str, str]] = field(default_factory=lambda: {k: dict(v) for k, v in DEFAULT_STAMPS.items()})
    allow_senders: frozenset[str] = frozenset()
    allow_domains: frozenset[str] = frozenset()
    domains: dict[str, DomainPolicy] = field(default_factory=dict)

    def stamps_of(self, verdict: str) -> list[str]:
        """This verdict's stamp in every language: one of them already in the subject means no new stamp."""
        return [table[verdict] for table in self.stamps.values() if table.get(verdict)]

    def stamp_for(self, verdict: str, language: str) -> str:
        return self.stamps.get(language, {}).get(verdict) or self.stamps.get("en", {}).get(verdict, "")

    def allowed(self, *addresses: str) -> bool:
        """True when every given address is allow-listed (by itself or its domain or a parent domain)."""
        given = [a.lower() for a in addresses if a]
        return bool(given) and all(self._allowed_one(a) for a in given)

    def _allowed_one(self, address: str) -> bool:
        if address in self.allow_senders:
            return True
        domain = address.rpartition("@")[2]
        return any(parent in self.allow_domains for parent in parent_domains(domain))

    def decide(self, verdict: str, recipients: list[str]) -> Decision:
        """The strictest action and any stamp asked for by the recipients' domain policies."""
        stamp, action, language = False, "accept", ""
        domains = [r.rpartition("@")[2].lower() for r in recipients] or [""]
        for domain in domains:
            policy = self._domain_policy(domain)
            vp = (policy.verdicts if policy else {}).get(verdict) or self.verdicts.get(verdict, VerdictPolicy())
            stamp = stamp or vp.stamp
            if _STRICTNESS[vp.action] > _STRICTNESS[action]:
                action = vp.action
            if not language and policy and policy.language:
                language = policy.language
        return Decision(stamp, action, language or self.language)

    def _domain_policy(self, domain: str) -> DomainPolicy | None:
        for parent in parent_domains(domain):
            policy = self.domains.get(parent)
            if policy is not None:
                return policy
        return None


def _verdict_policy(where: str, raw: Any, base: VerdictPolicy) -> VerdictPolicy:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a table")
    unknown = set(raw) - {"stamp", "action"}
    if unknown:
        raise InputError(f"{where}: unknown keys {sorted(unknown)}")
    action = raw.get("action", base.action)
    if action not in ACTIONS:
        raise InputError(f"{where}.action: {action!r} is not one of {ACTIONS}")
    return VerdictPolicy(stamp=bool(raw.get("stamp", base.stamp)), action=action)


def _reply(where: str, value: Any, first: str) -> str:
    text = str(value).strip()
    if len(text) < 4 or not text[:3].isdigit() or text[0] != first or "\n" in text or "\r" in text:
        raise InputError(f"{where}: {text!r} is not a one-line {first}xx SMTP reply")
    return text


_TOP_KEYS = {
    "listen",
    "language",
    "authserv_ids",
    "timeout_seconds",
    "max_message_bytes",
    "on_failure",
    "tempfail_reply",
    "metrics",
    "workers",
    "knowledge",
    "online",
    "online_budget",
    "online_resolver",
    "online_cache",
    "report_url",
    "report_token",
    "report_token_file",
    "report_verdicts",
    "report_timeout",
    "reject",
    "stamps",
    "allow",
    "domains",
    *VERDICTS,
}


def parse(data: dict[str, Any], base_dir: Path | None = None) -> MilterConfig:
    """Build the configuration from the parsed TOML document (its `[milter]` table)."""
    m = data.get("milter", {})
    if not isinstance(m, dict):
        raise InputError("[milter] must be a table")
    unknown = set(m) - _TOP_KEYS
    if unknown:
        raise InputError(f"[milter]: unknown keys {sorted(unknown)}")
    cfg = MilterConfig()
    changes = _service_changes(m, cfg, base_dir)
    changes.update(_online_changes(m, cfg, base_dir, changes["timeout_seconds"]))
    if m.get("report_url"):
        changes.update(_report_changes(m, cfg, base_dir, changes["timeout_seconds"]))
    changes.update(_policy_changes(m))
    return replace(cfg, **changes)


def _path(value: Any, base_dir: Path | None) -> Path:
    """A path from the file: relative ones are relative to the configuration file's directory."""
    path = Path(str(value))
    return path if path.is_absolute() or base_dir is None else base_dir / path


def _service_changes(m: dict[str, Any], cfg: MilterConfig, base_dir: Path | None) -> dict[str, Any]:
    """Listening, replies, language, failure handling, limits and the analysis' knowledge file."""
    changes: dict[str, Any] = {}
    for key in ("listen", "tempfail_reply", "metrics"):
        if key in m:
            changes[key] = str(m[key])
    if "tempfail_reply" in changes:
        changes["tempfail_reply"] = _reply("[milter] tempfail_reply", changes["tempfail_reply"], "4")
    if "reject" in m:
        changes["reject_reply"] = _reply("[milter.reject] reply", m["reject"].get("reply", cfg.reject_reply), "5")
    language = m.get("language", cfg.language)
    if language not in LANGUAGES:
        raise InputError(f"[milter] language: {language!r} is not one of {LANGUAGES}")
    changes["language"] = language
    on_failure = m.get("on_failure", cfg.on_failure)
    if on_failure not in ("accept", "tempfail"):
        raise InputError(f"[milter] on_failure: {on_failure!r} is not accept or tempfail")
    changes["on_failure"] = on_failure
    ids = m.get("authserv_ids", [])
    changes["authserv_ids"] = tuple(str(i).lower() for i in ([ids] if isinstance(ids, str) else ids))
    try:
        changes["timeout_seconds"] = float(m.get("timeout_seconds", cfg.timeout_seconds))
        changes["max_message_bytes"] = int(m.get("max_message_bytes", cfg.max_message_bytes))
        changes["workers"] = max(1, int(m.get("workers", cfg.workers)))
    except (TypeError, ValueError) as exc:
        raise InputError(f"[milter]: {exc}") from exc
    if changes["timeout_seconds"] <= 0 or changes["max_message_bytes"] <= 0:
        raise InputError("[milter]: timeout_seconds and max_message_bytes must be positive")
    if m.get("knowledge"):
        changes["knowledge"] = _path(m["knowledge"], base_dir)
    return changes


def _online_changes(m: dict[str, Any], cfg: MilterConfig, base_dir: Path | None, timeout: float) -> dict[str, Any]:
    """The per-message lookups: on or off, their budget (inside the timeout), resolver and cache."""
    changes: dict[str, Any] = {"online": bool(m.get("online", False))}
    try:
        changes["online_budget"] = float(m.get("online_budget", cfg.online_budget))
    except (TypeError, ValueError) as exc:
        raise InputError(f"[milter] online_budget: {exc}") from exc
    if changes["online"] and not 0 < changes["online_budget"] < timeout:
        raise InputError("[milter] online_budget must be positive and less than timeout_seconds")
    if m.get("online_resolver"):
        changes["online_resolver"] = str(m["online_resolver"])
    if m.get("online_cache"):
        changes["online_cache"] = _path(m["online_cache"], base_dir)
    return changes


def _report_changes(m: dict[str, Any], cfg: MilterConfig, base_dir: Path | None, timeout: float) -> dict[str, Any]:
    """Uploads to the web app (only with report_url): its URL, token, verdicts and timeout."""
    changes: dict[str, Any] = {}
    url = str(m["report_url"]).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise InputError(f"[milter] report_url: {url!r} is not an http(s) URL")
    changes["report_url"] = url
    token = str(m.get("report_token", ""))
    if m.get("report_token_file"):
        path = _path(m["report_token_file"], base_dir)
        try:
            token = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InputError(f"[milter] report_token_file: {exc}") from exc
    if not token:
        raise InputError("[milter] report_url needs report_token or report_token_file")
    changes["report_token"] = token
    wanted = m.get("report_verdicts", list(cfg.report_verdicts))
    if not isinstance(wanted, list) or not set(wanted) <= set(VERDICTS):
        raise InputError(f"[milter] report_verdicts: a list of {VERDICTS}")
    changes["report_verdicts"] = tuple(wanted)
    try:
        changes["report_timeout"] = float(m.get("report_timeout", cfg.report_timeout))
    except (TypeError, ValueError) as exc:
        raise InputError(f"[milter] report_timeout: {exc}") from exc
    if not 0 < changes["report_timeout"] < timeout:
        raise InputError("[milter] report_timeout must be positive and less than timeout_seconds")
    return changes


def _policy_changes(m: dict[str, Any]) -> dict[str, Any]:
    """What happens per verdict: policies, subject stamps, allowed senders and per-domain overrides."""
    changes: dict[str, Any] = {}
    verdicts = dict(DEFAULT_VERDICTS)
    for v in VERDICTS:
        if v in m:
            verdicts[v] = _verdict_policy(f"[milter.{v}]", m[v], verdicts[v])
    changes["verdicts"] = verdicts
    stamps = {k: dict(v) for k, v in DEFAULT_STAMPS.items()}
    for lang, table in m.get("stamps", {}).items():
        if lang not in ("en", "ja") or not isinstance(table, dict):
            raise InputError(f"[milter.stamps.{lang}]: languages are en and ja, each a table")
        stamps[lang].update({str(k): str(v) for k, v in table.items() if k in VERDICTS})
    changes["stamps"] = stamps
    allow = m.get("allow", {})
    changes["allow_senders"] = frozenset(str(s).lower() for s in allow.get("senders", []))
    changes["allow_domains"] = frozenset(str(s).lower().lstrip("@.") for s in allow.get("domains", []))
    domains = {}
    for name, table in m.get("domains", {}).items():
        if not isinstance(table, dict):
            raise InputError(f'[milter.domains."{name}"] must be a table')
        lang = table.get("language")
        if lang is not None and lang not in LANGUAGES:
            raise InputError(f'[milter.domains."{name}"] language: {lang!r} is not one of {LANGUAGES}')
        overrides = {
            v: _verdict_policy(f'[milter.domains."{name}"].{v}', table[v], verdicts[v]) for v in VERDICTS if v in table
        }
        domains[str(name).lower()] = DomainPolicy(lang, overrides)
    changes["domains"] = domains
    return changes


def load(path: Path | None) -> MilterConfig:
    if path is None:
        return MilterConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: {exc}") from exc
    return parse(data, path.parent)
