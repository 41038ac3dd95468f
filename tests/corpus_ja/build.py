"""Rebuild tests/corpus_ja from the entries in entries_phish.py and entries_ham.py.

    python tests/corpus_ja/build.py

Every mail is rebuilt from a public page (URL in labels.jsonl). Only what the page showed is
verbatim (listed per file under "verbatim"); the remaining text is written in our own words
from the page's description. No header the page did not show is added: without one, a mail has
From/To/Subject/Date/Message-ID/MIME only. Date and Message-ID are placeholders when the page
gave none (Message-ID always under corpus.mailautopsy.invalid: it is not evidence). The
recipient is a placeholder. Phishing URLs are kept as reported: they are inert data.

The split is by campaign (near-duplicates share one), from a hash of the campaign id: stable as mails are added.
A third split, `fresh` (entries_fresh.py), holds mails rebuilt later from pages the corpus had not used, all of
new campaigns: it measures generalisation and is never tuned on. A fourth, `fresh2` (entries_fresh2.py, phishing
only), was rebuilt after the `jabrands` branch had finished changing the detector and measured once.
"""

from __future__ import annotations

import hashlib
import json
import sys
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, parseaddr
from html import escape
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from entries_fresh import FRESH_HAM, FRESH_PHISH  # noqa: E402
from entries_fresh2 import FRESH2_PHISH  # noqa: E402
from entries_ham import HAM  # noqa: E402
from entries_phish import PHISH  # noqa: E402
from texts import body_text  # noqa: E402

RECIPIENT = "user@example.jp"


def _hdr(value: str, charset: str) -> str:
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        return Header(value, charset).encode()


def _from(display: str, addr: str, charset: str) -> str:
    if not display:
        return addr
    try:
        display.encode("ascii")
        return formataddr((display, addr))
    except UnicodeEncodeError:
        return f"{Header(display, charset).encode()} <{addr}>"


def _split_names(value: str) -> tuple[str, str]:
    name, addr = parseaddr(value)
    if not addr or "@" not in addr:
        raise ValueError(f"no address in From {value!r}")
    return name, addr


def build_eml(e: dict[str, Any]) -> bytes:
    charset = e.get("charset", "utf-8")
    text = body_text(e)
    mime_charset = "iso-2022-jp" if charset == "iso-2022-jp" else "utf-8"
    plain = MIMEText(text, "plain", mime_charset)
    if e.get("html"):
        paras = []
        for line in text.split("\n"):
            if line.startswith(("http://", "https://")):
                label = e.get("link_text") or line
                paras.append(f'<a href="{escape(line)}">{escape(label)}</a><br>')
            else:
                paras.append(escape(line) + "<br>")
        html = "<html><body>\n" + "\n".join(paras) + "\n</body></html>\n"
        msg: Any = MIMEMultipart(
            "alternative", boundary="==ja-corpus-" + hashlib.sha1(e["id"].encode()).hexdigest()[:20]
        )
        msg.attach(plain)
        msg.attach(MIMEText(html, "html", mime_charset))
    else:
        msg = plain
    head: list[tuple[str, str]] = []
    for name, value in e.get("headers", []):
        head.append((name, value))
    display, addr = _split_names(e["from"])
    head.append(("From", e.get("raw_from") or _from(display, addr, mime_charset)))
    head.append(("To", e.get("to", RECIPIENT)))
    head.append(("Subject", e.get("raw_subject") or _hdr(e["subject"], mime_charset)))
    head.append(("Date", e.get("date", "Mon, 01 Jan 2024 09:00:00 +0900")))
    digest = hashlib.sha1(e["id"].encode()).hexdigest()[:16]
    head.append(("Message-ID", e.get("message_id", f"<{digest}@corpus.mailautopsy.invalid>")))
    for name, value in e.get("extra", []):
        head.append((name, value))
    for part in msg.walk():
        del part["MIME-Version"]
    body = msg.as_bytes()
    lines = [f"{n}: {v}".encode() for n, v in head]
    lines.append(b"MIME-Version: 1.0")
    return b"\r\n".join(lines).replace(b"\r\n", b"\n") + b"\n" + body


SPLIT_SALT = "ja-corpus-split-2"


def assign_splits(entries: list[dict[str, Any]]) -> dict[str, str]:
    """Campaign -> split by a hash of the campaign id alone, so adding mails never moves a campaign.

    The salt was chosen for balance of the mail counts (about half each), not for any result.
    """
    out: dict[str, str] = {}
    for e in entries:
        first = hashlib.sha1(f"{SPLIT_SALT}:{e['campaign']}".encode()).digest()[0]
        out[e["campaign"]] = "tune" if first % 2 == 0 else "heldout"
    return out


def _domain(addr: str) -> str:
    return addr.rsplit("@", 1)[-1].lower()


def main() -> int:
    for kind in ("phish", "ham"):
        for old in (HERE / kind).glob("*/*.eml"):
            old.unlink()
    labels = []
    seen: set[str] = set()
    old_campaigns = {(kind, e["campaign"]) for kind, es in (("phish", PHISH), ("ham", HAM)) for e in es}
    for kind, entries in (("phish", FRESH_PHISH), ("ham", FRESH_HAM)):
        reused = sorted({e["campaign"] for e in entries if (kind, e["campaign"]) in old_campaigns})
        if reused:
            raise SystemExit(f"fresh {kind} campaigns already in tune/heldout: {reused}")
    fresh_batches = (("phish", FRESH_PHISH), ("ham", FRESH_HAM))
    older = old_campaigns | {(kind, e["campaign"]) for kind, es in fresh_batches for e in es}
    reused = sorted({e["campaign"] for e in FRESH2_PHISH if ("phish", e["campaign"]) in older})
    if reused:
        raise SystemExit(f"fresh2 campaigns already in tune/heldout/fresh: {reused}")
    batches = (
        ("phish", PHISH, ""),
        ("ham", HAM, ""),
        ("phish", FRESH_PHISH, "fresh"),
        ("ham", FRESH_HAM, "fresh"),
        ("phish", FRESH2_PHISH, "fresh2"),
    )
    for kind, entries, fixed in batches:
        splits = assign_splits(entries)
        for e in entries:
            if e["id"] in seen:
                raise SystemExit(f"duplicate id {e['id']}")
            seen.add(e["id"])
            split = fixed or splits[e["campaign"]]
            rel = f"{kind}/{split}/{e['id']}.eml"
            path = HERE / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(build_eml(e))
            _, addr = _split_names(e["from"])
            labels.append(
                {
                    "file": rel,
                    "label": kind,
                    "brand": e["brand"],
                    "official_domains": e["official"],
                    "sender_domain": _domain(addr),
                    "link_domains": sorted({u.split("/")[2].lower() for u in e.get("urls", [])}),
                    "source_urls": e["src"],
                    "verbatim": e["verbatim"],
                    "own_words": "body text outside the verbatim excerpt, written from the page's description",
                    "placeholders": e.get("placeholders", []),
                    "campaign": e["campaign"],
                    "split": split,
                    "charset": e.get("charset", "utf-8"),
                    "notes": e.get("notes", ""),
                }
            )
    with (HERE / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for entry in labels:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"{len(labels)} mails written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
