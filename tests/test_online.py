"""The online investigation against real servers on loopback: a DNS server with test zones,
a DNS server that never answers, an RDAP server (tests/helpers/servers.py), and a local web site for
link visits. No test needs the internet; every address is 127.0.0.1."""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dkim
import jsonschema
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from helpers import EXAMPLES, ROOT, build_mail
from helpers.servers import BlackHoleDns, DnsTestServer, RdapTestServer, rdap_domain

from mailautopsy import analyze
from mailautopsy.cli import main
from mailautopsy.enrich.investigate import OnlineOptions
from mailautopsy.render.article import ReportOptions
from mailautopsy.render.report import render_report

SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
MAIL_DATE = "Tue, 22 Apr 2025 09:12:30 +0900"

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=1024)
PRIVATE_PEM = _KEY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
)
PUBLIC_B64 = base64.b64encode(
    _KEY.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
).decode()

ZONES = {
    "good.test": [("TXT", "v=spf1 ip4:45.8.227.97 -all"), ("A", "45.8.227.10"), ("MX", "10 mx.good.test")],
    "_dmarc.good.test": [("TXT", "v=DMARC1; p=reject; rua=mailto:d@good.test")],
    "s1._domainkey.good.test": [("TXT", f"v=DKIM1; k=rsa; p={PUBLIC_B64}")],
    "soft.test": [("TXT", "v=spf1 ip4:198.51.100.1 ~all")],
    "97.227.8.45.in-addr.arpa": [("PTR", "mail.good.test")],
    "login.newphish.test": [("A", "45.8.227.97")],
    "www.oldshop.test": [("A", "8.8.8.8")],
    # the seed: the sender's ISP domain and the phishing host
    "cameo.plala.or.jp": [("A", "210.131.4.70"), ("MX", "10 mx.plala.or.jp")],
    "active-japan-top.beak.host": [("A", "45.8.227.97")],
}
RDAP = {
    "newphish.test": rdap_domain("newphish.test", "2025-04-19T02:00:00Z", "Cheap Names Ltd", "NG"),
    "oldshop.test": rdap_domain("oldshop.test", "2009-06-01T00:00:00Z", "Old Registrar", "JP"),
    "beak.host": rdap_domain("beak.host", "2025-04-19T10:00:00Z", "Host Registrar", "NG"),
    "broken.test": "MALFORMED",
    "slow.test": "SLOW",
    "busy.test": "RATELIMIT",
}


@pytest.fixture(scope="module")
def dns_server():
    with DnsTestServer(ZONES) as server:
        yield server


@pytest.fixture(scope="module")
def rdap_server():
    with RdapTestServer(RDAP, ["test", "host"], slow_seconds=6) as server:
        yield server


def options(dns_server, rdap_server, **kw) -> OnlineOptions:
    base = {
        "resolver": dns_server.address,
        "timeout": 2.0,
        "budget": 20.0,
        "cache_path": None,
        "rdap_bootstrap": rdap_server.bootstrap,
    }
    base.update(kw)
    return OnlineOptions(**base)


def mail(
    *,
    ip: str = "45.8.227.97",
    sender: str = "news@good.test",
    text: str = "Your order has shipped.",
    sign: bool = False,
    html: str | None = None,
) -> bytes:
    raw = build_mail(
        from_=f"Good Shop <{sender}>",
        to="user@recipient.example",
        subject="Your order",
        text=text,
        html=html,
        trace=[
            ("Return-Path", f"<{sender}>"),
            (
                "Received",
                f"from mail.good.test (mail.good.test [{ip}]) by mx.recipient.example with ESMTP id 1; {MAIL_DATE}",
            ),
        ],
    )
    if sign:
        signature = dkim.sign(raw, b"s1", b"good.test", PRIVATE_PEM, include_headers=[b"from", b"to", b"subject"])
        raw = signature + raw
    return raw


def ids(result) -> set[str]:
    return {f.id for f in result.findings}


# --- SPF, DKIM, DMARC ---------------------------------------------------------------------------


