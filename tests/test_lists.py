"""The analyst's allow- and block-lists (checks/lists.py): a config file's `[lists]` with
`analyze --config` and `scan --config`, and `Settings.lists` as the web app gives them. The web
app's lists, end to end, are in tests/web/test_overrides.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build_mail

from mailautopsy import knowledge
from mailautopsy.analyze import analyze
from mailautopsy.checks.lists import url_listed
from mailautopsy.errors import KnowledgeError
from mailautopsy.render.json import to_dict
from mailautopsy.settings import DEFAULT_SETTINGS, Lists, Settings

PASS = "mx.example.net; dkim=pass header.d=partner.example; spf=pass smtp.mailfrom=billing@partner.example"
FAIL = "mx.example.net; dkim=none; spf=fail smtp.mailfrom=x@evil.example; dmarc=fail header.from=partner.example"
PHISHY_HTML = (
    '<p>Your mailbox is full. <a href="https://login.evil.example/owa">https://www.smbc.co.jp/login</a> '
    "verify your password now or your account will be suspended.</p>"
)


def _mail(auth: str | None, html: str = PHISHY_HTML, from_: str = "Billing <billing@partner.example>") -> bytes:
    trace = [("Authentication-Results", auth)] if auth else []
    return build_mail(from_=from_, subject="Invoice", html=html, text=None, trace=trace)


def _settings(**lists: tuple[str, ...]) -> Settings:
    reasons = tuple((v, "why: " + v) for values in lists.values() for v in values)
    return Settings(lists=Lists(**lists, reasons=reasons))


def _ids(result: object) -> set[str]:
    return {f.id for f in result.findings}  # type: ignore[attr-defined]


def test_without_lists_the_phish_is_flagged() -> None:
    result = analyze(_mail(PASS))
    assert result.verdict in ("phishing", "suspicious")
    assert not _ids(result) & {"SENDER_ALLOWLISTED", "SENDER_ALLOWLIST_UNVERIFIED"}


def test_an_authenticated_allow_listed_domain_is_clean_with_the_reason() -> None:
    result = analyze(_mail(PASS), settings=_settings(allow_domains=("partner.example",)))
    assert result.verdict == "clean"
    finding = next(f for f in result.findings if f.id == "SENDER_ALLOWLISTED")
    assert finding.params["reason"] == "why: partner.example" and finding.params["auth"] == "dkim=pass"
    basis = to_dict(result)["verdict_basis"]
    assert basis["lowered_by"] == ["SENDER_ALLOWLISTED"]
    assert {o["reason"] for o in basis["outweighed"]} <= {"allow_listed"}
    assert "allow-list" in basis["message"]["en"] and "許可リスト" in basis["message"]["ja"]


def test_a_forged_allow_listed_sender_is_not_cleared() -> None:
    for auth in (FAIL, None):  # failing authentication, and none recorded at all
        result = analyze(_mail(auth), settings=_settings(allow_senders=("billing@partner.example",)))
        assert result.verdict != "clean", auth
        assert "SENDER_ALLOWLIST_UNVERIFIED" in _ids(result) and "SENDER_ALLOWLISTED" not in _ids(result)


def test_authentication_of_another_domain_does_not_vouch() -> None:
    other = "mx.example.net; dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=a@evil.example"
    result = analyze(_mail(other), settings=_settings(allow_domains=("partner.example",)))
    assert result.verdict != "clean" and "SENDER_ALLOWLIST_UNVERIFIED" in _ids(result)


def test_a_free_mail_domain_cannot_be_allow_listed_whole() -> None:
    gmail = "mx.example.net; dkim=pass header.d=gmail.com; spf=pass smtp.mailfrom=someone@gmail.com"
    mail = _mail(gmail, from_="Someone <someone@gmail.com>")
    assert analyze(mail, settings=_settings(allow_domains=("gmail.com",))).verdict != "clean"
    assert analyze(mail, settings=_settings(allow_senders=("someone@gmail.com",))).verdict == "clean"


def test_a_block_listed_url_is_phishing_even_from_an_allow_listed_sender() -> None:
    html = '<p>See <a href="http://Files.Evil.example/share/abc?x=1">the file</a>.</p>'
    settings = _settings(block_urls=("https://files.evil.example/share",), allow_domains=("partner.example",))
    result = analyze(_mail(PASS, html=html), settings=settings)
    assert result.verdict == "phishing" and result.score.raised_by == ("LINK_BLOCKLISTED",)
    finding = next(f for f in result.findings if f.id == "LINK_BLOCKLISTED")
    assert finding.params == {
        "entry": "https://files.evil.example/share",
        "reason": "why: https://files.evil.example/share",
    }


def test_a_block_listed_sender_needs_no_authentication() -> None:
    clean = _mail(None, html="<p>Lunch tomorrow?</p>", from_="Eve <eve@evil.example>")
    assert analyze(clean).verdict == "clean"
    for lists in ({"block_senders": ("eve@evil.example",)}, {"block_domains": ("evil.example",)}):
        result = analyze(clean, settings=_settings(**lists))
        assert result.verdict == "phishing" and "SENDER_BLOCKLISTED" in _ids(result)


def test_url_prefixes_match_at_a_boundary() -> None:
    assert url_listed("https://portal.example.com/app", "https://PORTAL.example.com/app/x")
    assert not url_listed("https://portal.example.com", "https://portal.example.com.evil.example/")
    assert not url_listed("https://portal.example.com", "https://portal.example.com@evil.example/")
    assert not url_listed("https://portal.example.com/app", "http://portal.example.com/app")
    assert url_listed("https://portal.example.com/app", "http://portal.example.com/app", any_scheme=True)


def test_allow_listed_urls_clear_only_a_mail_whose_every_link_is_listed() -> None:
    ours = '<p><a href="https://portal.example.com/reset">https://www.smbc.co.jp/reset</a></p>'
    settings = _settings(allow_urls=("https://portal.example.com/",))
    assert analyze(_mail(None, html=ours), settings=settings).verdict == "clean"
    mixed = ours + '<p><a href="https://login.evil.example/">log in</a></p>'
    result = analyze(_mail(None, html=mixed), settings=settings)
    assert "LINK_ALLOWLISTED" not in _ids(result) and result.verdict != "clean"


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_export_round_trips_through_the_loader(tmp_path: Path) -> None:
    lists = Lists(
        allow_senders=("billing@partner.example",),
        allow_domains=("partner.example",),
        allow_urls=("https://portal.example.com/App",),
        block_senders=("eve@evil.example",),
        block_domains=("evil.example",),
        block_urls=("https://files.evil.example/share",),
        reasons=(("partner.example", 'payroll "provider"\n給与'), ("eve@evil.example", "phished us\x7f")),
    )
    text = knowledge.lists_toml(lists, "exported by the web app\nsecond line")
    assert knowledge.load(_config(tmp_path, text)).lists == lists


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            '[lists]\nallow_domain = ["a.example"]\n',
            ":2: lists: unknown key 'allow_domain' (did you mean 'allow_domains'?)",
        ),
        ('[lists]\n\nblock_urls = "https://a.example/"\n', ":3: lists.block_urls: Expected `array`, got `str`"),
        (
            '[lists]\nallow_senders = ["not an address"]\n',
            ":2: lists.allow_senders[0]: 'not an address' is not an e-mail",
        ),
        (
            '[lists]\nblock_urls = ["ftp://a.example/"]\n',
            ":2: lists.block_urls[0]: 'ftp://a.example/' is not a URL prefix",
        ),
        (
            '[lists]\nallow_domains = ["a.example"]\nblock_domains = ["A.example"]\n',
            ":3: lists.block_domains: 'A.example' is also in allow_domains",
        ),
        (
            '[lists]\nallow_domains = ["a.example"]\n[lists.reasons]\n"b.example" = "x"\n',
            ":3: lists.reasons: 'b.example' is in no list",
        ),
    ],
)
def test_the_lists_are_loaded_strictly(tmp_path: Path, text: str, wanted: str) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(KnowledgeError) as caught:
        knowledge.load(path)
    assert f"{path}{wanted}" in str(caught.value)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mailautopsy", *args], capture_output=True, text=True, timeout=120)


def test_analyze_and_scan_use_the_config_lists(tmp_path: Path) -> None:
    mail = tmp_path / "mail.eml"
    mail.write_bytes(_mail(PASS))
    plain = json.loads(_cli("analyze", str(mail), "--format", "json").stdout)
    assert plain["verdict"] != "clean"
    config = _config(
        tmp_path, '[lists]\nallow_domains = ["partner.example"]\n[lists.reasons]\n"partner.example" = "payroll"\n'
    )
    out = json.loads(_cli("analyze", str(mail), "--format", "json", "--config", str(config)).stdout)
    assert out["verdict"] == "clean"
    assert any(f["id"] == "SENDER_ALLOWLISTED" and f["params"]["reason"] == "payroll" for f in out["findings"])
    scanned = _cli("scan", str(mail), "--jsonl", "--config", str(config))
    rows = [json.loads(line) for line in scanned.stdout.splitlines() if line.startswith("{")]
    assert [r["verdict"] for r in rows] == ["clean"], scanned.stderr
    bad = _config(tmp_path, "[lists]\nblock_url = []\n")
    failed = _cli("analyze", str(mail), "--config", str(bad))
    assert failed.returncode == 78 and f"{bad}:2: lists: unknown key 'block_url'" in failed.stderr


def test_settings_default_has_no_lists() -> None:
    assert not DEFAULT_SETTINGS.lists and not knowledge.load(None).lists
