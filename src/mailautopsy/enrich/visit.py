"""A sandboxed visit to a link from a suspicious mail (opt-in: `analyze --visit`).

Opening an attacker's link is itself a risk: the page learns that someone looked, it may
try to reach the analyst's own network, and it may hand over a file. The rules:

- The recipient's address is taken out of the URL first (`strip_url`: plain, percent-encoded
  or base64, in the path, the query or the fragment), and tracking parameters are dropped,
  so the visit does not confirm to the sender that the victim clicked.
- Only http and https. The host is resolved before the browser starts; a private, loopback,
  link-local, shared (CGNAT) or reserved address refuses the visit (`allow_private` lifts
  this for tests and labs). A host under `.invalid` never resolves; one under `.localhost`
  is loopback.
- The same rule holds for every connection the page makes, enforced twice:
  * Playwright routing (`context.route`) sees each request the page issues and aborts those
    to refused hosts and those of other schemes than http, https, data: and blob:;
  * routing does not see redirect hops nor WebSockets, so the browser is also made to send
    all its traffic through a small proxy on 127.0.0.1 run by this module, which resolves
    each host itself, refuses as above and connects only to the addresses it checked (a
    host cannot switch to a private address between the check and the connection).
    Chromium is told not to resolve names itself (`--host-resolver-rules`) and not to send
    WebRTC traffic outside the proxy.
- A fresh browser and a fresh context each time: no profile, no cookies from before,
  service workers blocked, downloads refused (a download is recorded, never saved).
- A strict time limit: navigation and settling are budgeted out of `timeout`, and a watchdog
  kills the browser (by the process ids that carry this visit's own marker argument) when a
  page hangs it, e.g. a script that never yields. `visit` returns after about `timeout`
  seconds whatever the page does, and never raises: every failure is `VisitResult.error`.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import signal
import socket
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from ..parse.address_forms import address_pattern
from ..parse.domains import ip_class, is_ip, to_ascii

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Frame, Page, Request, Response, Route

    from ..knowledge import Knowledge


@dataclass(frozen=True)
class VisitResult:
    requested: str
    """The URL as found in the mail."""
    url: str
    """The URL actually visited (after `strip_url`)."""
    chain: tuple[str, ...]
    """Main-frame navigations: `url`, each redirect target (HTTP, script, meta refresh), ..., final."""
    final_url: str
    """Where the main frame ended; "" if nothing loaded."""
    status: int | None
    """HTTP status of the final main-frame response."""
    title: str
    password_fields: int
    """`<input type=password>` in the final page, all frames."""
    card_fields: int
    """Inputs that look like a card number, security code or expiry date, all frames."""
    forms: int
    brands_on_page: tuple[str, ...]
    """`Brand.id` of the brands named in the title or the visible text, in order."""
    screenshot_png: bytes
    """The viewport as PNG; b"" when nothing loaded."""
    error: str
    """"" on success, else a short reason ("timeout after 8s", "refused: ...", "no browser: ...")."""
    blocked: tuple[str, ...] = ()
    """Requests of the page the sandbox refused: "URL (reason)"."""

    @property
    def ok(self) -> bool:
        return not self.error


# --- the URL ------------------------------------------------------------------------------

TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "mc_eid",
        "mc_cid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "yclid",
        "msclkid",
        "oly_enc_id",
        "oly_anon_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
    }
)
"""Query parameters that only track the click (besides every `utm_*`)."""

_ANY_ADDRESS = re.compile(r"(?i)[a-z0-9._%+\-]+(?:@|%40|%2540)[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")
_WORDY = re.compile(r"[^\W_]")


def _is_tracking(key: str) -> bool:
    name = unquote_plus(key).strip().lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def _strip_pairs(query: str, patterns: list[re.Pattern[str]]) -> str:
    """`a=1&b=2` without tracking parameters and without the values the patterns match
    (a parameter emptied by that goes); the others are kept exactly as written."""
    kept = []
    for piece in query.split("&"):
        if not piece:
            continue
        key, eq, value = piece.partition("=")
        if _is_tracking(key):
            continue
        new_key, new_value = key, value
        for pattern in patterns:
            new_key, new_value = pattern.sub("", new_key), pattern.sub("", new_value)
        if new_key != key or (new_value != value and not _WORDY.search(new_value)):
            continue
        kept.append(f"{key}{eq}{new_value}")
    return "&".join(kept)


def _strip_text(text: str, patterns: list[re.Pattern[str]]) -> str:
    new = text
    for pattern in patterns:
        new = pattern.sub("", new)
    return new if new == text or _WORDY.search(new) else ""


def strip_url(url: str, recipients: Iterable[str] = ()) -> str:
    """Remove the recipient's address from the URL (plain, percent-encoded, base64 std/urlsafe
    with or without padding) wherever it appears (query values, fragment, path), and drop
    tracking parameters (utm_*, fbclid, gclid, mc_eid, mc_cid, _hsenc, _hsmi, mkt_tok, yclid,
    msclkid, oly_enc_id, oly_anon_id, vero_id, rb_clickid, s_cid). The seed's phishing link
    carried the victim's address in its fragment (…/Kagoya-mail.html#administrator@example.co.jp):
    that fragment goes.

    A fragment never reaches the server; kits read it to pre-fill the victim's address, so any
    e-mail address in the fragment goes, the recipients' or not. The rest of the URL is kept
    exactly as written."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    address = address_pattern(recipients)
    patterns = [address] if address is not None else []
    path = parts.path
    if patterns and path:
        segments = []
        for segment in path.split("/"):
            stripped = _strip_text(segment, patterns)
            if stripped or not segment:  # a segment that was only the address goes
                segments.append(stripped)
        path = "/".join(segments)
        if parts.path.startswith("/") and not path.startswith("/"):
            path = "/" + path
    query = _strip_pairs(parts.query, patterns) if parts.query else ""
    fragment = parts.fragment
    if fragment:
        fragment_patterns = [*patterns, _ANY_ADDRESS]
        head, mark, tail = fragment.rpartition("?") if "?" in fragment else ("", "", fragment)
        if "=" in tail:
            tail = _strip_pairs(tail, fragment_patterns)
            fragment = f"{_strip_text(head, fragment_patterns)}{mark if tail else ''}{tail}"
        else:
            fragment = _strip_text(fragment, fragment_patterns)
    return urlunsplit((parts.scheme, parts.netloc, path, query, fragment))


