"""Knowledge as data: brands, shorteners, redirectors, free-mail and free-hosting
hosts, suspicious TLDs, spam stamps and lure phrases.

Files are loaded once, strictly: an invalid entry raises `KnowledgeError` naming
the file and the entry. A user config file may add brands and trusted domains.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..parse.domains import within

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_ZW = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def normalise(text: str) -> str:
    """The form every matcher works on: NFKC, lower case, invisible characters
    removed, whitespace collapsed."""
    if text.isascii():
        return " ".join(text.lower().split())
    text = " ".join(_ZW.sub("", unicodedata.normalize("NFKC", text)).lower().split())
    # "支 払 い 情 報": spaces between CJK characters are an obfuscation, not words.
    return _CJK_SPACE.sub("", text)


@dataclass(frozen=True, slots=True)
class Brand:
    id: str
    name_en: str
    name_ja: str
    category: str
    country: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    sending_domains: tuple[str, ...] = ()
    unconfirmed: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_ja if lang == "ja" and self.name_ja else self.name_en

    def owns(self, domain: str) -> bool:
        """True when `domain` (any host) is one of the brand's official or sending domains."""
        return any(within(domain, d) for d in self.domains + self.sending_domains)


@dataclass(frozen=True, slots=True)
class Redirector:
    host: str
    path_prefix: str
    params: tuple[str, ...]
    kind: str

    def matches(self, host: str, path: str) -> bool:
        host_ok = within(host, self.host[2:]) if self.host.startswith("*.") else host == self.host
        return host_ok and path.startswith(self.path_prefix)


@dataclass(frozen=True, slots=True)
class Lure:
    category: str
    lang: str
    pattern: re.Pattern[str]


@dataclass(slots=True)
class Knowledge:
    brands: list[Brand]
    shorteners: frozenset[str]
    redirectors: list[Redirector]
    freemail: frozenset[str]
    free_hosting: tuple[str, ...]
    suspicious_tlds: frozenset[str]
    spam_stamps: tuple[str, ...]
    spam_headers: tuple[tuple[str, re.Pattern[str], str], ...]
    lures: list[Lure]
    trusted_domains: frozenset[str] = frozenset()
    _by_id: dict[str, Brand] = field(default_factory=dict)
    _alias_re: re.Pattern[str] | None = None
    _alias_owner: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_id = {b.id: b for b in self.brands}
        ascii_alts: list[str] = []
        other_alts: list[str] = []
        for brand in self.brands:
            for alias in {normalise(a) for a in (*brand.aliases, brand.name_en, brand.name_ja) if a}:
                if len(alias) < 3 and alias.isascii():
                    continue
                self._alias_owner.setdefault(alias, brand.id)
                (ascii_alts if alias.isascii() else other_alts).append(alias)
        ascii_alts.sort(key=len, reverse=True)
        other_alts.sort(key=len, reverse=True)
        parts = []
        if ascii_alts:
            parts.append(
                r"(?<![a-z0-9@._\-])(?:" + "|".join(re.escape(a) for a in ascii_alts) + r")(?![a-z0-9\-]|\.[a-z])"
            )
        if other_alts:
            parts.append("(?:" + "|".join(re.escape(a) for a in other_alts) + ")")
        self._alias_re = re.compile("|".join(parts)) if parts else None

    def brand(self, brand_id: str) -> Brand:
        return self._by_id[brand_id]

    def brands_in(self, text: str) -> list[tuple[Brand, str]]:
        """Brands named in `text` (normalised by the caller or not), with the alias seen,
        in order of first appearance, each brand once."""
        if self._alias_re is None or not text:
            return []
        seen: dict[str, str] = {}
        for match in self._alias_re.finditer(normalise(text)):
            alias = match.group(0)
            brand_id = self._alias_owner.get(alias)
            if brand_id and brand_id not in seen:
                seen[brand_id] = alias
        return [(self._by_id[b], a) for b, a in seen.items()]

    def brand_owning(self, domain: str) -> Brand | None:
        for brand in self.brands:
            if brand.owns(domain):
                return brand
        return None

    def is_shortener(self, host: str) -> bool:
        return any(within(host, s) for s in self.shorteners)

    def redirector(self, host: str, path: str) -> Redirector | None:
        for r in self.redirectors:
            if r.matches(host, path):
                return r
        return None

    def is_freemail(self, domain: str) -> bool:
        return any(within(domain, d) for d in self.freemail)

    def free_host(self, host: str, path: str) -> str:
        """The free-hosting entry a URL falls under, or ''."""
        for entry in self.free_hosting:
            name, _, prefix = entry.partition("/")
            ok = within(host, name[2:]) and host != name[2:] if name.startswith("*.") else host == name
            if ok and (not prefix or path.lstrip("/").startswith(prefix)):
                return entry
        return ""

    def is_trusted(self, domain: str) -> bool:
        return any(within(domain, d) for d in self.trusted_domains)


