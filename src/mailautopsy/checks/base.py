"""What every check receives, and how it makes a finding.

Checks are pure functions `(ctx) -> list[Finding]`: no I/O, no sentences. The
context holds the message, the knowledge base, the rule data and derived facts
computed once (normalised text, the brand the mail claims to be, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..geo import Place, country_of
from ..knowledge import FROM_ORG, Brand, Knowledge, normalise
from ..model import Address, Evidence, Finding, Message
from ..parse.domains import within
from ..parse.received import first_external_hop
from ..rules import Rules
from ..settings import Lists, Settings

if TYPE_CHECKING:
    from ..campaign import CampaignHistory
    from ..history import SenderHistory
    from ..learning import ContentModel

_ACTION_LURES = {
    "credential",
    "payment",
    "personal_data",
    "account_threat",
    "securities",
    "refund_tax",
    "parcel",
    "mailbox",
    "prize",
    "invoice",
}
_REPLY = re.compile(r"^\s*(?:re|aw|sv|antw|返信)\s*[:：]", re.I)

# Letters swapped for ones that look the same in most mail fonts: a capital I for a small l
# ("Iedger", "PayPaI"), a small l for a capital I ("OpenAl", "lRS"), a zero for an o ("Micr0soft").
# A domain written in a display name, alone ("Costco.com") or in an address ("Notification@uber.com").
_NAME_DOMAIN = re.compile(r"(?<![\w.-])((?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24})(?![\w-])", re.I)
# Letters kept apart by dots or underscores ("F.e.d.E.x", "P_a_y_P_a_l") so that no word matches.
_DOTTED_LETTERS = re.compile(r"(?<![\w.])(?:[A-Za-z][._*]){3,}[A-Za-z](?![\w])")
_I_FOR_L = re.compile(r"(?<=[a-z])I|I(?=[a-z])")
_L_FOR_I = re.compile(r"(?<=[A-Z])l|l(?=[A-Z])")
_ZERO_FOR_O = re.compile(r"(?<=[A-Za-z])0(?=[A-Za-z])|(?<=[A-Za-z]{2})0\b")


def undisguised(text: str) -> str:
    """`text` read as the eye reads it: look-alike Latin letters and digits put back
    ("Iedger" → "ledger", "OpenAl" → "OpenAI", "Micr0soft" → "Microsoft", "F.e.d.E.x" → "FedEx"). Used to find brand
    names spelled to slip past word matching; equal to `text` when nothing was swapped."""
    text = _DOTTED_LETTERS.sub(lambda m: re.sub(r"[._*]", "", m.group(0)), text)
    if "I" not in text and "l" not in text and "0" not in text:
        return text
    text = _ZERO_FOR_O.sub("o", text)
    # Decide both swaps on the original letters, then apply them together.
    marks = {m.start(): "l" for m in _I_FOR_L.finditer(text)}
    marks.update({m.start(): "I" for m in _L_FOR_I.finditer(text)})
    if not marks:
        return text
    chars = list(text)
    for pos, letter in marks.items():
        chars[pos] = letter
    return "".join(chars)


def _notice_form(subject: str, alias: str) -> bool:
    """The subject is written as the brand's own notice: 【Brand】, [Brand], "Brand:" or "Brand -"."""
    pos = subject.find(alias)
    if pos < 0:
        return False
    before = subject[:pos].rstrip()
    after = subject[pos + len(alias) :].lstrip()
    opened = re.search(r"[【\[〔《(「][^】\]〕》)」]{0,12}$", before) is not None
    closed = re.match(r"[^【\[]{0,12}[】\]〕》)」]", after) is not None
    # "Brand: ..." opens the subject; "MS/Apple: ..." (two names, a headline) does not.
    leading = len(before) <= 3 and not re.search(r"[a-z0-9/&+]", before) and after[:1] in (":", "：", "-", "|", "｜")
    return (opened and closed) or leading


