"""Reading a mailbox where it lives, over IMAP: `scan imaps://user@host/FOLDER`.

Every message becomes one `Item` (source `imaps://user@host/FOLDER;UID=n`, never a password),
so it flows through the same `scan_results` path as a file. Read-only unless asked: the folder
is opened with EXAMINE and bodies are read with BODY.PEEK[], so no flag changes; `--mark-seen`
and `--move-to` open it read-write and act on a message only after its result was written
(`ImapSource.done`).

Bodies are fetched in batches of UIDs bounded in count and bytes (RFC822.SIZE first): a message
over `Limits.max_message_bytes` is read only up to the limit and carries `MESSAGE_TRUNCATED`,
like an oversized file. A dropped connection is reopened (bounded retries with backoff) and the
scan resumes after the last UID yielded. `--state FILE` keeps UIDVALIDITY and the last UID done
per (host, user, folder), so the next run reads only new mail.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import netrc
import os
import ssl
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, unquote, urlsplit

from .errors import InputError
from .model import Defect
from .parse.sources import Item
from .settings import DEFAULT_SETTINGS, Limits

PASSWORD_ENV = "MAILAUTOPSY_IMAP_PASSWORD"
OAUTH2_ENV = "MAILAUTOPSY_IMAP_OAUTH2_TOKEN"
_BATCH_UIDS = 50
_BATCH_BYTES = 16 * 1024 * 1024
"""Bytes of bodies fetched at most in one FETCH (one message over it is fetched alone)."""
_DEFAULT_PORTS = {"imaps": 993, "imap": 143}


class ImapError(InputError):
    """The mailbox could not be read: connection, TLS, login, folder. One line, no credentials."""


@dataclass(frozen=True, slots=True)
class ImapUrl:
    scheme: str
    """imaps (TLS from the start) or imap (STARTTLS)."""
    user: str
    host: str
    port: int
    folder: str
    """'' when none was given (`--list-folders`)."""

    @property
    def base(self) -> str:
        """`imaps://user@host[:port]`, the part of every source that names the account."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == _DEFAULT_PORTS[self.scheme] else f":{self.port}"
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        return f"{self.scheme}://{user}{host}{port}"

    def source(self, uid: int) -> str:
        return f"{self.base}/{quote(self.folder, safe='/')};UID={uid}"

    @property
    def key(self) -> str:
        """The state file's key for this folder."""
        return f"{self.base}/{quote(self.folder, safe='/')}"


def is_imap_url(text: str) -> bool:
    return text.lower().startswith(("imap://", "imaps://"))


def parse_url(text: str) -> ImapUrl:
    """`imaps://user@host[:port]/FOLDER` (user and folder percent-decoded)."""
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ImapError(f"not an IMAP address (imaps://user@host/FOLDER): {_without_password(text)}")
    if parts.password is not None:
        raise ImapError(f"no password in the address, please: use {PASSWORD_ENV} or ~/.netrc")
    try:
        port = parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        raise ImapError(f"bad port in {_without_password(text)}") from None
    user = unquote(parts.username or "")
    return ImapUrl(scheme, user, parts.hostname, port, unquote(parts.path.lstrip("/")))


def _without_password(text: str) -> str:
    head, sep, tail = text.partition("@")
    if sep and ":" in head.split("//", 1)[-1]:
        return head.split("//", 1)[0] + "//***@" + tail
    return text


@dataclass(frozen=True, slots=True)
class ImapOptions:
    cafile: Path | None = None
    insecure: bool = False
    """Allow a password over plain `imap://` when the server offers no STARTTLS (a lab)."""
    mark_seen: bool = False
    move_to: str = ""
    state: Path | None = None
    retries: int = 3
    backoff: float = 1.0
    timeout: float = 60.0

    @property
    def writable(self) -> bool:
        return self.mark_seen or bool(self.move_to)


def _netrc_entry(host: str) -> tuple[str, str] | None:
    """(login, password) for `host` in ~/.netrc, or None."""
    path = Path(os.path.expanduser("~/.netrc"))
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        raise ImapError(f"~/.netrc could not be read{f' (line {line})' if line else ''}") from None
    if entry is None or not entry[2]:
        return None
    return entry[0], entry[2]


