"""Content: what the text asks for and how (lures in many languages), hidden and
invisible text, forms in the body, image-only mail. The findings appear in the order the rule
functions are written."""

from __future__ import annotations

import re

from ..model import Evidence, Finding
from .base import Context
from .registry import rule

# Lure category → finding id.
LURE_RULES = {
    "credential": "CONTENT_CREDENTIAL_REQUEST",
    "payment": "CONTENT_PAYMENT_REQUEST",
    "personal_data": "CONTENT_PERSONAL_DATA_REQUEST",
    "account_threat": "CONTENT_ACCOUNT_THREAT",
    "deadline": "CONTENT_DEADLINE",
    "prize": "CONTENT_PRIZE_LURE",
    "refund_tax": "CONTENT_REFUND_TAX_LURE",
    "parcel": "CONTENT_PARCEL_LURE",
    "securities": "CONTENT_SECURITIES_LURE",
    "advance_fee": "CONTENT_ADVANCE_FEE",
    "crypto_invest": "CONTENT_CRYPTO_INVEST",
    "casino": "CONTENT_CASINO",
    "extortion": "CONTENT_EXTORTION",
    "invoice": "CONTENT_INVOICE_LURE",
    "mailbox": "CONTENT_MAILBOX_LURE",
    "adult_dating": "CONTENT_ADULT_SPAM",
    "pharma_spam": "CONTENT_PHARMA_SPAM",
    "marketing_spam": "CONTENT_MARKETING_SPAM",
    "generic_greeting": "CONTENT_GENERIC_GREETING",
}


_USER_REQUESTED = re.compile(
    r"\b(?:as you requested|at your request|you (?:have )?requested|per your request)\b|ご依頼"
)


# Sales wording every retailer uses in its own newsletters.
_BRAND_SALES = frozenset({"CONTENT_MARKETING_SPAM", "CONTENT_DEADLINE", "CONTENT_PRIZE_LURE"})


@rule(*LURE_RULES.values())
def _lures(ctx: Context) -> list[Finding]:
    found = {LURE_RULES[c]: phrases for c, phrases in ctx.lure_hits.items() if c in LURE_RULES}
    if _USER_REQUESTED.search(ctx.text_norm[:600]):
        # "As you requested, your account has been deleted": the reader's own request, no threat.
        found.pop("CONTENT_ACCOUNT_THREAT", None)
    out = []
    for rule_id, phrases in found.items():
        conf = min(1.0, 0.6 + 0.15 * (len(phrases) - 1))
        if rule_id in _BRAND_SALES and ctx.authenticated_brand is not None:
            # "Limited time offer — ends tonight" in a known brand's own authenticated mail is its
            # sale, not a pitch from nowhere: shown, weighing little.
            conf = 0.3
        out.append(
            ctx.finding(
                rule_id,
                [Evidence("text", p, ctx.lure_where(p)) for p in phrases[:4]],
                conf,
                phrases=" / ".join(phrases[:4]),
            )
        )
    return out


# Padding a preheader carries so mail clients show no body text in the preview: spaces,
# non-breaking and zero-width characters, combining grapheme joiners, soft hyphens.
_PADDING = re.compile(r"[\s\u00a0\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufeff]+")


@rule("CONTENT_HIDDEN_TEXT")
def _hidden(ctx: Context) -> list[Finding]:
    out = []
    # (body, length of its hidden text without padding) for the bodies hiding more than 200
    hidden = [(b, n) for b in ctx.msg.bodies if (n := len(_PADDING.sub("", b.hidden_text))) > 200]
    visible_len = len(ctx.msg.text.strip())
    if hidden and hidden[0][1] > max(200, visible_len):
        # With next to nothing visible, the hidden text is all a filter reads and none of what
        # the reader sees: no layout trick (a preheader, a print version) explains that.
        conf = 1.0 if visible_len < 60 else 0.7
        out.append(
            ctx.finding(
                "CONTENT_HIDDEN_TEXT",
                [Evidence("text", hidden[0][0].hidden_text[:200], hidden[0][0].where)],
                conf,
                chars=str(len(hidden[0][0].hidden_text)),
            )
        )
    return out


