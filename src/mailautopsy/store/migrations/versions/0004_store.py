"""The command line's results (`scan --store`, `analyze --store`) and the IMAP folders' state.

`results` keeps one row per message at a source (unique source + sha256, so a resumed scan
never stores a message twice) with the schema JSON; `imap_state` the UIDVALIDITY and last UID
stored per folder, which `--state FILE` keeps in a JSON file without a store.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("message_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("from_address", sa.String(400), nullable=False, server_default="", index=True),
        sa.Column("subject", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.String(20), nullable=False, server_default="analysed", index=True),
        sa.Column("incomplete", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("verdict", sa.String(20), nullable=False, server_default="", index=True),
        sa.Column("score", sa.Integer, nullable=False, server_default="0"),
        sa.Column("brand", sa.String(200), nullable=False, server_default=""),
        sa.Column("result_json", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("source", "sha256", name="uq_results_source_sha256"),
    )
    op.create_table(
        "imap_state",
        sa.Column("folder", sa.String(1000), primary_key=True),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("last_uid", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("imap_state")
    op.drop_table("results")
