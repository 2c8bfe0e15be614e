"""shared rate limits: Conta Azul's per-company limit held across every process on one database

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_limit_keys",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("paused_until", sa.Double()),
    )
    op.create_table(
        "rate_limit_calls",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("started_at", sa.Double(), nullable=False),
        sa.Column("ended_at", sa.Double()),
    )
    op.create_index("ix_rate_limit_calls_key_ended", "rate_limit_calls", ["key", "ended_at"])


def downgrade() -> None:
    op.drop_index("ix_rate_limit_calls_key_ended", table_name="rate_limit_calls")
    op.drop_table("rate_limit_calls")
    op.drop_table("rate_limit_keys")
