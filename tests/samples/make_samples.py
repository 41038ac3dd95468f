"""Write the hit and miss samples of every finding id (CONTRIBUTING.md, convention 3).

    python tests/samples/make_samples.py            # rewrites tests/samples/<RULE_ID>/*.eml
    python tests/samples/make_samples.py --out DIR  # writes them under DIR instead

Each rule folder gets `hit-*.eml` (mail that must produce the finding) and `miss-*.eml` (the
legitimate near-miss the finding must stay silent on, named after what it protects). Every
sample is written here, by hand: invented parties use example.com / example.net / example.org /
example.jp (and the reserved .example TLD where a look-alike needs a registrable name of its
own) and the documentation IP ranges; real brand domains appear only where a rule is about a
brand, free-mail or a well-known service. Nothing is copied from any corpus.

Deterministic: fixed dates, Message-IDs, MIME boundaries, zip timestamps and encryption headers.
Standard library only, except the ATTACH_QR_CODE samples, which draw their barcodes with the
zxing-cpp and Pillow packages the project already depends on.
"""

from __future__ import annotations

import argparse
import base64
import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: tests/ for the helpers package

from helpers.mail import DATE, build_mail  # noqa: E402

from mailautopsy.fuzz import shapes  # noqa: E402

TO = "Taro Yamada <taro@example.jp>"
RECEIVED_AT = "Tue, 22 Apr 2025 09:12:41 +0900"

SAMPLES: dict[tuple[str, str], bytes] = {}


# --------------------------------------------------------------------------- building blocks
def mail(**kwargs: Any) -> bytes:
    """`build_mail` (tests/helpers/mail.py) with the samples' defaults: to Taro Yamada, no text
    unless given, an empty Message-ID unless one is named."""
    return build_mail(**{"to": TO, "text": None, "msgid": "", **kwargs})


def add(rule: str, name: str, **kwargs: Any) -> None:
    """Register tests/samples/<rule>/<name>.eml built by `mail(**kwargs)`."""
    assert name.startswith(("hit-", "miss-")), name
    assert (rule, name) not in SAMPLES, (rule, name)
    kwargs.setdefault("msgid", f"<{name}.{rule.lower()}@samples.mailautopsy.example>")
    SAMPLES[(rule, name)] = mail(**kwargs)


def page(body: str, title: str = "") -> str:
    head = f"<head><meta charset='utf-8'><title>{title}</title></head>" if title else ""
    return f"<!DOCTYPE html>\n<html>{head}<body>\n{body}\n</body></html>\n"


def received(helo: str, ip: str, by: str = "mx.example.jp", when: str = RECEIVED_AT, rdns: str = "") -> str:
    client = f"{rdns or helo} [{ip}]" if rdns or not helo.startswith("[") else f"unknown {helo}"
    return f"from {helo} ({client}) by {by} (Postfix) with ESMTPS id 4ZhQk{len(helo):02d}x; {when}"


def ar(results: str, authserv: str = "mx.example.jp") -> tuple[str, str]:
    return ("Authentication-Results", f"{authserv}; {results}" if authserv else results)


# --------------------------------------------------------------------------- tiny files
def exe_bytes() -> bytes:
    return b"MZ" + b"\x00" * 126


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 4, 21, 18, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buf.getvalue()


def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (0xEDB88320 ^ (c >> 1)) if c & 1 else c >> 1
        table.append(c)
    return table


_CRC = _crc_table()


