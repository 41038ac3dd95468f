"""Sender: who the mail claims to be versus where it comes from. The findings appear in the
order the rule functions are written."""

from __future__ import annotations

import itertools
import re
import unicodedata

from ..knowledge import normalise
from ..model import Evidence, Finding
from ..parse.domains import registrable
from ..parse.headers import addresses_in_text
from .base import Context, undisguised
from .lookalike import lookalike_of
from .registry import rule

_FORWARD = re.compile(r"\s*(?:fwd?|tr|wg|rv|転送)\s*[:：]", re.I)
_UNICODE_TRICKS = re.compile("[\u1d00-\u1d2b\uff01-\uff5e\u200b-\u200f\u202a-\u202e\u2066-\u2069©®ⓐ-ⓩ]")


@rule("SENDER_BRAND_MISMATCH")
def _brand_mismatch(ctx: Context) -> list[Finding]:
    claim = ctx.impersonated
    addr = ctx.from_addr
    if claim is None or addr is None or not addr.domain:
        return []
    official = ", ".join(claim.brand.domains[:4])
    where = "From" if claim.where == "display_name" else ("Subject" if claim.where == "subject" else "body")
    ev = [Evidence("address", f"{addr.display_name} <{addr.address}>", "From")]
    if where != "From":
        ev.append(Evidence("text", claim.alias, where))
    return [
        ctx.finding(
            "SENDER_BRAND_MISMATCH",
            ev,
            claim.confidence,
            brand=claim.brand.name_en,
            brand_ja=claim.brand.name_ja or claim.brand.name_en,
            domain=addr.domain,
            official=official,
            claimed_in=claim.where,
        )
    ]


