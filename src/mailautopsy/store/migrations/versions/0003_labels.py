"""Analysts' labels (phishing / legitimate) and their audit trail, which is also the queue the
feedback trainer applies to the deployment's content model (web/feedback.py).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labels",
        sa.Column("analysis_id", sa.String(36), sa.ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("labelled_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "label_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "analysis_id",
            sa.String(36),
            sa.ForeignKey("analyses.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("old_label", sa.String(20), nullable=True),
        sa.Column("new_label", sa.String(20), nullable=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(300), nullable=False, server_default=""),
        sa.Column("applied", sa.Boolean, nullable=False, server_default=sa.false(), index=True),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(100), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("label_changes")
    op.drop_table("labels")
