"""The same mail gives the same result whatever Python's hash seed: findings that pick one of
several recipients pick the whole address, not whichever the set yields first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import build_mail

_PROGRAM = """
import json, sys
from mailautopsy import analyze
a = analyze(open(sys.argv[1], "rb").read())
rows = sorted((f.id, sorted(f.params.items()), [e.value for e in f.evidence]) for f in a.findings)
print(json.dumps(rows, ensure_ascii=False))
"""


def test_recipient_evidence_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    raw = build_mail(
        from_="Support <support@mail-notice.example.net>",
        # The second address is a tail of the first: both are in the greeting and in the link.
        to="taro@example.jp, ro@example.jp, aro@example.jp, o@example.jp",
        subject="Mailbox notice",
        text=None,
        html="<html><body><p>taro@example.jp</p><p>Your mailbox is full.</p>"
        '<p><a href="https://verify.example.org/login?u=taro@example.jp">Verify</a></p></body></html>',
        date=None,
        msgid=None,
    )
    path = tmp_path / "m.eml"
    path.write_bytes(raw)
    outputs = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run([sys.executable, "-c", _PROGRAM, str(path)], env=env, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        outputs.add(out.stdout)
    assert len(outputs) == 1, outputs
    evidence = json.loads(outputs.pop())
    assert all(dict(params).get("address", "taro@example.jp") == "taro@example.jp" for _, params, _ in evidence)
