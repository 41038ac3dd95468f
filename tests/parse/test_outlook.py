"""Outlook .msg input (fixtures/outlook, written by make_msg.py without Outlook)."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES

from mailautopsy.parse import parse_bytes
from mailautopsy.parse.sources import message_bytes

FOLDER = FIXTURES / "outlook"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_msg_file_is_read_like_an_eml(name):
    want = EXPECTED[name]
    msg = parse_bytes(message_bytes((FOLDER / name).read_bytes()))
    assert msg.subject == want["subject"]
    assert msg.from_[0].address == want["from_address"]
    assert msg.from_[0].display_name == want["from_display"]
    text = "\n".join(b.text for b in msg.bodies)
    for fragment in want["body_contains"]:
        assert fragment in text
    assert [a.filename for a in msg.all_attachments()] == want["attachments"]
    assert len(msg.hops) == 2


def test_msg_stored_headers_win_over_conversion():
    """A display name that decodes to an address must not replace the real sender."""
    msg = parse_bytes(message_bytes((FOLDER / "kagoya-phish.msg").read_bytes()))
    assert msg.from_[0].address == "t_0205@cameo.plala.or.jp"
    assert any(lk.host == "active-japan-top.beak.host" for lk in msg.links)
