"""The sandboxed visit (`--visit`): a real headless Chromium against real HTTP servers.

Nothing here leaves the machine: the pages are served on 127.0.0.1, the address the sandbox
must refuse is a second server on 127.0.0.2 (which counts what reaches it), and the address
policy for other private ranges is tested without any network.
"""

from __future__ import annotations

import base64
import os
import socket
import ssl
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import ROOT

from mailautopsy import knowledge
from mailautopsy.enrich import visit as visit_module
from mailautopsy.enrich.visit import address_refusal, strip_url, visit

ARTIFACTS = Path(os.environ.get("MAILAUTOPSY_ARTIFACTS", ROOT / "tests" / "artifacts"))
# .ci/run sets this: there, a missing browser is a failure, not a skip.
REQUIRE_SYSTEM = os.environ.get("MAILAUTOPSY_REQUIRE_SYSTEM_DEPS") == "1"
CHROMIUM = "/usr/bin/chromium"
SEED_RECIPIENT = "administrator@example.co.jp"
KB = knowledge.load(None)
# A visit that must succeed gets a budget of its own far above what it needs, so that a machine
# busy with other test workers (`pytest -n auto` on 2 cores starts several browsers at once)
# slows it down without failing it. Visits that must time out use a short one and bound the
# time to that budget plus the sandbox's own grace periods (1.5 s join, 5 s kill) and slack.
VISIT_TIMEOUT = 60.0
SHORT_TIMEOUT = 3
GRACE = 1.5 + 5 + 10

LOGIN_PAGE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>KAGOYA ログイン</title></head>
<body><h1>KAGOYA Active!mail</h1><p>KAGOYA のメールアカウントにログインしてください。</p>
<form action="/post" method="post">
<input type="text" name="user" placeholder="メールアドレス">
<input type="password" name="pass">
<input type="text" name="card_number" placeholder="カード番号">
<button>ログイン</button></form></body></html>"""


def _missing(what: str) -> None:
    if REQUIRE_SYSTEM:
        pytest.fail(f"{what} is required here (MAILAUTOPSY_REQUIRE_SYSTEM_DEPS=1)")
    pytest.skip(f"{what} not installed")


def _browser_or_skip() -> None:
    if not Path(CHROMIUM).exists():
        _missing("Debian's chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("playwright")


# --- the servers ----------------------------------------------------------------------------


@dataclass
class Site:
    base: str = ""
    hits: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    forbidden: str = ""
    """Base URL of the server the sandbox must not reach (set once it runs)."""
    download_name: str = field(default_factory=lambda: f"mailautopsy-visit-test-{uuid.uuid4().hex}.bin")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits.append(self.path)
            path = self.path.partition("?")[0]
            if path == "/r1":
                self._redirect("/r2")
            elif path == "/r2":
                self._redirect("/login")
            elif path == "/to-forbidden":
                self._redirect(f"{site.forbidden}/landing")
            elif path == "/login":
                self._page(LOGIN_PAGE)
            elif path == "/js":
                self._page('<title>wait</title><p>wait...</p><script>location.href = "/login";</script>')
            elif path == "/spin":
                self._page("<title>spin</title><p>spin</p><script>for (;;) {}</script>")
            elif path == "/mixed":
                f = site.forbidden
                self._page(
                    f'<title>mixed</title><p>hello</p><img src="{f}/pixel.png"><iframe src="{f}/frame"></iframe>'
                    f'<script>fetch("{f}/xhr").catch(() => 0); try {{ new WebSocket("{f.replace("http", "ws")}/ws");'
                    "} catch (e) {}</script>"
                )
            elif path == "/hang":
                site.stop.wait(SHORT_TIMEOUT + GRACE + 30)  # never answers while a test waits; ends at teardown
            elif path == "/file":
                body = b"MZ not really a program"
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Disposition", f'attachment; filename="{site.download_name}"')
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self._page("<title>here</title><p>ok</p>")

        def _redirect(self, where: str) -> None:
            self.send_response(302)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _page(self, html: str) -> None:
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def _serve(host: str, site: Site, tls: ssl.SSLContext | None = None) -> Iterator[Site]:
    server = ThreadingHTTPServer((host, 0), _handler(site))
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site.base = f"{'https' if tls else 'http'}://{host}:{server.server_address[1]}"
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def forbidden() -> Iterator[Site]:
    """A server on 127.0.0.2: the address the sandbox must refuse (it counts what reaches it)."""
    try:
        yield from _serve("127.0.0.2", Site())
    except OSError as exc:
        pytest.skip(f"cannot listen on 127.0.0.2: {exc}")


@pytest.fixture(scope="module")
def site(forbidden: Site) -> Iterator[Site]:
    yield from _serve("127.0.0.1", Site(forbidden=forbidden.base))


@pytest.fixture
def marker(monkeypatch: pytest.MonkeyPatch) -> str:
    """The marker argument of the next visit's browser, to find its processes."""
    value = f"--mailautopsy-visit=test{uuid.uuid4().hex}"
    monkeypatch.setattr(visit_module, "_new_marker", lambda: value)
    return value


