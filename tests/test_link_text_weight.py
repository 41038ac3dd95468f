"""How much a link whose text names another domain weighs (LINK_TEXT_MISMATCH confidence).

A link that *shows an address* and goes elsewhere is the disguise; a sentence that merely names a
site, or a link through the sender's own click tracker, is how newsletters link and weighs little.
"""

from __future__ import annotations

from email.message import EmailMessage

from mailautopsy import analyze


def _mail(from_: str, href: str, text: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = from_
    msg["To"] = "taro@example.jp"
    msg["Subject"] = "This week"
    msg.set_content(f'<html><body><p>News:</p><p><a href="{href}">{text}</a></p></body></html>', subtype="html")
    return msg.as_bytes()


def _confidence(raw: bytes) -> float | None:
    found = [f for f in analyze(raw).findings if f.id == "LINK_TEXT_MISMATCH"]
    return found[0].confidence if found else None


def test_address_shown_going_elsewhere_weighs_fully() -> None:
    raw = _mail("News <news@example.com>", "https://collect.example.net/x", "www.example.org/report")
    assert _confidence(raw) == 0.6


def test_sentence_naming_a_site_weighs_little() -> None:
    raw = _mail(
        "News <news@example.com>",
        "https://collect.example.net/x",
        "See how the new protocol works at Example.org.",
    )
    assert _confidence(raw) == 0.3


def test_senders_own_click_tracker_weighs_little() -> None:
    raw = _mail("News <news@newsletter.example.com>", "https://clickthru.example.com/Click?q=1", "www.example.org")
    assert _confidence(raw) == 0.3
