"""Reports: the alert article (ja/en), the HTML report, PDF, and IOC exports (CSV, STIX, MISP)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from helpers import EXAMPLES, ROOT, build_mail
from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser

from mailautopsy import analyze, knowledge
from mailautopsy.cli import main
from mailautopsy.render.article import ReportOptions
from mailautopsy.render.defang import defang_all, defang_url
from mailautopsy.render.iocs import collect
from mailautopsy.render.privacy import Masker, recipients_of
from mailautopsy.render.report import FORMATS, render_report

GOLDEN = ROOT / "tests" / "golden"
SAMPLES = ROOT / "tests" / "samples"
ARTIFACTS = Path(os.environ.get("MAILAUTOPSY_ARTIFACTS", ROOT / "tests" / "artifacts"))
# .ci/run sets this: there, a missing browser or Pango is a failure, not a skip.
REQUIRE_SYSTEM = os.environ.get("MAILAUTOPSY_REQUIRE_SYSTEM_DEPS") == "1"
CHROMIUM = "/usr/bin/chromium"
LIVE_URL = re.compile(r"(?i)\b(?:https?|ftp)://")
SEED_RECIPIENT = "administrator@example.co.jp"


def _missing(what: str) -> None:
    if REQUIRE_SYSTEM:
        pytest.fail(f"{what} is required here (MAILAUTOPSY_REQUIRE_SYSTEM_DEPS=1)")
    pytest.skip(f"{what} not installed")


@pytest.fixture(scope="module")
def seed():
    return analyze((EXAMPLES / "kagoya-phish.eml").read_bytes(), "examples/kagoya-phish.eml")


HOSTILE = build_mail(
    from_='"<img src=x onerror=alert(1)> [PayPal](javascript:alert(2)) `x` | y" <evil@evil-phish.example>',
    to="Taro Yamada <taro.yamada@victim.example>",
    subject="<script>alert(3)</script> [click](http://evil-phish.example/a) ``` PayPal",
    text=(
        "Dear Taro Yamada (taro.yamada@victim.example),\n```\n</code></pre><script>alert(6)</script>\n"
        "verify at http://evil-phish.example/login?u=taro.yamada%40victim.example `` | a | b |\n"
        '<a href="javascript:alert(7)">x</a> ![img](http://evil-phish.example/p.png)'
    ),
    html=(
        '<p>Dear Taro</p><a href="http://evil-phish.example/login" onclick="alert(4)">www.paypal.com</a>'
        "<script>alert(5)</script><style>body{background:url(http://evil-phish.example/x)}</style>"
        '<img src="http://evil-phish.example/pixel.gif"><form action="http://evil-phish.example/post">'
        '<input type="password"></form>'
    ),
)


@pytest.fixture(scope="module")
def hostile():
    return analyze(HOSTILE, "hostile.eml")


def _malicious_hosts(result) -> set[str]:
    kb = knowledge.load(None)
    out = set()
    for link in result.message.links:
        host = link.host_ascii or link.host
        if link.is_ip or not host or "." not in host:
            continue  # an IP written out is not clickable; the seed writes them plainly too
        if kb.brand_owning(host) is None and not kb.is_public_sector(host):
            out.add(host.lower())
    return out


def _assert_inert(text: str, result) -> None:
    """No live URL and no bare (un-defanged) host of a link the mail carries."""
    live = LIVE_URL.search(text.replace("http-equiv", ""))
    assert live is None, text[max(0, live.start() - 80) : live.end() + 80]
    lowered = text.lower()
    for host in _malicious_hosts(result):
        # written plainly (not as part of a longer host name): a live, linkable host name
        bare = re.search(rf"(?<![\w.-]){re.escape(host)}(?![\w-])", lowered)
        assert bare is None, f"bare host {host} in output: {lowered[max(0, bare.start() - 60) : bare.end() + 20]}"


# --- golden files of the seed -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "lang", "name"),
    [
        ("md", "ja", "seed.article.ja.md"),
        ("md", "en", "seed.article.en.md"),
        ("html", "ja", "seed.report.ja.html"),
        ("iocs", "ja", "seed.iocs.csv"),
    ],
)
def test_seed_golden(seed, fmt, lang, name):
    out = render_report(seed, fmt, ReportOptions(lang=lang)).decode()
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_seed_article_reads_like_the_seed(seed):
    ja = render_report(seed, "md", ReportOptions(lang="ja")).decode()
    assert ja.startswith("# 『詐欺メール』『`[spam] 【重要:KAGOYA】Active!mailの脆弱性に関するお知らせ")
    assert ja.splitlines()[0].endswith("』と、来た件")
    for heading in ("## 件名の見出しを確認", "## メールアドレスのドメインを確認", "## Receivedフィールドを確認"):
        assert heading in ja
    assert "## リンク先のドメインを確認" in ja and "## まとめ" in ja
    assert "`cameo[.]plala[.]or[.]jp`" in ja and "kagoya.jp" in ja  # the real brand's domain is named
    assert "`172.23.12.58`" in ja and "プライベート" in ja
    assert "active-japan-top[.]beak[.]host" in ja  # what the link really points to
    assert "フィッシング対策協議会" in ja and "パスワードを変更" in ja and "カード会社" in ja
    en = render_report(seed, "md", ReportOptions(lang="en")).decode()
    assert en.startswith("# Phishing alert: ")
    assert "## Bottom line" in en and "reportphishing@apwg.org" in en
    prose = re.sub(r"`+[^`]*`+", "", re.sub(r"(?s)```text\n.*?\n```", "", en))
    assert not re.search(r"[\u3040-\u30ff]", prose), "English prose must not fall back to Japanese"


def test_defang_style_as_the_seed_writes_it(seed):
    out = render_report(seed, "md", ReportOptions(lang="ja", defang_style="h**p")).decode()
    assert "h**ps://active-japan-top[.]beak[.]host/Kagoya-active" in out
    assert "hxxp" not in out
    _assert_inert(out, seed)


# --- nothing clickable, nothing personal --------------------------------------------------


def _sample_messages() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*.eml"))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_live_link_in_any_article(seed, hostile, fmt, lang):
    checked = 0
    for path in [EXAMPLES / "kagoya-phish.eml", *_sample_messages()]:
        result = analyze(path.read_bytes(), path.name)
        _assert_inert(render_report(result, fmt, ReportOptions(lang=lang)).decode(), result)
        checked += 1
    _assert_inert(render_report(hostile, fmt, ReportOptions(lang=lang)).decode(), hostile)
    assert checked > 50


@pytest.mark.parametrize("fmt", FORMATS[:2] + FORMATS[3:])
def test_recipient_never_in_reports_unless_kept(seed, hostile, fmt):
    for result, address in ((seed, SEED_RECIPIENT), (hostile, "taro.yamada@victim.example")):
        out = render_report(result, fmt, ReportOptions(lang="ja")).decode().lower()
        assert address not in out
        assert address.replace("@", "%40") not in out
        assert address.partition("@")[2] not in out  # nor the recipient's own domain
    text = render_report(hostile, "md", ReportOptions(lang="en")).decode()
    assert "Taro" not in text and "Yamada" not in text
    kept = render_report(seed, "md", ReportOptions(lang="ja", keep_recipient=True)).decode()
    assert SEED_RECIPIENT in kept


def test_masker_hides_encoded_forms():
    import base64

    result = analyze(build_mail(to="kim@corp.example", text="x"), "m")
    masker = Masker.for_result(result)
    assert recipients_of(result.message) == {"kim@corp.example"}
    b64 = base64.b64encode(b"kim@corp.example").decode()
    out = masker.mask(f"https://e.example/#kim%40corp.example ?e={b64} mail.corp.example Kim")
    assert "kim" not in out.lower() and "corp.example" not in out and b64 not in out


# --- attacker content stays inert ----------------------------------------------------------


def test_markdown_from_hostile_mail_renders_inert(hostile):
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    for lang in ("ja", "en"):
        page = md.render(render_report(hostile, "md", ReportOptions(lang=lang)).decode())
        tree = LexborHTMLParser(page)
        assert tree.css("script, img, a, iframe, style, form, input") == []
        for node in tree.css("*"):
            assert not any(name.lower().startswith("on") for name in node.attributes), node.html
        assert "javascript:" not in " ".join(str(n.attributes) for n in tree.css("*"))


def test_html_report_from_hostile_mail_is_inert(hostile):
    page = render_report(hostile, "html", ReportOptions(lang="en")).decode()
    tree = LexborHTMLParser(page)
    assert tree.css("script, img, a, iframe, form, input, link, object, embed") == []
    for node in tree.css("*"):
        assert not any(name.lower().startswith("on") for name in node.attributes), node.html
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]')
    assert csp is not None and "default-src 'none'" in csp.attributes["content"]
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page  # shown as text, escaped
    assert len(tree.css("style")) == 1  # ours only


# --- IOC exports ---------------------------------------------------------------------------


def test_iocs_of_the_seed_are_the_attackers_only(seed):
    rows = list(csv.DictReader(io.StringIO(render_report(seed, "iocs").decode())))
    values = {(r["type"], r["value"]) for r in rows}
    assert ("email", "t_0205@cameo.plala.or.jp") in values
    assert ("domain", "beak.host") in values and ("hostname", "active-japan-top.beak.host") in values
    urls = [r for r in rows if r["type"] == "url"]
    assert len(urls) == 1 and urls[0]["defanged"].startswith("hxxps://active-japan-top[.]beak[.]host/")
    assert urls[0]["in_findings"] == "yes"
    everything = " ".join(v for _, v in values)
    # the brand's real domain, the public-sector decoy and the ISP as a whole are not indicators
    assert "kagoya.jp" not in everything and "ipa.go.jp" not in everything
    assert ("domain", "plala.or.jp") not in values


def test_stix_bundle_is_valid_stix_2_1(seed, hostile):
    import stix2
    from stix2patterns.validator import run_validator

    for result in (seed, hostile):
        text = render_report(result, "stix").decode()
        bundle = stix2.parse(text, allow_custom=False)
        indicators = [o for o in bundle.objects if o.type == "indicator"]
        assert indicators
        for ind in indicators:
            assert run_validator(ind.pattern, stix_version="2.1") == [], ind.pattern
        report = next(o for o in bundle.objects if o.type == "report")
        assert {i.id for i in indicators} <= set(report.object_refs)
    patterns = {i.pattern for i in stix2.parse(render_report(seed, "stix").decode()).objects if i.type == "indicator"}
    assert "[domain-name:value = 'beak.host']" in patterns
    assert "[email-addr:value = 't_0205@cameo.plala.or.jp']" in patterns
    # the same indicator keeps its id from one export to the next
    again = stix2.parse(render_report(seed, "stix").decode())
    assert {o.id for o in again.objects if o.type == "indicator"} == {
        o.id for o in stix2.parse(render_report(seed, "stix").decode()).objects if o.type == "indicator"
    }


def test_misp_event_loads_in_pymisp(seed):
    from pymisp import MISPEvent

    event = MISPEvent()
    event.load(render_report(seed, "misp").decode())
    by_type = {(a.type, a.value) for a in event.attributes}
    assert ("email-src", "t_0205@cameo.plala.or.jp") in by_type
    assert ("domain", "beak.host") in by_type
    assert any(t == "url" and "beak.host" in v for t, v in by_type)
    assert all(a.to_ids for a in event.attributes if a.type in ("url", "domain"))
    assert int(event.threat_level_id) == 1
    assert "tlp:green" in {t.name for t in event.tags}


def test_freemail_sender_is_an_indicator_but_its_domain_is_not():
    result = analyze(build_mail(from_="PayPal Service <paypal.alerts@gmail.com>", text="Verify your account"), "m")
    kinds = {(i.kind, i.value) for i in collect(result, knowledge.load(None))}
    assert ("email", "paypal.alerts@gmail.com") in kinds
    assert not any(v == "gmail.com" for _, v in kinds)


# --- PDF ------------------------------------------------------------------------------------


def _weasyprint():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        _missing("WeasyPrint with Pango")


def _japanese_font():
    from mailautopsy.render.pdf import CJK_FONT_PACKAGE, japanese_fonts

    if not japanese_fonts():
        _missing(f"a font covering Japanese (Debian: {CJK_FONT_PACKAGE})")


def test_pdf_of_the_seed(seed):
    _weasyprint()
    _japanese_font()
    pdf = render_report(seed, "pdf", ReportOptions(lang="ja"))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2
    assert "詐欺メール" in text and "beak[.]host" in text.replace("\n", "")
    assert "https://" not in text and "beak.host" not in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "seed.report.ja.pdf").write_bytes(pdf)


def test_pdf_without_a_japanese_font_refuses_instead_of_printing_boxes(tmp_path):
    """fontconfig pointed at an empty font folder: `report --format pdf` exits 69 and names the
    Debian package, and writes no PDF of empty boxes."""
    _weasyprint()
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{fonts}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    out = tmp_path / "seed.pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT / "src")}
    args = ["report", str(EXAMPLES / "kagoya-phish.eml"), "--format", "pdf", "--lang", "ja", "-o", str(out)]
    done = subprocess.run([sys.executable, "-m", "mailautopsy", *args], env=env, capture_output=True, text=True)
    assert done.returncode == 69, done.stderr
    assert "no installed font covers Japanese" in done.stderr and "fonts-noto-cjk" in done.stderr
    assert not out.exists()


class _Counting(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_pdf_printing_fetches_nothing():
    _weasyprint()
    from mailautopsy.render.pdf import html_to_pdf

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        html_to_pdf(
            f'<link rel="stylesheet" href="{base}/s.css"><img src="{base}/x.png">'
            f'<p style="background:url({base}/bg.png)">x</p><img src="file:///etc/hostname">'
        )
    finally:
        server.shutdown()
    assert _Counting.hits == []


# --- the HTML report in a real browser -------------------------------------------------------


def _browser():
    if not Path(CHROMIUM).exists():
        _missing("Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright")
    return sync_playwright


# The smallest text any report picture shows, in CSS pixels on screen: the font size times how
# much the picture is scaled (its drawn width over its viewBox width).
_SMALLEST_SVG_TEXT = """() => {
  let smallest = null;
  for (const svg of document.querySelectorAll("svg")) {
    const box = svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    for (const text of svg.querySelectorAll("text")) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      smallest = smallest === null ? size : Math.min(smallest, size);
    }
  }
  return smallest;
}"""


@pytest.mark.parametrize(
    ("name", "viewport"), [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]
)
def test_html_report_in_chromium(seed, hostile, tmp_path, name, viewport):
    sync_playwright = _browser()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            for label, result in (("seed", seed), ("hostile", hostile)):
                path = tmp_path / f"{label}.html"
                path.write_bytes(render_report(result, "html", ReportOptions(lang="ja")))
                page = browser.new_page(viewport=viewport)
                requests: list[str] = []
                problems: list[str] = []
                page.on("request", lambda r, log=requests: log.append(r.url))
                page.on("console", lambda m, log=problems: m.type in ("error", "warning") and log.append(m.text))
                page.on("pageerror", lambda e, log=problems: log.append(str(e)))
                page.on("dialog", lambda d, log=problems: (log.append("dialog: " + d.message), d.dismiss()))
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_timeout(300)
                page.screenshot(path=str(ARTIFACTS / f"{label}.report.{name}.png"), full_page=True)
                assert requests == [path.as_uri()], requests
                assert problems == []
                assert page.evaluate("document.scripts.length") == 0
                # readable on a phone: nothing wider than the screen
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
                # the route and score pictures keep legible text: scrolled sideways, never shrunk
                smallest = page.evaluate(_SMALLEST_SVG_TEXT)
                assert smallest is None or smallest >= 11, (label, name, smallest)
                page.close()
        finally:
            browser.close()


# --- command line ------------------------------------------------------------------------------


def test_cli_report_writes_each_format(tmp_path, capsys):
    seed_path = str(EXAMPLES / "kagoya-phish.eml")
    assert main(["report", seed_path, "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("# Phishing alert: ")
    for fmt in ("md", "html", "iocs", "stix", "misp"):
        out = tmp_path / f"r.{fmt}"
        assert main(["report", seed_path, "--format", fmt, "--lang", "ja", "-o", str(out)]) == 0
        assert out.stat().st_size > 200
    json.loads((tmp_path / "r.misp").read_text(encoding="utf-8"))
    assert main(["report", seed_path, "--format", "docx"]) == 64


def test_defang_nested_and_bare_schemes():
    assert defang_url("https://a.example/r?u=https://evil.example/x&v=ftp://f.example/") == (
        "hxxps://a[.]example/r?u=hxxps://evil[.]example/x&v=fxp://f[.]example/"
    )
    assert defang_url("https://evil.example/p", "h**p") == "h**ps://evil[.]example/p"
    assert defang_all("go to https:// www.evil.example/login now") == "go to hxxps:// www[.]evil[.]example/login now"


def test_reports_survive_broken_messages():
    for raw in (b"", b"\x00\xff garbage", b"Subject: =?utf-8?b?!!!?=\n\n" + b"\xe3" * 50, b"From: <>\n\nhttp://"):
        result = analyze(raw, "broken")
        for fmt in ("md", "html", "iocs", "stix", "misp"):
            assert render_report(result, fmt, ReportOptions(lang="en"))


def test_masking_happens_before_cutting():
    """A long link whose recipient address straddles the display cut must not leak half of it."""
    pad = "a" * 280
    raw = build_mail(
        to="k.sato@victim-corp.example", text=f"https://evil.example/{pad}?e=k.sato@victim-corp.example&x=1"
    )
    result = analyze(raw, "m")
    for fmt in ("md", "html"):
        out = render_report(result, fmt, ReportOptions(lang="en")).decode()
        assert "victim-corp" not in out and "k.sato" not in out


def test_csv_cells_are_never_formulas():
    raw = build_mail(subject='=HYPERLINK("https://evil.example/x","Open invoice")', text="see https://evil.example/x")
    rows = list(csv.reader(io.StringIO(render_report(analyze(raw, "m"), "iocs").decode())))
    subject = next(r for r in rows if r[0] == "subject")
    assert subject[1].startswith("'=") and subject[2].startswith("'=")
    styled = render_report(analyze(raw, "m"), "iocs", ReportOptions(defang_style="h**p")).decode()
    assert "h**ps://evil[.]example/x" in styled


def test_bcc_recipient_in_received_for_is_a_recipient():
    raw = build_mail(
        to="undisclosed-recipients:;",
        trace=[
            (
                "Received",
                "from mx.a.example ([203.0.113.9]) by mx.victim.example for <k.sato@victim.example>; "
                "Tue, 22 Apr 2025 09:12:31 +0900",
            )
        ],
        text="Log in: https://evil.example/login?user=k.sato@victim.example",
    )
    msg = analyze(raw, "m").message
    assert "k.sato@victim.example" in msg.recipient_addresses(received=True)
    assert "k.sato@victim.example" not in render_report(analyze(raw, "m"), "md").decode()


# --- Japanese output that is all Japanese ---------------------------------------------------------


def _terminal(result, lang: str = "ja", **kw) -> str:
    from mailautopsy.render.text import render_text

    buf = io.StringIO()
    render_text(result, lang, file=buf, width=200, color=False, **kw)
    return buf.getvalue()


_ID = re.compile(r"\b[A-Z]+(?:_[A-Z0-9]+)+\b")


def test_japanese_terminal_output_names_ids_once_and_the_verdict_once(seed):
    out = _terminal(seed)
    banner = out.splitlines()[1]
    assert banner.count("フィッシング詐欺") == 1 and "スコア 100/100" in banner
    finding_lines = [line for line in out.splitlines() if line.startswith("[")]
    assert finding_lines and not [line for line in finding_lines if _ID.search(line)], finding_lines
    breakdown = out.split("スコアの内訳", 1)[1]
    for f in seed.findings:  # each id once, beside its short name, in the breakdown only
        assert out.count(f.id) == 1, f.id
        assert f.id in breakdown
    assert "ブランドを名乗るが送信元ドメインが別" in breakdown
    verbose = _terminal(seed, verbose=True)
    assert "[高] SENDER_BRAND_MISMATCH カゴヤ・ジャパンを名乗っています" in verbose


def test_one_name_per_brand_in_japanese(seed):
    """The banner says カゴヤ・ジャパン; so does every sentence of ours (KAGOYA stays only where
    the mail itself wrote it: subject, sender name, evidence, links)."""
    out = _terminal(seed)
    ours = [line for line in out.splitlines() if line.startswith("[")]
    assert any("カゴヤ・ジャパン" in line for line in ours)
    assert not [line for line in ours if "KAGOYA" in line and "【重要:KAGOYA】" not in line], ours
    article = render_report(seed, "md", ReportOptions(lang="ja")).decode()
    assert "送信者はKAGOYAではありません" not in article and "がKAGOYAを名乗っています" not in article


def test_public_sector_decoy_is_a_legitimate_site_not_an_unrelated_domain(seed):
    out = _terminal(seed)
    ipa = next(line for line in out.splitlines() if "ipa[.]go[.]jp" in line and "•" in line)
    assert "おとり" in ipa
    for lang, decoy, unrelated in (("ja", "おとり", "無関係なドメイン"), ("en", "decoy", "unrelated domain")):
        article = render_report(seed, "md", ReportOptions(lang=lang)).decode()
        row = next(line for line in article.splitlines() if line.startswith("| (") and "ipa[.]go[.]jp" in line)
        assert decoy in row and unrelated not in row, row


def test_country_names_in_japanese(seed):
    """`US United States` in English, アメリカ合衆国 in Japanese (CLDR names, countries.ja.toml)."""
    from dataclasses import replace as dc_replace

    from mailautopsy.enrich.geoip import Place

    located = dc_replace(seed, origin=Place("8.8.8.8", "public", "US", "United States"))
    ja = _terminal(located)
    assert "アメリカ合衆国" in ja and "United States" not in ja and "US " not in ja
    assert "US United States" in _terminal(located, "en")
    article = render_report(located, "md", ReportOptions(lang="ja")).decode()
    assert "アメリカ合衆国" in article and "United States" not in article


def test_repeated_evidence_and_links_are_shown_once_with_a_count(seed):
    from dataclasses import replace as dc_replace

    from mailautopsy.model import Evidence, Finding

    url = "https://login.evil-example.top/verify"
    repeated = Finding("LINK_SUSPICIOUS_TLD", "low", 1.0, tuple(Evidence("url", url, "text") for _ in range(8)))
    repeated = dc_replace(repeated, params={"tld": "top"}, group="links")
    shown = _terminal(dc_replace(seed, findings=(repeated,)))
    evidence = [line for line in shown.splitlines() if line.strip().startswith("根拠:")]
    assert len(evidence) == 1 and "(同じものが 8 回)" in evidence[0], evidence
    page = render_report(dc_replace(seed, findings=(repeated,)), "html", ReportOptions(lang="ja")).decode()
    assert page.count("login[.]evil-example[.]top/verify") == 1 and "(同じものが 8 回)" in page


def test_defects_in_japanese():
    raw = build_mail(trace=[("X-Pad", "x")]).replace(
        b"Date: Tue, 22 Apr 2025 09:12:30 +0900", b"Date: not a date at all"
    )
    result = analyze(raw, "m")
    assert [d.code for d in result.message.defects] == ["BAD_DATE"]
    out = _terminal(result)
    section = out.split("読み取り時に見つかった破損", 1)[1]
    assert "日付(Date)の形式が正しくありません" in section
    assert "BAD_DATE" not in section and "not a date" not in section
    assert "BAD_DATE: not a date at all" in _terminal(result, "en")


def test_every_defect_code_has_a_japanese_sentence():
    """Codes the parser records (model.Defect) are read from the source, so a new one without
    its Japanese sentence fails here instead of showing English or a code to a Japanese reader."""
    from mailautopsy.i18n import catalogue

    table = catalogue("ja")["defect"]
    codes = set()
    for path in (ROOT / "src" / "mailautopsy").rglob("*.py"):
        codes |= set(re.findall(r"Defect\(\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8")))
    assert codes and not sorted(c for c in codes if c not in table), sorted(c for c in codes if c not in table)


def test_every_finding_has_a_short_name_in_both_languages():
    from mailautopsy.i18n import catalogue

    rules = knowledge_rules()
    for lang in ("ja", "en"):
        findings = catalogue(lang)["finding"]
        missing = sorted(i for i in rules if not findings.get(i, {}).get("title"))
        assert not missing, (lang, missing)


def knowledge_rules() -> set[str]:
    import tomllib

    data = tomllib.loads((ROOT / "src" / "mailautopsy" / "rules" / "rules.toml").read_text(encoding="utf-8"))
    return set(data["rule"])


def test_skipped_lookups_and_online_facts_in_japanese():
    from mailautopsy.enrich.geoip import Place
    from mailautopsy.enrich.investigate import Enrichment, HostInfo
    from mailautopsy.render.text import online_lines

    e = Enrichment(
        hosts=[HostInfo("evil.example", ("8.8.8.8",), (Place("8.8.8.8", "public", "US", "United States"),))],
        skipped=[
            "DNS A evil.example: timeout after 5 s",
            "DNS MX evil.example: resolver 127.0.0.1:53 not answering, skipped",
            "RDAP evil.example: time budget for this message spent",
            "RDAP busy.example: HTTP 429 (rate limited)",
            "RDAP shop.jp: no RDAP service for .jp",
            "DNS TXT x.example: server failure (SERVFAIL)",
            "SPF: no public IP is recorded handing the mail over",
            "whois: ValueError: something odd",
        ],
    )
    lines = [line.plain for line in online_lines(e, "ja")]
    text = "\n".join(lines)
    assert "アメリカ合衆国" in text and "United States" not in text
    english = re.compile(
        r"\b(timeout|after|resolver|answering|budget|spent|rate|limited|service|failure|public|recorded)\b"
    )
    assert not [line for line in lines if english.search(line)], lines
    assert "5 秒待っても応答がありませんでした" in text and ".jp には RDAP サービスがありません" in text
    assert "whois: 調査できませんでした" in text  # an unknown reason: said in Japanese, details in JSON
    en = "\n".join(line.plain for line in online_lines(e, "en"))
    assert "timeout after 5 s" in en and "United States" in en


def test_score_chart_labels_are_names_not_ids(seed):
    page = render_report(seed, "html", ReportOptions(lang="ja")).decode()
    chart = page.split('aria-label="スコアの内訳"', 1)[1].split("</svg>", 1)[0]
    labels = re.findall(r'text-anchor="end">([^<]*)<', chart)
    assert labels and not [x for x in labels if _ID.search(x)], labels
    assert "ブランドを名乗るが送信元ドメインが別" in labels
    body = LexborHTMLParser(page).body
    assert body is not None
    visible = body.text()
    assert "SENDER_BRAND_MISMATCH" not in visible  # ids only as a tooltip, not on every line
