"""`mailautopsy campaigns`: the store's campaigns as a table, JSON or an HTML page.

    mailautopsy campaigns --store results.db [--since 2025-01-01] [--format table|json|html]
    mailautopsy campaigns --store results.db --build ~/archive/2025.mbox ~/Maildir

`--build` first analyses the mails under the paths (files, mbox, Maildir, folders) and adds each
to its campaign (a mail already in the store is counted once), the way `scan --store` does.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .analyze import analyze
from .campaign import Campaign, CampaignIndex
from .errors import InputError
from .parse.sources import message_bytes, not_mail_reason
from .render.campaigns import text, to_html, to_json, verdict_name
from .scan import iter_items


def store_url(value: str) -> str:
    """A database URL; a plain path is an SQLite file."""
    return value if "://" in value else f"sqlite:///{Path(value).expanduser().resolve()}"


def _since(value: str) -> datetime:
    try:
        day = datetime.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"a date like 2025-01-31 (got {value!r})") from exc
    return day if day.tzinfo is not None else day.replace(tzinfo=UTC)


def add_subparser(sub: Any) -> None:
    c = sub.add_parser("campaigns", help="near-duplicate mails grouped into campaigns (from a store)")
    c.add_argument("--store", required=True, help="the store: an SQLite file or a postgresql:// URL")
    c.add_argument("--since", type=_since, help="only campaigns seen since this date (YYYY-MM-DD)")
    c.add_argument("--format", choices=("table", "json", "html"), default="table")
    c.add_argument("--lang", choices=("ja", "en"), default=None)
    c.add_argument("--limit", type=int, default=50, help="the largest N campaigns (0: all)")
    c.add_argument("--min-size", type=int, default=1, help="only campaigns of at least N mails")
    c.add_argument("--build", nargs="+", type=Path, metavar="PATH", help="first add the mails under these paths")
    c.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    c.set_defaults(run=run)


def build(index: CampaignIndex, paths: list[Path]) -> int:
    """Analyse every mail under `paths` and add it to its campaign; returns how many were read."""
    from .store.campaigns import record as record_mail

    errors: list[str] = []
    count = 0
    for item in iter_items(paths, errors):
        loaded = item.loaded()
        if loaded.error or not loaded.data or not_mail_reason(loaded.data):
            continue  # what is not a mail (a notes file beside the mails) belongs to no campaign
        raw = message_bytes(loaded.data)
        result = analyze(raw, loaded.source, campaigns=index, defects=loaded.defects)
        record_mail(index, sha256(raw).hexdigest(), result)
        count += 1
    if errors:
        raise InputError("; ".join(errors))
    return count


def table(campaigns: list[Campaign], lang: str) -> Table:
    t = Table(title=text(lang, "title"), show_lines=False)
    for key in ("id", "size", "first_seen", "last_seen"):
        t.add_column(text(lang, key), justify="right" if key == "size" else "left", no_wrap=True)
    for key in ("brands", "verdicts", "subject"):
        t.add_column(text(lang, key), overflow="fold", ratio=3 if key == "subject" else 1)
    for c in campaigns:
        t.add_row(
            c.label,
            f"{c.size:,}",
            c.first_seen.date().isoformat(),
            c.last_seen.date().isoformat(),
            Text(", ".join(b for b, _ in c.brands.most_common(2))),
            Text(", ".join(f"{verdict_name(lang, v)} {n}" for v, n in c.verdicts.most_common(3))),
            Text(c.subject[:80]),  # Text: the mail's words are never read as rich markup
        )
    return t


def run(args: argparse.Namespace) -> int:
    from .cli import _default_lang

    lang = args.lang or _default_lang()
    from .store.campaigns import open_index  # the database layer only for this command

    index = open_index(store_url(args.store))
    if args.build:
        read = build(index, args.build)
        print(f"mailautopsy: {read} mails added to campaigns", file=sys.stderr)
    campaigns = [c for c in index.storage.summaries(args.since, args.limit or None) if c.size >= args.min_size]
    since = args.since.date().isoformat() if args.since else ""
    if args.format == "table":
        console = Console(file=args.output.open("w", encoding="utf-8") if args.output else None)
        console.print(table(campaigns, lang) if campaigns else text(lang, "none"))
        return 0
    out = to_json(campaigns) if args.format == "json" else to_html(campaigns, lang, since)
    if args.output:
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0