@rule("CONTENT_INVISIBLE_CHARS")
def _invisible(ctx: Context) -> list[Finding]:
    if not ctx.msg.invisible_chars:
        return []
    chars = " ".join(ctx.msg.invisible_chars[:8])
    return [ctx.finding("CONTENT_INVISIBLE_CHARS", [Evidence("text", chars, "body")], 0.6, chars=chars)]


@rule("CONTENT_HTML_FORM")
def _forms(ctx: Context) -> list[Finding]:
    if ctx.msg.html_forms or ctx.msg.html_password_fields:
        return [
            ctx.finding(
                "CONTENT_HTML_FORM",
                [
                    Evidence(
                        "text",
                        f"{ctx.msg.html_forms} form(s), {ctx.msg.html_password_fields} password field(s)",
                        "text/html",
                    )
                ],
                1.0 if ctx.msg.html_password_fields else 0.3,
            )
        ]
    return []


@rule("CONTENT_IMAGE_ONLY")
def _image_only(ctx: Context) -> list[Finding]:
    words = len(ctx.msg.text.split())
    chars = len(ctx.msg.text.strip())
    linked = [lk for lk in ctx.msg.links if lk.source in ("html_a", "html_area")]
    if ctx.msg.images >= 1 and ctx.msg.html_present and chars < 60 and words < 12 and linked:
        return [
            ctx.finding(
                "CONTENT_IMAGE_ONLY",
                [Evidence("url", linked[0].url, linked[0].where)],
                0.8,
                images=str(ctx.msg.images),
            )
        ]
    return []


_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}<>\"'/\\|@#%&*+=_~^-]{3,}")
_LATIN = re.compile(r"[A-Za-z]")
# Greek and Cyrillic letters, less the unit signs μ (micro) and Ω (ohm) that Latin text uses as such.
_OTHER_LETTER = re.compile(
    "[\u0370-\u03a8\u03aa-\u03bb\u03bd-\u03ff\u0400-\u04ff\u0500-\u052f\u0700-\u074f\u1d00-\u1d7f]"
)
_OVERLAY = re.compile("[\u0334-\u0338\u0730-\u074a\u20d0-\u20ff]")


def _mixed_script_words(text: str) -> list[str]:
    """Words spelled with look-alike letters of another script or with overlay marks, to
    slip past word filters: "Apܿplܿe", "Fa̷lha", "Pаypal" with a Cyrillic а."""
    out = []
    for word in _WORD.findall(text):
        if not _LATIN.search(word):
            continue
        if _OVERLAY.search(word) or (_OTHER_LETTER.search(word) and len(_LATIN.findall(word)) >= 2):
            out.append(word)
            if len(out) >= 4:
                break
    return out


@rule("CONTENT_MIXED_SCRIPT")
def _obfuscation(ctx: Context) -> list[Finding]:
    name = ctx.from_addr.display_name if ctx.from_addr else ""
    sources = (("Subject", ctx.msg.subject), ("From", name), ("body", ctx.msg.text[:5000]))
    evidence = []
    for where, text in sources:
        words = _mixed_script_words(text)
        if words:
            evidence.append(Evidence("text", " ".join(words), where))
    if not evidence:
        return []
    return [
        ctx.finding(
            "CONTENT_MIXED_SCRIPT",
            evidence,
            0.9 if len(evidence) > 1 else 0.7,
            words=" ".join(e.value for e in evidence)[:120],
        )
    ]


_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
# Simplified forms that JIS X 0213 happens to contain but Japanese never writes (您 "you", 关 for 関).
_CHINESE_ONLY = frozenset("您关")


