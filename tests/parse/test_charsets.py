"""Charsets real mail uses, decoded right (fixtures/charsets, made by make_fixtures.py)."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES

from mailautopsy.parse import parse_bytes

FOLDER = FIXTURES / "charsets"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_decodes(name):
    want = EXPECTED[name]
    msg = parse_bytes((FOLDER / name).read_bytes())
    if want.get("subject") not in (None, "any"):
        assert msg.subject == want["subject"]
    if want.get("from_display") not in (None, "any"):
        assert msg.from_[0].display_name == want["from_display"]
    if want.get("from_address"):
        assert msg.from_[0].address == want["from_address"]
    text = "\n".join(b.text for b in msg.bodies)
    for fragment in want.get("body_contains", []):
        assert fragment in text, (fragment, text[:300])
    if want.get("attachment_filenames"):
        assert [a.filename for a in msg.attachments] == want["attachment_filenames"]