def test_all_pass_from_the_permitted_ip(dns_server, rdap_server):
    result = analyze(mail(sign=True), online=options(dns_server, rdap_server))
    e = result.enrichment
    assert e is not None
    assert e.spf is not None and e.spf.result == "pass" and e.spf.ip == "45.8.227.97"
    assert [(d.domain, d.result) for d in e.dkim] == [("good.test", "pass")]
    assert e.dmarc is not None and e.dmarc.result == "pass" and e.dmarc.policy == "reject"
    assert e.sender_addresses == ["45.8.227.10"] and e.sender_mx == ["mx.good.test"]
    assert e.origin_ptr == ["mail.good.test"]
    assert e.origin is not None and e.origin.country == "GB"  # geoip2fast's bundled data
    assert not {i for i in ids(result) if i.startswith("ONLINE_")}


def test_spf_fail_and_dmarc_reject_from_another_ip(dns_server, rdap_server):
    result = analyze(mail(ip="8.8.4.4"), online=options(dns_server, rdap_server))
    by_id = {f.id: f for f in result.findings}
    assert by_id["ONLINE_SPF_FAIL"].params == {"domain": "good.test", "ip": "8.8.4.4", "result": "fail"}
    assert by_id["ONLINE_SPF_FAIL"].confidence == 1.0
    assert by_id["ONLINE_DMARC_FAIL"].params["policy"] == "reject"
    assert by_id["ONLINE_DMARC_FAIL"].evidence[0].value.startswith("v=DMARC1; p=reject")


def test_softfail_counts_half(dns_server, rdap_server):
    result = analyze(mail(sender="info@soft.test"), online=options(dns_server, rdap_server))
    spf = next(f for f in result.findings if f.id == "ONLINE_SPF_FAIL")
    assert spf.params["result"] == "softfail" and spf.confidence == 0.5


def test_tampered_dkim_signature(dns_server, rdap_server):
    raw = mail(sign=True).replace(b"Your order has shipped.", b"Your order has been cancelled.")
    result = analyze(raw, online=options(dns_server, rdap_server))
    assert result.enrichment is not None and result.enrichment.dkim[0].result == "fail"
    assert "ONLINE_DKIM_INVALID" in ids(result)
    assert "ONLINE_SPF_FAIL" not in ids(result)  # SPF still passes: only the signature is broken


# --- RDAP, hosts, feeds ---------------------------------------------------------------------------


def test_new_link_domain_with_registrant_and_hosting(dns_server, rdap_server):
    raw = mail(text="Verify now: https://login.newphish.test/verify and see https://www.oldshop.test/")
    result = analyze(raw, online=options(dns_server, rdap_server))
    e = result.enrichment
    assert e is not None
    new = next(f for f in result.findings if f.id == "ONLINE_DOMAIN_NEW")
    assert new.params["domain"] == "newphish.test" and new.params["days"] == "2" and new.params["role"] == "link"
    info = {d.domain: d for d in e.domains}
    reg = info["newphish.test"].registration
    assert reg is not None and reg.registrant_country == "NG" and reg.registrar == "Cheap Names Ltd"
    assert reg.abuse_email == "abuse@registrar.test"
    assert info["oldshop.test"].age_days is not None and info["oldshop.test"].age_days > 5000
    hosts = {h.host: h for h in e.hosts}
    assert hosts["login.newphish.test"].addresses == ("45.8.227.97",)
    assert hosts["login.newphish.test"].places[0].country == "GB"


@pytest.mark.parametrize(
    ("domain", "reason"), [("broken.test", "malformed"), ("slow.test", "timeout"), ("busy.test", "429")]
)
def test_rdap_failures_are_skipped_not_fatal(dns_server, rdap_server, domain, reason):
    raw = mail(text=f"see https://www.{domain}/")
    offline = analyze(raw)
    started = time.monotonic()
    result = analyze(raw, online=options(dns_server, rdap_server, timeout=1.0))
    assert time.monotonic() - started < 8
    e = result.enrichment
    assert e is not None
    assert any(domain in s and reason in s.lower() for s in e.skipped), e.skipped
    assert not [f for f in result.findings if f.id == "ONLINE_DOMAIN_NEW"]
    assert result.verdict == offline.verdict


def test_unknown_domain_is_reported(dns_server, rdap_server):
    result = analyze(mail(text="see https://www.nowhere.test/"), online=options(dns_server, rdap_server))
    e = result.enrichment
    assert e is not None
    assert [(d.domain, d.role, d.registration) for d in e.domains] == [
        ("good.test", "sender", None),
        ("nowhere.test", "link", None),
    ]
    assert "ONLINE_DOMAIN_NEW" not in ids(result)


