"""row records: the exactly-once ledger

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "row_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("flow_id", sa.Integer(), sa.ForeignKey("flows.id", ondelete="CASCADE"), nullable=False),
        sa.Column("row_key", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("intent", sa.JSON(), nullable=False),
        sa.Column("contaazul_id", sa.String(64)),
        sa.Column("contaazul_number", sa.Integer()),
        sa.Column("status_text", sa.String(1000)),
        sa.Column("retryable", sa.Boolean(), nullable=False),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("flow_id", "row_key", name="uq_row_records_flow_row_key"),
    )


def downgrade() -> None:
    op.drop_table("row_records")
