"""request limit hits: the API's nudge and OAuth callback limits held across every web process

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_limit_hits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("at", sa.Double(), nullable=False),
    )
    op.create_index("ix_request_limit_hits_key_at", "request_limit_hits", ["key", "at"])
    op.create_index("ix_request_limit_hits_at", "request_limit_hits", ["at"])


def downgrade() -> None:
    op.drop_index("ix_request_limit_hits_at", table_name="request_limit_hits")
    op.drop_index("ix_request_limit_hits_key_at", table_name="request_limit_hits")
    op.drop_table("request_limit_hits")
