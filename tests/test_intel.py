"""The lookups analysts already pay for (VirusTotal, urlscan.io, MISP) against a local server that
speaks each API's documented answers (tests/helpers/intel.py), with DNS and RDAP on loopback too:
findings and facts, rate limits, refused keys, server errors, slow and malformed answers, the
cache, the explicit urlscan.io submission, and no key in any output, log record or database row."""

from __future__ import annotations

import hashlib
import json
import logging
import time

import jsonschema
import pytest
from helpers import ROOT, build_mail
from helpers.intel import (
    MISP_KEY,
    URLSCAN_KEY,
    VT_KEY,
    IntelTestServer,
    misp_attribute,
    urlscan_hit,
    urlscan_result,
    vt_object,
)
from helpers.postgres import database_url
from helpers.servers import DnsTestServer, RdapTestServer, rdap_domain

from mailautopsy import analyze
from mailautopsy.enrich.intel import IntelSettings, Secret, intel_settings
from mailautopsy.enrich.investigate import OnlineOptions
from mailautopsy.enrich.virustotal import url_id

LINK = "https://login.kagoya-check.test/verify"
ATTACHMENT = b"%PDF-1.4 invoice that is not an invoice"
SHA = hashlib.sha256(ATTACHMENT).hexdigest()
ZONES = {"login.kagoya-check.test": [("A", "45.8.227.97")], "shop.example.test": [("A", "8.8.8.8")]}
RDAP = {"kagoya-check.test": rdap_domain("kagoya-check.test", "2009-06-01T00:00:00Z", "R", "JP")}
MALICIOUS = {
    ("vt", url_id(LINK)): vt_object(12, 2, 60, 16),
    ("vt", "kagoya-check.test"): vt_object(1),
    ("vt", SHA): vt_object(40, 0, 0, 30),
    ("vt", "45.8.227.97"): vt_object(0, 0, 70, 20),
    ("urlscan", f'search task.url:"{LINK}"'): {
        "results": [
            urlscan_hit("older-0000", LINK, "2026-10-01T10:00:00.000Z"),
            urlscan_hit("newest-1111", LINK, "2026-11-30T08:15:00.000Z"),
        ],
        "total": 2,
        "has_more": False,
    },
    ("urlscan", "newest-1111"): urlscan_result("newest-1111", LINK, "2026-11-30T08:15:00.000Z", True, ["KAGOYA"]),
    ("urlscan", "older-0000"): urlscan_result("older-0000", LINK, "2026-10-01T10:00:00.000Z", False, []),
    ("misp", "kagoya-check.test"): misp_attribute("kagoya-check.test", "domain", 123, "Phishing KAGOYA", 1, 3),
    ("misp", "45.8.227.97"): misp_attribute("45.8.227.97", "ip-dst", 77, "Shared hosting", 3, 0, ids=False),
}


@pytest.fixture(scope="module")
def loopback():
    """DNS and RDAP on loopback, so that nothing but the paid lookups is asked anything real."""
    with DnsTestServer(ZONES) as dns, RdapTestServer(RDAP, ["test"]) as rdap:
        yield dns, rdap


def settings(server: IntelTestServer, **kw) -> IntelSettings:
    base = {
        "virustotal_key": Secret(VT_KEY),
        "virustotal_url": f"{server.base}/vt/api/v3",
        "urlscan_key": Secret(URLSCAN_KEY),
        "urlscan_url": f"{server.base}/urlscan/api/v1",
        "misp_url": f"{server.base}/misp",
        "misp_key": Secret(MISP_KEY),
    }
    base.update(kw)
    return IntelSettings(**base)


def options(loopback, intel: IntelSettings, **kw) -> OnlineOptions:
    dns, rdap = loopback
    base = {"resolver": dns.address, "timeout": 2.0, "budget": 20.0, "cache_path": None}
    base.update(rdap_bootstrap=rdap.bootstrap, intel=intel, **kw)
    return OnlineOptions(**base)


def mail(link: str = LINK, attach: bool = True) -> bytes:
    return build_mail(
        from_="KAGOYA <support@kagoya-check.test>",
        to="user@recipient.example",
        subject="アカウントの確認",
        text=f"確認してください: {link}#user@recipient.example",
        attachments=[("invoice.pdf", ATTACHMENT, "application/pdf")] if attach else None,
    )


def by_id(result) -> dict:
    return {f.id: f for f in result.findings}


# --- what each provider says ---------------------------------------------------------------------


