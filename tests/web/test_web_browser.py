"""The web app end to end in a real browser: Debian's Chromium driven by Playwright against the
real app served by uvicorn on loopback (a real SQLite database, real worker processes).

Covers sign-in, upload through the page's file input, the result page in Japanese and English,
the report downloads (defanged), the history search, a phone-sized screen, a hostile mail (no
script runs, nothing is fetched from anywhere but the app) and a reporter's access to someone
else's analysis. Screenshots go to $MAILAUTOPSY_ARTIFACTS (default tests/artifacts), web.*.png."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers import EXAMPLES, ROOT, build_mail
from helpers.webserver import served
from sqlalchemy.orm import sessionmaker

from mailautopsy.web.app import WebSettings, create_app
from mailautopsy.web.security import create_token, create_user

ARTIFACTS = Path(os.environ.get("MAILAUTOPSY_ARTIFACTS", ROOT / "tests" / "artifacts"))
# .ci/run sets this: there, a missing browser is a failure, not a skip.
REQUIRE_SYSTEM = os.environ.get("MAILAUTOPSY_REQUIRE_SYSTEM_DEPS") == "1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PASSWORD = "a long password 1"
SEED = EXAMPLES / "kagoya-phish.eml"
LIVE_URL = re.compile(r"(?i)\b(?:https?|ftp)://")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 60_000  # an analysis on a busy two-core machine; normally well under a second

HOSTILE_HTML = (
    "<p>Hostile marker: please verify your account.</p>"
    "<script>alert(1)</script>"
    "<img src=x onerror=alert(2)>"
    '<a href="javascript:alert(3)">x</a>'
    "<style>body{background:url(http://127.0.0.1:9/leak)}</style>"
    '<form action="http://127.0.0.1:9/post" method="post"><input type="text" name="user">'
    '<input type="password" name="password"><button>Sign in</button></form>'
    '<p onclick="alert(4)" style="background:url(http://127.0.0.1:9/style-attr)">Click here</p>'
)
HOSTILE = build_mail(
    from_='"PayPal <script>alert(5)</script>" <service@evil-phish.example>',
    to="victim@example.net",
    subject="<script>alert(6)</script> Your account is suspended <img src=x onerror=alert(7)>",
    text=None,
    html=HOSTILE_HTML,
)


def _missing(what: str) -> None:
    if REQUIRE_SYSTEM:
        pytest.fail(f"{what} is required here (MAILAUTOPSY_REQUIRE_SYSTEM_DEPS=1)")
    pytest.skip(f"{what} not installed")


# --- the app on loopback ----------------------------------------------------------------------------


@dataclass
class Web:
    base: str
    tokens: dict[str, str]
    app: Any = field(repr=False)

    def post(self, user: str, raw: bytes, **params: str) -> dict[str, Any]:
        """Submit through the API (setting up what a test needs, not what it tests)."""
        response = httpx.post(
            f"{self.base}/api/analyses",
            content=raw,
            params=params,
            headers={"Authorization": f"Bearer {self.tokens[user]}", "Content-Type": "message/rfc822"},
            timeout=120,
        )
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    app = create_app(WebSettings(data_dir=tmp_path_factory.mktemp("web"), processes=1))
    tokens = {}
    with sessionmaker(app.state.engine).begin() as db:
        for name, role in (("ana", "analyst"), ("rep", "reporter")):
            tokens[name] = create_token(db, create_user(db, name, role, PASSWORD))
    with served(app, start_seconds=30) as base:
        yield Web(base, tokens, app)


# --- the browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _missing("Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watch:
    """Everything a page does that it should not: dialogs, errors, requests to other origins."""

    base: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> None:
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        context.on("page", self._page)

    def _page(self, page: Any) -> None:
        page.on("dialog", lambda d: (self.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.console.append(f"{message.type}: {message.text} [{message.location.get('url', '')}]")

    def unexplained(self) -> list[str]:
        """Console errors and warnings, less Chromium's own fetch of /favicon.ico: the app serves none, so
        that fetch is logged as a failed (404) load; it goes to the app's origin and involves no mail content."""
        favicon = f"status of 404 (Not Found) [{self.base}/favicon.ico]"
        return [m for m in self.console if not m.endswith(favicon)]

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base + "/")]


