"""Subject: spam stamps and filter verdicts, brands in brackets, urgency words, random tokens,
the recipient's own address."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..knowledge import normalise
from ..model import Evidence, Finding
from .base import Context
from .registry import rule

_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|aw|wg|tr|rv|sv|vs|antw|転送|返信)\s*[:：]\s*)*", re.I)
_BRACKETS = re.compile(r"【([^】]{1,60})】|\[([^\]]{1,60})\]|〔([^〕]{1,60})〕|《([^》]{1,60})》")
_URGENT = re.compile(
    r"重要|緊急|至急|停止|要確認|確認してください|ご確認ください|最終(?:通知|警告|案内)|期限|"
    r"\burgent\b|\bimportant\b|suspend|\bverify\b|verification|action required|final notice|"
    r"\bimmediately\b|\blocked\b|\bexpir|\bunusual\b|\balert\b",
    re.I,
)


# A run of letters and digits standing alone; _GLUED cuts a token off the word it is glued to
# ("PontosU61vwYWxj8AIABfL0" → "Pontos", "U61vwYWxj8AIABfL0").
_TOKEN = re.compile(r"(?<![\w/=.%+@-])[A-Za-z0-9]{10,60}(?![\w@/=.%-])")
_GLUED = re.compile(r"(?<=[a-z]{4})(?=[A-Z])")
_WORDLIKE = re.compile(r"[a-z]{4}")
# A long number in a sender's name; not a phone number (0312345678, +81…).
_LONG_NUMBER = re.compile(r"(?<![\d.,/+-])(?!0\d{9,10}(?!\d))\d{8,}(?![\d.,/-]|\s?(?:円|yen|jpy|usd|eur))", re.I)


def random_token(text: str) -> str:
    """A machine-made random string in `text`: upper and lower case and digits mixed with
    many case changes ("fg46qFdZiRVH3jI"). Order and ticket numbers are digits or capitals;
    words and names change case once or twice and have runs of small letters ("McDonald",
    "iPhone15ProMax")."""
    tokens = [piece for m in _TOKEN.finditer(text) for piece in _GLUED.split(m.group(0))]
    for token in tokens:
        if len(token) < 10 or _WORDLIKE.search(token):
            continue
        upper = sum(c.isupper() for c in token)
        lower = sum(c.islower() for c in token)
        digits = sum(c.isdigit() for c in token)
        if upper < 2 or lower < 2 or digits < 1:
            continue
        changes = sum(1 for a, b in itertools.pairwise(token) if _kind(a) != _kind(b))
        if changes >= max(5, 0.4 * len(token)):
            return token
    return ""


def _kind(char: str) -> int:
    return 0 if char.isdigit() else (1 if char.isupper() else 2)


def _filter_headers(ctx: Context) -> list[Evidence]:
    """Verdict headers a filter on the way added: above the last Received line (below it, the
    sender could have written them)."""
    received = [i for i, (name, _) in enumerate(ctx.msg.headers) if name.lower() == "received"]
    limit = received[-1] if received else len(ctx.msg.headers)
    out = []
    for name, value in ctx.msg.headers[:limit]:
        lname = name.lower()
        for header, pattern, _note in ctx.kb.spam_headers:
            if lname == header and pattern.search(value):
                out.append(Evidence("header", value[:300], name))
                break
    return out


# Words joined by underscores or dots in place of spaces: "_Your_Offer_is_Ready_",
# "Your.transaction.0.7495.Bitcoin.", "jouw..mening..en..win".
_SEPARATORS = re.compile(r"[_.]+")
_WORD = re.compile(r"[^\W\d_][^\W_]*")
# A host name or a file name is not that: "mail.example.com", "report_2024_q3.pdf".
_NAMEISH = re.compile(r"\.(?:[a-z]{2,3}|html?|docx?|xlsx?|pptx?|pdf|zip|rpm|tar|gz|jpe?g|png|txt)[)\]]?$", re.I)


def joined_words(text: str, dots: bool = True) -> str:
    """The space-free run of `text` written with underscores (or dots) between its words, when
    that run is most of it; '' otherwise. Code identifiers are lower case ("spam_level_char") or
    short parts of a longer sentence ("introduce arch_enter_from_user_mode")."""
    body = _PREFIX.sub("", text[:500]).strip()
    letters = len(body.replace(" ", ""))
    for run in body.split():
        if len(run) < 0.6 * letters or run.islower() or (not dots and "_" not in run):
            continue
        words = [w for w in _SEPARATORS.split(run) if len(w) >= 2 and _WORD.fullmatch(w)]
        if len(words) >= 3 and not _NAMEISH.search(run.rstrip("_.!?#*~")):
            return run
    return ""


# The findings appear in this order: joined words, stamp, random token, the recipient's address,
# a filter's verdict, a bracketed brand, urgency.


@rule("SUBJECT_JOINED_WORDS")
def joined(ctx: Context) -> Iterator[Finding]:
    if ctx.is_list_mail or ctx.in_thread:
        return
    name = ctx.from_addr.display_name if ctx.from_addr else ""
    # A name written "Mary.Ann.Smith" is a person's; only underscores count there.
    for where, text in (("Subject", ctx.msg.subject), ("From", name)):
        run = joined_words(text, dots=where == "Subject")
        if run:
            yield ctx.finding("SUBJECT_JOINED_WORDS", [Evidence("header", text[:160], where)], 0.8, text=run[:80])
            return


@rule("SUBJECT_SPAM_STAMP")
def spam_stamp(ctx: Context) -> Iterator[Finding]:
    subject = ctx.subject_norm
    body = _PREFIX.sub("", subject)
    for stamp in ctx.kb.spam_stamps:
        if body.startswith(stamp) or subject.startswith(stamp):
            yield ctx.finding("SUBJECT_SPAM_STAMP", [Evidence("header", ctx.msg.subject, "Subject")], stamp=stamp)
            return


@rule("SUBJECT_RANDOM_TOKEN")
def unique_token(ctx: Context) -> Iterator[Finding]:
    """Each copy made unique (a hash-buster): a random string in the subject, or a long
    reference number or random string in the sender's display name. Genuine senders put
    order numbers in the subject, not random mixed-case strings, and never in their name."""
    subject = ctx.msg.subject
    token = random_token(subject)
    if token:
        yield ctx.finding("SUBJECT_RANDOM_TOKEN", [Evidence("header", subject, "Subject")], token=token, part="subject")
        return
    name = ctx.from_addr.display_name if ctx.from_addr else ""
    if name and "@" not in name:
        token = random_token(name) or next((m.group(0) for m in _LONG_NUMBER.finditer(name)), "")
        if token:
            yield ctx.finding(
                "SUBJECT_RANDOM_TOKEN", [Evidence("header", name, "From")], 0.8, token=token, part="sender name"
            )


@rule("SUBJECT_RECIPIENT_ADDRESS")
def recipient_address(ctx: Context) -> Iterator[Finding]:
    """The subject addresses the reader by their mail address ("john@example.com, your order
    ..."): a bulk sender who knows nothing but the address makes the mail look personal with it.
    Not counted where the address belongs in the subject: list mail and replies in a thread,
    mail from the reader's own domain, a brand's authenticated notice, a calendar invitation
    (which names the invitee)."""
    subject = ctx.msg.subject.lower()
    if "@" not in subject:
        return
    found = sorted(a for a in ctx.recipients if "@" in a and a in subject)
    if not found:
        return
    if ctx.is_list_mail or ctx.in_thread or ctx.from_own_domain:
        return
    if ctx.authenticated_brand is not None:
        return
    if any(a.declared_type == "text/calendar" for a in ctx.msg.all_attachments()):
        return
    yield ctx.finding(
        "SUBJECT_RECIPIENT_ADDRESS",
        [Evidence("header", ctx.msg.subject, "Subject"), Evidence("header", found[0], "To")],
        0.8,
        address=found[0],
    )


@rule("SUBJECT_FILTER_VERDICT")
def filter_verdict(ctx: Context) -> Iterator[Finding]:
    verdicts = _filter_headers(ctx)
    if verdicts:
        yield ctx.finding("SUBJECT_FILTER_VERDICT", verdicts[:3], 1.0, header=verdicts[0].where)


@rule("SUBJECT_BRAND_BRACKET")
def brand_bracket(ctx: Context) -> Iterator[Finding]:
    subject = ctx.msg.subject
    for match in _BRACKETS.finditer(subject):
        inner = next(g for g in match.groups() if g)
        brands = ctx.kb.brands_in(inner)
        if brands and not ctx.brand_is_legit_sender(brands[0][0]):
            yield ctx.finding(
                "SUBJECT_BRAND_BRACKET",
                [Evidence("header", subject, "Subject")],
                0.8,
                brand=brands[0][0].name_en,
                text=match.group(0),
            )
            return


@rule("SUBJECT_URGENCY")
def urgency(ctx: Context) -> Iterator[Finding]:
    subject = ctx.msg.subject
    urgent = sorted({normalise(m.group(0)) for m in _URGENT.finditer(subject)})
    if urgent:
        yield ctx.finding(
            "SUBJECT_URGENCY",
            [Evidence("header", subject, "Subject")],
            0.6 if len(urgent) == 1 else 0.9,
            words=", ".join(urgent),
        )
