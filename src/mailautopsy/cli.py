"""Command line: `mailautopsy analyze`, `report` and `scan` (thin adapters over analyze())."""

from __future__ import annotations

import argparse
import hashlib
import locale
import os
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .analyze import Analysis, analyze
from .campaign import CampaignIndex, CampaignRecord
from .campaigncli import add_subparser as add_campaigns_subparser
from .errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_NOT_MAIL,
    EXIT_USAGE,
    VERDICT_EXIT,
    AnalysisTimeout,
    InputError,
    KnowledgeError,
    MailautopsyError,
    NotMailError,
    time_limit,
)
from .imapsource import ImapError, ImapOptions, ImapSource, is_imap_url, list_folders, parse_url
from .milter.service import add_subparser as add_milter_subparser
from .parse.sources import Item, iter_file, iter_input, message_bytes, not_mail_reason, split_messages
from .progress import ScanProgress, input_bytes
from .render.article import ReportOptions
from .render.csv import CsvWriter
from .render.json import dumps, to_dict
from .render.report import FORMATS, render_report
from .render.text import render_text
from .scan import CSV_COLUMNS, Summary, iter_items, scan_results, skipped_result, summary_of
from .settings import DEFAULT_SETTINGS
from .training import add_commands, model_path, open_model

if TYPE_CHECKING:
    from .enrich.investigate import OnlineOptions
    from .store.results import ResultStore


def _default_lang() -> str:
    for var in ("MAILAUTOPSY_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "ja" if loc.lower().startswith("ja") else "en"


def _online_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("online investigation (nothing touches the network without --online or --visit)")
    g.add_argument("--online", action="store_true", help="look up DNS, SPF/DKIM/DMARC, RDAP, GeoIP, feeds")
    g.add_argument("--visit", action="store_true", help="also open the links in a sandboxed headless Chromium")
    g.add_argument("--resolver", default=None, metavar="HOST[:PORT]", help="DNS server (default: the system's)")
    g.add_argument("--cache", type=Path, default=None, metavar="FILE", help="SQLite lookup cache file")
    g.add_argument("--no-cache", action="store_true", help="keep lookups in memory for this run only")
    g.add_argument("--feed", type=Path, action="append", default=[], metavar="FILE", help="threat feed file")
    g.add_argument(
        "--geoip-db",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="MaxMind/DB-IP .mmdb (City/Country and ASN) instead of the bundled data",
    )
    g.add_argument("--timeout", type=float, default=None, help="seconds per lookup (default 5)")
    g.add_argument("--budget", type=float, default=None, help="seconds for all lookups of a message (default 60)")
    g.add_argument(
        "--urlscan-submit",
        action="store_true",
        help="submit links urlscan.io never scanned (needs a urlscan.io key; unlisted unless configured)",
    )


def _online_options(args: argparse.Namespace) -> OnlineOptions | None:
    """Options from the command line and the config file's [online] table (command line wins)."""
    if not (args.online or args.visit):
        return None
    from .enrich.cache import default_path
    from .enrich.investigate import OnlineOptions

    conf: dict[str, Any] = {}
    if args.config is not None:
        try:
            conf = tomllib.loads(args.config.read_text(encoding="utf-8")).get("online", {})
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise KnowledgeError(f"{args.config}: {exc}") from exc
    cache = None if args.no_cache else (args.cache or (Path(conf["cache"]) if conf.get("cache") else default_path()))
    feeds = tuple(args.feed) + tuple(Path(f) for f in conf.get("feeds", []))
    geoip = tuple(args.geoip_db) + tuple(Path(f) for f in conf.get("geoip_databases", []))
    for path in feeds + geoip:
        if not path.is_file():
            raise InputError(f"{path} not found")
    from .enrich.intel import intel_settings

    try:  # keys from the environment or the config file, never from the command line
        intel = intel_settings(conf, submit=bool(getattr(args, "urlscan_submit", False)))
    except ValueError as exc:
        raise KnowledgeError(f"{args.config}: [online] {exc}") from None
    return OnlineOptions(
        resolver=args.resolver or conf.get("resolver"),
        timeout=args.timeout or float(conf.get("timeout", 5.0)),
        budget=args.budget or float(conf.get("budget", 60.0)),
        cache_path=cache,
        rdap_bootstrap=str(conf.get("rdap_bootstrap", OnlineOptions.rdap_bootstrap)),
        whois_server=conf.get("whois_server"),
        feeds=feeds,
        geoip_databases=geoip,
        visit=args.visit,
        allow_private=bool(conf.get("allow_private_targets", False)),
        browser=str(conf.get("browser", OnlineOptions.browser)),
        intel=intel,
    )


_ONLY = ("phishing", "suspicious", "spam", "clean", "not_mail", "unreadable")


def _only(value: str) -> frozenset[str]:
    chosen = frozenset(v.strip().lower().replace("-", "_") for v in value.split(",") if v.strip())
    unknown = sorted(chosen - set(_ONLY))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {','.join(_ONLY)} (got {value!r})")
    return chosen


def _analyze_parser(sub: Any) -> None:
    a = sub.add_parser("analyze", help="dissect one message (.eml, .msg, or - for stdin)")
    a.add_argument("file", help="message file, or - to read standard input")
    a.add_argument("--format", choices=("text", "json"), default="text")
    a.add_argument("--lang", choices=("ja", "en"), default=None, help="language of the text output")
    a.add_argument("--width", type=int, default=None, help="terminal width for text output")
    a.add_argument(
        "--headers",
        action="store_true",
        help="add a table of every header: decoded, raw, Received hop, authserv-id (JSON: extracted.headers)",
    )
    a.add_argument("--verbose", action="store_true", help="show finding ids and the parser's own words for each defect")
    a.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML file with your own brands and trusted domains",
    )
    _store_argument(a)
    _online_arguments(a)