def encrypted_zip_bytes(name: str, data: bytes, password: bytes) -> bytes:
    """A one-member zip protected with traditional PKWARE (ZipCrypto) encryption, stored.
    The 12-byte encryption header is fixed so the output is deterministic."""
    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(byte: int) -> None:
        keys[0] = _CRC[(keys[0] ^ byte) & 0xFF] ^ (keys[0] >> 8)
        keys[1] = (keys[1] + (keys[0] & 0xFF)) & 0xFFFFFFFF
        keys[1] = (keys[1] * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = _CRC[(keys[2] ^ (keys[1] >> 24)) & 0xFF] ^ (keys[2] >> 8)

    def encrypt(plain: bytes) -> bytes:
        out = bytearray()
        for byte in plain:
            temp = (keys[2] | 2) & 0xFFFF
            out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            update(byte)
        return bytes(out)

    for byte in password:
        update(byte)
    crc = zlib.crc32(data) & 0xFFFFFFFF
    header = bytes(range(11, 22)) + bytes([crc >> 24])
    payload = encrypt(header + data)
    raw_name = name.encode("utf-8")
    flags = 0x1 | 0x800  # encrypted, UTF-8 name
    dos_time, dos_date = (18 << 11) | (30 << 5), ((2025 - 1980) << 9) | (4 << 5) | 21
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, flags, 0, dos_time, dos_date, crc, len(payload), len(data), len(raw_name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        flags,
        0,
        dos_time,
        dos_date,
        crc,
        len(payload),
        len(data),
        len(raw_name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + raw_name + payload
    directory = central + raw_name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def pdf_bytes(*objects: str) -> bytes:
    """A small well-formed PDF from object bodies (object 1 must be the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def plain_pdf(title: str = "Invoice") -> bytes:
    stream = f"BT /F1 12 Tf 20 150 Td ({title}) Tj ET"
    return pdf_bytes(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    )


def ooxml_bytes(main_type: str, part: str, xml: str) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{part}"/></Relationships>'
    )
    return zip_bytes(
        [("[Content_Types].xml", content_types.encode()), ("_rels/.rels", rels.encode()), (part, xml.encode())]
    )


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
WORD_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Quarterly report</w:t></w:r></w:p></w:body></w:document>"
)
SHEET_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
)


def png_bytes(width: int, height: int, pixel: Callable[[int, int], tuple[int, int, int]]) -> bytes:
    """An RGB PNG written with zlib only."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def barcode_png(content: str, kind: str) -> bytes:
    """A barcode image drawn by zxing-cpp (only the ATTACH_QR_CODE samples use this)."""
    import zxingcpp
    from PIL import Image

    fmt = {"qr": zxingcpp.BarcodeFormat.QRCode, "ean13": zxingcpp.BarcodeFormat.EAN13}[kind]
    image = zxingcpp.create_barcode(content, fmt).to_image(scale=4)
    height, width = image.shape[0], image.shape[1]
    pil = Image.frombytes("L", (width, height), bytes(memoryview(image)))  # type: ignore[arg-type]
    buf = io.BytesIO()
    pil.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------- subject
def subject_samples() -> None:
    add(
        "SUBJECT_SPAM_STAMP",
        "hit-isp-meiwaku-stamp",
        from_="Example Outlet <sale@example.net>",
        subject="【迷惑メール】春の大感謝セール 全品最大70%OFF",
        text="春の大感謝セールを開催中です。\n人気商品が今だけ最大70%OFF！\nhttps://outlet.example.net/sale\n",
    )
    add(
        "SUBJECT_SPAM_STAMP",
        "hit-spamassassin-rewrite",
        from_="Watch Deals <deals@example.net>",
        subject="*****SPAM***** Luxury watches at 90% off",
        headers=[("X-Spam-Prev-Subject", "Luxury watches at 90% off")],
        text="Top brands, unbeatable prices. Order today: https://watches.example.net/\n",
    )
    add(
        "SUBJECT_SPAM_STAMP",
        "miss-external-sender-banner",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="[External] Q2 budget review: comments by Friday",
        text="Hi Taro,\n\nThe Q2 budget draft is in the shared folder. Comments by Friday, please.\n\nHanako\n",
    )
    add(
        "SUBJECT_SPAM_STAMP",
        "miss-discussion-about-spam-filter",
        from_="情報システム部 佐藤 <sato@example.jp>",
        subject="Re: 迷惑メールフィルタで [spam] が付くメールの扱いについて",
        text="山田さん\n\n件名に [spam] が付いたメールは、内容を確認のうえ削除してください。\n"
        "誤判定の場合は情報システム部までご連絡ください。\n\n佐藤\n",
    )

    add(
        "SUBJECT_FILTER_VERDICT",
        "hit-spamassassin-flag",
        from_="Deals Today <offers@example.net>",
        subject="Your exclusive offer inside",
        trace=[
            ("X-Spam-Flag", "YES"),
            ("X-Spam-Status", "Yes, score=7.9 required=5.0 tests=HTML_MESSAGE,RDNS_NONE,URIBL_BLACK"),
            ("X-Spam-Level", "*******"),
        ],
        text="Open to see the deal we picked for you: https://offers.example.net/d/7781\n",
    )
    add(
        "SUBJECT_FILTER_VERDICT",
        "hit-exchange-junk-verdict",
        from_="Shipping Desk <desk@example.net>",
        subject="Shipment documents",
        trace=[
            ("X-MS-Exchange-Organization-SCL", "6"),
            (
                "X-Forefront-Antispam-Report",
                "CIP:203.0.113.9;CTRY:;LANG:en;SCL:6;SRV:;IPV:NLI;SFV:SPM;H:mail.example.net;PTR:;CAT:SPM;"
                "SFS:(13230040)(8096899003);DIR:INB;",
            ),
        ],
        text="Please see the shipment documents at https://docs.example.net/s/31\n",
    )
    add(
        "SUBJECT_FILTER_VERDICT",
        "miss-spamassassin-clean",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Lunch on Thursday?",
        trace=[
            ("X-Spam-Flag", "NO"),
            ("X-Spam-Status", "No, score=-0.1 required=5.0 tests=DKIM_SIGNED,DKIM_VALID autolearn=ham"),
            ("X-Spam-Score", "-0.1"),
        ],
        text="Hi Taro, are you free for lunch on Thursday? Hanako\n",
    )
    add(
        "SUBJECT_FILTER_VERDICT",
        "miss-exchange-clean-bulk-newsletter",
        from_="Example Shop <news@example.com>",
        subject="New arrivals this week",
        trace=[
            ("X-MS-Exchange-Organization-SCL", "1"),
            (
                "X-Forefront-Antispam-Report",
                "CIP:198.51.100.20;CTRY:JP;LANG:en;SCL:1;SRV:BULK;IPV:NLI;SFV:NSPM;H:mail.example.com;PTR:;"
                "CAT:NONE;SFS:(13230040)(4636009);DIR:INB;",
            ),
            ("X-Microsoft-Antispam", "BCL:4;"),
        ],
        text="New arrivals are in store: https://shop.example.com/new\n",
    )
    add(
        "SUBJECT_FILTER_VERDICT",
        "miss-proofpoint-notspam",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Slides for tomorrow",
        trace=[
            (
                "X-Proofpoint-Spam-Details",
                "rule=notspam policy=default score=0 priorityscore=1501 malwarescore=0 suspectscore=0 "
                "phishscore=0 bulkscore=0 spamscore=0 clxscore=1015 adultscore=0 mlxlogscore=999 "
                "classifier=spam adjust=0 reason=mlx scancount=1 engine=8.19.0-2504070000",
            )
        ],
        text="Taro, the slides for tomorrow are final. Thanks! Hanako\n",
    )

    add(
        "SUBJECT_BRAND_BRACKET",
        "hit-kagoya-bracket-jp",
        from_="メールサポート <info@example.net>",
        subject="【KAGOYA】メールアカウントの利用停止について",
        text="お客様のメールアカウントは容量超過のため利用停止となります。\n"
        "下記より手続きを行ってください。\nhttps://kagoya-mail.example/renew\n",
    )
    add(
        "SUBJECT_BRAND_BRACKET",
        "hit-amazon-square-bracket",
        from_="Customer Service <service@example.org>",
        subject="[Amazon] Your order #114-2231 could not be shipped",
        text="We could not ship your order. Confirm your shipping address: https://orders.example.org/114-2231\n",
    )
    add(
        "SUBJECT_BRAND_BRACKET",
        "miss-genuine-amazon-order-jp",
        from_="Amazon.co.jp <auto-confirm@amazon.co.jp>",
        subject="【Amazon.co.jp】ご注文の確認",
        text="山田 太郎 様\n\nAmazon.co.jpをご利用いただき、ありがとうございます。\n"
        "ご注文番号 250-1234567-7654321 の商品は発送準備中です。\n\n"
        "注文履歴: https://www.amazon.co.jp/gp/css/order-history\n",
    )
    add(
        "SUBJECT_BRAND_BRACKET",
        "miss-mailing-list-tag",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="[dev-ja 1234] リリース手順の確認",
        headers=[("List-Id", "<dev-ja.lists.example.org>")],
        text="皆さん\n\n次回リリースの手順書を更新しました。ご確認ください。\n\n鈴木\n",
    )

    add(
        "SUBJECT_URGENCY",
        "hit-urgent-verify-mailbox",
        from_="IT Desk <it-desk@example.net>",
        subject="URGENT: verify your mailbox immediately",
        text="Your mailbox must be verified today: https://mail-verify.example.net/\n",
    )
    add(
        "SUBJECT_URGENCY",
        "hit-juyo-riyou-teishi-jp",
        from_="会員サービス <member@example.net>",
        subject="【重要】ご利用停止のお知らせ",
        text="お客様のアカウントのご利用を一時停止しました。\nhttps://member.example.net/unlock\n",
    )
    add(
        "SUBJECT_URGENCY",
        "miss-newsletter-importance-of-backups",
        from_="Example Cloud Blog <blog@example.com>",
        subject="The importance of backups: April newsletter",
        text="This month: why backups matter, and three ways to automate them.\nhttps://blog.example.com/backups\n",
    )
    add(
        "SUBJECT_URGENCY",
        "miss-meeting-minutes-jp",
        from_="鈴木 花子 <hanako@example.jp>",
        subject="4月定例会議の議事録",
        text="山田さん\n\n4月定例会議の議事録を共有フォルダに置きました。\n\n鈴木\n",
    )


# --------------------------------------------------------------------------- sender
def sender_samples() -> None:
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-amazon-display-name",
        from_="Amazon.co.jp <account-update@example.net>",
        subject="Amazonアカウントの確認が必要です",
        text="お客様のアカウントで異常なログインを検知しました。\n"
        "24時間以内にアカウント情報の確認をお願いします。\nhttps://account-check.example.net/ap/signin\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-paypal-notice-subject",
        from_="Service <notice@example.org>",
        subject="PayPal: your account has been limited",
        text="We have limited your account. Log in to restore full access: https://resolve.example.org/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-genuine-amazon-shipping",
        from_="Amazon.co.jp <shipment-tracking@amazon.co.jp>",
        subject="Amazon.co.jp ご注文の商品が発送されました",
        text="山田 太郎 様\n\nご注文の商品を発送しました。\nお届け予定: 4月24日\n"
        "配送状況: https://www.amazon.co.jp/gp/your-account/ship-track\n",
    )
    # "Chanel", "Prada", "Tiffany" are also people's names: only the brands' aliases claim them.
    for slug, person in (("miss-person-named-chanel", "Chanel Williams"), ("miss-person-named-prada", "Juan Prada")):
        add(
            "SENDER_BRAND_MISMATCH",
            slug,
            from_=f"{person} <{person.lower().replace(' ', '.')}@gmail.com>",
            subject="lunch?",
            text="Are you free for lunch on Thursday?\n",
        )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-colleague-mentions-brand",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Amazonで買ったモニターの件",
        text="山田さん\n\n先週Amazonで買ったモニター、とても良いです。型番は明日送りますね。\n\n鈴木\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-merchant-receipt-paid-with-paypal",
        from_="Example Shop Support <support@example.com>",
        subject="Thank you! Your PayPal payment was received",
        text="Hi Taro,\n\nThanks for your order #1042 at Example Shop. We received your payment via PayPal "
        "($42.00). Your items will ship within 2 business days.\n\n"
        "Order details: https://shop.example.com/orders/1042\n\nExample Shop\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-capital-i-for-small-l",
        from_="Iedger <k14@example.net>",
        subject="Update required (#5746259)",
        text="Your wallet has not been updated. Update it via your personal link: https://ledger-update.example.net/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-small-l-for-capital-i-subject",
        from_="Support <support@example.org>",
        subject="OpenAl: claim your crypto airdrop",
        text="Connect your wallet to claim your tokens: https://claim.example.org/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-brand-address-as-quoted-name",
        from_='"Notification@uber.com", <eglantine@news.example.net>',
        subject="Nous voulons soutenir nos clients!",
        text="Vous n'avez jamais rien gagné ? C'est maintenant votre chance : https://promo.example.net/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-dotted-letters-name",
        from_="F.e.d.E.x <moses_38838@mail.example.shop>",
        subject="Por favor confirmar la recepcion",
        text="¡Entrega fallida! Confirme su dirección: https://entrega.example.shop/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-brand-domain-as-name",
        from_="Costco.com <Wright_19569@mail.example.live>",
        subject="Get your beach chairs today",
        text="Claim your reward: https://reward.example.live/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-headline-naming-two-companies",
        from_="Tech Weekly <editor@newsletter.example.com>",
        subject="MS/Apple: Can this marriage be saved? [TECH WEEKLY]",
        text="This week: what the deal means for developers. Read on: https://newsletter.example.com/1234\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-bare-re-without-thread",
        from_="Prime <felicity@example.fr>",
        subject="Re: Your payment for Amazon Prime membership has failed",
        text="Your payment has failed. Update your payment method within 24 hours: https://prime-billing.example.fr/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-threaded-reply-about-brand",
        from_="Support Desk <support@example.org>",
        subject="Re: Your payment for Amazon Prime membership has failed",
        headers=[("In-Reply-To", "<question-42@example.jp>"), ("References", "<question-42@example.jp>")],
        text="Hi Taro,\n\nThat notice did not come from us; please update your payment method on Amazon itself.\n\n"
        "> Your payment for Amazon Prime membership has failed\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-first-name-that-is-a-brand-label",
        from_="Douglas <douglas.miller@gmail.com>",
        subject="Lunch tomorrow?",
        text="Hi Taro, are you free for lunch tomorrow? Otto is coming too.\n\nDouglas\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-car-dealer-trading-under-the-make",
        from_="Toyota of Springfield <service@toyotaofspringfield.example.com>",
        subject="Your vehicle is due for service",
        text="Hi Taro, your car is due for its 30,000-mile service. Book a time: https://toyotaofspringfield.example.com/service\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-another-countrys-central-bank",
        from_="Banco Central de Chile <noticias@bcentral.example.cl>",
        subject="Banco Central: Informe de Política Monetaria",
        text="Publicamos el Informe de Política Monetaria de marzo: https://www.bcentral.example.cl/ipom\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-own-domain-as-name",
        from_="Costco.com <news@info.costco.com>",
        subject="This week's warehouse savings",
        text="See this week's savings: https://www.costco.com/warehouse-savings\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-consumer-mailbox-address-as-name",
        from_='"au@ezweb.ne.jp" <au@ezweb.ne.jp>',
        subject="Re: test",
        text="iPhoneから送信\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-agency-on-public-sector-domain",
        from_="Detran SP <atendimento@detran.sp.gov.br>",
        subject="Detran: agendamento confirmado",
        text="Seu agendamento para vistoria foi confirmado para 12/05 às 10h.\n",
    )

    add(
        "SENDER_FREEMAIL_MONEY_OFFER",
        "hit-inheritance-from-gmail",
        from_="Barrister James Cole <jamescole.chambers@gmail.com>",
        subject="Your late relative's estate",
        text="I write to inform you that you are the next of kin to an estate of US$12,800,000. "
        "Reply with your full name and phone number.\n",
    )
    add(
        "SENDER_FREEMAIL_MONEY_OFFER",
        "hit-prize-reply-to-freemail",
        from_="Lottery Board <claims@lottery-board.example.org>",
        headers=[("Reply-To", "claims.agent@outlook.com")],
        subject="Congratulations, you won",
        text="Congratulations! You have won the sum of 850,000 EUR. Claim your prize by replying today.\n",
    )
    add(
        "SENDER_FREEMAIL_MONEY_OFFER",
        "miss-friend-sends-a-gift-card",
        from_="Ken Sato <ken.sato.1990@gmail.com>",
        subject="Happy birthday!",
        text="Happy birthday, Taro! I got you a gift card for the bookshop. See you on Saturday.\n",
    )
    add(
        "SENDER_FREEMAIL_MONEY_OFFER",
        "miss-friend-mentions-lottery-at-work",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Office lottery",
        text="Hi all, the office lottery results are in the kitchen. Nobody won the jackpot this time.\n",
    )
    add(
        "SENDER_SUSPICIOUS_TLD",
        "hit-sender-on-abused-tld",
        from_="Costumer Service <info@lv07.example-deals.shop>",
        subject="Why wait until Black Friday to save?",
        text="Save up to 90% today: https://lv07.example-deals.shop/sale\n",
    )
    add(
        "SENDER_SUSPICIOUS_TLD",
        "miss-national-domain-and-free-mail",
        from_="Ivan Petrov <ivan.petrov@mail.ru>",
        subject="Meeting notes",
        text="Taro, the notes from today's meeting are below.\n",
    )
    add(
        "SENDER_SUSPICIOUS_TLD",
        "miss-sender-on-ordinary-tld",
        from_="Example Shop <news@example-shop.com>",
        subject="Spring sale",
        text="Our spring sale starts today: https://example-shop.com/sale\n",
    )
    add(
        "SUBJECT_RANDOM_TOKEN",
        "hit-hash-buster-in-subject",
        from_="Atendimento <atendimento@example.net>",
        subject="Atenção - seus pontos - fg46qFdZiRVH3jI",
        text="Prezado cliente, seus pontos estão prestes a expirar. Veja o anexo.\n",
    )
    add(
        "SUBJECT_RANDOM_TOKEN",
        "hit-reference-number-in-name",
        from_="Troque Seus Pontos - 11614390608477 <pontos@example.net>",
        subject="Seus pontos",
        text="Troque seus pontos por produtos e viagens.\n",
    )
    add(
        "SUBJECT_RANDOM_TOKEN",
        "miss-order-and-tracking-numbers",
        from_="Example Shop <orders@example.com>",
        subject="Your order 112-3456789-1234567 has shipped (1Z999AA10123456784)",
        text="Your order is on its way. Track it at https://shop.example.com/track\n",
    )
    add(
        "SUBJECT_RANDOM_TOKEN",
        "miss-product-name-camel-case",
        from_="Example Store <news@example.com>",
        subject="The new iPhone15ProMax cases are here",
        text="See the new cases: https://store.example.com/cases\n",
    )

    add(
        "SUBJECT_JOINED_WORDS",
        "hit-underscored-offer",
        from_="Offers <offers@example.net>",
        subject="_Your_Offer_is_Ready_",
        text="Claim it here: https://offers.example.net/c\n",
    )
    add(
        "SUBJECT_JOINED_WORDS",
        "hit-dotted-transaction",
        from_="Sabra Sossamon <sabra@example.net>",
        subject="Your.transaction.0.7495.Bitcoin.",
        text="See the transfer: https://wallet.example.net/t\n",
    )
    for slug, subject in (
        ("miss-host-name", "mail.example.co.jp"),
        ("miss-file-name", "Monthly_Report_2024_Q3.pdf"),
        ("miss-code-identifier", "introduce arch_enter_from_user_mode for powerpc"),
        ("miss-lowercase-identifier", "spam_level_char option"),
        ("miss-abbreviations", "e.g. the U.S. case"),
    ):
        add(
            "SUBJECT_JOINED_WORDS",
            slug,
            from_="Hanako Suzuki <hanako@example.org>",
            subject=subject,
            text="See attached.\n",
        )
    add(
        "SUBJECT_JOINED_WORDS",
        "miss-dotted-person-name",
        from_="Mary.Ann.Smith <mary@example.org>",
        subject="Lunch",
        text="Shall we meet at noon?\n",
    )

    add(
        "SUBJECT_RECIPIENT_ADDRESS",
        "hit-address-as-greeting",
        from_="Prize Desk <desk@example.net>",
        subject="taro@example.jp, your reward is waiting",
        text="Answer three questions and claim your gift card.\n",
    )
    add(
        "SUBJECT_RECIPIENT_ADDRESS",
        "miss-calendar-invitation",
        from_="Hanako Sato <hanako@example.org>",
        subject="Invitation: Q1 review @ Thu Mar 5, 2026 2pm (taro@example.jp)",
        text="Hanako Sato has invited you to Q1 review.\n",
        attachments=[
            (
                "invite.ics",
                b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Q1 review\r\n"
                b"END:VEVENT\r\nEND:VCALENDAR\r\n",
                "text/calendar",
            )
        ],
    )
    add(
        "SUBJECT_RECIPIENT_ADDRESS",
        "miss-reply-in-thread",
        from_="Hanako Sato <hanako@example.org>",
        subject="Re: forwarding to taro@example.jp",
        text="Done, the forward is set up.\n",
        headers=[("In-Reply-To", "<fw-1@example.jp>"), ("References", "<fw-1@example.jp>")],
    )

    add(
        "SENDER_ADDRESS_IN_NAME",
        "hit-paypal-address-as-name",
        from_='"service@paypal.com" <notice@example.net>',
        subject="Receipt for your payment",
        text="You sent a payment of $489.00. If you did not authorize it, dispute it here: "
        "https://disputes.example.net/\n",
    )
    add(
        "SENDER_ADDRESS_IN_NAME",
        "hit-support-address-in-japanese-name",
        from_='"support@kagoya.jp サポート" <info@example.org>',
        subject="メールボックス容量のお知らせ",
        text="メールボックスの容量が上限に達しました。\nhttps://mailbox.example.org/quota\n",
    )
    add(
        "SENDER_ADDRESS_IN_NAME",
        "miss-own-address-as-name",
        from_='"hanako@example.org" <hanako@example.org>',
        subject="Photos from Saturday",
        text="Hi Taro, here are the photos from Saturday: https://photos.example.org/album/42\n",
    )
    add(
        "SENDER_ADDRESS_IN_NAME",
        "miss-at-sign-in-company-name",
        from_='"Hanako @ Example Inc." <hanako@example.org>',
        subject="Contract draft",
        text="Hi Taro, the contract draft is attached to the ticket. Best, Hanako\n",
    )

    add(
        "SENDER_REPLY_TO_MISMATCH",
        "hit-reply-to-other-domain",
        from_="Accounts Payable <ap@example.com>",
        subject="Updated bank details for invoice 2025-0412",
        headers=[("Reply-To", "ap-finance-dept@example.org")],
        text="Please note our bank details have changed. Reply to this mail to receive the new account "
        "details before paying invoice 2025-0412.\n",
    )
    add(
        "SENDER_REPLY_TO_MISMATCH",
        "miss-mailing-list-reply-to",
        from_="Alice Example <alice@example.org>",
        subject="[dev] Proposal: drop Python 3.9",
        headers=[
            ("Reply-To", "dev@lists.example.net"),
            ("List-Id", "Developers <dev.lists.example.net>"),
            ("List-Post", "<mailto:dev@lists.example.net>"),
        ],
        text="Hi all, I propose we drop Python 3.9 support in the next release. Thoughts?\n",
    )
    add(
        "SENDER_REPLY_TO_MISMATCH",
        "miss-reply-to-same-organisation",
        from_="Example Support <noreply@mail.example.com>",
        subject="Your support ticket #5531",
        headers=[("Reply-To", "help@example.com")],
        text="We received your ticket #5531 and will answer within one business day.\n",
    )

    add(
        "SENDER_RETURN_PATH_MISMATCH",
        "hit-esp-bounce-domain",
        from_="Example Shop <news@example.com>",
        subject="Spring collection is here",
        trace=[("Return-Path", "<bounces+12345-ab12-taro=example.jp@em1234.example.net>")],
        text="Our spring collection is here: https://shop.example.com/spring\n",
    )
    add(
        "SENDER_RETURN_PATH_MISMATCH",
        "miss-own-bounce-subdomain",
        from_="Example Shop <news@example.com>",
        subject="Spring collection is here",
        trace=[("Return-Path", "<bounce-12345@bounce.example.com>")],
        text="Our spring collection is here: https://shop.example.com/spring\n",
    )

    add(
        "SENDER_FREEMAIL_BRAND",
        "hit-gmail-as-paypal",
        from_="PayPal Service <paypal.service.center2025@gmail.com>",
        subject="Your account is on hold",
        text="Your account is on hold. Confirm your identity: https://resolve.example.net/\n",
    )
    add(
        "SENDER_FREEMAIL_BRAND",
        "hit-yamato-on-outlook-jp",
        from_="ヤマト運輸 <yamato.delivery.info@outlook.jp>",
        subject="お荷物お届けのお知らせ",
        text="お荷物をお届けにあがりましたが、ご不在のため持ち帰りました。\n"
        "再配達のお手続きはこちら: https://redelivery.example.net/\n",
    )
    add(
        "SENDER_FREEMAIL_BRAND",
        "miss-person-on-gmail-mentions-brand",
        from_="Kenji Sato <kenji.sato.1987@gmail.com>",
        subject="Amazonで見つけた本",
        text="太郎へ\n\nAmazonで面白そうな本を見つけたよ。今度会ったときに貸すね。\n\n健二\n",
    )

    add(
        "SENDER_LOOKALIKE_DOMAIN",
        "hit-paypal-homoglyph",
        from_="PayPal <service@paypa1.example>",
        subject="Receipt for your payment to Example Store",
        text="You sent $129.99 to Example Store. Not you? https://www.paypa1.example/dispute\n",
    )
    add(
        "SENDER_LOOKALIKE_DOMAIN",
        "hit-kagoya-brand-in-domain",
        from_="KAGOYA サポートセンター <support@kagoya-mail.example>",
        subject="メールサーバー移行のお知らせ",
        text="メールサーバー移行に伴い、アカウントの再設定をお願いします。\nhttps://kagoya-mail.example/setup\n",
    )
    add(
        "SENDER_LOOKALIKE_DOMAIN",
        "miss-genuine-paypal",
        from_="PayPal <service@paypal.com>",
        subject="Receipt for your payment to Example Store",
        text="You sent $129.99 USD to Example Store.\nTransaction details: https://www.paypal.com/activity\n",
    )
    add(
        "SENDER_LOOKALIKE_DOMAIN",
        "miss-colleague-same-domain",
        from_="Hanako Suzuki <hanako@example.jp>",
        subject="明日の打ち合わせ",
        text="山田さん\n\n明日の打ち合わせは10時からでお願いします。\n\n鈴木\n",
    )
    add(
        "SENDER_LOOKALIKE_DOMAIN",
        "miss-appleton-library-newsletter",
        from_="Appleton Public Library <news@appletonpubliclibrary.example>",
        subject="Library newsletter: May events",
        text="Story time, a book sale and the summer reading kickoff: https://appletonpubliclibrary.example/events\n",
    )

    add(
        "SENDER_NAME_UNICODE_TRICK",
        "hit-small-capitals-brand",
        from_="ᴀᴍᴀᴢᴏɴ sᴇʀᴠɪᴄᴇ <service@example.net>",
        subject="Your order has been cancelled",
        text="Your order was cancelled. Review it here: https://orders.example.net/\n",
    )
    add(
        "SENDER_NAME_UNICODE_TRICK",
        "hit-zero-width-in-name",
        from_="Pay\u200bPal Security <security@example.net>",
        subject="Unusual activity",
        text="We noticed unusual activity on your account: https://review.example.net/\n",
    )
    add(
        "SENDER_NAME_UNICODE_TRICK",
        "miss-fullwidth-japanese-department",
        from_="ＩＴ推進部 鈴木 <suzuki@example.jp>",
        subject="PC入れ替えの日程",
        text="山田さん\n\nPC入れ替えは来週火曜日の予定です。\n\nＩＴ推進部 鈴木\n",
    )

    add(
        "SENDER_RANDOM_LOCALPART",
        "hit-case-flipping-localpart",
        from_="Special Offer <DhqXWtgoHnIZCEs@example.net>",
        subject="You won't believe this price",
        text="Today only: https://deal.example.net/\n",
    )
    add(
        "SENDER_RANDOM_LOCALPART",
        "hit-consonant-run-localpart",
        from_="Winner Desk <xkqwrtzpl@example.net>",
        subject="Claim now",
        text="Claim now: https://deal.example.net/claim\n",
    )
    add(
        "SENDER_RANDOM_LOCALPART",
        "miss-dotted-personal-name",
        from_="Hanako Suzuki <hanako.suzuki@example.jp>",
        subject="資料送付",
        text="山田さん\n\n資料を共有フォルダに置きました。\n\n鈴木\n",
    )
    add(
        "SENDER_RANDOM_LOCALPART",
        "miss-noreply-service-address",
        from_="Example Cloud <noreply@example.com>",
        subject="Your April invoice is available",
        text="Your April invoice is available in the billing console: https://console.example.com/billing\n",
    )
    add(
        "SENDER_RANDOM_LOCALPART",
        "miss-donotreply-camelcase",
        from_="Example Bank <DoNotReply@example.com>",
        subject="Your statement is ready",
        text="Your April statement is ready in online banking: https://www.example.com/statements\n",
    )

    add(
        "SENDER_RANDOM_LOCALPART",
        "hit-case-flips-without-vowels",
        from_="Remodel Deal <IrkcUJj@deck.example.net>",
        subject="Makeover your bath with no upfront cost",
        text="Get your free quote: https://deck.example.net/q\n",
    )
    add(
        "SENDER_RANDOM_LOCALPART",
        "miss-camelcase-surname",
        from_="Ronald McDonald <RonaldMcDonald@example.com>",
        subject="Lunch",
        text="Shall we meet at noon?\n",
    )

    add(
        "SENDER_UNALIGNED_SIGNER",
        "hit-brand-name-signed-by-other-domain",
        from_="Amazon.co.jp <info@example.net>",
        subject="ご注文の確認",
        trace=[
            ar(
                "dkim=pass header.d=example.org header.s=s1; spf=pass smtp.mailfrom=bounce@example.org; "
                "dmarc=none header.from=example.net"
            ),
            ("Received", received("mail.example.org", "203.0.113.40")),
        ],
        text="ご注文の商品の発送に問題があります。\nhttps://orders.example.org/check\n",
    )
    add(
        "SENDER_UNALIGNED_SIGNER",
        "miss-esp-signed-newsletter-no-brand",
        from_="Example Shop <news@example.com>",
        subject="New arrivals this week",
        trace=[
            ar("dkim=pass header.d=example.org header.s=esp1; spf=pass smtp.mailfrom=bounce@example.org"),
            ("Received", received("out.example.org", "198.51.100.30")),
        ],
        text="New arrivals are in store: https://shop.example.com/new\n",
    )
    add(
        "SENDER_UNALIGNED_SIGNER",
        "miss-genuine-brand-via-esp",
        from_="Amazon.co.jp <store-news@amazon.co.jp>",
        subject="Amazon.co.jp: 今週のおすすめ",
        trace=[
            ar(
                "dkim=pass header.d=amazon.co.jp header.s=sel1; dkim=pass header.d=amazonses.com header.s=ug7n; "
                "spf=pass smtp.mailfrom=bounce@amazonses.com; dmarc=pass header.from=amazon.co.jp"
            ),
            ("Received", received("a27-12.smtp-out.us-west-2.amazonses.com", "198.51.100.12")),
        ],
        text="今週のおすすめ商品をご紹介します。\nhttps://www.amazon.co.jp/gp/goldbox\n",
    )


def sender_address_samples() -> None:
    add(
        "SENDER_INVALID_ADDRESS",
        "hit-address-without-domain",
        from_="Apple Support <applesupport>",
        subject="Your Apple ID has been locked",
        text="Your Apple ID has been locked for security reasons. Unlock it: https://unlock.example.org/\n",
    )
    add(
        "SENDER_INVALID_ADDRESS",
        "hit-domain-without-tld",
        from_="Mail Administrator <admin@mailserver>",
        subject="Mailbox quota exceeded",
        text="Your mailbox quota is exceeded. Upgrade here: https://quota.example.org/\n",
    )
    add(
        "SENDER_INVALID_ADDRESS",
        "hit-styled-letters-domain",
        from_="Customer Care <care@𝐞𝐱𝐚𝐦𝐩𝐥𝐞.com>",
        subject="Your reward is waiting",
        text="Claim your reward: https://reward.example.org/\n",
        utf8=True,
    )
    add(
        "SENDER_INVALID_ADDRESS",
        "miss-japanese-idn-punycode",
        from_="例え商店 <info@xn--r8jz45g.jp>",
        subject="営業時間変更のお知らせ",
        text="いつもご利用ありがとうございます。5月1日より営業時間を10時〜19時に変更いたします。\n",
    )
    add(
        "SENDER_INVALID_ADDRESS",
        "miss-japanese-idn-smtputf8",
        from_="例え商店 <info@例え.jp>",
        subject="営業時間変更のお知らせ",
        text="いつもご利用ありがとうございます。5月1日より営業時間を10時〜19時に変更いたします。\n",
        utf8=True,
    )
    add(
        "SENDER_INVALID_ADDRESS",
        "miss-uppercase-address",
        from_="Hanako Suzuki <Hanako.Suzuki@EXAMPLE.ORG>",
        subject="Contract draft",
        text="Hi Taro, the contract draft is ready for review. Hanako\n",
    )

    add(
        "SENDER_NAME_NOT_DOMAIN",
        "hit-bank-security-unrelated-domain",
        from_="Northwind Bank Security <alerts@example.net>",
        subject="Unusual sign-in to online banking",
        text="We noticed a sign-in from a new device. Review it: https://review.example.org/\n",
    )
    add(
        "SENDER_NAME_NOT_DOMAIN",
        "hit-wallet-support-unrelated-domain",
        from_="Fabrikam Wallet Support <help@tradestars.example>",
        subject="Wallet synchronisation required",
        text="Your wallet must be synchronised: https://sync.example.org/\n",
    )
    add(
        "SENDER_NAME_NOT_DOMAIN",
        "miss-shop-support-own-domain",
        from_="Example Shop Support <support@example.com>",
        subject="Your support ticket #5531",
        text="We received your ticket #5531 and will answer within one business day.\n",
    )
    add(
        "SENDER_NAME_NOT_DOMAIN",
        "miss-japanese-department-name",
        from_="エグザンプル株式会社 カスタマーサポート <support@example.co.jp>",
        subject="お問い合わせありがとうございます",
        text="お問い合わせを受け付けました。担当者より2営業日以内にご連絡いたします。\n",
    )
    add(
        "SENDER_NAME_NOT_DOMAIN",
        "miss-abbreviated-university-domain",
        from_="Tokyo Metro University IT Helpdesk <helpdesk@tmu.example>",
        subject="Scheduled maintenance of the campus Wi-Fi",
        text="The campus Wi-Fi will be unavailable on Saturday from 22:00 to 23:00 for maintenance.\n",
    )

    add(
        "SENDER_CELEBRITY_NAME",
        "hit-energy-device-by-celebrity",
        from_="Advanced Energy by Elon Musk <promo@savings.example.net>",
        subject="The energy trick utilities hate",
        text="Cut your power bill in half with this little device: https://savings.example.net/device\n",
    )
    add(
        "SENDER_CELEBRITY_NAME",
        "hit-japanese-investment-celebrity",
        from_="前澤友作 <maezawa.fund@example.com>",
        subject="【限定】お金配りのお知らせ",
        text="LINEで友だち追加すると投資のノウハウをお教えします。\n",
    )
    add(
        "SENDER_CELEBRITY_NAME",
        "miss-own-newsletter-domain",
        from_="Bill Gates <info@gatesnotes.example>",
        subject="My summer reading list",
        text="Here are five books I loved this year: https://www.gatesnotes.example/books\n",
    )
    add(
        "SENDER_CELEBRITY_NAME",
        "miss-longer-japanese-name",
        from_="藤田晋也 <shinya.fujita@example.jp>",
        subject="来週の打ち合わせ",
        text="来週の打ち合わせは火曜日でお願いします。\n",
    )
    add(
        "SENDER_CELEBRITY_NAME",
        "miss-list-mail",
        from_="Bill Gates <bill.gates@billing-example.net>",
        subject="Minutes",
        headers=[("List-Id", "<team.lists.example.org>")],
        text="Attached are the minutes.\n",
    )
    add(
        "SENDER_CELEBRITY_NAME",
        "miss-first-name-only",
        from_="Elon Hansen <elon.hansen@example.org>",
        subject="Minutes of Tuesday's meeting",
        text="Attached are the minutes. Please send corrections by Friday.\n",
    )

    add(
        "SENDER_NAME_PITCH",
        "hit-claim-your-bonus",
        from_="Claim Your Bonus <jordan.r@example.org>",
        subject="Your account has been credited",
        text="Your welcome bonus is ready. Play now: https://play.example.net/\n",
    )
    add(
        "SENDER_NAME_PITCH",
        "hit-german-free-spins",
        from_="Freispiele Alarm <news@example.net>",
        subject="150 Freispiele warten",
        text="Jetzt registrieren und Bonus sichern: https://casino.example.net/\n",
    )
    add(
        "SENDER_NAME_PITCH",
        "miss-programme-name",
        from_="Example Rewards <rewards@example.com>",
        subject="Your points statement for April",
        text="You have 1,240 points. See them at https://www.example.com/rewards\n",
    )

    add(
        "SENDER_TENANT_DEFAULT_DOMAIN",
        "hit-parcel-notice-from-trial-tenant",
        from_="Versand-Update <department-client-n18610@examplecorp4711.onmicrosoft.com>",
        subject="Lieferung in Bearbeitung",
        text="Bitte bestätigen Sie Ihre Versanddetails: https://paket-check.example.net/\n",
    )
    add(
        "SENDER_TENANT_DEFAULT_DOMAIN",
        "miss-colleague-in-own-tenant",
        from_="Hanako Sato <hanako@examplecorp.onmicrosoft.com>",
        to="taro@examplecorp.onmicrosoft.com",
        subject="Minutes of Monday's meeting",
        text="Hi Taro, the minutes are in the team folder.\n",
    )
    add(
        "SENDER_TENANT_DEFAULT_DOMAIN",
        "miss-own-domain-of-a-tenant",
        from_="Example Corp <info@example.com>",
        subject="Your order",
        headers=[("Return-Path", "<bounce@examplecorp.onmicrosoft.com>")],
        text="Your order has shipped: https://www.example.com/orders/1\n",
    )

    add(
        "SENDER_NAME_EMOJI",
        "hit-gift-emoji-name",
        from_="🎁 Example Deals 🎁 <deals@example.net>",
        subject="Your gift is waiting",
        text="Open your gift: https://deals.example.net/gift\n",
    )
    add(
        "SENDER_NAME_EMOJI",
        "hit-warning-sign-name",
        from_="⚠ Security Alert <alert@example.net>",
        subject="Sign-in blocked",
        text="We blocked a sign-in attempt. Review: https://review.example.org/\n",
    )
    add(
        "SENDER_NAME_EMOJI",
        "miss-official-shop-brackets-jp",
        from_="エグザンプル商店【公式】 <shop@example.jp>",
        subject="新商品のお知らせ",
        text="新商品を入荷しました。https://www.example.jp/new\n",
    )
    add(
        "SENDER_NAME_EMOJI",
        "miss-accented-name",
        from_="Café Exemple <bonjour@example.org>",
        subject="Menu de printemps",
        text="Notre menu de printemps est arrivé.\n",
    )


# --------------------------------------------------------------------------- route
def route_samples() -> None:
    add(
        "ROUTE_PRIVATE_ORIGIN",
        "hit-lan-submission",
        from_="Hanako Suzuki <hanako@example.net>",
        subject="Minutes",
        trace=[
            ("Received", received("smtp.example.net", "203.0.113.25")),
            (
                "Received",
                "from [192.168.10.23] (unknown [192.168.10.23]) by smtp.example.net (Postfix) with ESMTPSA id "
                "7Bc1; Tue, 22 Apr 2025 09:12:31 +0900",
            ),
        ],
        text="Minutes of today's call are in the shared folder.\n",
    )
    add(
        "ROUTE_PRIVATE_ORIGIN",
        "miss-webmail-public-origin",
        from_="Kenji Sato <kenji.sato.1987@gmail.com>",
        subject="週末の予定",
        trace=[
            (
                "Received",
                "from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41]) by mx.example.jp "
                f"(Postfix) with ESMTPS id 4ZhQk; {RECEIVED_AT}",
            ),
            ("Received", "by 2002:a05:6a20:3c8f:b0:1f3:2e1:1a2b with SMTP id v15csp123456pzb; " + DATE),
        ],
        text="太郎へ\n\n週末、空いてる？\n\n健二\n",
    )

    add(
        "ROUTE_HELO_UNRELATED",
        "hit-vps-helo-for-brand",
        from_="PayPal <service@example.net>",
        subject="Your account has been limited",
        trace=[("Received", received("vps-2231.hosting.example.org", "203.0.113.77"))],
        text="Your account has been limited. Restore access: https://resolve.example.org/\n",
    )
    add(
        "ROUTE_HELO_UNRELATED",
        "miss-genuine-amazon-via-ses",
        from_="Amazon.co.jp <shipment-tracking@amazon.co.jp>",
        subject="Amazon.co.jp ご注文の商品が発送されました",
        trace=[("Received", received("a27-12.smtp-out.us-west-2.amazonses.com", "198.51.100.12"))],
        text="ご注文の商品を発送しました。\nhttps://www.amazon.co.jp/gp/your-account/ship-track\n",
    )

    # Real public addresses: documentation ranges are in no GeoIP data. 8.8.8.8 is in the
    # United States, 133.242.0.1 (SAKURA Internet) in Japan, by the bundled offline data.
    add(
        "ROUTE_ORIGIN_ABROAD",
        "hit-japanese-bank-sent-from-abroad",
        from_="三井住友銀行 <info@example.net>",
        subject="【三井住友銀行】ご本人様確認のお願い",
        trace=[("Received", received("mail.example.net", "8.8.8.8"))],
        text="お取引を制限しました。以下より本人確認を行ってください。\nhttps://smbc-check.example.net/\n",
    )
    add(
        "ROUTE_ORIGIN_ABROAD",
        "miss-impersonation-sent-from-same-country",
        from_="三井住友銀行 <info@example.net>",
        subject="【三井住友銀行】ご本人様確認のお願い",
        trace=[("Received", received("mail.example.net", "133.242.0.1"))],
        text="お取引を制限しました。以下より本人確認を行ってください。\nhttps://smbc-check.example.net/\n",
    )
    # Tiffany is American, but tiffany.co.jp is one of its official domains: Japan is home too.
    add(
        "ROUTE_ORIGIN_ABROAD",
        "miss-brand-at-home-by-its-country-domain",
        from_="Tiffany & Co. <info@example.net>",
        subject="Tiffany & Co.: ご登録情報の確認",
        trace=[("Received", received("mail.example.net", "133.242.0.1"))],
        text="ご登録情報を確認してください。\nhttps://tiffany-check.example.net/\n",
    )
    add(
        "ROUTE_ORIGIN_ABROAD",
        "miss-personal-mail-from-abroad",
        from_="Hanako Sato <hanako@example.org>",
        subject="Photos from the trip",
        trace=[("Received", received("mail.example.org", "8.8.8.8"))],
        text="Here are the photos: https://photos.example.org/album/7\n",
    )

    add(
        "ROUTE_SCRIPT_MAILER",
        "hit-phpmailer",
        from_="Account Service <service@example.net>",
        subject="Confirm your account",
        headers=[("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)")],
        text="Confirm your account: https://confirm.example.net/\n",
    )
    add(
        "ROUTE_SCRIPT_MAILER",
        "hit-php-originating-script",
        from_="Notice <notice@example.net>",
        subject="お知らせ",
        headers=[("X-PHP-Originating-Script", "1012:send.php")],
        text="お知らせがあります。https://notice.example.net/\n",
    )
    add(
        "ROUTE_SCRIPT_MAILER",
        "miss-outlook-desktop",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Agenda",
        headers=[("X-Mailer", "Microsoft Outlook 16.0")],
        text="Taro, agenda for tomorrow attached to the invite. Hanako\n",
    )
    add(
        "ROUTE_SCRIPT_MAILER",
        "miss-thunderbird-and-becky",
        from_="佐藤 健二 <sato@example.jp>",
        subject="見積もりの件",
        headers=[("User-Agent", "Mozilla Thunderbird"), ("X-Mailer", "Becky! ver. 2.81.04 [ja]")],
        text="山田様\n\n見積もりの件、明日お送りします。\n\n佐藤\n",
    )

    add(
        "ROUTE_TIME_ANOMALY",
        "hit-date-after-delivery",
        from_="Billing <billing@example.net>",
        subject="Invoice overdue",
        date="Fri, 25 Apr 2025 10:00:00 +0900",
        trace=[("Received", received("mail.example.net", "203.0.113.9"))],
        text="Your invoice is overdue: https://billing.example.net/\n",
    )
    add(
        "ROUTE_TIME_ANOMALY",
        "hit-week-long-delay",
        from_="Billing <billing@example.net>",
        subject="Invoice overdue",
        date="Thu, 10 Apr 2025 10:00:00 +0900",
        trace=[("Received", received("mail.example.net", "203.0.113.9"))],
        text="Your invoice is overdue: https://billing.example.net/\n",
    )
    add(
        "ROUTE_TIME_ANOMALY",
        "miss-sender-in-other-timezone",
        from_="Alice Example <alice@example.org>",
        subject="Call notes",
        date="Mon, 21 Apr 2025 17:12:30 -0700",
        trace=[("Received", received("mail.example.org", "198.51.100.7"))],
        text="Taro, notes from our call are in the doc. Alice\n",
    )
    add(
        "ROUTE_TIME_ANOMALY",
        "miss-sender-clock-half-hour-fast",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Re: Call notes",
        date="Tue, 22 Apr 2025 09:40:00 +0900",
        trace=[("Received", received("mail.example.org", "198.51.100.7"))],
        text="Thanks, looks good. Hanako\n",
    )


# --------------------------------------------------------------------------- auth
def auth_samples() -> None:
    relay = ("Received", received("mail.example.net", "203.0.113.9"))
    add(
        "AUTH_SPF_FAIL",
        "hit-spf-fail",
        from_="Example Bank <info@example.com>",
        subject="Important notice about your account",
        trace=[
            ar(
                "spf=fail (mx.example.jp: domain of info@example.com does not designate 203.0.113.9 as "
                "permitted sender) smtp.mailfrom=info@example.com"
            ),
            relay,
        ],
        text="Please review the notice in online banking.\n",
    )
    add(
        "AUTH_SPF_FAIL",
        "hit-policyd-received-spf-softfail",
        from_="Billing <billing@example.com>",
        subject="Invoice 2025-0412",
        trace=[
            ar("dkim=none; dmarc=none header.from=example.com"),
            (
                "Received-SPF",
                "Softfail (mailfrom) identity=mailfrom; client-ip=203.0.113.9; helo=mail.example.net; "
                "envelope-from=billing@example.com; receiver=<UNKNOWN>",
            ),
            relay,
        ],
        text="Invoice 2025-0412 is due on May 1.\n",
    )
    gmail_top = (
        "Received",
        "by 2002:a05:7300:5c1e:b0:1a2:3b4c:5d6e with SMTP id x12csp3456789dyc; Mon, 21 Apr 2025 17:12:42 -0700 (PDT)",
    )
    gmail_mx = (
        "Received",
        "from mail.example.net (mail.example.net. [203.0.113.9]) by mx.google.com with ESMTPS id "
        "d2e1a72fcca58-73c0a1b2c3dsi123456b3a.123.2025.04.21.17.12.41 for <taro@example.jp> "
        "(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Mon, 21 Apr 2025 17:12:41 -0700 (PDT)",
    )
    softfail = (
        "softfail (google.com: domain of transitioning billing@example.com does not designate 203.0.113.9 as "
        "permitted sender)"
    )
    add(
        "AUTH_SPF_FAIL",
        "hit-gmail-received-spf-transitioning",
        from_="Billing <billing@example.com>",
        subject="Invoice 2025-0412",
        trace=[
            gmail_top,
            ("Return-Path", "<billing@example.com>"),
            gmail_mx,
            ("Received-SPF", f"{softfail} client-ip=203.0.113.9;"),
            ar(f"spf={softfail} smtp.mailfrom=billing@example.com", authserv="mx.google.com"),
            (
                "Received",
                "from [192.168.0.20] (unknown [192.168.0.20]) by mail.example.net (Postfix) with ESMTPSA id 9F2; "
                "Tue, 22 Apr 2025 09:12:39 +0900",
            ),
        ],
        text="Invoice 2025-0412 is due on May 1. Pay to the new account: https://pay.example.org/\n",
    )
    add(
        "AUTH_DMARC_FAIL",
        "hit-gmail-download-dmarc-fail",
        from_="Example Bank <security@example.com>",
        subject="Security alert",
        trace=[
            gmail_top,
            (
                "ARC-Authentication-Results",
                "i=1; mx.google.com; spf=fail (google.com: domain of security@example.com does not designate "
                "203.0.113.9 as permitted sender) smtp.mailfrom=security@example.com; dmarc=fail (p=REJECT "
                "sp=REJECT dis=REJECT) header.from=example.com",
            ),
            ("Return-Path", "<security@example.com>"),
            gmail_mx,
            (
                "Received-SPF",
                "fail (google.com: domain of security@example.com does not designate 203.0.113.9 as permitted "
                "sender) client-ip=203.0.113.9;",
            ),
            ar(
                "spf=fail (google.com: domain of security@example.com does not designate 203.0.113.9 as permitted "
                "sender) smtp.mailfrom=security@example.com; dmarc=fail (p=REJECT sp=REJECT dis=REJECT) "
                "header.from=example.com",
                authserv="mx.google.com",
            ),
        ],
        text="Sign in to review a security alert: https://alerts.example.org/\n",
    )
    add(
        "AUTH_SPF_FAIL",
        "miss-spf-pass",
        from_="Example Bank <info@example.com>",
        subject="Your statement is ready",
        trace=[ar("spf=pass smtp.mailfrom=info@example.com; dkim=pass header.d=example.com"), relay],
        text="Your April statement is ready in online banking.\n",
    )
    add(
        "AUTH_SPF_FAIL",
        "miss-sender-internal-hop-softfail",
        from_="Hanako Suzuki <hanako@example.com>",
        subject="Quarterly numbers",
        trace=[
            ar("spf=pass smtp.mailfrom=hanako@example.com; dkim=pass header.d=example.com; dmarc=pass"),
            ("Received", received("out.example.com", "198.51.100.5")),
            ar("spf=softfail smtp.mailfrom=hanako@example.com", authserv="gw.internal.example.com"),
            (
                "Received",
                "from ws-114.internal.example.com (ws-114.internal.example.com [10.1.2.3]) by "
                "gw.internal.example.com (Postfix) with ESMTP id 11; Tue, 22 Apr 2025 09:12:33 +0900",
            ),
        ],
        text="Taro, quarterly numbers are in. Hanako\n",
    )

    add(
        "AUTH_DKIM_FAIL",
        "hit-dkim-body-hash-mismatch",
        from_="Billing <billing@example.com>",
        subject="Invoice 2025-0412",
        trace=[
            ar("dkim=fail (body hash did not verify) header.d=example.com header.i=@example.com header.s=sel1"),
            relay,
        ],
        text="Invoice 2025-0412: please pay to the new account below.\n",
    )
    add(
        "AUTH_DKIM_FAIL",
        "miss-one-of-two-signatures-passes",
        from_="Example Shop <news@example.com>",
        subject="New arrivals this week",
        trace=[
            ar(
                "dkim=fail (body hash did not verify) header.d=example.com header.s=old; "
                "dkim=pass header.d=example.com header.s=sel2; spf=pass smtp.mailfrom=bounce@example.com"
            ),
            relay,
        ],
        text="New arrivals are in store: https://shop.example.com/new\n",
    )
    add(
        "AUTH_DKIM_FAIL",
        "miss-dkim-pass",
        from_="Billing <billing@example.com>",
        subject="Invoice 2025-0412",
        trace=[ar("dkim=pass header.d=example.com header.s=sel1"), relay],
        text="Invoice 2025-0412 is available in the portal.\n",
    )

    add(
        "AUTH_DMARC_FAIL",
        "hit-dmarc-fail-reject-policy",
        from_="Example Bank <security@example.com>",
        subject="Security alert",
        trace=[
            ar(
                "spf=fail smtp.mailfrom=security@example.com; dkim=none; "
                "dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=example.com"
            ),
            relay,
        ],
        text="Sign in to review a security alert: https://alerts.example.net/\n",
    )
    add(
        "AUTH_FROM_UNAUTHENTICATED",
        "hit-dmarc-none-spf-for-other-domain",
        from_="Account Services <notice@example.com>",
        subject="Statement available",
        trace=[
            ar(
                "spf=pass smtp.mailfrom=bounce@bulk-sender.example.net; dkim=pass header.d=bulk-sender.example.net; "
                "dmarc=none header.from=example.com"
            ),
            relay,
        ],
        text="Your statement is available online.\n",
    )
    add(
        "AUTH_FROM_UNAUTHENTICATED",
        "miss-dkim-aligned-without-dmarc-record",
        from_="Example Shop <orders@example.com>",
        subject="Your order has shipped",
        trace=[
            ar(
                "spf=pass smtp.mailfrom=bounce@esp.example.net; dkim=pass header.d=example.com; "
                "dmarc=none header.from=example.com"
            ),
            relay,
        ],
        text="Your order 1234 has shipped and arrives on Friday.\n",
    )
    add(
        "AUTH_DMARC_FAIL",
        "miss-dmarc-pass",
        from_="Example Bank <security@example.com>",
        subject="New sign-in to online banking",
        trace=[
            ar(
                "spf=pass smtp.mailfrom=security@example.com; dkim=pass header.d=example.com; dmarc=pass "
                "header.from=example.com"
            ),
            relay,
        ],
        text="A new sign-in to online banking was recorded on 22 April at 09:10.\n",
    )
    add(
        "AUTH_DMARC_FAIL",
        "miss-m365-bestguesspass",
        from_="Hanako Suzuki <hanako@example.com>",
        subject="Quarterly numbers",
        trace=[
            ar(
                "spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=example.com; dkim=pass (signature was "
                "verified) header.d=example.com;dmarc=bestguesspass action=none header.from=example.com;"
                "compauth=pass reason=109",
                authserv="",
            ),
            ("Received", received("mail.example.com", "198.51.100.7", by="TY1PR01MB1234.jpnprd01.prod.outlook.com")),
        ],
        text="Taro, quarterly numbers are in. Hanako\n",
    )

    add(
        "AUTH_COMPAUTH_FAIL",
        "hit-m365-compauth-fail",
        from_="Example Bank <info@example.com>",
        subject="Verify your account",
        trace=[
            ar(
                "spf=softfail (sender IP is 203.0.113.9) smtp.mailfrom=example.net; dkim=none (message not "
                "signed) header.d=none;dmarc=none action=none header.from=example.com;compauth=fail reason=001",
                authserv="",
            ),
            ("Received", received("mail.example.net", "203.0.113.9", by="TY1PR01MB1234.jpnprd01.prod.outlook.com")),
        ],
        text="Verify your account: https://verify.example.net/\n",
    )
    add(
        "AUTH_COMPAUTH_FAIL",
        "miss-m365-compauth-pass",
        from_="Hanako Suzuki <hanako@example.com>",
        subject="Quarterly numbers",
        trace=[
            ar(
                "spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=example.com; dkim=pass (signature was "
                "verified) header.d=example.com;dmarc=pass action=none header.from=example.com;"
                "compauth=pass reason=100",
                authserv="",
            ),
            ("Received", received("mail.example.com", "198.51.100.7", by="TY1PR01MB1234.jpnprd01.prod.outlook.com")),
        ],
        text="Taro, quarterly numbers are in. Hanako\n",
    )
    add(
        "AUTH_COMPAUTH_FAIL",
        "miss-m365-compauth-softpass",
        from_="Example Shop <news@example.com>",
        subject="New arrivals this week",
        trace=[
            ar(
                "spf=pass (sender IP is 198.51.100.30) smtp.mailfrom=example.org; dkim=pass (signature was "
                "verified) header.d=example.org;dmarc=none action=none header.from=example.com;"
                "compauth=softpass reason=201",
                authserv="",
            ),
            ("Received", received("out.example.org", "198.51.100.30", by="TY1PR01MB1234.jpnprd01.prod.outlook.com")),
        ],
        text="New arrivals are in store: https://shop.example.com/new\n",
    )

    add(
        "AUTH_BRAND_DOMAIN_SPOOFED",
        "hit-amazon-domain-dmarc-fail",
        from_="Amazon.co.jp <account-update@amazon.co.jp>",
        subject="Amazon.co.jp: お支払い方法の更新",
        trace=[
            ar(
                "spf=fail smtp.mailfrom=account-update@amazon.co.jp; dkim=none; "
                "dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=amazon.co.jp"
            ),
            relay,
        ],
        text="お支払い方法に問題があります。お支払い情報を更新してください: https://billing.example.org/\n",
    )
    add(
        "AUTH_BRAND_DOMAIN_SPOOFED",
        "miss-genuine-brand-dmarc-pass",
        from_="Amazon.co.jp <shipment-tracking@amazon.co.jp>",
        subject="Amazon.co.jp ご注文の商品が発送されました",
        trace=[
            ar(
                "spf=pass smtp.mailfrom=bounce@amazon.co.jp; dkim=pass header.d=amazon.co.jp; "
                "dmarc=pass header.from=amazon.co.jp"
            ),
            ("Received", received("a27-12.smtp-out.us-west-2.amazonses.com", "198.51.100.12")),
        ],
        text="ご注文の商品を発送しました。https://www.amazon.co.jp/gp/your-account/ship-track\n",
    )
    add(
        "AUTH_BRAND_DOMAIN_SPOOFED",
        "miss-brand-receipt-via-mailing-list",
        from_="PayPal <service@paypal.com>",
        subject="[family] Receipt for your payment to Example Store",
        trace=[
            ar(
                "spf=pass smtp.mailfrom=family-bounces@lists.example.org; dkim=fail (body hash did not verify) "
                "header.d=paypal.com; dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=paypal.com"
            ),
            ("Received", received("lists.example.org", "198.51.100.60")),
        ],
        headers=[
            ("List-Id", "Family <family.lists.example.org>"),
            ("List-Post", "<mailto:family@lists.example.org>"),
        ],
        text="You sent $129.99 USD to Example Store.\n\n-- \nfamily mailing list\n",
    )
    add(
        "AUTH_BRAND_DOMAIN_SPOOFED",
        "miss-arc-sealed-forward",
        from_="PayPal <service@paypal.com>",
        subject="Receipt for your payment to Example Store",
        trace=[
            ar(
                "spf=pass smtp.mailfrom=srs0=ab12=xy=paypal.com@forward.example.net; dkim=fail (body hash did not "
                "verify) header.d=paypal.com; dmarc=fail (p=REJECT sp=REJECT dis=NONE) header.from=paypal.com; "
                "arc=pass (i=1 spf=pass dkim=pass dmarc=pass)"
            ),
            (
                "ARC-Authentication-Results",
                "i=1; forward.example.net; spf=pass smtp.mailfrom=service@paypal.com; dkim=pass header.d=paypal.com; "
                "dmarc=pass header.from=paypal.com",
            ),
            ("Received", received("forward.example.net", "198.51.100.61")),
        ],
        text="You sent $129.99 USD to Example Store.\n",
    )
    add(
        "AUTH_NO_DMARC_FOR_BRAND_CLAIM",
        "hit-amazon-claim-no-dmarc",
        from_="Amazon.co.jp <info@example.net>",
        subject="お支払い方法の更新",
        trace=[ar("spf=pass smtp.mailfrom=info@example.net; dkim=none; dmarc=none header.from=example.net"), relay],
        text="お支払い方法の更新が必要です。\nhttps://billing.example.net/update\n",
    )
    add(
        "AUTH_NO_DMARC_FOR_BRAND_CLAIM",
        "miss-small-business-no-dmarc",
        from_="Hanako Suzuki <hanako@example.net>",
        subject="Catering quote",
        trace=[ar("spf=pass smtp.mailfrom=hanako@example.net; dkim=none; dmarc=none header.from=example.net"), relay],
        text="Hi Taro, here is our catering quote for the May event: 40 guests, 2,500 yen per person.\n",
    )


# --------------------------------------------------------------------------- links
def link_samples() -> None:
    def a(href: str, text: str) -> str:
        return f'<a href="{href}">{text}</a>'

    add(
        "LINK_TEXT_MISMATCH",
        "hit-shows-amazon-goes-elsewhere",
        from_="Amazon.co.jp <no-reply@example.net>",
        subject="ご注文の確認",
        html=page(
            "<p>ご注文内容に問題があります。</p><p>"
            + a("https://account-review.example.org/signin", "https://www.amazon.co.jp/gp/css/order-history")
            + "</p>"
        ),
    )
    add(
        "LINK_TEXT_MISMATCH",
        "hit-shows-recipient-webmail",
        from_="Mail Administrator <admin@example.net>",
        subject="Mailbox quota",
        html=page(
            "<p>Sign in to keep your messages:</p><p>" + a("https://owa-login.example.org/", "mail.example.jp") + "</p>"
        ),
    )
    add(
        "LINK_TEXT_MISMATCH",
        "miss-newsletter-same-domain",
        from_="Example Shop <news@example.com>",
        subject="Spring sale",
        html=page(
            "<p>Our spring sale starts today.</p><p>"
            + a("https://www.example.com/sale?utm_source=newsletter&utm_medium=email", "www.example.com/sale")
            + "</p>"
        ),
    )
    add(
        "LINK_TEXT_MISMATCH",
        "miss-newsletter-click-tracker",
        from_="Example Shop <news@example.com>",
        subject="Spring sale",
        html=page(
            "<p>Our spring sale starts today.</p><p>"
            + a(
                "https://example.us21.list-manage.com/track/click?u=8f1a2b3c4d5e6f7a8b9c0d1e2&amp;id=3b2c1d0e9f"
                "&amp;e=9d8e7f6a5b",
                "shop.example.com",
            )
            + "</p>"
        ),
    )
    add(
        "LINK_TEXT_MISMATCH",
        "miss-safelinks-wrapped",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Q2 plan",
        html=page(
            "<p>Taro, the Q2 plan is here:</p><p>"
            + a(
                "https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.org%2Fdocs%2Fq2-plan"
                "&amp;data=05%7C02%7Ctaro%40example.jp%7C0a1b2c3d%7C0%7C0%7C638809999999999999&amp;reserved=0",
                "https://www.example.org/docs/q2-plan",
            )
            + "</p>"
        ),
    )

    add(
        "LINK_OFF_BRAND",
        "hit-amazon-claim-links-elsewhere",
        from_="Amazon.co.jp <no-reply@example.net>",
        subject="Amazon.co.jp: お支払い方法の更新",
        html=page(
            "<p>お支払い方法に問題があります。下記よりお支払い情報を更新してください。</p><p>"
            + a("https://secure-account.example.org/ap/signin", "お支払い情報を更新")
            + "</p>"
        ),
    )
    add(
        "LINK_OFF_BRAND",
        "miss-genuine-amazon-links",
        from_="Amazon.co.jp <shipment-tracking@amazon.co.jp>",
        subject="Amazon.co.jp ご注文の商品が発送されました",
        html=page(
            "<p>ご注文の商品を発送しました。</p><p>"
            + a("https://www.amazon.co.jp/gp/your-account/ship-track", "配送状況を確認")
            + "</p><p>"
            + a("https://apps.apple.com/jp/app/id374254473", "Amazon ショッピングアプリ")
            + "</p><p>"
            + a("https://toi.kuronekoyamato.co.jp/cgi-bin/tneko", "ヤマト運輸の配送状況")
            + "</p>"
        ),
    )

    add(
        "LINK_BRAND_IN_URL",
        "hit-brand-in-host",
        from_="Resolution Center <help@example.net>",
        subject="Case 8812 needs your reply",
        text="Reply to case 8812: https://paypal-resolution-center.example.org/case/8812\n",
    )
    add(
        "LINK_BRAND_IN_URL",
        "hit-claimed-brand-in-path",
        from_="Apple Support <support@example.org>",
        subject="Your Apple ID was used to sign in",
        text="Your Apple ID was used to sign in on a new device. Verify your account: "
        "https://files.example.net/apple/id/verify.html\n",
    )
    add(
        "LINK_BRAND_IN_URL",
        "miss-news-article-path",
        from_="Kenji Sato <kenji@example.org>",
        subject="Interesting read",
        text="Taro, interesting read: https://news.example.org/2025/04/22/amazon-quarterly-results\n",
    )
    add(
        "LINK_BRAND_IN_URL",
        "miss-brand-word-inside-longer-name",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Lunch place",
        text="Let's try this bakery on Friday: https://applewood-bakery.example.com/menu\n",
    )

    add(
        "LINK_RECIPIENT_IN_URL",
        "hit-address-in-fragment",
        from_="Mail Administrator <admin@example.net>",
        subject="Password expires today",
        text="Keep your current password: https://webmail-auth.example.org/owa/index.html#taro@example.jp\n",
    )
    add(
        "LINK_RECIPIENT_IN_URL",
        "hit-base64-address-in-query",
        from_="Document Share <share@example.net>",
        subject="A document was shared with you",
        text="Open the document: https://share.example.org/view?u=dGFyb0BleGFtcGxlLmpw\n",
    )
    add(
        "LINK_RECIPIENT_IN_URL",
        "miss-unsubscribe-link-with-address",
        from_="Example Shop <news@example.com>",
        subject="New arrivals this week",
        text="New arrivals: https://shop.example.com/new\n\n"
        "Unsubscribe: https://shop.example.com/unsubscribe?email=taro%40example.jp\n",
    )

    add(
        "LINK_IP_HOST",
        "hit-ip-login-page",
        from_="Security <security@example.net>",
        subject="Sign-in required",
        text="Sign in to keep your account: http://203.0.113.45/secure/login.php\n",
    )
    add(
        "LINK_IP_HOST",
        "miss-it-notice-ip-in-text",
        from_="情報システム部 <it@example.jp>",
        subject="ファイルサーバー移行のお知らせ",
        text="新しいファイルサーバーは https://files.example.jp/ です。\n"
        "VPN 接続時は IP アドレス 192.0.2.10 でもアクセスできます。\n",
    )

    add(
        "LINK_USERINFO_TRICK",
        "hit-brand-as-userinfo",
        from_="Amazon.co.jp <no-reply@example.net>",
        subject="アカウントの確認",
        text="アカウントを確認してください: https://www.amazon.co.jp@login.example.net/ap/signin\n",
    )
    add(
        "LINK_USERINFO_TRICK",
        "miss-git-username-url",
        from_="Kenji Sato <kenji@example.org>",
        subject="Repo access",
        text="Taro, clone with: https://deploy@git.example.com/team/app.git (your key is already added).\n",
    )
    add(
        "LINK_USERINFO_TRICK",
        "miss-address-in-query",
        from_="Example Events <events@example.org>",
        subject="Invitation from Hanako",
        text="Hanako invited you. Accept: https://events.example.org/accept?inviter=hanako@example.org&id=77\n",
    )

    add(
        "LINK_SHORTENER",
        "hit-bitly-link",
        from_="Delivery Notice <notice@example.net>",
        subject="Your parcel is waiting",
        text="Your parcel is waiting. Reschedule: https://bit.ly/3Fx9KqZ\n",
    )
    add(
        "LINK_SHORTENER",
        "miss-full-url-newsletter",
        from_="Example Shop <news@example.com>",
        subject="New arrivals this week",
        text="New arrivals: https://shop.example.com/new?utm_source=newsletter\n",
    )
    add(
        "LINK_SHORTENER",
        "miss-amazon-own-short-link",
        from_="Amazon.co.jp <store-news@amazon.co.jp>",
        subject="Amazon.co.jp: 今週のおすすめ",
        text="今週のおすすめ商品: https://amzn.asia/d/0aBcDeF\n",
    )

    add(
        "LINK_REDIRECT",
        "hit-google-open-redirect",
        from_="Document Share <share@example.net>",
        subject="Shared file",
        text="Open the shared file: https://www.google.com/url?q=https://login-check.example.org/&sa=D\n",
    )
    add(
        "LINK_REDIRECT",
        "miss-safelinks-to-sender-site",
        from_="Example Events <events@example.com>",
        subject="Event schedule",
        text="Schedule: https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.example.com%2Fevents"
        "&data=05%7C02%7C0a1b&reserved=0\n",
    )
    add(
        "LINK_REDIRECT",
        "miss-safelinks-colleague-external-link",
        from_="Hanako Suzuki <hanako@example.jp>",
        subject="Article",
        text="Taro, this article is worth a read: https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2F"
        "www.example.org%2Fblog%2Fbackups&data=05%7C02%7C0a1b&reserved=0\n",
    )

    add(
        "LINK_SUSPICIOUS_TLD",
        "hit-dot-top-link",
        from_="Delivery Notice <notice@example.net>",
        subject="Address confirmation",
        text="Confirm your address: https://account-check.example.top/confirm\n",
    )
    add(
        "LINK_SUSPICIOUS_TLD",
        "miss-shop-own-dot-shop-domain",
        from_="Example Store <news@example.shop>",
        subject="New arrivals",
        text="New arrivals at our store: https://www.example.shop/new-arrivals\n",
    )

    add(
        "LINK_FREE_HOSTING",
        "hit-web-app-page",
        from_="Mail Administrator <admin@example.net>",
        subject="Mailbox verification",
        text="Verify your mailbox: https://account-review-8841.web.app/\n",
    )
    add(
        "LINK_FREE_HOSTING",
        "hit-google-forms-login",
        from_="Mail Administrator <admin@example.net>",
        subject="Mailbox verification",
        text="Verify your mailbox to keep receiving mail: "
        "https://docs.google.com/forms/d/e/1FAIpQLSdExampleFormId0123456789/viewform\n",
    )
    add(
        "LINK_FREE_HOSTING",
        "miss-shared-google-doc",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Draft agenda",
        text="Taro, the draft agenda: https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit\n",
    )

    add(
        "LINK_DANGEROUS_SCHEME",
        "hit-javascript-link",
        from_="Billing <billing@example.net>",
        subject="Invoice",
        html=page(a("javascript:window.location='https://pay.example.net/'+document.cookie", "View invoice")),
    )
    add(
        "LINK_DANGEROUS_SCHEME",
        "hit-data-uri-link",
        from_="Billing <billing@example.net>",
        subject="Invoice",
        html=page(a("data:text/html;base64,PGgxPkludm9pY2U8L2gxPg==", "Open invoice")),
    )
    add(
        "LINK_DANGEROUS_SCHEME",
        "miss-mailto-and-tel-links",
        from_="Example Clinic <info@example.com>",
        subject="Appointment confirmed",
        html=page(
            "<p>Your appointment is confirmed for 24 April, 10:00.</p><p>Questions? "
            + a("mailto:info@example.com", "info@example.com")
            + " or "
            + a("tel:+81-3-0000-0000", "03-0000-0000")
            + "</p>"
        ),
    )

    add(
        "LINK_RANDOM_HOST",
        "hit-random-subdomain",
        from_="Notice <notice@example.net>",
        subject="Action needed",
        text="Continue here: https://x7k2q9vbn4mz8wplr3ty.example.org/\n",
    )
    add(
        "LINK_RANDOM_HOST",
        "miss-long-readable-subdomain",
        from_="Example Conference <info@example.com>",
        subject="Registration open",
        text="Registration is open: https://international-conference-2025.example.org/register\n",
    )

    add(
        "LINK_LOGIN_PATH",
        "hit-signin-path-for-brand",
        from_="Amazon.co.jp <no-reply@example.net>",
        subject="アカウントの確認",
        text="アカウント情報の確認をお願いします: https://secure-check.example.org/ap/signin?openid=1\n",
    )
    add(
        "LINK_LOGIN_PATH",
        "hit-free-hosted-login",
        from_="Mail Administrator <admin@example.net>",
        subject="Mailbox verification",
        text="Log in to verify your mailbox: https://mail-portal-3321.web.app/login.html\n",
    )
    add(
        "LINK_LOGIN_PATH",
        "miss-forum-login-link",
        from_="Kenji Sato <kenji@example.org>",
        subject="Forum thread",
        text="Taro, I replied on the forum (you need to log in to see it): https://forum.example.org/login\n",
    )
    add(
        "LINK_LOGIN_PATH",
        "miss-own-account-page",
        from_="Example Shop <news@example.com>",
        subject="Your points balance",
        text="See your points in your account: https://www.example.com/account/login\n",
    )

    add(
        "LINK_PUNYCODE",
        "hit-idn-host",
        from_="Notice <notice@example.net>",
        subject="Sign in",
        html=page(a("https://www.bücher.example/login", "Sign in")),
    )
    add(
        "LINK_PUNYCODE",
        "hit-raw-punycode-host",
        from_="Notice <notice@example.net>",
        subject="Sign in",
        text="Sign in: https://login.xn--pypal-4ve.example/\n",
    )
    add(
        "LINK_PUNYCODE",
        "miss-japanese-path-not-host",
        from_="Example Japan <info@example.jp>",
        subject="お知らせ",
        text="新しいお知らせを掲載しました: https://www.example.jp/お知らせ/2025/04\n",
    )

    add(
        "LINK_LOOKALIKE_DOMAIN",
        "hit-brand-as-subdomain",
        from_="Amazon.co.jp <no-reply@example.net>",
        subject="アカウントの確認",
        text="アカウントを確認してください: https://amazon.co.jp.example.org/ap/signin\n",
    )
    add(
        "LINK_LOOKALIKE_DOMAIN",
        "hit-homoglyph-domain",
        from_="Service <service@example.net>",
        subject="Payment received",
        text="Review the payment: https://www.paypa1.example/signin\n",
    )
    add(
        "LINK_LOOKALIKE_DOMAIN",
        "miss-genuine-brand-link",
        from_="Kenji Sato <kenji@example.org>",
        subject="この本",
        text="太郎へ\n\nこの本おすすめ: https://www.amazon.co.jp/dp/4000000000\n\n健二\n",
    )
    add(
        "LINK_LOOKALIKE_DOMAIN",
        "miss-recipient-own-intranet",
        from_="情報システム部 <it@example.jp>",
        subject="社内ポータル更新",
        text="社内ポータルを更新しました: https://intranet.example.jp/portal\n",
    )


# --------------------------------------------------------------------------- attachments
def attachment_samples() -> None:
    pdf = "application/pdf"
    octet = "application/octet-stream"
    zip_type = "application/zip"
    add(
        "ATTACH_EXECUTABLE",
        "hit-invoice-exe",
        from_="Billing <billing@example.net>",
        subject="Invoice 2025-04",
        text="Please find the invoice attached.\n",
        attachments=[("invoice_2025-04.exe", exe_bytes(), octet)],
    )
    add(
        "ATTACH_EXECUTABLE",
        "hit-script-in-zip",
        from_="Billing <billing@example.net>",
        subject="Invoice 2025-04",
        text="Please find the invoice attached.\n",
        attachments=[("invoice_0422.zip", zip_bytes([("Invoice_0422.js", b"WScript.Echo('invoice');\n")]), zip_type)],
    )
    add(
        "ATTACH_EXECUTABLE",
        "miss-pdf-invoice",
        from_="Example Supplies <billing@example.com>",
        subject="Invoice 2025-04",
        text="Dear customer,\n\nPlease find our April invoice attached.\n\nExample Supplies\n",
        attachments=[("invoice_2025-04.pdf", plain_pdf(), pdf)],
    )
    add(
        "ATTACH_EXECUTABLE",
        "miss-zip-of-pdfs",
        from_="経理部 田中 <tanaka@example.jp>",
        subject="3月分の請求書",
        text="山田様\n\n3月分の請求書2通をまとめてお送りします。\n\n田中\n",
        attachments=[
            (
                "invoices_2025-03.zip",
                zip_bytes([("invoice_A.pdf", plain_pdf("A")), ("invoice_B.pdf", plain_pdf("B"))]),
                zip_type,
            )
        ],
    )

    add(
        "ATTACH_DOUBLE_EXTENSION",
        "hit-pdf-exe",
        from_="経理 <keiri@example.net>",
        subject="請求書の送付",
        text="請求書を添付します。\n",
        attachments=[("請求書_0422.pdf.exe", exe_bytes(), octet)],
    )
    add(
        "ATTACH_DOUBLE_EXTENSION",
        "hit-rlo-trick",
        from_="Billing <billing@example.net>",
        subject="Invoice",
        text="Invoice attached.\n",
        attachments=[("invoice\u202efdp.exe", exe_bytes(), octet)],
    )
    add(
        "ATTACH_DOUBLE_EXTENSION",
        "miss-dotted-version-name",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Final report",
        text="Taro, final version attached.\n",
        attachments=[("report.v2.final.pdf", plain_pdf("Report"), pdf)],
    )
    add(
        "ATTACH_DOUBLE_EXTENSION",
        "miss-tarball-logs",
        from_="Kenji Sato <kenji@example.org>",
        subject="Server logs",
        text="Logs from yesterday attached.\n",
        attachments=[("logs-2025-04-21.tar.gz", zlib.compress(b"log line\n"), "application/gzip")],
    )
    add(
        "ATTACH_DOUBLE_EXTENSION",
        "miss-macos-compressed-pdf",
        from_="佐藤 健二 <sato@example.jp>",
        subject="見積書の送付",
        text="山田様\n\n見積書をお送りします。ご確認ください。\n\n佐藤\n",
        attachments=[("見積書.pdf.zip", zip_bytes([("見積書.pdf", plain_pdf("Quote"))]), zip_type)],
    )

    form_page = page(
        '<h2>Secure message</h2><form action="https://collect.example.net/p.php" method="post">'
        '<input name="email" value="taro@example.jp"><input type="password" name="pw">'
        "<button>View message</button></form>",
        "Secure message",
    )
    receipt_page = page(
        "<h1>Receipt #1042</h1><table><tr><td>Notebook</td><td>$12.00</td></tr>"
        "<tr><td>Total</td><td>$12.00</td></tr></table>",
        "Receipt",
    )
    add(
        "ATTACH_HTML_FORM",
        "hit-local-login-page",
        from_="Mail Administrator <admin@example.net>",
        subject="You have a secure message",
        text="Open the attached secure message.\n",
        attachments=[("Secure_Message.html", form_page.encode(), "text/html")],
    )
    add(
        "ATTACH_HTML_FORM",
        "miss-html-receipt",
        from_="Example Shop <orders@example.com>",
        subject="Your receipt #1042",
        text="Thanks for your order. Your receipt is attached.\n",
        attachments=[("receipt_1042.html", receipt_page.encode(), "text/html")],
    )

    smuggle = page(
        "<p>Loading document...</p><script>\n"
        'var d = atob("UEsDBBQAAAAIAA==");\n'
        "var b = new Blob([d], {type: 'application/zip'});\n"
        "var u = URL.createObjectURL(b);\n"
        "window.location.href = u;\n"
        "</script>",
        "Document",
    )
    report_script = page(
        "<h1>Test report</h1><details><summary>12 passed</summary><ul><li>test_a</li></ul></details>"
        "<script>\ndocument.querySelectorAll('summary').forEach(function (s) {\n"
        "  s.addEventListener('click', function () { s.classList.toggle('open'); });\n});\n</script>",
        "Test report",
    )
    add(
        "ATTACH_HTML_SMUGGLING",
        "hit-atob-blob-download",
        from_="Document Share <share@example.net>",
        subject="Shared document",
        text="Open the attached document.\n",
        attachments=[("Document_0422.html", smuggle.encode(), "text/html")],
    )
    add(
        "ATTACH_HTML_SMUGGLING",
        "miss-html-report-with-script",
        from_="CI <ci@example.com>",
        subject="Nightly test report",
        text="The nightly test report is attached.\n",
        attachments=[("report.html", report_script.encode(), "text/html")],
    )

    add(
        "ATTACH_HTML_SCRIPT",
        "hit-voicemail-page-with-script",
        from_="Voice Mail <voicemail@example.net>",
        subject="New voice message (0:42)",
        text="You have a new voice message. Open the attachment to play it.\n",
        attachments=[
            (
                "VoiceMessage_0042.html",
                page(
                    "<p>Loading player...</p><script>var t = 3; setTimeout(function () { t--; }, 1000);</script>"
                ).encode(),
                "text/html",
            )
        ],
    )
    add(
        "ATTACH_HTML_SCRIPT",
        "miss-html-receipt-no-script",
        from_="Example Shop <orders@example.com>",
        subject="Your receipt #1042",
        text="Thanks for your order. Your receipt is attached.\n",
        attachments=[("receipt_1042.html", receipt_page.encode(), "text/html")],
    )

    docm = ooxml_bytes(DOCM_MAIN, "word/document.xml", WORD_XML)
    add(
        "ATTACH_MACRO",
        "hit-docm-report",
        from_="Hanako Suzuki <hanako@example.net>",
        subject="Quarterly report",
        text="Please enable editing and content to view the report.\n",
        attachments=[("report.docm", docm, "application/vnd.ms-word.document.macroEnabled.12")],
    )
    add(
        "ATTACH_MACRO",
        "hit-xlsm-sales",
        from_="営業部 <sales@example.net>",
        subject="売上集計",
        text="売上集計を添付します。マクロを有効にしてご覧ください。\n",
        attachments=[
            (
                "売上集計.xlsm",
                ooxml_bytes(XLSM_MAIN, "xl/workbook.xml", SHEET_XML),
                "application/vnd.ms-excel.sheet.macroEnabled.12",
            )
        ],
    )
    add(
        "ATTACH_MACRO",
        "miss-plain-docx-report",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Quarterly report",
        text="Taro, the quarterly report is attached.\n",
        attachments=[
            (
                "report.docx",
                ooxml_bytes(DOCX_MAIN, "word/document.xml", WORD_XML),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        ],
    )

    add(
        "ATTACH_CONTAINER",
        "hit-iso-invoice",
        from_="Billing <billing@example.net>",
        subject="Invoice 2025-04",
        text="Invoice attached.\n",
        attachments=[("Invoice_0422.iso", b"\x00" * 512, octet)],
    )
    add(
        "ATTACH_CONTAINER",
        "hit-onenote-document",
        from_="Document Share <share@example.net>",
        subject="Shared document",
        text="Open the attached OneNote document and double-click to view.\n",
        attachments=[("Document.one", bytes.fromhex("e4525c7b8cd8a74daeb15378d02996d3") + b"\x00" * 112, octet)],
    )
    add(
        "ATTACH_CONTAINER",
        "miss-iso-certificate-pdf",
        from_="Quality Office <quality@example.com>",
        subject="ISO 9001 certificate",
        text="Dear customer,\n\nAs requested, our renewed ISO 9001 certificate is attached.\n",
        attachments=[("ISO9001_certificate.pdf", plain_pdf("ISO 9001"), pdf)],
    )

    add(
        "ATTACH_ENCRYPTED_ARCHIVE",
        "hit-ppap-password-in-body",
        from_="経理部 <keiri@example.net>",
        subject="請求書送付のお知らせ",
        text="いつもお世話になっております。\n請求書を送付いたします。\n\nパスワード：Xk29pQ7m\n",
        attachments=[("請求書_0422.zip", encrypted_zip_bytes("請求書_0422.pdf", plain_pdf(), b"Xk29pQ7m"), zip_type)],
    )
    add(
        "ATTACH_ENCRYPTED_ARCHIVE",
        "hit-encrypted-zip-no-password",
        from_="Billing <billing@example.net>",
        subject="Invoice",
        text="The invoice is attached as a protected archive. Call us for the code.\n",
        attachments=[("Invoice.zip", encrypted_zip_bytes("Invoice.pdf", plain_pdf(), b"2025"), zip_type)],
    )
    add(
        "ATTACH_ENCRYPTED_ARCHIVE",
        "miss-plain-zip",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Photos",
        text="Taro, the invoices you asked for are in the zip.\n",
        attachments=[("invoices.zip", zip_bytes([("invoice_A.pdf", plain_pdf("A"))]), zip_type)],
    )

    js_pdf = pdf_bytes(
        "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        "<< /S /JavaScript /JS (app.alert\\('Loading invoice'\\);) >>",
    )
    form_pdf = pdf_bytes(
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R 5 0 R] >>",
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [20 150 180 170] /P 3 0 R >>",
        "<< /Type /Annot /Subtype /Link /Rect [20 100 180 120] "
        "/A << /S /URI /URI (https://www.example.com/forms) >> >>",
    )
    add(
        "ATTACH_PDF_ACTIVE",
        "hit-pdf-openaction-javascript",
        from_="Billing <billing@example.net>",
        subject="Invoice",
        text="Invoice attached.\n",
        attachments=[("invoice.pdf", js_pdf, pdf)],
    )
    add(
        "ATTACH_PDF_ACTIVE",
        "miss-fillable-pdf-form",
        from_="Example City Office <info@example.com>",
        subject="Application form",
        text="Please fill in the attached application form and send it back.\n",
        attachments=[("application_form.pdf", form_pdf, pdf)],
    )

    add(
        "ATTACH_TYPE_MISMATCH",
        "hit-html-named-pdf",
        from_="Billing <billing@example.net>",
        subject="Invoice",
        text="Invoice attached.\n",
        attachments=[("Invoice_0422.pdf", page("<p>Loading invoice...</p>").encode(), pdf)],
    )
    add(
        "ATTACH_TYPE_MISMATCH",
        "miss-rtf-saved-as-doc",
        from_="佐藤 健二 <sato@example.jp>",
        subject="議事メモ",
        text="山田様\n\n議事メモを添付します。\n\n佐藤\n",
        attachments=[
            ("memo.doc", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Meeting memo\\par }", "application/msword")
        ],
    )
    add(
        "ATTACH_TYPE_MISMATCH",
        "miss-real-png-photo",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Photo",
        text="Taro, here is the photo.\n",
        attachments=[("photo.png", png_bytes(16, 16, lambda x, y: (x * 16, y * 16, 128)), "image/png")],
    )

    qr = barcode_png("https://mfa-renew.example.net/?u=taro", "qr")
    logo = png_bytes(24, 24, lambda x, y: (40 + x * 8, 90 + y * 6, 200 - x * 4))
    add(
        "ATTACH_QR_CODE",
        "hit-mfa-reenrolment-qr",
        from_="Microsoft 365 Security <security@example.net>",
        subject="多要素認証の再設定が必要です",
        text="多要素認証の有効期限が切れます。\n添付のQRコードをスマートフォンで読み取り、再設定してください。\n",
        attachments=[("MFA_QR.png", qr, "image/png")],
    )
    add(
        "ATTACH_QR_CODE",
        "miss-plain-logo-image",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="New logo draft",
        text="Taro, here is the new logo draft.\n",
        attachments=[("logo_draft.png", logo, "image/png")],
    )
    add(
        "ATTACH_QR_CODE",
        "miss-guest-wifi-qr",
        from_="総務部 <soumu@example.jp>",
        subject="来客用Wi-Fiのご案内",
        text="来客用Wi-Fiの接続情報です。添付のQRコードを読み取ると接続できます。\n",
        attachments=[("guest_wifi.png", barcode_png("WIFI:S:Example-Guest;T:WPA;P:welcome-2025;;", "qr"), "image/png")],
    )
    add(
        "ATTACH_QR_CODE",
        "miss-coupon-ean13-barcode",
        from_="Example Shop <news@example.com>",
        subject="Your in-store coupon",
        text="Show this barcode at the register for 10% off.\n",
        attachments=[("coupon.png", barcode_png("4901234567894", "ean13"), "image/png")],
    )


# --------------------------------------------------------------------------- content
def content_samples() -> None:
    def lure(rule: str, name: str, subject: str, text: str, from_: str = "") -> None:
        add(rule, name, from_=from_ or "Notice <notice@example.net>", subject=subject, text=text)

    lure(
        "CONTENT_CREDENTIAL_REQUEST",
        "hit-verify-account-en",
        "Account verification required",
        "Dear customer,\n\nWe need you to verify your account. Click here to verify: https://verify.example.net/\n",
    )
    lure(
        "CONTENT_CREDENTIAL_REQUEST",
        "hit-honnin-kakunin-jp",
        "ご本人様確認のお願い",
        "お客様のアカウントで本人確認が必要です。\n下記のリンクからログインして確認手続きを完了してください。\n"
        "https://member-check.example.net/\n",
    )
    lure(
        "CONTENT_CREDENTIAL_REQUEST",
        "miss-requested-password-reset",
        "Reset your Example Cloud password",
        "Hi Taro,\n\nWe received a request to reset the password for your Example Cloud account.\n"
        "To choose a new password, open this link:\nhttps://www.example.com/reset/4f9c2a\n\n"
        "This link expires in 24 hours. If you did not ask for a new password, you can ignore this email.\n",
        from_="Example Cloud <noreply@example.com>",
    )
    lure(
        "CONTENT_CREDENTIAL_REQUEST",
        "miss-order-confirmation-jp",
        "ご注文ありがとうございます",
        "山田 太郎 様\n\nこの度はご注文いただきありがとうございます。\nご注文番号: 1042\n"
        "商品: ノート 3冊\nお届け予定日: 4月25日\n\nExample Shop\n",
        from_="Example Shop <orders@example.com>",
    )
    lure(
        "CONTENT_CREDENTIAL_REQUEST",
        "miss-signup-confirmation",
        "Welcome to Example Cloud",
        "Hi Taro,\n\nThanks for signing up for Example Cloud! Please confirm your account by clicking the "
        "button below:\nhttps://www.example.com/welcome/confirm?t=8c1d\n\nSee you inside,\nThe Example Cloud team\n",
        from_="Example Cloud <welcome@example.com>",
    )

    lure(
        "CONTENT_PAYMENT_REQUEST",
        "hit-update-card-en",
        "Payment declined",
        "Your payment was declined. Please update your payment information to avoid service interruption:\n"
        "https://billing.example.net/update\n",
    )
    lure(
        "CONTENT_PAYMENT_REQUEST",
        "hit-card-info-jp",
        "お支払い方法の確認",
        "ご登録のクレジットカードの有効期限が切れているため、お支払いが確認できませんでした。\n"
        "カード情報の更新をお願いいたします。\nhttps://billing.example.net/card\n",
    )
    lure(
        "CONTENT_PAYMENT_REQUEST",
        "miss-order-receipt",
        "Your Example Shop receipt",
        "Thank you for your order #1042.\nPayment received: $42.00 (Visa ending 1234).\n"
        "Your items will ship within 2 business days.\n",
        from_="Example Shop <orders@example.com>",
    )
    lure(
        "CONTENT_PAYMENT_REQUEST",
        "miss-payment-complete-jp",
        "お支払い完了のお知らせ",
        "山田 太郎 様\n\n4月分のご利用料金 3,280円 のお支払いが完了しました。\nご利用ありがとうございます。\n",
        from_="Example Mobile <billing@example.com>",
    )

    lure(
        "CONTENT_PERSONAL_DATA_REQUEST",
        "hit-upload-passport-en",
        "Identity check",
        "To keep your account open, upload a copy of your passport and enter your social security number "
        "at https://kyc.example.net/\n",
    )
    lure(
        "CONTENT_PERSONAL_DATA_REQUEST",
        "hit-menkyo-upload-jp",
        "本人確認書類のご提出",
        "本人確認のため、運転免許証の画像をアップロードし、生年月日を入力してください。\nhttps://kyc.example.net/\n",
    )
    lure(
        "CONTENT_PERSONAL_DATA_REQUEST",
        "miss-order-with-shipping-address",
        "Order #1042 shipped",
        "Your order #1042 has shipped to:\nTaro Yamada\n1-2-3 Example-cho, Chiyoda-ku, Tokyo\n",
        from_="Example Shop <orders@example.com>",
    )
    lure(
        "CONTENT_PERSONAL_DATA_REQUEST",
        "miss-bank-security-footer",
        "Your April statement is ready",
        "Your April statement is ready in online banking.\n\n"
        "Security reminder: Example Bank will never ask for your password, PIN or social security number by "
        "email.\n",
        from_="Example Bank <statements@example.com>",
    )
    lure(
        "CONTENT_PERSONAL_DATA_REQUEST",
        "miss-copy-of-your-ideas",
        "Workshop prep",
        "Hi Taro,\n\nCould you send me a copy of your ideas for the workshop before Friday?\n\nThanks,\nHanako\n",
        from_="Hanako Suzuki <hanako@example.org>",
    )

    lure(
        "CONTENT_ACCOUNT_THREAT",
        "hit-account-suspended-en",
        "Your account has been suspended",
        "Your account has been suspended due to unusual login activity. Failure to verify within 24 hours "
        "will result in permanent closure: https://restore.example.net/\n",
    )
    lure(
        "CONTENT_ACCOUNT_THREAT",
        "hit-riyou-seigen-jp",
        "アカウントの利用制限について",
        "第三者による不正ログインの可能性があるため、アカウントの利用制限をさせていただきました。\n"
        "https://restore.example.net/\n",
    )
    lure(
        "CONTENT_ACCOUNT_THREAT",
        "miss-plan-change-notice",
        "Your plan changes on May 1",
        "Hi Taro,\n\nAs announced, the Starter plan is being retired. On May 1 your workspace moves to the "
        "Free plan; your files and settings stay as they are.\n",
        from_="Example Cloud <noreply@example.com>",
    )
    lure(
        "CONTENT_ACCOUNT_THREAT",
        "miss-requested-account-deletion",
        "Your account has been deleted",
        "Hi Taro,\n\nAs you requested on 20 April, your account has been deleted and your data removed. "
        "We're sorry to see you go.\n",
        from_="Example Cloud <noreply@example.com>",
    )

    lure(
        "CONTENT_DEADLINE",
        "hit-final-notice-24-hours",
        "Final notice",
        "This is your final notice. If you do not respond within 24 hours your mailbox will be closed.\n",
    )
    lure(
        "CONTENT_DEADLINE",
        "hit-honjitsuchu-jp",
        "本日中にご対応ください",
        "本日中にご確認がない場合、ご利用いただけなくなります。速やかにお手続きください。\n",
    )
    lure(
        "CONTENT_DEADLINE",
        "miss-team-lunch-reminder",
        "Team lunch on Friday",
        "Hi all,\n\nReminder: team lunch is on Friday at noon. Please RSVP by Wednesday.\n\nHanako\n",
        from_="Hanako Suzuki <hanako@example.org>",
    )
    lure(
        "CONTENT_DEADLINE",
        "miss-conference-registration-jp",
        "年次カンファレンス参加申込のご案内",
        "年次カンファレンスの参加申込を受け付けています。\n申込締切は5月31日です。\n",
        from_="Example Conference <info@example.com>",
    )

    lure(
        "CONTENT_PRIZE_LURE",
        "hit-you-have-won",
        "Congratulations!",
        "Congratulations, you have been selected as our lucky winner! Claim your prize: https://win.example.net/\n",
    )
    lure(
        "CONTENT_PRIZE_LURE",
        "hit-tousen-jp",
        "当選のお知らせ",
        "おめでとうございます！抽選の結果、あなたが選ばれました。豪華賞品を受け取るにはこちら: https://win.example.net/\n",
    )
    lure(
        "CONTENT_PRIZE_LURE",
        "miss-order-points-earned",
        "Thanks for your order",
        "Thanks for your order #1042. You earned 32 points with this purchase; your balance is 410 points.\n",
        from_="Example Shop <orders@example.com>",
    )

    lure(
        "CONTENT_REFUND_TAX_LURE",
        "hit-tax-refund-en",
        "Tax refund notification",
        "After the annual calculation of your fiscal activity you are eligible for a tax refund of $412.60. "
        "Claim your refund: https://refund.example.net/\n",
    )
    lure(
        "CONTENT_REFUND_TAX_LURE",
        "hit-kanpukin-jp",
        "還付金のお知らせ",
        "還付金があります。還付手続きを本日中に行ってください。\nhttps://refund.example.net/\n",
    )
    lure(
        "CONTENT_REFUND_TAX_LURE",
        "miss-returned-item-refund",
        "We've issued your refund",
        "Hi Taro,\n\nWe received the item you returned. A refund of $24.99 has been issued to your original "
        "payment method and should appear within 5 business days.\n",
        from_="Example Shop <orders@example.com>",
    )
    lure(
        "CONTENT_REFUND_TAX_LURE",
        "miss-henpin-henkin-jp",
        "返品・返金手続き完了のお知らせ",
        "山田 太郎 様\n\n返品された商品を受領しました。ご返金 1,980円 の手続きが完了しました。\n",
        from_="Example Shop <orders@example.com>",
    )

    lure(
        "CONTENT_PARCEL_LURE",
        "hit-delivery-failed-fee",
        "Delivery attempt failed",
        "We were unable to deliver your package because the address is incomplete. Pay the small delivery fee "
        "of $1.99 to reschedule your delivery: https://parcel.example.net/\n",
    )
    lure(
        "CONTENT_PARCEL_LURE",
        "hit-fuzai-jp",
        "お荷物お届けのお知らせ",
        "お客様宛にお荷物のお届けにあがりましたが、宛先不明のため持ち帰りました。\n"
        "再配達のお手続きはこちら: https://redelivery.example.net/\n",
    )
    lure(
        "CONTENT_PARCEL_LURE",
        "miss-order-shipped",
        "Your order has shipped",
        "Good news: your order #1042 has shipped and should arrive on Thursday.\n"
        "Track it here: https://shop.example.com/track/1042\n",
        from_="Example Shop <orders@example.com>",
    )
    lure(
        "CONTENT_PARCEL_LURE",
        "miss-hassou-jp",
        "商品発送のお知らせ",
        "山田 太郎 様\n\nご注文の商品を本日発送いたしました。\nお届け予定日: 4月24日\n"
        "お問い合わせ番号: 1234-5678-9012\n",
        from_="Example Shop <orders@example.com>",
    )

    lure(
        "CONTENT_SECURITIES_LURE",
        "hit-torihiki-seigen-jp",
        "【重要】お取引制限のお知らせ",
        "お客様の証券口座において第三者による不正な取引が確認されたため、取引制限を行っております。\n"
        "取引再開には本人確認の再設定が必要です。\nhttps://sec-check.example.net/\n",
    )
    lure(
        "CONTENT_SECURITIES_LURE",
        "hit-trading-restricted-en",
        "Trading restrictions on your account",
        "Unauthorized trades were detected in your brokerage account and trading has been restricted. Reset "
        "your trading password: https://sec-check.example.net/\n",
    )
    lure(
        "CONTENT_SECURITIES_LURE",
        "miss-nisa-newsletter-jp",
        "新NISAのつみたて投資枠について",
        "今月のコラムでは、新NISAのつみたて投資枠の使い方をご紹介します。\nhttps://www.example.jp/column/nisa\n",
        from_="Example Securities <news@example.jp>",
    )
    lure(
        "CONTENT_SECURITIES_LURE",
        "miss-monthly-statement-en",
        "Your April statement",
        "Your monthly statement for the account ending 4321 is now available on our website.\n",
        from_="Example Securities <statements@example.com>",
    )

    lure(
        "CONTENT_ADVANCE_FEE",
        "hit-inheritance-en",
        "Confidential business proposal",
        "With due respect, I am a barrister. My late client died intestate leaving 12.5 million USD. I want to "
        "present you as the next of kin so the funds can be released to you.\n",
    )
    lure(
        "CONTENT_ADVANCE_FEE",
        "hit-isan-souzoku-jp",
        "ビジネス提案",
        "私は弁護士です。亡くなった依頼人の遺産相続について、あなたを相続人として1500万ドルの資金を送金したいと考えています。\n",
    )
    lure(
        "CONTENT_ADVANCE_FEE",
        "miss-company-newsletter",
        "Example Inc. April update",
        "This month we opened our Osaka office and welcomed twelve new colleagues. Read more on our blog.\n",
        from_="Example Inc. <news@example.com>",
    )
    lure(
        "CONTENT_ADVANCE_FEE",
        "miss-invoice-bank-details-beneficiary",
        "Invoice 2025-0412",
        "Dear Taro,\n\nPlease find invoice 2025-0412 (JPY 180,000) for the April consulting work.\n\n"
        "Bank details for payment:\nBank: Example Bank, Tokyo Branch\nBeneficiary: Example Consulting K.K.\n"
        "Account: 1234567\n\nBest regards,\nHanako Suzuki\n",
        from_="Hanako Suzuki <hanako@example.org>",
    )

    lure(
        "CONTENT_CRYPTO_INVEST",
        "hit-guaranteed-profit",
        "Make money online",
        "Our AI trading bot delivers guaranteed returns. Earn $500 per day from home: https://invest.example.net/\n",
    )
    lure(
        "CONTENT_CRYPTO_INVEST",
        "hit-moukaru-jp",
        "誰でも稼げる投資案件",
        "元本保証で必ず儲かる投資案件をご紹介します。スマホで稼げる方法はこちら: https://invest.example.net/\n",
    )
    lure(
        "CONTENT_CRYPTO_INVEST",
        "miss-news-bitcoin-price",
        "Morning briefing",
        "Markets: the Nikkei rose 0.8%, bitcoin fell 3% and the yen was little changed against the dollar.\n",
        from_="Example News <briefing@example.com>",
    )

    lure(
        "CONTENT_CASINO",
        "hit-free-spins",
        "100 free spins for you",
        "Sign up at our online casino today: 100 free spins and a welcome bonus, no deposit required.\n",
    )
    lure(
        "CONTENT_CASINO",
        "hit-online-casino-jp",
        "入金不要ボーナス",
        "オンラインカジノで入金不要ボーナス配布中！フリースピン50回プレゼント。\n",
    )
    lure(
        "CONTENT_CASINO",
        "miss-conference-hotel-las-vegas",
        "Hotel information for the Las Vegas conference",
        "Your room at the conference hotel in Las Vegas is booked from 12 to 15 May. Check-in is from 3 pm.\n",
        from_="Example Conference <travel@example.com>",
    )
    lure(
        "CONTENT_CASINO",
        "miss-software-free-beta",
        "Example Notes 3.0 is in public beta",
        "Example Notes 3.0 is here as a free beta for all users. Join the free beta and tell us what you think.\n",
        from_="Example Notes <news@example.com>",
    )

    lure(
        "CONTENT_CALLBACK_SCAM",
        "hit-renewal-invoice-gmail",
        "Invoice AX-2291: subscription renewal",
        "Your yearly subscription to Norton 360 has been successfully renewed. USD 399.99 will be charged to your "
        "account within 24 hours.\nIf you did not authorize this, call our billing department at "
        "+1 – (808) - (555) - (0199).\n",
        from_="Billing Department <billing.dept2291@gmail.com>",
    )
    lure(
        "CONTENT_CALLBACK_SCAM",
        "hit-jidoukoushin-yahoo-jp",
        "【自動更新のお知らせ】",
        "ご利用中のセキュリティソフトが自動更新されました。料金 49,800 円が請求されます。\n"
        "お心当たりがない場合はお電話ください: 050-1234-5678\n",
        from_="サポートセンター <support.center88@yahoo.co.jp>",
    )
    lure(
        "CONTENT_CALLBACK_SCAM",
        "miss-renewal-from-company-domain",
        "Your Example Cloud plan was renewed",
        "Your Example Cloud plan has been successfully renewed. USD 120.00 has been charged to your card.\n"
        "Questions? Call our billing department at +1 (808) 555-0100.\n",
        from_="Example Cloud Billing <billing@example-cloud.com>",
    )
    lure(
        "CONTENT_CALLBACK_SCAM",
        "miss-friend-gives-number",
        "Party on Saturday",
        "Hi! The party starts at 7. If you get lost, call me at 090-1234-5678.\n",
        from_="Hanako <hanako.suzuki1990@gmail.com>",
    )

    lure(
        "CONTENT_CALLBACK_SCAM",
        "miss-date-and-time-are-no-number",
        "Dinner plans",
        "The table is booked for 2024-12-14 18:00. Order confirmed with the restaurant.\n",
        from_="Hanako <hanako.suzuki1990@gmail.com>",
    )
    add(
        "CONTENT_CALLBACK_SCAM",
        "miss-forwarded-receipt-in-a-thread",
        from_="Taro Yamada <taro.yamada1985@gmail.com>",
        subject="Re: the new sofa",
        headers=[("In-Reply-To", "<sofa-1@example.org>"), ("References", "<sofa-1@example.org>")],
        text="Here is the receipt: order confirmed, amount charged $899. The shop's number is "
        "+1 (808) 555-0100 if the delivery is late.\n",
    )

    lure(
        "CONTENT_CALLBACK_SCAM",
        "miss-small-business-receipt",
        "Invoice receipt",
        "Hi Bob,\nThanks for your business. Amount charged: $180.00 to your card ending 4411.\n"
        "If anything leaks again, call us at 555-201-7788.\n",
        from_="Joe's Plumbing <joesplumbing@yahoo.com>",
    )
    lure(
        "CONTENT_EXTORTION",
        "hit-sextortion-en",
        "I know your password",
        "I am a hacker and I hacked your device. I recorded a video of you. Send bitcoin to my bitcoin address "
        "within 48 hours or I will send the video to all your contacts.\n",
    )
    lure(
        "CONTENT_EXTORTION",
        "hit-sextortion-jp",
        "あなたのデバイスをハッキングしました",
        "私はハッカーです。あなたのデバイスにアクセスし、ウェブカメラで動画を撮影しました。"
        "ビットコインで支払わなければ、動画を連絡先全員に送ります。\n",
    )
    lure(
        "CONTENT_EXTORTION",
        "miss-family-photo-album",
        "Photos from the weekend",
        "Hi Taro,\n\nI uploaded the photos from the weekend to our shared album. The kids loved the zoo!\n",
        from_="Hanako Suzuki <hanako@example.org>",
    )
    lure(
        "CONTENT_EXTORTION",
        "miss-friends-and-family-sale",
        "Friends and Family Sale: 20% off everything",
        "Our Friends and Family Sale starts today: 20% off everything until Sunday. "
        "Share the code FAMILY20 with friends and family.\n",
        from_="Example Shop <news@example.com>",
    )

    lure(
        "CONTENT_INVOICE_LURE",
        "hit-shared-document-en",
        "Hanako has shared a document with you",
        "Hanako has shared a document with you. View document: https://share.example.net/d/8812\n",
    )
    lure(
        "CONTENT_INVOICE_LURE",
        "hit-seikyusho-jp",
        "請求書のご確認",
        "添付の請求書のご確認をお願いします。ファイルが共有されました: https://share.example.net/d/8812\n",
    )
    lure(
        "CONTENT_INVOICE_LURE",
        "miss-order-confirmation",
        "Thanks for your order",
        "Thanks for your order #1042. Your receipt is below.\nNotebook x3: $12.00\nTotal: $12.00\n",
        from_="Example Shop <orders@example.com>",
    )

    lure(
        "CONTENT_MAILBOX_LURE",
        "hit-mailbox-full-en",
        "Your mailbox is full",
        "Your mailbox is full and 14 pending incoming messages are held. Release your messages: "
        "https://mail-quota.example.net/\n",
    )
    lure(
        "CONTENT_MAILBOX_LURE",
        "hit-mailbox-capacity-jp",
        "メールボックス容量のお知らせ",
        "メールボックスの容量が上限に達したため、受信メールが保留されています。\nhttps://mail-quota.example.net/\n",
    )
    lure(
        "CONTENT_MAILBOX_LURE",
        "miss-vpn-maintenance-notice",
        "VPN maintenance on Saturday",
        "The VPN will be unavailable on Saturday from 22:00 to 23:00 for scheduled maintenance.\n",
        from_="IT Department <it@example.jp>",
    )

    lure(
        "CONTENT_ADULT_SPAM",
        "hit-singles-en",
        "Lonely tonight?",
        "Hot girls in your area want to meet you. Local singles are waiting: https://date.example.net/\n",
    )
    lure(
        "CONTENT_ADULT_SPAM",
        "hit-deaikei-jp",
        "今夜会えませんか",
        "近所の人妻があなたとの出会いを待っています。出会い系で即会いOK！\n",
    )
    lure(
        "CONTENT_ADULT_SPAM",
        "miss-wedding-invitation",
        "Wedding invitation",
        "Dear Taro,\n\nWe are getting married on 14 June and would love you to join us. RSVP by 15 May.\n",
        from_="Hanako Suzuki <hanako@example.org>",
    )

    lure(
        "CONTENT_PHARMA_SPAM",
        "hit-pills-no-prescription",
        "Cheap meds",
        "Buy viagra and cialis online without prescription. Online pharmacy, discreet shipping.\n",
    )
    lure(
        "CONTENT_PHARMA_SPAM",
        "hit-ed-chiryou-jp",
        "処方箋不要",
        "バイアグラ・シアリスが処方箋不要で購入できます。精力剤も多数。\n",
    )
    lure(
        "CONTENT_PHARMA_SPAM",
        "miss-prescription-ready",
        "Your prescription is ready",
        "Hi Taro, your prescription is ready for pickup at Example Pharmacy, Chiyoda branch.\n",
        from_="Example Pharmacy <info@example.com>",
    )

    lure(
        "CONTENT_MARKETING_SPAM",
        "hit-limited-time-offer",
        "Limited time offer",
        "Limited time offer! Act now and get 100% free shipping. Risk-free, once in a lifetime.\n",
    )
    lure(
        "CONTENT_MARKETING_SPAM",
        "hit-kanzen-muryou-jp",
        "完全無料キャンペーン",
        "今だけ無料！完全無料・ノーリスクで始められます。知らないと損！\n",
    )
    lure(
        "CONTENT_GENERIC_GREETING",
        "hit-dear-customer",
        "Account notice",
        "Dear Customer,\n\nWe have updated our terms of service. Please review them at your convenience.\n",
    )
    lure(
        "CONTENT_GENERIC_GREETING",
        "hit-prezado-cliente",
        "Aviso importante",
        "Prezado cliente,\n\nSeu cadastro foi atualizado com sucesso.\n",
    )
    lure(
        "CONTENT_GENERIC_GREETING",
        "miss-named-greeting",
        "Your order",
        "Dear Taro Yamada,\n\nthank you for your order 1234. It ships on Friday.\n",
        from_="Example Shop <orders@example.com>",
    )
    lure(
        "CONTENT_MARKETING_SPAM",
        "miss-regular-newsletter",
        "April newsletter",
        "This month: new notebooks, a store opening in Osaka and our spring reading list.\n",
        from_="Example Shop <news@example.com>",
    )

    salad = " ".join(
        ["account", "weather", "garden", "river", "history", "paper", "window", "music", "orange", "station"] * 8
    )
    add(
        "CONTENT_HIDDEN_TEXT",
        "hit-hidden-word-salad",
        from_="Notice <notice@example.net>",
        subject="Invoice",
        html=page(f"<p>View your invoice below.</p><div style='display:none'>{salad}</div>"),
    )
    add(
        "CONTENT_HIDDEN_TEXT",
        "miss-newsletter-preheader",
        from_="Example Shop <news@example.com>",
        subject="Spring sale",
        html=page(
            "<div style='display:none;max-height:0;overflow:hidden'>Up to 30% off notebooks this week.</div>"
            "<h1>Spring sale</h1><p>Up to 30% off notebooks, pens and planners this week only. "
            "Visit our store or shop online.</p>"
        ),
    )

    add(
        "CONTENT_INVISIBLE_CHARS",
        "hit-zero-width-subject",
        from_="Security <security@example.net>",
        subject="Pay\u200bPal ac\u200bcount al\u200bert",
        text="Review your account: https://review.example.net/\n",
    )
    add(
        "CONTENT_INVISIBLE_CHARS",
        "hit-bidi-override-body",
        from_="Billing <billing@example.net>",
        subject="請求書",
        text="請求書をご確認ください: \u202einvoice\u202c https://billing.example.net/\n",
    )
    add(
        "CONTENT_INVISIBLE_CHARS",
        "miss-plain-japanese-text",
        from_="鈴木 花子 <hanako@example.jp>",
        subject="来週の打ち合わせ",
        text="山田さん\n\n来週の打ち合わせは　火曜日　10時からでお願いします。\n\n鈴木\n",
    )
    add(
        "CONTENT_INVISIBLE_CHARS",
        "miss-emoji-zwj-subject",
        from_="Example Academy <news@example.com>",
        subject="👩\u200d💻 New course: Python for data analysis",
        text="Our new course starts on 1 June. Enrol at https://academy.example.com/python\n",
    )

    add(
        "CONTENT_HTML_FORM",
        "hit-login-form-in-body",
        from_="Mail Administrator <admin@example.net>",
        subject="Mailbox verification",
        html=page(
            "<p>Verify your mailbox below.</p>"
            '<form action="https://collect.example.net/p.php" method="post">'
            '<input name="email"><input type="password" name="pw"><button>Verify</button></form>'
        ),
    )
    add(
        "CONTENT_HTML_FORM",
        "miss-newsletter-button-link",
        from_="Example Shop <news@example.com>",
        subject="How did we do?",
        html=page(
            "<p>Thanks for your order. How did we do?</p>"
            '<p><a href="https://shop.example.com/review/1042" style="padding:8px;background:#06c;color:#fff">'
            "Rate your order</a></p>"
        ),
    )

    add(
        "CONTENT_CHINESE_GLYPHS",
        "hit-simplified-chinese-in-japanese",
        from_="アマゾン <info@example.net>",
        subject="【重要】お客様の账户认证のお願い",
        text="お客様の账户に异常なログインがありました。24時間以内に以下から认证してください。\n"
        "https://account-verify.example.net/\n",
    )
    add(
        "CONTENT_CHINESE_GLYPHS",
        "miss-rare-kanji-in-names",
        from_="髙橋 剝太郎 <takahashi@example.jp>",
        subject="打ち合わせの件",
        text="山﨑様\n\nお世話になっております。髙橋です。来週の打ち合わせは頰白会議室で行います。\n"
        "よろしくお願いいたします。\n",
    )
    add(
        "CONTENT_CHINESE_GLYPHS",
        "miss-chinese-place-names-in-a-tour-notice",
        from_="ＡＢＣトラベル <tour@abc-travel.example.jp>",
        subject="上海ツアーのご案内",
        text="ご予約ありがとうございます。集合場所は上海浦东国际机场、宿泊は锦江饭店です。\n"
        "詳細は添付の旅程表をご確認ください。\n",
    )
    add(
        "CONTENT_CHINESE_GLYPHS",
        "miss-chinese-mail-without-japanese",
        from_="王伟 <wang@example.cn>",
        subject="会议通知",
        text="您好，请查收附件中的会议通知。谢谢。\n",
    )
    add(
        "CONTENT_MIXED_SCRIPT",
        "hit-cyrillic-letter-in-brand",
        from_="Security <security@example.net>",
        subject="Your Pаypal account",
        text="Your Pаypal account needs attention: https://review.example.net/\n",
    )
    add(
        "CONTENT_MIXED_SCRIPT",
        "hit-overlay-marks",
        from_="Notice <notice@example.net>",
        subject="Fa̷tura pendente",
        text="Sua fa̷tura está disponível: https://billing.example.net/\n",
    )
    add(
        "CONTENT_MIXED_SCRIPT",
        "miss-russian-colleague",
        from_="Ivan Petrov <ivan@example.org>",
        subject="Отчёт за апрель",
        text="Привет, Taro!\n\nОтчёт за апрель готов. Report for April is ready.\n\nИван\n",
    )
    add(
        "CONTENT_MIXED_SCRIPT",
        "miss-radiation-microsievert-jp",
        from_="環境測定室 <kankyo@example.jp>",
        subject="4月の空間線量率測定結果",
        text="4月の空間線量率の測定結果をお知らせします。\n最大値は0.05μSv/h、平均値は0.04μSv/hでした。\n",
    )

    add(
        "CONTENT_ADDRESS_AS_NAME",
        "hit-greeting-with-address",
        from_="Mail Administrator <admin@example.net>",
        subject="Mailbox notice",
        text="Dear taro@example.jp,\n\nYour mailbox will be deactivated today.\n",
    )
    add(
        "SUBJECT_RECIPIENT_ADDRESS",
        "hit-subject-with-address",
        from_="Mail Administrator <admin@example.net>",
        subject="taro@example.jp: 3 incoming messages are pending",
        text="Release the messages: https://mail-quota.example.net/\n",
    )
    add(
        "CONTENT_ADDRESS_AS_NAME",
        "miss-address-also-in-subject",
        from_="Mail Administrator <admin@example.net>",
        subject="taro@example.jp: mailbox notice",
        text="Dear taro@example.jp,\n\nYour mailbox will be deactivated today.\n",
    )
    add(
        "CONTENT_ADDRESS_AS_NAME",
        "miss-reply-quote-header-en",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Re: Friday",
        text="Sounds good.\n\nOn Tue, 22 Apr 2025, Taro <taro@example.jp> wrote:\n> Lunch on Friday?\n",
    )
    add(
        "CONTENT_ADDRESS_AS_NAME",
        "miss-gmail-ja-reply-quote-header",
        from_="鈴木 花子 <hanako@example.org>",
        subject="Re: 金曜日",
        text="承知しました。\n\n2025年4月22日(火) 9:12 山田太郎 <taro@example.jp>:\n> 金曜日のランチどうですか？\n",
    )

    add(
        "CONTENT_FORM_INJECTION",
        "hit-wordpress-username-ad",
        from_="Example Crafts <wordpress@crafts.example.org>",
        subject="[Example Crafts] Login Details",
        text="Username: www.qwxyz.blogspot.com - 1.3497 BTC\n\n"
        "To set your password, visit the following address:\n"
        "https://crafts.example.org/wp-login.php?action=rp&key=abc123\n",
    )
    add(
        "CONTENT_FORM_INJECTION",
        "hit-greeting-money-and-link",
        from_="Example Phone <noreply@phone.example.com>",
        subject="Confirm your Example Phone account",
        text="Hi ✅ +$4,811 ➡️ ok.example.me/rCQE1,\nOne last step to confirm your account! "
        "Your verification code: j28-qmx\n",
    )
    add(
        "CONTENT_FORM_INJECTION",
        "miss-greeting-with-name-then-amount",
        from_="Example Bank <notice@bank.example.com>",
        subject="Your statement is ready",
        text="Hi Taro,\nyour balance is 4,811 USD. See it at https://bank.example.com/statement\n",
    )
    for slug, text in (
        ("miss-name-then-credit", "Hi John, +$50.00 credited to your wallet today.\n"),
        ("miss-de-name-then-discount", "Hallo Anna, 10 € Rabatt auf Ihre nächste Bestellung.\n"),
        ("miss-hi-all-teams-link", "Hi all, https://teams.example.com/l/meetup-join/abc\nSee you there.\n"),
        ("miss-hello-team-sharepoint", "Hello team, https://example.sharepoint.com/sites/x\n"),
        ("miss-dear-link", "Dear https://shop.example.com customer,\nthanks for your order.\n"),
    ):
        add(
            "CONTENT_FORM_INJECTION",
            slug,
            from_="Example Shop <news@shop.example.com>",
            subject="Hello",
            text=text,
        )
    add(
        "CONTENT_FORM_INJECTION",
        "miss-username-is-a-name",
        from_="Example Crafts <wordpress@crafts.example.org>",
        subject="[Example Crafts] Login Details",
        text="Username: taro_yamada\n\nTo set your password, visit the following address:\n"
        "https://crafts.example.org/wp-login.php?action=rp&key=abc123\n",
    )

    add(
        "CONTENT_STYLED_LETTERS",
        "hit-math-bold-subject",
        from_="Photo Share <share@example.net>",
        subject="𝐘𝐎𝐔𝐑 𝐏𝐇𝐎𝐓𝐎𝐒 are ready",
        text="See your photos: https://photos.example.org/\n",
    )
    add(
        "CONTENT_STYLED_LETTERS",
        "hit-circled-letters-name",
        from_="Ⓐⓜⓐⓩⓞⓝ <deals@example.net>",
        subject="Today's deals",
        text="Today's deals: https://deals.example.org/\n",
    )
    add(
        "CONTENT_STYLED_LETTERS",
        "miss-circled-digits-jp",
        from_="人事部 <jinji@example.jp>",
        subject="説明会のご案内（①4/25 ②5/9 ③5/23）",
        text="社内説明会を3回開催します。ご都合のよい回にご参加ください。\n",
    )
    add(
        "CONTENT_STYLED_LETTERS",
        "miss-plain-english-subject",
        from_="Example Shop <news@example.com>",
        subject="YOUR PHOTOS ARE READY",
        text="Your prints are ready for pickup.\n",
    )

    add(
        "CONTENT_TEMPLATE_PLACEHOLDER",
        "hit-unfilled-firstname",
        from_="Rewards <rewards@example.net>",
        subject="%FIRSTNAME%, your reward is waiting",
        text="Hi %FIRSTNAME%,\n\nYour reward is waiting: https://reward.example.org/\n",
    )
    add(
        "CONTENT_TEMPLATE_PLACEHOLDER",
        "hit-unfilled-username-bracket",
        from_="Mail Administrator <admin@example.net>",
        subject="Mailbox notice",
        text="Dear [username],\n\nYour mailbox will be closed today. Keep it: https://mail-keep.example.org/\n",
    )
    add(
        "CONTENT_TEMPLATE_PLACEHOLDER",
        "miss-personalised-newsletter",
        from_="Example Shop <news@example.com>",
        subject="Taro, your spring picks",
        text="Hi Taro,\n\nBased on your last order, we picked these notebooks for you: https://shop.example.com/picks\n",
    )
    add(
        "CONTENT_TEMPLATE_PLACEHOLDER",
        "miss-colleague-shares-letter-template",
        from_="Hanako Suzuki <hanako@example.org>",
        subject="Draft customer letter",
        text="Taro, here is the draft for the renewal letter. Could you check the wording?\n\n"
        "---\nDear [Name],\n\nThank you for being a customer. Your contract renews on 1 June.\n---\n\nHanako\n",
    )

    add(
        "CONTENT_IMAGE_ONLY",
        "hit-single-linked-banner",
        from_="Deals <deals@example.net>",
        subject="Special offer",
        html=page(
            '<a href="https://promo.example.net/c?id=88"><img src="https://promo.example.net/banner.jpg" '
            'width="600" alt=""></a>'
        ),
    )
    add(
        "CONTENT_IMAGE_ONLY",
        "miss-newsletter-with-text",
        from_="Example Shop <news@example.com>",
        subject="Spring sale",
        html=page(
            '<a href="https://shop.example.com/spring"><img src="https://shop.example.com/img/spring.jpg" '
            'width="600" alt="Spring sale"></a><p>Our spring sale runs until Sunday: up to 30% off notebooks, '
            "pens and planners, in store and online.</p>"
        ),
    )


def chinese_charset_mail(name: str, from_name: str, address: str, subject: str, text: str, charset: str) -> bytes:
    """A mail whose From name, Subject and text are encoded in `charset` (Python's codec name)."""

    def word(value: str) -> str:
        return f"=?{charset.upper()}?B?{base64.b64encode(value.encode(charset)).decode()}?="

    body = base64.encodebytes(text.encode(charset)).decode()
    return (
        f"From: {word(from_name)} <{address}>\nTo: {TO}\nSubject: {word(subject)}\nDate: {DATE}\n"
        f"Message-ID: <{name}@samples.mailautopsy.example>\nMIME-Version: 1.0\n"
        f'Content-Type: text/plain; charset="{charset.upper()}"\nContent-Transfer-Encoding: base64\n\n{body}'
    ).encode()


def charset_samples() -> None:
    rule_id = "CONTENT_JA_CHINESE_CHARSET"
    # A Japanese bank's notice in GB2312/GBK, as the kits write it (blog.tmtms.net, 2016: a Resona lure).
    SAMPLES[(rule_id, "hit-japanese-bank-notice-in-gbk")] = chinese_charset_mail(
        "hit-japanese-bank-notice-in-gbk",
        "りそな銀行",
        "mp@resona-notice.example.com",
        "【りそな銀行】本人認証サービスのお知らせ",
        "いつもりそな銀行をご利用いただきありがとうございます。\n本人認証サービスの再登録をお願いします。\n",
        "gbk",
    )
    # Chinese text with a single の as a flourish, and a Japanese mail in ISO-2022-JP: no finding.
    SAMPLES[(rule_id, "miss-chinese-shop-with-one-kana")] = chinese_charset_mail(
        "miss-chinese-shop-with-one-kana",
        "我的の小店",
        "shop@xiaodian.example.cn",
        "本周新品上架",
        "欢迎光临我的の小店，本周新品已经上架。\n",
        "gbk",
    )
    add(
        rule_id,
        "miss-japanese-notice-in-iso-2022-jp",
        from_="みなと信用金庫 <info@minato-shinkin.example.jp>",
        subject="【みなと信用金庫】窓口営業時間変更のお知らせ",
        text="4月から窓口の営業時間を変更いたします。詳しくは当金庫のホームページをご覧ください。\n",
    )


# --------------------------------------------------------------------------- analysis
def nested(levels: int, text: str, subject: str) -> bytes:
    """A message whose text part sits `levels` multipart/mixed containers deep."""
    head = (
        f"From: Example Support <support@example.com>\nTo: {TO}\nSubject: {subject}\nDate: {DATE}\n"
        f"Message-ID: <nested-{levels}@samples.mailautopsy.example>\nMIME-Version: 1.0\n"
    )
    body = f"Content-Type: text/plain; charset=utf-8\n\n{text}\n"
    for level in reversed(range(levels)):
        boundary = f"==nest-{level}=="
        body = f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n--{boundary}\n{body}--{boundary}--\n'
    return (head + body).encode()


MAX_PARTS = 500  # Limits.max_parts


def analysis_samples() -> None:
    # Past Limits.max_depth (20) the parts are skipped: what they say was never read.
    SAMPLES[("ANALYSIS_INCOMPLETE", "hit-nested-beyond-depth-limit")] = nested(
        24, "Your account is locked. Sign in at https://login.example.net/verify to unlock it.", "Account notice"
    )
    many = "".join(f"--==many==\nContent-Type: text/plain; charset=utf-8\n\npart {i}\n" for i in range(MAX_PARTS + 5))
    SAMPLES[("ANALYSIS_INCOMPLETE", "hit-parts-beyond-count-limit")] = (
        f"From: Example Support <support@example.com>\nTo: {TO}\nSubject: Documents\nDate: {DATE}\n"
        "Message-ID: <many-parts@samples.mailautopsy.example>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="==many=="\n\n' + many + "--==many==--\n"
    ).encode()
    # Nesting within the limit is read whole.
    SAMPLES[("ANALYSIS_INCOMPLETE", "miss-nested-within-depth-limit")] = nested(
        6, "Minutes of Tuesday's meeting are attached to the team page.", "Meeting minutes"
    )
    add(
        "ANALYSIS_INCOMPLETE",
        "miss-plain-note",
        from_="Hanako Suzuki <hanako@example.jp>",
        subject="Lunch on Friday?",
        text="Shall we have lunch on Friday at noon?\n",
    )


# --------------------------------------------------------------------------- claims (issue 14)
def claim_samples() -> None:
    """Japanese read as words, the brand a mail speaks for, claims it cannot prove."""
    no_auth_trace = [("Received", received("mta.example.net", "203.0.113.44"))]
    card_pass = [
        ar(
            "spf=pass smtp.mailfrom=info@mail.rakuten-card.co.jp; dkim=pass header.d=rakuten-card.co.jp; "
            "dmarc=pass header.from=rakuten-card.co.jp"
        ),
        ("Received", received("mail.rakuten-card.co.jp", "203.0.113.45")),
    ]
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-official-domain-spam-stamp-no-auth",
        trace=no_auth_trace,
        from_="楽天カード <info@mail.rakuten-card.co.jp>",
        subject="[spam] 【楽天カード】お支払い方法を確認できませんでした",
        text="お客様のお支払い方法を確認できませんでした。\n本日中に下記よりご登録内容を更新してください。\n"
        "https://rakuten-card-pay.example/update\n",
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-official-domain-plain-notice-no-auth",
        trace=no_auth_trace,
        from_="三井住友カード <statement@smbc-card.com>",
        subject="ご利用明細のお知らせ",
        text="今月のご利用明細をVpassでご確認いただけます。\nhttps://www.smbc-card.com/mem/index.jsp\n",
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-helo-names-brand-from-unnamed-address",
        trace=[("Received", received("my.jcb.co.jp", "203.0.113.46", rdns="unknown"))],
        from_="MyJCB <support@my.jcb.co.jp>",
        subject="カードご利用内容の確認のお願い",
        text="お客様のカードについて、第三者による利用が疑われる取引を確認しました。\n"
        "下記の確認ページよりご回答ください。\nhttps://myjcb-check.example/confirm\n",
    )
    payment = (
        "楽天会員様\n\nご登録のお支払い方法がご利用いただけない状態です。\n"
        "3日以内にお支払い情報を更新いただけない場合、ご注文は取り消されます。\n"
        "更新はこのメールへの返信でお手続きください。\n"
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-official-domain-delivered-unsigned-payment-request",
        trace=no_auth_trace,
        from_="楽天市場 <no-reply@rakuten.co.jp>",
        subject="【楽天市場】お支払い情報をご確認ください",
        text=payment,
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-official-domain-delivered-signed-payment-request",
        trace=[
            *no_auth_trace,
            (
                "DKIM-Signature",
                "v=1; a=rsa-sha256; c=relaxed/relaxed; d=rakuten.co.jp; s=s2024; h=from:to:subject:date; "
                "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==",
            ),
        ],
        from_="楽天市場 <no-reply@rakuten.co.jp>",
        subject="【楽天市場】お支払い情報をご確認ください",
        text=payment,
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "miss-official-domain-recorded-pass",
        trace=card_pass,
        from_="楽天カード <info@mail.rakuten-card.co.jp>",
        subject="【楽天カード】ご利用明細のお知らせ",
        text="今月のご利用明細を楽天e-NAVIでご確認いただけます。\nhttps://www.rakuten-card.co.jp/e-navi/\n",
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-official-domain-payment-request-retyped",
        from_="楽天 <no-reply@rakuten.co.jp>",
        subject="お支払い方法の確認ができませんでした",
        text="いつも楽天をご利用いただきありがとうございます。\nご登録のクレジットカードで決済できませんでした。\n"
        "お支払い情報を更新してください。\n",
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-official-domain-brand-named-tracker-no-request",
        from_="楽天市場 <info@rakuten.co.jp>",
        subject="今週のおすすめ商品",
        text="今週のおすすめ商品をご紹介します。\nhttps://click.rakutenmail-news.example/c/8842\n",
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "miss-colleague-no-auth",
        trace=no_auth_trace,
        from_="鈴木 花子 <hanako@example.jp>",
        subject="楽天カードの明細の件",
        text="山田さん\n\n出張費の楽天カード明細、共有フォルダに置きました。\n\n鈴木\n",
    )

    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "hit-mailbox-provider-names-itself-no-auth",
        trace=no_auth_trace,
        from_="ドコモ <info@docomo.ne.jp>",
        subject="dアカウントのご利用確認のお願い",
        text="お客様のdアカウントに普段と異なるログインがありました。\n下記よりログインしてご本人確認をお願いします。\n",
    )
    add(
        "AUTH_UNVERIFIED_BRAND_DOMAIN",
        "miss-mailbox-provider-customer-no-auth",
        trace=no_auth_trace,
        from_="田中 太郎 <taro.tanaka@docomo.ne.jp>",
        subject="ドコモショップの予約の件",
        text="花子さん\n\n土曜日のドコモショップの予約、10時で取れました。\n\n太郎\n",
    )

    charset_samples()

    add(
        "SENDER_UNKNOWN_ORG_MISFIT",
        "hit-unknown-bank-bracket-freemail",
        from_="さくら山銀行 <sakurayama.info@gmail.com>",
        subject="【さくら山銀行】お取引を一時的に制限しました",
        text="不審なお取引を検知したため、お取引を一時的に制限しました。\n"
        "下記よりご本人確認をお願いします。\nhttps://sakurayama-login.example.net/verify\n",
    )
    add(
        "SENDER_UNKNOWN_ORG_MISFIT",
        "hit-unknown-bank-square-bracket",
        from_="Security Team <alerts@mailer.example.org>",
        subject="[Northfield Bank] Unusual sign-in detected",
        text="We detected an unusual sign-in. Verify your account: https://secure-login.example.com/verify\n",
    )
    add(
        "SENDER_UNKNOWN_ORG_MISFIT",
        "miss-unknown-bank-own-domain",
        from_="Northfield Bank <statements@northfieldbank.example>",
        subject="[Northfield Bank] Your April statement is ready",
        text="Your statement is ready in online banking: https://www.northfieldbank.example/statements\n",
    )
    add(
        "SENDER_UNKNOWN_ORG_MISFIT",
        "hit-unknown-water-bureau-bracket",
        from_="水道局 <notice@billing-center.example.com>",
        subject="【みなと市水道局】給水停止のお知らせ",
        text="水道料金のお支払いが確認できておりません。\n24時間以内に下記よりお支払いください。\n"
        "https://suido-pay.example.net/login\n",
    )
    add(
        "SENDER_UNKNOWN_ORG_MISFIT",
        "miss-unknown-water-bureau-own-domain",
        from_="みなと市水道局 <info@suido.minato-city.example.jp>",
        subject="【みなと市水道局】断水のお知らせ",
        text="5月10日 9:00-15:00 に配水管工事のため断水します。\nhttps://suido.minato-city.example.jp/info\n",
    )
    add(
        "SENDER_UNKNOWN_ORG_MISFIT",
        "miss-important-tag-is-no-organisation",
        from_="総務部 <soumu@example.jp>",
        subject="【重要】社内システム停止のお知らせ",
        text="4月26日 9:00-12:00 に社内システムを停止します。\nhttps://intra.example.jp/notice\n",
    )

    # Japanese read as words: the pairs of issue 14 and two of our own.
    add(
        "SUBJECT_BRAND_BRACKET",
        "hit-rakuten-bare-name-bracket",
        from_="会員サービス <notice@example.net>",
        subject="【楽天】お支払い方法の確認のお願い",
        text="お支払い方法を確認できませんでした。\nhttps://rakuten-pay.example.net/update\n",
    )
    add(
        "SUBJECT_BRAND_BRACKET",
        "miss-rakutenteki-ordinary-word",
        from_="週末コラム編集部 <column@example.jp>",
        subject="【楽天的】週末の過ごし方コラム",
        text="今週のコラムは、楽天的に過ごすための小さな工夫です。\nhttps://column.example.jp/2025/04\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-au-glued-to-katakana",
        from_="auサポート <support@example.net>",
        subject="auサポートの緊急連絡",
        text="お客様のau IDに不正なログインがありました。\n下記よりご確認ください。\nhttps://au-id.example.net/login\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-auto-latin-word",
        from_="Auto Support <support@example.net>",
        subject="Auto-renewal settings updated",
        text="Your auto-renewal settings were updated as you asked. Manage them at https://account.example.net/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-aeon-bare-name",
        from_="イオンお客さまセンター <info@example.net>",
        subject="ご登録情報の確認",
        text="ご登録情報の確認が必要です。\nhttps://aeon-member.example.net/login\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-lion-contains-aeon-letters",
        from_="ライオンズクラブ事務局 <office@example.jp>",
        subject="4月例会のご案内",
        text="会員各位\n\n4月例会を下記のとおり開催します。\nhttps://lions.example.jp/meeting\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "hit-nitori-bare-name",
        from_="ニトリ お客様窓口 <shop@example.net>",
        subject="ご注文の配送について",
        text="ご注文の配送先を確認できませんでした。\nhttps://nitori-delivery.example.net/\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-nitrile-gloves-shop",
        from_="ニトリル手袋専門店 <shop@example.jp>",
        subject="ニトリル手袋 入荷のお知らせ",
        text="ご要望の多かったニトリル手袋Mサイズが入荷しました。\nhttps://shop.example.jp/gloves\n",
    )
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-orikon-ranking-newsletter",
        from_="オリコンランキング便り <news@example.jp>",
        subject="今週のオリコン",
        text="今週のランキングをお届けします。\nhttps://news.example.jp/ranking\n",
    )
    # Relays: a carrier's notice sent by a marketplace in the carrier's name.
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-carrier-notice-via-marketplace",
        trace=[
            ar(
                "spf=pass smtp.mailfrom=marketplace.amazon.co.jp; dkim=pass header.d=marketplace.amazon.co.jp; "
                "dmarc=pass header.from=marketplace.amazon.co.jp"
            ),
            ("Received", received("a27-1.smtp-out.amazonses.com", "203.0.113.47")),
        ],
        from_='"ヤマト運輸 (via Amazon Marketplace)" <3k2j4h5g6f@marketplace.amazon.co.jp>',
        subject="お荷物のお届け予定について",
        text="ご注文の商品をヤマト運輸にて発送しました。\nお問い合わせ番号: 1234-5678-9012\n",
    )
    # A user's own Gmail forward of a genuine order confirmation is judged on the original.
    add(
        "SENDER_BRAND_MISMATCH",
        "miss-own-gmail-forward-of-order",
        from_="Taro Yamada <taro.yamada@gmail.com>",
        to="Hanako Yamada <hanako.yamada@example.jp>",
        subject="Fwd: Amazon.co.jp ご注文の確認",
        text="これ、届いたら受け取っておいて。\n\n"
        "---------- Forwarded message ---------\n"
        "From: Amazon.co.jp <auto-confirm@amazon.co.jp>\n"
        "Date: 2025年4月21日(月) 18:02\n"
        "Subject: Amazon.co.jp ご注文の確認\n"
        "To: <taro.yamada@gmail.com>\n\n"
        "山田 太郎 様\nご注文ありがとうございます。お届け予定: 4月24日\n"
        "注文履歴: https://www.amazon.co.jp/gp/css/order-history\n",
    )
    # A brand's name under another TLD is a look-alike unless the knowledge lists it.
    add(
        "SENDER_LOOKALIKE_DOMAIN",
        "hit-brand-name-other-tld",
        from_="楽天カード <info@rakuten-card.net>",
        subject="【楽天カード】ご利用確認のお願い",
        text="カードのご利用確認をお願いします。\nhttps://rakuten-card.net/confirm\n",
    )
    add(
        "LINK_LOOKALIKE_DOMAIN",
        "hit-brand-name-other-tld-link",
        from_="楽天カード <notice@example.net>",
        subject="【楽天カード】ご利用確認のお願い",
        text="カードのご利用確認をお願いします。\nhttps://www.rakuten-card.net/confirm\n",
    )
    add(
        "LINK_LOOKALIKE_DOMAIN",
        "miss-official-domain-link",
        trace=card_pass,
        from_="楽天カード <info@mail.rakuten-card.co.jp>",
        subject="【楽天カード】ご利用明細のお知らせ",
        text="今月のご利用明細: https://www.rakuten-card.co.jp/e-navi/\n",
    )


