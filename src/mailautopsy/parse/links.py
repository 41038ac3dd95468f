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


_HOST_RUN = re.compile("[a-z0-9\u00a1-\uffff.\\-]+", re.I)
_TLD = re.compile(r"(?:[a-z]{2,24}|xn--[a-z0-9\-]+)(?![a-z0-9\-])", re.I)


def _label_ok(label: str) -> bool:
    return 0 < len(label) <= 62 and label[0] != "-"


def _host_in_run(run: str) -> tuple[int, str] | None:
    """The first dot-separated name ending in a TLD inside `run` (a stretch of host characters),
    longest from the leftmost start, as (offset in run, host). One pass over the labels: the
    regular expression this replaces backtracked exponentially on `1.1.1.…1`."""
    labels = run.split(".")
    offsets = []
    pos = 0
    for label in labels:
        offsets.append(pos)
        pos += len(label) + 1
    i = 0
    while i < len(labels) - 1:
        first = labels[i].lstrip("-")[-62:]
        if not first:
            i += 1
            continue
        end = i + 1
        while end < len(labels) - 1 and _label_ok(labels[end]):
            end += 1
        # labels i .. end-1 may precede a TLD; the TLD is the last label k in i+1 .. end that is one.
        for k in range(end, i, -1):
            tld = _TLD.match(labels[k])
            if tld:  # "kagoya.jpへ": the TLD ends where the host characters stop being ASCII
                start = offsets[i] + len(labels[i]) - len(first)
                return start, run[start : offsets[k] + tld.end()]
        i = end if end > i + 1 else i + 1
    return None


def domain_shown_in_text(text: str) -> str:
    """The host a link's displayed text claims (e.g. 'www.kagoya.jp' or a full URL), or ''."""
    norm, _ = normalise_text_for_urls(text.strip())
    for run in _HOST_RUN.finditer(norm):
        if "." not in run.group(0):
            continue
        found = _host_in_run(run.group(0))
        if found is None:
            continue
        # "Click here." is not a domain: require a dot-separated name that ends in a TLD.
        offset, host = found
        start = run.start() + offset
        if "@" in norm[max(0, start - 1) : start]:
            return ""
        return to_unicode(host.lower().rstrip("."))
    return ""