# --- which addresses the browser may reach -------------------------------------------------

_KIND = {
    "private": "a private",
    "loopback": "a loopback",
    "link_local": "a link-local",
    "shared": "a shared (CGNAT)",
    "reserved": "a reserved",
    "invalid": "an invalid",
}


def address_refusal(ip: str, allow_private: bool = False) -> str:
    """Why the browser may not connect to `ip`: "" when it may, else e.g.
    "127.0.0.1 is a loopback address" (see `ip_class`)."""
    kind = ip_class(ip)
    if kind == "public" or (allow_private and kind != "invalid"):
        return ""
    return f"{ip} is {_KIND.get(kind, 'a ' + kind)} address"


def _getaddrinfo(host: str, timeout: float) -> list[str]:
    """The addresses of `host`, within `timeout` seconds (the system resolver may hang)."""
    box: list[list[str] | BaseException] = []

    def run() -> None:
        try:
            box.append([str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)])
        except Exception as exc:
            box.append(exc)

    worker = threading.Thread(target=run, daemon=True, name="mailautopsy-visit-dns")
    worker.start()
    worker.join(max(0.1, timeout))
    if not box:
        raise TimeoutError(f"no answer in {timeout:.0f}s")
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


class _Guard:
    """Decides once per host and visit whether the browser may connect there. The request
    router and the proxy share it, so both act on the same addresses."""

    def __init__(self, allow_private: bool, deadline: float) -> None:
        self.allow_private = allow_private
        self.deadline = deadline
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[tuple[str, ...], str]] = {}
        self.problems: dict[str, str] = {}
        """host → "refused: ..." / "unreachable: ..." met during the visit."""
        self.blocked: list[str] = []

    def check(self, host: str) -> tuple[tuple[str, ...], str]:
        """(addresses, problem): problem is "" or "refused: ..." / "unresolvable: ..."."""
        key = _host_key(host)
        with self._lock:
            known = self._hosts.get(key)
        if known is not None:
            return known
        outcome = self._lookup(key)
        with self._lock:
            return self._hosts.setdefault(key, outcome)

    def _lookup(self, host: str) -> tuple[tuple[str, ...], str]:
        if not host:
            return (), "refused: no host"
        if host == "invalid" or host.endswith(".invalid"):
            return (), f"unresolvable: {host}"  # RFC 6761: never resolves
        if host == "localhost" or host.endswith(".localhost"):
            addresses: list[str] = ["127.0.0.1"]  # RFC 6761; Chromium maps these itself
        elif is_ip(host):
            addresses = [host]
        else:
            try:
                addresses = _getaddrinfo(host, min(5.0, max(0.2, self.deadline - time.monotonic())))
            except Exception:
                return (), f"unresolvable: {host}"
        unique = tuple(dict.fromkeys(a.split("%")[0] for a in addresses))
        if not unique:
            return (), f"unresolvable: {host}"
        for ip in unique:
            reason = address_refusal(ip, self.allow_private)
            if reason:
                return unique, f"refused: {reason}"
        return unique, ""

    def url_problem(self, url: str) -> str:
        """Why the page may not fetch `url` ("" when it may)."""
        scheme = url.partition(":")[0].lower()
        if scheme in ("data", "blob"):
            return ""
        if scheme not in ("http", "https"):
            return f"refused: scheme {scheme}"
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return "refused: malformed URL"
        return self.check(host)[1]

    def note(self, host: str, what: str, problem: str) -> None:
        with self._lock:
            self.problems.setdefault(_host_key(host), problem)
            entry = f"{what} ({problem})"
            if problem.startswith("refused") and entry not in self.blocked and len(self.blocked) < 50:
                self.blocked.append(entry)

    def problem_of(self, url: str) -> str:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return ""
        with self._lock:
            return self.problems.get(_host_key(host), "")


