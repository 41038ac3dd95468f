"""Every way a link or a text can carry an e-mail address: as written, percent-encoded (also
twice), base64 and URL-safe base64 with or without padding. Phishing links carry the victim's
address so to pre-fill the fake login page; both the link visit (which strips it before opening
the link) and the published reports (which mask it) must find every form."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from urllib.parse import quote


def address_pattern(recipients: Iterable[str]) -> re.Pattern[str] | None:
    """Every written form of the recipients' addresses: as is and percent-encoded (any case),
    base64 and URL-safe base64, with or without padding (exact case)."""
    folded: set[str] = set()
    exact: set[str] = set()
    for recipient in recipients:
        address = recipient.strip().strip("<>").strip()
        if "@" not in address or len(address) < 3:
            continue
        for form in {address, address.lower()}:
            once = quote(form, safe="")
            folded.update({form, once, quote(form, safe="@"), quote(once, safe="")})
            for encoded in (base64.b64encode(form.encode()), base64.urlsafe_b64encode(form.encode())):
                text = encoded.decode()
                exact.update({text, text.rstrip("="), quote(text, safe="")})
    if not folded:
        return None
    forms = [(f, True) for f in folded] + [(f, False) for f in exact if f.lower() not in folded]
    forms.sort(key=lambda item: len(item[0]), reverse=True)
    return re.compile("|".join(f"(?i:{re.escape(f)})" if fold else re.escape(f) for f, fold in forms))