@pytest.fixture
def session(browser, web):
    """A fresh browser context (its own cookies) with a watched page; closed after the test."""
    contexts = []

    def open_page(viewport: dict[str, int] = DESKTOP) -> tuple[Any, Watch]:
        context = browser.new_context(viewport=viewport, locale="en-US", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        watch = Watch(web.base)
        watch.attach(context)
        return context.new_page(), watch

    yield open_page
    for context in contexts:
        context.close()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"web.{name}.png"), full_page=True)


def sign_in(page: Any, web: Web, user: str, lang: str = "ja") -> None:
    page.goto(f"{web.base}/login?lang={lang}")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form.login button")
    assert page.url == f"{web.base}/", page.content()[:2000]
    assert page.locator("input[type=file]").count() == 1


def upload(page: Any, file: Path | dict[str, Any]) -> str:
    """Upload one file (a path, or Playwright's {name, mimeType, buffer}) through the page's form; the id
    of the analysis the app redirected to."""
    page.set_input_files("form[action='/upload'] input[type=file]", file if isinstance(file, dict) else str(file))
    name = file["name"] if isinstance(file, dict) else file.name
    assert page.locator(".drop .names").inner_text() == name  # app.js lists the chosen file, as text
    with page.expect_navigation():
        page.click("form[action='/upload'] button.primary")
    found = re.fullmatch(r".*/analyses/([0-9a-f-]{36})", page.url)
    assert found, f"not redirected to a result page: {page.url}\n{page.content()[:2000]}"
    page.wait_for_selector(".verdict .badge")  # done (an offline analysis is finished on redirect)
    return found.group(1)


