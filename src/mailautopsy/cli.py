"""Command line: `mailautopsy analyze`, `report` and `scan` (thin adapters over analyze())."""

from __future__ import annotations

import argparse
import json
import locale
import os
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .analyze import Analysis, analyze
from .errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_USAGE,
    VERDICT_EXIT,
    AnalysisTimeout,
    InputError,
    KnowledgeError,
    MailautopsyError,
    time_limit,
)
from .parse.sources import iter_file, message_bytes
from .render.article import ReportOptions
from .render.json import to_dict
from .render.report import FORMATS, render_report
from .render.text import render_text
from .scan import scan
from .settings import DEFAULT_SETTINGS
from .training import add_commands, model_path, open_model

if TYPE_CHECKING:
    from .enrich.investigate import OnlineOptions


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
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mailautopsy", description="Dissect suspicious e-mail (ja/en).")
    p.add_argument("--version", action="version", version=f"mailautopsy {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="dissect one message (.eml, .msg, or - for stdin)")
    a.add_argument("file", help="message file, or - to read standard input")
    a.add_argument("--format", choices=("text", "json"), default="text")
    a.add_argument("--lang", choices=("ja", "en"), default=None, help="language of the text output")
    a.add_argument("--width", type=int, default=None, help="terminal width for text output")
    a.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML file with your own brands and trusted domains",
    )
    _online_arguments(a)
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
    s = sub.add_parser("scan", help="analyse every message under paths (files, mbox, Maildir, folders)")
    s.add_argument("paths", nargs="+", type=Path)
    s.add_argument("--jsonl", action="store_true", help="one JSON object per line on stdout")
    s.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    s.add_argument("--lang", choices=("ja", "en"), default=None)
    s.add_argument("--config", type=Path, default=None)
    add_commands(sub)  # learn, model and --model (training.py)
    return p


def _analyse_one(args: argparse.Namespace) -> Analysis:
    if args.file == "-":
        data = sys.stdin.buffer.read()
        source = "-"
        if not data:
            raise InputError("standard input is empty")
    else:
        items = list(iter_file(Path(args.file)))
        if len(items) != 1:
            raise InputError(f"{args.file} holds {len(items)} messages; use `mailautopsy scan` for mailboxes")
        source, data = items[0]
    online = _online_options(args)
    # Online lookups have their own budget and timeouts; the limit guards the offline part.
    limit = DEFAULT_SETTINGS.limits.time_limit_seconds + (online.budget + 4 * online.visit_timeout if online else 0)
    with time_limit(int(limit)):
        return analyze(message_bytes(data), source, DEFAULT_SETTINGS, args.config, online, model=open_model(args))


def _cmd_analyze(args: argparse.Namespace) -> int:
    result = _analyse_one(args)
    if args.format == "json":
        json.dump(to_dict(result), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        render_text(result, args.lang or _default_lang(), width=args.width)
    return VERDICT_EXIT.get(result.verdict, 0)


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


def _data_dir(args: argparse.Namespace) -> Path:
    if args.data_dir is not None:
        return Path(args.data_dir)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "mailautopsy"


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy import func, select

    from .web.app import WebSettings, create_app
    from .web.db import User

    data_dir = _data_dir(args)
    online = None
    if args.config is not None:
        # The [online] table of the config file; the lookup cache lives in the data directory.
        defaults: dict[str, Any] = {"online": True, "visit": False, "resolver": None, "no_cache": False, "feed": []}
        defaults["geoip_db"] = []
        defaults.update(cache=data_dir / "cache.sqlite3", timeout=None, budget=None, config=args.config)
        online = _online_options(argparse.Namespace(**defaults))
    settings = WebSettings(data_dir=data_dir, database_url=args.database, processes=max(1, args.workers), online=online)
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
    from .web.db import make_engine, migrate, session_factory

    data_dir = _data_dir(args)
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(args.database or f"sqlite:///{data_dir / 'mailautopsy.sqlite3'}")
    migrate(engine)
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

    from .web.db import User
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


def _cmd_scan(args: argparse.Namespace) -> int:
    errors: list[str] = []
    counts: Counter[str] = Counter()
    lines = scan(args.paths, workers=args.workers, config=args.config, errors=errors, model=model_path(args))
    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn

        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed} messages"),
            transient=True,
            console=__import__("rich.console").console.Console(file=sys.stderr),
        )
        task = progress.add_task("scan", total=None)
        progress.start()
    worst = 0
    table_rows: list[tuple[str, str, int, str]] = []
    try:
        for line in lines:
            obj = json.loads(line)
            counts[obj["verdict"]] += 1
            worst = max(worst, VERDICT_EXIT.get(obj["verdict"], 0))
            if args.jsonl:
                sys.stdout.write(line + "\n")
            else:
                table_rows.append((obj["source"], obj["verdict"], obj["score"], obj["brand"] or ""))
            if progress is not None:
                progress.update(task, advance=1)
    finally:
        if progress is not None:
            progress.stop()
    for err in errors:
        print(f"mailautopsy: {err}", file=sys.stderr)
    if not args.jsonl:
        _summary(table_rows, counts, args.lang or _default_lang())
    if errors and not sum(counts.values()):
        return EXIT_INPUT
    return worst


def _summary(rows: list[tuple[str, str, int, str]], counts: Counter[str], lang: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .i18n import ui

    table = Table(title="mailautopsy scan")
    for col in ("source", "verdict", "score", "brand"):
        table.add_column(col)
    for source, verdict, score, brand in rows:
        if verdict != "clean":
            table.add_row(Text(source), Text(ui(lang, f"verdict_{verdict}")), str(score), Text(brand))
    # Piped output keeps whole paths: a table cut to 80 columns would lose the file names.
    console = Console(width=None if sys.stdout.isatty() else 240)
    console.print(table)
    console.print(
        " / ".join(
            f"{ui(lang, f'verdict_{v}')}: {counts.get(v, 0)}" for v in ("phishing", "suspicious", "spam", "clean")
        )
    )


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
        if args.command == "cache":
            return _cmd_cache(args)
        if args.command == "serve":
            return _cmd_serve(args)
        if args.command == "user":
            return _cmd_user(args)
        if args.command == "token":
            return _cmd_token(args)
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
        return 0
    except Exception as exc:
        print(f"mailautopsy: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
