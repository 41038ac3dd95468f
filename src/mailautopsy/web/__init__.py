"""The team web app and HTTP API (`mailautopsy serve`): submit a suspicious mail, get the
dissection, keep the history. FastAPI, server-rendered templates, SQLite by default or
PostgreSQL, SQLAlchemy 2 with Alembic migrations."""
