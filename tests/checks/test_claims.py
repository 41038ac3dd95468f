"""Issue 14: Japanese read as words, the brand a mail speaks for, claims it cannot prove."""

from __future__ import annotations

import pytest
from helpers import ROOT

from mailautopsy import analyze, knowledge
from mailautopsy.render.json import to_dict
from mailautopsy.settings import DEFAULT_SETTINGS
from mailautopsy.text import ja

SAMPLES = ROOT / "tests" / "samples"
FLAGGED = {"suspicious", "phishing", "spam"}


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("【楽天】お支払い方法の確認", "rakuten"),
        ("楽天からのお知らせ", "rakuten"),
        ("楽天的な考え方", None),
        ("楽天家の友人", None),
        ("イオンからのお知らせ", "aeon_retail"),
        ("ライオンの歯みがき", None),
        ("auサポートの緊急連絡", "kddi"),
        ("auto renewal", None),
        ("au revoir", None),
        ("ニトリで買った棚", "nitori"),
        ("ニトリルの手袋", None),
        ("オリコのカード", "orico"),
        ("今週のオリコン", None),
        ("dカードのご利用", "dcard"),
        ("GOLDカードのご案内", None),
        ("インスタで見た", "instagram"),
        ("インスタントコーヒー", None),
        # Added with sources in brands.toml (issue 14, knowledge completeness).
        ("東京都水道局からのお知らせ", "tokyo_waterworks"),
        ("東京都の水道局", None),
        ("【Xserverアカウント】ご連絡", "xserver"),
        ("Xserver is not running", None),
        ("ムームードメインの更新", "muumuu_domain"),
        ("【エムアイカード】利用確認", "micard"),
        ("Pontaポイントの失効", "ponta"),
        ("de ponta a ponta", None),
        ("常陽銀行からのお知らせ", "joyo_bank"),
    ],
)
def test_brand_names_match_on_japanese_word_boundaries(text: str, brand: str | None) -> None:
    found = [b.id for b, _ in knowledge.load().brands_in(text)]
    assert (found[:1] or [None])[0] == brand, found


def test_script_fallback_keeps_words_whole() -> None:
    """Without the analyser, runs of one script are words: 楽天的 and ライオン stay whole."""
    words = ja._script_words("楽天的なライオン")
    spans = [(s, e) for s, e, _ in words]
    assert (0, 3) in spans and (4, 8) in spans


def test_word_boundaries_read_only_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = ja.words

    def spy(segment: str) -> list[tuple[int, int, bool]]:
        seen.append(len(segment))
        return real(segment)

    monkeypatch.setattr(ja, "words", spy)
    text = "あ" * 5000 + "楽天" + "い" * 5000
    window = DEFAULT_SETTINGS.limits.ja_word_window
    ja.on_word_boundaries(text, 5000, 5002, window)
    assert seen and max(seen) <= 2 * window + 2


def test_candidates_checked_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = knowledge.on_word_boundaries

    def spy(text: str, start: int, end: int, window: int) -> bool:
        calls.append(start)
        return real(text, start, end, window)

    monkeypatch.setattr(knowledge, "on_word_boundaries", spy)
    found = knowledge.load().brands_in("楽天、" * 1000)
    assert found and found[0][0].id == "rakuten"
    assert len(calls) <= DEFAULT_SETTINGS.limits.ja_word_checks


def _run(rule: str, name: str):  # type: ignore[no-untyped-def]
    path = SAMPLES / rule / f"{name}.eml"
    return analyze(path.read_bytes(), source=str(path))


def test_unverified_official_domain_with_spam_stamp_is_flagged() -> None:
    result = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "hit-official-domain-spam-stamp-no-auth")
    assert result.verdict in FLAGGED
    assert result.brand is not None and result.brand.id == "rakuten_card"
    assert result.brand_is_sender and not result.brand_verified
    found = next(f for f in result.findings if f.id == "AUTH_UNVERIFIED_BRAND_DOMAIN")
    assert "spam_stamp" in found.params["reasons"] and found.confidence == 1.0