def _host_key(host: str) -> str:
    host = host.strip().strip("[]").rstrip(".").lower()
    return host if is_ip(host) else to_ascii(host)


# --- the proxy every connection of the browser goes through --------------------------------

_HOP_HEADERS = frozenset({"connection", "proxy-connection", "keep-alive", "proxy-authorization", "upgrade"})
_SAID = "x-mailautopsy-visit"
"""Header of the proxy's own refusals (removed from what servers send)."""
_CONNECT_ERRORS: tuple[tuple[type[OSError], str], ...] = (
    (ConnectionRefusedError, "net::ERR_CONNECTION_REFUSED"),
    (ConnectionResetError, "net::ERR_CONNECTION_RESET"),
    (TimeoutError, "net::ERR_CONNECTION_TIMED_OUT"),
)


class _Proxy:
    """An HTTP proxy on 127.0.0.1 (CONNECT for https and WebSockets, absolute-form requests for
    http) that asks the guard about each host and connects only to the addresses it checked."""

    def __init__(self, guard: _Guard) -> None:
        self._guard = guard
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True, name="mailautopsy-visit-proxy").start()

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            sockets, self._sockets = list(self._sockets), set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            if self._closed.is_set():
                sock.close()
            else:
                self._sockets.add(sock)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._track(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True, name="mailautopsy-visit-conn").start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            client.settimeout(10.0)
            head, rest = _read_head(client)
            if not head:
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target, version = [*lines[0].split(" ", 2), "", ""][:3]
            if method.upper() == "CONNECT":
                host, port = _split_hostport(target, 443)
                upstream = self._connect(client, host, port, target)
                if upstream is None:
                    return
                client.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                if rest:
                    upstream.sendall(rest)
                self._relay(client, upstream, rewrite=False)
                return
            parts = urlsplit(target)
            if parts.scheme.lower() != "http" or not parts.hostname:
                _reply(client, 400, "only absolute http URLs")
                return
            upstream = self._connect(client, parts.hostname, parts.port or 80, target)
            if upstream is None:
                return
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            headers = [h for h in lines[1:] if h and h.partition(":")[0].strip().lower() not in _HOP_HEADERS]
            request = f"{method} {path} {version}\r\n" + "".join(f"{h}\r\n" for h in headers)
            upstream.sendall((request + "Connection: close\r\n\r\n").encode("latin-1") + rest)
            self._relay(client, upstream, rewrite=True)
        except (OSError, ValueError):
            pass
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()

    def _connect(self, client: socket.socket, host: str, port: int, what: str) -> socket.socket | None:
        addresses, problem = self._guard.check(host)
        if problem:
            self._guard.note(host, what, problem)
            _reply(client, 403, problem)
            return None
        failure = "net::ERR_CONNECTION_FAILED"
        for ip in addresses:
            # the browser's own time limit ends the visit; this one only keeps a dead host from tying the thread
            left = max(1.0, min(10.0, self._guard.deadline - time.monotonic()))
            try:
                upstream = socket.create_connection((ip, port), timeout=left)
            except OSError as exc:
                failure = next((name for kind, name in _CONNECT_ERRORS if isinstance(exc, kind)), failure)
                continue
            upstream.settimeout(10.0)
            self._track(upstream)
            return upstream
        self._guard.note(host, what, f"unreachable: {failure}")
        _reply(client, 502, f"unreachable: {failure}")
        return None

    def _relay(self, client: socket.socket, upstream: socket.socket, *, rewrite: bool) -> None:
        """Copy bytes both ways until one side closes. With `rewrite`, response heads say
        `Connection: close`: one request per connection, so each is checked."""
        pending = b""
        in_head = rewrite
        while not self._closed.is_set():
            try:
                readable, _, _ = select.select([client, upstream], [], [], 0.25)
            except (OSError, ValueError):
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                if sock is client:
                    upstream.sendall(data)
                    continue
                if in_head:
                    pending += data
                    if b"\r\n\r\n" not in pending:
                        if len(pending) > 65536:
                            return
                        continue
                    head, _, data = pending.partition(b"\r\n\r\n")
                    pending = b""
                    in_head = head[9:10] == b"1" and head[9:12] != b"101"  # 1xx: another head follows
                    data = _close_head(head) + data
                client.sendall(data)


