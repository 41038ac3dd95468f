"""The skeleton masks what a campaign varies per mail (names, numbers, URLs, ids, addresses) and
keeps the template: two copies of one template have the same skeleton, another template does not."""

from __future__ import annotations

from helpers import build_mail

from mailautopsy.campaign.skeleton import link_shape, mask_text, parts, skeleton
from mailautopsy.parse import parse_bytes

TEMPLATE = (
    "Dear {name},\n\nWe noticed an unusual sign-in to your account on {date} from {ip}.\n"
    "Order {order} for ${amount} is on hold. Confirm your identity within 24 hours here:\n{url}\n\n"
    "If you do not, your account {account} will be suspended.\nSecurity Team\n"
)
OTHER = (
    "Hi team,\n\nThe quarterly report is attached; please send comments by Friday.\n"
    "The figures for the northern region moved a little since the last draft.\nThanks, Ken\n"
)
JA_TEMPLATE = (
    "{name}様\n\nいつも三井住友カードをご利用いただきありがとうございます。\n"
    "{date}に、お客様のカード（末尾{digits}）で不審なご利用を確認しました。\n"
    "ご本人確認のため、以下のURLからログインしてください。\n{url}\n"
    "確認が取れない場合、カードのご利用を制限させていただきます。\n"
)


def _mail(to: str, subject: str, text: str) -> bytes:
    return build_mail(from_="Account Security <security@notice.example.net>", to=to, subject=subject, text=text)


COPIES = (
    (
        "John Smith",
        "jsmith@example.org",
        "48213",
        "2025-03-01 10:22",
        "203.0.113.7",
        "#A1B2C3D4",
        "1,234.56",
        "https://secure-login-7.example.com/verify/8f3e2b91?id=77",
    ),
    (
        "Mary Jones",
        "mary.jones@example.com",
        "90017",
        "2025-04-12 08:01",
        "198.51.100.23",
        "#Z9Y8X7W6",
        "87.10",
        "https://verify-now-2.example.org/verify/a91c44e0?id=5",
    ),
)


def _copy(i: int) -> bytes:
    """One copy of the template: another name, address, date, IP, order, amount and link."""
    name, address, number, date, ip, order, amount, url = COPIES[i]
    text = TEMPLATE.format(name=name, date=date, ip=ip, order=order, amount=amount, url=url, account=address)
    return _mail(f"{name} <{address}>", f"Account alert {number}: action required", text)


def _first() -> bytes:
    return _copy(0)


def _second() -> bytes:
    return _copy(1)


def _skeleton(raw: bytes):  # type: ignore[no-untyped-def]
    return skeleton(parse_bytes(raw))


def test_copies_of_one_template_have_the_same_skeleton() -> None:
    a, b = parse_bytes(_first()), parse_bytes(_second())
    assert parts(a)[:2] == parts(b)[:2]  # subject template and masked text tokens
    assert "<p>" in parts(a)[1] and "<n>" in parts(a)[1] and "<u>" in parts(a)[1]
    # Only the link features differ (another domain, another TLD): still far above the threshold.
    assert skeleton(a).similarity(skeleton(b).signature) >= 0.8


def test_another_template_differs() -> None:
    other = _mail("John Smith <jsmith@example.org>", "Account alert 48213: action required", OTHER)
    assert _skeleton(_first()).similarity(_skeleton(other).signature) < 0.3


def test_japanese_names_and_numbers_are_masked() -> None:
    one = JA_TEMPLATE.format(name="山田太郎", date="2025年3月1日", digits="1234", url="https://vpass-a.example.top/l")
    two = JA_TEMPLATE.format(name="鈴木花子", date="2025年4月12日", digits="9876", url="https://smbc-b7.example.top/x")
    a = parse_bytes(_mail("taro@example.jp", "【重要】ご利用確認のお願い", one))
    b = parse_bytes(_mail("hanako@example.jp", "【重要】ご利用確認のお願い", two))
    assert parts(a)[1] == parts(b)[1]
    assert "山" not in parts(a)[1] and "鈴" not in parts(b)[1]
    assert skeleton(a).similarity(skeleton(b).signature) >= 0.9
    assert mask_text("phishing様、ご注文番号１２３４５") == "<p>様、ご注文番号 <n> "


def test_mask_text_masks_each_kind() -> None:
    masked = mask_text(
        "Dear John Smith, order AB12CD34 of $1,234.56 to jsmith@example.com at https://x.example/a or paypal.com"
    )
    assert masked.split() == ["dear", "<p>,", "order", "<i>", "of", "$", "<n>", "to", "<e>", "at", "<u>", "or", "<d>"]


def test_link_shape_keeps_suffix_and_words() -> None:
    assert (
        link_shape("secure-login-7.example.co.jp", "a/8f3e2b/login.php", "id=3&x=4")
        == "a-a-0.a.co.jp/a/0a0a0a/login.php?id&x"
    )
    assert link_shape("c7.web.app", "", "") == "a0.web.app/"


def test_attachment_type_and_size_bucket_count() -> None:
    pdf = ("invoice.pdf", b"%PDF-1.4\n" + b"0" * 5000, "application/pdf")
    small, big = (
        build_mail(subject="Invoice", text="See attached.", attachments=[a])
        for a in (pdf, (pdf[0], pdf[1] * 40, pdf[2]))
    )
    assert parts(parse_bytes(small))[2] != parts(parse_bytes(big))[2]