def _live_processes(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "cmdline").read_bytes():
                state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except (OSError, IndexError):
            continue
    return found


def _assert_browser_gone(marker: str) -> None:
    if not Path("/proc").is_dir():
        return
    for _ in range(300):  # a busy machine may take a while to reap them
        if not _live_processes(marker):
            return
        time.sleep(0.1)
    raise AssertionError(f"browser processes left running: {_live_processes(marker)}")


# --- visits ---------------------------------------------------------------------------------


def test_redirects_to_a_fake_login_page(site: Site, marker: str) -> None:
    _browser_or_skip()
    result = visit(
        f"{site.base}/r1#{SEED_RECIPIENT}",
        kb=KB,
        recipients=[SEED_RECIPIENT],
        allow_private=True,
        timeout=VISIT_TIMEOUT,
    )
    assert result.ok, result.error
    assert result.url == f"{site.base}/r1"
    assert result.requested.endswith(SEED_RECIPIENT)
    chain = list(result.chain)
    wanted = [f"{site.base}/r1", f"{site.base}/r2", f"{site.base}/login"]
    assert [u for u in chain if u in wanted] == wanted, chain
    assert result.final_url.endswith("/login") and result.status == 200
    assert result.title == "KAGOYA ログイン"
    assert result.password_fields >= 1 and result.card_fields >= 1 and result.forms == 1
    assert "kagoya" in result.brands_on_page
    assert result.screenshot_png.startswith(b"\x89PNG")
    assert result.blocked == ()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "visit.login.png").write_bytes(result.screenshot_png)
    _assert_browser_gone(marker)


def test_script_redirect_is_followed(site: Site) -> None:
    _browser_or_skip()
    result = visit(f"{site.base}/js", kb=KB, allow_private=True, timeout=VISIT_TIMEOUT)
    assert result.ok, result.error
    assert result.final_url.endswith("/login")
    assert result.chain[0].endswith("/js") and result.chain[-1].endswith("/login")
    assert result.password_fields == 1 and "kagoya" in result.brands_on_page


def test_hanging_server_times_out(site: Site, marker: str) -> None:
    _browser_or_skip()
    started = time.monotonic()
    result = visit(f"{site.base}/hang", kb=KB, timeout=SHORT_TIMEOUT, allow_private=True)
    elapsed = time.monotonic() - started
    assert result.error.startswith("timeout"), result.error
    assert result.error == f"timeout after {SHORT_TIMEOUT}s"
    assert elapsed < SHORT_TIMEOUT + GRACE, elapsed
    assert result.final_url == "" and result.screenshot_png == b""
    _assert_browser_gone(marker)


def test_page_that_hangs_the_browser_is_killed(site: Site, marker: str) -> None:
    _browser_or_skip()
    started = time.monotonic()
    result = visit(f"{site.base}/spin", kb=KB, timeout=SHORT_TIMEOUT, allow_private=True)
    assert result.error == f"timeout after {SHORT_TIMEOUT}s"
    assert time.monotonic() - started < SHORT_TIMEOUT + GRACE
    _assert_browser_gone(marker)


def test_private_address_is_refused_before_anything_is_sent(site: Site) -> None:
    before = len(site.hits)
    port = site.base.rpartition(":")[2]
    for url in (f"{site.base}/login", f"http://localhost:{port}/login", f"http://[::1]:{port}/login"):
        result = visit(url, kb=KB)
        assert result.error.startswith("refused"), (url, result.error)
        assert "loopback" in result.error
        assert result.chain == () and result.screenshot_png == b""
    assert visit(f"{site.base}/login", kb=KB).error == "refused: 127.0.0.1 is a loopback address"
    assert len(site.hits) == before