def _chinese_glyph(char: str) -> bool:
    """A Han character Japanese is not written with: outside both Windows-31J and JIS X 0213
    (请, 账, 户, 证, 这 ...), or a simplified form listed in _CHINESE_ONLY. Rare kanji of names
    (髙, 﨑, 剝, 頰) are in one of the two sets."""
    if char in _CHINESE_ONLY:
        return True
    for codec in ("cp932", "shift_jis_2004"):
        try:
            char.encode(codec)
            return False
        except UnicodeEncodeError:
            continue
    return True


# Chinese words for things Japanese phishing talks about, in the forms Japanese does not write
# (口座/アカウント, 認証, ログイン, パスワード ...): what a lure written or machine-translated by a
# non-Japanese writer leaves behind. Each has at least one Chinese-only glyph; a Chinese name
# quoted whole in genuine mail (浦东国际机场, 锦江饭店) is none of them.
_CHINESE_WORDS = (
    "账户",
    "帐户",
    "账号",
    "帐号",
    "认证",
    "验证",
    "登录",
    "密码",
    "您的",
    "请您",
    "请在",
    "请点击",
    "点击",
    "链接",
    "邮件",
    "邮箱",
    "订单",
    "确认",
    "银行卡",
    "冻结",
    "验证码",
    "用户",
    "资料",
    "详细",
    "时间",
    "问题",
    "进行",
    "发送",
    "通过",
    "会员",
    "系统",
    "设置",
    "处理",
    "过期",
    "关闭",
    "账单",
)


@rule("CONTENT_CHINESE_GLYPHS")
def _chinese_in_japanese(ctx: Context) -> list[Finding]:
    """Japanese text written with Chinese words ("お客様の账户を认证してください"): a lure
    written or machine-translated by someone who does not write Japanese."""
    texts = (("Subject", ctx.msg.subject), ("body", ctx.msg.text[:20_000]))
    if len(_KANA.findall(texts[0][1] + texts[1][1])) < 10:
        return []
    found: dict[str, str] = {}
    evidence: list[Evidence] = []
    for where, text in texts:
        for word in _CHINESE_WORDS:
            pos = text.find(word)
            if pos < 0 or word in found:
                continue
            found[word] = where
            if len(evidence) < 3:
                evidence.append(Evidence("text", text[max(0, pos - 12) : pos + len(word) + 12].strip(), where))
    if len(found) < 2:
        return []
    return [
        ctx.finding(
            "CONTENT_CHINESE_GLYPHS",
            evidence,
            0.8 if len(found) < 4 else 1.0,
            glyphs=" ".join(list(found)[:8]),
        )
    ]


@rule("CONTENT_ADDRESS_AS_NAME")
def _address_as_name(ctx: Context) -> list[Finding]:
    """The recipient's address used where a name belongs: "Hallo user@example.com,". A brand's
    authenticated notice naming the account it concerns ("Security alert … taro@example.jp")
    is not that. An address also in the subject is SUBJECT_RECIPIENT_ADDRESS's evidence, and one
    habit is counted once."""
    if ctx.is_list_mail or ctx.authenticated_brand is not None:
        return []
    head = ctx.msg.text.lstrip()[:80]
    lowered = head.lower()
    subject = ctx.msg.subject.lower()
    # Longest first, so the whole address is the evidence whatever the set's order (hash seed).
    for addr in sorted(ctx.recipients, key=lambda a: (-len(a), a)):
        if addr and addr in subject:
            continue
        pos = lowered.find(addr) if addr else -1
        if (
            pos >= 0
            and not re.match(r">\s*[:：]", lowered[pos + len(addr) :])
            and not re.match(
                r"\W{0,3}(?:wrote|schrieb|a écrit|escribió|escreveu|さんは書きました)", lowered[pos + len(addr) :]
            )
        ):
            return [
                ctx.finding(
                    "CONTENT_ADDRESS_AS_NAME", [Evidence("text", head[:160].strip(), "body")], 0.8, address=addr
                )
            ]
    return []


