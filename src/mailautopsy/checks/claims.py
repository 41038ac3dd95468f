"""Claims: the brand or organisation a mail speaks for, and what in the mail can back it.

- `speaks_for(ctx)`: the brand the mail speaks for whatever the verdict, found in the display
  name, the subject (【X】, [X], "X:"), the body's signature or footer (© 2025 X,
  "X カスタマーサポート"), link texts (an image's alt text when the image is the link) and
  attachment names; or an organisation the knowledge base does not know, named the way a
  notice names its sender (【〇〇銀行】, [XYZ Bank]).
- AUTH_UNVERIFIED_BRAND_DOMAIN: From at a brand's own domain with nothing recorded by a
  receiving server; a From line can be forged, and only the receiving server can tell.
- SENDER_UNKNOWN_ORG_MISFIT: an organisation unknown to the knowledge base named in the
  subject's sender slot, while the sender's domain and the links do not fit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge import Brand, normalise
from ..model import Evidence, Finding
from ..parse.domains import registrable, within
from ..text import ja
from .base import Context
from .lookalike import lookalike_of
from .registry import rule

# What phishing asks for (a brand's own notices talk parcels and invoices too).
_PHISHING_ASKS = frozenset({"credential", "payment", "personal_data", "account_threat"})


@dataclass(frozen=True, slots=True)
class Claim:
    """Whom a mail speaks for. `brand` is None for an organisation the knowledge base lacks."""

    brand: Brand | None
    name: str
    """As the mail wrote it (or the brand's name for a claim by sending domain)."""
    where: str
    """display_name | subject | body | footer | link_text | attachment | sender_domain"""


# The subject's sender slot: 【X】, [X], 〔X〕, "X:" / "X：" at the start.
_SUBJECT_SLOTS = re.compile(
    r"【([^【】]{2,24})】|\[([^\[\]]{2,32})\]|〔([^〔〕]{2,24})〕|^\s*([^:：\s][^:：]{1,24})[:：]"
)
# Words that end an organisation's name (in Japanese the kind of body it is; in English the
# same). An organisation, not a topic: 【重要】, [spam], 【お知らせ】 name none.
# The kind word must begin a word of the name as the analyser reads it (text/ja.py): ベガス does
# not end in ガス, nor ネバダ州立大学ガス in a kind word unless ガス is a word of it.
_ORG_JA = re.compile(
    r"(?:銀行|信用金庫|信金|信用組合|労働金庫|カード|クレジット|証券|生命|損保|保険|急便|運輸|郵便|"
    r"電力|電気|エナジー|ガス|水道|水道局|水道部|下水道局|企業局|交通局|市役所|区役所|町役場|村役場|"
    r"県庁|都庁|府庁|道庁|税務署|年金機構|公社|株式会社|\(株\)|（株）|ホールディングス|"
    r"ファイナンス|フィナンシャル|モバイル|通信|ペイ|pay|事務局|公式|運営事務局|サポートセンター|カスタマーセンター)$"
)
_ORG_EN = re.compile(
    r"^[a-z][a-z0-9&.' \-]{1,30}\s(?:bank|card|cards|credit union|securities|pay|wallet|post|"
    r"express|logistics|airlines|insurance|support|inc\.?|ltd\.?|llc|corp\.?|co\.?)$"
)
_NOT_ORG = re.compile(r"^(?:重要|緊急|要確認|お知らせ|ご案内|spam|meiwaku|迷惑メール|広告|info|notice|pr)$")
# The body's signature or footer naming the sender: "© 2025 X", "Copyright 2025 X", "X カスタマーサポート".
_FOOTER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^\n,.。|]{2,40})"
    r"|^\s*([^\n]{2,24}?)\s*(?:カスタマーサポート|カスタマーセンター|お客様センター|サポートセンター|事務局)\s*$",
    re.M,
)


def _slots(subject: str) -> list[str]:
    out = []
    for m in _SUBJECT_SLOTS.finditer(subject):
        name = next(g for g in m.groups() if g)
        out.append(name.strip())
    return out


def _names_a_kind(norm: str) -> bool:
    """The name ends in a word saying what kind of body it is (みなと市水道局, 〇〇銀行), and
    is more than that word."""
    kind = _ORG_JA.search(norm)
    if kind is None or kind.start() == 0:
        return False
    if ja.has_japanese(norm):
        return ja.on_word_boundaries(norm, kind.start(), len(norm), 32, whole=False)
    return not norm[kind.start() - 1].isalnum()  # "xyz pay", not "xyzpay"


def _unknown_org(ctx: Context) -> str:
    """An organisation the knowledge base lacks, named in the subject's sender slot."""
    for name in _slots(ctx.msg.subject[:300]):
        norm = normalise(name)
        if _NOT_ORG.match(norm) or ctx.kb.brands_in(name):
            continue
        if _names_a_kind(norm) or _ORG_EN.match(norm):
            return name
    return ""


