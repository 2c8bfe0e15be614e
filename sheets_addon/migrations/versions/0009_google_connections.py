"""google connections: a user's own Google consent (offline), and what each OAuth state is for

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "google_connections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
                  unique=True),
        sa.Column("google_email", sa.String(320), nullable=False),
        sa.Column("scopes", sa.String(1000), nullable=False),
        sa.Column("encrypted_tokens", sa.LargeBinary()),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("status_reason", sa.String(500)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("oauth_states") as states:
        states.add_column(sa.Column("purpose", sa.String(16), nullable=False, server_default="contaazul"))


def downgrade() -> None:
    with op.batch_alter_table("oauth_states") as states:
        states.drop_column("purpose")
    op.drop_table("google_connections")