def _scan_parser(sub: Any) -> None:
    s = sub.add_parser("scan", help="analyse every message under paths (files, mbox, Maildir, folders, IMAP)")
    s.add_argument(
        "paths", nargs="+", help="files, mbox files, Maildirs, folders, imaps://user@host/FOLDER; - for standard input"
    )
    shape = s.add_mutually_exclusive_group()
    shape.add_argument("--jsonl", action="store_true", help="one JSON object per line on stdout")
    shape.add_argument(
        "--csv",
        action="store_true",
        help="one CSV row per message on stdout: source, status, date, from, subject, verdict, score, brand, "
        "top findings (cells starting with = + - @ are prefixed with ')",
    )
    s.add_argument(
        "--only",
        type=_only,
        default=frozenset(),
        metavar="VERDICTS",
        help="output only these, comma-separated: " + ",".join(_ONLY) + " (the counts still cover every message)",
    )
    s.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    s.add_argument(
        "--dask",
        default=None,
        metavar="ADDRESS",
        help="analyse on a Dask cluster: tcp://scheduler:8786, tls://…, or local[:N] (docs/distributed.md)",
    )
    s.add_argument("--lang", choices=("ja", "en"), default=None)
    s.add_argument("--config", type=Path, default=None)
    _store_argument(s)
    _imap_arguments(s)


def _store_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        default=None,
        metavar="URL",
        help="keep every result in this database: a SQLite file (results.db, or the web app's "
        "mailautopsy.sqlite3) or postgresql://…; a scan run again skips what is stored (docs/store.md)",
    )


def _imap_arguments(s: argparse.ArgumentParser) -> None:
    g = s.add_argument_group("IMAP (imaps://user@host/FOLDER, or imap:// with STARTTLS; docs/imap.md)")
    g.add_argument("--list-folders", action="store_true", help="list the account's folders and stop")
    g.add_argument("--imap-cafile", type=Path, default=None, metavar="FILE", help="trust this CA (a private one)")
    g.add_argument(
        "--imap-insecure", action="store_true", help="allow a password without TLS when imap:// has no STARTTLS (lab)"
    )
    g.add_argument("--mark-seen", action="store_true", help="set \\Seen on each message once its result is written")
    g.add_argument("--move-to", default="", metavar="FOLDER", help="move each message there once its result is written")
    g.add_argument(
        "--state", type=Path, default=None, metavar="FILE", help="remember the last UID per folder: read only new mail"
    )