def test_threat_feed_match(dns_server, rdap_server, tmp_path):
    feed = tmp_path / "openphish.txt"
    feed.write_text("# OpenPhish-style list\nhttps://login.newphish.test/verify\n", encoding="utf-8")
    ipfeed = tmp_path / "ips.txt"
    ipfeed.write_text("8.8.8.8\n", encoding="utf-8")
    raw = mail(text="https://login.newphish.test/verify https://www.oldshop.test/")
    result = analyze(raw, online=options(dns_server, rdap_server, feeds=(feed, ipfeed)))
    hits = [f for f in result.findings if f.id == "ONLINE_FEED_MATCH"]
    assert len(hits) == 1 and hits[0].params["feed"] == "ips.txt, openphish.txt"
    assert {e.value for e in hits[0].evidence} == {"https://login.newphish.test/verify", "www.oldshop.test"}


# --- failures, budget, cache --------------------------------------------------------------------


def test_dns_server_that_never_answers(rdap_server):
    raw = mail(ip="8.8.4.4", text="https://login.newphish.test/")
    offline = analyze(raw)
    with BlackHoleDns() as hole:
        started = time.monotonic()
        result = analyze(
            raw,
            online=OnlineOptions(
                resolver=hole.address, timeout=1.0, budget=4.0, cache_path=None, rdap_bootstrap=rdap_server.bootstrap
            ),
        )
        elapsed = time.monotonic() - started
        assert hole.received > 0
    e = result.enrichment
    assert e is not None
    assert elapsed < 9, elapsed
    assert any("timeout" in s or "budget" in s for s in e.skipped), e.skipped
    assert result.verdict == offline.verdict  # a failed lookup never turns the verdict
    assert not result.errors


def test_lookup_failures_never_accuse_the_signature(rdap_server):
    """A resolver answering NXDOMAIN for everything: genuine signed mail must not come out as
    'DKIM invalid'. A key that is not there is permerror, not a signature that verified false."""
    raw = mail(sign=True)
    offline = analyze(raw)
    with DnsTestServer({}) as nxdomain:
        result = analyze(raw, online=options(nxdomain, rdap_server))
        assert nxdomain.log, "the resolver was asked"
    e = result.enrichment
    assert e is not None
    assert [(d.domain, d.result) for d in e.dkim] == [("good.test", "permerror")]
    assert "no key published" in e.dkim[0].detail
    assert e.spf is not None and e.spf.result == "none"
    assert e.dmarc is not None and e.dmarc.result == "none"
    assert not {i for i in ids(result) if i.startswith("ONLINE_")}
    assert result.verdict == offline.verdict
    from mailautopsy.render.text import online_lines

    said = "\n".join(line.plain for line in online_lines(e, "ja"))
    assert "DKIM 署名(セレクター s1): 判定できず: 記録や署名の誤り・鍵がない(permerror)" in said, said


def test_servfail_and_timeout_are_temperror_not_fail(rdap_server):
    """A resolver that never answers: the key lookup times out, DKIM is temperror."""
    raw = mail(sign=True)
    with BlackHoleDns() as hole:
        result = analyze(
            raw,
            online=OnlineOptions(
                resolver=hole.address, timeout=1.0, budget=4.0, cache_path=None, rdap_bootstrap=rdap_server.bootstrap
            ),
        )
    e = result.enrichment
    assert e is not None
    assert [d.result for d in e.dkim] == ["temperror"]
    assert "ONLINE_DKIM_INVALID" not in ids(result)


def test_dmarc_with_an_unanswered_signature_key_is_temperror(rdap_server):
    """DMARC published, the From domain's key lookup failing: the alignment cannot be decided,
    so DMARC is temperror (RFC 7489), not a failure with policy reject."""
    from mailautopsy.enrich.authcheck import DkimCheck, SpfCheck, check_dmarc
    from mailautopsy.enrich.budget import Budget
    from mailautopsy.enrich.cache import Cache
    from mailautopsy.enrich.dns import DnsProvider

    with DnsTestServer({"_dmarc.good.test": ZONES["_dmarc.good.test"]}) as server:
        dnsp = DnsProvider(Cache(None), Budget(10), server.address, 2.0)
        spf = SpfCheck("good.test", "45.8.227.97", "none", "")
        undecided = check_dmarc(dnsp, "good.test", spf, [DkimCheck("good.test", "s1", "temperror")])
        refused = check_dmarc(dnsp, "good.test", spf, [DkimCheck("good.test", "s1", "fail")])
    assert undecided.result == "temperror" and undecided.policy == "reject"
    assert refused.result == "fail"


