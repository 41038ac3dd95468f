"""Alembic environment: run with the connection mailautopsy hands over (store/db.py migrate)."""

from __future__ import annotations

from alembic import context

from mailautopsy.store.db import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` run by hand without mailautopsy
    raise RuntimeError("run migrations through mailautopsy.store.db.migrate(engine)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