def _extract_parser(sub: Any) -> None:
    x = sub.add_parser("extract", help="write a message's attachments (and archive members) to a folder or a zip")
    x.add_argument("file", help="message file, or - to read standard input")
    x.add_argument(
        "-o", "--output", type=Path, required=True, help="folder to write into; with --zip-password, the zip file"
    )
    x.add_argument(
        "--zip-password",
        default=None,
        metavar="PASSWORD",
        help="pack them in an AES-256 encrypted zip instead (customarily: infected)",
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mailautopsy", description="Dissect suspicious e-mail (ja/en).")
    p.add_argument("--version", action="version", version=f"mailautopsy {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    _analyze_parser(sub)
    r = sub.add_parser("report", help="write an alert article, HTML/PDF report or IOC export for one message")
    r.add_argument("file", help="message file, or - to read standard input")
    r.add_argument(
        "--format", choices=FORMATS, default="md", help="md article (default), html, pdf, iocs (CSV), stix, misp"
    )
    r.add_argument("--lang", choices=("ja", "en"), default=None, help="language of the article")
    r.add_argument(
        "--defang-style",
        choices=("hxxp", "h**p"),
        default="hxxp",
        help="how links are defanged: hxxps://evil[.]example (default) or h**ps://evil[.]example",
    )
    r.add_argument(
        "--keep-recipient",
        action="store_true",
        help="do not mask the recipient's address and name (they are masked with ***** by default)",
    )
    r.add_argument("-o", "--output", type=Path, default=None, help="file to write (default: standard output)")
    r.add_argument("--config", type=Path, default=None)
    _online_arguments(r)
    w = sub.add_parser("serve", help="run the web app and HTTP API")
    w.add_argument("--host", default="127.0.0.1")
    w.add_argument("--port", type=int, default=8080)
    w.add_argument(
        "--data-dir", type=Path, default=None, help="database, secret key, cache (default: ~/.local/share/mailautopsy)"
    )
    w.add_argument("--database", default=None, metavar="URL", help="postgresql://user:pass@host/db instead of SQLite")
    w.add_argument("--workers", type=int, default=2, help="analysis processes")
    w.add_argument(
        "--model",
        type=Path,
        default=None,
        metavar="FILE",
        help="the content model analysts' labels train and new analyses use (default: DATA_DIR/model.sqlite3)",
    )
    w.add_argument(
        "--config", type=Path, default=None, help="TOML file; its [online] table sets the online investigation"
    )
    w.add_argument(
        "--tls-cert", type=Path, default=None, help="serve HTTPS with this certificate (cookies become Secure)"
    )
    w.add_argument("--tls-key", type=Path, default=None, help="the certificate's private key")
    u = sub.add_parser("user", help="web app accounts")
    u.add_argument("action", choices=("create",))
    u.add_argument("name")
    u.add_argument("--role", choices=("analyst", "reporter"), default="reporter")
    u.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    u.add_argument("--data-dir", type=Path, default=None)
    u.add_argument("--database", default=None, metavar="URL")
    t = sub.add_parser("token", help="API tokens for scripts (printed as the last word)")
    t.add_argument("action", choices=("create",))
    t.add_argument("--role", choices=("analyst", "reporter"), default="reporter")
    t.add_argument("--user", default=None, help="the token's account (default: a new account for scripts)")
    t.add_argument("--data-dir", type=Path, default=None)
    t.add_argument("--database", default=None, metavar="URL")
    c = sub.add_parser("cache", help="the online lookup cache: stats or clear")
    c.add_argument("action", choices=("stats", "clear"))
    c.add_argument("--cache", type=Path, default=None, metavar="FILE")
    _scan_parser(sub)
    _extract_parser(sub)
    add_milter_subparser(sub)
    add_campaigns_subparser(sub)  # mailautopsy campaigns (campaigncli.py)
    add_commands(sub)  # learn, model and --model (training.py)
    return p


def _quiet_stdout() -> None:
    """The reader of standard output went away (`analyze … | head`): send what is left to
    /dev/null, so that the interpreter's final flush does not complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _write(text: str) -> None:
    """Text to standard output as UTF-8 whatever PYTHONIOENCODING says (JSON is UTF-8 by contract)."""
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    out.write(text.encode("utf-8", "replace"))
    out.flush()


def _read_one(args: argparse.Namespace) -> Item:
    if args.file == "-":
        data = sys.stdin.buffer.read()
        if not data:
            raise InputError("standard input is empty")
        items = list(split_messages(data, "-", DEFAULT_SETTINGS.limits))
    else:
        items = list(iter_file(Path(args.file), DEFAULT_SETTINGS.limits))
    if items and items[0].error:
        raise InputError(items[0].error)
    if len(items) != 1:
        raise InputError(f"{args.file} holds {len(items)} messages; use `mailautopsy scan` for mailboxes")
    return items[0]


def _analyse_one(args: argparse.Namespace) -> Analysis:
    return _analysed(args, None)[0]


def _campaign_index(store: ResultStore | None) -> CampaignIndex | None:
    if store is None:
        return None
    from .store.campaigns import SqlStorage

    return CampaignIndex(SqlStorage(store.engine))


def _analysed(args: argparse.Namespace, store: ResultStore | None) -> tuple[Analysis, str, CampaignRecord | None]:
    """The one message analysed, the SHA-256 of its bytes and, with a store, its campaign: with
    a store it is judged against the store's sender history and campaigns, and stored in both."""
    item = _read_one(args)
    reason = not_mail_reason(item.data)
    if reason:
        raise NotMailError(f"{item.source}: not an e-mail message ({reason})")
    online = _online_options(args)
    sha = hashlib.sha256(item.data).hexdigest()
    campaigns = _campaign_index(store)
    # analyze() keeps the message's time budget stage by stage (partial results survive); this
    # alarm is only the last resort around all of it.
    limit = DEFAULT_SETTINGS.limits.time_limit_seconds + (online.budget + 4 * online.visit_timeout if online else 0)
    with time_limit(int(2 * limit + 10)):
        raw = message_bytes(item.data)
        result = analyze(
            raw,
            item.source,
            DEFAULT_SETTINGS,
            args.config,
            online,
            defects=item.defects,
            model=open_model(args),
            history=store.history(sha) if store is not None else None,
            campaigns=campaigns,
        )
    if store is None or campaigns is None:
        return result, sha, None
    from .sink import row_of
    from .store.campaigns import record

    obj = to_dict(result)
    obj["source"] = item.source if item.source == "-" else os.path.abspath(item.source)
    store.put([row_of(dumps(obj), replace(summary_of(obj), sha256=sha))])
    return result, sha, record(campaigns, sha, result)


def _campaign_note(campaign: CampaignRecord, lang: str) -> str:
    """The campaign the stored mail joined: a new one, or one seen before (and since when)."""
    if campaign.new:
        return _ui(lang, "store_campaign_new", campaign=campaign.label)
    first = campaign.first_seen.date().isoformat()
    return _ui(lang, "store_campaign_seen", campaign=campaign.label, count=campaign.size, first=first)


def _sender_note(store: ResultStore, sha: str, result: Analysis, lang: str) -> str:
    """Whether the store had heard from this sender before (what SENDER_FIRST_SEEN was told)."""
    saved = _ui(lang, "store_saved", store=store.display)
    if not result.message.from_ or "@" not in result.message.from_[0].address:
        return f"{_ui(lang, 'store_sender_none')}\n{saved}"
    address = result.message.from_[0].address
    record = store.history(sha).lookup(address)
    if record is None:
        return f"{_ui(lang, 'store_sender_new', address=address)}\n{saved}"
    first = record.first_seen.date().isoformat()
    return f"{_ui(lang, 'store_sender_seen', address=address, count=record.messages, first=first)}\n{saved}"


def _cmd_analyze(args: argparse.Namespace) -> int:
    if args.store is None:
        return _analyze_to(args, None)
    from .store.results import ResultStore  # the database layer only with --store

    store = ResultStore(args.store)
    try:
        return _analyze_to(args, store)
    finally:
        store.close()


def _analyze_to(args: argparse.Namespace, store: ResultStore | None) -> int:
    try:
        result, sha, campaign = _analysed(args, store)
    except NotMailError as exc:
        if args.format != "json":
            raise
        print(f"mailautopsy: {exc}", file=sys.stderr)
        _write(dumps(skipped_result(args.file, "not_mail", "NOT_MAIL", str(exc)), indent=2) + "\n")
        return EXIT_NOT_MAIL
    code = VERDICT_EXIT.get(result.verdict, 0)
    try:
        if args.format == "json":
            _write(dumps(to_dict(result, headers=args.headers), indent=2) + "\n")
        else:
            try:
                lang = args.lang or _default_lang()
                render_text(result, lang, width=args.width, verbose=args.verbose, headers=args.headers)
            except SystemExit:  # rich's answer to a closed pipe: it has already silenced stdout
                return code
            sys.stdout.flush()
        if store is not None:
            lang = args.lang or _default_lang()
            note = _sender_note(store, sha, result, lang)
            if campaign is not None:
                note = f"{_campaign_note(campaign, lang)}\n{note}"
            print(note, file=sys.stderr if args.format == "json" else sys.stdout, flush=True)
    except BrokenPipeError:
        _quiet_stdout()
    return code


def _cmd_report(args: argparse.Namespace) -> int:
    result = _analyse_one(args)
    options = ReportOptions(
        lang=args.lang or _default_lang(),
        defang_style=args.defang_style,
        keep_recipient=args.keep_recipient,
    )
    if args.format == "pdf" and args.output is None and sys.stdout.isatty():
        raise InputError("a PDF is not written to a terminal: add -o report.pdf")
    data = render_report(result, args.format, options, args.config)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            args.output.write_bytes(data)
        except OSError as exc:
            raise InputError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extracted_files, manifest, protected_zip, write_folder

    item = _read_one(args)
    reason = not_mail_reason(item.data)
    if reason:
        raise NotMailError(f"{item.source}: not an e-mail message ({reason})")
    files = extracted_files(item.data, DEFAULT_SETTINGS)
    info = manifest(files, item.source, item.data)
    if args.zip_password is not None:
        target = args.output / "attachments.zip" if args.output.is_dir() else args.output
        try:
            with target.open("xb") as fh:
                fh.write(protected_zip(files, info, args.zip_password))
        except OSError as exc:
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        written = [target]
    else:
        written = write_folder(files, args.output, info)
    for f in files:
        shown = f.name or f"({f.note})"
        print(f"{_safe(shown)}\t{f.sniffed_type}\t{f.size}\t{f.sha256 or '-'}")
    count = sum(1 for f in files if f.name)
    print(f"mailautopsy: {count} file(s) and manifest.json written to {written[-1]}", file=sys.stderr)
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir is not None:
        return Path(args.data_dir)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mailautopsy"


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy import func, select

    from .store.db import User
    from .web.app import WebSettings, create_app

    data_dir = _data_dir(args)
    # The [online] table of the config file and the paid lookups' keys in the server's environment;
    # the lookup cache lives in the data directory.
    defaults: dict[str, Any] = {"online": True, "visit": False, "resolver": None, "no_cache": False, "feed": []}
    defaults["geoip_db"] = []
    defaults.update(cache=data_dir / "cache.sqlite3", timeout=None, budget=None, config=args.config)
    online = _online_options(argparse.Namespace(**defaults))
    settings = WebSettings(
        data_dir=data_dir,
        database_url=args.database,
        processes=max(1, args.workers),
        online=online,
        model=args.model,
    )
    app = create_app(settings)
    with app.state.engine.connect() as conn:
        analysts = conn.execute(select(func.count()).select_from(User).where(User.role == "analyst")).scalar()
    if not analysts:
        where = f" --data-dir {settings.data_dir}" if args.data_dir else ""
        db = f" --database {args.database}" if args.database else ""
        print(
            "No analyst account yet. Create the first one with:\n"
            f"  mailautopsy user create admin --role analyst{where}{db}\n"
            "and an API token for scripts with:\n"
            f"  mailautopsy token create --role analyst{where}{db}",
            file=sys.stderr,
        )
    scheme = "https" if args.tls_cert else "http"
    print(f"mailautopsy web app on {scheme}://{args.host}:{args.port}/ (data: {settings.data_dir})", file=sys.stderr)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        proxy_headers=False,
        ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
        ssl_keyfile=str(args.tls_key) if args.tls_key else None,
    )
    return 0


def _accounts(args: argparse.Namespace) -> Any:
    from .store.db import make_engine, migrate, session_factory
    from .web.security import load_key

    data_dir = _data_dir(args)
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(args.database or f"sqlite:///{data_dir / 'mailautopsy.sqlite3'}")
    migrate(engine, load_key(data_dir))  # the key: a migration reads the server's signed old results
    return session_factory(engine)


def _cmd_user(args: argparse.Namespace) -> int:
    import getpass

    from .web.security import create_user

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"password for {args.name}: ")
        if password != getpass.getpass("again: "):
            raise InputError("the passwords differ")
    if len(password) < 10:
        raise InputError("the password needs at least 10 characters")
    with _accounts(args).begin() as db:
        try:
            create_user(db, args.name, args.role, password)
        except ValueError as exc:
            raise InputError(str(exc)) from exc
    print(f"created {args.role} {args.name}")
    return 0