def _read_head(sock: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk or len(data) > 65536:
            return b"", b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def _close_head(head: bytes) -> bytes:
    lines = head.split(b"\r\n")
    drop = _HOP_HEADERS | {_SAID}
    kept = [lines[0]] + [h for h in lines[1:] if h.partition(b":")[0].strip().lower().decode("latin-1") not in drop]
    return b"\r\n".join([*kept, b"Connection: close", b"Proxy-Connection: close"]) + b"\r\n\r\n"


def _split_hostport(target: str, default: int) -> tuple[str, int]:
    if target.startswith("["):
        host, _, rest = target[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else default
    host, colon, port = target.rpartition(":")
    return (host, int(port)) if colon else (target, default)


def _reply(sock: socket.socket, status: int, problem: str) -> None:
    """The proxy's own answer; `problem` also goes in a header the page's response handler reads."""
    body = f"mailautopsy visit: {problem}\n".encode()
    reason = {400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway"}.get(status, "Error")
    head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n{_SAID}: {problem}\r\n"
    head += f"Content-Length: {len(body)}\r\nConnection: close\r\nProxy-Connection: close\r\n\r\n"
    with contextlib.suppress(OSError):
        sock.sendall(head.encode("latin-1", "replace") + body)


# --- the browser ------------------------------------------------------------------------------

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# All traffic goes through the proxy: Chromium need not (and must not) resolve names itself.
_SAFETY_ARGS = (
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
)
_SETTLE = 1.0
"""Seconds a loaded page gets for script and meta-refresh redirects."""

_PAGE_JS = r"""() => {
  const skip = new Set(["hidden", "submit", "button", "reset", "image", "checkbox", "radio", "file"]);
  const cardWords = /card|cc[-_ ]?num|cvc|cvv|security[-_ ]?code|カード番号|セキュリティコード|有効期限/i;
  let password = 0, card = 0;
  for (const el of document.querySelectorAll("input, select, textarea")) {
    const type = String(el.type || "").toLowerCase();
    if (el.tagName === "INPUT" && type === "password") { password++; continue; }
    if (skip.has(type)) continue;
    const auto = String(el.getAttribute("autocomplete") || "").toLowerCase();
    const words = [el.name, el.id, el.getAttribute("placeholder"), el.getAttribute("aria-label")]
      .filter(Boolean).join(" ");
    if (/(^|\s)cc-/.test(auto) || cardWords.test(words)) card++;
  }
  const text = document.body ? String(document.body.innerText || "") : "";
  return {password, card, forms: document.forms.length, title: String(document.title || ""),
          text: text.slice(0, 5000)};
}"""

_NET_ERROR = re.compile(r"net::ERR_[A-Z_]+")
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)""", re.I)


@dataclass
class _Progress:
    """What the browser thread found so far (read by the caller even when it hangs)."""

    chain: list[str] = field(default_factory=list)
    final_url: str = ""
    status: int | None = None
    statuses: dict[str, int] = field(default_factory=dict)
    said: dict[str, str] = field(default_factory=dict)
    """URL → the proxy's refusal, when the proxy answered instead of the server."""
    title: str = ""
    text: str = ""
    password_fields: int = 0
    card_fields: int = 0
    forms: int = 0
    screenshot: bytes = b""
    error: str = ""
    download: str = ""

    def navigated(self, url: str) -> None:
        if not url.startswith(("http:", "https:", "data:", "blob:")):
            return  # about:blank, chrome-error://
        if self.chain and self.chain[-1].partition("#")[0] == url.partition("#")[0]:
            return
        self.chain.append(url)


def visit(
    url: str,
    *,
    kb: Knowledge,
    recipients: Iterable[str] = (),
    timeout: float = 15.0,
    allow_private: bool = False,
    browser_path: str = "/usr/bin/chromium",
) -> VisitResult:
    """Open `url` (stripped of the recipient and trackers) in a throw-away headless Chromium and
    report what it showed. Never raises; a failure is `error`. See the module's safety rules."""
    started = time.monotonic()
    target = url
    progress = _Progress()
    guard = _Guard(allow_private, started + timeout)
    brands: tuple[str, ...] = ()
    try:
        target = strip_url(url, recipients)
        progress.error = _run(target, progress, guard, timeout, browser_path)
        if not progress.error:
            brands = tuple(brand.id for brand, _ in kb.brands_in(f"{progress.title} {progress.text}"))
    except Exception as exc:  # never raise: the caller analyses a mail, not our plumbing
        progress.error = progress.error or f"failed: {type(exc).__name__}: {exc}"[:200]
    return VisitResult(
        requested=url,
        url=target,
        chain=tuple(progress.chain),
        final_url=progress.final_url,
        status=progress.status,
        title=progress.title,
        password_fields=progress.password_fields,
        card_fields=progress.card_fields,
        forms=progress.forms,
        brands_on_page=brands,
        screenshot_png=progress.screenshot,
        error=progress.error,
        blocked=tuple(guard.blocked),
    )


def _run(target: str, progress: _Progress, guard: _Guard, timeout: float, browser_path: str) -> str:
    """The visit; returns the error ("" when the page was seen)."""
    try:
        parts = urlsplit(target)
        host = parts.hostname or ""
    except ValueError:
        return "refused: malformed URL"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"refused: scheme {scheme or '(none)'}"
    problem = guard.check(host)[1]
    if problem:
        return problem
    if not Path(browser_path).is_file():
        return f"no browser: {browser_path} not found"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no browser: playwright is not installed"

    marker = _new_marker()
    proxy = _Proxy(guard)
    worker = threading.Thread(
        target=_session,
        args=(target, progress, guard, proxy.port, browser_path, marker, timeout),
        daemon=True,
        name="mailautopsy-visit",
    )
    try:
        worker.start()
        worker.join(max(0.0, guard.deadline - time.monotonic()) + 1.5)
        if worker.is_alive():  # the page hangs the browser: kill it, the blocked call then fails
            _kill_marked(marker)
            worker.join(5.0)
            return f"timeout after {timeout:g}s"
    finally:
        proxy.close()
    if progress.error or progress.final_url:
        return progress.error
    if progress.download:
        return f"download: {progress.download} (not saved)"
    return guard.problem_of(progress.chain[-1] if progress.chain else target) or "unreachable: no page loaded"


def _session(
    target: str, progress: _Progress, guard: _Guard, proxy_port: int, browser_path: str, marker: str, timeout: float
) -> None:
    """Runs in its own thread (the sync API wants a thread without an asyncio loop)."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            try:
                browser = p.chromium.launch(
                    executable_path=browser_path,
                    args=[*CHROMIUM_ARGS, *_SAFETY_ARGS, marker],
                    headless=True,
                    proxy={"server": f"http://127.0.0.1:{proxy_port}"},
                    timeout=_ms(guard.deadline),
                )
            except PlaywrightTimeout:
                progress.error = f"timeout after {timeout:g}s"
                return
            except PlaywrightError as exc:
                progress.error = f"no browser: {_first_line(exc)}"
                return
            try:
                _browse(browser, target, progress, guard, timeout)
            finally:
                with contextlib.suppress(Exception):
                    browser.close()
    except Exception as exc:
        progress.error = progress.error or f"no browser: {_first_line(exc)}"


def _browse(browser: Browser, target: str, progress: _Progress, guard: _Guard, timeout: float) -> None:
    page = _context(browser, guard).new_page()
    _watch(page, progress)
    reserve = min(2.0, timeout / 4)
    if not _open(page, target, progress, guard, timeout, reserve):
        return
    _settle(page, progress, guard, reserve)
    _record(page, progress, guard)


def _context(browser: Browser, guard: _Guard) -> BrowserContext:
    """A fresh browser context that looks like a desktop Chrome; every request passes the guard."""
    major = browser.version.partition(".")[0] or "120"
    context = browser.new_context(
        accept_downloads=False,
        java_script_enabled=True,
        viewport={"width": 1280, "height": 900},
        ignore_https_errors=True,
        service_workers="block",
        user_agent=(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{major}.0.0.0 Safari/537.36"
        ),
    )

    def route(route: Route, request: Request) -> None:
        try:
            problem = guard.url_problem(request.url)
            if problem:
                guard.note(urlsplit(request.url).hostname or "", request.url[:300], problem)
                route.abort("blockedbyclient")
            else:
                route.continue_()
        except Exception:
            pass  # the page or context is gone

    context.route("**/*", route)
    return context


def _watch(page: Page, progress: _Progress) -> None:
    """Record the main frame's navigations, statuses and downloads; dismiss dialogs, cancel downloads."""
    main = page.main_frame

    def on_request(request: Request) -> None:
        with contextlib.suppress(Exception):
            if request.is_navigation_request() and request.frame == main:
                progress.navigated(request.url)

    def on_response(response: Response) -> None:
        with contextlib.suppress(Exception):
            if response.request.is_navigation_request() and response.frame == main:
                progress.statuses[response.url.partition("#")[0]] = response.status
                if response.headers.get(_SAID):
                    progress.said[response.url.partition("#")[0]] = response.headers[_SAID]
                disposition = response.headers.get("content-disposition", "")
                if disposition.lower().startswith("attachment"):
                    name = _FILENAME.search(disposition)
                    progress.download = (name.group(1).strip() if name else "") or "file"

    def on_frame(frame: Frame) -> None:
        with contextlib.suppress(Exception):
            if frame == main:
                progress.navigated(frame.url)

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("framenavigated", on_frame)
    page.on("dialog", lambda dialog: _quietly(dialog.dismiss))
    page.on("download", lambda download: _quietly(download.cancel))


def _open(page: Page, target: str, progress: _Progress, guard: _Guard, timeout: float, reserve: float) -> bool:
    """Navigate to `target`; False (with `progress.error` set) when there is no page to look at."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    progress.navigated(target)
    try:
        page.goto(target, wait_until="commit", timeout=_ms(guard.deadline - reserve))
    except PlaywrightTimeout:
        progress.error = f"timeout after {timeout:g}s"
        return False
    except PlaywrightError as exc:
        message = str(exc)
        if "Download is starting" in message:
            progress.error = f"download: {progress.download or 'file'} (not saved)"
            return False
        found = _NET_ERROR.search(message)
        code = found.group(0) if found else _first_line(exc)
        if code != "net::ERR_ABORTED":  # aborted: replaced by another navigation, which we follow
            progress.error = guard.problem_of(target) or f"unreachable: {code}"
            return False
    return True


def _settle(page: Page, progress: _Progress, guard: _Guard, reserve: float) -> None:
    """Load, give scripts and meta refresh a moment; again while they navigate (five rounds at most)."""
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(5):
        seen = len(progress.chain)
        with contextlib.suppress(PlaywrightError):
            page.wait_for_load_state("load", timeout=_ms(guard.deadline - reserve))
        settle = min(_SETTLE, guard.deadline - reserve - time.monotonic())
        if settle <= 0:
            break
        with contextlib.suppress(PlaywrightError):
            page.wait_for_timeout(settle * 1000)
        if len(progress.chain) == seen:
            break


def _record(page: Page, progress: _Progress, guard: _Guard) -> None:
    """The page the visit ended on: its URL, status, fields and forms, and a screenshot."""
    from playwright.sync_api import Error as PlaywrightError

    final = page.url
    if not final.startswith(("http:", "https:")):
        return  # an error page: `_run` says why
    if final.partition("#")[0] in progress.said:
        progress.error = progress.said[final.partition("#")[0]]
        return
    progress.final_url = final
    progress.status = progress.statuses.get(final.partition("#")[0])
    if progress.status is None and progress.statuses:
        progress.status = list(progress.statuses.values())[-1]
    _inspect(page, progress)
    with contextlib.suppress(PlaywrightError):
        progress.screenshot = page.screenshot(
            type="png", full_page=False, timeout=_ms(max(guard.deadline, time.monotonic() + 1.0))
        )


def _inspect(page: Page, progress: _Progress) -> None:
    """Fields and forms of every frame; title and text of the main one."""
    for frame in list(page.frames):
        try:
            found: dict[str, Any] = frame.evaluate(_PAGE_JS)
        except Exception:
            continue  # detached, navigated away, or a refused (error) page
        progress.password_fields += int(found.get("password", 0))
        progress.card_fields += int(found.get("card", 0))
        progress.forms += int(found.get("forms", 0))
        if frame == page.main_frame:
            progress.title = str(found.get("title", ""))[:500]
            progress.text = str(found.get("text", ""))


def _quietly(action: Any) -> None:
    with contextlib.suppress(Exception):
        action()


def _ms(deadline: float) -> float:
    """Milliseconds from now to `deadline` (at least a little, Playwright reads 0 as no limit)."""
    return max(100.0, (deadline - time.monotonic()) * 1000)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


def _new_marker() -> str:
    """A command-line argument Chromium ignores, unique to one visit: how the watchdog finds
    this visit's browser processes and no others."""
    return f"--mailautopsy-visit={uuid.uuid4().hex}"


def _kill_marked(marker: str) -> None:
    """Kill the processes of this visit's browser: those whose command line carries `marker`
    (a fresh random argument). Linux only; elsewhere the stuck thread is left to the daemon."""
    proc = Path("/proc")
    if not proc.is_dir():
        return
    needle = marker.encode()
    kill = getattr(signal, "SIGKILL", signal.SIGTERM)
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "cmdline").read_bytes():
                os.kill(int(entry.name), kill)
        except OSError:
            continue
