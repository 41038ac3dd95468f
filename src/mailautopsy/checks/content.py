"""Content: what the text asks for and how (lures in many languages), hidden and
invisible text, forms in the body, image-only mail."""

from __future__ import annotations

from ..model import Evidence, Finding
from .base import Context

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
}


def _lures(ctx: Context) -> list[Finding]:
    found = {LURE_RULES[c]: phrases for c, phrases in ctx.lure_hits.items() if c in LURE_RULES}
    out = []
    for rule, phrases in found.items():
        conf = min(1.0, 0.5 + 0.2 * (len(phrases) - 1))
        out.append(
            ctx.finding(
                rule,
                [Evidence("text", p, "body") for p in phrases[:4]],
                conf,
                phrases=" / ".join(phrases[:4]),
            )
        )
    return out


def _hidden(ctx: Context) -> list[Finding]:
    out = []
    hidden = [b for b in ctx.msg.bodies if len(b.hidden_text) > 200]
    visible_len = len(ctx.msg.text.strip())
    if hidden and len(hidden[0].hidden_text) > max(200, visible_len):
        out.append(
            ctx.finding(
                "CONTENT_HIDDEN_TEXT",
                [Evidence("text", hidden[0].hidden_text[:200], hidden[0].where)],
                0.7,
                chars=str(len(hidden[0].hidden_text)),
            )
        )
    if ctx.msg.invisible_chars:
        out.append(
            ctx.finding(
                "CONTENT_INVISIBLE_CHARS",
                [Evidence("text", " ".join(ctx.msg.invisible_chars[:8]), "body")],
                0.6,
                chars=" ".join(ctx.msg.invisible_chars[:8]),
            )
        )
    return out


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
                1.0 if ctx.msg.html_password_fields else 0.7,
            )
        ]
    return []


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


def check(ctx: Context) -> list[Finding]:
    return _lures(ctx) + _hidden(ctx) + _forms(ctx) + _image_only(ctx)