def _cmd_token(args: argparse.Namespace) -> int:
    import secrets as _secrets

    from sqlalchemy import select

    from .store.db import User
    from .web.security import create_token, create_user

    with _accounts(args).begin() as db:
        if args.user:
            user = db.scalar(select(User).where(User.name == args.user))
            if user is None:
                raise InputError(f"no user {args.user!r}")
        else:
            user = create_user(db, f"api-{args.role}-{_secrets.token_hex(3)}", args.role)
        token = create_token(db, user, label="cli")
    print(f"API token for {user.name} ({user.role}); send it as 'Authorization: Bearer …':")
    print(token)
    return 0


def _cmd_cache(args: argparse.Namespace) -> int:
    from .enrich.cache import Cache, default_path

    path = args.cache or default_path()
    cache = Cache(path)
    try:
        if args.action == "clear":
            print(f"{path}: {cache.clear()} records removed")
        else:
            stats = cache.stats()
            print(f"{path}")
            for kind, counts in stats.items():
                print(f"  {kind:16s} {counts['fresh']:6d} fresh {counts['expired']:6d} expired")
            if not stats:
                print("  (empty)")
    finally:
        cache.close()
    return 0


def _imap_options(args: argparse.Namespace) -> ImapOptions:
    return ImapOptions(args.imap_cafile, args.imap_insecure, args.mark_seen, args.move_to, args.state)