def test_url_identifier_is_unpadded_urlsafe_base64():
    # the example of VirusTotal's "URL identifiers" documentation
    assert url_id("http://www.google.com/") == "aHR0cDovL3d3dy5nb29nbGUuY29tLw"
    assert "=" not in url_id("https://a.test/?") and "/" not in url_id("https://a.test/??>>")


def test_all_three_providers_become_evidence_and_findings(loopback):
    with IntelTestServer(MALICIOUS) as server:
        result = analyze(mail(), online=options(loopback, settings(server)))
        sent = list(server.requests)
    e = result.enrichment
    assert e is not None, "no enrichment"
    found = by_id(result)
    vt = found["ONLINE_VT_FLAGGED"]
    assert vt.params["flagged"] == "40" and vt.params["engines"] == "70" and vt.params["what"] == "file"
    assert vt.confidence == 1.0
    assert {ev.value for ev in vt.evidence} == {SHA, LINK}  # one engine on the domain is not enough
    scan = found["ONLINE_URLSCAN_MALICIOUS"]
    assert scan.params == {"date": "2026-11-30", "brands": "KAGOYA", "indicator": LINK}
    misp = found["ONLINE_MISP_MATCH"]
    assert misp.params["event"] == "123" and misp.params["info"] == "Phishing KAGOYA"
    assert misp.params["level"] == "high" and misp.params["sightings"] == "3" and misp.confidence == 1.0
    assert result.verdict == "phishing"
    # the link left the machine without the recipient's address, the key only in its header
    assert not any("recipient.example" in json.dumps([p, b]) for _, p, _, b in sent)
    misp_body = next(b for m, p, _, b in sent if p.startswith("/misp/"))
    assert misp_body["returnFormat"] == "json" and misp_body["includeSightings"] is True
    assert set(misp_body["value"]) >= {LINK, "kagoya-check.test", SHA, "45.8.227.97"}
    assert next(h for m, p, h, _ in sent if p.startswith("/misp/"))["authorization"] == MISP_KEY
    # context-only MISP attributes and clean VirusTotal answers are facts, not findings
    ip_misp = next(h for h in e.intel if h.provider == "MISP" and h.indicator == "45.8.227.97")
    assert not ip_misp.to_ids and ip_misp.threat_level == "low"
    from mailautopsy.render.text import online_lines

    ja = "\n".join(line.plain for line in online_lines(e, "ja"))
    assert "VirusTotal: " in ja and "70 個のエンジン中 40 個が悪性" in ja
    assert "urlscan.io の 2026-11-30 のスキャン: 悪性、なりすまし対象 KAGOYA" in ja
    assert "MISP のイベント #123「Phishing KAGOYA」(脅威レベル 高、2026-11-28)" in ja
    assert "#77「Shared hosting」(脅威レベル 低" in ja and "参考情報" in ja
    en = "\n".join(line.plain for line in online_lines(e, "en"))
    assert "40 of 70 engines flag" in en and "https://" not in en  # defanged


def test_urlscan_submits_only_when_asked(loopback):
    unseen = "https://fresh.kagoya-check.test/login"
    answers = {
        **MALICIOUS,
        ("urlscan", f"scan {unseen}"): {
            "message": "Submission successful",
            "uuid": "new-2222",
            "result": "https://urlscan.io/result/new-2222/",
            "api": "x",
            "visibility": "unlisted",
            "url": unseen,
        },
    }
    with IntelTestServer(answers) as server:
        quiet = analyze(mail(unseen, attach=False), online=options(loopback, settings(server)))
        assert not [r for r in server.requests if r[0] == "POST" and "/scan/" in r[1]], "submitted unasked"
        asked = settings(server, urlscan_submit=True)
        result = analyze(mail(unseen, attach=False), online=options(loopback, asked))
        posts = [r for r in server.requests if r[0] == "POST" and "/scan/" in r[1]]
    assert [h.verdict for h in quiet.enrichment.intel if h.provider == "urlscan.io"] == ["unknown"]
    assert len(posts) == 1 and posts[0][3] == {"url": unseen, "visibility": "unlisted"}
    hit = next(h for h in result.enrichment.intel if h.provider == "urlscan.io")
    assert hit.verdict == "submitted" and hit.link == "https://urlscan.io/result/new-2222/"
    assert "ONLINE_URLSCAN_MALICIOUS" not in by_id(result)  # a submission is no verdict


