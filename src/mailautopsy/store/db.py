"""The database: SQLAlchemy 2 models and the Alembic migrations that create them.

SQLite in the data directory by default; `postgresql://…` (psycopg 3) when given. The schema
is only ever created by the migrations in `migrations/versions`, on start."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))  # analyst | reporter
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class WebSession(Base):
    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie value
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StoredAnalysis(Base):
    __tablename__ = "analyses"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    filename: Mapped[str] = mapped_column(String(300), default="")
    options: Mapped[str] = mapped_column(String(40), default="")  # "", "online", "online,visit"
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)  # queued running done failed
    progress: Mapped[str] = mapped_column(String(200), default="")
    verdict: Mapped[str] = mapped_column(String(20), default="", index=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    brand: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    from_address: Mapped[str] = mapped_column(String(400), default="", index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    result_json: Mapped[str] = mapped_column(Text, default="")
    """The analysis as docs/schema.json describes it: what pages, API and search read."""
    enrichment: Mapped[str] = mapped_column(Text, default="")
    """The online investigation's facts as JSON (web/enrichment.py), "" for offline analyses.
    Reports and the result page re-analyse `raw` and add these: nothing stored is a pickle."""
    raw: Mapped[bytes] = mapped_column(LargeBinary)


class Indicator(Base):
    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[str] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # domain hostname ip url email sha256
    value: Mapped[str] = mapped_column(String(2000), index=True)


class AnalysisLabel(Base):
    """An analyst's judgement of an analysis: "phishing" or "legitimate" (docs/web.md, feedback)."""

    __tablename__ = "labels"
    analysis_id: Mapped[str] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True)
    label: Mapped[str] = mapped_column(String(20))  # phishing | legitimate
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    labelled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class LabelChange(Base):
    """Every label change, kept (the audit trail), and the queue the trainer applies in `id` order:
    `applied` says whether the deployment's model has learnt it, so a restart resumes."""

    __tablename__ = "label_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[str] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    old_label: Mapped[str | None] = mapped_column(String(20), nullable=True)
    new_label: Mapped[str | None] = mapped_column(String(20), nullable=True)  # None: cleared
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    note: Mapped[str] = mapped_column(String(300), default="")
    """How it came: "" (page or API) or "import: <who> <when>" from a labels file."""
    applied: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    outcome: Mapped[str] = mapped_column(String(100), default="")
    """What the model did: "learnt phish", "forgotten", … or why it could not."""


class ScanResult(Base):
    """One result of `scan --store` or `analyze --store` (store/results.py): the schema JSON and
    what lists, filters and the sender history need of it. No raw mail: it stays in its mailbox
    (docs/store.md says why). Stored exactly once per message at a source: (source, sha256)."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("source", "sha256", name="uq_results_source_sha256"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    """Of the message's bytes as read (an mbox entry unquoted; cut at the size limit if over it)."""
    source: Mapped[str] = mapped_column(Text)
    """A path, `path:N` (the Nth message of an mbox), or `imaps://user@host/FOLDER;UID=n`."""
    analysed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    message_date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    from_address: Mapped[str] = mapped_column(String(400), default="", index=True)
    """The first From address, in lower case ("" when none)."""
    subject: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="analysed", index=True)
    """analysed | not_mail | unreadable (an incomplete analysis is `analysed`, `incomplete`)."""
    incomplete: Mapped[bool] = mapped_column(Boolean, default=False)
    verdict: Mapped[str] = mapped_column(String(20), default="", index=True)
    score: Mapped[int] = mapped_column(Integer, default=0)
    brand: Mapped[str] = mapped_column(String(200), default="")
    result_json: Mapped[str] = mapped_column(Text, default="")


class ImapFolderState(Base):
    """`scan imaps://… --store`: UIDVALIDITY and the last UID whose result is stored, per folder."""

    __tablename__ = "imap_state"
    folder: Mapped[str] = mapped_column(String(1000), primary_key=True)
    """`imaps://user@host[:port]/FOLDER` (imapsource.ImapUrl.key): never a password."""
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class VerdictOverride(Base):
    """An analyst's final verdict on an analysis, with the reason (docs/web.md, "Overrides"):
    what reporters see instead of the automatic verdict, which the row keeps."""

    __tablename__ = "verdict_overrides"
    analysis_id: Mapped[str] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(20))  # phishing | suspicious | spam | clean
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class VerdictChange(Base):
    """Every override set, changed or withdrawn (the audit trail): who, when, old, new, why."""

    __tablename__ = "verdict_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    analysis_id: Mapped[str] = mapped_column(ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    old_verdict: Mapped[str | None] = mapped_column(String(20), nullable=True)  # None: no override before
    new_verdict: Mapped[str | None] = mapped_column(String(20), nullable=True)  # None: withdrawn
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ListEntry(Base):
    """One allow- or block-listed sender address, domain or URL prefix; later analyses use them
    (checks/lists.py), and they export as a config file's `[lists]`."""

    __tablename__ = "list_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list: Mapped[str] = mapped_column(String(10))  # allow | block
    kind: Mapped[str] = mapped_column(String(10))  # sender | domain | url
    value: Mapped[str] = mapped_column(String(2000), unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ListChange(Base):
    """Every list entry added or removed (the audit trail)."""

    __tablename__ = "list_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(10))  # add | remove
    list: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(2000))
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    # More connections than request threads (anyio's 40), so a request never waits on another's.
    engine = create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=40, pool_timeout=60)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

    return engine


def migrate(engine: Engine, key: bytes | None = None, revision: str = "head") -> None:
    """Bring the schema to `revision` (Alembic, from this package's migrations). `key` is the
    server's secret: migration 0002 needs it to read the online facts out of the signed pickles
    that revision 0001 stored (without it those rows keep their JSON and lose only those facts)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("mailautopsy.store") / "migrations"))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        cfg.attributes["key"] = key
        command.upgrade(cfg, revision)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