def _mailboxes(args: argparse.Namespace, store: ResultStore | None = None) -> dict[str, ImapSource]:
    """The IMAP folders among the paths, their passwords found (or asked for) before the scan
    starts; with a store, their last UIDs are kept in it."""
    options = _imap_options(args)
    if store is not None and args.state is not None:
        raise InputError("--state and --store: choose one (with --store the store keeps the IMAP state)")
    state = store.imap_state() if store is not None else None
    return {p: ImapSource(parse_url(p), options, DEFAULT_SETTINGS.limits, state) for p in args.paths if is_imap_url(p)}


def _scan_items(args: argparse.Namespace, errors: list[str], mailboxes: dict[str, ImapSource]) -> Any:
    for path in args.paths:
        if path == "-":
            yield from iter_input(sys.stdin.buffer, "-", DEFAULT_SETTINGS.limits)
        elif path in mailboxes:
            mailbox = mailboxes[path]
            try:
                yield from mailbox.items()
            except ImapError as exc:
                if not mailbox.found:
                    raise  # nothing read: the one-line error and exit 66 right away
                errors.append(str(exc))  # the messages read so far still get their results
        else:
            # With a store the source is the absolute path: a rerun from elsewhere finds it done.
            where = Path(os.path.abspath(path)) if args.store else Path(path)
            yield from iter_items([where], errors, DEFAULT_SETTINGS)


