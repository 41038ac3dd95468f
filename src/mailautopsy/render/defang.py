"""Defanging: URLs, domains and addresses written so that nobody can click them."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"(?i)\b(h)tt(ps?)(://)|\b(f)t(p)(://)")
_URL = re.compile(r"(?i)\b(?:https?|ftp)://[^\s<>\"']+")
# Where a host name ends inside a URL, also inside a URL nested in a query (?u=https://...).
_HOST_END = re.compile(r"[/?#&%\\\s\"'<>]")


def _break_scheme(match: re.Match[str], style: str) -> str:
    repl = "xx" if style == "hxxp" else "**"
    if match.group(1):
        return f"{match.group(1)}{repl}{match.group(2)}{match.group(3)}"
    return f"{match.group(4)}{repl[0]}{match.group(5)}{match.group(6)}"


def defang_url(url: str, style: str = "hxxp") -> str:
    """hxxps://evil[.]example/path — every scheme broken and every host's dots bracketed,
    including URLs nested inside the query (redirectors). Style 'h**p' writes h**ps://
    as the seed's author does."""
    if "://" not in url:
        return defang_host(url)
    out: list[str] = []
    pos = 0
    for match in _SCHEME.finditer(url):
        out.append(url[pos : match.start()])
        out.append(_break_scheme(match, style))
        rest = url[match.end() :]
        end = _HOST_END.search(rest)
        host_len = end.start() if end else len(rest)
        out.append(defang_host(rest[:host_len]))
        pos = match.end() + host_len
    if not out:  # another scheme (hxxps://, sftp://, ...): bracket its host all the same
        scheme, sep, rest = url.partition("://")
        end = _HOST_END.search(rest)
        host_len = end.start() if end else len(rest)
        return f"{scheme}{sep}{defang_host(rest[:host_len])}{rest[host_len:]}"
    out.append(url[pos:])
    return "".join(out)


def defang_host(host: str) -> str:
    return host.replace("[.]", ".").replace(".", "[.]")


def defang_text(text: str, style: str = "hxxp") -> str:
    """Defang every URL inside free text."""
    return _URL.sub(lambda m: defang_url(m.group(0), style), text)


def defang_email(address: str) -> str:
    local, at, domain = address.rpartition("@")
    return f"{local}[@]{defang_host(domain)}" if at else address


_HOSTLIKE = re.compile(r"(?i)\b(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff\-]*)\.)+[a-z\u00a1-\uffff]{2,}\b")


def defang_all(text: str, style: str = "hxxp") -> str:
    """Defang URLs, then every bare host name left in the text (evil.example → evil[.]example)."""
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        out.append(_HOSTLIKE.sub(lambda m: defang_host(m.group(0)), text[pos : match.start()]))
        out.append(defang_url(match.group(0), style))
        pos = match.end()
    out.append(_HOSTLIKE.sub(lambda m: defang_host(m.group(0)), text[pos:]))
    # A scheme left standing on its own ("https:// www.example.com") is broken too.
    return _SCHEME.sub(lambda m: _break_scheme(m, style), "".join(out))
