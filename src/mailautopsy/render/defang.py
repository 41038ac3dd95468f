"""Defanging: URLs, domains and addresses written so that nobody can click them."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"\b(h)(tt)(ps?)(://)", re.I)
_URL = re.compile(r"(?i)\b(?:https?|ftp)://[^\s<>\"']+")


def defang_url(url: str, style: str = "hxxp") -> str:
    """hxxps://evil[.]example/path — the host's dots bracketed, the scheme broken.
    style 'h**p' writes h**ps:// as the seed's author does."""
    repl = "xx" if style == "hxxp" else "**"
    out = _SCHEME.sub(lambda m: f"{m.group(1)}{repl}{m.group(3)}{m.group(4)}", url, count=1)
    scheme, sep, rest = out.partition("://")
    if not sep:
        return defang_host(url)
    host_end = len(rest)
    for ch in "/?#":
        pos = rest.find(ch)
        if pos != -1:
            host_end = min(host_end, pos)
    return f"{scheme}{sep}{defang_host(rest[:host_end])}{rest[host_end:]}"


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
    return "".join(out)
