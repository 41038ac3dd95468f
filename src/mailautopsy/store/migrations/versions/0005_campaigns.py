"""Campaigns: near-duplicate mails grouped by the MinHash of their skeleton (campaign/). Keyed by
the mail's sha256, so stored results join their campaign. `campaign_bands` holds the LSH band
keys of each campaign's representatives (indexed: a lookup reads only the rows sharing a key).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("sample_sha256", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False, server_default=""),
        sa.Column("brands", sa.Text, nullable=False, server_default="{}"),
        sa.Column("sender_domains", sa.Text, nullable=False, server_default="{}"),
        sa.Column("link_domains", sa.Text, nullable=False, server_default="{}"),
        sa.Column("verdicts", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_table(
        "campaign_members",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column(
            "campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_table(
        "campaign_signatures",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("tiny", sa.Boolean, nullable=False),
    )
    op.create_table(
        "campaign_bands",
        sa.Column("key", sa.BigInteger, nullable=False, index=True),
        sa.Column(
            "sha256", sa.String(64), sa.ForeignKey("campaign_signatures.sha256", ondelete="CASCADE"), nullable=False
        ),
    )


def downgrade() -> None:
    op.drop_table("campaign_bands")
    op.drop_table("campaign_signatures")
    op.drop_table("campaign_members")
    op.drop_table("campaigns")
