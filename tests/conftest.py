from __future__ import annotations

import os
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def corpus_dir() -> Path | None:
    env = os.environ.get("MAILAUTOPSY_CORPUS")
    for candidate in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "corpus"]:
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture
def corpus() -> Path:
    found = corpus_dir()
    if found is None:
        pytest.skip("evaluation corpus not present (set MAILAUTOPSY_CORPUS)")
    return found


def build(
    *,
    from_: str = "Alice Example <alice@example.org>",
    to: str = "bob@example.net",
    subject: str = "Hello",
    text: str | None = "Hello Bob, see you tomorrow.",
    html: str | None = None,
    headers: list[tuple[str, str]] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> bytes:
    """A message built in memory (unit tests of checks)."""
    msg = EmailMessage(policy=default_policy)
    for name, value in headers or []:
        msg[name] = value
    msg["From"] = from_
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = "Tue, 22 Apr 2025 09:12:30 +0900"
    msg["Message-ID"] = "<test@example.org>"
    if text is not None:
        msg.set_content(text)
    if html is not None:
        if text is None:
            msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    for name, data, ctype in attachments or []:
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()