def account(url: ImapUrl) -> tuple[str, str]:
    """(user, password): the password from MAILAUTOPSY_IMAP_PASSWORD, else ~/.netrc (machine =
    host; its login also fills a user the address leaves out), else a prompt on a terminal."""
    env = os.environ.get(PASSWORD_ENV)
    if env and url.user:
        return url.user, env
    entry = _netrc_entry(url.host)
    if entry is not None and (not url.user or entry[0] in ("", url.user)):
        return url.user or entry[0], entry[1]
    if not url.user:
        raise ImapError(f"{url.base}: no user (imaps://user@host/FOLDER, or a login in ~/.netrc)")
    if env:
        return url.user, env
    if sys.stdin.isatty():
        return url.user, getpass.getpass(f"IMAP password for {url.base}: ")
    raise ImapError(f"{url.base}: no password ({PASSWORD_ENV}, ~/.netrc, or run on a terminal to be asked)")


def _tls_context(options: ImapOptions) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=str(options.cafile) if options.cafile else None)
    except (OSError, ssl.SSLError) as exc:
        raise ImapError(f"--imap-cafile {options.cafile}: {getattr(exc, 'strerror', None) or exc}") from None


def _open_connection(url: ImapUrl, options: ImapOptions) -> Any:
    """A connected client, TLS done (or refused without it), not logged in."""
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError

    context = _tls_context(options)
    where = f"{url.host}:{url.port}"
    try:
        client = IMAPClient(url.host, url.port, ssl=url.scheme == "imaps", ssl_context=context, timeout=options.timeout)
        if url.scheme == "imap":
            if b"STARTTLS" in client.capabilities():
                client.starttls(context)
            elif not options.insecure:
                client.shutdown()
                raise ImapError(f"{where} offers no STARTTLS: refusing to send a password in clear (--imap-insecure)")
    except ssl.SSLCertVerificationError as exc:
        raise ImapError(f"{where}: TLS certificate not trusted: {exc.verify_message} (--imap-cafile FILE)") from None
    except ssl.SSLError as exc:
        raise ImapError(f"{where}: TLS failed: {exc.reason or exc}") from None
    except OSError as exc:
        raise ImapError(f"{where}: cannot connect: {exc.strerror or exc}") from None
    except IMAPClientError as exc:
        raise ImapError(f"{where}: not an IMAP server we can talk to: {str(exc)[:200]}") from None
    return client


def connect(url: ImapUrl, options: ImapOptions, credentials: Callable[[], tuple[str, str]] | None = None) -> Any:
    """A logged-in client: XOAUTH2 with MAILAUTOPSY_IMAP_OAUTH2_TOKEN when the server offers it,
    else LOGIN with `credentials()` (default: `account`)."""
    from imapclient.exceptions import IMAPClientError

    client = _open_connection(url, options)
    token = os.environ.get(OAUTH2_ENV)
    try:
        if token and url.user and b"AUTH=XOAUTH2" in client.capabilities():
            client.oauth2_login(url.user, token)
        else:
            user, password = (credentials or (lambda: account(url)))()
            client.login(user, password)
    except IMAPClientError:
        _quietly_close(client)
        raise ImapError(f"{url.base}: login failed (wrong user, password or token)") from None
    except ImapError:
        _quietly_close(client)
        raise
    except OSError as exc:
        raise ImapError(f"{url.base}: connection lost while logging in: {exc.strerror or exc}") from None
    return client


def _quietly_close(client: Any) -> None:
    try:
        client.logout()
    except Exception:  # the connection is going anyway
        with contextlib.suppress(Exception):
            client.shutdown()


def list_folders(url: ImapUrl, options: ImapOptions) -> list[str]:
    """The account's folder names, as the server lists them."""
    client = connect(url, options)
    try:
        return sorted(str(name) for _flags, _delim, name in client.list_folders())
    finally:
        _quietly_close(client)