def no_horizontal_scroll(page: Any, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width + 1:
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + e.getBoundingClientRect().right)""",
            width,
        )
        pytest.fail(f"{page.url}: scrollWidth {scroll} > {width}; too wide: {wide}")


def assert_defanged(text: str) -> None:
    live = LIVE_URL.search(text.replace("http-equiv", ""))
    assert live is None, text[max(0, live.start() - 80) : live.end() + 80]
    assert "active-japan-top[.]beak[.]host" in text
    for bare in ("active-japan-top.beak.host", "beak.host"):
        assert bare not in text, f"bare host {bare} in the report"


# --- the analyst's path -----------------------------------------------------------------------------


def test_upload_result_reports_and_history(session, web, tmp_path):
    page, watch = session()
    sign_in(page, web, "ana", "ja")
    analysis_id = upload(page, SEED)
    assert page.locator("html").get_attribute("lang") == "ja"

    # Japanese: the verdict and the KAGOYA findings
    badge = page.locator(".verdict .badge")
    assert "v-phishing" in (badge.get_attribute("class") or "")
    assert "フィッシング詐欺" in badge.inner_text()
    main = page.locator("main").inner_text()
    assert "カゴヤ・ジャパン" in main
    finding = page.locator("ul.findings li[data-finding=SENDER_BRAND_MISMATCH]").first  # ids are not shown text
    assert "カゴヤ・ジャパンを名乗っていますが、送信元アドレスのドメインは" in finding.inner_text()
    assert "cameo[.]plala[.]or[.]jp" in finding.inner_text()
    assert page.locator("section#summary").count() == 1
    text = page.locator("main").inner_text()  # what the page says of the link: defanged, nothing to click
    assert "active-japan-top[.]beak[.]host" in text and "beak.host" not in text
    assert LIVE_URL.search(text) is None
    links = page.evaluate("[...document.querySelectorAll('main a[href]')].map(a => a.href)")
    assert [u for u in links if not u.startswith(web.base + "/")] == []  # every link stays in the app
    assert page.locator(f"iframe.preview[src='/analyses/{analysis_id}/preview']").get_attribute("sandbox") == ""
    shot(page, "result.ja.desktop")

    # English, through the language link in the header
    with page.expect_navigation():
        page.click("header.bar a[hreflang=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.startswith(f"{web.base}/analyses/{analysis_id}?")
    assert "phishing" in page.locator(".verdict .badge").inner_text().lower()
    finding = page.locator("ul.findings li[data-finding=SENDER_BRAND_MISMATCH]").first  # ids are not shown text
    assert "The mail speaks for KAGOYA, but the sender address is at" in finding.inner_text()
    assert "Bottom line" in page.locator("section#summary h2").inner_text()
    shot(page, "result.en.desktop")

    # The reports, downloaded through the page's links: defanged
    for fmt in ("html", "md"):
        link = page.locator(".downloads a", has_text=re.compile(rf"^{fmt}$"))
        assert link.get_attribute("href") == f"/analyses/{analysis_id}/report.{fmt}?lang=en"
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == f"mailautopsy-{analysis_id[:8]}.{fmt}"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        text = target.read_text(encoding="utf-8")
        assert_defanged(text)
        assert "Phishing alert" in text  # the English report, as the link asked

    # The history, searched by the link's domain
    with page.expect_navigation():
        page.click("header.bar a[href='/analyses']")
    page.fill("form.search input[name=domain]", "beak.host")
    with page.expect_navigation():
        page.click("form.search button.primary")
    assert "domain=beak.host" in page.url
    assert page.locator(f"table.list a[href='/analyses/{analysis_id}']").count() == 1
    shot(page, "history.desktop")
    page.fill("form.search input[name=domain]", "no-such-domain.example")
    with page.expect_navigation():
        page.click("form.search button.primary")
    assert page.locator(f"table.list a[href='/analyses/{analysis_id}']").count() == 0

    assert watch.dialogs == [] and watch.errors == [] and watch.unexplained() == [], watch.failed
    assert watch.foreign() == []


def test_phone_upload_fits_the_screen(session, web):
    page, watch = session(PHONE)
    page.goto(f"{web.base}/login?lang=ja")
    no_horizontal_scroll(page, PHONE["width"])
    shot(page, "login.phone")
    sign_in(page, web, "ana", "ja")
    no_horizontal_scroll(page, PHONE["width"])
    shot(page, "upload.phone")
    analysis_id = upload(page, SEED)
    assert "フィッシング詐欺" in page.locator(".verdict .badge").inner_text()
    no_horizontal_scroll(page, PHONE["width"])
    shot(page, "result.ja.phone")
    with page.expect_navigation():
        page.click("header.bar a[hreflang=en]")
    no_horizontal_scroll(page, PHONE["width"])
    shot(page, "result.en.phone")
    page.goto(f"{web.base}/analyses?domain=beak.host")
    assert page.locator(f"table.list a[href='/analyses/{analysis_id}']").count() == 1
    no_horizontal_scroll(page, PHONE["width"])
    shot(page, "history.phone")
    assert watch.dialogs == [] and watch.errors == [] and watch.unexplained() == []
    assert watch.foreign() == []


# --- a hostile mail ---------------------------------------------------------------------------------


def test_hostile_mail_runs_nothing_and_fetches_nothing(session, web):
    hostile = {"name": '"><img src=x onerror=alert(8)>.eml', "mimeType": "message/rfc822", "buffer": HOSTILE}
    page, watch = session()
    previews: list[dict[str, str]] = []
    page.on("response", lambda r: "/preview" in r.url and previews.append(r.all_headers()))
    sign_in(page, web, "ana", "en")
    analysis_id = upload(page, hostile)
    page.wait_for_load_state("load")
    preview = next(f for f in page.frames if f.url.endswith(f"/analyses/{analysis_id}/preview"))
    preview.wait_for_load_state("load")
    page.wait_for_timeout(500)  # time for an onerror or a late fetch to show up
    shot(page, "hostile.desktop")
    page.locator("iframe.preview").screenshot(path=str(ARTIFACTS / "web.hostile.preview.png"))  # (full-page
    # screenshots leave the sandboxed frame, a separate process, blank)

    # The result page: the mail's markup is text, never markup
    assert page.evaluate("[...document.scripts].map(s => s.src)") == []  # the result page needs no script
    assert "<script>alert(6)</script>" in page.locator("main h1").inner_text()
    # (the analyst's own label buttons and verdict override are the page's only forms)
    own = "main form:not(.label-buttons):not(.override-form)"
    assert page.locator(f"main img, {own}, main input[type=password]").count() == 0
    assert page.locator("main a[href^='javascript:' i]").count() == 0

    # The preview: sanitised, in a sandbox, under its own policy
    frame_element = page.locator("iframe.preview")
    assert frame_element.get_attribute("sandbox") == ""
    assert "Hostile marker" in preview.locator("body").inner_text()
    for selector in ("script", "style", "img", "form", "input", "button", "iframe", "object", "embed", "a[href]"):
        assert preview.locator(selector).count() == 0, f"{selector} in the preview"
    handlers = preview.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on') || n === 'style' || n === 'src' || n === 'action')"
    )
    assert handlers == []
    assert previews, "the preview was not loaded"
    csp = previews[-1].get("content-security-policy", "")
    assert "sandbox" in csp and "default-src 'none'" in csp

    # The history lists the mail's subject and file name as text too
    page.goto(f"{web.base}/analyses?subject=suspended")
    row = page.locator("table.list tr", has=page.locator(f"a[href='/analyses/{analysis_id}']"))
    assert "<script>alert(6)</script>" in row.inner_text()
    assert page.locator("main img, main script").count() == 0

    # Nothing happened: no dialog, no error, no request anywhere but the app
    assert watch.dialogs == [], watch.dialogs
    assert watch.errors == [], watch.errors
    assert watch.unexplained() == [], watch.console  # nh3 strips what would otherwise be CSP violations
    assert watch.foreign() == [], watch.foreign()
    assert not any("127.0.0.1:9" in u for u in watch.requests)

    # The reports of the hostile mail are inert too
    response = httpx.get(
        f"{web.base}/api/analyses/{analysis_id}/report/html",
        headers={"Authorization": f"Bearer {web.tokens['ana']}"},
        timeout=60,
    )
    assert response.status_code == 200
    assert re.search(r"(?i)<script", response.text) is None
    assert re.search(r"(?i)<[a-z][^<>]*\son\w+\s*=", response.text) is None  # no tag with an event handler
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in response.text  # the subject, as text


# --- a reporter -------------------------------------------------------------------------------------


def test_reporter_cannot_open_the_analysts_analysis(session, web, tmp_path):
    theirs = web.post("ana", build_mail(subject="the analyst's own mail", text="nothing to see"), force="true")["id"]
    page, watch = session()
    sign_in(page, web, "rep", "en")
    assert page.locator("header.bar a[href='/users']").count() == 0  # no user management for reporters

    for path in (f"/analyses/{theirs}", f"/analyses/{theirs}/preview", f"/analyses/{theirs}/report.md?lang=en"):
        response = page.goto(web.base + path)
        assert response is not None and response.status == 404, path
        assert "no such analysis" in page.locator("body").inner_text(), path
    shot(page, "reporter.404")
    # the answer for a made-up id is the same: nothing tells whether it exists
    response = page.goto(f"{web.base}/analyses/00000000-0000-0000-0000-000000000000")
    assert response is not None and response.status == 404
    response = page.goto(f"{web.base}/users")
    assert response is not None and response.status == 403

    page.goto(f"{web.base}/analyses")
    assert page.locator(f"a[href='/analyses/{theirs}']").count() == 0
    page.goto(f"{web.base}/analyses?subject=analyst")
    assert page.locator(f"a[href='/analyses/{theirs}']").count() == 0

    # what the reporter submits, they do see
    mine = tmp_path / "reported.eml"
    mine.write_bytes(build_mail(subject="reported by rep", text="is this phishing?"))
    page.goto(f"{web.base}/")
    own = upload(page, mine)
    assert own != theirs and "reported by rep" in page.locator("main").inner_text()
    page.goto(f"{web.base}/analyses")
    assert page.locator(f"table.list a[href='/analyses/{own}']").count() == 1
    assert watch.dialogs == [] and watch.errors == []
    assert watch.foreign() == []
    # 404/403 answers are logged by Chromium as failed resource loads; nothing else may be
    assert all("status of 40" in m for m in watch.unexplained()), watch.console