# Where a service writes the name its user typed: a greeting or a "Username:" line. The slot
# runs to the end of its line; it must hold a link or a sum of money and no word of a name
# ("Hi John, +$50.00 credited" and "Hi all, https://teams..." are ordinary mail).
_NAME_SLOT = re.compile(
    r"(?:^|\n|[.!?]\s)(?:hi|hello|hey|ol[aá]|hola|bonjour|hallo|ciao"
    r"|nome utente|username|user name|nom d'utilisateur|nombre de usuario|benutzername|nome de usuário)"
    r"[ \t,:]{1,3}([^\n]{4,100})",
    re.I,
)
_SLOT_FILLER = re.compile(
    r"(?:https?://|www\.)\S{3,80}|\b[a-z0-9-]{2,30}(?:\.[a-z0-9-]{2,30})*\.[a-z]{2,6}/\S{1,60}"
    r"|[+]\s?[$€£]\s?\d[\d,. ]{0,12}\d|[+]?\d[\d,. ]{0,12}\d?\s?(?:[$€£]|usd|usdt|btc|eur)(?![a-z])",
    re.I,
)


def _fills_slot(slot: str) -> str | None:
    """The link or amount when it is all the slot holds (bar punctuation, emoji and a dash)."""
    fillers = _SLOT_FILLER.findall(slot)
    if not fillers:
        return None
    rest = _SLOT_FILLER.sub(" ", slot)
    if any(c.isalnum() for c in rest):
        return None
    return " ".join(fillers)


@rule("CONTENT_FORM_INJECTION")
def _form_injection(ctx: Context) -> list[Finding]:
    """A link or a sum of money where the reader's name goes ("Hi +$4,811 ok.me/x,", "Username:
    www.x.blogspot.com - 1.3 BTC"): someone typed an ad into a genuine service's sign-up or
    contact form, and the service's own notice now delivers it. No service names a person so.
    Replies, list mail and mail from the reader's own domain are people writing, not forms."""
    if ctx.is_list_mail or ctx.in_thread or ctx.from_own_domain:
        return []
    head = ctx.msg.text.lstrip()[:3000]
    for match in _NAME_SLOT.finditer(head):
        filler = _fills_slot(match.group(1))
        if filler:
            line = match.group(0).strip()
            return [ctx.finding("CONTENT_FORM_INJECTION", [Evidence("text", line[:160], "body")], 0.9, text=filler)]
    return []


_STYLED = re.compile("[\U0001d400-\U0001d7ff\U0001f130-\U0001f189\u24b6-\u24e9]")
_PLACEHOLDER = re.compile(
    r"%[A-Z][A-Z_]{2,}%|\{\{\s*[A-Za-z_.]{2,30}\s*\}\}|\*\|[A-Z_]{2,}\|\*|__[A-Za-z]+_[A-Za-z]+\["
    r"|\{(?:name|first_?name|firstname|e-?mail|username|user)\}",
)
# "[username], claim ...": a bracketed field opening the mail (a draft's "Dear [Name]" further down is no tell).
_OPENING_FIELD = re.compile(r"^\W{0,3}(?:dear |hi |hello )?\[(?:user ?name|first ?name|name|e-?mail)\]", re.I)


@rule("CONTENT_STYLED_LETTERS")
def _styled(ctx: Context) -> list[Finding]:
    """Mathematical bold/italic or circled letters ("𝐘𝐎𝐔𝐑 𝐏𝐇𝐎𝐓𝐎𝐒") in the subject or sender name: they read
    as words to people and as symbols to filters."""
    name = ctx.from_addr.display_name if ctx.from_addr else ""
    for where, text in (("Subject", ctx.msg.subject), ("From", name)):
        if len(_STYLED.findall(text)) >= 3:
            return [ctx.finding("CONTENT_STYLED_LETTERS", [Evidence("text", text[:120], where)], 0.9, text=text[:80])]
    return []


