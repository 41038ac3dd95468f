"""Mails of the campaign tests: copies of one lure (names, numbers, links and sender varied per
copy) and of one newsletter, on example domains."""

from __future__ import annotations

from .mail import build_mail

LURE = (
    "Dear {name},\n\nYour mailbox {box} has reached its storage limit of {size} GB on {date}.\n"
    "Incoming messages are being held. To release {count} pending messages, verify your account now:\n"
    "{url}\n\nFailure to verify within 48 hours will lead to the closure of {box}.\nMail Administrator\n"
)
NEWSLETTER = (
    "Hello {name},\n\nThis week in the garden club: the spring plant sale moves to the church hall, "
    "and the talk on roses by our chair is on Thursday evening. Bring a friend!\n"
)


def lure(i: int) -> bytes:
    name = ["alice", "bob", "carol", "dave", "erin", "frank"][i % 6]
    text = LURE.format(
        name=name.title(),
        box=f"{name}@example.org",
        size=i + 2,
        date=f"2025-0{1 + i % 9}-1{i % 10}",
        count=10 + i,
        url=f"https://mail-{i}.example{i}.net/verify/{i * 7919:x}?u={name}",
    )
    return build_mail(
        from_=f"Mail Admin <admin@relay{i}.example.net>",
        to=f"{name.title()} <{name}@example.org>",
        subject=f"Mailbox full: {10 + i} messages on hold",
        text=text,
        date=f"Tue, {10 + i} Jun 2025 09:00:00 +0000",
        msgid=f"<lure{i}@example.net>",
    )


def news(i: int) -> bytes:
    return build_mail(
        from_="Garden Club <news@garden.example>",
        subject="This week in the garden club",
        text=NEWSLETTER.format(name=["Ann", "Ben"][i % 2]),
        msgid=f"<news{i}@garden.example>",
    )