# --- failures are "unknown", never evidence -----------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ("RATELIMIT", "HTTP 429 (rate limited)"),
        ("ERROR", "HTTP 500"),
        ("MALFORMED", "malformed JSON"),
        ("SLOW", "timeout"),
        ("FORBIDDEN", "the API key was refused (HTTP 403)"),
    ],
)
def test_failures_are_skipped_not_evidence(loopback, answer, said):
    answers = {key: answer for key in MALICIOUS}
    offline = analyze(mail(), online=options(loopback, IntelSettings()))
    with IntelTestServer(answers, slow_seconds=5) as server:
        opts = options(loopback, settings(server), timeout=1.0)
        started = time.monotonic()
        result = analyze(mail(), online=opts)
        assert time.monotonic() - started < 15
        asked = {name: server.count(name) for name in ("vt", "urlscan", "misp")}
        again = analyze(mail(), online=opts) if answer == "RATELIMIT" else None
        asked_again = len(server.requests) - sum(asked.values())
    e = result.enrichment
    assert any(said in s for s in e.skipped), e.skipped
    assert not [h for h in e.intel if h.verdict in ("malicious", "suspicious")]
    assert not {"ONLINE_VT_FLAGGED", "ONLINE_URLSCAN_MALICIOUS", "ONLINE_MISP_MATCH"} & set(by_id(result))
    assert result.verdict == offline.verdict and result.score.total == offline.score.total
    if answer == "SLOW":  # one timeout per service and message, not one per indicator
        assert asked["vt"] == 1 and asked["urlscan"] == 1, asked
    if again is not None:  # Retry-After 30 s: each service was asked once, then rests for the run
        assert asked == {"vt": 1, "urlscan": 1, "misp": 1} and asked_again == 0
        resting = [s for s in again.enrichment.skipped if "rate limited for another" in s]
        assert {s.split(":")[0] for s in resting} == {"VirusTotal", "urlscan.io", "MISP"}, again.enrichment.skipped
        assert again.verdict == offline.verdict


def test_a_refused_key_is_one_clear_error_for_the_run(loopback):
    with IntelTestServer(MALICIOUS) as server:
        wrong = settings(server, virustotal_key=Secret("not-the-key"))
        opts = options(loopback, wrong)
        first = analyze(mail(), online=opts)
        asked = server.count("vt")
        second = analyze(mail(), online=opts)
        assert server.count("vt") == asked == 1  # refused once, then never asked again this run
    said = [s for s in first.enrichment.skipped if s.startswith("VirusTotal")]
    assert said == ["VirusTotal: the API key was refused (HTTP 401); no VirusTotal lookups for the rest of this run"]
    assert any("refused earlier in this run" in s for s in second.enrichment.skipped)
    assert "ONLINE_VT_FLAGGED" not in by_id(first) and "ONLINE_MISP_MATCH" in by_id(first)
    from mailautopsy.i18n import skipped_reason

    assert "API キーが受け付けられませんでした(HTTP 401)" in skipped_reason("ja", said[0])


def test_not_known_is_unknown(loopback):
    with IntelTestServer({}) as server:
        result = analyze(mail(), online=options(loopback, settings(server)))
    vt = [h for h in result.enrichment.intel if h.provider == "VirusTotal"]
    assert vt and all(h.verdict == "unknown" for h in vt)
    assert not {"ONLINE_VT_FLAGGED", "ONLINE_URLSCAN_MALICIOUS", "ONLINE_MISP_MATCH"} & set(by_id(result))


def test_a_provider_without_a_key_sends_nothing(loopback):
    with IntelTestServer(MALICIOUS) as server:
        only_misp = settings(server, virustotal_key=Secret(), urlscan_key=Secret())
        result = analyze(mail(), online=options(loopback, only_misp))
        assert server.count("vt") == server.count("urlscan") == 0 and server.count("misp") == 1
        analyze(mail(), online=options(loopback, IntelSettings()))
        assert len(server.requests) == 1
    assert {h.provider for h in result.enrichment.intel} == {"MISP"}


def test_second_analysis_is_answered_from_the_cache(loopback, tmp_path):
    with IntelTestServer(MALICIOUS) as server:
        opts = options(loopback, settings(server), cache_path=tmp_path / "cache.sqlite3")
        first = analyze(mail(), online=opts)
        asked = len(server.requests)
        second = analyze(mail(), online=opts)
        assert len(server.requests) == asked > 0, "a second analysis reached a provider"
    assert first.enrichment.intel == second.enrichment.intel
    assert set(by_id(first)) == set(by_id(second))