def _known(ctx: Context, text: str) -> Brand | None:
    found = ctx.kb.brands_in(text)
    return found[0][0] if found else None


def _find_claim(ctx: Context) -> Claim | None:
    claims = ctx.brand_claims
    if claims:
        return Claim(claims[0].brand, claims[0].alias, claims[0].where)
    for name in _slots(ctx.msg.subject):
        brand = _known(ctx, name)
        if brand is not None:
            return Claim(brand, name, "subject")
    brand = ctx.sender_brand
    domain = ctx.from_addr.domain if ctx.from_addr else ""
    if brand is not None and (
        not ctx.kb.is_freemail(domain) or (domain.lower() in ctx.kb.freemail and _display_is(ctx, brand))
    ):
        return Claim(brand, domain, "sender_domain")
    text = ctx.msg.text[:30_000]
    tail = text[-3000:]
    for m in _FOOTER.finditer(tail):
        written = (m.group(1) or m.group(2) or "").strip()
        brand = _known(ctx, written)
        if brand is not None:
            return Claim(brand, written, "footer")
    signed = _signature(ctx, tail)
    if signed is not None:
        return signed
    for link in ctx.msg.links[:100]:
        if link.text and len(link.text) <= 80:
            brand = _known(ctx, link.text)
            if brand is not None:
                return Claim(brand, link.text, "link_text")
    for att in ctx.msg.attachments[:50]:
        brand = _known(ctx, re.sub(r"[_.\-]+", " ", att.filename))
        if brand is not None:
            return Claim(brand, att.filename, "attachment")
    org = _unknown_org(ctx)
    if org:
        return Claim(None, org, "subject")
    return None


def _signature(ctx: Context, tail: str) -> Claim | None:
    """The body's last line when it is only a known brand's name (the signature of a notice:
    "エックスサーバー", "株式会社アプラス"), however the sender is written."""
    lines = [line.strip(" \t　-─━=＝_*■◆") for line in tail.splitlines()]
    last = next((line for line in reversed(lines) if line), "")
    if not last or len(last) > 30:
        return None
    found = ctx.kb.brands_in(last)
    if not found:
        return None
    brand, alias = found[0]
    rest = normalise(last).replace(normalise(alias), "", 1)
    rest = re.sub(r"株式会社|\(株\)|（株）|[\s・.,、。]", "", rest)
    return Claim(brand, last, "footer") if not rest else None


def speaks_for(ctx: Context) -> Claim | None:
    """The brand (or unknown organisation) the mail speaks for, whatever the verdict."""
    if "_speaks_for" not in ctx.__dict__:  # once per message, like the context's own facts
        ctx.__dict__["_speaks_for"] = _find_claim(ctx)
    claim: Claim | None = ctx.__dict__["_speaks_for"]
    return claim


def nothing_recorded(ctx: Context) -> bool:
    """No receiving server recorded a verdict: no (trusted) Authentication-Results, no
    Received-SPF, no ARC set. The From line is then what the sender typed."""
    if any(r.trusted for r in ctx.msg.auth):
        return False
    return not any(name.lower().startswith("arc-") for name, _ in ctx.msg.headers)


def _off_brand_links(ctx: Context, brand: Brand) -> list[str]:
    """Registrable domains of the mail's clickable links that wear the brand's name without
    being the brand's (rakuten-card-pay.example, a look-alike) or are bare IP addresses. Links
    to unrelated sites (a partner, a standards body, a social network) are what genuine brand
    mail has too, and say nothing."""
    labels = {_label_of(d) for d in brand.domains if len(_label_of(d)) >= 3}
    out: list[str] = []
    for link in ctx.msg.links:
        if link.source in ("html_img", "html_css") or not link.host or link.scheme not in ("http", "https"):
            continue
        reg = link.registrable or link.host
        if brand.owns(link.host) or ctx.kb.brand_owning(link.host) is not None:
            continue
        # The registrable name itself wears the brand's (a brand's own page on a platform's
        # subdomain, usps.force.com, is the platform's business).
        wears = any(label in reg.replace("-", "") for label in labels)
        look = lookalike_of(link.host, ctx.kb)
        if (wears or link.is_ip or (look and brand.owns(look[0]))) and reg not in out:
            out.append(reg)
    return out


def _names_itself(ctx: Context, brand: Brand) -> bool:
    """The display name is the brand itself (`au`, `ドコモ`, `Apple ID`), not a person's name:
    a claim read from it, or the whole name one of the brand's names (a two-letter alias such
    as `au` is no claim inside other text, but a sender named exactly `au` is calling itself it)."""
    claim = speaks_for(ctx)
    if claim is not None and claim.where == "display_name" and claim.brand is not None:
        return claim.brand.id == brand.id
    return _display_is(ctx, brand)


