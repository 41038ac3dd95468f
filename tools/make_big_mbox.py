"""Write a large synthetic mbox for the streaming and memory check of `mailautopsy scan`
(docs/benchmarks.md, "A 2 GB mbox").

    python tools/make_big_mbox.py OUT.mbox [--gib 2.0] [--seed 1] [--huge-mib 70]

Every message is invented here (example.* domains, documentation IPs, random words): plain
notes, HTML newsletters with links, phishing-shaped notices, messages with a random
attachment of 50 KB to 1 MB, body lines that start with "From " (quoted as ">From " the
mboxrd way), and one message of `--huge-mib` MiB (beyond Limits.max_message_bytes, 64 MiB) so
that the run also shows a cut message reported. Deterministic for a seed. Prints the number
of messages (= the `From ` separators) written.
"""

from __future__ import annotations

import argparse
import base64
import random
import sys
from pathlib import Path

WORDS = (
    "account",
    "invoice",
    "meeting",
    "report",
    "schedule",
    "project",
    "update",
    "shipment",
    "order",
    "review",
    "budget",
    "team",
    "please",
    "confirm",
    "attached",
    "details",
    "thanks",
    "regards",
    "tomorrow",
    "week",
    "office",
    "client",
    "payment",
    "notice",
    "password",
    "verify",
    "security",
    "login",
    "suspended",
    "limited",
    "access",
    "document",
    "shared",
    "folder",
    "delivery",
)


def _text(rng: random.Random, words: int) -> str:
    lines, line = [], []
    for _ in range(words):
        line.append(rng.choice(WORDS))
        if len(line) == 12:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def _message(rng: random.Random, n: int, attach: int = 0) -> bytes:
    kind = n % 5
    sender = f"user{rng.randrange(1000)}@{rng.choice(['example.com', 'example.org', 'example.net'])}"
    head = (
        f"Received: from mail{n % 97}.example.net (mail.example.net [192.0.2.{n % 250 + 1}])\n"
        f"\tby mx.example.jp with ESMTP id {n:08x}; Tue, 22 Apr 2025 09:12:30 +0900\n"
        f"From: Sender {n} <{sender}>\nTo: reader@example.jp\n"
        f"Subject: {' '.join(rng.choice(WORDS) for _ in range(5))} #{n}\n"
        f"Date: Tue, 22 Apr 2025 09:12:30 +0900\nMessage-ID: <{n}.{rng.randrange(10**9)}@example.net>\n"
        "MIME-Version: 1.0\n"
    )
    body = _text(rng, rng.randrange(50, 900))
    if kind == 3:
        body += "\n>From the archive: quoted the mboxrd way\nFrom here on, a body line that starts with From\n"
    if kind == 1 or attach:
        boundary = f"==b{n}=="
        parts = [f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"]
        if kind == 1:
            links = "".join(f'<p><a href="https://news.example.org/c/{n}/{i}">Read more {i}</a></p>' for i in range(10))
            parts.append(f"--{boundary}\nContent-Type: text/html; charset=utf-8\n\n<html><body>{links}</body></html>\n")
        if attach:
            data = base64.encodebytes(rng.randbytes(attach)).decode()
            parts.append(
                f'--{boundary}\nContent-Type: application/octet-stream; name="file{n}.bin"\n'
                f'Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="file{n}.bin"\n\n'
                f"{data}"
            )
        text = head + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n' + "".join(parts) + f"--{boundary}--\n"
    elif kind == 4:
        text = head + (
            "Content-Type: text/html; charset=utf-8\n\n<html><body><p>Your account is limited. "
            f'<a href="https://secure-login.example.net/{n}">https://www.example.com/account</a></p>'
            f"<p>{body}</p></body></html>\n"
        )
    else:
        text = head + "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
    # mboxrd: a body line starting with "From " (or ">From ") gets one more ">".
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(">")
        out.append(">" + line if stripped.startswith("From ") else line)
    return "\n".join(out).encode()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--gib", type=float, default=2.0, help="size to write, in GiB (default 2.0)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--huge-mib", type=int, default=70, help="one message of this size (0: none)")
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    target = int(args.gib * 1024**3)
    written = count = 0
    with args.out.open("wb") as fh:
        while written < target:
            count += 1
            attach = 0
            if args.huge_mib and count == 5000:
                attach = args.huge_mib * 1024 * 1024 * 3 // 4  # base64 grows it by 4/3
            elif count % 10 == 2:
                attach = rng.randrange(50_000, 1_000_000)
            msg = _message(rng, count, attach)
            sep = f"From sender{count}@example.net Tue Apr 22 09:12:{count % 60:02d} 2025\n".encode()
            fh.write(sep + msg + b"\n\n")
            written += len(sep) + len(msg) + 2
    print(count)
    print(f"{count} messages, {written} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
