"""Typed models of the knowledge files and of the user config, and the checks across entries.

Every file is validated here before `Knowledge` is built from it (knowledge/loader.py explains how
errors are collected and located). What is checked, beyond the types:
- brands.toml: unique ids; `unconfirmed` names only the brand's own domains; a domain, alias or
  plain name that two brands list must be settled in `[tie_breaks]` (see `owner_ties`);
- lures.toml: a phrase once per category and language; regexes compile;
- redirectors.toml: hosts well formed, no host and path listed twice;
- spam_stamps.toml: regexes compile, no stamp twice;
- the .txt lists: one well-formed entry per line, none twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal

import msgspec

from .linear import compile_ci, describe
from .linear import error as linear_error
from .loader import PATTERNS, Report, convert

_HOST_RE = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)+"
HOST = re.compile(_HOST_RE)
"""A host name or registrable domain with at least two labels, in ASCII (punycode); the loader
lower-cases it."""
LABEL = re.compile(r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?")
Domain = Annotated[str, msgspec.Meta(pattern=f"^{_HOST_RE}$")]
BrandId = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_]*$")]
_EMAIL_RE = rf"[A-Za-z0-9._%+\-]{{1,64}}@{_HOST_RE}"
Email = Annotated[str, msgspec.Meta(pattern=f"^{_EMAIL_RE}$")]
_URL_PREFIX_RE = rf"https?://{_HOST_RE}(?::[0-9]{{1,5}})?(?:[/?#][^\s]*)?"
UrlPrefix = Annotated[str, msgspec.Meta(pattern=f"^{_URL_PREFIX_RE}$")]
PATTERNS[f"^{_EMAIL_RE}$"] = "an e-mail address (local part, '@', an ASCII host name)"
PATTERNS[f"^{_URL_PREFIX_RE}$"] = "a URL prefix (http:// or https://, a host name, then any path)"
PATTERNS[f"^{_HOST_RE}$"] = "a host name (ASCII labels joined by dots; punycode for others)"
PATTERNS[rf"^(?:\*\.)?{_HOST_RE}$"] = "a host name, or '*.' and a host name"
PATTERNS[r"^[a-z0-9][a-z0-9_]*$"] = "an id (lower-case ASCII letters, digits and '_')"


class Category(StrEnum):
    """What a brand is (brands.toml `category`)."""

    BANK = "bank"
    CARD = "card"
    CLOUD = "cloud"
    CRYPTO = "crypto"
    ECOMMERCE = "ecommerce"
    GOVERNMENT = "government"
    HOSTING = "hosting"
    INSURANCE = "insurance"
    LOGISTICS = "logistics"
    OTHER = "other"
    PAYMENT = "payment"
    RETAIL = "retail"
    SECURITIES = "securities"
    SOCIAL = "social"
    SOFTWARE = "software"
    STREAMING = "streaming"
    TECH = "tech"
    TELECOM = "telecom"
    TRANSPORT = "transport"
    TRAVEL = "travel"
    UTILITY = "utility"


# ISO 3166-1 alpha-2, as listed in the IANA time zone database's iso3166.tab (public domain),
# plus the two regions brands.toml uses for brands that are not one country's.
_ISO_3166 = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
Country = StrEnum("Country", [(c, c) for c in (*_ISO_3166.split(), "GLOBAL", "LATAM")])  # type: ignore[misc]
Country.__doc__ = "an ISO 3166 alpha-2 code in capitals, GLOBAL or LATAM"
"""Where a brand is at home (brands.toml `country`)."""


class LureCategory(StrEnum):
    """The kind of lure a phrase belongs to (lures.toml `category`; checks read these names)."""

    CREDENTIAL = "credential"
    PAYMENT = "payment"
    PERSONAL_DATA = "personal_data"
    ACCOUNT_THREAT = "account_threat"
    DEADLINE = "deadline"
    PRIZE = "prize"
    REFUND_TAX = "refund_tax"
    PARCEL = "parcel"
    SECURITIES = "securities"
    ADVANCE_FEE = "advance_fee"
    CRYPTO_INVEST = "crypto_invest"
    CASINO = "casino"
    EXTORTION = "extortion"
    INVOICE = "invoice"
    MAILBOX = "mailbox"
    ADULT_DATING = "adult_dating"
    PHARMA_SPAM = "pharma_spam"
    MARKETING_SPAM = "marketing_spam"
    CALLBACK = "callback"
    RECEIPT = "receipt"
    NAME_PITCH = "name_pitch"
    GENERIC_GREETING = "generic_greeting"


class Lang(StrEnum):
    """The language of a lure table (ISO 639-1)."""

    DE = "de"
    EN = "en"
    ES = "es"
    FR = "fr"
    IT = "it"
    JA = "ja"
    KO = "ko"
    NL = "nl"
    PL = "pl"
    PT = "pt"
    RU = "ru"
    ZH = "zh"


class RedirectorKind(StrEnum):
    OPEN_REDIRECT = "open_redirect"
    SAFELINKS = "safelinks"
    URL_DEFENSE = "url_defense"
    TRACKER = "tracker"
    SHORTENER = "shortener"


class BrandEntry(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """One `[[brand]]` table (fields documented at the top of brands.toml)."""

    id: BrandId
    domains: list[Domain]
    name_en: str = ""
    name_ja: str = ""
    category: Category = Category.OTHER
    country: Country | None = None
    aliases: list[str] = []
    sending_domains: list[Domain] = []
    unconfirmed: list[Domain] = []
    shorteners: list[Domain] = []
    person_name: bool = False

    def problems(self) -> Iterable[tuple[str, str]]:
        owned = {d.lower() for d in (*self.domains, *self.sending_domains)}
        for domain in self.unconfirmed:
            if domain.lower() not in owned:
                yield "unconfirmed", f"{domain!r} is not one of the brand's domains or sending_domains"
        for key, listed in (("domains", self.domains), ("sending_domains", self.sending_domains)):
            values = [v.lower() for v in listed]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                yield key, f"{', '.join(twice)} listed twice"
        both = sorted({d.lower() for d in self.domains} & {d.lower() for d in self.sending_domains})
        if both:
            yield "sending_domains", f"{', '.join(both)} also in domains"


class TieBreaks(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """brands.toml `[tie_breaks]`: the brand a shared domain, alias or plain name is read as."""

    domains: dict[str, BrandId] = {}
    aliases: dict[str, BrandId] = {}
    names: dict[str, BrandId] = {}


class BrandsFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    brand: list[dict[str, Any]] = []
    tie_breaks: TieBreaks = TieBreaks()


class LureEntry(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    category: LureCategory
    lang: Lang
    phrases: list[str] = []
    regex: list[str] = []

    def problems(self) -> Iterable[tuple[str, str]]:
        try:
            # As the loader compiles them (RE2, linear.py): one at a time only to name a broken one.
            compile_ci("|".join(self.regex))
            return
        except linear_error:
            pass
        for i, pattern in enumerate(self.regex):
            try:
                compile_ci(pattern)
            except linear_error as exc:
                yield "regex", f"regex[{i}] {pattern!r}: {describe(exc)} (RE2: no look-around or back-references)"


class LuresFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    lure: list[dict[str, Any]] = []


class RedirectorEntry(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    host: Annotated[str, msgspec.Meta(pattern=rf"^(?:\*\.)?{_HOST_RE}$")]
    kind: RedirectorKind = RedirectorKind.TRACKER
    path_prefix: str = ""
    param: str | list[str] = []
    note: str = ""

    def problems(self) -> Iterable[tuple[str, str]]:
        if self.path_prefix and not self.path_prefix.startswith("/"):
            yield "path_prefix", f"{self.path_prefix!r} does not start with '/'"


class RedirectorsFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    redirector: list[dict[str, Any]] = []


class StampEntry(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pattern: Annotated[str, msgspec.Meta(min_length=1)]
    note: str = ""


class HeaderEntry(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    name: Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9\-]+$")]
    value_regex: str
    note: str = ""

    def problems(self) -> Iterable[tuple[str, str]]:
        try:
            re.compile(self.value_regex)
        except re.error as exc:
            yield "value_regex", f"{self.value_regex!r}: {exc}"


class SpamStampsFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    stamp: list[dict[str, Any]] = []
    header: list[dict[str, Any]] = []


class OnlineConfig(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """The `[online]` table of a user config (read by the command line; docs/config.md)."""

    resolver: str | None = None
    timeout: float | None = None
    budget: float | None = None
    cache: str | None = None
    feeds: list[str] = []
    geoip_databases: list[str] = []
    rdap_bootstrap: str | None = None
    whois_server: str | None = None
    browser: str | None = None
    allow_private_targets: bool = False
    # the lookups analysts pay for (docs/online.md); the environment's keys win over these
    virustotal_key: str | None = None
    virustotal_url: str | None = None
    urlscan_key: str | None = None
    urlscan_url: str | None = None
    urlscan_visibility: Literal["public", "unlisted", "private"] = "unlisted"
    misp_url: str | None = None
    misp_key: str | None = None
    intel_max_lookups: Annotated[int, msgspec.Meta(ge=1, le=50)] = 5


class LearningConfig(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """The `[learning]` table of a user config: the content model scan and analyze use (docs/learning.md)."""

    model: str | None = None


class ListsConfig(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """The `[lists]` table of a user config: the analyst's allow- and block-lists (docs/config.md;
    the web app exports its lists in this form). `reasons` maps a listed value to why."""

    allow_senders: list[Email] = []
    allow_domains: list[Domain] = []
    allow_urls: list[UrlPrefix] = []
    block_senders: list[Email] = []
    block_domains: list[Domain] = []
    block_urls: list[UrlPrefix] = []
    reasons: dict[str, str] = {}

    def problems(self) -> Iterable[tuple[str, str]]:
        seen: dict[str, str] = {}
        for key in ("allow_senders", "allow_domains", "allow_urls", "block_senders", "block_domains", "block_urls"):
            for value in getattr(self, key):
                form = list_value(value)
                if form in seen:
                    yield key, f"{value!r} is also in {seen[form]}" if seen[form] != key else f"{value!r} listed twice"
                seen.setdefault(form, key)
        listed = set(seen)
        for value in self.reasons:
            if list_value(value) not in listed:
                yield "reasons", f"{value!r} is in no list"


def list_value(value: str) -> str:
    """A listed value as the lists keep it: lower case, but a URL's path, query and fragment as written."""
    if "://" not in value:
        return value.lower()
    scheme, _, rest = value.partition("://")
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return scheme.lower() + "://" + rest[:cut].lower() + rest[cut:]


class ConfigFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """A user config (`--config`, docs/config.md)."""

    trusted_domains: list[Domain] = []
    brand: list[dict[str, Any]] = []
    online: OnlineConfig = OnlineConfig()
    learning: LearningConfig = LearningConfig()
    lists: ListsConfig = ListsConfig()


def tables(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The tables of the array of tables `name` (its type error, if any, is reported elsewhere)."""
    found = data.get(name)
    return [t for t in found if isinstance(t, dict)] if isinstance(found, list) else []


def entries(
    report: Report, data: dict[str, Any], name: str, model: type[Any]
) -> tuple[list[tuple[int, Any]], list[tuple[int, Any]]]:
    """The tables of the array of tables `name` that convert to `model`, with their index: all of
    them (for checks across entries), and those without `problems()` (to use). Every error of the
    others and every problem is reported."""
    found = tables(data, name)
    converted: list[tuple[int, Any]]
    try:
        # One call for the whole array when it is valid (the usual case); else table by table.
        converted = list(enumerate(msgspec.convert(found, list[model], strict=True)))  # type: ignore[valid-type]
    except msgspec.ValidationError:
        converted = []
        for i, table in enumerate(found):
            one = convert(table, model, report, (name, i))
            if one is not None:
                converted.append((i, one))
    usable: list[tuple[int, Any]] = []
    for i, entry in converted:
        wrong = list(entry.problems()) if hasattr(entry, "problems") else []
        for key, message in wrong:
            report.add((name, i, key), f"{name}[{i}].{key}: {message}")
        if not wrong:
            usable.append((i, entry))
    return converted, usable


def duplicates(
    report: Report,
    items: Iterable[tuple[int, str, str]],
    name: str,
    key: str,
    what: Callable[[str], str],
) -> None:
    """Reports each value of `items` ((table index, value, text as written)) after its first."""
    first: dict[str, tuple[int, str]] = {}
    for i, value, written in items:
        if value in first:
            line = report.line_of((name, first[value][0], key), first[value][1])
            message = f"{name}[{i}]: {what(value)} again (first on line {line})"
            report.add((name, i, key), message, needle=written, after=line if i == first[value][0] else 0)
        else:
            first[value] = (i, written)


# The one-entry-per-line lists: what a line (comment removed) must be; None when it is well formed.


def host_line(line: str) -> str | None:
    host = line.lower()
    if " " in host or "\t" in host:
        return "one host per line"
    return None if HOST.fullmatch(host) else "not a host name (letters, digits, '-' and '.')"


def suffix_line(line: str) -> str | None:
    """public_sector.txt: a public suffix, which may be a single label (gov, mil)."""
    if " " in line or "\t" in line:
        return "one suffix per line"
    return host_line(line) if "." in line else (None if LABEL.fullmatch(line.lower()) else "not a label")


def free_host_line(line: str) -> str | None:
    if " " in line or "\t" in line:
        return "one entry per line"
    host, _, _path = line.lower().partition("/")
    return host_line(host.removeprefix("*."))


def tld_line(line: str) -> str | None:
    if " " in line or "\t" in line:
        return "one TLD per line"
    return None if LABEL.fullmatch(line.lower().removeprefix(".")) else "not a top-level domain"


def label_line(line: str) -> str | None:
    if " " in line or "\t" in line:
        return "one label per line"
    return None if LABEL.fullmatch(line.lower()) else "not a domain label"


def word_line(line: str) -> str | None:
    return "one word per line" if len(line.split()) != 1 else None


def name_line(line: str) -> str | None:
    return None if re.fullmatch(r"[^\W\d_]+(?:[ '.\-]+[^\W\d_]+)*\.?", line) else "not a person's name"
