"""Stored results without pickles: the schema JSON (already stored) plus the raw mail, and the
online investigation's facts as JSON in `analyses.enrichment`; `analyses.result_blob` (signed
pickles of `Analysis`, which any refactor of a dataclass would have made unreadable) is dropped.

The facts of online analyses are read out of the old pickles once, here, when the server's key
is at hand (web/db.py migrate) and the pickle still loads; otherwise such a row keeps its JSON
and its online findings and loses only the facts section of its re-rendered reports.

Revision ID: 0002
Revises: 0001
"""

import hashlib
import hmac
import pickle
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _facts(key: bytes | None, blob: bytes) -> str:
    """The online facts of one signed pickle as JSON, or "" (no key, not ours, not loadable)."""
    from mailautopsy.web.stored import enrichment_json

    mac, data = blob[:32], blob[32:]
    if key is None or len(blob) <= 32 or not hmac.compare_digest(mac, hmac.new(key, data, hashlib.sha256).digest()):
        return ""
    try:
        result: Any = pickle.loads(data)  # signed by this server's key: written by this server only
    except Exception:  # a class that moved or changed since: the facts are lost, the row is not
        return ""
    enrichment = getattr(result, "enrichment", None)
    return enrichment_json(enrichment) if enrichment is not None else ""


def upgrade() -> None:
    op.add_column("analyses", sa.Column("enrichment", sa.Text, nullable=False, server_default=""))
    key = context.config.attributes.get("key")
    analyses = sa.table("analyses", sa.column("id", sa.String), sa.column("options", sa.String))
    blobs = sa.table("analyses", sa.column("id", sa.String), sa.column("result_blob", sa.LargeBinary))
    conn = op.get_bind()
    online = conn.execute(sa.select(analyses.c.id).where(analyses.c.options != "")).scalars().all()
    for analysis_id in online:  # only online analyses have facts; one row in memory at a time
        blob = conn.execute(sa.select(blobs.c.result_blob).where(blobs.c.id == analysis_id)).scalar() or b""
        facts = _facts(key, bytes(blob))
        if facts:
            conn.execute(
                sa.text("UPDATE analyses SET enrichment = :facts WHERE id = :id"), {"facts": facts, "id": analysis_id}
            )
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("result_blob")


def downgrade() -> None:
    # The pickles are not written again: rows re-analyse their raw mail whatever the revision.
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("result_blob", sa.LargeBinary, nullable=False, server_default=sa.text("''")))
    with op.batch_alter_table("analyses") as batch:
        batch.drop_column("enrichment")