def test_a_dead_resolver_is_skipped_for_the_rest_of_the_run(rdap_server):
    """The first message finds the resolver dead (its first query times out, nothing ever
    answered); the second message of the same run asks it nothing and says why."""
    first_raw = mail(ip="8.8.4.4", sign=True, text="https://login.newphish.test/")
    second_raw = mail(sender="info@soft.test", sign=True, text="https://www.oldshop.test/")
    with BlackHoleDns() as hole:
        opts = OnlineOptions(
            resolver=hole.address, timeout=1.0, budget=30.0, cache_path=None, rdap_bootstrap=rdap_server.bootstrap
        )
        first = analyze(first_raw, online=opts)
        second = analyze(second_raw, online=opts)
    assert first.enrichment is not None and second.enrichment is not None
    assert first.enrichment.dns_queries == 1, first.enrichment.skipped  # one timeout, then skipped
    assert any("timeout" in s for s in first.enrichment.skipped)
    assert second.enrichment.dns_queries == 0
    assert second.enrichment.skipped and all(
        "not answering" in s for s in second.enrichment.skipped if s.startswith("DNS")
    ), second.enrichment.skipped
    from mailautopsy.render.text import online_lines

    said = "\n".join(line.plain for line in online_lines(second.enrichment, "ja"))
    assert f"DNS サーバー {hole.address} が応答しないため省略しました" in said, said
    for result in (first, second):
        assert [d.result for d in result.enrichment.dkim] == ["temperror"]
        assert not {i for i in ids(result) if i.startswith("ONLINE_") and i != "ONLINE_DOMAIN_NEW"}
        assert not result.errors


def test_a_resolver_that_answered_is_never_declared_dead():
    from mailautopsy.enrich.budget import ServerHealth

    health = ServerHealth()
    health.answered("127.0.0.1:53")
    health.timed_out("127.0.0.1:53")
    health.timed_out("127.0.0.1:54")
    assert not health.is_dead("127.0.0.1:53") and health.is_dead("127.0.0.1:54")


def test_second_run_is_answered_from_the_cache(dns_server, rdap_server, tmp_path):
    raw = mail(sign=True, text="https://login.newphish.test/verify")
    opts = options(dns_server, rdap_server, cache_path=tmp_path / "cache.sqlite3")
    first = analyze(raw, online=opts)
    queries_before = len(dns_server.log)
    rdap_before = len(rdap_server.requests)
    second = analyze(raw, online=opts)
    assert first.enrichment is not None and first.enrichment.dns_queries > 0
    assert second.enrichment is not None and second.enrichment.dns_queries == 0
    assert len(dns_server.log) == queries_before, "a second query reached the DNS server"
    assert len(rdap_server.requests) == rdap_before, "a second request reached the RDAP server"
    assert {f.id for f in first.findings} == {f.id for f in second.findings}
    assert main(["cache", "stats", "--cache", str(tmp_path / "cache.sqlite3")]) == 0
    assert main(["cache", "clear", "--cache", str(tmp_path / "cache.sqlite3")]) == 0


