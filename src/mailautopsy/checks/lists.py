"""The analyst's allow- and block-lists (a config file's `[lists]`, the web app's lists).

A block-list hit needs no proof: whoever wrote the From address or the link, the analyst said
mail from there or pointing there is phishing (`floor = "phishing"`). An allow-list clears a mail
(`ceiling = "clean"`, score.py) only on proof an attacker cannot forge: a From address is typed
by the sender, so an allow-listed sender or domain counts only when a trusted receiving server
saw that domain pass DMARC, DKIM or SPF (aligned with the From domain); otherwise the finding
says so and the mail is judged as if unlisted. A URL anyone can paste into a phish, so allow-listed
URLs clear a mail only when every link of it is allow-listed and it carries no attachment.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..knowledge.models import list_value
from ..model import Address, AuthResult, Evidence, Finding, Link
from ..parse.domains import registrable, within
from ..urls import unwrap
from .base import Context
from .registry import rule

_HEADERS = (("From", "from_"), ("Reply-To", "reply_to"), ("Sender", "sender"), ("Return-Path", "return_path"))


def url_listed(prefix: str, url: str, any_scheme: bool = False) -> bool:
    """`url` starts with the listed `prefix` at a boundary: the same host (and port) exactly, then
    the prefix's path. `any_scheme`: http and https alike (a block-list's reach)."""
    p_scheme, _, p_rest = prefix.partition("://")
    u_scheme, _, u_rest = list_value(url).partition("://")
    if not any_scheme and p_scheme != u_scheme:
        return False
    p_cut = min((i for i in (p_rest.find(c) for c in "/?#") if i >= 0), default=len(p_rest))
    u_cut = min((i for i in (u_rest.find(c) for c in "/?#") if i >= 0), default=len(u_rest))
    return p_rest[:p_cut] == u_rest[:u_cut] and u_rest[u_cut:].startswith(p_rest[p_cut:])


def _sender_entry(addr: Address, senders: tuple[str, ...], domains: tuple[str, ...]) -> str:
    """The listed address or domain `addr` falls under ("" when none)."""
    address = addr.address.lower()
    if address in senders:
        return address
    return next((d for d in domains if addr.domain and within(addr.domain.lower(), d)), "")


@rule("SENDER_BLOCKLISTED")
def blocked_sender(ctx: Context) -> Iterator[Finding]:
    lists = ctx.lists
    if not (lists.block_senders or lists.block_domains):
        return
    for header, attr in _HEADERS:
        for addr in getattr(ctx.msg, attr):
            entry = _sender_entry(addr, lists.block_senders, lists.block_domains)
            if entry:
                ev = [Evidence("address", addr.address, header)]
                yield ctx.finding("SENDER_BLOCKLISTED", ev, 1.0, entry=entry, reason=lists.reason(entry) or "-")
                return


def _link_entry(link: Link, ctx: Context, urls: tuple[str, ...], domains: tuple[str, ...], block: bool) -> str:
    for candidate in (link, unwrap(link, ctx.kb)[0]) if block else (link,):
        hit = next((p for p in urls if url_listed(p, candidate.url, any_scheme=block)), "")
        if hit:
            return hit
        host = (candidate.host_ascii or candidate.host).lower()
        hit = next((d for d in domains if host and within(host, d)), "")
        if hit:
            return hit
    return ""


@rule("LINK_BLOCKLISTED")
def blocked_link(ctx: Context) -> Iterator[Finding]:
    lists = ctx.lists
    if not (lists.block_urls or lists.block_domains):
        return
    for link in ctx.msg.links:
        entry = _link_entry(link, ctx, lists.block_urls, lists.block_domains, block=True)
        if entry:
            ev = [Evidence("url", link.url, link.where)]
            yield ctx.finding("LINK_BLOCKLISTED", ev, 1.0, entry=entry, reason=lists.reason(entry) or "-")
            return


def _vouching(ctx: Context, addr: Address) -> AuthResult | None:
    """A pass a trusted receiving server recorded for the From domain (aligned: the same
    registrable domain): DMARC for header.from, DKIM for header.d, SPF for the envelope sender."""
    reg = (addr.registrable or registrable(addr.domain)).lower()
    for r in ctx.msg.auth:
        if not r.trusted or r.result != "pass" or r.header == "ARC-Authentication-Results":
            continue
        if r.method == "dmarc":
            domain = r.prop("header.from") or addr.domain
        elif r.method == "dkim":
            domain = r.prop("header.d") or r.prop("header.i").rpartition("@")[2]
        elif r.method == "spf":
            domain = r.prop("smtp.mailfrom").rpartition("@")[2]
        else:
            continue
        if domain and registrable(domain.lower()) == reg:
            return r
    return None


@rule("SENDER_ALLOWLISTED", "SENDER_ALLOWLIST_UNVERIFIED")
def allowed_sender(ctx: Context) -> Iterator[Finding]:
    lists = ctx.lists
    addr = ctx.from_addr
    if addr is None or len(ctx.msg.from_) != 1 or not (lists.allow_senders or lists.allow_domains):
        return
    # A free-mail domain is everyone's: only its addresses one by one can be allow-listed.
    domains = () if ctx.kb.is_freemail(addr.domain) else lists.allow_domains
    entry = _sender_entry(addr, lists.allow_senders, domains)
    if not entry:
        return
    ev = [Evidence("address", addr.address, "From")]
    vouch = _vouching(ctx, addr)
    if vouch is None:
        yield ctx.finding("SENDER_ALLOWLIST_UNVERIFIED", ev, 1.0, entry=entry, domain=addr.domain)
        return
    auth = f"{vouch.method}={vouch.result}"
    ev.append(Evidence("header", f"{auth} ({vouch.authserv_id})", vouch.header))
    yield ctx.finding("SENDER_ALLOWLISTED", ev, 1.0, entry=entry, reason=lists.reason(entry) or "-", auth=auth)


@rule("LINK_ALLOWLISTED")
def allowed_links(ctx: Context) -> Iterator[Finding]:
    lists = ctx.lists
    links = [link for link in ctx.msg.links if link.host]
    if not lists.allow_urls or not links or ctx.msg.attachments:
        return
    entries = [_link_entry(link, ctx, lists.allow_urls, (), block=False) for link in links]
    if all(entries):
        first = entries[0]
        ev = [Evidence("url", link.url, link.where) for link in links[:5]]
        yield ctx.finding(
            "LINK_ALLOWLISTED", ev, 1.0, entry=first, count=str(len(links)), reason=lists.reason(first) or "-"
        )
