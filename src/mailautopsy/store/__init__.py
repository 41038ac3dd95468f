"""The store: the database that the web app, `scan --store` and `analyze --store` share
(SQLAlchemy 2 models in `db.py`, created only by the Alembic migrations in `migrations/`)."""