def _cmd_list_folders(args: argparse.Namespace) -> int:
    for path in args.paths:
        if not is_imap_url(path):
            raise InputError(f"--list-folders needs an imaps:// or imap:// address, not {path}")
        for name in list_folders(parse_url(path), _imap_options(args)):
            _write(name + "\n")
    return 0


_TABLE_ROWS = 1000
"""At most this many messages in `scan`'s table; the rest are counted (--csv or --jsonl list all)."""


class _ScanOutput:
    """Where `scan` sends each message: a JSON line (--jsonl), a CSV row (--csv), or a row of the
    summary table (flagged and skipped messages, or those --only selects)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.jsonl: bool = args.jsonl
        self.only: frozenset[str] = args.only
        self.out = getattr(sys.stdout, "buffer", None)
        self.table_rows: list[Summary] = []
        self.rows_left_out = 0
        """Table rows past `_TABLE_ROWS`: counted, not kept (memory stays flat on a huge mailbox)."""
        self.brands: Counter[str] = Counter()
        """Flagged messages per brand they speak for (the summary's top brands)."""
        self.campaign_column = bool(getattr(args, "store", None))
        """With --store the CSV names each message's campaign."""
        columns = (*CSV_COLUMNS, "campaign") if self.campaign_column else CSV_COLUMNS
        self.csv = CsvWriter(self, columns) if args.csv else None
        self.top_campaigns: list[tuple[str, int]] = []
        """The store's largest campaigns after the run (label, mails), for the summary."""

    def write(self, text: str) -> None:
        """Text to standard output as UTF-8 (the CSV writer's stream)."""
        if self.out is not None:
            self.out.write(text.encode("utf-8", "replace"))
        else:
            sys.stdout.write(text)

    def add(self, line: str, summary: Summary, campaign: str = "") -> None:
        if summary.brand and summary.status == "analysed" and summary.verdict != "clean":
            self.brands[summary.brand] += 1
        if self.only and (summary.verdict if summary.status == "analysed" else summary.status) not in self.only:
            return
        if self.jsonl:
            self.write(line + "\n")
        elif self.csv is not None:
            self.csv.row([*summary.csv_values(), campaign] if self.campaign_column else summary.csv_values())
        elif self.only or summary.verdict != "clean" or summary.status != "analysed":
            if len(self.table_rows) < _TABLE_ROWS:
                self.table_rows.append(summary)
            else:
                self.rows_left_out += 1

    def flush(self) -> None:
        if self.out is not None:
            self.out.flush()
        else:
            sys.stdout.flush()


class _NoProgress:
    """Progress when standard error is not a terminal: nothing drawn."""

    def feed(self, items: Iterable[Item]) -> Iterable[Item]:
        return items

    def tick(self) -> None:
        pass


@contextmanager
def _progress(paths: list[str], lang: str) -> Iterator[_NoProgress | ScanProgress]:
    """Messages done, their rate, and a bar with the time left when the input's size is known,
    on a terminal's standard error (progress.py); nothing otherwise."""
    if not sys.stderr.isatty():
        yield _NoProgress()
        return
    with ScanProgress(input_bytes(paths), _ui(lang, "scan_progress_messages")) as progress:
        yield progress


def _cmd_scan(args: argparse.Namespace) -> int:
    if args.list_folders:
        return _cmd_list_folders(args)
    store = None
    if args.store:
        from .store.results import ResultStore  # the database layer only with --store

        store = ResultStore(args.store)
    try:
        return _scan(args, store)
    finally:
        if store is not None:
            store.close()


class _StoreRun:
    """`scan --store`: what the store holds is skipped before it reaches a worker, every result
    goes to it in batches, and an IMAP message is marked, moved and remembered only once its
    result is committed."""

    def __init__(self, store: ResultStore, mailboxes: list[ImapSource], output: _ScanOutput) -> None:
        def done(source: str) -> None:
            _done(mailboxes, output, source)

        def committed(sources: list[str]) -> None:
            for source in sources:
                done(source)

        from .sink import StoredFilter, StoreSink

        self.filter = StoredFilter(store, DEFAULT_SETTINGS.limits, skipped=done)
        self.sink = StoreSink(store, committed=committed)
        self.campaigns = _campaign_index(store)

    def add(self, line: str, summary: Summary) -> str:
        """A result in input order: its mail joins its campaign first, then the result goes to the
        store (a rerun after a kill between the two adds the mail again: adding is idempotent).
        The campaign's label, or "" for a message that was not analysed."""
        label = ""
        if summary.campaign is not None and self.campaigns is not None:
            label = self.campaigns.add_skeleton(*summary.campaign).label
        self.sink.add(line, summary)
        return label

    def top_campaigns(self, limit: int = 5) -> list[tuple[str, int]]:
        """The store's largest campaigns of two mails or more."""
        if self.campaigns is None:
            return []
        largest = self.campaigns.storage.summaries(limit=limit)  # by size, in the database
        return [(c.label, c.size) for c in largest if c.size > 1]

    def merge(self, counts: Counter[str], lang: str) -> int:
        """Counts the messages skipped as already stored like the others; their worst exit code."""
        counts.update(self.filter.counts)
        print(
            f"mailautopsy: {_ui(lang, 'scan_stored', added=self.sink.added, skipped=self.filter.total)}",
            file=sys.stderr,
        )
        return max((VERDICT_EXIT.get(v, 0) for v in self.filter.counts), default=0)


def _scan(args: argparse.Namespace, store: ResultStore | None) -> int:
    errors: list[str] = []
    counts: Counter[str] = Counter()
    lang = args.lang or _default_lang()
    mailboxes = _mailboxes(args, store)
    output = _ScanOutput(args)
    run = _StoreRun(store, list(mailboxes.values()), output) if store is not None else None
    worst = 0
    try:
        with _progress(args.paths, lang) as progress:
            # The bar counts what is skipped as already stored too: it is input gone through.
            items = progress.feed(_scan_items(args, errors, mailboxes))
            if run is not None:
                items = run.filter(items)
            results = _executor(args, items, campaigns=run is not None)
            for line, summary in results:
                _count(counts, summary)
                if summary.status == "analysed":
                    worst = max(worst, VERDICT_EXIT.get(summary.verdict, 0))
                campaign = run.add(line, summary) if run is not None else ""
                output.add(line, summary, campaign)
                if run is None:
                    _done(list(mailboxes.values()), output, summary.source)
                progress.tick()
            output.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return worst
    finally:
        _finish(run, mailboxes)
    if run is not None:
        worst = max(worst, run.merge(counts, lang))
        output.top_campaigns = run.top_campaigns()
    return _scan_end(args, errors, counts, lang, output, bool(mailboxes), worst)


def _finish(run: _StoreRun | None, mailboxes: dict[str, ImapSource]) -> None:
    """What is analysed goes to the store (also on Ctrl-C), then the mailboxes save their state."""
    try:
        if run is not None:
            run.sink.close()
    finally:
        for mailbox in mailboxes.values():
            mailbox.close()


def _scan_end(
    args: argparse.Namespace,
    errors: list[str],
    counts: Counter[str],
    lang: str,
    output: _ScanOutput,
    imap: bool,
    worst: int,
) -> int:
    for err in errors:
        print(f"mailautopsy: {err}", file=sys.stderr)
    total = sum(counts[v] for v in ("phishing", "suspicious", "spam", "clean"))
    if not total and not counts["not_mail"] and not counts["unreadable"]:
        if imap and not errors and all(is_imap_url(p) for p in args.paths):
            print(f"mailautopsy: {_ui(lang, 'scan_no_new_mail')}", file=sys.stderr)
            return 0  # a watched folder with nothing new is no error
        print(f"mailautopsy: {_ui(lang, 'scan_no_messages')}", file=sys.stderr)
        return EXIT_INPUT
    try:
        _summary(output, counts, lang, to_stderr=args.jsonl or args.csv)
    except BrokenPipeError:
        _quiet_stdout()
    if worst:
        return worst
    if counts["unreadable"] or errors:
        return EXIT_INPUT
    if counts["not_mail"]:
        return EXIT_NOT_MAIL
    return 0


def _executor(args: argparse.Namespace, items: Any, campaigns: bool = False) -> Iterator[tuple[str, Summary]]:
    """The local worker processes, or the Dask cluster of --dask: the same results either way.
    `campaigns`: each summary carries what the store's campaigns record (`scan --store`)."""
    if args.dask:
        from .distributed import dask_results

        return dask_results(items, args.dask, DEFAULT_SETTINGS, args.config, model_path(args), campaigns=campaigns)
    return scan_results(items, args.workers, DEFAULT_SETTINGS, args.config, model_path(args), campaigns)


def _done(mailboxes: list[ImapSource], output: _ScanOutput, source: str) -> None:
    """A message's result is out: its mailbox may now mark it seen or move it."""
    if mailboxes:
        output.flush()
        for mailbox in mailboxes:
            mailbox.done(source)


def _ui(lang: str, key: str, **params: object) -> str:
    from .i18n import ui

    return ui(lang, key, **params)


def _count(counts: Counter[str], s: Summary) -> None:
    if s.status != "analysed":
        counts[s.status] += 1
        return
    counts[s.verdict] += 1
    counts["incomplete"] += s.incomplete
    counts["truncated"] += s.truncated
    counts["timeout"] += s.timeout


def _safe(text: str) -> str:
    """A file name or source as printable text (undecodable bytes in names become U+FFFD)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _summary(output: _ScanOutput, counts: Counter[str], lang: str, to_stderr: bool = False) -> None:
    """The flagged and skipped messages as a table (not with --jsonl or --csv), and the counts:
    verdicts, the brands flagged mail spoke for most, then the files that were not analysed (not
    mail, unreadable) apart, then analyses cut short (to stderr with --jsonl or --csv)."""
    from rich.console import Console

    from .i18n import ui

    stream = sys.stderr if to_stderr else sys.stdout
    # Piped output keeps whole paths: a table cut to 80 columns would lose the file names.
    console = Console(file=stream, width=None if stream.isatty() else 240)
    if not to_stderr:
        console.print(_scan_table(output.table_rows, lang))
        if output.rows_left_out:
            console.print(ui(lang, "scan_rows_left_out", count=f"{output.rows_left_out:,}"))
    console.print(
        " / ".join(
            f"{ui(lang, f'verdict_{v}')}: {counts.get(v, 0)}" for v in ("phishing", "suspicious", "spam", "clean")
        )
    )
    if output.brands:
        top = ", ".join(f"{brand} {n:,}" for brand, n in output.brands.most_common(5))
        console.print(ui(lang, "scan_top_brands", brands=top))
    if output.top_campaigns:
        top = ", ".join(f"{label} {n:,}" for label, n in output.top_campaigns)
        console.print(ui(lang, "scan_top_campaigns", campaigns=top))
    if counts["not_mail"] or counts["unreadable"]:
        console.print(ui(lang, "scan_problems", not_mail=counts["not_mail"], unreadable=counts["unreadable"]))
    if counts["incomplete"]:
        console.print(
            ui(
                lang,
                "scan_incomplete",
                incomplete=counts["incomplete"],
                truncated=counts["truncated"],
                timeout=counts["timeout"],
            )
        )


def _scan_table(rows: list[Summary], lang: str) -> Any:
    """One row per message: source, verdict (or why it was not analysed), score, brand, sender, subject.
    The mail's own words are `Text`, never markup."""
    from rich.table import Table
    from rich.text import Text

    from .i18n import ui
    from .render.headers import visible

    table = Table(title=ui(lang, "scan_title"))
    for key in ("source", "verdict", "score", "brand", "from", "subject"):
        table.add_column(ui(lang, f"scan_{key}"), overflow="fold")
    for s in rows:
        analysed = s.status == "analysed"
        verdict = ui(lang, f"verdict_{s.verdict}" if analysed else f"scan_status_{s.status}")
        table.add_row(
            Text(_safe(s.source)),
            Text(verdict),
            str(s.score) if analysed else "-",
            Text(s.brand),
            Text(visible(_safe(s.sender))),
            Text(visible(_safe(s.subject[:120]))),
        )
    return table


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else 0
    try:
        if hasattr(args, "run"):
            return int(args.run(args))
        if args.command == "analyze":
            return _cmd_analyze(args)
        if args.command == "report":
            return _cmd_report(args)
        if args.command == "extract":
            return _cmd_extract(args)
        if args.command == "cache":
            return _cmd_cache(args)
        if args.command == "serve":
            return _cmd_serve(args)
        if args.command == "user":
            return _cmd_user(args)
        if args.command == "token":
            return _cmd_token(args)
        if args.command == "milter":
            return int(args.run(args))
        return _cmd_scan(args)
    except MailautopsyError as exc:
        print(f"mailautopsy: {exc}", file=sys.stderr)
        return exc.exit_code
    except AnalysisTimeout as exc:
        print(f"mailautopsy: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception as exc:
        print(f"mailautopsy: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