def test_keys_come_from_the_environment_before_the_config():
    env = {"VT_API_KEY": "from-env", "MISP_URL": "https://misp.example/", "MISP_KEY": "m"}
    conf = {"virustotal_key": "from-config", "urlscan_key": "u", "urlscan_visibility": "private"}
    s = intel_settings(conf, env)
    assert s.virustotal_key.reveal() == "from-env" and s.urlscan_key.reveal() == "u"
    assert s.misp_url == "https://misp.example" and s.urlscan_visibility == "private" and not s.urlscan_submit
    assert "from-env" not in repr(s) and "from-env" not in str(OnlineOptions(intel=s))
    with pytest.raises(ValueError, match="urlscan_visibility"):
        intel_settings({"urlscan_visibility": "everyone"}, {})


# --- no key in any output, log record or database row --------------------------------------------


def _keys_absent(text: str, where: str) -> None:
    for key in (VT_KEY, URLSCAN_KEY, MISP_KEY, "not-the-key"):
        assert key not in text, f"{key} in {where}"


def test_no_key_in_outputs_or_logs(loopback, tmp_path, capsys, caplog, monkeypatch):
    from mailautopsy.cli import main

    caplog.set_level(logging.DEBUG)
    with IntelTestServer(MALICIOUS) as server:
        monkeypatch.setenv("VT_API_KEY", VT_KEY)
        monkeypatch.setenv("URLSCAN_API_KEY", URLSCAN_KEY)
        monkeypatch.setenv("MISP_KEY", MISP_KEY)
        config = tmp_path / "mailautopsy.toml"
        config.write_text(f'[online]\nrdap_bootstrap = "{loopback[1].bootstrap}"\n{server.config()}', "utf-8")
        eml = tmp_path / "phish.eml"
        eml.write_bytes(mail())
        online = ["--online", "--resolver", loopback[0].address, "--no-cache", "--config", str(config)]
        outputs = []
        assert main(["analyze", str(eml), *online, "--format", "json"]) == 2
        data = json.loads(capsys.readouterr().out)
        assert {h["provider"] for h in data["enrichment"]["intel"]} == {"VirusTotal", "urlscan.io", "MISP"}
        jsonschema.validate(data, json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8")))
        outputs.append(json.dumps(data))
        for args in (
            ["analyze", str(eml), "--lang", "ja"],
            ["report", str(eml), "--format", "html"],
            ["scan", str(tmp_path), "--csv"],
        ):
            main([*args, *online])
            outputs.append("".join(capsys.readouterr()))
        monkeypatch.setenv("VT_API_KEY", "not-the-key")  # a refused key, echoed back by the server
        main(["analyze", str(eml), *online, "--format", "json"])
        refused = capsys.readouterr()
        outputs.append(refused.out + refused.err)
        assert "API key was refused" in refused.out
        assert any(h.get("x-apikey") == VT_KEY for _, _, h, _ in server.requests)  # it was sent, in the header
    for text in outputs:
        _keys_absent(text, "command output")
    _keys_absent("\n".join(r.getMessage() + repr(r.args) for r in caplog.records), "log records")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_no_key_in_web_rows(loopback, tmp_path, monkeypatch, kind):
    from fastapi.testclient import TestClient
    from sqlalchemy import inspect, text
    from sqlalchemy.orm import sessionmaker

    from mailautopsy.web.app import WebSettings, create_app
    from mailautopsy.web.security import create_token, create_user

    monkeypatch.setenv("VT_API_KEY", VT_KEY)
    monkeypatch.setenv("URLSCAN_API_KEY", URLSCAN_KEY)
    monkeypatch.setenv("MISP_KEY", MISP_KEY)
    with IntelTestServer(MALICIOUS) as server, database_url(kind) as database:
        monkeypatch.setenv("MISP_URL", f"{server.base}/misp")
        bases = {"virustotal_url": f"{server.base}/vt/api/v3", "urlscan_url": f"{server.base}/urlscan/api/v1"}
        intel = intel_settings(bases)  # the keys from the server's environment
        online = options(loopback, intel, cache_path=tmp_path / "cache.sqlite3")
        app = create_app(WebSettings(data_dir=tmp_path / "data", database_url=database, processes=1, online=online))
        with sessionmaker(app.state.engine).begin() as db:
            token = create_token(db, create_user(db, "ana", "analyst", "a long password 1"))
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "message/rfc822"}
        with TestClient(app) as client:
            created = client.post("/api/analyses?online=true", content=mail(), headers=headers)
            assert created.status_code in (201, 202), created.text
            ident = created.json()["id"]
            for _ in range(200):
                row = client.get(f"/api/analyses/{ident}", headers={"Authorization": headers["Authorization"]}).json()
                if row["status"] not in ("queued", "running"):
                    break
                time.sleep(0.1)
            page = client.get(f"/analyses/{ident}", headers={"Authorization": headers["Authorization"]}).text
        assert server.count("vt") > 0, "the web worker did not use the server's keys"
        with app.state.engine.connect() as conn:
            dump = []
            for table in inspect(conn).get_table_names():
                dump.extend(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{table}"')))
        app.state.engine.dispose()
    assert "ONLINE_MISP_MATCH" in json.dumps(row)
    _keys_absent("\n".join(dump), "database rows")
    assert "VirusTotal" in page and "Phishing KAGOYA" in page, page[:2000]  # the facts on the result page
    _keys_absent(json.dumps(row) + page, "web answers")


def test_no_command_line_option_takes_a_key():
    """A key on a command line shows in every process listing: there is no option for one."""
    import argparse

    from mailautopsy.cli import _parser

    def options(parser: argparse.ArgumentParser) -> list[str]:
        found = []
        for action in parser._actions:
            found.extend(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    found.extend(options(sub))
        return found

    every = options(_parser())
    assert "--urlscan-submit" in every and "--online" in every
    keyed = [o for o in every if "key" in o.lower() or "misp" in o.lower() or "virustotal" in o.lower()]
    assert keyed == ["--tls-key"], keyed  # the TLS key is a file's path, not a secret on the command line


def test_a_verdict_never_contradicts_a_paid_finding(loopback):
    """An otherwise ordinary mail whose link two engines call malicious is at least suspicious."""
    link = "https://shop.example.test/order/42"
    raw = build_mail(text=f"Your order: {link}")
    with IntelTestServer({("vt", url_id(link)): vt_object(2, 0, 70, 10)}) as server:
        result = analyze(raw, online=options(loopback, settings(server, urlscan_key=Secret(), misp_key=Secret())))
    found = by_id(result)
    assert found["ONLINE_VT_FLAGGED"].confidence == 0.7 and found["ONLINE_VT_FLAGGED"].params["what"] == "link"
    assert result.verdict in ("suspicious", "phishing"), result.score
    assert analyze(raw).verdict == "clean"


def test_an_exception_that_quotes_the_key_is_redacted(loopback):
    """http.client refuses a header value with a line break and quotes it in its ValueError: the
    recorded failure must not carry the key all the same."""
    broken = "line\nbreak-SECRET-key"
    with IntelTestServer(MALICIOUS) as server:
        only_vt = settings(server, virustotal_key=Secret(broken), urlscan_key=Secret(), misp_key=Secret())
        result = analyze(mail(), online=options(loopback, only_vt))
        assert server.count("vt") == 0  # never sent
    said = [s for s in result.enrichment.skipped if s.startswith("VirusTotal")]
    assert said == ["VirusTotal: the API key holds a control character; not sent, no VirusTotal lookups"], said
    from mailautopsy.i18n import skipped_reason

    assert "制御文字" in skipped_reason("ja", said[0])
    assert Secret(broken).redact(f"ValueError: Invalid header value {broken.encode()!r}") == (
        "ValueError: Invalid header value b'***'"
    )


def test_a_redirect_elsewhere_never_carries_the_key(loopback):
    """urllib repeats the request's headers on a redirect: one to another origin is not followed."""
    with IntelTestServer({}) as catcher:
        elsewhere = f"{catcher.base}/vt/api/v3/files/{SHA}"
        answers = {("vt", SHA): f"REDIRECT {elsewhere}", ("vt", "kagoya-check.test"): vt_object(3)}
        with IntelTestServer(answers) as server:
            only_vt = settings(server, urlscan_key=Secret(), misp_key=Secret())
            same = f"{server.base}/vt/api/v3/domains/kagoya-check.test"
            server.answers[("vt", url_id(LINK))] = f"REDIRECT {same}"  # same origin: followed
            result = analyze(mail(), online=options(loopback, only_vt))
        assert catcher.requests == [], "the key followed a redirect to another server"
    assert any(s.startswith(f"VirusTotal sha256 {SHA}: HTTP 302") for s in result.enrichment.skipped)
    link = next(h for h in result.enrichment.intel if h.kind == "url")
    assert link.malicious == 3  # the same-origin redirect was followed
