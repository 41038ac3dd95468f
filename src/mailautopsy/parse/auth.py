"""Authentication results as recorded by receiving servers.

Trust rule: the receiving authserv-id is the one named by the topmost
Authentication-Results header. Results under that id are trusted when the header
stands above at least one Received header (it was added in transit, not written by
the sender, whose own headers sit below every Received line), or when the id names a
host that received the mail in transit (some MTAs write it below their own Received
line); with no Received header at all, only the topmost header is trusted. Microsoft 365 writes
Authentication-Results without an authserv-id; those are handled the same way
with the empty id.
"""

from __future__ import annotations

import re

from ..model import AuthResult, DkimSignature

_METHOD = re.compile(r"(?P<method>[A-Za-z][A-Za-z0-9_\-]*)(?:/\d+)?\s*=\s*(?P<result>[A-Za-z0-9_\-]+)")
_PROP = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_\-]*\.[A-Za-z][A-Za-z0-9_\-]*)\s*=\s*(?P<val>[^\s;]+)")
_REASON = re.compile(r"\breason\s*=\s*(\"[^\"]*\"|\S+)")
_KNOWN = {
    "spf",
    "dkim",
    "dmarc",
    "arc",
    "compauth",
    "auth",
    "iprev",
    "bimi",
    "dkim-atps",
    "sender-id",
    "x-google-dkim",
    "smime",
}


def _strip_comments(text: str) -> str:
    out = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _authserv_parts(header: str, value: str) -> tuple[str, list[str]]:
    """The authserv-id ('' when the header names none) and the method parts after it."""
    parts = [p.strip() for p in _strip_comments(value).split(";")]
    authserv = ""
    if header.lower().startswith("arc-") and parts and parts[0].lower().startswith("i="):
        parts = parts[1:]
    if parts and parts[0] and "=" not in parts[0].split()[0]:
        authserv = parts[0].split()[0].lower()
        parts = parts[1:]
    return authserv, parts


def authserv_id(header: str, value: str) -> str:
    """The authserv-id of one (ARC-)Authentication-Results value, lower-cased; '' when none."""
    return _authserv_parts(header, value)[0]


def parse_auth_results(header: str, index: int, value: str) -> list[AuthResult]:
    """Parse one Authentication-Results or ARC-Authentication-Results value."""
    authserv, parts = _authserv_parts(header, value)
    results: list[AuthResult] = []
    for part in parts:
        match = _METHOD.match(part)
        if not match:
            continue
        method = match.group("method").lower()
        if method not in _KNOWN:
            continue
        props = tuple((m.group("key").lower(), m.group("val").strip('"').lower()) for m in _PROP.finditer(part))
        reason = _REASON.search(part)
        results.append(
            AuthResult(
                header=header,
                header_index=index,
                authserv_id=authserv,
                method=method,
                result=match.group("result").lower(),
                properties=props,
                reason=reason.group(1).strip('"') if reason else "",
            )
        )
    return results


def parse_received_spf(index: int, value: str) -> AuthResult | None:
    match = re.match(r"\s*([A-Za-z]+)", value)
    if not match:
        return None
    props: list[tuple[str, str]] = []
    for key in ("client-ip", "envelope-from", "helo", "receiver"):
        found = re.search(re.escape(key) + r"\s*=\s*\"?([^\s;\"]+)", value, re.I)
        if found:
            props.append((key, found.group(1).lower()))
    domain = re.search(r"domain of (?:transitioning )?(?:\S+@)?([A-Za-z0-9.\-]+)", value)
    if domain:
        props.append(("smtp.mailfrom", domain.group(1).lower().rstrip(".")))
    return AuthResult("Received-SPF", index, "", "spf", match.group(1).lower(), tuple(props))


def parse_dkim_signature(index: int, value: str) -> DkimSignature | None:
    tags = dict(
        (k.strip().lower(), v.strip())
        for k, _, v in (t.partition("=") for t in re.sub(r"\s+", "", value).split(";"))
        if k
    )
    domain = tags.get("d", "").lower()
    if not domain:
        return None
    return DkimSignature(domain=domain, selector=tags.get("s", "").lower(), header_index=index)


def mark_trusted(
    results: list[AuthResult],
    last_received_index: int | None,
    receiving_hosts: frozenset[str] = frozenset(),
    own_ids: frozenset[str] = frozenset(),
) -> tuple[AuthResult, ...]:
    """Apply the trust rule of this module's docstring. `receiving_hosts` are the `by` hosts of
    the Received headers: results whose authserv-id names one of them were written by a server
    that took part in the delivery, wherever the header sits. (A sender forging both a Received
    line and results under the recipient's own MX name defeats this; receivers should strip
    results carrying their own id, as RFC 8601 asks.) `own_ids` are this host's authserv-ids (the
    milter's configuration): results under one of them are the receiving side's and trusted."""
    ar = [r for r in results if r.header == "Authentication-Results"]
    if not ar:
        return tuple(results)
    top_index = min(r.header_index for r in ar)
    own = [r for r in ar if r.authserv_id in own_ids]
    if own:
        top_index = min(r.header_index for r in own)
    receiving_id = next(r.authserv_id for r in ar if r.header_index == top_index)
    out = []
    for r in results:
        trusted = False
        if r.header in ("Authentication-Results", "Received-SPF") and (
            r.header == "Received-SPF" or r.authserv_id == receiving_id
        ):
            if own and r.header == "Authentication-Results":
                trusted = True
            elif last_received_index is None:
                trusted = r.header_index == top_index
            else:
                trusted = r.header_index < last_received_index or (
                    bool(r.authserv_id) and r.authserv_id in receiving_hosts
                )
        out.append(_with_trust(r, trusted))
    return tuple(out)


def _with_trust(r: AuthResult, trusted: bool) -> AuthResult:
    return AuthResult(r.header, r.header_index, r.authserv_id, r.method, r.result, r.properties, r.reason, trusted)
