"""New or seen before: CONTENT_CAMPAIGN_NEW when a never-seen campaign claims a brand or asks for
action, CONTENT_CAMPAIGN_SEEN (weight 0) when the mail's template was seen; nothing without an
index."""

from __future__ import annotations

from hashlib import sha256

from helpers import build_mail

from mailautopsy import analyze
from mailautopsy.campaign import memory_index
from mailautopsy.store.campaigns import record

LURE = build_mail(
    from_="Account Service <service@account-check.example.net>",
    to="Taro Yamada <taro@example.jp>",
    subject="Verify your account",
    text="Dear Taro, your account will be suspended on 2025-06-01. Log in to verify: https://account-check.example.net/v/8812\n",
)
LURE_AGAIN = build_mail(
    from_="Account Service <service@verify-7.example.org>",
    to="Hanako Sato <hanako@example.jp>",
    subject="Verify your account",
    text="Dear Hanako, your account will be suspended on 2025-07-12. Log in to verify: https://verify-7.example.org/v/41\n",
)
CHAT = build_mail(from_="Hanako Suzuki <hanako@example.org>", subject="Lunch", text="Lunch at noon tomorrow?\n")


def _ids(raw: bytes, index=None) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.id for f in analyze(raw, campaigns=index).findings}


def test_without_an_index_nothing_changes() -> None:
    assert not {"CONTENT_CAMPAIGN_NEW", "CONTENT_CAMPAIGN_SEEN"} & _ids(LURE)
    assert analyze(LURE).score == analyze(LURE, campaigns=None).score


def test_new_campaign_asking_for_action_fires_then_is_seen() -> None:
    index = memory_index()
    first = analyze(LURE, campaigns=index)
    new = [f for f in first.findings if f.id == "CONTENT_CAMPAIGN_NEW"]
    assert new and new[0].weight > 0 and new[0].evidence[0].value == "Verify your account"
    record(index, sha256(LURE).hexdigest(), first)
    again = analyze(LURE_AGAIN, campaigns=index)
    seen = [f for f in again.findings if f.id == "CONTENT_CAMPAIGN_SEEN"]
    assert seen and seen[0].weight == 0 and seen[0].severity == "info"
    assert seen[0].params == {"campaign": "C-0001", "count": "1", "since": first.message.date.date().isoformat()}  # type: ignore[union-attr]
    assert "CONTENT_CAMPAIGN_NEW" not in {f.id for f in again.findings}


def test_new_campaign_without_claim_or_request_is_silent() -> None:
    assert not {"CONTENT_CAMPAIGN_NEW", "CONTENT_CAMPAIGN_SEEN"} & _ids(CHAT, memory_index())


def test_seen_sentence_in_both_languages() -> None:
    from mailautopsy.i18n import finding_message

    index = memory_index()
    record(index, sha256(LURE).hexdigest(), analyze(LURE, campaigns=index))
    seen = next(f for f in analyze(LURE_AGAIN, campaigns=index).findings if f.id == "CONTENT_CAMPAIGN_SEEN")
    assert "C-0001" in finding_message(seen, "en") and "C-0001" in finding_message(seen, "ja")
