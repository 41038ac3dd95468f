"""URLs: finding them in text (also defanged and full-width), and describing them."""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

from ..model import Link
from .domains import is_ip, registrable, to_ascii, to_unicode

# Defanging styles people and tools use, undone before matching.
_REFANG = [
    (re.compile(r"\bh(?:xx|\*\*|\[xx\]|\[tt\]|\*tp|t\*p)p?(s?)(?=\[?:\]?//)", re.I), r"http\1"),
    (re.compile(r"\[:\]//"), "://"),
    (re.compile(r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)", re.I), "."),
]
_URL = re.compile(
    r"""(?ix)
    (?:\b(?:https?|ftp)://|\bwww\d?\.)
    [^\s<>"'`{}|\\^\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff01-\uffef]+
    """
)
_TRAIL = ".,;:!?)]}'\"»」』】）"


def normalise_text_for_urls(text: str) -> tuple[str, bool]:
    """NFKC (full-width → ASCII) and refang; returns the text and whether anything
    was defanged."""
    norm = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    defanged = False
    for pattern, repl in _REFANG:
        norm, count = pattern.subn(repl, norm)
        defanged = defanged or bool(count)
    return norm, defanged


def urls_in_text(text: str, limit: int) -> list[tuple[str, bool]]:
    """(url, was_defanged) for each URL written in plain text, in order."""
    if "." not in text:
        return []
    found: list[tuple[str, bool]] = []
    for line in text.splitlines():
        if "." not in line:
            continue
        norm, defanged = normalise_text_for_urls(line)
        for match in _URL.finditer(norm):
            url = match.group(0).rstrip(_TRAIL)
            if url.count("(") < url.count(")"):
                url = url.rstrip(")")
            if url.lower().startswith("www"):
                url = "http://" + url
            found.append((url, defanged))
            if len(found) >= limit:
                return found
    return found


def make_link(
    raw_url: str,
    source: str,
    where: str,
    text: str = "",
    defanged: bool = False,
    unescape: bool = True,
) -> Link:
    """Describe one URL. Never raises; unparseable URLs keep an empty host."""
    url = (
        (html.unescape(raw_url) if unescape else raw_url).strip().replace("\r", "").replace("\n", "").replace("\t", "")
    )
    url = url.strip("\x00 ")
    if url[:4].lower() == "www.":
        url = "http://" + url
    scheme = host = userinfo = ""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, netloc = netloc.rpartition("@")
        host = netloc
        if host.startswith("["):
            host = host[1 : host.find("]")] if "]" in host else host.strip("[")
        else:
            host = host.split(":", 1)[0]
        host = host.rstrip(".").lower()
    except ValueError:
        pass
    if not scheme and url.startswith("//"):
        scheme = "http"
    # A backslash is read as a slash by browsers: http://evil.example\@good.example
    host = host.split("\\", 1)[0]
    host_u = to_unicode(host) if host else ""
    if host_u and not host_u.isascii():
        host_u = unicodedata.normalize("NFKC", host_u).replace("。", ".")
    ip = bool(host_u) and (is_ip(host_u) or _is_numeric_host(host_u))
    return Link(
        url=url,
        source=source,
        where=where,
        text=" ".join(text.split())[:300],
        scheme=scheme,
        host=host_u,
        host_ascii=to_ascii(host_u) if host_u else "",
        registrable=registrable(host_u) if host_u and not ip else host_u,
        is_ip=ip,
        userinfo=userinfo,
        defanged=defanged,
    )


def _is_numeric_host(host: str) -> bool:
    """Decimal, octal or hex IPv4 forms browsers accept: http://3232235777/, 0x7f.1."""
    return bool(re.fullmatch(r"(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}", host))


def domain_shown_in_text(text: str) -> str:
    """The host a link's displayed text claims (e.g. 'www.kagoya.jp' or a full URL), or ''."""
    norm, _ = normalise_text_for_urls(text.strip())
    match = re.search(
        r"(?i)(?:https?://)?((?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff\-]{0,61})?\.)+"
        r"(?:[a-z]{2,24}|xn--[a-z0-9\-]+))(?![a-z0-9\-])",
        norm,
    )
    if not match:
        return ""
    # "Click here." is not a domain: require a dot-separated name that ends in a TLD.
    host = match.group(1).lower().rstrip(".")
    if "@" in norm[max(0, match.start() - 1) : match.start()]:
        return ""
    return to_unicode(host)