# --------------------------------------------------------------------------- main
def wrapped_nested(levels: int, raw: bytes) -> bytes:
    """`raw` with its body wrapped in `levels` multipart/mixed parts (fuzz/shapes.py, as the
    fuzzer's nested seed)."""
    return shapes.wrap_nested(raw, levels)


def nesting_samples() -> None:
    name = "hit-link-below-thirty-levels"
    SAMPLES[("CONTENT_EXCESSIVE_NESTING", name)] = wrapped_nested(
        30,
        mail(
            from_="Mail Administrator <admin@example.net>",
            subject="Mailbox notice",
            text="Your mailbox is full. Release your messages: https://mail-quota.example.net/\n",
            msgid=f"<{name}.content_excessive_nesting@samples.mailautopsy.example>",
        ),
    )
    # A reply forwarding a newsletter (an HTML mail with an inline image) as an attachment: the
    # deepest structure ordinary clients write.
    inner = mail(
        from_="News <news@example.org>",
        subject="April newsletter",
        text="April news.\n",
        html=page("<p>April news.</p>"),
        attachments=[("chart.png", png_bytes(4, 4, lambda x, y: (x * 60, y * 60, 0)), "image/png")],
        msgid="<april.newsletter@example.org>",
    )
    add(
        "CONTENT_EXCESSIVE_NESTING",
        "miss-forwarded-newsletter",
        from_="Hanako Sato <hanako@example.jp>",
        subject="Fwd: April newsletter",
        text="Forwarding the newsletter.\n",
        html=page("<p>Forwarding the newsletter.</p>"),
        attachments=[("april.eml", inner, "message/rfc822")],
    )


def build_all() -> dict[tuple[str, str], bytes]:
    SAMPLES.clear()
    subject_samples()
    sender_samples()
    sender_address_samples()
    route_samples()
    auth_samples()
    link_samples()
    attachment_samples()
    content_samples()
    analysis_samples()
    nesting_samples()
    claim_samples()
    return dict(SAMPLES)


def write(out: Path) -> int:
    samples = build_all()
    for old in out.glob("*/*.eml"):
        old.unlink()
    for (rule, name), data in sorted(samples.items()):
        folder = out / rule
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.eml").write_bytes(data)
    for folder in out.iterdir():
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return len(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output directory (default: tests/samples)")
    args = parser.parse_args(argv)
    count = write(args.out)
    print(f"wrote {count} samples under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