def _read_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _read_toml(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(name))
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"knowledge/{name}: {exc}") from exc


def _lines(name: str) -> list[str]:
    out = []
    for line in _read_text(name).splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            out.append(line.split()[0])
    return out


def _brand(entry: dict[str, Any], where: str) -> Brand:
    try:
        return Brand(
            id=str(entry["id"]),
            name_en=str(entry.get("name_en", "")),
            name_ja=str(entry.get("name_ja", "")),
            category=str(entry.get("category", "other")),
            country=str(entry.get("country", "")),
            aliases=tuple(str(a) for a in entry.get("aliases", [])),
            domains=tuple(str(d).lower() for d in entry["domains"]),
            sending_domains=tuple(str(d).lower() for d in entry.get("sending_domains", [])),
            unconfirmed=tuple(str(d).lower() for d in entry.get("unconfirmed", [])),
        )
    except (KeyError, TypeError) as exc:
        raise KnowledgeError(f"{where}: brand entry {entry.get('id', '?')!r} lacks {exc}") from exc


def _lures(data: dict[str, Any]) -> list[Lure]:
    out = []
    for i, entry in enumerate(data.get("lure", [])):
        alts = [re.escape(normalise(p)) for p in entry.get("phrases", [])] + list(entry.get("regex", []))
        if not alts:
            continue
        try:
            pattern = re.compile("|".join(alts), re.I)
        except re.error as exc:
            raise KnowledgeError(
                f"knowledge/lures.toml: lure #{i} ({entry.get('category')}/{entry.get('lang')}): {exc}"
            ) from exc
        out.append(Lure(str(entry["category"]), str(entry.get("lang", "")), pattern))
    return out


def _has(name: str) -> bool:
    return resources.files(__package__).joinpath(name).is_file()


@cache
def _builtin() -> Knowledge:
    brands = [_brand(e, "knowledge/brands.toml") for e in _read_toml("brands.toml").get("brand", [])]
    ids = [b.id for b in brands]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise KnowledgeError(f"knowledge/brands.toml: duplicate brand ids {sorted(dup)}")
    redirectors = []
    for entry in _read_toml("redirectors.toml").get("redirector", []):
        params = entry.get("param", [])
        redirectors.append(
            Redirector(
                host=str(entry["host"]).lower(),
                path_prefix=str(entry.get("path_prefix", "")),
                params=tuple([params] if isinstance(params, str) else params),
                kind=str(entry.get("kind", "tracker")),
            )
        )
    stamps = _read_toml("spam_stamps.toml")
    headers = []
    for entry in stamps.get("header", []):
        try:
            headers.append(
                (
                    str(entry["name"]).lower(),
                    re.compile(entry["value_regex"]),
                    str(entry.get("note", "")),
                )
            )
        except (KeyError, re.error) as exc:
            raise KnowledgeError(f"knowledge/spam_stamps.toml: header {entry}: {exc}") from exc
    return Knowledge(
        brands=brands,
        shorteners=frozenset(_lines("shorteners.txt")),
        redirectors=redirectors,
        freemail=frozenset(_lines("freemail.txt")),
        free_hosting=tuple(_lines("free_hosting.txt")),
        suspicious_tlds=frozenset(t.lstrip(".") for t in _lines("suspicious_tlds.txt")),
        spam_stamps=tuple(normalise(s["pattern"]) for s in stamps.get("stamp", [])),
        spam_headers=tuple(headers),
        lures=_lures(_read_toml("lures.toml")),
    )


@cache
def load(config: Path | None = None) -> Knowledge:
    """The built-in knowledge, plus the brands and trusted domains of a user config
    file (TOML: `[[brand]]` tables as in brands.toml, `trusted_domains = [...]`)."""
    base = _builtin()
    if config is None:
        return base
    try:
        data = tomllib.loads(Path(config).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{config}: {exc}") from exc
    extra = [_brand(e, str(config)) for e in data.get("brand", [])]
    return Knowledge(
        brands=extra + [b for b in base.brands if b.id not in {e.id for e in extra}],
        shorteners=base.shorteners,
        redirectors=base.redirectors,
        freemail=base.freemail,
        free_hosting=base.free_hosting,
        suspicious_tlds=base.suspicious_tlds,
        spam_stamps=base.spam_stamps,
        spam_headers=base.spam_headers,
        lures=base.lures,
        trusted_domains=frozenset(str(d).lower() for d in data.get("trusted_domains", [])),
    )
