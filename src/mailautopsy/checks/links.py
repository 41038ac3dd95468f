"""Links: where they really go compared with what the mail shows and claims."""

from __future__ import annotations

import base64
import math
import re
from collections import Counter
from urllib.parse import parse_qsl, unquote, urlsplit

from ..knowledge import Knowledge
from ..model import Evidence, Finding, Link
from ..parse.domains import known_suffix, public_suffix, registrable, within
from ..parse.links import domain_shown_in_text, make_link
from .base import Context
from .lookalike import lookalike_of

_LOGIN_PATH = re.compile(
    r"(?:^|[/_.\-=?&])(?:log-?in|sign-?in|signon|logon|verif(?:y|ication)|validat|secure|auth|"
    r"webscr|account|update|unlock|recover|billing|wallet|password|credential|confirm)",
    re.I,
)
_UNSUBSCRIBE = re.compile(r"unsub|opt-?out|preferences|manage|abmelden|desinscri|配信停止|解除", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+(?:@|%40)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_DANGEROUS_SCHEMES = ("javascript", "data", "vbscript", "file")


def unwrap(link: Link, kb: Knowledge) -> tuple[Link, list[str]]:
    """Follow redirect wrappers offline (google.com/url?q=, SafeLinks, URLDefense, ...).
    Returns the final link and the chain of hosts passed through."""
    chain: list[str] = []
    current = link
    for _ in range(4):
        try:
            parts = urlsplit(current.url)
        except ValueError:
            break
        redirector = kb.redirector(current.host, parts.path)
        if redirector is None or not redirector.params:
            break
        target = ""
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        for param in redirector.params:
            value = query.get(param, "")
            if not value:
                continue
            if value.startswith("a1") and "bing." in current.host:
                try:
                    value = base64.urlsafe_b64decode(value[2:] + "=" * (-len(value[2:]) % 4)).decode()
                except (ValueError, UnicodeDecodeError):
                    continue
            if "urldefense" in current.host and "-" in value and "://" not in value:
                value = value.replace("_", "/").replace("-", "%")
            target = unquote(value) if "%3a" in value[:12].lower() else value
            break
        if not target.lower().startswith(("http://", "https://")):
            break
        chain.append(current.host)
        current = make_link(target, link.source, link.where, link.text, unescape=False)
    return current, chain


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


class _LinkChecker:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.kb = ctx.kb
        self.hits: dict[str, list[tuple[Evidence, float, dict[str, str]]]] = {}

    def hit(self, rule: str, link: Link, confidence: float, **params: str) -> None:
        items = self.hits.setdefault(rule, [])
        if len(items) < 5 and all(e.value != link.url for e, _, _ in items):
            items.append((Evidence("url", link.url, f"{link.source}@{link.where}"), confidence, params))

    def is_own(self, reg: str) -> bool:
        """The link goes to a domain of the sender, of a trusted list or of the sending brand."""
        ctx = self.ctx
        return (
            reg in ctx.sender_domains
            or self.kb.is_trusted(reg)
            or (ctx.sender_brand is not None and ctx.sender_brand.owns(reg))
        )

    def run(self) -> list[Finding]:
        ctx = self.ctx
        impersonated = ctx.impersonated
        claimed_ids = {c.brand.id for c in ctx.brand_claims}
        for link in ctx.msg.links:
            if link.scheme in _DANGEROUS_SCHEMES:
                # Mail clients do not run javascript: links; data: and file: ones open content.
                self.hit("LINK_DANGEROUS_SCHEME", link, 0.4 if link.scheme == "javascript" else 1.0, scheme=link.scheme)
                continue
            if not link.host or link.scheme not in ("http", "https", ""):
                continue
            final, chain = unwrap(link, self.kb)
            host, reg = final.host, final.registrable
            redirector = self.kb.redirector(link.host, urlsplit(link.url).path) if not chain else None
            # The authenticated brand's own shortener (t.co in X's notices) is its click tracker.
            brand = ctx.authenticated_brand
            own_short = brand is not None and any(within(link.host, d) for d in brand.shorteners)
            is_tracker = own_short or (
                redirector is not None and redirector.kind in ("tracker", "safelinks", "url_defense")
            )
            wrapped = bool(chain) and self.kb.is_protection_rewriter(chain[0])
            if chain and not wrapped and registrable(chain[0]) != reg and not self.is_own(reg):
                self.hit("LINK_REDIRECT", link, 0.8, target=final.url[:200], via=chain[0])
            if link.source == "html_a" and link.text:
                self._text_mismatch(link, final, is_tracker)
            if final.is_ip:
                self.hit("LINK_IP_HOST", link, 1.0, host=host)
                continue
            if final.userinfo and "." in final.userinfo:
                self.hit("LINK_USERINFO_TRICK", link, 1.0, shown=final.userinfo, host=host)
            if self.kb.is_shortener(host) and not self.is_own(reg) and not own_short:
                self.hit("LINK_SHORTENER", link, 0.7, host=host)
            if link.source in ("html_img", "html_css") or is_tracker or self.is_own(reg):
                continue
            self._recipient(link)
            owner = self.kb.brand_owning(host)
            if impersonated is not None and owner is None:
                # Links to another known brand (social icons, app stores) are not the phishing site.
                self.hit(
                    "LINK_OFF_BRAND",
                    link,
                    0.9,
                    brand=impersonated.brand.name_en,
                    official=", ".join(impersonated.brand.domains[:3]),
                    domain=reg,
                )
            path = urlsplit(final.url).path
            free = self.kb.free_host(host, path)
            if free:
                self.hit("LINK_FREE_HOSTING", link, 0.7, host=host, service=free)
            if owner is not None:
                continue
            look = lookalike_of(host, self.kb, ctx.recipient_domains)
            if (
                look
                and look[1] in ("brand_in_domain", "other_tld")
                and ctx.sender_brand is not None
                and ctx.sender_brand.owns(look[0])
            ):
                look = None  # an Amazon mail's images-amazon.com, a DHL mail's dhl-usa.com
            if look:
                # Another TLD of the brand's own name may still be the brand's: ownership unconfirmed.
                conf = 0.6 if look[1] == "other_tld" else 0.9
                self.hit("LINK_LOOKALIKE_DOMAIN", link, conf, domain=reg, target=look[0], how=look[1])
            self._brand_in_url(link, final, claimed_ids)
            suffix = reg.rsplit(".", 1)[-1] if "." in reg else reg
            if suffix in self.kb.suspicious_tlds:
                self.hit("LINK_SUSPICIOUS_TLD", link, 0.6, tld=suffix)
            if _random_label(host, reg):
                self.hit("LINK_RANDOM_HOST", link, 0.6, host=host)
            if _LOGIN_PATH.search(path) and (impersonated is not None or free or suffix in self.kb.suspicious_tlds):
                self.hit("LINK_LOGIN_PATH", link, 0.7, path=path[:80])
            if (not host.isascii() and final.host_ascii.startswith("xn--")) or ".xn--" in final.host_ascii:
                # An internationalised label *below* a plain ASCII registered domain
                # ("ðavuÿrmœ.rentals.example.com") names no one's brand in any language: a
                # throwaway host per mailing, not a site that chose a name in its own script.
                idn_subdomain = reg.isascii() and "xn--" not in reg
                self.hit("LINK_PUNYCODE", link, 0.9 if idn_subdomain else 0.5, host=host, ascii=final.host_ascii)
        return self._findings()

    def _text_mismatch(self, link: Link, final: Link, is_tracker: bool) -> None:
        shown = domain_shown_in_text(link.text)
        if not shown or not known_suffix(shown):
            return
        shown_reg = registrable(shown)
        if shown_reg in (final.registrable, link.registrable):
            return
        owner = self.kb.brand_owning(shown_reg)
        if owner is not None and owner.owns(final.host):
            return
        if is_tracker and final is link:
            return  # a newsletter's click tracker: it cannot be unwrapped offline, and is no disguise
        # Showing a brand's or the recipient's own domain is the disguise; a newsletter showing its
        # own site while the href goes through an unknown mailer's tracker is weak evidence.
        claimed = owner is not None and any(c.brand.id == owner.id for c in self.ctx.brand_claims)
        if claimed or shown_reg in self.ctx.recipient_domains:
            conf = 1.0  # shows the very brand the mail speaks for (or the recipient's own domain)
        elif owner is not None:
            conf = 0.5  # an affiliate link to a shop's domain in someone else's newsletter looks alike
        elif shown_reg in self.ctx.sender_domains:
            conf = 0.3
        elif _names_site_in_prose(link.text, shown):
            # A sentence that merely names a site ("See how it works at Example.org."): a
            # newsletter's way of linking, not a disguised address.
            conf = 0.3
        else:
            conf = 0.6
        if self.kb.is_shortener(final.host):
            conf = min(conf, 0.5)
        self.hit("LINK_TEXT_MISMATCH", link, conf, shown=shown, real=final.host)

    def _brand_in_url(self, link: Link, final: Link, claimed: set[str]) -> None:
        # Only the part the sender chose: "user.github.io" names no brand, "kagoya-login.example" does.
        suffix = public_suffix(final.host)
        host_words = re.sub(r"[^\w]+", " ", final.host[: -len(suffix)] if final.host.endswith(suffix) else final.host)
        for brand, _alias in self.kb.brands_in(host_words):
            if not brand.owns(final.host):
                self.hit("LINK_BRAND_IN_URL", link, 0.9, brand=brand.name_en, part="host")
                return
        try:
            path = unquote(urlsplit(final.url).path + " " + urlsplit(final.url).fragment)
        except ValueError:
            return
        for brand, _alias in self.kb.brands_in(re.sub(r"[^\w]+", " ", path)):
            if brand.id in claimed and not brand.owns(final.host):
                self.hit("LINK_BRAND_IN_URL", link, 0.8, brand=brand.name_en, part="path")
                return

    def _recipient(self, link: Link) -> None:
        url = link.url
        lowered = unquote(url).lower()
        if _UNSUBSCRIBE.search(url) or _UNSUBSCRIBE.search(link.text):
            return
        for addr in self.ctx.recipients:
            if addr and (addr in lowered or base64.b64encode(addr.encode()).decode().rstrip("=") in url):
                in_fragment = addr in unquote(url.partition("#")[2]).lower()
                self.hit("LINK_RECIPIENT_IN_URL", link, 1.0 if in_fragment else 0.4, address=addr)
                return
        fragment = url.partition("#")[2]
        found = _EMAIL.search(unquote(fragment)) if fragment else None
        if found:
            self.hit("LINK_RECIPIENT_IN_URL", link, 0.8, address=found.group(0))

    def _findings(self) -> list[Finding]:
        out = []
        for rule, items in self.hits.items():
            evidence = [e for e, _, _ in items]
            confidence = max(c for _, c, _ in items)
            params = dict(items[0][2])
            params["count"] = str(len(items))
            out.append(self.ctx.finding(rule, evidence, confidence, **params))
        return out


def check(ctx: Context) -> list[Finding]:
    return _LinkChecker(ctx).run()