def test_unverified_official_domain_alone_is_reported_not_flagged() -> None:
    result = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "hit-official-domain-plain-notice-no-auth")
    assert result.verdict == "clean"
    assert result.brand is not None and result.brand.id == "smbc_card"
    claim = to_dict(result)["brand_claim"]
    assert claim["sender_is_brand"] is True and claim["verified"] is False


def test_delivered_unsigned_with_a_request_is_flagged_and_signed_is_not() -> None:
    unsigned = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "hit-official-domain-delivered-unsigned-payment-request")
    found = next(f for f in unsigned.findings if f.id == "AUTH_UNVERIFIED_BRAND_DOMAIN")
    assert "unsigned" in found.params["reasons"] and found.confidence == 1.0
    assert unsigned.verdict in FLAGGED
    # A DKIM-Signature header nobody verified vouches for nothing: the payment request in the
    # brand's name is what makes both suspicious (issue 14, item 3).
    signed = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "hit-official-domain-delivered-signed-payment-request")
    found = next(f for f in signed.findings if f.id == "AUTH_UNVERIFIED_BRAND_DOMAIN")
    assert "unsigned" not in found.params["reasons"] and "lure" in found.params["reasons"]
    assert found.confidence == 1.0 and signed.verdict in FLAGGED


def test_unverified_official_domain_asking_for_payment_is_flagged_without_any_trace() -> None:
    """A forged From at the brand's real domain with a payment request and no link, as a warning
    page retypes it (no Received lines): what the mail asks is the lure itself."""
    result = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "hit-official-domain-payment-request-retyped")
    found = next(f for f in result.findings if f.id == "AUTH_UNVERIFIED_BRAND_DOMAIN")
    assert "lure" in found.params["reasons"] and found.confidence == 1.0
    assert result.verdict in FLAGGED and result.brand is not None and result.brand.id == "rakuten"


def test_unverified_official_domain_with_only_a_brand_named_link_stays_reported() -> None:
    """Genuine brand mail sent through a mailer links to trackers named after the brand: that
    sign alone (no request, no deadline) weighs 21 and does not flag."""
    result = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "hit-official-domain-brand-named-tracker-no-request")
    found = next(f for f in result.findings if f.id == "AUTH_UNVERIFIED_BRAND_DOMAIN")
    assert found.params["reasons"] == "off_brand_links" and found.confidence == 0.7
    assert result.verdict == "clean"


def test_recorded_pass_stays_clean_and_verified() -> None:
    result = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "miss-official-domain-recorded-pass")
    assert result.verdict == "clean"
    assert result.brand is not None and result.brand.id == "rakuten_card"
    assert result.brand_is_sender and result.brand_verified


def test_unknown_bracketed_organisation_is_reported() -> None:
    result = _run("SENDER_UNKNOWN_ORG_MISFIT", "hit-unknown-bank-bracket-freemail")
    data = to_dict(result)
    assert data["brand"] == "さくら山銀行"
    assert data["brand_claim"]["known"] is False and data["brand_claim"]["sender_is_brand"] is False
    assert result.verdict in FLAGGED


def test_unknown_water_bureau_in_the_subject_is_an_organisation() -> None:
    hit = _run("SENDER_UNKNOWN_ORG_MISFIT", "hit-unknown-water-bureau-bracket")
    assert hit.brand_label == "みなと市水道局" and hit.verdict in FLAGGED
    assert "SENDER_UNKNOWN_ORG_MISFIT" in {f.id for f in hit.findings}
    own = _run("SENDER_UNKNOWN_ORG_MISFIT", "miss-unknown-water-bureau-own-domain")
    assert own.brand_label == "みなと市水道局" and own.verdict == "clean"