class State:
    """`--state FILE`: UIDVALIDITY and the last UID done per folder (`ImapUrl.key`), as JSON."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.folders: dict[str, dict[str, int]] = {}
        if path is not None and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.folders = {k: {"uidvalidity": int(v["uidvalidity"]), "last_uid": int(v["last_uid"])}
                                for k, v in data.get("folders", {}).items()}  # fmt: skip
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                raise ImapError(f"--state {path}: not a state file ({type(exc).__name__})") from None

    def last_uid(self, key: str, uidvalidity: int) -> int:
        """The last UID done in this folder; 0 (rescan) when UIDVALIDITY changed."""
        entry = self.folders.get(key)
        if entry is None or entry["uidvalidity"] != uidvalidity:
            return 0
        return entry["last_uid"]

    def record(self, key: str, uidvalidity: int, uid: int) -> None:
        self.folders[key] = {"uidvalidity": uidvalidity, "last_uid": uid}

    def save(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"version": 1, "folders": self.folders}, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)


def _dropped() -> tuple[type[BaseException], ...]:
    """What a lost connection raises: socket errors (TLS ones too) and imaplib's abort."""
    from imapclient.exceptions import IMAPClientAbortError

    return (OSError, IMAPClientAbortError, EOFError)


class FolderState(Protocol):
    """Where the last UID done per folder is kept: `State` (a JSON file) or the store's
    (store/results.py ImapState, with `scan --store`)."""

    def last_uid(self, key: str, uidvalidity: int) -> int: ...

    def record(self, key: str, uidvalidity: int, uid: int) -> None: ...

    def save(self) -> None: ...


