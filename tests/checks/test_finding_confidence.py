"""How much a finding weighs where the same sign has an innocent and a hostile form.

LINK_TEXT_MISMATCH: a link that *shows an address* and goes elsewhere is the disguise; a sentence
that merely names a site, or a link through the sender's own click tracker, is how newsletters
link and weighs little — but a link to the sender's own domain gets no discount, since the sender
chooses that domain. SENDER_REPLY_TO_MISMATCH: replies to a free mailbox weigh most; the same
mailbox name at another domain is no excuse (the invoice-fraud trick).
"""

from __future__ import annotations

from helpers import build_mail

from mailautopsy import analyze


def _mail(from_: str, href: str, text: str) -> bytes:
    return _html_mail(f'<p>News:</p><p><a href="{href}">{text}</a></p>', from_=from_)


def _confidence(raw: bytes, rule: str = "LINK_TEXT_MISMATCH") -> float | None:
    found = [f for f in analyze(raw).findings if f.id == rule]
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


def test_link_to_the_senders_own_domain_keeps_its_weight() -> None:
    """Whoever sends the mail chooses its From, Return-Path and DKIM domains: a phisher linking to
    its own domain while showing a bank's address gets no discount for it."""
    raw = _mail(
        "Alerts <alerts@cu-secure-alerts.example.com>",
        "https://login.cu-secure-alerts.example.com/",
        "online.firstcommunity.example.org",
    )
    assert _confidence(raw) == 0.6


def test_sentence_showing_an_address_keeps_its_weight() -> None:
    raw = _mail("News <news@example.com>", "https://collect.example.net/x", "Sign in now at www.example.org today")
    assert _confidence(raw) == 0.6


def _reply(from_: str, reply_to: str) -> bytes:
    return build_mail(
        from_=from_,
        to="taro@example.jp",
        headers=[("Reply-To", reply_to)],
        text="Please reply.\n",
        date=None,
        msgid=None,
    )


def test_reply_to_a_free_mailbox_weighs_most() -> None:
    raw = _reply("Director <director@bank.example.com>", "director.private@gmail.com")
    assert _confidence(raw, "SENDER_REPLY_TO_MISMATCH") == 0.9


def test_reply_to_another_organisation_weighs_more() -> None:
    raw = _reply("Support <support@shop.example.com>", "support@other.example.net")
    assert _confidence(raw, "SENDER_REPLY_TO_MISMATCH") == 0.6


def test_reply_to_the_same_name_at_another_domain_keeps_its_weight() -> None:
    """john.smith@acme… answered at john.smith@acme-mail…: the invoice-fraud (BEC) trick."""
    raw = _reply("John Smith <john.smith@acme-corp.example.com>", "john.smith@acme-corp-mail.example.net")
    assert _confidence(raw, "SENDER_REPLY_TO_MISMATCH") == 0.6


def test_every_chinese_word_has_a_glyph_japanese_does_not_use() -> None:
    from mailautopsy.checks.content import _CHINESE_WORDS, _chinese_glyph

    assert [w for w in _CHINESE_WORDS if not any(_chinese_glyph(c) for c in w)] == []


def test_idn_label_below_an_ascii_domain_weighs_more_than_an_idn_domain() -> None:
    # A site that chose a name in its own script ("bücher.example") is an IDN domain; an
    # internationalised label under a plain ASCII domain is a throwaway host.
    own_name = _mail("News <news@example.com>", "https://www.bücher.example/login", "Sign in")
    throwaway = _mail("News <news@example.com>", "https://ðavuÿrmœ.rentals.example.net/r.php", "Sign in")
    assert _confidence(own_name, "LINK_PUNYCODE") == 0.5
    assert _confidence(throwaway, "LINK_PUNYCODE") == 0.9


def _html_mail(body: str, subject: str = "This week", from_: str = "News <news@example.com>") -> bytes:
    return build_mail(
        from_=from_,
        to="taro@example.jp",
        subject=subject,
        text=None,
        html=f"<html><body>{body}</body></html>",
        date=None,
        msgid=None,
    )


def test_hidden_text_weighs_fully_when_nothing_is_visible() -> None:
    filler = "<div style='display:none'>" + "lorem ipsum dolor sit amet " * 20 + "</div>"
    assert _confidence(_html_mail(f"{filler}<p>Hi</p>"), "CONTENT_HIDDEN_TEXT") == 1.0
    visible = f"{filler}<p>{'A visible paragraph of news. ' * 4}</p>"
    assert _confidence(_html_mail(visible), "CONTENT_HIDDEN_TEXT") == 0.7


def test_preheader_padding_is_not_hidden_text() -> None:
    # An image-only newsletter pads its preheader with spaces and zero-width joiners so the
    # preview shows nothing: that padding says nothing and must not count as hidden text.
    padding = "<div style='display:none'>Our autumn sale" + " &#847;&zwnj;&nbsp;" * 150 + "</div>"
    raw = _html_mail(f"{padding}<img src='https://example.com/sale.png'>", "Autumn sale")
    assert _confidence(raw, "CONTENT_HIDDEN_TEXT") is None


def test_a_famous_name_inside_a_pitch_weighs_more_than_a_namesake() -> None:
    pitch = _mail('"Advanced Energy by Elon Musk" <promo@savings.example.net>', "https://savings.example.net/", "Save")
    namesake = _mail("Elon Musk <elon.musk@example.org>", "https://photos.example.org/", "Photos")
    assert _confidence(pitch, "SENDER_CELEBRITY_NAME") == 1.0
    assert _confidence(namesake, "SENDER_CELEBRITY_NAME") == 0.7
    found = next(f for f in analyze(pitch).findings if f.id == "SENDER_CELEBRITY_NAME")
    assert found.evidence[0].value == "Advanced Energy by Elon Musk <promo@savings.example.net>"