@pytest.mark.parametrize(
    ("subject", "org"),
    [
        ("【みなと市水道局】給水停止のお知らせ", "みなと市水道局"),
        ("【さくら山銀行】お取引の確認", "さくら山銀行"),
        ("[Northfield Bank] Unusual sign-in", "Northfield Bank"),
        # A kind word glued inside another word is no organisation's kind (ベガス is not 〇〇ガス).
        ("【ラスベガス】旅行のご案内", ""),
        ("【水道局】給水停止のお知らせ", ""),  # the kind word alone names no one
        ("[xyzpay] receipt", ""),
    ],
)
def test_unknown_organisation_needs_a_kind_word_of_its_own(subject: str, org: str) -> None:
    raw = (
        f"From: Notice <notice@mailer.example.com>\nTo: user@example.jp\nSubject: {subject}\n"
        "Date: Mon, 01 Jan 2024 09:00:00 +0900\nMessage-ID: <org.test@example.com>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nお知らせです。\n"
    )
    result = analyze(raw.encode("utf-8"))
    assert (result.brand_label or "") == org


@pytest.mark.parametrize(
    ("last_line", "brand"),
    [
        ("エックスサーバー", "xserver"),
        ("株式会社アプラス", "aplus"),
        ("──────\n東京都水道局", "tokyo_waterworks"),
        # A sentence that mentions a brand is no signature, nor a person's sign-off.
        ("エックスサーバーの件、よろしくお願いします。", None),
        ("鈴木", None),
    ],
)
def test_a_last_line_that_is_only_a_brand_name_is_its_signature(last_line: str, brand: str | None) -> None:
    raw = (
        "From: <>\nTo: user@example.jp\nSubject: ドメイン名の有効期限について\n"
        "Date: Mon, 01 Jan 2024 09:00:00 +0900\nMessage-ID: <sig.test@example.com>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
        f"ご契約中のサービスの更新手続きが完了していません。\n\n{last_line}\n"
    )
    result = analyze(raw.encode("utf-8"))
    assert (result.brand.id if result.brand else None) == brand


def test_unknown_organisation_from_its_own_domain_is_clean() -> None:
    result = _run("SENDER_UNKNOWN_ORG_MISFIT", "miss-unknown-bank-own-domain")
    assert result.verdict == "clean" and result.brand_label == "Northfield Bank"


def test_relay_and_own_forward_are_clean_with_a_brand() -> None:
    relay = _run("SENDER_BRAND_MISMATCH", "miss-carrier-notice-via-marketplace")
    assert relay.verdict == "clean"
    forward = _run("SENDER_BRAND_MISMATCH", "miss-own-gmail-forward-of-order")
    assert forward.verdict == "clean"
    assert forward.brand is not None and forward.brand.id == "amazon"


def test_brand_name_under_another_tld_says_ownership_is_unconfirmed() -> None:
    result = _run("SENDER_LOOKALIKE_DOMAIN", "hit-brand-name-other-tld")
    found = next(f for f in result.findings if f.id == "SENDER_LOOKALIKE_DOMAIN")
    assert found.params["how"] == "other_tld"
    assert "未確認" in to_dict(result)["findings"][[f.id for f in result.findings].index(found.id)]["message"]["ja"]


def test_helo_with_the_brands_host_name_from_an_unnamed_address_backs_the_doubt() -> None:
    result = _run("AUTH_UNVERIFIED_BRAND_DOMAIN", "hit-helo-names-brand-from-unnamed-address")
    found = next(f for f in result.findings if f.id == "AUTH_UNVERIFIED_BRAND_DOMAIN")
    assert "helo_unbacked" in found.params["reasons"] and "unsigned" in found.params["reasons"]
    assert found.confidence == 1.0  # the link off the brand, with no DKIM signature


def test_japanese_bank_notice_in_a_chinese_charset() -> None:
    result = _run("CONTENT_JA_CHINESE_CHARSET", "hit-japanese-bank-notice-in-gbk")
    found = next(f for f in result.findings if f.id == "CONTENT_JA_CHINESE_CHARSET")
    assert found.confidence == 1.0 and found.params["charset"] == "gbk"
    assert {"Subject", "From"} <= set(found.params["where"].split(", "))
    for name in ("miss-chinese-shop-with-one-kana", "miss-japanese-notice-in-iso-2022-jp"):
        assert "CONTENT_JA_CHINESE_CHARSET" not in {f.id for f in _run("CONTENT_JA_CHINESE_CHARSET", name).findings}