@rule("CONTENT_TEMPLATE_PLACEHOLDER")
def _placeholder(ctx: Context) -> list[Finding]:
    """A mail-merge field left unfilled ("Hi %FIRSTNAME%", "[username], claim ..."): bulk mail sent
    by a kit, not a company that knows you."""
    if ctx.is_list_mail:
        return []
    head = ctx.msg.subject + "\n" + ctx.msg.text[:600]
    match = _PLACEHOLDER.search(head) or _OPENING_FIELD.search(ctx.msg.text.lstrip()[:60])
    if not match:
        return []
    return [
        ctx.finding(
            "CONTENT_TEMPLATE_PLACEHOLDER",
            [Evidence("text", match.group(0), "Subject/body")],
            0.8,
            placeholder=match.group(0),
        )
    ]


# A telephone number: optional +country, groups of digits split by spaces, dots, dashes or brackets.
# Scammers space and dash it out ("+1 – (888) - (596) - (1028)") to slip past filters.
_PHONE = re.compile(r"(?<![\w.@/])\+?\(?\d{1,4}\)?(?:[\s.\-\u2010-\u2015]{0,4}\(?\d{2,4}\)?){2,5}(?![\w@/])")


def phone_numbers(text: str) -> list[str]:
    """Telephone numbers: 10 to 15 digits, not dates, amounts or order numbers run together."""
    out = []
    for found in _PHONE.finditer(text):
        value = found.group(0).strip()
        digits = sum(c.isdigit() for c in value)
        if 10 <= digits <= 15 and not value.isdigit() and value not in out and not _NOT_PHONE.search(value):
            out.append(value)
    return out


# Dates ("2024-12-14 18"), dotted IPv4 addresses: digit groups that are no telephone number.
_NOT_PHONE = re.compile(r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,3}(?:\.\d{1,3}){3}$")


@rule("CONTENT_CALLBACK_SCAM")
def _callback(ctx: Context) -> list[Finding]:
    """Callback phishing ('BazarCall', fake renewal invoices): a consumer mailbox announces a
    charge or renewal and gives a number to call to cancel. Companies bill from their own domains."""
    charge = ctx.lure_hits.get("callback", [])
    phrases = charge + ctx.lure_hits.get("receipt", [])
    addr = ctx.from_addr
    if not charge or addr is None or not ctx.kb.is_freemail(addr.domain):
        return []
    if ctx.in_thread:
        return []  # a conversation: friends forward receipts and ask each other to call
    phones = phone_numbers(ctx.msg.subject + "\n" + ctx.msg.text[:20_000])
    if not phones:
        return []
    named = [b for b, _ in ctx.kb.brands_in(ctx.msg.subject + "\n" + ctx.msg.text[:5_000]) if not b.owns(addr.domain)]
    evidence = [Evidence("text", phones[0], "body"), *(Evidence("text", p, "body") for p in phrases[:2])]
    return [
        ctx.finding(
            "CONTENT_CALLBACK_SCAM",
            evidence,
            # A receipt and a number is what a friend's forwarded receipt has too: the scam
            # announces a charge, a renewal or how to cancel, and weighs more with a receipt.
            1.0 if named else (0.8 if len(phrases) > 1 else 0.6),
            phone=phones[0],
            phrases=" / ".join(phrases[:3]),
            domain=addr.domain,
        )
    ]


@rule("CONTENT_EXCESSIVE_NESTING")
def _nesting(ctx: Context) -> list[Finding]:
    """Parts nested deeper than any mail client writes: a way to hide links from tools that stop
    descending. The parser reads below its depth limit flatly, so the links are still checked."""
    depth = ctx.msg.mime_depth
    if depth <= ctx.settings.limits.max_depth:
        return []
    return [
        ctx.finding(
            "CONTENT_EXCESSIVE_NESTING",
            [Evidence("text", f"{depth} levels", "MIME")],
            0.8,
            depth=str(depth),
            limit=str(ctx.settings.limits.max_depth),
        )
    ]