def _display_is(ctx: Context, brand: Brand) -> bool:
    """The whole display name is one of the brand's names."""
    shown = normalise(ctx.from_addr.display_name) if ctx.from_addr else ""
    return bool(shown) and shown in {normalise(n) for n in (brand.name_en, brand.name_ja, *brand.aliases) if n}


def _label_of(domain: str) -> str:
    return registrable(domain).split(".")[0].replace("-", "")


@rule("AUTH_UNVERIFIED_BRAND_DOMAIN")
def _unverified_brand_domain(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    brand = ctx.sender_brand
    if addr is None or brand is None or not addr.domain:
        return []
    if ctx.kb.is_freemail(addr.domain) and not (addr.domain.lower() in ctx.kb.freemail and _names_itself(ctx, brand)):
        # A mailbox provider's own domain (au.com, docomo.ne.jp, icloud.com) is its customers'
        # too: only a sender at that very domain who calls itself the provider speaks for it.
        # (Its service subdomains, reply.yahoo.com, stay with the free-mail rules as before.)
        return []
    if not nothing_recorded(ctx):
        return []  # a receiving server's verdict exists: the AUTH_* rules judge it
    reasons: list[str] = []
    evidence = [Evidence("address", addr.address, "From")]
    subject = ctx.subject_norm
    if any(stamp in subject for stamp in ctx.kb.spam_stamps):
        reasons.append("spam_stamp")
        evidence.append(Evidence("header", ctx.msg.subject, "Subject"))
    if set(ctx.lure_hits) & _PHISHING_ASKS:
        reasons.append("lure")
    if "deadline" in ctx.lure_hits:
        reasons.append("deadline")
    off = _off_brand_links(ctx, brand)
    if off:
        reasons.append("off_brand_links")
        evidence.append(Evidence("domain", off[0], "links"))
    for hop in ctx.msg.hops[:20]:
        greeted_as_brand = bool(hop.from_name) and brand.owns(hop.from_name.lower().strip("[]"))
        if greeted_as_brand and not (hop.from_rdns and brand.owns(hop.from_rdns.lower())):
            # The sending machine greeted with the brand's host name, but the receiving server
            # recorded an address whose reverse name is not the brand's (or none at all).
            reasons.append("helo_unbacked")
            evidence.append(Evidence("ip", hop.from_ip or hop.from_name, "Received"))
            break
    for header, addrs in (("Return-Path", ctx.msg.return_path), ("Reply-To", ctx.msg.reply_to)):
        if header == "Return-Path" and ctx.is_list_mail:
            continue  # a list's bounce address
        for other in addrs:
            if other.domain and not brand.owns(other.domain) and not within(other.domain, addr.domain):
                reasons.append(header.lower().replace("-", "_"))
                evidence.append(Evidence("address", other.address, header))
                break
    if ctx.msg.hops and not any(name.lower() == "dkim-signature" for name, _ in ctx.msg.headers):
        # Delivered (it has Received lines) yet signed by no one: the brands whose domains the
        # knowledge base lists sign what they send with DKIM, and a saved or forwarded copy keeps
        # the signature. A page's retyped text has no Received lines and is not judged this way.
        reasons.append("unsigned")
    # Alone: reported (9 points; 21 when delivered unsigned). A receiving filter's spam stamp on
    # it: suspicious by itself. What the mail asks of the reader in the brand's name - a phishing
    # request (credentials, payment, personal data, an account threat) or a deadline - is the
    # forged-From notice itself (issue 14, item 3): suspicious by itself (30). A link wearing the
    # brand's name or replies sent elsewhere: 21 points, suspicious with that sign's own finding -
    # or by itself when the mail was also delivered without any signature (30); genuine brand mail
    # sent through an ESP links to the ESP's click tracker, so that sign alone stays at 21. Only
    # what the mail asks or where it sends the reader counts with `unsigned`: a relay greeting
    # with the brand's host name or a bounce address elsewhere is ordinary in mail that predates
    # DKIM.
    asks = {"lure", "deadline", "off_brand_links", "reply_to"}.intersection(reasons)
    requests = {"lure", "deadline"}.intersection(reasons)
    strong = "spam_stamp" in reasons or bool(requests) or (bool(asks) and "unsigned" in reasons)
    conf = 1.0 if strong else (0.7 if reasons else 0.3)
    return [
        ctx.finding(
            "AUTH_UNVERIFIED_BRAND_DOMAIN",
            evidence,
            conf,
            brand=brand.name_en,
            brand_ja=brand.name_ja or brand.name_en,
            domain=addr.domain,
            reasons=", ".join(reasons) or "none",
        )
    ]


def _fits(name: str, domain: str) -> bool:
    """The organisation's Latin name shows in the domain ("XYZ Bank" → xyzbank.com, xyz-bank.co.jp)."""
    words = [w for w in re.findall(r"[a-z0-9]{3,}", normalise(name)) if w not in ("bank", "card", "pay", "inc", "ltd")]
    label = registrable(domain).replace("-", "")
    return bool(words) and all(w in label for w in words)


@rule("SENDER_UNKNOWN_ORG_MISFIT")
def _unknown_org_misfit(ctx: Context) -> list[Finding]:
    claim = speaks_for(ctx)
    addr = ctx.from_addr
    if claim is None or claim.brand is not None or addr is None or not addr.domain:
        return []
    if ctx.in_thread or ctx.from_own_domain:
        return []
    sender_reg = addr.registrable
    links = [
        lk.registrable
        for lk in ctx.msg.links
        if lk.source not in ("html_img", "html_css") and lk.registrable and lk.scheme in ("http", "https")
    ]
    link_regs = list(dict.fromkeys(links))
    if _fits(claim.name, addr.domain) and all(r == sender_reg or _fits(claim.name, r) for r in link_regs):
        return []
    freemail = ctx.kb.is_freemail(addr.domain)
    elsewhere = [r for r in link_regs if r != sender_reg and not _fits(claim.name, r)]
    if not freemail and not elsewhere:
        return []  # the organisation's own domain as far as the mail shows: nothing contradicts it
    evidence = [Evidence("header", ctx.msg.subject, "Subject"), Evidence("address", addr.address, "From")]
    if elsewhere:
        evidence.append(Evidence("domain", elsewhere[0], "links"))
    return [
        ctx.finding(
            "SENDER_UNKNOWN_ORG_MISFIT",
            evidence,
            1.0 if ctx.asks_for_action else 0.6,
            org=claim.name,
            domain=addr.domain,
            links=", ".join(elsewhere[:3]) or "-",
        )
    ]


# Chinese character sets (and their aliases as mail writes them). Japanese written in one of these
# is what phishing kits built for Chinese mail produce; a Japanese company's mail is ISO-2022-JP,
# Shift_JIS, EUC-JP or UTF-8.
_CHINESE_CHARSETS = frozenset(
    {"gb2312", "csgb2312", "euc-cn", "cn-gb", "gbk", "x-gbk", "cp936", "gb18030", "hz-gb-2312", "big5", "cp950"}
    | {"big5-hkscs", "x-mac-chinesesimp", "x-mac-chinesetrad"}
)
_ENCODED_WORD = re.compile(r"=\?([^?*\s]+)(?:\*[^?]*)?\?[bq]\?", re.I)
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
_PLACES_JA = {"Subject": "件名", "From": "差出人名", "body": "本文"}
_MIN_KANA = 3  # distinct kana: の as a flourish in Chinese text, however often, is not Japanese


def _chinese_charset_pieces(ctx: Context) -> list[tuple[str, str]]:
    """(where, charset) of the Subject, From and body parts declared in a Chinese character set
    whose text is Japanese (at least `_MIN_KANA` different kana)."""
    out: list[tuple[str, str]] = []
    for field in ctx.msg.header_fields[:200]:
        if field.name.lower() not in ("subject", "from"):
            continue
        for m in _ENCODED_WORD.finditer(field.raw[:2000]):
            charset = m.group(1).lower()
            if charset in _CHINESE_CHARSETS and len(set(_KANA.findall(field.value[:2000]))) >= _MIN_KANA:
                out.append((field.name, charset))
                break
    for part in ctx.msg.bodies[:20]:
        charset = part.charset_declared.lower()
        if charset in _CHINESE_CHARSETS and len(set(_KANA.findall(part.text[:20_000]))) >= _MIN_KANA:
            out.append((f"body {part.where}", charset))
    return out


@rule("CONTENT_JA_CHINESE_CHARSET")
def _japanese_in_chinese_charset(ctx: Context) -> list[Finding]:
    pieces = _chinese_charset_pieces(ctx)
    if not pieces:
        return []
    claim = speaks_for(ctx)
    brand = claim.brand if claim is not None else None
    japanese_brand = brand is not None and brand.country == "JP"
    evidence = [
        Evidence("header" if where in ("Subject", "From") else "text", charset, where) for where, charset in pieces
    ]
    places = [where.split(" ")[0] for where, _ in pieces]
    return [
        ctx.finding(
            "CONTENT_JA_CHINESE_CHARSET",
            evidence[:3],
            1.0 if japanese_brand else 0.6,
            charset=pieces[0][1],
            where=", ".join(dict.fromkeys(places)),
            where_ja="・".join(dict.fromkeys(_PLACES_JA[p] for p in places)),
        )
    ]
