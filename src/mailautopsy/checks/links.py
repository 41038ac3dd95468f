"""Links: where they really go compared with what the mail shows and claims.

Every link rule looks at one link at a time, with what is known of it computed once (`_Seen`:
the unwrapped target, whether it is a click tracker or the sender's own site). The per-link
rules are written below as `@_per_link("LINK_...")` functions returning a hit or None; one
registered family, `links`, walks the links through them in the order written and makes one
finding per rule id (up to five links as its evidence, the strongest confidence, the first
link's parameters and how many links hit)."""

from __future__ import annotations

import base64
import math
import re
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from urllib.parse import unquote, urlsplit

from ..knowledge import Brand, Redirector
from ..model import Evidence, Finding, Link
from ..parse.domains import known_suffix, public_suffix, registrable, within
from ..parse.links import domain_shown_in_text
from ..urls import unwrap
from .base import Context
from .lookalike import lookalike_of
from .registry import rule

# Brands whose domains nobody links to through a tracker of their own: a bank's, a card issuer's or a
# government's domain shown over a link that goes elsewhere is the disguise itself.
_NO_AFFILIATES = frozenset({"bank", "card", "securities", "payment", "insurance", "government"})
_LOGIN_PATH = re.compile(
    r"(?:^|[/_.\-=?&])(?:log-?in|sign-?in|signon|logon|verif(?:y|ication)|validat|secure|auth|"
    r"webscr|account|update|unlock|recover|billing|wallet|password|credential|confirm)",
    re.I,
)
_UNSUBSCRIBE = re.compile(r"unsub|opt-?out|preferences|manage|abmelden|desinscri|配信停止|解除", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+(?:@|%40)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_DANGEROUS_SCHEMES = ("javascript", "data", "vbscript", "file")


def _entropy(text: str) -> float:
    counts = Counter(text)
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def _random_label(host: str, reg: str) -> bool:
    sub = host[: -len(reg)].rstrip(".") if host.endswith(reg) else ""
    for label in [*sub.split("."), reg.split(".")[0]]:
        if len(label) >= 20 and _entropy(label) > 3.8 and sum(c.isdigit() for c in label) >= 2:
            return True
    return False


def _names_site_in_prose(text: str, shown: str) -> bool:
    """The link text is a sentence (five words or more) that mentions a site by its bare name —
    no scheme, no "www.", no path — rather than showing an address to click."""
    if len(text.split()) <= 4 or re.search(r"https?://|www\.|\w\.[a-z]{2,24}/", text, re.I):
        return False
    return shown.lower() in text.lower()


class _Seen:
    """One link as the link rules see it; each fact is worked out once, when a rule first asks."""

    def __init__(self, ctx: Context, claimed_ids: set[str], link: Link) -> None:
        self.ctx = ctx
        self.kb = ctx.kb
        self.claimed_ids = claimed_ids
        self.link = link

    @cached_property
    def web(self) -> bool:
        """A web link the rules below judge (not a javascript:/data: link, not mailto:)."""
        link = self.link
        return link.scheme not in _DANGEROUS_SCHEMES and bool(link.host) and link.scheme in ("http", "https", "")

    @cached_property
    def _unwrapped(self) -> tuple[Link, list[str]]:
        return unwrap(self.link, self.kb)

    @property
    def final(self) -> Link:
        return self._unwrapped[0]

    @property
    def chain(self) -> list[str]:
        return self._unwrapped[1]

    @cached_property
    def redirector(self) -> Redirector | None:
        link = self.link
        return self.kb.redirector(link.host, urlsplit(link.url).path) if not self.chain else None

    @cached_property
    def own_short(self) -> bool:
        """The authenticated brand's own shortener (t.co in X's notices) is its click tracker."""
        brand = self.ctx.authenticated_brand
        return brand is not None and any(within(self.link.host, d) for d in brand.shorteners)

    @cached_property
    def is_tracker(self) -> bool:
        redirector = self.redirector
        return self.own_short or (redirector is not None and redirector.kind in ("tracker", "safelinks", "url_defense"))

    def is_own(self, reg: str) -> bool:
        """The link goes to a domain of the sender, of a trusted list or of the sending brand."""
        ctx = self.ctx
        return (
            reg in ctx.sender_domains
            or self.kb.is_trusted(reg)
            or (ctx.sender_brand is not None and ctx.sender_brand.owns(reg))
        )

    @cached_property
    def named(self) -> bool:
        """A web link to a named host (not an IP address)."""
        return self.web and not self.final.is_ip

    @cached_property
    def foreign(self) -> bool:
        """A clickable link away from the sender, past any click tracker: where phishing sends."""
        link = self.link
        return (
            self.named
            and link.source not in ("html_img", "html_css")
            and not self.is_tracker
            and not self.is_own(self.final.registrable)
        )

    @cached_property
    def owner(self) -> Brand | None:
        return self.kb.brand_owning(self.final.host) if self.foreign else None

    @cached_property
    def unknown(self) -> bool:
        """A foreign link to no known brand's domain."""
        return self.foreign and self.owner is None

    @cached_property
    def path(self) -> str:
        return urlsplit(self.final.url).path

    @cached_property
    def free(self) -> str:
        return self.kb.free_host(self.final.host, self.path) or ""

    @cached_property
    def suffix(self) -> str:
        reg = self.final.registrable
        return reg.rsplit(".", 1)[-1] if "." in reg else reg


_Hit = tuple[float, dict[str, str]]
"""A per-link rule's confidence and parameters for one link."""
_PerLink = Callable[[_Seen], _Hit | None]
_PER_LINK: list[tuple[str, _PerLink]] = []


def _per_link(rule_id: str) -> Callable[[_PerLink], _PerLink]:
    def register(function: _PerLink) -> _PerLink:
        _PER_LINK.append((rule_id, function))
        return function

    return register


@_per_link("LINK_DANGEROUS_SCHEME")
def _dangerous_scheme(s: _Seen) -> _Hit | None:
    scheme = s.link.scheme
    if scheme not in _DANGEROUS_SCHEMES:
        return None
    # Mail clients do not run javascript: links; data: and file: ones open content.
    return 0.4 if scheme == "javascript" else 1.0, {"scheme": scheme}


@_per_link("LINK_REDIRECT")
def _redirect(s: _Seen) -> _Hit | None:
    if not s.web or not s.chain:
        return None
    wrapped = s.kb.is_protection_rewriter(s.chain[0])
    reg = s.final.registrable
    if wrapped or registrable(s.chain[0]) == reg or s.is_own(reg):
        return None
    return 0.8, {"target": s.final.url[:200], "via": s.chain[0]}


@_per_link("LINK_TEXT_MISMATCH")
def _text_mismatch(s: _Seen) -> _Hit | None:
    link = s.link
    if not s.web or link.source != "html_a" or not link.text:
        return None
    final = s.final
    shown = domain_shown_in_text(link.text)
    if not shown or not known_suffix(shown):
        return None
    shown_reg = registrable(shown)
    if shown_reg in (final.registrable, link.registrable):
        return None
    owner = s.kb.brand_owning(shown_reg)
    if owner is not None and owner.owns(final.host):
        return None
    if s.is_tracker and final is link:
        return None  # a newsletter's click tracker: it cannot be unwrapped offline, and is no disguise
    # Showing a brand's or the recipient's own domain is the disguise; a newsletter showing its
    # own site while the href goes through an unknown mailer's tracker is weak evidence.
    claimed = owner is not None and owner.id in s.claimed_ids
    if claimed or shown_reg in s.ctx.recipient_domains:
        conf = 1.0  # shows the very brand the mail speaks for (or the recipient's own domain)
    elif owner is not None and owner.category in _NO_AFFILIATES:
        conf = 0.9  # a bank's or a government's address shown over a link elsewhere: no affiliate does that
    elif owner is not None:
        conf = 0.5  # an affiliate link to a shop's domain in someone else's newsletter looks alike
    elif shown_reg in s.ctx.sender_domains:
        conf = 0.3
    elif _names_site_in_prose(link.text, shown):
        # A sentence that merely names a site ("See how it works at Example.org."): a
        # newsletter's way of linking, not a disguised address.
        conf = 0.3
    else:
        conf = 0.6
    if s.kb.is_shortener(final.host):
        conf = min(conf, 0.5)
    return conf, {"shown": shown, "real": final.host}


@_per_link("LINK_IP_HOST")
def _ip_host(s: _Seen) -> _Hit | None:
    return (1.0, {"host": s.final.host}) if s.web and s.final.is_ip else None


@_per_link("LINK_USERINFO_TRICK")
def _userinfo(s: _Seen) -> _Hit | None:
    final = s.final if s.named else None
    if final is None or not final.userinfo or "." not in final.userinfo:
        return None
    return 1.0, {"shown": final.userinfo, "host": final.host}


@_per_link("LINK_SHORTENER")
def _shortener(s: _Seen) -> _Hit | None:
    if not s.named or not s.kb.is_shortener(s.final.host) or s.is_own(s.final.registrable) or s.own_short:
        return None
    return 0.7, {"host": s.final.host}


@_per_link("LINK_RECIPIENT_IN_URL")
def _recipient(s: _Seen) -> _Hit | None:
    link = s.link
    if not s.foreign or _UNSUBSCRIBE.search(link.url) or _UNSUBSCRIBE.search(link.text):
        return None
    url = link.url
    lowered = unquote(url).lower()
    # Longest first, so the whole address is the evidence whatever the set's order (hash seed).
    for addr in sorted(s.ctx.recipients, key=lambda a: (-len(a), a)):
        if addr and (addr in lowered or base64.b64encode(addr.encode()).decode().rstrip("=") in url):
            in_fragment = addr in unquote(url.partition("#")[2]).lower()
            return 1.0 if in_fragment else 0.4, {"address": addr}
    fragment = url.partition("#")[2]
    found = _EMAIL.search(unquote(fragment)) if fragment else None
    return (0.8, {"address": found.group(0)}) if found else None


@_per_link("LINK_OFF_BRAND")
def _off_brand(s: _Seen) -> _Hit | None:
    impersonated = s.ctx.impersonated
    # Links to another known brand (social icons, app stores) are not the phishing site.
    if not s.foreign or impersonated is None or s.owner is not None:
        return None
    brand = impersonated.brand
    return 0.9, {"brand": brand.name_en, "official": ", ".join(brand.domains[:3]), "domain": s.final.registrable}


@_per_link("LINK_FREE_HOSTING")
def _free_hosting(s: _Seen) -> _Hit | None:
    return (0.7, {"host": s.final.host, "service": s.free}) if s.foreign and s.free else None


@_per_link("LINK_LOOKALIKE_DOMAIN")
def _lookalike(s: _Seen) -> _Hit | None:
    if not s.unknown:
        return None
    look = lookalike_of(s.final.host, s.kb, s.ctx.recipient_domains)
    sender_brand = s.ctx.sender_brand
    if look and look[1] in ("brand_in_domain", "other_tld") and sender_brand is not None and sender_brand.owns(look[0]):
        return None  # an Amazon mail's images-amazon.com, a DHL mail's dhl-usa.com
    if not look:
        return None
    # Another TLD of the brand's own name may still be the brand's: ownership unconfirmed.
    return (0.6 if look[1] == "other_tld" else 0.9), {"domain": s.final.registrable, "target": look[0], "how": look[1]}


@_per_link("LINK_BRAND_IN_URL")
def _brand_in_url(s: _Seen) -> _Hit | None:
    if not s.unknown:
        return None
    final = s.final
    # Only the part the sender chose: "user.github.io" names no brand, "kagoya-login.example" does.
    suffix = public_suffix(final.host)
    host_words = re.sub(r"[^\w]+", " ", final.host[: -len(suffix)] if final.host.endswith(suffix) else final.host)
    for brand, _alias in s.kb.brands_in(host_words):
        if not brand.owns(final.host):
            return 0.9, {"brand": brand.name_en, "part": "host"}
    try:
        path = unquote(urlsplit(final.url).path + " " + urlsplit(final.url).fragment)
    except ValueError:
        return None
    for brand, _alias in s.kb.brands_in(re.sub(r"[^\w]+", " ", path)):
        if brand.id in s.claimed_ids and not brand.owns(final.host):
            return 0.8, {"brand": brand.name_en, "part": "path"}
    return None


@_per_link("LINK_SUSPICIOUS_TLD")
def _suspicious_tld(s: _Seen) -> _Hit | None:
    return (0.6, {"tld": s.suffix}) if s.unknown and s.suffix in s.kb.suspicious_tlds else None


@_per_link("LINK_RANDOM_HOST")
def _random_host(s: _Seen) -> _Hit | None:
    return (0.6, {"host": s.final.host}) if s.unknown and _random_label(s.final.host, s.final.registrable) else None


@_per_link("LINK_LOGIN_PATH")
def _login_path(s: _Seen) -> _Hit | None:
    if not s.unknown or not _LOGIN_PATH.search(s.path):
        return None
    if s.ctx.impersonated is None and not s.free and s.suffix not in s.kb.suspicious_tlds:
        return None
    return 0.7, {"path": s.path[:80]}


@_per_link("LINK_PUNYCODE")
def _punycode(s: _Seen) -> _Hit | None:
    final = s.final if s.unknown else None
    if final is None:
        return None
    if (final.host.isascii() or not final.host_ascii.startswith("xn--")) and ".xn--" not in final.host_ascii:
        return None
    # An internationalised label *below* a plain ASCII registered domain
    # ("ðavuÿrmœ.rentals.example.com") names no one's brand in any language: a
    # throwaway host per mailing, not a site that chose a name in its own script.
    reg = final.registrable
    idn_subdomain = reg.isascii() and "xn--" not in reg
    return 0.9 if idn_subdomain else 0.5, {"host": final.host, "ascii": final.host_ascii}


@rule(*(rule_id for rule_id, _ in _PER_LINK))
def links(ctx: Context) -> list[Finding]:
    """Each link through every per-link rule, in the order they are written; one finding per rule."""
    claimed_ids = {c.brand.id for c in ctx.brand_claims}
    hits: dict[str, list[tuple[Evidence, float, dict[str, str]]]] = {}
    for link in ctx.msg.links:
        seen = _Seen(ctx, claimed_ids, link)
        for rule_id, per_link in _PER_LINK:
            hit = per_link(seen)
            items = hits.setdefault(rule_id, []) if hit is not None else []
            if hit is not None and len(items) < 5 and all(e.value != link.url for e, _, _ in items):
                items.append((Evidence("url", link.url, f"{link.source}@{link.where}"), hit[0], hit[1]))
    out = []
    for rule_id, items in hits.items():
        params = dict(items[0][2])
        params["count"] = str(len(items))
        out.append(ctx.finding(rule_id, [e for e, _, _ in items], max(c for _, c, _ in items), **params))
    return out