@rule("SENDER_ADDRESS_IN_NAME")
def _address_in_name(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    if addr is None:
        return []
    findings = []
    for written in addresses_in_text(addr.display_name):
        if written.lower() != addr.address.lower():
            findings.append(
                ctx.finding(
                    "SENDER_ADDRESS_IN_NAME",
                    [Evidence("address", f"{addr.display_name} <{addr.address}>", "From")],
                    0.9 if registrable(written.rpartition("@")[2].lower()) != addr.registrable else 0.5,
                    shown=written,
                    real=addr.address,
                )
            )
            break
    return findings


@rule("SENDER_REPLY_TO_MISMATCH")
def _reply_to(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    if addr is None or ctx.is_list_mail:
        return []
    findings = []
    for reply in ctx.msg.reply_to:
        if reply.registrable and reply.registrable != addr.registrable and reply.registrable not in ctx.sender_domains:
            conf = 0.9 if ctx.kb.is_freemail(reply.domain) and not ctx.kb.is_freemail(addr.domain) else 0.6
            if ctx.authenticated_brand is not None:
                # A platform's genuine notice (a SharePoint or DocuSign share) has its user in
                # Reply-To: the mail is the brand's own, the reply goes to whoever acted.
                conf = 0.3
            findings.append(
                ctx.finding(
                    "SENDER_REPLY_TO_MISMATCH",
                    [
                        Evidence("address", reply.address, "Reply-To"),
                        Evidence("address", addr.address, "From"),
                    ],
                    conf,
                    reply_to=reply.address,
                    from_domain=addr.domain,
                )
            )
            break
    return findings


@rule("SENDER_RETURN_PATH_MISMATCH")
def _return_path(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    if addr is None or ctx.is_list_mail:
        return []
    findings = []
    for rp in ctx.msg.return_path[:1]:
        if rp.registrable and addr.registrable and rp.registrable != addr.registrable:
            findings.append(
                ctx.finding(
                    "SENDER_RETURN_PATH_MISMATCH",
                    [
                        Evidence("address", rp.address, "Return-Path"),
                        Evidence("address", addr.address, "From"),
                    ],
                    0.5,
                    return_path=rp.address,
                    from_domain=addr.domain,
                )
            )
    return findings


@rule("SENDER_FREEMAIL_BRAND")
def _freemail_for_company(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    if addr is None or not addr.domain or not ctx.kb.is_freemail(addr.domain):
        return []
    claim = next((c for c in ctx.brand_claims if c.where in ("display_name", "subject")), None)
    if claim is None or claim.brand.owns(addr.domain):
        return []
    if claim.where == "subject" and ctx.msg.forwarded and _FORWARD.match(ctx.msg.subject):
        return []  # "Fwd: Your Uber receipt" with the receipt inside: a person passing it on
    return [
        ctx.finding(
            "SENDER_FREEMAIL_BRAND",
            [Evidence("address", addr.address, "From")],
            0.9,
            brand=claim.brand.name_en,
            domain=addr.domain,
        )
    ]


@rule("SENDER_LOOKALIKE_DOMAIN")
def _lookalike(ctx: Context) -> list[Finding]:
    findings = []
    seen = set()
    for a in ctx.msg.from_ + ctx.msg.reply_to + ctx.msg.sender:
        if not a.domain or a.domain in seen:
            continue
        seen.add(a.domain)
        hit = lookalike_of(a.domain, ctx.kb, ctx.recipient_domains)
        if hit:
            target, how = hit
            claimed = any(c.brand.owns(target) for c in ctx.brand_claims)
            if how in ("brand_in_domain", "other_tld") and not claimed:
                continue  # "amazonses.com", "linux-foundation.org": a name inside a name, with no claim
            findings.append(
                ctx.finding(
                    "SENDER_LOOKALIKE_DOMAIN",
                    [Evidence("address", a.address, a.header)],
                    0.9,
                    domain=a.domain,
                    target=target,
                    how=how,
                )
            )
    return findings


@rule("SENDER_NAME_UNICODE_TRICK")
def _name_tricks(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    if addr is None:
        return []
    findings = []
    name = addr.display_name
    tricks = sorted({f"U+{ord(c):04X}" for c in _UNICODE_TRICKS.findall(name)})
    if tricks and not name.isascii():
        # Full-width letters are ordinary in Japanese names; count only when mixed with brand names.
        fullwidth_only = all(0xFF01 <= int(t[2:], 16) <= 0xFF5E for t in tricks)
        if not fullwidth_only or ctx.kb.brands_in(unicodedata.normalize("NFKC", name)):
            findings.append(
                ctx.finding(
                    "SENDER_NAME_UNICODE_TRICK",
                    [Evidence("address", name, "From")],
                    0.5 if fullwidth_only else 0.8,
                    chars=" ".join(tricks[:6]),
                )
            )
    return findings


@rule("SENDER_UNALIGNED_SIGNER")
def _dkim_unrelated(ctx: Context) -> list[Finding]:
    """The From domain is unrelated to every domain that signed or sent it, while a brand is claimed."""
    addr = ctx.from_addr
    if addr is None or not addr.registrable or ctx.impersonated is None:
        return []
    signers = {registrable(d) for d in ctx.authenticated_domains}
    if signers and addr.registrable not in signers:
        return [
            ctx.finding(
                "SENDER_UNALIGNED_SIGNER",
                [
                    Evidence("domain", ", ".join(sorted(signers)[:3]), "Authentication-Results"),
                    Evidence("address", addr.address, "From"),
                ],
                0.6,
                domain=addr.domain,
                signers=", ".join(sorted(signers)[:3]),
            )
        ]
    return []


_VOWELS = set("aeiouy")


def _random_local_part(local: str) -> bool:
    """A machine-made mailbox name: "DhqXWtgoHnIZCEs", "caQIUAgQI" — case flipping at random
    or long runs without vowels; readable names, dotted names and numbers are not."""
    core = local.split("+", 1)[0]
    if not 7 <= len(core) <= 40 or not core.isalpha():
        return False
    if re.fullmatch(r"(?:[A-Z][a-z]+|[a-z]+)(?:[A-Z][a-z]+)+", core):
        return False  # CamelCase words: "DoNotReply", "NewsLetter"
    flips = sum(1 for a, b in itertools.pairwise(core) if a.islower() != b.islower())
    upper = sum(c.isupper() for c in core)
    if flips >= 4 and 2 <= upper < len(core):
        return True
    run = longest = 0
    for c in core.lower():
        run = 0 if c in _VOWELS else run + 1
        longest = max(longest, run)
    if longest >= 6:
        return True
    # Case changing at least twice with an unpronounceable stretch between: "IrkcUJj", "lcfNupd".
    # CamelCase names ("JohnSmith", "McDonald") have vowels in every word.
    segments = re.findall(r"[A-Z]+|[a-z]+", core)
    return len(segments) >= 3 and any(len(s) >= 3 and not set(s.lower()) & _VOWELS for s in segments)


@rule("SENDER_RANDOM_LOCALPART")
def _random_sender(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    if addr is None or "@" not in addr.address:
        return []
    local = addr.address.rpartition("@")[0]
    if _random_local_part(local):
        return [
            ctx.finding(
                "SENDER_RANDOM_LOCALPART", [Evidence("address", addr.address, "From")], 0.8, address=addr.address
            )
        ]
    return []


@rule("SENDER_SUSPICIOUS_TLD")
def _abused_tld(ctx: Context) -> list[Finding]:
    """Sent from a domain under a generic top-level domain notorious for abuse (.shop, .xyz,
    .top …): cheap throw-away registrations. Brand, trusted and free-mail domains are exempt."""
    addr = ctx.from_addr
    if addr is None or not addr.registrable or "." not in addr.registrable:
        return []
    tld = addr.registrable.rsplit(".", 1)[1]
    if len(tld) == 2 or tld not in ctx.kb.suspicious_tlds:
        return []  # a country's own domain (.ru, .cn) is where its people and firms write from
    if ctx.kb.brand_owning(addr.domain) or ctx.kb.is_trusted(addr.domain) or ctx.kb.is_freemail(addr.domain):
        return []
    return [
        ctx.finding(
            "SENDER_SUSPICIOUS_TLD", [Evidence("address", addr.address, "From")], 0.7, tld=tld, domain=addr.domain
        )
    ]


# Lures that offer the reader money or threaten: one phrase is enough. Prizes and romance need
# two ("I got you a gift card" from a friend is no pitch).
_MONEY_LURES = ("advance_fee", "crypto_invest", "extortion")
_MONEY_LURES_TWICE = ("prize", "adult_dating")


@rule("SENDER_FREEMAIL_MONEY_OFFER")
def _money_from_freemail(ctx: Context) -> list[Finding]:
    """An inheritance, a prize, an investment, a romance (or a threat) pitched from a free-mail
    mailbox, or with replies going to one: lawyers, banks, lotteries and exchanges write from
    their own domains; the 419 scammer writes from gmail.com."""
    addr = ctx.from_addr
    if addr is None:
        return []
    lures = [c for c in _MONEY_LURES if c in ctx.lure_hits]
    lures += [c for c in _MONEY_LURES_TWICE if len(ctx.lure_hits.get(c, ())) >= 2]
    if not lures:
        return []
    free = [a for a in ctx.msg.from_[:1] if a.domain and ctx.kb.is_freemail(a.domain)]
    free += [
        a
        for a in ctx.msg.reply_to
        if a.domain and ctx.kb.is_freemail(a.domain) and a.address.lower() != addr.address.lower()
    ]
    if not free:
        return []
    phrase = ctx.lure_hits[lures[0]][0]
    return [
        ctx.finding(
            "SENDER_FREEMAIL_MONEY_OFFER",
            [Evidence("address", free[0].address, free[0].header), Evidence("text", phrase, ctx.lure_where(phrase))],
            0.8,
            address=free[0].address,
            phrase=phrase,
        )
    ]


@rule("SENDER_FIRST_SEEN")
def _first_seen(ctx: Context) -> list[Finding]:
    """A sender this mailbox never heard from who at once speaks for a brand or asks the reader
    to act (log in, pay, verify): only when the caller keeps a sender history."""
    addr = ctx.from_addr
    if ctx.history is None or addr is None or "@" not in addr.address:
        return []
    if ctx.history.lookup(addr.address.lower()) is not None:
        return []
    if not ctx.brand_claims and not ctx.asks_for_action:
        return []
    return [ctx.finding("SENDER_FIRST_SEEN", [Evidence("address", addr.address, "From")], 0.8, address=addr.address)]


_VALID_DOMAIN = re.compile(
    r"^(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff\-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+"
    r"(?:[a-z]{2,63}|xn--[a-z0-9\-]{2,59})$"
)
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\U0001f000-\U0001f2ff]")


@rule("SENDER_INVALID_ADDRESS")
def _invalid_from(ctx: Context) -> list[Finding]:
    """A From address no mail server would accept a reply for: no domain, '%' or spaces in it,
    no top-level domain, letters that are not letters (𝘇𝗶𝗹𝘃𝗲𝗿𝗲)."""
    addr = ctx.from_addr
    if addr is None:
        return []
    domain = addr.address.rpartition("@")[2]
    if "@" in addr.address and _VALID_DOMAIN.match(domain.lower()) and unicodedata.normalize("NFKC", domain) == domain:
        return []
    if not addr.address and not addr.display_name:
        return []
    if addr.address.lower() in ctx.recipients:
        return []  # mail "from" the recipient: a forward or an anonymised copy, not a sender's choice
    return [
        ctx.finding(
            "SENDER_INVALID_ADDRESS",
            [Evidence("address", addr.address or addr.raw[:120], "From")],
            0.9,
            address=addr.address or addr.raw[:80],
        )
    ]


@rule("SENDER_NAME_EMOJI")
def _emoji_name(ctx: Context) -> list[Finding]:
    addr = ctx.from_addr
    if addr is None or not _EMOJI.search(addr.display_name):
        return []
    return [
        ctx.finding(
            "SENDER_NAME_EMOJI", [Evidence("address", addr.display_name, "From")], 0.7, name=addr.display_name[:60]
        )
    ]


@rule("SENDER_NAME_NOT_DOMAIN")
def _organisation_not_domain(ctx: Context) -> list[Finding]:
    """ "Ledger Support <x@tradestars.example>": a display name presenting an organisation's
    function whose own name appears nowhere in the sending domain. (Brands in the knowledge
    base are judged by SENDER_BRAND_MISMATCH; this covers every other organisation.)"""
    addr = ctx.from_addr
    if addr is None or not addr.domain or ctx.brand_claims:
        return []
    name = normalise(addr.display_name)
    if not name or "@" in name or not ctx.role_sender:
        return []
    words = ctx.kb.name_words(addr.display_name, min_len=4)
    domain = addr.domain.replace("-", "").replace(".", "")
    if not words or any(w in domain for w in words):
        return []
    # "Tokyo Metro University IT Helpdesk <helpdesk@tmu.example>": organisations send from abbreviations.
    initials = "".join(w[0] for w in re.findall(r"[a-z][a-z0-9]*", name))
    label = addr.registrable.split(".")[0]
    if len(label) >= 2 and (
        label in initials or any(label in "".join(x[0] for x in words[i:]) for i in range(len(words)))
    ):
        return []
    return [
        ctx.finding(
            "SENDER_NAME_NOT_DOMAIN",
            [Evidence("address", f"{addr.display_name} <{addr.address}>", "From")],
            0.7,
            name=addr.display_name[:60],
            domain=addr.domain,
        )
    ]


@rule("SENDER_CELEBRITY_NAME")
def _celebrity(ctx: Context) -> list[Finding]:
    """ "Advanced Energy by Elon Musk <x@unrelated.example>", "前澤友作 <…@gmail.com>": a famous
    person as the sender, as investment and giveaway scams write. Unless the sending domain
    carries the person's name (a newsletter of their own), they do not write to strangers."""
    addr = ctx.from_addr
    if addr is None or not addr.display_name or ctx.is_list_mail:
        return []
    celebrity = ctx.kb.celebrity_in(addr.display_name) or ctx.kb.celebrity_in(undisguised(addr.display_name))
    if not celebrity:
        return []
    # The surname in the domain: "Warren Buffett" at buffett.example, not "Bill Gates" at billing.example.
    surname = re.findall(r"[a-z]+", celebrity)[-1:]
    if surname and surname[0] in addr.registrable.replace("-", "").replace(".", ""):
        return []
    # "Advanced Energy by Elon Musk" is a pitch; a bare "Elon Musk" may be a namesake.
    alone = celebrity in (normalise(n).strip(" \"'") for n in (addr.display_name, undisguised(addr.display_name)))
    return [
        ctx.finding(
            "SENDER_CELEBRITY_NAME",
            [Evidence("address", f"{addr.display_name} <{addr.address}>", "From")],
            0.7 if alone else 1.0,
            celebrity=celebrity,
            domain=addr.domain,
        )
    ]


@rule("SENDER_NAME_PITCH")
def _name_pitch(ctx: Context) -> list[Finding]:
    """ "Claim Your Bonus <…>", "Congratulations! <…>": the sender's name is a sales pitch or
    a prize call (lures.toml, category name_pitch). People and companies have names."""
    addr = ctx.from_addr
    if addr is None or not addr.display_name:
        return []
    phrases = ctx.kb.lure_hits(normalise(addr.display_name[:300])).get("name_pitch")
    if not phrases:
        return []
    return [
        ctx.finding(
            "SENDER_NAME_PITCH",
            [Evidence("address", addr.display_name[:120], "From")],
            0.8,
            name=addr.display_name[:60],
            phrase=phrases[0],
        )
    ]


@rule("SENDER_TENANT_DEFAULT_DOMAIN")
def _tenant_default(ctx: Context) -> list[Finding]:
    """ "Support <x@contoso.onmicrosoft.com>": the sender writes from a cloud mail tenant's
    default domain, which any free trial gets; organisations that mail customers and strangers
    use their own. Colleagues in the reader's own tenant are not counted."""
    addr = ctx.from_addr
    if addr is None or not addr.domain:
        return []
    default = ctx.kb.tenant_default(addr.domain)
    if not default or ctx.from_own_domain:
        return []
    return [
        ctx.finding(
            "SENDER_TENANT_DEFAULT_DOMAIN",
            [Evidence("address", addr.address, "From")],
            0.8,
            domain=addr.domain,
            default=default,
        )
    ]