def test_every_request_of_the_page_is_checked(site: Site, forbidden: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only 127.0.0.1 allowed: the page's image, frame, fetch and WebSocket to 127.0.0.2 and a
    redirect there (which request routing alone does not see) are all refused."""
    _browser_or_skip()
    policy = visit_module.address_refusal
    monkeypatch.setattr(
        visit_module, "address_refusal", lambda ip, allow_private=False: "" if ip == "127.0.0.1" else policy(ip)
    )
    result = visit(f"{site.base}/mixed", kb=KB, timeout=VISIT_TIMEOUT)
    assert result.ok, result.error
    assert result.title == "mixed" and result.final_url.endswith("/mixed")
    assert any(b.startswith(f"{forbidden.base}/pixel.png") for b in result.blocked), result.blocked
    assert any(b.startswith("127.0.0.2:") for b in result.blocked), "the WebSocket (CONNECT) refused by the proxy"
    assert all("127.0.0.2 is a loopback address" in b for b in result.blocked)
    started = time.monotonic()
    redirected = visit(f"{site.base}/to-forbidden", kb=KB, timeout=VISIT_TIMEOUT)
    assert time.monotonic() - started < VISIT_TIMEOUT / 2  # refused at once, not waited out
    assert redirected.error == "refused: 127.0.0.2 is a loopback address", redirected.error
    assert redirected.chain[-1] == f"{forbidden.base}/landing"
    assert redirected.final_url == "" and redirected.screenshot_png == b""
    assert forbidden.hits == []


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The same pages over https, with a self-signed certificate for 127.0.0.1."""
    pytest.importorskip("cryptography")
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    yield from _serve("127.0.0.1", Site(), context)


def test_https_through_the_checking_proxy(tls_site: Site) -> None:
    """https goes through the sandbox's proxy as a CONNECT tunnel; the certificate is not
    trusted (phishing sites' often are not) and the page is still seen."""
    _browser_or_skip()
    result = visit(f"{tls_site.base}/r1", kb=KB, allow_private=True, timeout=VISIT_TIMEOUT)
    assert result.ok, result.error
    assert result.chain == (f"{tls_site.base}/r1", f"{tls_site.base}/r2", f"{tls_site.base}/login")
    assert result.status == 200 and result.password_fields == 1 and "kagoya" in result.brands_on_page


def test_names_are_resolved_once_by_the_sandbox(
    site: Site, forbidden: Site, monkeypatch: pytest.MonkeyPatch, marker: str
) -> None:
    """Chromium resolves no name itself: a name only the sandbox's resolver knows loads. And
    the address checked is the one connected to: a name that turns to another address after
    the check (DNS rebinding) still leads to the first."""
    _browser_or_skip()
    answers = {"kagoya-login.test": ["127.0.0.1"], "rebind.test": ["127.0.0.1"]}
    asked: list[str] = []

    def fake_getaddrinfo(host: str, timeout: float) -> list[str]:
        asked.append(host)
        if host not in answers:  # Chromium's own background requests (update, autofill): no network here
            raise OSError(f"{host}: not in this test's zone")
        found = answers[host]
        if host == "rebind.test":
            answers[host] = [forbidden.base.removeprefix("http://").rpartition(":")[0]]  # 127.0.0.2 next time
        return found

    monkeypatch.setattr(visit_module, "_getaddrinfo", fake_getaddrinfo)
    port = site.base.rpartition(":")[2]
    named = visit(f"http://kagoya-login.test:{port}/r1", kb=KB, allow_private=True, timeout=VISIT_TIMEOUT)
    assert named.ok, named.error
    assert named.final_url == f"http://kagoya-login.test:{port}/login" and named.title == "KAGOYA ログイン"
    rebound = visit(
        f"http://rebind.test:{forbidden.base.rpartition(':')[2]}/landing",
        kb=KB,
        allow_private=True,
        timeout=VISIT_TIMEOUT,
    )
    assert forbidden.hits == []
    # once per name and visit: the address checked is the address used
    assert asked.count("kagoya-login.test") == 1 and asked.count("rebind.test") == 1, asked
    assert rebound.error == "unreachable: net::ERR_CONNECTION_REFUSED" or rebound.ok, rebound.error


def test_address_policy() -> None:
    assert address_refusal("10.1.2.3") == "10.1.2.3 is a private address"
    assert address_refusal("192.168.0.1") == "192.168.0.1 is a private address"
    assert address_refusal("169.254.169.254") == "169.254.169.254 is a link-local address"
    assert address_refusal("::1") == "::1 is a loopback address"
    assert address_refusal("127.0.0.1") == "127.0.0.1 is a loopback address"
    assert address_refusal("100.64.0.1") == "100.64.0.1 is a shared (CGNAT) address"
    assert address_refusal("fd00::1") == "fd00::1 is a private address"
    assert address_refusal("::ffff:10.0.0.1").endswith("is a private address")
    assert address_refusal("0.0.0.0") == "0.0.0.0 is a reserved address"
    assert address_refusal("fe80::1%eth0").endswith("is a link-local address")
    assert address_refusal("93.184.216.34") == ""
    assert address_refusal("2606:2800:220:1:248:1893:25c8:1946") == ""
    for ip in ("10.1.2.3", "169.254.169.254", "::1", "100.64.0.1", "127.0.0.1"):
        assert address_refusal(ip, allow_private=True) == ""
    assert address_refusal("not-an-ip", allow_private=True) != ""


def test_request_policy_without_network() -> None:
    guard = visit_module._Guard(allow_private=False, deadline=time.monotonic() + 5)
    assert guard.url_problem("http://10.0.0.8/x.png") == "refused: 10.0.0.8 is a private address"
    assert guard.url_problem("https://[fe80::1]/") == "refused: fe80::1 is a link-local address"
    assert guard.url_problem("http://100.64.1.1:8080/") == "refused: 100.64.1.1 is a shared (CGNAT) address"
    assert guard.url_problem("http://printer.localhost/").startswith("refused: 127.0.0.1")
    assert guard.url_problem("http://93.184.216.34/") == ""
    assert guard.url_problem("data:image/png;base64,AAAA") == ""
    assert guard.url_problem("blob:http://93.184.216.34/1234") == ""
    assert guard.url_problem("file:///etc/passwd") == "refused: scheme file"
    assert guard.url_problem("ftp://93.184.216.34/") == "refused: scheme ftp"
    assert guard.url_problem("http://x.invalid/") == "unresolvable: x.invalid"


def test_strip_url() -> None:
    seed = "https://active-japan-top.beak.host/Kagoya-active/Kagoya-mail.html"
    assert strip_url(f"{seed}#{SEED_RECIPIENT}", [SEED_RECIPIENT]) == seed
    assert strip_url(f"{seed}#{SEED_RECIPIENT}") == seed  # an address in the fragment goes anyway
    assert strip_url(f"{seed}#{SEED_RECIPIENT.upper()}", [SEED_RECIPIENT]) == seed
    url = "https://x.example/login?email=administrator%40example.co.jp&lang=ja&utm_source=mail&fbclid=abc&id=7"
    assert strip_url(url, [SEED_RECIPIENT]) == "https://x.example/login?lang=ja&id=7"
    b64 = base64.b64encode(SEED_RECIPIENT.encode()).decode()
    b64url = base64.urlsafe_b64encode(SEED_RECIPIENT.encode()).decode().rstrip("=")
    assert strip_url(f"https://x.example/p?u={b64}&k=1", [SEED_RECIPIENT]) == "https://x.example/p?k=1"
    assert strip_url(f"https://x.example/p?u={b64.replace('=', '%3D')}", [SEED_RECIPIENT]) == "https://x.example/p"
    assert strip_url(f"https://x.example/s/{b64url}/index.html", [SEED_RECIPIENT]) == "https://x.example/s/index.html"
    assert strip_url(f"https://x.example/u/{SEED_RECIPIENT}", [SEED_RECIPIENT]) == "https://x.example/u"
    assert strip_url(f"https://x.example/#/login?e={b64}&x=1", [SEED_RECIPIENT]) == "https://x.example/#/login?x=1"
    assert strip_url("https://x.example/#email=someone%40corp.example") == "https://x.example/"
    # everything else stays exactly as written
    kept = "https://x.example/a%20b/c?q=%E3%81%82&z=1+2&empty=&flag#section-2"
    assert strip_url(kept, [SEED_RECIPIENT]) == kept
    assert strip_url(kept + "&utm_medium=email&MC_EID=1", []) == kept
    assert strip_url("https://x.example/?utm_source=a&utm_campaign=b") == "https://x.example/"
    assert strip_url("https://x.example/?gclid=1&msclkid=2&_hsenc=3&mkt_tok=4&s_cid=5&v=1") == "https://x.example/?v=1"


def test_download_is_not_saved(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _browser_or_skip()
    monkeypatch.chdir(tmp_path)
    result = visit(f"{site.base}/file", kb=KB, allow_private=True, timeout=VISIT_TIMEOUT)
    assert not result.ok and "download" in result.error, result.error
    assert site.download_name in result.error
    assert result.final_url == "" and result.screenshot_png == b""
    for place in (tmp_path, Path(tempfile.gettempdir()), Path.home() / "Downloads"):
        for folder, _dirs, files in os.walk(place):
            assert site.download_name not in files, folder
    assert not (Path.home() / site.download_name).exists()


def test_refusals_need_no_browser(site: Site) -> None:
    for url in ("ftp://files.example/x", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi"):
        result = visit(url, kb=KB)
        assert result.error.startswith("refused: scheme"), (url, result.error)
    started = time.monotonic()
    result = visit("http://nonexistent.invalid/", kb=KB)
    assert result.error == "unresolvable: nonexistent.invalid"
    assert time.monotonic() - started < 2
    missing = visit(f"{site.base}/login", kb=KB, allow_private=True, browser_path="/nonexistent/chromium")
    assert missing.error.startswith("no browser"), missing.error
    assert visit("http://[not an address/", kb=KB).error.startswith("refused")


def test_closed_port_is_unreachable() -> None:
    _browser_or_skip()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = visit(f"http://127.0.0.1:{port}/", kb=KB, timeout=VISIT_TIMEOUT, allow_private=True)
    assert result.error == "unreachable: net::ERR_CONNECTION_REFUSED", result.error
    assert result.final_url == ""