def test_offline_analysis_makes_no_network_request(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network use without --online: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    paths = [EXAMPLES / "kagoya-phish.eml", *sorted((ROOT / "tests" / "samples").rglob("*.eml"))]
    for path in paths:
        result = analyze(path.read_bytes(), path.name)
        assert not result.errors, (path, result.errors)
        assert result.enrichment is None


# --- the seed author's investigation, end to end through the CLI ----------------------------------


def test_seed_investigated_like_the_author_did(dns_server, rdap_server, tmp_path, capsys):
    config = tmp_path / "mailautopsy.toml"
    config.write_text(f'[online]\nrdap_bootstrap = "{rdap_server.bootstrap}"\n', encoding="utf-8")
    seed = str(EXAMPLES / "kagoya-phish.eml")
    args = ["analyze", seed, "--online", "--resolver", dns_server.address, "--no-cache", "--config", str(config)]
    assert main([*args, "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    e = data["enrichment"]
    assert e["sender_domain"] == "cameo.plala.or.jp" and e["sender_addresses"] == ["210.131.4.70"]
    beak = next(d for d in e["domains"] if d["domain"] == "beak.host")
    assert beak["registration"]["registrant_country"] == "NG" and beak["age_days"] == 2
    host = next(h for h in e["hosts"] if h["host"] == "active-japan-top.beak.host")
    assert host["places"][0]["country"] == "GB"
    found = {f["id"]: f for f in data["findings"]}
    assert "ONLINE_DOMAIN_NEW" in found
    assert found["ONLINE_HOSTING_FOREIGN"]["params"]["country"] == "GB"
    assert any("no public IP" in s for s in e["skipped"])  # the seed's only hop is private

    assert main([*args, "--lang", "ja", "--width", "120"]) == 2
    text = capsys.readouterr().out
    assert "オンライン調査" in text and "210.131.4.70" in text
    assert "登録日 2025-04-19" in text and "登録者の国 ナイジェリア" in text
    assert "イギリス" in text and "United Kingdom" not in text  # country names in Japanese (CLDR)
    assert "beak.host" not in text  # still defanged


def test_online_rules_have_sentences_in_both_languages():
    import tomllib

    from mailautopsy.i18n import catalogue

    rules = tomllib.loads((ROOT / "src" / "mailautopsy" / "rules" / "rules.toml").read_text("utf-8"))["rule"]
    online = [rid for rid, r in rules.items() if r.get("online")]
    assert len(online) == 13
    for lang in ("ja", "en"):
        assert all(rid in catalogue(lang)["finding"] for rid in online)


def test_report_carries_the_online_facts_and_stays_inert(dns_server, rdap_server, tmp_path, capsys):
    config = tmp_path / "mailautopsy.toml"
    config.write_text(f'[online]\nrdap_bootstrap = "{rdap_server.bootstrap}"\n', encoding="utf-8")
    seed = str(EXAMPLES / "kagoya-phish.eml")
    online = ["--online", "--resolver", dns_server.address, "--no-cache", "--config", str(config)]
    for fmt, lang, heading, countries in (
        ("md", "ja", "## オンライン調査の結果", ("ナイジェリア", "イギリス")),
        ("html", "en", "What the online lookups showed", ("NG", "United Kingdom")),
    ):
        assert main(["report", seed, "--format", fmt, "--lang", lang, *online]) == 0
        out = capsys.readouterr().out
        assert heading in out
        assert "2025-04-19" in out and all(c in out for c in countries), countries
        assert "https://" not in out and "http://" not in out and "beak.host" not in out
        assert "administrator@example.co.jp" not in out


# --- link visits through analyze --visit -------------------------------------------------------

_LOGIN = (
    "<!doctype html><html><head><title>KAGOYA ログイン</title></head><body><h1>KAGOYA JAPAN</h1>"
    '<form action="/post" method="post"><input name="id"><input type="password" name="pw">'
    "<button>ログイン</button></form></body></html>"
).encode()


_RELEASE = threading.Event()
VISIT_TIMEOUT = 20.0
"""The visit test's own budget, far above what a visit needs, so that other test workers
starting browsers at the same time (`pytest -n auto` on 2 cores) slow it without failing it."""


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/hang"):
            _RELEASE.wait(VISIT_TIMEOUT + 30)  # outlasts the visit's timeout, whatever the machine's load
            return
        body = _LOGIN if self.path.startswith("/login") else b"<html><body>not here</body></html>"
        try:
            self.send_response(200 if self.path.startswith("/login") else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _RELEASE.set()
    server.shutdown()


def _need_browser() -> None:
    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("MAILAUTOPSY_REQUIRE_SYSTEM_DEPS") == "1":
            pytest.fail("Debian's chromium is required here")
        pytest.skip("Debian's chromium not installed")


def test_visit_finds_the_fake_login_page(dns_server, rdap_server, site):
    _need_browser()
    raw = build_mail(
        from_='"KAGOYA サポート" <support@kagoya-help.test>',
        to="user@recipient.example",
        subject="【重要:KAGOYA】アカウントの確認",
        text=f"ログインして確認してください: {site}/login#user@recipient.example\n期限切れ: {site}/hang",
    )
    opts = options(dns_server, rdap_server, visit=True, allow_private=True, visit_timeout=VISIT_TIMEOUT)
    result = analyze(raw, online=opts)
    e = result.enrichment
    assert e is not None and len(e.visits) == 2
    login = next(v for v in e.visits if "/login" in v.requested)
    assert login.ok and login.password_fields == 1 and "kagoya" in login.brands_on_page
    assert "user@recipient.example" not in login.url  # the recipient was stripped before the visit
    found = {f.id: f for f in result.findings}
    assert found["ONLINE_PAGE_PASSWORD"].params["host"] == "127.0.0.1"
    assert found["ONLINE_PAGE_BRAND"].params["brand"] == "KAGOYA"
    assert found["ONLINE_PAGE_UNREACHABLE"].params["reason"].startswith("timeout")
    assert result.verdict == "phishing"
    page = render_report(result, "html", ReportOptions(lang="ja")).decode()
    assert 'src="data:image/png;base64,' in page  # the screenshot in the link map


def test_visit_refuses_private_targets_by_default(dns_server, rdap_server, site):
    raw = build_mail(text=f"see {site}/login", to="user@recipient.example")
    result = analyze(raw, online=options(dns_server, rdap_server, visit=True, visit_timeout=3.0))
    e = result.enrichment
    assert e is not None and e.visits and e.visits[0].error.startswith("refused")
    assert "ONLINE_PAGE_UNREACHABLE" not in {f.id for f in result.findings}  # refused is not 'taken down'


def test_spf_uses_the_ip_the_receiver_recorded(dns_server, rdap_server):
    """A forged lower Received line cannot choose the IP that SPF is checked for."""
    raw = build_mail(
        from_="PayPal <service@good.test>",
        to="user@recipient.example",
        text="hello",
        trace=[
            (
                "Received-SPF",
                "Fail (mx.recipient.example: domain of service@good.test does not designate 8.8.4.4) "
                "client-ip=8.8.4.4; helo=evil.example;",
            ),
            ("Received", f"from evil.example ([8.8.4.4]) by mx.recipient.example; {MAIL_DATE}"),
            ("Received", f"from mail.good.test ([45.8.227.97]) by mx.recipient.example; {MAIL_DATE}"),
        ],
    )
    result = analyze(raw, online=options(dns_server, rdap_server))
    assert result.enrichment is not None and result.enrichment.connecting_ip == "8.8.4.4"
    assert "ONLINE_SPF_FAIL" in ids(result)


def test_connecting_hop_stops_at_the_receiving_organisation():
    from mailautopsy.enrich.investigate import connecting_hop
    from mailautopsy.parse.received import parse_received

    hops = tuple(
        parse_received(i, v)
        for i, v in enumerate(
            [
                f"from mx1.recipient.example ([10.0.0.5]) by mbox.recipient.example; {MAIL_DATE}",
                f"from sender.example ([45.8.227.20]) by mx1.recipient.example; {MAIL_DATE}",
                f"from forged.example ([64.4.250.10]) by relay.elsewhere.example; {MAIL_DATE}",
            ]
        )
    )
    hop = connecting_hop(hops)
    assert hop is not None and hop.by_host == "mx1.recipient.example"


def test_rdap_for_an_internationalised_domain(tmp_path):
    from mailautopsy.enrich.budget import Budget
    from mailautopsy.enrich.cache import Cache
    from mailautopsy.enrich.rdap import RdapProvider

    ace = "xn--eckwd4c7c.test"  # ドメイン.test
    with RdapTestServer({ace: rdap_domain(ace, "2025-04-20T00:00:00Z", "R", "JP")}, ["test"]) as server:
        reg = RdapProvider(Cache(None), Budget(10), server.bootstrap, 2.0).domain("ドメイン.test")
    assert reg is not None and reg.domain == ace and reg.registrant_country == "JP"


def test_user_geoip_databases(dns_server, rdap_server, tmp_path, capsys):
    """A MaxMind/DB-IP style .mmdb (City and ASN files) the user points to replaces the bundled data."""
    from mmdb_writer import MMDBWriter
    from netaddr import IPSet

    city = MMDBWriter(ip_version=6, database_type="GeoLite2-City", languages=["en"], ipv4_compatible=True)
    city.insert_network(
        IPSet(["45.8.224.0/22"]),
        {"country": {"iso_code": "GB", "names": {"en": "United Kingdom"}}, "city": {"names": {"en": "Mansfield"}}},
    )
    city.to_db_file(str(tmp_path / "city.mmdb"))
    asn = MMDBWriter(ip_version=6, database_type="GeoLite2-ASN", languages=["en"], ipv4_compatible=True)
    asn.insert_network(
        IPSet(["45.8.224.0/22"]), {"autonomous_system_number": 48254, "autonomous_system_organization": "Test Hosting"}
    )
    asn.to_db_file(str(tmp_path / "asn.mmdb"))
    config = tmp_path / "mailautopsy.toml"
    config.write_text(f'[online]\nrdap_bootstrap = "{rdap_server.bootstrap}"\n', encoding="utf-8")
    args = ["analyze", str(EXAMPLES / "kagoya-phish.eml"), "--online", "--resolver", dns_server.address]
    args += ["--no-cache", "--config", str(config), "--format", "json"]
    args += ["--geoip-db", str(tmp_path / "city.mmdb"), "--geoip-db", str(tmp_path / "asn.mmdb")]
    assert main(args) == 2
    data = json.loads(capsys.readouterr().out)
    host = next(h for h in data["enrichment"]["hosts"] if h["host"] == "active-japan-top.beak.host")
    assert host["places"][0] == {
        "ip": "45.8.227.97",
        "ip_class": "public",
        "country": "GB",
        "country_name": "United Kingdom",
        "network": "AS48254 Test Hosting",
        "city": "Mansfield",
    }


JPRS_ANSWER = """[ JPRS database provides information on network administration. ]
Domain Information:
[Domain Name]                   NEWPHISH.JP

[Registrant]                    Taro Example

[Created on]                    2025/04/20
[Expires on]                    2026/04/30
[Status]                        Active
"""
GTLD_ANSWER = """Domain Name: OLDSHOP.EXAMPLE
Registrar: Old Registrar, Inc.
Creation Date: 2009-06-01T00:00:00Z
Registrant Country: US
Registrar Abuse Contact Email: abuse@old-registrar.example
"""


def test_whois_when_a_tld_has_no_rdap(dns_server, rdap_server):
    """.jp has no RDAP service: the registration comes from WHOIS (JPRS format, then ICANN's)."""
    from helpers.servers import WhoisTestServer

    answers = {"newphish.jp": JPRS_ANSWER, "oldshop.example": GTLD_ANSWER, "slow.jp": "SLOW"}
    with WhoisTestServer(answers, slow_seconds=5) as whois:
        raw = mail(
            text="https://login.newphish.jp/ https://www.oldshop.example/ https://www.slow.jp/ https://a.gone.jp/"
        )
        opts = options(dns_server, rdap_server, whois_server=whois.address, timeout=1.0)
        result = analyze(raw, online=opts)
    e = result.enrichment
    assert e is not None
    info = {d.domain: d for d in e.domains}
    assert info["newphish.jp"].registration is not None and info["newphish.jp"].registration.created == "2025-04-20"
    assert info["newphish.jp"].age_days == 2
    old = info["oldshop.example"].registration
    assert old is not None and old.registrar == "Old Registrar, Inc." and old.registrant_country == "US"
    assert old.abuse_email == "abuse@old-registrar.example"
    assert info["gone.jp"].registration is None  # 'No match': not registered (any more)
    assert any("slow.jp" in s and "timeout" in s for s in e.skipped), e.skipped
    new = next(f for f in result.findings if f.id == "ONLINE_DOMAIN_NEW")
    assert new.params["domain"] == "newphish.jp"


def test_whois_date_formats():
    from mailautopsy.enrich.whois import parse_date, parse_whois

    assert parse_date("2025-04-19T10:00:00Z") == "2025-04-19T10:00:00+00:00"
    assert parse_date("2025/04/19") == "2025-04-19"
    assert parse_date("19-Apr-2025") == "2025-04-19"
    assert parse_date("2025.04.19 12:00:00") == "2025-04-19"
    assert parse_whois("x.jp", "[登録年月日]                    2024/01/02\n").created == "2024-01-02"
    assert parse_whois("x.jp", "No match!!\n") is None
