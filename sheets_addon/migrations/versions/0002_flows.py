"""flows

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flows",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "connection_id",
            sa.Integer(),
            sa.ForeignKey("contaazul_connections.id", ondelete="SET NULL"),
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("spreadsheet_id", sa.String(200), nullable=False),
        sa.Column("worksheet", sa.String(200), nullable=False),
        sa.Column("trigger_column", sa.String(200), nullable=False),
        sa.Column("status_column", sa.String(200), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("sheet_layout", sa.JSON()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_flows_user_id", "flows", ["user_id"])
    op.create_index("ix_flows_spreadsheet_id", "flows", ["spreadsheet_id"])


def downgrade() -> None:
    op.drop_index("ix_flows_spreadsheet_id", "flows")
    op.drop_index("ix_flows_user_id", "flows")
    op.drop_table("flows")