@dataclass(frozen=True, slots=True)
class BrandClaim:
    brand: Brand
    alias: str
    where: str
    """display_name | subject | body"""
    confidence: float


@dataclass
class Context:
    msg: Message
    kb: Knowledge
    rules: Rules
    settings: Settings
    history: SenderHistory | None = None
    """Whom this mailbox heard from before (the batch hook), when the caller keeps a history."""
    model: ContentModel | None = None
    """The deployment's trained content model (learning.py), when the caller gives one."""
    found: tuple[Finding, ...] = ()
    """Findings of the checks that ran before this one (the content model reads their ids)."""
    campaigns: CampaignHistory | None = None
    """The campaigns seen before (campaign/index.py), when the caller keeps an index."""

    def finding(
        self,
        rule_id: str,
        evidence: list[Evidence] | tuple[Evidence, ...],
        confidence: float = 1.0,
        **params: str,
    ) -> Finding:
        """Build a finding from rule data. Evidence is required (CONTRIBUTING.md, convention 2)."""
        if not evidence:
            raise ValueError(f"{rule_id}: a finding needs evidence")
        rule = self.rules.get(rule_id)
        return Finding(
            id=rule_id,
            severity=rule.severity,
            confidence=round(max(0.0, min(1.0, confidence)), 2),
            evidence=tuple(evidence),
            params={k: str(v) for k, v in params.items()},
            group=rule.group,
            weight=rule.weight,
        )

    # -- derived facts, computed once per message --------------------------
    @cached_property
    def lists(self) -> Lists:
        """The analyst's allow- and block-lists: the config file's and the caller's (checks/lists.py)."""
        return self.kb.lists.merged(self.settings.lists)

    @cached_property
    def from_addr(self) -> Address | None:
        return self.msg.from_[0] if self.msg.from_ else None

    @cached_property
    def subject_norm(self) -> str:
        return normalise(self.msg.subject)

    @cached_property
    def text_norm(self) -> str:
        return normalise(self.msg.text[:30_000])

    @cached_property
    def recipients(self) -> set[str]:
        return self.msg.recipient_addresses()

    @cached_property
    def recipient_domains(self) -> set[str]:
        out = {a.rpartition("@")[2] for a in self.recipients}
        out.update(self.settings.recipient_domains)
        return {d for d in out if d}

    @cached_property
    def sender_domains(self) -> set[str]:
        """Registrable domains the mail is sent from or signed by: From, Sender, Return-Path,
        DKIM d=."""
        out = {a.registrable for a in self.msg.from_ + self.msg.sender + self.msg.return_path if a.registrable}
        from ..parse.domains import registrable

        out.update(registrable(s.domain) for s in self.msg.dkim_signatures)
        return out

    @cached_property
    def in_thread(self) -> bool:
        """The mail names the conversation it answers (In-Reply-To, References). A bare "Re:"
        in the subject does not: it is a lure's way to look expected."""
        return bool(self.msg.header("In-Reply-To") or self.msg.header("References"))

    @cached_property
    def from_own_domain(self) -> bool:
        """The From address is in the reader's own domain (a colleague, the reader's own tenant)."""
        addr = self.from_addr
        return addr is not None and bool(addr.domain) and any(within(addr.domain, d) for d in self.recipient_domains)

    @cached_property
    def is_list_mail(self) -> bool:
        """Mail relayed by a mailing list. Anyone can write a List-Id header, so where a receiving
        server recorded authentication, a DKIM pass for the list's domain (or an ARC seal) must back
        it; without any recorded authentication the headers are taken as they are."""
        list_id = self.msg.header("List-Id") or self.msg.header("List-Post") or self.msg.header("Mailing-List")
        if not list_id and not self.msg.header("X-Mailing-List"):
            return False
        if not any(r.trusted for r in self.msg.auth):
            return True
        if any(r.header == "ARC-Authentication-Results" for r in self.msg.auth):
            return True
        from ..parse.domains import registrable

        hosts = re.findall(r"[a-z0-9\-]+(?:\.[a-z0-9\-]+)+", list_id.lower())
        list_domains = {registrable(h) for h in hosts}
        return bool(list_domains & {registrable(d) for d in self.authenticated_domains})

    @cached_property
    def authenticated_domains(self) -> set[str]:
        """Domains a trusted receiving server saw pass DKIM (header.d) or SPF (mailfrom)."""
        out: set[str] = set()
        for r in self.msg.auth:
            if not r.trusted or r.result != "pass":
                continue
            if r.method == "dkim":
                d = r.prop("header.d") or r.prop("header.i").rpartition("@")[2]
                if d:
                    out.add(d)
            elif r.method == "spf":
                d = r.prop("smtp.mailfrom").rpartition("@")[2]
                if d:
                    out.add(d)
        return out

    @cached_property
    def lure_hits(self) -> dict[str, list[str]]:
        """Lure category → phrases found in the subject and visible text."""
        return self.kb.lure_hits(self.subject_norm + "\n" + self.text_norm)

    def lure_where(self, phrase: str) -> str:
        """Where a lure phrase (as lure_hits gives it) was found: the subject or the body."""
        return "Subject" if phrase in self.subject_norm else "body"

    @cached_property
    def asks_for_action(self) -> bool:
        """The text makes the requests a brand's phishing makes (log in, pay, verify ...)."""
        return bool(set(self.lure_hits) & _ACTION_LURES)

    @cached_property
    def role_sender(self) -> bool:
        """The display name names a function, not a person (or there is none)."""
        addr = self.from_addr
        if addr is None:
            return True
        name = normalise(addr.display_name)
        if not name or "@" in name:
            return True
        return any(word in name for word in self.kb.role_words)

    @cached_property
    def names_own_organisation(self) -> bool:
        """The display name presents another organisation's desk ("Example Shop Support"): a
        subject naming a brand ("Your PayPal payment was received") is then that shop's receipt."""
        addr = self.from_addr
        if addr is None or not self.role_sender:
            return False
        return bool(self.kb.name_words(addr.display_name)) and not self.kb.brands_in(addr.display_name)

    @cached_property
    def brand_claims(self) -> list[BrandClaim]:
        """Brands the mail speaks for: named in the From display name; in the subject when it is
        written as the brand's own notice (【Brand】, "Brand:") or the sender is a role or the text
        asks for action; in the body's opening when both hold. A subject or text merely
        mentioning a brand ("Amazon still wants to patent the Web") is no claim."""
        claims: list[BrandClaim] = []
        seen: set[str] = set()

        def add(brand: Brand, alias: str, where: str, conf: float) -> None:
            if brand.id not in seen:
                seen.add(brand.id)
                claims.append(BrandClaim(brand, alias, where, conf))

        addr = self.from_addr
        shown = addr.display_name[:300] if addr else ""  # a name, not a novel: bounded work
        plain_shown = undisguised(shown)
        for name in dict.fromkeys((shown, plain_shown)):
            for brand, alias in self.kb.brands_in(name):
                add(brand, alias, "display_name", 0.95)
        for shown_domain in _NAME_DOMAIN.findall(shown):
            shown_domain = shown_domain.lower().rstrip(".")
            if addr is None or within(addr.domain, shown_domain) or self.kb.is_freemail(shown_domain):
                continue  # its own domain, or a customer's mailbox at a provider (…@ezweb.ne.jp)
            owner = self.kb.brand_owning(shown_domain)
            if owner is not None:
                add(owner, shown_domain, "display_name", 0.95)  # "Costco.com", "Notification@uber.com"
        named = None
        if addr and not claims:
            named = self.kb.brand_named(shown) or self.kb.brand_named(plain_shown)
        display = normalise(addr.display_name) if addr else ""
        if named is not None and (self.role_sender or len(display.split()) == 1 or FROM_ORG.search(display)):
            add(named[0], named[1], "display_name", 0.8)
        subject = self.msg.subject
        reply = bool(_REPLY.match(subject)) and self.in_thread
        readings = [(subject, self.subject_norm)]
        if (plain_subject := undisguised(subject)) != subject:
            readings.append((plain_subject, normalise(plain_subject)))
        for text, norm in readings:
            for brand, alias in self.kb.brands_in(text):
                if _notice_form(norm, alias.lower()):
                    add(brand, alias, "subject", 0.85)
                elif not reply and not self.names_own_organisation and f"your {alias.lower()}" in norm:
                    add(brand, alias, "subject", 0.7)  # "Your Amazon Prime membership renewal failed"
                elif not reply and not self.names_own_organisation and (self.role_sender or self.asks_for_action):
                    add(brand, alias, "subject", 0.7)
        if self.role_sender and self.asks_for_action and not reply:
            head = self.text_norm[:1500]
            for brand, alias in self.kb.brands_in(head):
                add(brand, alias, "body", 0.6)
        return claims

    @cached_property
    def sender_brand(self) -> Brand | None:
        """The brand whose domain the From address (or an authenticated signer) belongs to."""
        addr = self.from_addr
        if addr and addr.domain:
            owner = self.kb.brand_owning(addr.domain)
            if owner:
                return owner
        return None

    @cached_property
    def authenticated_brand(self) -> Brand | None:
        """The brand the From address belongs to, when a receiving server saw that domain pass
        DKIM or SPF: a brand's genuine notice, not a forged one."""
        addr = self.from_addr
        brand = self.sender_brand
        if brand is None or addr is None or self.kb.is_freemail(addr.domain):
            return None
        if any(within(addr.domain, d) or within(d, addr.registrable) for d in self.authenticated_domains):
            return brand
        return None

    def brand_is_legit_sender(self, brand: Brand) -> bool:
        """The From domain belongs to the brand. (A DKIM signature of the brand's domain is no
        proof: bulk services such as Amazon SES sign their customers' mail with their own.)"""
        addr = self.from_addr
        if addr and addr.domain and brand.owns(addr.domain):
            # "Apple <someone@icloud.com>" is a customer's mailbox, not Apple.
            return addr.domain not in self.kb.freemail
        return False

    @cached_property
    def origin_place(self) -> Place | None:
        """Where the mail entered the Internet (the earliest public client IP on record), with
        its country from the bundled offline GeoIP data; None without a public hop."""
        hop = first_external_hop(self.msg.hops)
        return country_of(hop.from_ip) if hop is not None else None

    @cached_property
    def impersonated(self) -> BrandClaim | None:
        """The first claimed brand that the sender does not belong to."""
        from .relays import VIA, is_relay

        addr = self.from_addr
        passed = addr is not None and any(
            within(addr.domain, d) or within(d, addr.registrable) for d in self.authenticated_domains
        )
        relay = addr is not None and is_relay(addr.domain, self.kb)
        if relay and (passed or not any(r.trusted for r in self.msg.auth)):
            return None  # a marketplace relaying a seller's or carrier's notice in its name
        if addr is not None and VIA.search(addr.display_name) and passed and self.sender_brand is not None:
            return None  # "Courier X (via Marketplace Mail)" from the marketplace's own, authenticated domain
        for claim in self.brand_claims:
            if self.brand_is_legit_sender(claim.brand):
                return None
            if claim.where != "display_name" and self.sender_brand is not None:
                continue  # a real brand's mail mentioning another brand
            domain = self.from_addr.domain if self.from_addr else ""
            if self.kb.is_trusted(domain):
                return None
            if claim.brand.category == "government" and self.kb.is_public_sector(domain):
                continue  # a public body's mail naming an agency: only public bodies register there
            return claim
        return None


Check = Callable[[Context], list[Finding]]
