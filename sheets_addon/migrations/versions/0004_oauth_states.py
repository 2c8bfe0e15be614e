"""one-time Conta Azul OAuth states; flows paused by their connection

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oauth_states",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("state_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_oauth_states_user_id", "oauth_states", ["user_id"])
    with op.batch_alter_table("flows") as batch:
        batch.add_column(sa.Column("paused_by", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("flows") as batch:
        batch.drop_column("paused_by")
    op.drop_index("ix_oauth_states_user_id", "oauth_states")
    op.drop_table("oauth_states")
