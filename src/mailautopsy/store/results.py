"""The results store of the command line: `scan --store URL` and `analyze --store URL`.

A store is the web app's database (SQLite file or `postgresql://…`, the same Alembic
migrations), opened by URL or by a plain path (a SQLite file). Results go in batches, each batch
one transaction, one row per message at a source (unique source + sha256: a batch written twice
adds nothing). A resumed scan asks `stored()` which of its sources are already done. The store
is also a sender history (`SENDER_FIRST_SEEN`) and keeps the IMAP folders' UIDVALIDITY and last
UID (`ImapState`). Credentials are never stored: sources name an IMAP account without its
password (imapsource refuses one in the address), and `display` hides a database password.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, func, insert, inspect, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..history import SenderRecord
from .db import ImapFolderState, ScanResult, make_engine, migrate, now

_QUERY_SOURCES = 500
"""Sources asked about in one query (well under SQLite's bound on parameters)."""


WEB_DATABASE = "mailautopsy.sqlite3"
"""The web app's database file in its data directory (`serve --data-dir`)."""


def store_url(text: str) -> str:
    """A database URL: `sqlite:///…`, `postgresql://…` as given; a folder is a web app's data
    directory (its database); anything else is a SQLite file."""
    if "://" in text:
        return text
    path = Path(text).expanduser().resolve()
    return f"sqlite:///{path / WEB_DATABASE if path.is_dir() else path}"


def display(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


@dataclass(frozen=True, slots=True)
class ResultRow:
    """What is stored of one result (the schema JSON and the columns lists filter on)."""

    sha256: str
    source: str
    status: str
    verdict: str
    score: int
    result_json: str
    brand: str = ""
    from_address: str = ""
    subject: str = ""
    message_date: str = ""
    """ISO 8601, as the JSON's extracted.date ("" when the mail has none)."""
    incomplete: bool = False


def _date(text: str) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return (when if when.tzinfo is not None else when.replace(tzinfo=UTC)).astimezone(UTC)


def _values(row: ResultRow, at: datetime) -> dict[str, Any]:
    return {
        "sha256": row.sha256,
        "source": row.source,
        "analysed_at": at,
        "message_date": _date(row.message_date),
        "from_address": row.from_address.lower()[:400],
        "subject": row.subject,
        "status": row.status,
        "incomplete": row.incomplete,
        "verdict": row.verdict if row.status == "analysed" else "",
        "score": row.score,
        "brand": row.brand[:200],
        "result_json": row.result_json,
    }


class ResultStore:
    """One open store; `close()` when done."""

    def __init__(self, location: str) -> None:
        self.url = store_url(location)
        self.display = display(self.url)
        try:
            if self.url.startswith("sqlite:///"):
                Path(self.url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = make_engine(self.url)
            if _revision(self.engine) == "0001":
                raise StoreError(
                    f"store {self.display}: a web app database of the first schema: start `mailautopsy serve` "
                    "on it once to upgrade it (that upgrade needs the server's key)"
                )
            migrate(self.engine)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"store {self.display}: cannot open it: {_reason(exc)}") from None

    def close(self) -> None:
        self.engine.dispose()

    def _insert(self) -> Any:
        from sqlalchemy.dialects import postgresql, sqlite

        insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        statement: Any = insert(ScanResult).on_conflict_do_nothing(index_elements=["source", "sha256"])
        return statement.returning(ScanResult.id)  # counts what was added, on every driver

    def put(self, rows: list[ResultRow], folders: Iterable[tuple[str, int, int]] = ()) -> int:
        """Store `rows` (and the IMAP `folders`' (key, uidvalidity, last UID)) in one
        transaction: all or nothing. A row already stored is left as it is. The count of rows
        added; StoreError (disk full, database gone …) when nothing could be written."""
        at = now()
        try:
            with self.engine.begin() as conn:
                added = 0
                if rows:
                    added = len(conn.execute(self._insert(), [_values(r, at) for r in rows]).all())
                for key, uidvalidity, uid in folders:
                    _save_folder(conn, key, uidvalidity, uid)
            return added
        except SQLAlchemyError as exc:
            raise StoreError(f"store {self.display}: cannot write results: {_reason(exc)}") from None

    def stored(self, sources: list[str]) -> dict[str, dict[str, str]]:
        """The stored results of these sources: source → {sha256: verdict, or the status of a
        message that was not analysed}."""
        out: dict[str, dict[str, str]] = {}
        try:
            with self.engine.connect() as conn:
                for i in range(0, len(sources), _QUERY_SOURCES):
                    part = sources[i : i + _QUERY_SOURCES]
                    q = select(ScanResult.source, ScanResult.sha256, ScanResult.status, ScanResult.verdict)
                    for source, sha, status, verdict in conn.execute(q.where(ScanResult.source.in_(part))):
                        out.setdefault(source, {})[sha] = verdict if status == "analysed" else status
        except SQLAlchemyError as exc:
            raise StoreError(f"store {self.display}: cannot read: {_reason(exc)}") from None
        return out

    def history(self, exclude_sha256: str = "") -> StoreSenderHistory:
        return StoreSenderHistory(self, exclude_sha256)

    def imap_state(self) -> ImapState:
        return ImapState(self)

    def rows(self) -> Iterator[tuple[str, str, int]]:
        """(sha256, verdict, score) of every analysed result (the benchmark and tests compare them)."""
        with self.engine.connect() as conn:
            q = select(ScanResult.sha256, ScanResult.verdict, ScanResult.score)
            for sha, verdict, score in conn.execute(q.where(ScanResult.status == "analysed")):
                yield str(sha), str(verdict), int(score)


def _revision(engine: Engine) -> str:
    """The schema's Alembic revision ("" for a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return ""
        return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")


def _reason(exc: BaseException) -> str:
    """The database's own words (sqlite3: "database or disk is full"), one line, no URL."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0][:300]


def _save_folder(conn: Any, key: str, uidvalidity: int, uid: int) -> None:
    row = conn.execute(select(ImapFolderState.folder).where(ImapFolderState.folder == key)).first()
    values = {"uidvalidity": uidvalidity, "last_uid": uid, "updated_at": now()}
    if row is None:
        conn.execute(insert(ImapFolderState).values(folder=key, **values))
    else:
        conn.execute(update(ImapFolderState).where(ImapFolderState.folder == key).values(**values))


class StoreSenderHistory:
    """The store as a sender history (history.SenderHistory): an address has written before
    when an analysed result has it as From; first seen is its earliest Date (or, when no
    result has a date, when it was first analysed). `exclude_sha256` leaves out the message
    being analysed, so storing it twice never makes its sender "known"."""

    def __init__(self, store: ResultStore, exclude_sha256: str = "") -> None:
        self.store = store
        self.exclude = exclude_sha256

    def lookup(self, address: str) -> SenderRecord | None:
        q = select(func.count(), func.min(ScanResult.message_date), func.min(ScanResult.analysed_at)).where(
            ScanResult.from_address == address.lower(), ScanResult.status == "analysed"
        )
        if self.exclude:
            q = q.where(ScanResult.sha256 != self.exclude)
        try:
            with self.store.engine.connect() as conn:
                count, first_date, first_analysed = conn.execute(q).one()
        except SQLAlchemyError as exc:
            raise StoreError(f"store {self.store.display}: cannot read: {_reason(exc)}") from None
        if not count:
            return None
        first = first_date or first_analysed
        return SenderRecord(first if first.tzinfo else first.replace(tzinfo=UTC), int(count))


class ImapState:
    """imapsource's folder state kept in the store (instead of `--state FILE`): `last_uid()`
    reads it, `record()` notes a UID whose result is stored, `save()` writes what was noted.
    The scan records a UID only once its result's batch is committed, so the state never runs
    ahead of the results."""

    def __init__(self, store: ResultStore) -> None:
        self.store = store
        self._noted: dict[str, tuple[int, int]] = {}

    def last_uid(self, key: str, uidvalidity: int) -> int:
        """The last UID stored from this folder; 0 (read it all) when UIDVALIDITY changed."""
        q = select(ImapFolderState.uidvalidity, ImapFolderState.last_uid).where(ImapFolderState.folder == key)
        try:
            with self.store.engine.connect() as conn:
                row = conn.execute(q).first()
        except SQLAlchemyError as exc:
            raise StoreError(f"store {self.store.display}: cannot read: {_reason(exc)}") from None
        if row is None or int(row[0]) != uidvalidity:
            return 0
        return int(row[1])

    def record(self, key: str, uidvalidity: int, uid: int) -> None:
        old = self._noted.get(key)
        if old is None or old[0] != uidvalidity or uid > old[1]:
            self._noted[key] = (uidvalidity, uid)

    def save(self) -> None:
        if self._noted:
            self.store.put([], [(key, v, uid) for key, (v, uid) in self._noted.items()])
            self._noted.clear()
