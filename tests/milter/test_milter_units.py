"""The milter's configuration, subject stamps and authserv-id trust, without an MTA."""

from __future__ import annotations

from email.header import decode_header, make_header
from pathlib import Path

import pytest

from mailautopsy.analyze import analyze
from mailautopsy.errors import InputError
from mailautopsy.milter import config
from mailautopsy.milter.stamp import already_stamped, stamped
from mailautopsy.settings import DEFAULT_SETTINGS, Settings


def _parse(text: str) -> config.MilterConfig:
    import tomllib

    return config.parse(tomllib.loads(text))


def _decoded(value: str) -> str:
    return str(make_header(decode_header(value))).replace("\n", "")


def test_defaults_stamp_phishing_and_suspicious_and_accept() -> None:
    cfg = config.MilterConfig()
    assert cfg.decide("phishing", ["a@example.com"]) == config.Decision(True, "accept", "en")
    assert cfg.decide("clean", ["a@example.com"]) == config.Decision(False, "accept", "en")
    assert cfg.stamp_for("phishing", "ja") == "【フィッシング注意】"
    assert cfg.stamp_for("suspicious", "ja") == "【要注意】"


def test_the_strictest_recipient_domain_policy_wins() -> None:
    cfg = _parse(
        """
[milter.domains."hold.example"]
phishing = { action = "hold" }
[milter.domains."example.jp"]
language = "ja"
phishing = { action = "reject" }
"""
    )
    assert cfg.decide("phishing", ["a@other.example", "b@hold.example"]).action == "hold"
    assert cfg.decide("phishing", ["b@hold.example", "c@sub.example.jp"]) == config.Decision(True, "reject", "ja")
    assert cfg.decide("suspicious", ["c@example.jp"]) == config.Decision(True, "accept", "ja")


def test_allow_list_needs_every_given_address() -> None:
    cfg = _parse('[milter.allow]\nsenders = ["ceo@corp.example"]\ndomains = ["partner.example"]\n')
    assert cfg.allowed("ceo@corp.example", "CEO@corp.example")
    assert cfg.allowed("x@mail.partner.example", "news@partner.example")
    assert not cfg.allowed("x@partner.example", "attacker@evil.example")
    assert not cfg.allowed("x@notpartner.example")
    assert not cfg.allowed("", "")


@pytest.mark.parametrize(
    "text",
    [
        "[milter]\nbogus = 1\n",
        '[milter.phishing]\naction = "delete"\n',
        '[milter.reject]\nreply = "250 ok"\n',
        '[milter]\ntempfail_reply = "550 no"\n',
        '[milter]\nlanguage = "fr"\n',
        '[milter]\non_failure = "drop"\n',
        "[milter]\ntimeout_seconds = 0\n",
    ],
)
def test_bad_configuration_is_refused_with_its_place(text: str) -> None:
    with pytest.raises(InputError, match=r"\[milter"):
        _parse(text)


def test_config_file_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "m.toml").write_text('[milter]\nknowledge = "kb.toml"\nauthserv_ids = "MX.Example.JP"\n')
    cfg = config.load(tmp_path / "m.toml")
    assert cfg.knowledge == tmp_path / "kb.toml"
    assert cfg.authserv_ids == ("mx.example.jp",)


@pytest.mark.parametrize(
    "raw, text",
    [
        (b"Your account", "Your account"),
        (b"=?iso-2022-jp?b?GyRCJSIlKyUmJXMlSBsoQg==?=", "アカウント"),
        ("アカウント停止".encode(), "アカウント停止"),
        ("アカウント停止".encode("cp932"), "アカウント停止"),
        ("アカウント停止".encode("euc-jp"), "アカウント停止"),
        ("アカウント停止".encode("iso-2022-jp"), "アカウント停止"),
        ("Votre compte a été suspendu".encode("latin-1"), "Votre compte a été suspendu"),
    ],
)
@pytest.mark.parametrize("stamp", ["[phishing]", "【フィッシング注意】"])
def test_stamped_subject_is_7bit_and_decodes_to_stamp_and_subject(raw: bytes, text: str, stamp: str) -> None:
    value = stamped(raw, stamp)
    assert value.isascii()
    assert all(len(line) < 78 for line in value.split("\n"))
    assert _decoded(value) == f"{stamp} {text}"


def test_a_subject_already_carrying_the_stamp_is_recognised_in_any_encoding() -> None:
    stamps = config.MilterConfig().stamps_of("phishing")
    assert already_stamped(b"[phishing] hello", stamps)
    assert already_stamped(make_header([("【フィッシング注意】 お知らせ", "iso-2022-jp")]).encode().encode(), stamps)
    assert already_stamped("Re: 【フィッシング注意】 お知らせ".encode("cp932"), stamps)
    assert not already_stamped(b"[spam] hello", stamps)


def test_missing_subject_gets_the_stamp_alone() -> None:
    assert stamped(None, "[phishing]") == "[phishing]"


AR_BELOW_RECEIVED = b"""Received: from mail.bank.example (mail.bank.example [203.0.113.9])
\tby mx.corp.example (Postfix) with ESMTP id AAA; Tue, 22 Apr 2025 09:00:00 +0900
Authentication-Results: corp.example; dmarc=fail header.from=bank.example; spf=fail smtp.mailfrom=bank.example
From: Bank <info@bank.example>
To: user@corp.example
Subject: notice
Date: Tue, 22 Apr 2025 09:00:00 +0900
Message-ID: <1@bank.example>

hello
"""


def test_results_under_this_hosts_authserv_id_count_as_the_receiving_sides() -> None:
    """Authentication-Results that an earlier milter (OpenDMARC) appended below Postfix's
    Received line under the organisation's authserv-id (not the host name Postfix writes): by
    position a sender's claim, but written by this host."""
    before = analyze(AR_BELOW_RECEIVED, settings=DEFAULT_SETTINGS).message.auth
    assert before and not any(r.trusted for r in before)
    own = Settings(authserv_ids=("corp.example",))
    after = analyze(AR_BELOW_RECEIVED, settings=own).message.auth
    assert {(r.method, r.result) for r in after if r.trusted} == {("dmarc", "fail"), ("spf", "fail")}
    other = Settings(authserv_ids=("other.example",))
    assert not any(r.trusted for r in analyze(AR_BELOW_RECEIVED, settings=other).message.auth)
