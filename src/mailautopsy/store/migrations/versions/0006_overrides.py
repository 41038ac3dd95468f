"""Analysts' verdict overrides and allow-/block-lists, each with its audit trail (docs/web.md).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _user() -> sa.Column[int]:
    return sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


def _analysis(primary_key: bool = False) -> sa.Column[str]:
    return sa.Column(
        "analysis_id",
        sa.String(36),
        sa.ForeignKey("analyses.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
        index=not primary_key,
    )


def upgrade() -> None:
    op.create_table(
        "verdict_overrides",
        _analysis(primary_key=True),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        _user(),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "verdict_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        _analysis(),
        sa.Column("old_verdict", sa.String(20), nullable=True),
        sa.Column("new_verdict", sa.String(20), nullable=True),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        _user(),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "list_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("list", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", sa.String(2000), nullable=False, unique=True),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        _user(),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "list_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("list", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", sa.String(2000), nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        _user(),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )


def downgrade() -> None:
    for table in ("list_changes", "list_entries", "verdict_changes", "verdict_overrides"):
        op.drop_table(table)
