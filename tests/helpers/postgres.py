"""The test database of a web test: SQLite (None: the app's own file) or a PostgreSQL schema of
its own on MAILAUTOPSY_TEST_POSTGRES (tests run in parallel), dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text

from .system import skip_missing

POSTGRES = os.environ.get("MAILAUTOPSY_TEST_POSTGRES", "")


def _run(sql: str) -> None:
    engine = create_engine(POSTGRES.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text(sql))
    engine.dispose()


@contextmanager
def database_url(kind: str) -> Iterator[str | None]:
    """`kind` "sqlite": None. "postgresql": a URL whose search path is a fresh schema; skipped
    with the reason when no server is named, failed when MAILAUTOPSY_REQUIRE_SYSTEM_DEPS=1."""
    if kind == "sqlite":
        yield None
        return
    if not POSTGRES:
        skip_missing("no PostgreSQL (set MAILAUTOPSY_TEST_POSTGRES)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    _run(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES}{'&' if '?' in POSTGRES else '?'}options=-csearch_path%3D{schema}"
    finally:
        _run(f"DROP SCHEMA {schema} CASCADE")
