"""Masking the recipient out of what gets published.

An alert article or an IOC export is shared with strangers, so the person the mail
was sent to must not show in it: their address (also URL-encoded or base64-encoded,
as phishing links carry it to pre-fill the fake login page), their domain, their
name, and the local part of their address used as a name ("Dear taro"). The seed's
author writes `*****@*****.***` for the address; so do we.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .. import rules
from ..analyze import Analysis
from ..model import Message
from ..parse.address_forms import address_pattern

MASK = "*****"
MASK_ADDRESS = "*****@*****.***"
MASK_DOMAIN = "*****.***"
# A domain shared by many people is not personal: masking it would blank out brand names.
_PUBLIC_MAIL_DOMAINS = {"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "yahoo.co.jp", "icloud.com"}


def recipients_of(msg: Message) -> set[str]:
    """Every address the message shows it was delivered to (headers and Received `for`)."""
    return msg.recipient_addresses(received=True)


@dataclass(frozen=True)
class Masker:
    """Replaces the recipient's identity in attacker-controlled strings.

    `mask` is for the mail's own text (it also hides name words); `mask_identifiers`
    only hides addresses and domains, safe to run over a whole rendered document.
    """

    addresses: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @classmethod
    def for_result(cls, result: Analysis, keep_recipient: bool = False) -> Masker:
        if keep_recipient:
            return cls()
        msg = result.message
        addrs = recipients_of(msg)
        rule_data = rules.load()
        for f in result.findings:  # addresses a finding saw the recipient's in (rules.toml recipient_params)
            for param in rule_data.get(f.id).recipient_params:
                if "@" in f.params.get(param, ""):
                    addrs.add(f.params[param].lower())
        domains = {a.rpartition("@")[2] for a in addrs} - _PUBLIC_MAIL_DOMAINS
        names: set[str] = set()
        for a in msg.to + msg.cc:
            if a.display_name and a.display_name.lower() not in addrs:
                names.add(a.display_name)
                names.update(w for w in re.split(r"[\s,、・]+", a.display_name) if _name_like(w))
        names.update(a.partition("@")[0] for a in addrs if len(a.partition("@")[0]) >= 3)
        return cls(
            tuple(sorted(addrs, key=len, reverse=True)),
            tuple(sorted((d for d in domains if "." in d), key=len, reverse=True)),
            tuple(sorted(names, key=len, reverse=True)),
        )

    @property
    def active(self) -> bool:
        return bool(self.addresses or self.domains or self.names)

    @cached_property
    def _address_forms(self) -> re.Pattern[str] | None:
        return address_pattern(self.addresses)

    def mask_identifiers(self, text: str) -> str:
        if not self.addresses and not self.domains:
            return text
        if self._address_forms is not None:
            text = self._address_forms.sub(MASK_ADDRESS, text)
        for domain in self.domains:
            text = re.sub(rf"(?i)(?<![\w-]){re.escape(domain)}(?![\w-])", MASK_DOMAIN, text)
            text = re.sub(rf"(?i)(?<![\w-]){re.escape(domain.replace('.', '[.]'))}(?![\w-])", MASK_DOMAIN, text)
        return text

    def mask(self, text: str) -> str:
        text = self.mask_identifiers(text)
        for name in self.names:
            if name.isascii():
                text = re.sub(rf"(?i)(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", MASK, text)
            else:
                text = text.replace(name, MASK)
        return text


def _name_like(word: str) -> bool:
    return len(word) >= (3 if word.isascii() else 2) and "@" not in word