class ImapSource:
    """One folder's messages as Items; `done(source)` after each result is written."""

    def __init__(
        self,
        url: ImapUrl,
        options: ImapOptions,
        limits: Limits = DEFAULT_SETTINGS.limits,
        state: FolderState | None = None,
    ) -> None:
        if not url.folder:
            raise ImapError(f"{url.base}: which folder? (imaps://user@host/FOLDER; --list-folders lists them)")
        self.url, self.options, self.limits = url, options, limits
        self.state: FolderState = state if state is not None else State(options.state)
        self.client: Any = None
        self.uidvalidity = 0
        self.bodies = 0
        """Message bodies fetched (a test counts them)."""
        self.found = 0
        """Messages yielded."""
        self._pending: dict[str, int] = {}
        self._account: tuple[str, str] | None = None
        if not os.environ.get(OAUTH2_ENV):
            self.credentials()  # asked now, before any progress display, and once for every reconnect

    def credentials(self) -> tuple[str, str]:
        """`account(url)`, found (or asked for) once."""
        if self._account is None:
            self._account = account(self.url)
        return self._account

    def _open(self) -> None:
        from imapclient.exceptions import IMAPClientError

        self.client = connect(self.url, self.options, self.credentials)
        try:
            info = self.client.select_folder(self.url.folder, readonly=not self.options.writable)
        except IMAPClientError as exc:
            _quietly_close(self.client)
            reason = str(exc).split("] ", 1)[-1][:200]
            raise ImapError(f"{self.url.base}: cannot open folder {self.url.folder!r}: {reason}") from None
        uidvalidity = int(info.get(b"UIDVALIDITY", 0))
        if self.uidvalidity and uidvalidity != self.uidvalidity:
            raise ImapError(f"{self.url.key}: UIDVALIDITY changed during the scan; run it again")
        self.uidvalidity = uidvalidity

    def _reopen(self, attempt: int, exc: BaseException) -> None:
        """After a lost connection: wait (1, 2, 4 … s) and reconnect, or give up."""
        if attempt > self.options.retries:
            lost = type(exc).__name__
            raise ImapError(f"{self.url.base}: connection lost ({lost}), gave up after {attempt - 1} retries")
        if self.client is not None:
            with contextlib.suppress(Exception):  # already gone
                self.client.shutdown()
        time.sleep(self.options.backoff * 2 ** (attempt - 1))
        try:
            self._open()
        except ImapError as again:
            if "cannot connect" not in str(again) and "connection lost" not in str(again):
                raise
            self._reopen(attempt + 1, again)

    def _retrying(self, action: Any) -> Any:
        attempt = 0
        while True:
            try:
                return action()
            except _dropped() as exc:
                attempt += 1
                self._reopen(attempt, exc)

    def items(self) -> Iterator[Item]:
        """The folder's messages after the state's last UID, in UID order."""
        self._retrying(self._open)
        start = self.state.last_uid(self.url.key, self.uidvalidity)
        uids = self._retrying(lambda: self.client.search(["UID", f"{start + 1}:*"]))
        todo = deque(sorted(uid for uid in uids if uid > start))
        while todo:
            batch = [todo[i] for i in range(min(_BATCH_UIDS, len(todo)))]
            for group in self._retrying(lambda batch=batch: self._groups(batch)):
                for item in self._retrying(lambda group=group: self._fetch(group)):
                    uid = todo.popleft()
                    self._pending[item.source] = uid
                    self.found += 1
                    yield item
            self.state.save()

    def _groups(self, uids: list[int]) -> list[list[tuple[int, int]]]:
        """`uids` with their sizes, in groups of at most _BATCH_BYTES of bodies to fetch."""
        sizes = self.client.fetch(uids, ["RFC822.SIZE"])
        groups: list[list[tuple[int, int]]] = [[]]
        total = 0
        for uid in uids:
            size = int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0))
            wanted = min(size, self.limits.max_message_bytes)
            if groups[-1] and total + wanted > _BATCH_BYTES:
                groups.append([])
                total = 0
            groups[-1].append((uid, size))
            total += wanted
        return groups

    def _fetch(self, group: list[tuple[int, int]]) -> list[Item]:
        """The group's bodies (a message over the limit only up to it), as Items in UID order."""
        limit = self.limits.max_message_bytes
        whole = [uid for uid, size in group if size <= limit]
        bodies: dict[int, bytes] = {}
        if whole:
            for uid, data in self.client.fetch(whole, ["BODY.PEEK[]"]).items():
                bodies[uid] = data.get(b"BODY[]") or b""
        for uid, size in group:
            if size > limit:
                data = self.client.fetch([uid], [f"BODY.PEEK[]<0.{limit}>"]).get(uid, {})
                bodies[uid] = data.get(b"BODY[]<0>") or b""
        self.bodies += len(bodies)
        return [self._item(uid, size, bodies.get(uid)) for uid, size in group]

    def _item(self, uid: int, size: int, data: bytes | None) -> Item:
        source = self.url.source(uid)
        if data is None:
            return Item(source, b"", error=f"{source}: gone from the server before it was read")
        if size > len(data):
            return Item(source, data, (Defect("MESSAGE_TRUNCATED", f"{size} bytes, read {len(data)}"),))
        return Item(source, data)

    def done(self, source: str) -> None:
        """`source`'s result is written: mark it seen or move it (when asked), and remember it."""
        uid = self._pending.pop(source, None)
        if uid is None:
            return
        from imapclient.exceptions import IMAPClientError

        try:
            if self.options.mark_seen:
                self._retrying(lambda: self.client.add_flags([uid], [b"\\Seen"], silent=True))
            if self.options.move_to:
                self._retrying(lambda: self._move(uid))
        except IMAPClientError as exc:
            reason = str(exc).split("] ", 1)[-1][:200]
            raise ImapError(f"{source}: could not mark or move it: {reason}") from None
        self.state.record(self.url.key, self.uidvalidity, uid)

    def _move(self, uid: int) -> None:
        if self.client.has_capability("MOVE"):
            self.client.move([uid], self.options.move_to)
            return
        self.client.copy([uid], self.options.move_to)
        self.client.add_flags([uid], [b"\\Deleted"], silent=True)
        self.client.expunge([uid] if self.client.has_capability("UIDPLUS") else None)

    def close(self) -> None:
        """Save the state (what was done so far) and log out."""
        self.state.save()
        if self.client is not None:
            _quietly_close(self.client)
            self.client = None
